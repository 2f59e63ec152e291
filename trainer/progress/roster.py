"""The learner names last seen, kept on this PC so learners can choose themselves offline.

:class:`LearnerChoices` gives the learner picker what it needs
(``list_learners``, ``list_groups``). Each time the record answers, the
names (ids, display names, class names — nothing else, no progress) are
written to ``learners-seen.json`` in the data folder, owner-only. When the
record cannot be read (the shared server is down at start, the disk is
full), the picker gets these names instead and ``from_cache`` is True;
what those learners do waits in the outbox like any other record. A learner
deleted by an instructor is removed from the file at once. The file names
the record the names were seen on (a hash of its URL without the password):
when this PC is pointed at another record, the names of the old one are
never offered for it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

from trainer.progress.learners import GroupInfo, LearnerDirectory, LearnerInfo

log = logging.getLogger("trainer.progress")

ROSTER_FILENAME = "learners-seen.json"
ROSTER_FORMAT = "trainer.learners-seen"


def record_tag(url: Any) -> str:
    """A short tag naming which record the names were seen on (its URL without the password, hashed)."""
    try:
        shown = make_url(url).render_as_string(hide_password=True)
    except Exception as exc:
        log.debug("a database URL could not be parsed for the name list's tag: %s", type(exc).__name__)
        shown = str(url)
    return hashlib.sha256(shown.encode("utf-8")).hexdigest()[:16]


class LearnerChoices:
    """The picker's source: the record when it answers, the names last seen when it does not."""

    def __init__(self, directory: LearnerDirectory, path: str | os.PathLike[str]) -> None:
        self.directory = directory
        self.path = Path(path)
        self.from_cache = False
        self._lock = threading.Lock()
        self._offline = False
        self.record = record_tag(directory.engine.url)

    # -- what the picker calls -----------------------------------------------------------

    def list_groups(self) -> list[GroupInfo]:
        if self._offline:  # asked once and it did not answer: only reachable() asks again
            return self._cached_groups()
        try:
            groups = self.directory.list_groups()
        except Exception as exc:
            log.warning("groups unavailable, using the names last seen: %s", type(exc).__name__)
            self._went_offline()
            return self._cached_groups()
        return groups

    def list_learners(self, group_id: uuid.UUID | None = None) -> list[LearnerInfo]:
        if not self._offline:
            try:
                learners = self.directory.list_learners(group_id)
            except Exception as exc:
                log.warning("learners unavailable, using the names last seen: %s", type(exc).__name__)
                self._went_offline()
            else:
                self.from_cache = False
                if group_id is None:
                    self._save(learners, self._groups_quietly())
                return learners
        cached = self._cached_learners()
        return [x for x in cached if group_id is None or x.group_id == group_id]

    def find_learners(self, group_id: uuid.UUID | None = None, text: str | None = None,
                      limit: int | None = None) -> list[LearnerInfo]:
        """At most ``limit`` names containing ``text`` (see ``LearnerDirectory.find_learners``); when
        that is everyone, they are kept on this PC as :meth:`list_learners` keeps them."""
        if not self._offline:
            try:
                learners = self.directory.find_learners(group_id, text, limit)
            except Exception as exc:
                log.warning("learners unavailable, using the names last seen: %s", type(exc).__name__)
                self._went_offline()
            else:
                self.from_cache = False
                if group_id is None and not text and (limit is None or len(learners) < limit):
                    self._save(learners, self._groups_quietly())
                return learners
        needle = (text or "").casefold()
        cached = [x for x in self._cached_learners()
                  if (group_id is None or x.group_id == group_id) and needle in x.display_name.casefold()]
        return cached if limit is None else cached[:limit]

    def assume_offline(self) -> None:
        """The record did not answer just now (at opening): use the names kept here until :meth:`reachable`."""
        self._went_offline()

    def _went_offline(self) -> None:
        self.from_cache = True
        self._offline = True

    def reachable(self) -> bool:
        """True when the record answers now (call off the UI thread: a server may take seconds).

        Once the record did not answer, the picker's calls use the names kept
        here without asking it (a server that does not answer takes the
        connect timeout, 3 s, per question — on the UI thread); this is the
        one call that asks again, and when it answers the picker's calls go
        to the record once more.
        """
        try:
            self.directory.list_groups()
        except Exception as exc:
            log.debug("the record is still unreachable: %s", type(exc).__name__)
            return False
        self._offline = False
        return True

    def forget(self, learner_id: uuid.UUID) -> int:
        """Remove a deleted learner from the names kept on this PC."""
        data = self._read()
        kept = [x for x in data.get("learners", []) if x.get("id") != str(learner_id)]
        if len(kept) != len(data.get("learners", [])):
            data["learners"] = kept
            self._write(data)
        return 0

    # -- the file ------------------------------------------------------------------------

    def _groups_quietly(self) -> list[GroupInfo]:
        try:
            return self.directory.list_groups()
        except Exception as exc:
            log.debug("the groups could not be read; the names seen last are shown: %s", type(exc).__name__)
            return self._cached_groups()

    def _save(self, learners: list[LearnerInfo], groups: list[GroupInfo]) -> None:
        data = {
            "format": ROSTER_FORMAT,
            "record": self.record,
            "learners": [{"id": str(x.id), "name": x.display_name,
                          "group_id": str(x.group_id) if x.group_id else None, "group": x.group_name}
                         for x in learners],
            "groups": [{"id": str(g.id), "name": g.name} for g in groups],
        }
        if data != self._read():
            self._write(data)

    def _read(self) -> dict[str, Any]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return raw if isinstance(raw, dict) and raw.get("format") == ROSTER_FORMAT else {}

    def _write(self, data: dict[str, Any]) -> None:
        with self._lock:
            temporary = self.path.with_name(self.path.name + ".part")
            try:
                fd = os.open(temporary, os.O_CREAT | os.O_WRONLY | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600)
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    json.dump(data, fh, ensure_ascii=False)
                    fh.flush()
                    os.fsync(fh.fileno())
                os.replace(temporary, self.path)
            except OSError as exc:  # a full disk: the older list stays
                log.warning("names last seen not updated: %s", type(exc).__name__)
                try:
                    temporary.unlink(missing_ok=True)
                except OSError:
                    pass

    def _cached(self) -> dict[str, Any]:
        """The file's names when they were seen on this very record (another record's never show)."""
        data = self._read()
        return data if data.get("record") == self.record else {}

    def _cached_learners(self) -> list[LearnerInfo]:
        found = []
        for x in self._cached().get("learners", []):
            try:
                group = uuid.UUID(x["group_id"]) if x.get("group_id") else None
                found.append(LearnerInfo(uuid.UUID(x["id"]), str(x["name"]), group, x.get("group")))
            except (KeyError, ValueError, TypeError):
                continue
        return found

    def _cached_groups(self) -> list[GroupInfo]:
        learners = self._cached_learners()
        found = []
        for g in self._cached().get("groups", []):
            try:
                gid = uuid.UUID(g["id"])
                found.append(GroupInfo(gid, str(g["name"]), sum(1 for x in learners if x.group_id == gid)))
            except (KeyError, ValueError, TypeError):
                continue
        return found
