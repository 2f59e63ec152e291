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
import sqlite3
import threading
import uuid
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy import URL, Engine

from trainer.progress import migrate
from trainer.progress.database import (
    DAMAGE_FLAG_SUFFIX,
    DB_FILENAME,
    OUTBOX_FILENAME,
    DatabaseLocation,
    IntegrityReport,
    SessionState,
    begin_session,
    check_sqlite_file,
    clear_stale_markers,
    create_progress_engine,
    data_dir,
    end_session,
    is_damage,
    keep_foreign_wal,
    make_private_file,
    move_aside,
    previous_session,
    redact,
    resolve_url,
    set_shared_database_url,
    sqlite_url,
    unavailable_reason,
)
from trainer.progress.learners import LearnerDirectory
from trainer.progress.pin import InstructorPin
from trainer.progress.recorder import ProgressRecorder, RunListener, SaveState, SaveStatus
from trainer.progress.reports import Reports
from trainer.progress.roster import ROSTER_FILENAME, LearnerChoices
from trainer.progress.store import ProgressStore, ResumePoint
from trainer.words.catalogue import tr

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
    #: The learner picker's source: the record, or the names last seen on this PC when it cannot answer.
    learner_choices: LearnerChoices | None = None
    #: This process's ``<db>.open-<pid>`` marker (SQLite), removed by a clean :meth:`close`.
    marker: Path | None = None
    _check_thread: threading.Thread | None = field(default=None, repr=False)
    _check_conn: sqlite3.Connection | None = field(default=None, repr=False)

    @property
    def notice_ja(self) -> str | None:
        """A plain-Japanese notice to show at start, or None."""
        notes = [self.integrity.message_ja, self.recorder.outbox_notice_ja]
        if self.problem and self.integrity.unavailable is None:
            notes.append(tr("record.unreachable", "ja"))
        text = "\n".join(dict.fromkeys(n for n in notes if n))
        return text or None

    @property
    def notice_en(self) -> str | None:
        notes = [self.integrity.message_en, getattr(self.recorder, "outbox_notice_en", None)]
        if self.problem and self.integrity.unavailable is None:
            notes.append(tr("record.unreachable", "en"))
        text = "\n".join(dict.fromkeys(n for n in notes if n))
        return text or None

    def start_background_check(self) -> threading.Thread | None:
        """Run ``PRAGMA quick_check`` on a thread of its own, never blocking a learner.

        Used after an unclean shutdown. When damage is found the file is kept
        as it is, new records go to the outbox, the notice says so, and the
        next start moves the file aside (after checking it once more).
        """
        path = self.location.sqlite_path
        if path is None or self._check_thread is not None:
            return None

        def keep(conn: sqlite3.Connection) -> None:
            self._check_conn = conn

        def work() -> None:
            report = check_sqlite_file(path, thorough=True, move_damaged=False, on_connect=keep)
            self._check_conn = None
            if report.damaged_in_use:
                try:
                    path.with_name(path.name + DAMAGE_FLAG_SUFFIX).touch()
                except OSError as exc:
                    log.error("damage flag not written: %s", type(exc).__name__)
                self.integrity = report
                self.recorder.hold_database(True)
            elif report.unavailable is None:
                clear_stale_markers(self._session_state)

        self._check_thread = threading.Thread(target=work, name="progress-check", daemon=True)
        self._check_thread.start()
        return self._check_thread

    _session_state: SessionState = field(default_factory=lambda: SessionState(False, frozenset(), ()),
                                         repr=False)

    def prepare_again(self) -> bool:
        """The shared server could not be prepared at opening (down at start): try the migrations again.

        Call off the UI thread (a server that does not answer takes the
        connect timeout). Once they ran, ``problem`` is cleared, so the notice
        goes and what waits in the outbox can be written to current tables.
        True when the record is prepared. A SQLite problem (a full disk) is
        left to the next start.
        """
        if self.problem is None:
            return True
        if self.location.is_sqlite:
            return False
        if _upgrade(self.engine) is not None:
            return False
        self.problem = None
        log.info("the shared record is back and prepared")
        return True

    def close(self) -> None:
        """Stop the recorder (writing or parking what is queued) and close the database."""
        conn = self._check_conn
        if conn is not None:
            try:
                conn.interrupt()  # the check runs again at the next start
            except sqlite3.Error:
                pass
        if self._check_thread is not None:
            self._check_thread.join(5)
        self.recorder.close()
        if self.learners.erase_pending:
            self.learners.finish_erasing()
        self.store.close()
        end_session(self.marker)


def open_progress(
    url: str | URL | None = None,
    *,
    data_dir_override: str | os.PathLike[str] | None = None,
    upgrade: bool = True,
    background_check: bool = True,
    spill_dirs: list[Path] | None = None,
) -> Progress:
    """Open the record (see :func:`database.resolve_url` for which one) and start the recorder.

    Never fails because the database is down, full, read-only or damaged:
    the recorder then keeps records in the outbox (or memory), and
    ``problem`` / ``notice_ja`` say so. The full integrity check runs only
    after an unclean shutdown, and then in the background
    (:meth:`Progress.start_background_check`); at every start only the
    header and schema are read.
    """
    folder = data_dir(data_dir_override)
    try:
        location = resolve_url(url, data_dir_override=folder)
    except Exception as exc:  # a bad TRAINER_DATABASE_URL must not stop the app
        if url is not None:
            raise
        log.error("the database URL cannot be used (%s); using this PC's file", type(exc).__name__)
        location = DatabaseLocation(sqlite_url(folder / DB_FILENAME), "default")
    integrity = IntegrityReport(ok=True)
    session = SessionState(False, frozenset(), ())
    flagged = False
    marker: Path | None = None
    path = location.sqlite_path
    if path is not None:
        session = previous_session(path)
        flagged = path.with_name(path.name + DAMAGE_FLAG_SUFFIX).exists()
        wal_kept = keep_foreign_wal(path, session)
        integrity = check_sqlite_file(path, thorough=flagged)
        if flagged and integrity.ok and integrity.unavailable is None:
            path.with_name(path.name + DAMAGE_FLAG_SUFFIX).unlink(missing_ok=True)  # sound after all
        if wal_kept is not None:
            integrity = replace(integrity, wal_kept_as=wal_kept)
        make_private_file(path)
    engine = create_progress_engine(location.url)
    problem: str | None = None
    if upgrade:
        problem = _upgrade(engine)
        if problem is not None and path is not None and problem == "damaged":
            engine.dispose()
            integrity = replace(move_aside(path, "schema cannot be read"), wal_kept_as=integrity.wal_kept_as)
            make_private_file(path)
            engine = create_progress_engine(location.url)
            problem = _upgrade(engine)
        if problem is not None and path is not None and integrity.unavailable is None and problem != "damaged":
            integrity = replace(integrity, unavailable=problem)
    if path is not None:
        marker = begin_session(path)
    store = ProgressStore(engine)
    recorder = ProgressRecorder(store, folder / OUTBOX_FILENAME, spill_dirs=spill_dirs)
    directory = LearnerDirectory(engine)
    choices = LearnerChoices(directory, folder / ROSTER_FILENAME)
    if problem is not None and path is None:  # the server did not answer just now: the picker uses the
        choices.assume_offline()              # names kept here at once, and only its background check asks

    def deleted(learner_id: uuid.UUID) -> int:  # waiting records on this PC and the name kept here go too
        choices.forget(learner_id)
        return recorder.forget_learner(learner_id)

    directory.on_learner_deleted = deleted
    progress = Progress(
        location=location,
        engine=engine,
        store=store,
        recorder=recorder,
        learners=directory,
        learner_choices=choices,
        reports=Reports(engine),
        pin=InstructorPin(store, has_learners=lambda: directory.count_learners() > 0),
        integrity=integrity,
        problem=problem,
        marker=marker,
    )
    progress._session_state = session
    if path is not None and session.unclean and not flagged and background_check:
        progress.start_background_check()
    elif path is not None and not session.unclean:
        clear_stale_markers(session)
    return progress


def _upgrade(engine: Engine) -> str | None:
    """Migrate; None when done, else a short reason (``damaged``, ``full``, ``read-only``, ``Error`` ...)."""
    try:
        migrate.upgrade(engine)
    except Exception as exc:
        if engine.dialect.name == "sqlite" and is_damage(exc):
            return "damaged"
        reason = unavailable_reason(exc) if engine.dialect.name == "sqlite" else type(exc).__name__
        log.error("progress database %s cannot be prepared: %s (%s)", redact(engine.url), type(exc).__name__,
                  reason)
        return reason if engine.dialect.name == "sqlite" and reason != "other" else type(exc).__name__
    return None
