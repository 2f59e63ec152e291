"""Managing learners, groups and class sessions (no Qt): the instructor area's service.

Add, rename, merge and remove; export one learner's data as JSON; delete one
learner completely — every attempt and event, their waiting records on this
PC, and (SQLite) the freed pages are overwritten and the journal emptied —
as Japan's Act on the Protection of Personal Information (個人情報保護法)
expects when a person asks for their data to be deleted.

A learner is a display name and an optional group, nothing else.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import tempfile
import threading
import time
import unicodedata
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from trainer.progress import rollups
from trainer.progress.models import (
    NAME_LENGTH,
    Attempt,
    ClassSession,
    Group,
    Learner,
    LearnerMerge,
    StepEvent,
    utcnow,
)
from trainer.progress.transaction import Transaction
from trainer.words.catalogue import tr

log = logging.getLogger("trainer.progress")

EXPORT_FORMAT = "trainer.learner-export"
EXPORT_FORMAT_VERSION = 1


class InvalidName(ValueError):
    """A name that cannot be used; ``message_ja`` says why, for the screen."""

    def __init__(self, message_ja: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_ja = message_ja


class NotFound(LookupError):
    """The learner, group or session does not exist (any more)."""

    message_ja = tr("record.not_found", "ja")


@dataclass(frozen=True)
class LearnerInfo:
    id: uuid.UUID
    display_name: str
    group_id: uuid.UUID | None
    group_name: str | None
    default_mode: str | None = None
    """The way an instructor fixed for this learner (``trainer.scenarios.modes.MODES``), or None."""


@dataclass(frozen=True)
class GroupInfo:
    id: uuid.UUID
    name: str
    learner_count: int


@dataclass(frozen=True)
class SessionInfo:
    id: uuid.UUID
    held_on: dt.date
    venue: str
    instructor_name: str
    group_id: uuid.UUID | None


@dataclass(frozen=True)
class DeletionSummary:
    """What deleting one learner removed."""

    attempts: int
    events: int
    waiting_on_this_pc: int = 0
    #: False while another connection kept the journal from being emptied (retried in the background).
    journal_erased: bool = True


def _hidden_characters(text: str) -> list[str]:
    """Characters that are invisible or change the text's direction: controls (NUL ...), format
    characters (zero-width spaces, RLO/LRO overrides, joiners, BOM), line and paragraph separators."""
    return [ch for ch in text if ch not in "\t\n\r"  # pasted line ends become spaces below
            and unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Co", "Cs", "Cn")]


def clean_name(name: str, *, what: str = "name") -> str:
    """A display name with surrounding and repeated spaces removed; 1–60 characters.

    Invisible and direction-changing characters are refused (a name must read as it is
    stored: 「\u202eおかし」 would show reversed, a zero-width space makes two names that
    look the same).
    """
    what_ja, what_en = tr(f"record.what.{what}", "ja"), tr(f"record.what.{what}", "en")
    hidden = _hidden_characters(name or "")
    if hidden:
        codes = ", ".join(f"U+{ord(ch):04X}" for ch in dict.fromkeys(hidden))
        raise InvalidName(
            tr("record.name.hidden", "ja", what=what_ja, codes=codes),
            tr("record.name.hidden", "en", what=what_en, codes=codes),
        )
    cleaned = " ".join((name or "").split())
    if not cleaned:
        raise InvalidName(tr("record.name.blank", "ja", what=what_ja), tr("record.name.blank", "en", what=what_en))
    if len(cleaned) > NAME_LENGTH:
        raise InvalidName(
            tr("record.name.too_long", "ja", what=what_ja, n=NAME_LENGTH),
            tr("record.name.too_long", "en", what=what_en, n=NAME_LENGTH),
        )
    return cleaned


_UNSAFE_IN_FILE_NAMES = set('\\/:*?"<>|')


def export_file_name(display_name: str, on: dt.date | None = None) -> str:
    """``学習記録_<name>_<YYYY-MM-DD>.json`` with characters no file system takes replaced by ``_``."""
    day = (on or dt.date.today()).isoformat()
    name = "".join("_" if ch in _UNSAFE_IN_FILE_NAMES or unicodedata.category(ch)[0] in "CZ" and ch != " " else ch
                   for ch in display_name).strip(" .") or "learner"
    name = "_".join(name.split())[:40]
    return tr("record.export_file", "ja", name=name, day=day)


def _place_without_replacing(tmp: Path, target: Path) -> None:
    """Give ``tmp`` the name ``target`` only if no file has it (a file made meanwhile is kept).

    A hard link fails when the name exists; where links are not possible (a
    FAT-formatted USB stick) the check just before the rename has to do.
    """
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise
    except OSError:
        if target.exists():
            raise FileExistsError(str(target)) from None
        os.replace(tmp, target)


class LearnerDirectory:
    """Learners, groups and sessions of one record.

    ``on_learner_deleted(learner_id) -> int`` is called after a learner is
    deleted so waiting records on this PC go too (pass
    ``ProgressRecorder.forget_learner``).
    """

    def __init__(
        self, engine: Engine, *, on_learner_deleted: Callable[[uuid.UUID], int] | None = None
    ) -> None:
        self.engine = engine
        self.on_learner_deleted = on_learner_deleted
        self._sqlite = engine.dialect.name == "sqlite"
        self._erase_lock = threading.Lock()
        self._erase_thread: threading.Thread | None = None

    def _begin(self) -> Any:
        conn = self.engine.connect()
        if self._sqlite:
            conn.execution_options(sqlite_immediate=True)
        return Transaction(conn)

    # -- learners --------------------------------------------------------------------------

    def list_learners(self, group_id: uuid.UUID | None = None) -> list[LearnerInfo]:
        """Learners sorted by name; only one group's when ``group_id`` is given."""
        return self.find_learners(group_id)

    def find_learners(self, group_id: uuid.UUID | None = None, text: str | None = None,
                      limit: int | None = None) -> list[LearnerInfo]:
        """Like :meth:`list_learners`, but only names containing ``text`` (any case) and at most
        ``limit`` of them: what a picker shows of a city's record without reading every name."""
        stmt = (
            select(Learner.id, Learner.display_name, Learner.group_id, Group.name, Learner.default_mode)
            .outerjoin(Group, Group.id == Learner.group_id)
            .order_by(Learner.display_name, Learner.created_at)
        )
        if group_id is not None:
            stmt = stmt.where(Learner.group_id == group_id)
        if text:
            pattern = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            stmt = stmt.where(Learner.display_name.ilike(f"%{pattern}%", escape="\\"))
        if limit is not None:
            stmt = stmt.limit(limit)
        with self.engine.connect() as conn:
            return [LearnerInfo(*row) for row in conn.execute(stmt)]

    def count_learners(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(Learner)).scalar() or 0)

    def get_learner(self, learner_id: uuid.UUID) -> LearnerInfo | None:
        stmt = (
            select(Learner.id, Learner.display_name, Learner.group_id, Group.name, Learner.default_mode)
            .outerjoin(Group, Group.id == Learner.group_id)
            .where(Learner.id == learner_id)
        )
        with self.engine.connect() as conn:
            row = conn.execute(stmt).first()
        return LearnerInfo(*row) if row else None

    def add_learner(self, display_name: str, group_id: uuid.UUID | None = None) -> uuid.UUID:
        name = clean_name(display_name)
        learner_id = uuid.uuid4()
        with self._begin() as conn:
            conn.execute(
                insert(Learner),
                {"id": learner_id, "display_name": name, "group_id": group_id, "created_at": utcnow()},
            )
        return learner_id

    def rename_learner(self, learner_id: uuid.UUID, display_name: str) -> None:
        name = clean_name(display_name)
        with self._begin() as conn:
            done = conn.execute(update(Learner).where(Learner.id == learner_id).values(display_name=name))
            if done.rowcount == 0:
                raise NotFound(str(learner_id))

    def set_learner_group(self, learner_id: uuid.UUID, group_id: uuid.UUID | None) -> None:
        with self._begin() as conn:
            old = conn.execute(select(Learner.group_id).where(Learner.id == learner_id)).first()
            done = conn.execute(update(Learner).where(Learner.id == learner_id).values(group_id=group_id))
            if done.rowcount == 0 or old is None:
                raise NotFound(str(learner_id))
            rollups.group_changed(conn, learner_id, old.group_id, group_id)  # the report summaries follow

    def set_default_mode(self, learner_id: uuid.UUID, mode: str | None) -> None:
        """Fix the way ``learner_id`` is offered first (``watch``, ``try``, ``alone``); None: as
        their record suggests."""
        from trainer.scenarios.modes import MODES

        if mode is not None and mode not in MODES:
            raise ValueError(f"unknown way to practise {mode!r}")
        with self._begin() as conn:
            done = conn.execute(update(Learner).where(Learner.id == learner_id).values(default_mode=mode))
            if done.rowcount == 0:
                raise NotFound(str(learner_id))

    def merge_learners(self, keep_id: uuid.UUID, merge_id: uuid.UUID) -> int:
        """Move every attempt (and so every event) of ``merge_id`` to ``keep_id``; remove ``merge_id``.

        Returns the number of attempts moved. Records of ``merge_id`` that
        arrive later from an offline PC follow ``keep_id`` too.
        """
        if keep_id == merge_id:
            raise ValueError("cannot merge a learner into themselves")
        with self._begin() as conn:
            found = conn.execute(select(func.count()).where(Learner.id.in_([keep_id, merge_id]))).scalar()
            if found != 2:
                raise NotFound("learner")
            # The report summaries count different learners: take both shares away, move, count the kept one.
            rollups.learner_share(conn, merge_id, -1, events=False)
            rollups.learner_share(conn, keep_id, -1, events=False)
            moved = conn.execute(
                update(Attempt).where(Attempt.learner_id == merge_id).values(learner_id=keep_id)
            ).rowcount
            rollups.learner_share(conn, keep_id, 1, events=False)
            conn.execute(
                update(LearnerMerge).where(LearnerMerge.kept_learner_id == merge_id).values(kept_learner_id=keep_id)
            )
            conn.execute(
                insert(LearnerMerge), {"merged_learner_id": merge_id, "kept_learner_id": keep_id, "merged_at": utcnow()}
            )
            conn.execute(delete(Learner).where(Learner.id == merge_id))
        log.info("merged a learner: %d attempt(s) moved", moved)
        return int(moved)

    def delete_learner(self, learner_id: uuid.UUID) -> DeletionSummary:
        """Delete a learner completely: attempts, events, merge redirects, waiting records."""
        with self._begin() as conn:
            if conn.execute(select(Learner.id).where(Learner.id == learner_id)).first() is None:
                raise NotFound(str(learner_id))
            rollups.learner_share(conn, learner_id, -1)  # deleted from the report summaries too
            attempts = select(Attempt.id).where(Attempt.learner_id == learner_id).scalar_subquery()
            events = conn.execute(delete(StepEvent).where(StepEvent.attempt_id.in_(attempts))).rowcount
            n_attempts = conn.execute(delete(Attempt).where(Attempt.learner_id == learner_id)).rowcount
            conn.execute(delete(LearnerMerge).where(LearnerMerge.kept_learner_id == learner_id))
            conn.execute(delete(Learner).where(Learner.id == learner_id))
        erased = self._erase_freed_space()
        waiting = self.on_learner_deleted(learner_id) if self.on_learner_deleted else 0
        log.info("deleted a learner completely: %d attempt(s), %d event(s)", n_attempts, events)
        return DeletionSummary(int(n_attempts), int(events), int(waiting or 0), journal_erased=erased)

    #: While another connection still reads an older snapshot, the WAL cannot be emptied:
    #: the checkpoint is tried again this often (s), for at most this long (s).
    ERASE_RETRY_S = 1.0
    ERASE_RETRY_FOR_S = 600.0

    def _checkpoint(self) -> bool:
        """``PRAGMA wal_checkpoint(TRUNCATE)``; True when the WAL is now empty."""
        try:
            with self.engine.connect() as conn:
                row = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").first()
                conn.commit()
        except Exception as exc:
            log.warning("checkpoint after a deletion failed: %s", type(exc).__name__)
            return False
        return row is not None and int(row[0]) == 0

    def _erase_freed_space(self) -> bool:
        """Make sure no copy of deleted rows stays in the WAL; True when done now.

        ``secure_delete`` already zeroed the freed content in the database
        pages; old copies of those pages sit in the WAL until it is
        checkpointed and truncated. A reader on another connection (the
        instructor area of a second window, a report) can hold the WAL for a
        while: then the checkpoint is retried in the background until it
        succeeds (``erase_pending`` says so), and once more at close.
        """
        if not self._sqlite:
            return True
        if self._checkpoint():
            return True
        with self._erase_lock:
            if self._erase_thread is not None and self._erase_thread.is_alive():
                return False

            def retry() -> None:
                deadline = time.monotonic() + self.ERASE_RETRY_FOR_S
                while time.monotonic() < deadline:
                    time.sleep(self.ERASE_RETRY_S)
                    if self._checkpoint():
                        log.info("deleted rows are now gone from the journal too")
                        return
                log.error("the journal could not be emptied after a deletion; it is tried again at close")

            self._erase_thread = threading.Thread(target=retry, name="erase-after-delete", daemon=True)
            self._erase_thread.start()
        return False

    @property
    def erase_pending(self) -> bool:
        """True while a deletion's old copies may still be in the WAL."""
        return self._erase_thread is not None and self._erase_thread.is_alive()

    def finish_erasing(self) -> bool:
        """One more checkpoint (at close); True when the WAL is empty."""
        return self._checkpoint() if self._sqlite else True

    def export_learner(self, learner_id: uuid.UUID) -> dict[str, Any]:
        """Everything stored about one learner, as plain JSON-ready data."""
        with self.engine.connect() as conn:
            learner = conn.execute(
                select(Learner.id, Learner.display_name, Learner.created_at, Group.name, Learner.default_mode)
                .outerjoin(Group, Group.id == Learner.group_id)
                .where(Learner.id == learner_id)
            ).first()
            if learner is None:
                raise NotFound(str(learner_id))
            merged_from = conn.execute(
                select(LearnerMerge.merged_learner_id).where(LearnerMerge.kept_learner_id == learner_id)
            ).scalars()
            attempts = conn.execute(
                select(Attempt.__table__, ClassSession.held_on, ClassSession.venue)
                .outerjoin(ClassSession, ClassSession.id == Attempt.session_id)
                .where(Attempt.learner_id == learner_id)
                .order_by(Attempt.started_at)
            ).all()
            events = conn.execute(
                select(StepEvent.__table__)
                .join(Attempt, Attempt.id == StepEvent.attempt_id)
                .where(Attempt.learner_id == learner_id)
                .order_by(StepEvent.attempt_id, StepEvent.seq)
            ).all()
        by_attempt: dict[uuid.UUID, list[dict[str, Any]]] = {}
        for row in events:
            e = row._mapping
            by_attempt.setdefault(e["attempt_id"], []).append(
                {
                    "seq": e["seq"],
                    "kind": str(e["kind"]),
                    "step_id": e["step_id"],
                    "result": str(e["result"]) if e["result"] else None,
                    "mistake_id": e["mistake_id"],
                    "action_kind": e["action_kind"],
                    "target_id": e["target_id"],
                    "outcome": e["outcome"],
                    "hint_level": e["hint_level"],
                    "helper_assisted": bool(e["helper_assisted"]),
                    "duration_ms": e["duration_ms"],
                    "created_at": e["created_at"].isoformat(),
                }
            )
        return {
            "format": EXPORT_FORMAT,
            "format_version": EXPORT_FORMAT_VERSION,
            "exported_at": utcnow().isoformat(),
            "learner": {
                "id": str(learner.id),
                "display_name": learner.display_name,
                "group": learner.name,
                "created_at": learner.created_at.isoformat(),
                "default_mode": learner.default_mode,
            },
            "merged_from": [str(m) for m in merged_from],
            "attempts": [
                {
                    "id": str(a.id),
                    "scenario_id": a.scenario_id,
                    "scenario_version": a.scenario_version,
                    "started_at": a.started_at.isoformat(),
                    "ended_at": a.ended_at.isoformat() if a.ended_at else None,
                    "status": str(a.status),
                    "outcome": a.outcome,
                    "session": {"held_on": a.held_on.isoformat(), "venue": a.venue} if a.held_on else None,
                    "resume_snapshot": a.resume_snapshot,
                    "events": by_attempt.get(a.id, []),
                }
                for a in attempts
            ],
        }

    def export_file_name(self, learner_id: uuid.UUID, on: dt.date | None = None) -> str:
        """A file name for an export: the learner's name and the date (``学習記録_花子_2026-12-01.json``)."""
        learner = self.get_learner(learner_id)
        return export_file_name(learner.display_name if learner else "", on)

    def export_learner_json(
        self, learner_id: uuid.UUID, path: str | os.PathLike[str], *, overwrite: bool = False
    ) -> Path:
        """Write :meth:`export_learner` to ``path`` (UTF-8 JSON, written atomically, owner-only).

        An existing file is never replaced unless ``overwrite`` (the person was asked: the
        instructor area's save dialog asks before it returns a file that exists); otherwise
        ``FileExistsError``.
        """
        data = self.export_learner(learner_id)
        target = Path(path)
        if target.exists() and not overwrite:
            raise FileExistsError(str(target))
        # A fresh, unique temporary file beside the target (owner-only): never one that is already there.
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name[:60]}.", suffix=".part", dir=target.parent)
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh, ensure_ascii=False, indent=2)
                fh.write("\n")
                fh.flush()
                os.fsync(fh.fileno())
            if os.name == "posix":
                os.chmod(tmp, 0o600)
            if overwrite:
                os.replace(tmp, target)
            else:
                _place_without_replacing(tmp, target)
        finally:
            tmp.unlink(missing_ok=True)
        return target

    # -- groups ----------------------------------------------------------------------------

    def list_groups(self) -> list[GroupInfo]:
        counts = (
            select(Learner.group_id, func.count().label("n")).group_by(Learner.group_id).subquery()
        )
        stmt = (
            select(Group.id, Group.name, func.coalesce(counts.c.n, 0))
            .outerjoin(counts, counts.c.group_id == Group.id)
            .order_by(Group.name)
        )
        with self.engine.connect() as conn:
            return [GroupInfo(*row) for row in conn.execute(stmt)]

    def add_group(self, name: str) -> uuid.UUID:
        cleaned = clean_name(name, what="group")
        group_id = uuid.uuid4()
        try:
            with self._begin() as conn:
                conn.execute(insert(Group), {"id": group_id, "name": cleaned, "created_at": utcnow()})
        except IntegrityError as exc:
            raise InvalidName(tr("record.group.exists", "ja"), tr("record.group.exists", "en")) from exc
        return group_id

    def rename_group(self, group_id: uuid.UUID, name: str) -> None:
        cleaned = clean_name(name, what="group")
        try:
            with self._begin() as conn:
                done = conn.execute(update(Group).where(Group.id == group_id).values(name=cleaned))
                if done.rowcount == 0:
                    raise NotFound(str(group_id))
        except IntegrityError as exc:
            raise InvalidName(tr("record.group.exists", "ja"), tr("record.group.exists", "en")) from exc

    def remove_group(self, group_id: uuid.UUID) -> None:
        """Remove a group; its learners stay, without a group."""
        with self._begin() as conn:
            conn.execute(update(Learner).where(Learner.group_id == group_id).values(group_id=None))
            rollups.group_removed(conn, group_id)  # the report summaries follow
            conn.execute(update(ClassSession).where(ClassSession.group_id == group_id).values(group_id=None))
            if conn.execute(delete(Group).where(Group.id == group_id)).rowcount == 0:
                raise NotFound(str(group_id))

    # -- class sessions --------------------------------------------------------------------

    def list_sessions(self) -> list[SessionInfo]:
        stmt = select(
            ClassSession.id, ClassSession.held_on, ClassSession.venue, ClassSession.instructor_name, ClassSession.group_id
        ).order_by(ClassSession.held_on.desc(), ClassSession.venue)
        with self.engine.connect() as conn:
            return [SessionInfo(*row) for row in conn.execute(stmt)]

    def add_session(
        self, held_on: dt.date, venue: str, instructor_name: str = "", group_id: uuid.UUID | None = None
    ) -> uuid.UUID:
        session_id = uuid.uuid4()
        with self._begin() as conn:
            conn.execute(
                insert(ClassSession),
                {
                    "id": session_id,
                    "held_on": held_on,
                    "venue": clean_name(venue, what="venue"),
                    "instructor_name": " ".join(instructor_name.split())[:NAME_LENGTH],
                    "group_id": group_id,
                    "created_at": utcnow(),
                },
            )
        return session_id

    def remove_session(self, session_id: uuid.UUID) -> None:
        """Remove a class session; attempts made in it stay (without a session)."""
        with self._begin() as conn:
            conn.execute(update(Attempt).where(Attempt.session_id == session_id).values(session_id=None))
            if conn.execute(delete(ClassSession).where(ClassSession.id == session_id)).rowcount == 0:
                raise NotFound(str(session_id))
