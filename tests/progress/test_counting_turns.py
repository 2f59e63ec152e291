"""On PostgreSQL, the transactions that count a class's attendances and helped steps take turns only when
they count the same thing: the same learner in the same session (her seat and her recorder), the same
attempt's helped step (the helper's 「対応しました」 and her recorder).

Migration 0010 made every PC of a class lock the class session's row for the rest of its transaction,
so 30 PCs waited for each other's whole transactions and the help board showed hands seconds late
(issue #14). Here one transaction is held open and the other must either finish meanwhile (a different
learner; the helper's answer) or wait for it and then count nothing twice (the same learner).
"""

from __future__ import annotations

import datetime as dt
import threading
import uuid

import pytest
from sqlalchemy import insert, select, text, update

from trainer.progress import rollups
from trainer.progress.classes import HelpBoard, presence_id
from trainer.progress.models import (
    Attempt,
    AttemptStatus,
    EventKind,
    Presence,
    ReportSession,
    StepEvent,
    utcnow,
)

pytestmark = pytest.mark.postgres


@pytest.fixture
def db_url(pg_url):
    """PostgreSQL only: SQLite has one writer at a time, nothing there runs side by side."""
    return pg_url


def _start_attempt(conn, learner, session) -> tuple[uuid.UUID, rollups.Tally]:
    """What the recorder's transaction does for a new attempt in a class (``ProgressStore._ensure_attempt``);
    the counts are written at the transaction's end, as ``ProgressStore.apply`` does (``tally.write``)."""
    attempt = uuid.uuid4()
    conn.execute(insert(Attempt), {"id": attempt, "learner_id": learner, "session_id": session, "scenario_id": "pay",
                                   "scenario_version": 1, "started_at": utcnow(), "status": AttemptStatus.IN_PROGRESS,
                                   "mode": "try"})
    tally = rollups.Tally()
    rollups.attempt_created(conn, tally, attempt, learner, "pay", "try", session)
    return attempt, tally


def _join_board(engine, learner, session) -> None:
    """What a PC's seat does when its learner first appears on the board (``Seat._upsert``)."""
    with engine.begin() as conn:
        conn.execute(insert(Presence), {"id": presence_id(session, learner), "session_id": session,
                                        "learner_id": learner, "state": "practising"})
        tally = rollups.Tally()
        rollups.presence_added(conn, tally, session, learner)
        tally.write(conn)


def _in_thread(work) -> tuple[threading.Thread, list[BaseException]]:
    errors: list[BaseException] = []

    def run() -> None:
        try:
            work()
        except BaseException as exc:  # shown by the test
            errors.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, errors


def _waits_for_a_turn(engine, thread: threading.Thread) -> bool:
    """Is some transaction waiting for an advisory lock (while ``thread`` is still at work)?"""
    for _ in range(600):
        with engine.connect() as conn:
            waiting = conn.execute(text(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND wait_event_type = 'Lock' AND wait_event = 'advisory'"
            )).scalar()
        if waiting:
            return True
        if not thread.is_alive():
            return False
        thread.join(0.05)
    return False


def _attendees(engine, session) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(ReportSession.attendees).where(ReportSession.session_id == session))
                   .scalar() or 0)


def test_her_seat_waits_for_her_recorder_only_once_it_counts_and_she_is_counted_once(engine, directory):
    learner = directory.add_learner("山田 はなこ")
    session = directory.add_session(dt.date.today(), "中央公民館")
    recorder = engine.connect()
    try:
        with recorder.begin():
            _, tally = _start_attempt(recorder, learner, session)
            tally.write(recorder)  # the recorder's turn: its counts, then the commit
            seat, errors = _in_thread(lambda: _join_board(engine, learner, session))
            assert _waits_for_a_turn(engine, seat), "her seat counted her while her attempt was being counted"
            assert seat.is_alive()
        seat.join(30)
        assert not seat.is_alive() and not errors, errors
    finally:
        recorder.close()
    assert _attendees(engine, session) == 1
    with engine.connect() as conn:
        assert rollups.stored(conn)["report_session"] == rollups.recount(conn)["report_session"]


def test_her_seat_does_not_wait_for_the_rest_of_her_recorders_transaction(engine, directory):
    """The recorder counts at the end of its transaction (``Tally.deferred``): while it is still writing the
    attempt's events and snapshot, her seat (her raised hand) goes through, and she is counted once."""
    learner = directory.add_learner("山田 はなこ")
    session = directory.add_session(dt.date.today(), "中央公民館")
    recorder = engine.connect()
    try:
        with recorder.begin():
            attempt, tally = _start_attempt(recorder, learner, session)
            recorder.execute(update(Attempt).where(Attempt.id == attempt).values(resume_snapshot={"step_id": "x"}))
            seat, errors = _in_thread(lambda: _join_board(engine, learner, session))
            seat.join(60)
            assert not seat.is_alive(), "her seat waited for the whole of her recorder's transaction"
            assert not errors, errors
            tally.write(recorder)
    finally:
        recorder.close()
    assert _attendees(engine, session) == 1
    with engine.connect() as conn:
        assert rollups.stored(conn)["report_session"] == rollups.recount(conn)["report_session"]


def test_another_learners_seat_does_not_wait_for_her_recorder(engine, directory):
    hanako, taro = directory.add_learner("山田 はなこ"), directory.add_learner("佐藤 たろう")
    session = directory.add_session(dt.date.today(), "中央公民館")
    recorder = engine.connect()
    try:
        with recorder.begin():
            _, tally = _start_attempt(recorder, hanako, session)
            seat, errors = _in_thread(lambda: _join_board(engine, taro, session))
            seat.join(60)
            assert not seat.is_alive(), "taro's seat waited for hanako's recorder to finish its transaction"
            assert not errors, errors
            tally.write(recorder)
    finally:
        recorder.close()
    assert _attendees(engine, session) == 2
    with engine.connect() as conn:
        assert rollups.stored(conn)["report_session"] == rollups.recount(conn)["report_session"]


def test_the_helpers_answer_does_not_wait_for_the_recorders_transaction(engine, directory):
    learner = directory.add_learner("山田 はなこ")
    session = directory.add_session(dt.date.today(), "中央公民館")
    with engine.begin() as conn:
        attempt, tally = _start_attempt(conn, learner, session)
        tally.write(conn)
        conn.execute(insert(StepEvent), {"id": uuid.uuid4(), "attempt_id": attempt, "seq": 0, "scenario_id": "pay",
                                         "kind": EventKind.STEP_SHOWN, "step_id": "open-pay",
                                         "created_at": utcnow()})
    _join_board(engine, learner, session)
    pid = presence_id(session, learner)
    with engine.begin() as conn:
        conn.execute(update(Presence).where(Presence.id == pid)
                     .values(attempt_id=attempt, step_id="open-pay", hand_raised_at=utcnow()))
    board = HelpBoard(engine)
    recorder = engine.connect()
    try:
        with recorder.begin():  # the recorder saves where to resume (ProgressStore: _SNAPSHOT) and goes on
            recorder.execute(update(Attempt).where(Attempt.id == attempt).values(resume_snapshot={"step_id": "x"}))
            answered: list[bool] = []
            helper, errors = _in_thread(lambda: answered.append(board.acknowledge(pid)))
            helper.join(60)
            assert not helper.is_alive(), "「対応しました」 waited for the recorder's transaction"
            assert answered == [True] and not errors, errors
    finally:
        recorder.close()
    with engine.connect() as conn:
        fresh, stored = rollups.recount(conn), rollups.stored(conn)
    assert stored["report_session_help"] == fresh["report_session_help"]
    assert sum(c["count"] for c in fresh["report_session_help"].values()) == 1


def test_several_attempts_and_helped_events_in_one_transaction_are_counted_as_a_recount_does(engine, directory):
    """The deferred checks see the whole transaction: her two attempts in the class (an attendance, two
    practised attempts, one learner) and a helped step stored in two batches (counted once)."""
    learner = directory.add_learner("山田 はなこ")
    session = directory.add_session(dt.date.today(), "中央公民館")
    with engine.begin() as conn:
        first, tally = _start_attempt(conn, learner, session)
        second = uuid.uuid4()
        conn.execute(insert(Attempt), {"id": second, "learner_id": learner, "session_id": session,
                                       "scenario_id": "pay", "scenario_version": 1, "started_at": utcnow(),
                                       "status": AttemptStatus.IN_PROGRESS, "mode": "try"})
        rollups.attempt_created(conn, tally, second, learner, "pay", "try", session)
        for seq in (0, 1):  # two batches of the same attempt's step, both helper-assisted
            event = {"id": uuid.uuid4(), "attempt_id": second, "seq": seq, "scenario_id": "pay",
                     "kind": EventKind.HINT, "step_id": "open-pay", "created_at": utcnow(), "helper_assisted": True}
            conn.execute(insert(StepEvent), event)
            rollups.events_added(tally, "pay", [type("E", (), {**event, "result": None, "mistake_id": None})()],
                                 conn=conn, attempt_id=second)
        tally.write(conn)
    with engine.connect() as conn:
        fresh, stored = rollups.recount(conn), rollups.stored(conn)
    assert stored == fresh
    [row] = stored["report_session"].values()
    assert (row["attendees"], row["attempts"], row["learners"]) == (1, 2, 1)
    assert sum(c["count"] for c in stored["report_session_help"].values()) == 1
