"""A small durable queue on this PC for records the database could not take yet.

When the record cannot be written (server down, disk full, database
locked), units go here instead: a local SQLite file
(``progress-outbox.sqlite3`` in the user's data folder, WAL +
``synchronous=FULL``, so an appended unit survives a power cut). The
recorder drains it, oldest first, when the database is back; because every
row has a client-made UUID, a unit written twice is stored once.

Only what a unit holds is kept here: ids, outcomes, times — never a typed
value. Deleting a learner completely also purges their waiting units.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trainer.progress.database import IntegrityReport, check_sqlite_file, make_private_file
from trainer.progress.models import utcnow
from trainer.progress.records import Unit

log = logging.getLogger("trainer.progress")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS pending_unit (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    attempt_id   TEXT    NOT NULL,
    learner_id   TEXT    NOT NULL,
    scenario_id  TEXT    NOT NULL,
    weight       INTEGER NOT NULL CHECK (weight >= 1),
    max_seq      INTEGER,
    has_snapshot INTEGER NOT NULL,
    queued_at    TEXT    NOT NULL,
    payload      TEXT    NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_pending_unit_learner ON pending_unit (learner_id, scenario_id);
CREATE INDEX IF NOT EXISTS ix_pending_unit_attempt ON pending_unit (attempt_id);
"""


@dataclass(frozen=True)
class PendingSnapshot:
    """The newest resume point waiting in the outbox for a learner and scenario."""

    attempt_id: uuid.UUID
    #: None when the newest waiting unit cleared the snapshot (finished, or a new start).
    snapshot: dict[str, Any] | None


class Outbox:
    """Append-only local queue of units; thread-safe; every append is fsynced."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        #: Set when a damaged outbox file was moved aside at open.
        self.integrity: IntegrityReport = check_sqlite_file(self.path)
        make_private_file(self.path)
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(str(self.path), timeout=5, isolation_level=None, check_same_thread=False)
        try:
            self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute("PRAGMA synchronous = FULL")
            self._conn.execute("PRAGMA secure_delete = ON")
            self._conn.executescript(_SCHEMA)
        except BaseException:
            self._conn.close()
            raise

    def append(self, units: Sequence[Unit]) -> None:
        """Add units at the end, durably (returns only after the commit is on disk)."""
        if not units:
            return
        rows = [
            (
                u.attempt_id.hex,
                u.learner_id.hex,
                u.scenario_id,
                u.weight,
                u.max_seq,
                1 if u.snapshot_set or u.start is not None else 0,
                utcnow().isoformat(),
                json.dumps(u.to_json(), ensure_ascii=False, separators=(",", ":")),
            )
            for u in units
        ]
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                self._conn.executemany(
                    "INSERT INTO pending_unit (attempt_id, learner_id, scenario_id, weight, max_seq,"
                    " has_snapshot, queued_at, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    rows,
                )
                self._conn.execute("COMMIT")
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise

    def peek(self, limit: int = 200) -> list[tuple[int, Unit]]:
        """The oldest ``limit`` units with their position, oldest first."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT seq, payload FROM pending_unit ORDER BY seq LIMIT ?", (limit,)
            ).fetchall()
        return [(seq, Unit.from_json(json.loads(payload))) for seq, payload in rows]

    def remove_through(self, seq: int) -> None:
        """Forget every unit up to and including position ``seq`` (they are in the database)."""
        with self._lock:
            self._conn.execute("DELETE FROM pending_unit WHERE seq <= ?", (seq,))

    def weight(self) -> int:
        """How many records wait here."""
        with self._lock:
            return int(self._conn.execute("SELECT coalesce(sum(weight), 0) FROM pending_unit").fetchone()[0])

    def __len__(self) -> int:
        with self._lock:
            return int(self._conn.execute("SELECT count(*) FROM pending_unit").fetchone()[0])

    def latest_snapshot(self, learner_id: uuid.UUID, scenario_id: str) -> PendingSnapshot | None:
        """The newest waiting resume point of this learner on this scenario, if any."""
        with self._lock:
            row = self._conn.execute(
                "SELECT payload FROM pending_unit WHERE learner_id = ? AND scenario_id = ? AND has_snapshot = 1"
                " ORDER BY seq DESC LIMIT 1",
                (learner_id.hex, scenario_id),
            ).fetchone()
        if row is None:
            return None
        unit = Unit.from_json(json.loads(row[0]))
        return PendingSnapshot(unit.attempt_id, unit.snapshot if unit.snapshot_set else None)

    def max_seq(self, attempt_id: uuid.UUID) -> int | None:
        with self._lock:
            row = self._conn.execute(
                "SELECT max(max_seq) FROM pending_unit WHERE attempt_id = ?", (attempt_id.hex,)
            ).fetchone()
        return None if row[0] is None else int(row[0])

    def forget_learner(self, learner_id: uuid.UUID) -> int:
        """Delete every waiting unit of a learner (deletion on request); returns records removed."""
        with self._lock:
            removed = self._conn.execute(
                "SELECT coalesce(sum(weight), 0) FROM pending_unit WHERE learner_id = ?", (learner_id.hex,)
            ).fetchone()[0]
            self._conn.execute("DELETE FROM pending_unit WHERE learner_id = ?", (learner_id.hex,))
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return int(removed)

    def close(self) -> None:
        with self._lock:
            self._conn.close()
