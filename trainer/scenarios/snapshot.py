"""Where a run can resume: the runner's snapshot, one typed value.

A :class:`Snapshot` holds ids only — the scenario and its version, the
current step, how many hints were given on it, the steps shown so far, the
way it is played — never anything a learner typed. The runner makes it
(``Run.snapshot()``) and resumes from it (``Run.resume``); the progress record
and the app's ``resume.json`` store its :meth:`Snapshot.to_dict` and read it
back with :meth:`Snapshot.from_dict`.

The stored form is versioned (``snapshot_version``). A dict without the key is
the first version (every snapshot stored before the key existed). A dict of
another version, or with a value of the wrong type, is refused with
:class:`SnapshotError` and the learner simply starts the scenario afresh.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

SNAPSHOT_VERSION = 1
"""The version :meth:`Snapshot.to_dict` writes and :meth:`Snapshot.from_dict` reads."""

FIELDS = ("scenario_id", "scenario_version", "step_id", "hint_level", "path", "mode")
"""The keys of the stored form besides ``snapshot_version`` (``mode`` is optional)."""


class SnapshotError(ValueError, TypeError):
    """A stored snapshot that cannot be resumed from (another version, a missing id, a
    value of the wrong type). Both a ``ValueError`` and a ``TypeError``: the record's
    checks raised one or the other before, and callers may catch either."""


@dataclass(frozen=True)
class Snapshot:
    """A run's resume point, ids only."""

    scenario_id: str
    scenario_version: int
    step_id: str
    """The current step: a resumed run shows it again."""
    hint_level: int = 0
    """How many hints were given on the current step."""
    path: tuple[str, ...] = ()
    """The ids of the steps shown, in order, the current step last."""
    mode: str | None = None
    """How the run is played (``trainer.scenarios.modes.MODES``); None in snapshots stored before modes."""

    @property
    def shown_before(self) -> tuple[str, ...]:
        """The steps shown before the current one: where a resumed run's path
        starts, since showing the current step again adds it to the path."""
        if self.path and self.path[-1] == self.step_id:
            return self.path[:-1]
        return self.path

    def to_dict(self) -> dict[str, Any]:
        """The stored form (JSON-ready); ``mode`` only when known."""
        stored: dict[str, Any] = {
            "snapshot_version": SNAPSHOT_VERSION,
            "scenario_id": self.scenario_id,
            "scenario_version": self.scenario_version,
            "step_id": self.step_id,
            "hint_level": self.hint_level,
            "path": list(self.path),
        }
        if self.mode is not None:
            stored["mode"] = self.mode
        return stored

    @classmethod
    def of(cls, value: Snapshot | Mapping[str, Any] | None) -> Snapshot | None:
        """``value`` as a snapshot: itself, read from its stored form, or None
        (for None, an empty mapping, or a stored form that cannot be read)."""
        if value is None or isinstance(value, Snapshot):
            return value
        try:
            return cls.from_dict(value)
        except SnapshotError:
            return None

    @classmethod
    def from_dict(cls, stored: Mapping[str, Any]) -> Snapshot:
        """Read a stored snapshot (this version's, or one stored before versions).

        Unknown keys are ignored. Raises :class:`SnapshotError` for another
        version, a missing id or a value of the wrong type — never anything
        else, so a damaged file or row can only mean "start afresh".
        """
        if not isinstance(stored, Mapping):
            raise SnapshotError(f"a resume snapshot is a mapping, not {type(stored).__name__}")
        version = stored.get("snapshot_version", 1)
        if version != SNAPSHOT_VERSION or isinstance(version, bool):
            raise SnapshotError(f"resume snapshot version {version!r} is not {SNAPSHOT_VERSION}")
        hint_level = stored.get("hint_level")
        path = stored.get("path")
        mode = stored.get("mode")
        return cls(
            scenario_id=_text(stored, "scenario_id"),
            scenario_version=_number(stored, "scenario_version"),
            step_id=_text(stored, "step_id"),
            hint_level=0 if hint_level is None else _number(stored, "hint_level"),
            path=() if path is None else _ids(path),
            mode=mode if isinstance(mode, str) else None,
        )


def _text(stored: Mapping[str, Any], key: str) -> str:
    if key not in stored:
        raise SnapshotError(f"resume snapshot lacks {key!r}")
    value = stored[key]
    if not isinstance(value, str):
        raise SnapshotError(f"resume snapshot {key!r} must be a str")
    return value


def _number(stored: Mapping[str, Any], key: str) -> int:
    if key not in stored:
        raise SnapshotError(f"resume snapshot lacks {key!r}")
    value = stored[key]
    if isinstance(value, bool) or not isinstance(value, int):
        raise SnapshotError(f"resume snapshot {key!r} must be an int")
    return value


def _ids(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise SnapshotError("resume snapshot 'path' must be a list of step ids")
    return tuple(value)
