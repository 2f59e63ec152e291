"""When the database cannot be written: records wait durably on this PC, then arrive once.

Covers a locked SQLite file, a full disk (an engine whose statements fail),
a PostgreSQL server that is not there (closed port), and an outbox that
cannot be written either. The UI thread never waits on any of it.
"""

from __future__ import annotations

import sqlite3
import time
import uuid
from pathlib import Path

import pytest

from tests.progress.conftest import FAST_RETRY
from tests.progress.helpers import (
    DatabaseBreaker,
    Player,
    closed_port,
    count,
    events_of,
    pay_actions,
    pay_scenario,
)
from trainer.progress import migrate
from trainer.progress.database import create_progress_engine, sqlite_url
from trainer.progress.learners import LearnerDirectory
from trainer.progress.models import Attempt, StepEvent
from trainer.progress.outbox import Outbox
from trainer.progress.recorder import ProgressRecorder, SaveState
from trainer.progress.records import EventRecord, Unit
from trainer.progress.store import ProgressStore
from trainer.scenarios.events import StepShown
from trainer.scenarios.runner import Run


def play_some(recorder: ProgressRecorder, learner: uuid.UUID, actions: int = 6) -> tuple[uuid.UUID, Run]:
    scenario = pay_scenario()
    attempt_id = recorder.start_attempt(learner, scenario.id, scenario.version)
    player = Player(Run(scenario), recorder)
    player.start()
    for action in pay_actions()[:actions]:
        player.act(action)
    return attempt_id, player.run


def assert_each_event_once(engine, attempt_id: uuid.UUID) -> None:
    rows = events_of(engine, attempt_id)
    assert [r.seq for r in rows] == list(range(len(rows)))
    assert len({r.id for r in rows}) == len(rows)


@pytest.fixture
def sqlite_file(tmp_path: Path) -> Path:
    return tmp_path / "db" / "progress.sqlite3"


@pytest.fixture
def impatient_store(sqlite_file: Path):
    """A SQLite store that gives up on a lock after 100 ms (the app waits 5 s)."""
    engine = create_progress_engine(sqlite_url(sqlite_file), busy_timeout_ms=100)
    migrate.upgrade(engine)
    store = ProgressStore(engine)
    yield store
    store.close()


def test_a_locked_sqlite_file_parks_records_then_flushes_them_once(
    impatient_store, make_recorder, sqlite_file, outbox_path, qtbot
):
    learner = LearnerDirectory(impatient_store.engine).add_learner("ロック 太郎")
    heard = []
    recorder = make_recorder(impatient_store, on_status=heard.append)

    blocker = sqlite3.connect(str(sqlite_file), isolation_level=None)
    try:
        blocker.execute("BEGIN EXCLUSIVE")  # another program holds the file
        started = time.perf_counter()
        attempt_id, run = play_some(recorder, learner)
        ui_time = time.perf_counter() - started
        assert ui_time < 0.5, "recording must never wait for the database"
        assert recorder.flush()
        waiting = recorder.pending_count()
        assert waiting > 0
        assert recorder.status.state is SaveState.WAITING
        assert "保存を待っています" in recorder.status.message_ja
        assert any(s.state is SaveState.WAITING for s in heard)
        outbox = Outbox(outbox_path)
        try:
            assert outbox.weight() == waiting
        finally:
            outbox.close()
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()

    qtbot.waitUntil(lambda: recorder.pending_count() == 0, timeout=5000)
    assert recorder.status.state is SaveState.SAVED
    assert heard[-1].state is SaveState.SAVED
    assert_each_event_once(impatient_store.engine, attempt_id)
    assert recorder.store.resume_point(learner, "scan-to-pay").snapshot["step_id"] == run.current.id


def test_a_full_disk_parks_records_and_they_arrive_once_when_it_is_back(
    engine, store, directory, make_recorder, qtbot
):
    learner = directory.add_learner("ディスク 花子")
    breaker = DatabaseBreaker(engine)
    try:
        recorder = make_recorder(store)
        attempt_id, _ = play_some(recorder, learner, actions=2)  # first part reaches the database
        assert recorder.flush() and recorder.pending_count() == 0
        before = len(events_of(engine, attempt_id))
        breaker.broken = True
        for _ in range(5):
            recorder.record(StepShown("scan", 1, False))
        assert recorder.flush()
        assert recorder.pending_count() == 5
        assert breaker.failures >= 1
        assert recorder.status.state is SaveState.WAITING
        breaker.broken = False
        qtbot.waitUntil(lambda: recorder.pending_count() == 0, timeout=5000)
        assert len(events_of(engine, attempt_id)) == before + 5
        assert_each_event_once(engine, attempt_id)
    finally:
        breaker.remove()


def test_records_written_but_also_parked_are_not_duplicated(engine, store, directory, make_recorder, outbox_path):
    """The server committed, but the answer was lost: the unit is in the database AND the outbox."""
    learner = directory.add_learner("二重 次郎")
    recorder = make_recorder(store)
    attempt_id, _ = play_some(recorder, learner)
    assert recorder.flush()
    recorder.close()
    stored = len(events_of(engine, attempt_id))
    # Put the very same events in the outbox, as if they had failed after the commit.
    rows = events_of(engine, attempt_id)
    units = [
        Unit(
            attempt_id,
            learner,
            "scan-to-pay",
            events=tuple(
                EventRecord(r.id, r.seq, r.kind, r.step_id, r.created_at, result=r.result, mistake_id=r.mistake_id)
                for r in rows
            ),
        )
    ]
    outbox = Outbox(outbox_path)
    outbox.append(units)
    outbox.close()
    again = make_recorder(store)
    assert again.flush()
    assert again.retry_now(timeout=5)
    assert again.pending_count() == 0
    assert len(events_of(engine, attempt_id)) == stored


@pytest.mark.postgres
def test_a_server_that_is_down_keeps_records_on_this_pc_until_it_is_back(pg_url, make_recorder, outbox_path):
    good = create_progress_engine(pg_url)
    migrate.upgrade(good)
    learner = LearnerDirectory(good).add_learner("サーバー 三郎")
    down = create_progress_engine(
        f"postgresql+psycopg://trainer:not-this-pw@127.0.0.1:{closed_port()}/trainer_test", connect_timeout_s=1
    )
    offline_store = ProgressStore(down)
    online_store = ProgressStore(good)
    try:
        offline = make_recorder(offline_store)
        attempt_id, run = play_some(offline, learner)
        assert offline.flush()
        waiting = offline.pending_count()
        assert waiting > 0 and offline.status.state is SaveState.WAITING
        snapshot = offline.resumable(learner, "scan-to-pay")
        assert snapshot.step_id == run.current.id  # resume works from the outbox alone
        offline.close()

        # Next start, server reachable again: the outbox drains on its own.
        online = make_recorder(online_store)
        assert online.pending_count() == waiting
        assert online.retry_now(timeout=10)
        assert online.pending_count() == 0
        assert count(good, Attempt) == 1
        assert count(good, StepEvent) == waiting - 1  # the attempt's start counts as one record
        assert_each_event_once(good, attempt_id)
        assert online.resumable(learner, "scan-to-pay").step_id == run.current.id
    finally:
        offline_store.close()
        online_store.close()


def test_when_not_even_the_outbox_can_be_written_records_are_held_and_said_so(
    engine, store, directory, tmp_path, qtbot
):
    learner = directory.add_learner("メモリ 四郎")
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the outbox folder should be")
    breaker = DatabaseBreaker(engine)
    recorder = ProgressRecorder(store, blocked / "outbox.sqlite3", retry_delays_s=FAST_RETRY)
    try:
        breaker.broken = True
        attempt_id = recorder.start_attempt(learner, "s", 1)
        recorder.record(StepShown("a", 0, False))
        assert recorder.flush()
        assert recorder.status.state is SaveState.FAILING
        assert recorder.pending_count() == 2
        assert "このパソコンにも保存できません" in recorder.status.message_ja
        breaker.broken = False
        qtbot.waitUntil(lambda: recorder.pending_count() == 0, timeout=5000)
        assert recorder.status.state is SaveState.SAVED
        assert len(events_of(engine, attempt_id)) == 1
    finally:
        recorder.close()
        breaker.remove()
