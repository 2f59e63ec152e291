"""kill -9 while recording: nothing committed is lost and the learner resumes at the right step.

A child process plays scan-to-pay for ever, printing a line each time a
learner action has been made durable. The test kills it with SIGKILL at
some moment, then checks the record against what the child had reported.
"""

from __future__ import annotations

import json
import os
import select
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select as sql_select

from tests.progress.helpers import events_of, pay_scenario
from trainer.progress import migrate
from trainer.progress.database import create_progress_engine, sqlite_url
from trainer.progress.learners import LearnerDirectory
from trainer.progress.models import Attempt, EventKind
from trainer.progress.recorder import ProgressRecorder
from trainer.progress.store import ProgressStore
from trainer.scenarios.runner import Run

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="kill -9 needs a POSIX system")

ROOT = Path(__file__).resolve().parents[2]


def run_and_kill(url: str, outbox: Path, learner: uuid.UUID, lines_before_kill: int, busy_ms: int = 5000) -> list[dict]:
    """Start the writer, read its reports, SIGKILL it after ``lines_before_kill`` of them."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.progress.crash_writer", "--url", url, "--outbox", str(outbox),
         "--learner", str(learner), "--busy-ms", str(busy_ms)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    reports: list[dict] = []
    deadline = time.monotonic() + 120
    try:
        while len(reports) < lines_before_kill:
            if time.monotonic() > deadline or proc.poll() is not None:
                raise AssertionError(f"writer stopped early: {proc.stderr.read() if proc.poll() is not None else ''}")
            ready, _, _ = select.select([proc.stdout], [], [], 1.0)  # subprocess polling
            if ready:
                line = proc.stdout.readline()
                if line:
                    reports.append(json.loads(line))
        os.kill(proc.pid, signal.SIGKILL)  # the power cut: no clean-up runs in the child
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(30)
        proc.stdout.close()
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    return reports


def check_nothing_committed_was_lost(engine, recorder: ProgressRecorder, learner: uuid.UUID, reports: list[dict]) -> None:
    scenario = pay_scenario()
    by_attempt: dict[str, dict] = {}
    for report in reports:
        by_attempt[report["attempt"]] = report  # the last report of each attempt
    for attempt, last in by_attempt.items():
        rows = events_of(engine, uuid.UUID(attempt))
        assert [r.seq for r in rows] == list(range(len(rows))), "no gaps, no duplicates"
        shown = [r.step_id for r in rows if r.kind == EventKind.STEP_SHOWN]
        assert shown[: len(last["path"])] == last["path"], "every reported step is in the record"

    with engine.connect() as conn:
        newest = conn.execute(
            sql_select(Attempt.id).where(Attempt.learner_id == learner).order_by(Attempt.started_at.desc()).limit(1)
        ).scalar_one()
    last = reports[-1]
    attempts_in_order = list(dict.fromkeys(r["attempt"] for r in reports))
    assert str(newest) in attempts_in_order[-1:] or str(newest) not in attempts_in_order, "no reported attempt was lost"
    shown = [r.step_id for r in events_of(engine, newest) if r.kind == EventKind.STEP_SHOWN]
    point = recorder.resume_point(learner, scenario.id)
    if not shown:
        assert point is None  # killed right after a start: the run begins at the first step anyway
        return
    # The snapshot and the events of one action are one transaction: they always agree.
    assert point is not None and point.attempt_id == newest
    assert point.snapshot["path"] == shown
    assert point.snapshot["step_id"] == shown[-1]
    if str(newest) == last["attempt"]:
        assert len(shown) >= len(last["path"])
    run = Run.resume(scenario, point.snapshot)
    assert run.current.id == point.snapshot["step_id"], "the learner resumes at the right step"


@pytest.mark.slow
@pytest.mark.parametrize("lines_before_kill", [7, 23])
def test_kill_9_while_writing_to_sqlite(tmp_path, lines_before_kill):
    db = tmp_path / "progress.sqlite3"
    url = sqlite_url(db).render_as_string(hide_password=False)
    engine = create_progress_engine(url)
    migrate.upgrade(engine)
    learner = LearnerDirectory(engine).add_learner("停電 さくら")
    engine.dispose()

    reports = run_and_kill(url, tmp_path / "outbox.sqlite3", learner, lines_before_kill)

    check = sqlite3.connect(str(db))
    try:
        assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        check.close()
    store = ProgressStore(create_progress_engine(url))
    recorder = ProgressRecorder(store, tmp_path / "outbox.sqlite3")
    try:
        assert recorder.flush()
        check_nothing_committed_was_lost(store.engine, recorder, learner, reports)
    finally:
        recorder.close()
        store.close()


@pytest.mark.slow
def test_kill_9_while_records_wait_in_the_outbox(tmp_path):
    """The database is locked the whole time: everything reported sits only in the outbox."""
    db = tmp_path / "progress.sqlite3"
    url = sqlite_url(db).render_as_string(hide_password=False)
    engine = create_progress_engine(url)
    migrate.upgrade(engine)
    learner = LearnerDirectory(engine).add_learner("停電 もみじ")
    engine.dispose()

    blocker = sqlite3.connect(str(db), isolation_level=None)
    try:
        blocker.execute("BEGIN EXCLUSIVE")
        reports = run_and_kill(url, tmp_path / "outbox.sqlite3", learner, 12, busy_ms=20)
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()

    store = ProgressStore(create_progress_engine(url))
    recorder = ProgressRecorder(store, tmp_path / "outbox.sqlite3", retry_delays_s=(0.05,))
    try:
        assert recorder.pending_count() > 0, "the reported records were waiting in the outbox"
        assert recorder.retry_now(timeout=30)
        assert recorder.pending_count() == 0
        check_nothing_committed_was_lost(store.engine, recorder, learner, reports)
    finally:
        recorder.close()
        store.close()


@pytest.mark.slow
@pytest.mark.postgres
def test_kill_9_while_writing_to_postgresql(pg_url, tmp_path):
    engine = create_progress_engine(pg_url)
    migrate.upgrade(engine)
    learner = LearnerDirectory(engine).add_learner("停電 あおい")
    engine.dispose()

    reports = run_and_kill(pg_url, tmp_path / "outbox.sqlite3", learner, 17)

    store = ProgressStore(create_progress_engine(pg_url))
    recorder = ProgressRecorder(store, tmp_path / "outbox.sqlite3")
    try:
        assert recorder.flush()
        check_nothing_committed_was_lost(store.engine, recorder, learner, reports)
    finally:
        recorder.close()
        store.close()
