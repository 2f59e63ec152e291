"""Plain values that travel from the recorder to the database (or the outbox).

A :class:`Unit` is everything one learner action changes on one attempt:
maybe the attempt's creation, the events the runner emitted, the new resume
snapshot, the attempt's end. A unit is written in one transaction, never
split; replaying it (from the outbox, after an outage) changes nothing that
is already there, because every row has a client-made UUID.

Units turn into JSON for the outbox. They hold ids, outcomes and times only:
:func:`clean_snapshot` refuses anything in a snapshot that is not an id.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from trainer.progress.models import ID_LENGTH, AttemptStatus, EventKind, JudgementResult
from trainer.scenarios.snapshot import Snapshot

log = logging.getLogger("trainer.progress")

#: The keys a resume snapshot may have, and the type of each value.
SNAPSHOT_KEYS: dict[str, type] = {
    "scenario_id": str,
    "scenario_version": int,
    "step_id": str,
    "hint_level": int,
    "path": list,
}
#: How an attempt is played (``trainer.scenarios.modes.MODES``): stored per attempt, kept in its snapshot.
PLAY_MODES = ("watch", "try", "alone")


def clean_snapshot(snapshot: Snapshot | Mapping[str, Any]) -> dict[str, Any]:
    """The stored form of ``snapshot`` (:meth:`Snapshot.to_dict`) holding only its id fields.

    Unknown keys are dropped (and named in the log, without their values) so a
    typed value can never ride along into the record; ids are cut to the
    record's length and a mode the record does not know is left out. Raises
    ``TypeError`` / ``ValueError`` (:class:`SnapshotError` is both) for a
    snapshot that cannot be a resume point.
    """
    if not isinstance(snapshot, Snapshot):
        if not isinstance(snapshot, Mapping):
            raise TypeError(f"a resume snapshot is a mapping, not {type(snapshot).__name__}")
        missing = [key for key in SNAPSHOT_KEYS if key not in snapshot]
        if missing:
            raise ValueError(f"resume snapshot lacks {missing[0]!r}")
        extra = sorted(set(snapshot) - set(SNAPSHOT_KEYS) - {"mode", "snapshot_version"})
        if extra:
            log.warning("resume snapshot keys not stored: %s", ", ".join(map(str, extra)))
        snapshot = Snapshot.from_dict(snapshot)
    return replace(
        snapshot,
        scenario_id=snapshot.scenario_id[:ID_LENGTH],
        step_id=snapshot.step_id[:ID_LENGTH],
        path=tuple(step[:ID_LENGTH] for step in snapshot.path),
        mode=snapshot.mode if snapshot.mode in PLAY_MODES else None,  # older snapshots have none
    ).to_dict()


def _ts(value: dt.datetime) -> str:
    return value.isoformat()


def _parse_ts(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value)


def _short(value: str | None) -> str | None:
    return None if value is None else str(value)[:ID_LENGTH]


@dataclass(frozen=True, slots=True)
class EventRecord:
    """One step event as it will be stored (see ``models.StepEvent``)."""

    id: uuid.UUID
    seq: int
    kind: EventKind
    step_id: str
    created_at: dt.datetime
    result: JudgementResult | None = None
    mistake_id: str | None = None
    action_kind: str | None = None
    target_id: str | None = None
    outcome: str | None = None
    hint_level: int | None = None
    helper_assisted: bool = False
    duration_ms: int | None = None

    def row(self, attempt_id: uuid.UUID, scenario_id: str) -> dict[str, Any]:
        return {
            "id": self.id,
            "attempt_id": attempt_id,
            "seq": self.seq,
            "scenario_id": scenario_id,
            "kind": self.kind,
            "step_id": self.step_id,
            "result": self.result,
            "mistake_id": self.mistake_id,
            "action_kind": self.action_kind,
            "target_id": self.target_id,
            "outcome": self.outcome,
            "hint_level": self.hint_level,
            "helper_assisted": self.helper_assisted,
            "duration_ms": self.duration_ms,
            "created_at": self.created_at,
        }

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id.hex,
            "seq": self.seq,
            "kind": self.kind.value,
            "step": self.step_id,
            "at": _ts(self.created_at),
        }
        optional = {
            "result": self.result.value if self.result else None,
            "mistake": self.mistake_id,
            "action": self.action_kind,
            "target": self.target_id,
            "outcome": self.outcome,
            "hint": self.hint_level,
            "ms": self.duration_ms,
        }
        data.update({k: v for k, v in optional.items() if v is not None})
        if self.helper_assisted:
            data["helped"] = True
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> EventRecord:
        return cls(
            id=uuid.UUID(data["id"]),
            seq=int(data["seq"]),
            kind=EventKind(data["kind"]),
            step_id=data["step"],
            created_at=_parse_ts(data["at"]),
            result=JudgementResult(data["result"]) if "result" in data else None,
            mistake_id=data.get("mistake"),
            action_kind=data.get("action"),
            target_id=data.get("target"),
            outcome=data.get("outcome"),
            hint_level=data.get("hint"),
            helper_assisted=bool(data.get("helped", False)),
            duration_ms=data.get("ms"),
        )


@dataclass(frozen=True, slots=True)
class AttemptStart:
    """Create the attempt if it is not there yet (and retire older unfinished ones)."""

    scenario_version: int
    started_at: dt.datetime
    session_id: uuid.UUID | None = None
    mode: str = "try"


@dataclass(frozen=True, slots=True)
class AttemptEnd:
    """The attempt finished (outcome) or was abandoned (stays resumable)."""

    status: AttemptStatus
    ended_at: dt.datetime
    outcome: str | None = None


@dataclass(frozen=True, slots=True)
class Unit:
    """What one learner action changes on one attempt; written in one transaction."""

    attempt_id: uuid.UUID
    learner_id: uuid.UUID
    scenario_id: str
    start: AttemptStart | None = None
    #: True when a resumed attempt becomes "in progress" again.
    reopen: bool = False
    events: tuple[EventRecord, ...] = ()
    #: When ``snapshot_set``: the new resume snapshot (None clears it).
    snapshot_set: bool = False
    snapshot: dict[str, Any] | None = None
    end: AttemptEnd | None = None

    @property
    def weight(self) -> int:
        """How many records this unit is worth in "waiting to be saved" counts."""
        return max(1, len(self.events))

    @property
    def max_seq(self) -> int | None:
        return max((e.seq for e in self.events), default=None)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "attempt": self.attempt_id.hex,
            "learner": self.learner_id.hex,
            "scenario": self.scenario_id,
        }
        if self.start is not None:
            data["start"] = {
                "version": self.start.scenario_version,
                "at": _ts(self.start.started_at),
                "session": self.start.session_id.hex if self.start.session_id else None,
                "mode": self.start.mode,
            }
        if self.reopen:
            data["reopen"] = True
        if self.events:
            data["events"] = [e.to_json() for e in self.events]
        if self.snapshot_set:
            data["snapshot"] = self.snapshot
        if self.end is not None:
            data["end"] = {"status": self.end.status.value, "at": _ts(self.end.ended_at), "outcome": self.end.outcome}
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Unit:
        start = data.get("start")
        end = data.get("end")
        return cls(
            attempt_id=uuid.UUID(data["attempt"]),
            learner_id=uuid.UUID(data["learner"]),
            scenario_id=data["scenario"],
            start=AttemptStart(
                scenario_version=int(start["version"]),
                started_at=_parse_ts(start["at"]),
                session_id=uuid.UUID(start["session"]) if start.get("session") else None,
                mode=start["mode"] if start.get("mode") in PLAY_MODES else "try",
            )
            if start
            else None,
            reopen=bool(data.get("reopen", False)),
            events=tuple(EventRecord.from_json(e) for e in data.get("events", ())),
            snapshot_set="snapshot" in data,
            snapshot=data.get("snapshot"),
            end=AttemptEnd(status=AttemptStatus(end["status"]), ended_at=_parse_ts(end["at"]), outcome=end.get("outcome"))
            if end
            else None,
        )


def short_id(value: str | None) -> str | None:
    """Clip an id-like value to the stored length (None stays None)."""
    return _short(value)
