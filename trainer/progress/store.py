"""The progress record's write path and the few reads the player needs.

:class:`ProgressStore` wraps one SQLAlchemy engine (SQLite or PostgreSQL).
:meth:`ProgressStore.apply` writes a batch of :class:`~trainer.progress.records.Unit`
in ONE short transaction, idempotently: rows that are already there (same
UUID) are left alone, so replaying the outbox never duplicates anything.
Units of a learner who was deleted meanwhile are dropped (deleted stays
deleted); units of a learner who was merged follow the kept learner.

The recorder calls ``apply`` from its worker thread; the UI never waits on it.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Connection, Engine, Table, bindparam, case, delete, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError

from trainer.progress import rollups
from trainer.progress.models import (
    AppSetting,
    Attempt,
    AttemptStatus,
    EventKind,
    Learner,
    LearnerMerge,
    StepEvent,
    utcnow,
)
from trainer.progress.records import Unit

log = logging.getLogger("trainer.progress")

_attempt = cast(Table, Attempt.__table__)
_event = cast(Table, StepEvent.__table__)

# Statements built once; SQLAlchemy caches their compiled form.
_SNAPSHOT = (
    update(_attempt).where(_attempt.c.id == bindparam("b_id")).values(resume_snapshot=bindparam("b_snapshot"))
)
_REOPEN = (
    update(_attempt)
    .where(_attempt.c.id == bindparam("b_id"))
    .values(status=AttemptStatus.IN_PROGRESS, ended_at=None)
)
_END = (
    update(_attempt)
    .where(_attempt.c.id == bindparam("b_id"))
    .values(
        status=bindparam("b_status"),
        outcome=func.coalesce(bindparam("b_outcome", type_=_attempt.c.outcome.type), _attempt.c.outcome),
        ended_at=case(
            (_attempt.c.started_at > bindparam("b_ended", type_=_attempt.c.ended_at.type), _attempt.c.started_at),
            else_=bindparam("b_ended", type_=_attempt.c.ended_at.type),
        ),
    )
)
_SUPERSEDE = (
    update(_attempt)
    .where(
        _attempt.c.learner_id == bindparam("b_learner"),
        _attempt.c.scenario_id == bindparam("b_scenario"),
        _attempt.c.id != bindparam("b_id"),
        or_(_attempt.c.resume_snapshot.is_not(None), _attempt.c.status == AttemptStatus.IN_PROGRESS),
    )
    .values(
        resume_snapshot=None,
        status=case(
            (_attempt.c.status == AttemptStatus.IN_PROGRESS, AttemptStatus.ABANDONED),
            else_=_attempt.c.status,
        ),
        ended_at=func.coalesce(
            _attempt.c.ended_at,
            case(
                (_attempt.c.started_at > bindparam("b_at", type_=_attempt.c.started_at.type), _attempt.c.started_at),
                else_=bindparam("b_at", type_=_attempt.c.started_at.type),
            ),
        ),
    )
)
#: The attempts ``_SUPERSEDE`` turns from "in progress" to "abandoned" (read first, to count the change).
_SUPERSEDED = select(
    _attempt.c.id,
    _attempt.c.learner_id,
    _attempt.c.scenario_id,
    _attempt.c.mode,
    _attempt.c.session_id,
    _attempt.c.status,
    _attempt.c.outcome,
).where(
    _attempt.c.learner_id == bindparam("b_learner"),
    _attempt.c.scenario_id == bindparam("b_scenario"),
    _attempt.c.id != bindparam("b_id"),
    _attempt.c.status == AttemptStatus.IN_PROGRESS,
)
_ATTEMPT_EXISTS = select(_attempt.c.id).where(_attempt.c.id == bindparam("b_id"))
_LEARNER_EXISTS = select(Learner.id).where(Learner.id == bindparam("b_id"))
_MERGED_INTO = select(LearnerMerge.kept_learner_id).where(LearnerMerge.merged_learner_id == bindparam("b_id"))

#: How many ids of attempts known to exist are remembered (saves one read per action).
_KNOWN_CACHE_SIZE = 10_000


@dataclass(frozen=True)
class ApplyResult:
    """What :meth:`ProgressStore.apply` did with a batch."""

    units: int
    #: Records dropped because their learner or attempt was deleted meanwhile.
    dropped: int = 0


@dataclass(frozen=True)
class ResumePoint:
    """An unfinished attempt and the snapshot to resume it from."""

    attempt_id: uuid.UUID
    snapshot: dict[str, Any]


class ProgressStore:
    """Writes units and answers the player's few questions, on one engine."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.dialect = engine.dialect.name
        insert_fn = postgresql.insert if self.dialect == "postgresql" else sqlite.insert
        # RETURNING names the rows really inserted: only those are counted in the report summaries,
        # so a unit replayed from the outbox is counted once.
        self._insert_event = (
            insert_fn(_event).on_conflict_do_nothing(index_elements=["id"]).returning(_event.c.id)
        )
        self._insert_attempt = (
            insert_fn(_attempt).on_conflict_do_nothing(index_elements=["id"]).returning(_attempt.c.id)
        )
        self._known_attempts: set[uuid.UUID] = set()
        self._known_learners: dict[uuid.UUID, uuid.UUID | None] = {}
        self._writer: Connection | None = None
        self._writer_lock = threading.Lock()

    # -- writing -------------------------------------------------------------------------

    def _write_connection(self) -> Connection:
        conn = self.engine.connect()
        if self.dialect == "sqlite":
            conn.execution_options(sqlite_immediate=True)
        return conn

    @contextmanager
    def _writer_transaction(self) -> Iterator[Connection]:
        """A transaction on the long-lived writer connection (reopened after any error)."""
        with self._writer_lock:
            if self._writer is None:
                self._writer = self._write_connection()
            conn = self._writer
            try:
                with conn.begin():
                    yield conn
            except BaseException:
                self._writer = None
                try:
                    conn.invalidate()
                    conn.close()
                except Exception as exc:  # the connection is already gone: nothing to close
                    log.debug("closing a dead connection failed: %s", type(exc).__name__)
                raise

    def apply(self, units: Sequence[Unit]) -> ApplyResult:
        """Write ``units`` in one transaction (all or nothing), idempotently.

        Raises the database's error when it cannot be written (down, locked,
        full): the caller keeps the units and tries again later.
        """
        if not units:
            return ApplyResult(0)
        try:
            return self._apply(units, verify=False)
        except IntegrityError:
            # Someone deleted an attempt we thought existed: look everything up again.
            self._forget_caches()
            return self._apply(units, verify=True)

    def _forget_caches(self) -> None:
        self._known_attempts.clear()
        self._known_learners.clear()

    def _apply(self, units: Sequence[Unit], *, verify: bool) -> ApplyResult:
        dropped = 0
        created: list[uuid.UUID] = []
        with self._writer_transaction() as conn:
            tally = rollups.Tally()
            for unit in units:
                if not self._ensure_attempt(conn, unit, verify, created, tally):
                    dropped += unit.weight
                    continue
                if unit.reopen:
                    before = rollups.attempt_state(conn, unit.attempt_id)
                    conn.execute(_REOPEN, {"b_id": unit.attempt_id})
                    if before is not None:
                        rollups.status_changed(conn, tally, before, AttemptStatus.IN_PROGRESS, before.outcome)
                if unit.events:
                    rows = [e.row(unit.attempt_id, unit.scenario_id) for e in unit.events]
                    inserted = set(conn.execute(self._insert_event, rows[0] if len(rows) == 1 else rows).scalars())
                    rollups.events_added(tally, unit.scenario_id, (e for e in unit.events if e.id in inserted),
                                         conn=conn, attempt_id=unit.attempt_id)
                if unit.snapshot_set:
                    conn.execute(_SNAPSHOT, {"b_id": unit.attempt_id, "b_snapshot": unit.snapshot})
                if unit.end is not None:
                    before = rollups.attempt_state(conn, unit.attempt_id)
                    conn.execute(
                        _END,
                        {
                            "b_id": unit.attempt_id,
                            "b_status": unit.end.status,
                            "b_outcome": unit.end.outcome,
                            "b_ended": unit.end.ended_at,
                        },
                    )
                    if before is not None:
                        outcome = unit.end.outcome if unit.end.outcome is not None else before.outcome
                        rollups.status_changed(conn, tally, before, unit.end.status, outcome)
            tally.write(conn)
        if len(self._known_attempts) > _KNOWN_CACHE_SIZE:
            self._known_attempts.clear()
        self._known_attempts.update(created)
        if dropped:
            log.warning("dropped %d record(s) of a learner or attempt that was deleted", dropped)
        return ApplyResult(len(units), dropped)

    def _resolve_learner(self, conn: Connection, learner_id: uuid.UUID) -> uuid.UUID | None:
        if learner_id in self._known_learners:
            return self._known_learners[learner_id]
        resolved: uuid.UUID | None = learner_id
        if conn.execute(_LEARNER_EXISTS, {"b_id": learner_id}).first() is None:
            resolved = conn.execute(_MERGED_INTO, {"b_id": learner_id}).scalar()
        if resolved is not None:
            self._known_learners[learner_id] = resolved
        return resolved

    def _ensure_attempt(
        self, conn: Connection, unit: Unit, verify: bool, created: list[uuid.UUID], tally: rollups.Tally
    ) -> bool:
        known = unit.attempt_id in self._known_attempts or unit.attempt_id in created
        if unit.start is not None and not (known and not verify):
            learner_id = self._resolve_learner(conn, unit.learner_id)
            if learner_id is None:
                return False  # the learner was deleted completely: their records stay deleted
            inserted = conn.execute(
                self._insert_attempt,
                {
                    "id": unit.attempt_id,
                    "learner_id": learner_id,
                    "session_id": unit.start.session_id,
                    "scenario_id": unit.scenario_id,
                    "scenario_version": unit.start.scenario_version,
                    "started_at": unit.start.started_at,
                    "status": AttemptStatus.IN_PROGRESS,
                    "mode": unit.start.mode,
                },
            ).first()
            if inserted is not None:
                rollups.attempt_created(
                    conn, tally, unit.attempt_id, learner_id, unit.scenario_id, unit.start.mode, unit.start.session_id
                )
            for before in conn.execute(
                _SUPERSEDED, {"b_learner": learner_id, "b_scenario": unit.scenario_id, "b_id": unit.attempt_id}
            ):
                rollups.status_changed(conn, tally, before, AttemptStatus.ABANDONED, before.outcome)
            conn.execute(
                _SUPERSEDE,
                {
                    "b_learner": learner_id,
                    "b_scenario": unit.scenario_id,
                    "b_id": unit.attempt_id,
                    "b_at": unit.start.started_at,
                },
            )
            created.append(unit.attempt_id)
            return True
        if known and not verify:
            return True
        if conn.execute(_ATTEMPT_EXISTS, {"b_id": unit.attempt_id}).first() is None:
            return False
        created.append(unit.attempt_id)
        return True

    # -- reading -------------------------------------------------------------------------

    def resume_point(self, learner_id: uuid.UUID, scenario_id: str) -> ResumePoint | None:
        """The newest unfinished attempt of this learner on this scenario that can resume."""
        stmt = (
            select(Attempt.id, Attempt.resume_snapshot)
            .where(
                Attempt.learner_id == learner_id,
                Attempt.scenario_id == scenario_id,
                Attempt.status != AttemptStatus.FINISHED,
                Attempt.resume_snapshot.is_not(None),
            )
            .order_by(Attempt.started_at.desc())
            .limit(1)
        )
        with self.engine.connect() as conn:
            row = conn.execute(stmt).first()
        if row is None or not row.resume_snapshot:
            return None
        return ResumePoint(row.id, dict(row.resume_snapshot))

    def default_mode(self, learner_id: uuid.UUID) -> str | None:
        """The way an instructor fixed for this learner (None: none fixed, or no such learner)."""
        with self.engine.connect() as conn:
            found = conn.execute(select(Learner.default_mode).where(Learner.id == learner_id)).scalar()
        return str(found) if found else None

    def finished_modes(self, learner_id: uuid.UUID, scenario_id: str) -> list[tuple[str, int]]:
        """This learner's finished attempts of ``scenario_id``, newest first, as (mode, hints given):
        what the start page's suggestion is made from (``trainer.scenarios.modes.suggest``)."""
        hints = func.count(StepEvent.id)
        stmt = (
            select(Attempt.mode, hints)
            .select_from(Attempt)
            .outerjoin(StepEvent, (StepEvent.attempt_id == Attempt.id) & (StepEvent.kind == EventKind.HINT))
            .where(
                Attempt.learner_id == learner_id,
                Attempt.scenario_id == scenario_id,
                Attempt.status == AttemptStatus.FINISHED,
            )
            .group_by(Attempt.id, Attempt.mode, Attempt.started_at)
            .order_by(Attempt.started_at.desc())
        )
        with self.engine.connect() as conn:
            return [(str(mode), int(count)) for mode, count in conn.execute(stmt)]

    def max_seq(self, attempt_id: uuid.UUID) -> int | None:
        """The highest event ``seq`` stored for an attempt (None without events)."""
        with self.engine.connect() as conn:
            return conn.execute(select(func.max(StepEvent.seq)).where(StepEvent.attempt_id == attempt_id)).scalar()

    def attempt_exists(self, attempt_id: uuid.UUID) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(_ATTEMPT_EXISTS, {"b_id": attempt_id}).first() is not None

    # -- settings ------------------------------------------------------------------------

    def get_setting(self, key: str) -> str | None:
        with self.engine.connect() as conn:
            return conn.execute(select(AppSetting.value).where(AppSetting.key == key)).scalar()

    def set_setting(self, key: str, value: str | None) -> None:
        """Store (or, with None, remove) one setting."""
        with self._write_connection() as conn, conn.begin():
            conn.execute(delete(AppSetting).where(AppSetting.key == key))
            if value is not None:
                conn.execute(
                    cast(Table, AppSetting.__table__).insert(), {"key": key, "value": value, "updated_at": utcnow()}
                )

    def forget_learner_caches(self) -> None:
        """Called after learners are merged or deleted so cached ids are looked up again."""
        self._forget_caches()

    def close(self) -> None:
        """Close the writer and every pooled connection (the engine can reconnect later)."""
        with self._writer_lock:
            if self._writer is not None:
                try:
                    self._writer.close()
                except Exception as exc:  # a dead server connection: nothing left to close
                    log.debug("closing the writer's dead connection failed: %s", type(exc).__name__)
                self._writer = None
        if self.dialect == "sqlite":
            try:  # keeps the query planner's statistics fresh (SQLite's advice before closing)
                with self.engine.connect() as conn:
                    conn.exec_driver_sql("PRAGMA optimize")
            except Exception as exc:
                log.info("PRAGMA optimize skipped: %s", type(exc).__name__)
        self.engine.dispose()

