"""Learners and their progress: a record that survives crashes and keeps the least data.

The app opens everything with :func:`open_progress` and passes the parts
to whoever needs them (narrow services, no god object)::

    progress = open_progress()              # SQLite in the user's data folder,
                                            # or TRAINER_DATABASE_URL (PostgreSQL)
    if progress.notice_ja:                  # a damaged file was moved aside, or the
        show(progress.notice_ja)            # server cannot be reached: say so, plainly
    picker = LearnerPicker(progress.learners)      # learner_chosen(uuid | None)
    listeners_for = lambda scenario: [progress.recorder.listener(learner_id)]
    snapshot = progress.recorder.resumable(learner_id, scenario.id)   # 「続きから」
    area = InstructorArea(progress.learners, progress.pin, progress.reports, progress.recorder)
    ...
    progress.close()                        # at exit: writes or parks what is queued

Modules: ``models`` (tables), ``migrate`` + ``migrations/`` (Alembic),
``database`` (where and how to open), ``store`` (write path), ``outbox``
(durable local queue), ``recorder`` (what the player calls), ``reports``,
``learners`` (management, export, deletion), ``pin`` (instructor PIN).
Nothing here imports Qt.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import URL, Engine

from trainer.progress import migrate
from trainer.progress.database import (
    OUTBOX_FILENAME,
    DatabaseLocation,
    IntegrityReport,
    check_sqlite_file,
    create_progress_engine,
    data_dir,
    redact,
    resolve_url,
    set_shared_database_url,
)
from trainer.progress.learners import LearnerDirectory
from trainer.progress.pin import InstructorPin
from trainer.progress.recorder import ProgressRecorder, RunListener, SaveState, SaveStatus
from trainer.progress.reports import Reports
from trainer.progress.store import ProgressStore, ResumePoint

__all__ = [
    "InstructorPin",
    "LearnerDirectory",
    "Progress",
    "ProgressRecorder",
    "ProgressStore",
    "Reports",
    "ResumePoint",
    "RunListener",
    "SaveState",
    "SaveStatus",
    "open_progress",
    "redact",
    "set_shared_database_url",
]

log = logging.getLogger("trainer.progress")


@dataclass
class Progress:
    """Everything the app needs from the progress record, opened together."""

    location: DatabaseLocation
    engine: Engine
    store: ProgressStore
    recorder: ProgressRecorder
    learners: LearnerDirectory
    reports: Reports
    pin: InstructorPin
    #: Result of the start-up check of the SQLite file (``ok`` for PostgreSQL).
    integrity: IntegrityReport
    #: Why the database could not be prepared at start (None when all is well).
    problem: str | None = None

    @property
    def notice_ja(self) -> str | None:
        """A plain-Japanese notice to show at start, or None."""
        notes = [self.integrity.message_ja, self.recorder.outbox_notice_ja]
        if self.problem:
            notes.append(
                "記録のデータベースにつながりません。練習はできます。"
                "記録はこのパソコンに残しておき、つながったときに保存します。"
            )
        text = "\n".join(n for n in notes if n)
        return text or None

    def close(self) -> None:
        """Stop the recorder (writing or parking what is queued) and close the database."""
        self.recorder.close()
        self.store.close()


def open_progress(
    url: str | URL | None = None,
    *,
    data_dir_override: str | os.PathLike[str] | None = None,
    upgrade: bool = True,
) -> Progress:
    """Open the record (see :func:`database.resolve_url` for which one) and start the recorder.

    Never fails because the database is down: the recorder then keeps
    records in the outbox, and ``problem`` / ``notice_ja`` say so.
    """
    location = resolve_url(url, data_dir_override=data_dir_override)
    integrity = IntegrityReport(ok=True)
    if location.sqlite_path is not None:
        integrity = check_sqlite_file(location.sqlite_path)
    engine = create_progress_engine(location.url)
    problem: str | None = None
    if upgrade:
        try:
            migrate.upgrade(engine)
        except Exception as exc:
            problem = f"{type(exc).__name__}"
            log.error("progress database %s cannot be prepared: %s", redact(location.url), problem)
    store = ProgressStore(engine)
    recorder = ProgressRecorder(store, Path(data_dir(data_dir_override)) / OUTBOX_FILENAME)
    return Progress(
        location=location,
        engine=engine,
        store=store,
        recorder=recorder,
        learners=LearnerDirectory(engine, on_learner_deleted=recorder.forget_learner),
        reports=Reports(engine),
        pin=InstructorPin(store),
        integrity=integrity,
        problem=problem,
    )
