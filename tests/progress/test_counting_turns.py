"""On PostgreSQL, what a PC's seat and the helper's board write never waits for a recorder's counting.

Migration 0010 made every PC of a class lock the class session's row for the rest of its transaction,
so 30 PCs waited for each other's whole transactions and the help board showed hands seconds late
(issue #14); the next fix made the attendance checks take turns per (session, learner), but every PC
still added to the session's one summary row, and her seat waited for her recorder's turn. Since
migration 0012 a session's counts are per-learner rows written by her recorder alone, and its
attendances are read from those rows and the board rows: a seat counts nothing. Here a recorder's
transaction has written its counts (its rows are locked) and is held open; the seat's board row, the
raised hand and the helper's answer must go through meanwhile, and she is counted once.
"""

from __future__ import annotations

import datetime as dt
import threading
import uuid

import pytest
from sqlalchemy import insert, select, update

from trainer.progress import rollups
from trainer.progress.classes import ClassBook, HelpBoard, Seat, presence_id
from trainer.progress.models import (
    Attempt,
    AttemptStatus,
    EventKind,
    Presence,
    StepEvent,
    utcnow,
)
from trainer.progress.reports import session_attendance, session_sums

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


def _join_board(engine, learner, session, *, hand: bool = False) -> None:
    """What a PC's seat does when its learner first appears on the board (``Seat._write``): the row, and
    with ``hand`` her raised hand, in one transaction."""
    with engine.begin() as conn:
        conn.execute(insert(Presence), {"id": presence_id(session, learner), "session_id": session,
                                        "learner_id": learner, "state": "practising"})
        if hand:
            conn.execute(update(Presence).where(Presence.id == presence_id(session, learner))
                         .values(hand_raised_at=utcnow()))


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


def _attendees(engine, session) -> int:
    with engine.connect() as conn:
        return session_attendance(conn, [session]).get(session, (0, 0))[0]


def _session_counts(engine, session) -> tuple[int, int, int]:
    """(learners, attempts, finished) of the session as the reports add them up."""
    sums = session_sums()
    with engine.connect() as conn:
        row = conn.execute(select(sums.c.learners, sums.c.attempts, sums.c.finished)
                           .where(sums.c.session_id == session)).first()
    return (0, 0, 0) if row is None else tuple(int(v) for v in row)


def _summaries_equal_a_recount(engine) -> None:
    with engine.connect() as conn:
        assert rollups.stored(conn) == rollups.recount(conn)


def test_her_seat_and_raised_hand_do_not_wait_for_her_recorders_counts_and_she_is_counted_once(engine, directory):
    learner = directory.add_learner("山田 はなこ")
    session = directory.add_session(dt.date.today(), "中央公民館")
    recorder = engine.connect()
    try:
        with recorder.begin():
            attempt, tally = _start_attempt(recorder, learner, session)
            recorder.execute(update(Attempt).where(Attempt.id == attempt).values(resume_snapshot={"step_id": "x"}))
            tally.write(recorder)  # her rows (and the scenario's) are locked until the commit
            seat, errors = _in_thread(lambda: _join_board(engine, learner, session, hand=True))
            seat.join(60)
            assert not seat.is_alive(), "her seat waited for her recorder's transaction"
            assert not errors, errors
            with engine.connect() as board:
                raised = board.execute(select(Presence.hand_raised_at)
                                       .where(Presence.id == presence_id(session, learner))).scalar()
            assert raised is not None, "the board does not see her raised hand before the recorder commits"
    finally:
        recorder.close()
    assert _attendees(engine, session) == 1  # on the board and with an attempt: one attendance
    assert _session_counts(engine, session) == (1, 1, 0)
    _summaries_equal_a_recount(engine)


def test_the_real_seat_shows_her_raised_hand_while_her_recorders_counts_are_not_committed(engine, directory):
    """The PC's own seat (its thread, its first board row and the hand in one write): before 0012 its
    first row counted her attendance and waited for her recorder's turn, so the hand waited too."""
    learner = directory.add_learner("山田 はなこ")
    session = ClassBook(engine).start_session("中央公民館", "山田")
    seat = Seat(engine, poll_s=0.05)
    recorder = engine.connect()
    try:
        seat.set_person(learner)
        for _ in range(600):
            if seat.session_id() == session:
                break
            seat.wake()
            threading.Event().wait(0.05)
        assert seat.session_id() == session
        with recorder.begin():
            _, tally = _start_attempt(recorder, learner, session)
            tally.write(recorder)  # her rows are locked until the commit
            seat.raise_hand()
            raised = None
            for _ in range(600):
                with engine.connect() as board:
                    raised = board.execute(select(Presence.hand_raised_at)
                                           .where(Presence.id == presence_id(session, learner))).scalar()
                if raised is not None:
                    break
                threading.Event().wait(0.05)
            assert raised is not None, "her raised hand waited for her recorder's transaction"
    finally:
        recorder.close()
        seat.close()
    assert _attendees(engine, session) == 1 and _session_counts(engine, session) == (1, 1, 0)
    _summaries_equal_a_recount(engine)


def test_another_learners_seat_does_not_wait_for_her_recorder(engine, directory):
    hanako, taro = directory.add_learner("山田 はなこ"), directory.add_learner("佐藤 たろう")
    session = directory.add_session(dt.date.today(), "中央公民館")
    recorder = engine.connect()
    try:
        with recorder.begin():
            _, tally = _start_attempt(recorder, hanako, session)
            tally.write(recorder)
            seat, errors = _in_thread(lambda: _join_board(engine, taro, session, hand=True))
            seat.join(60)
            assert not seat.is_alive(), "taro's seat waited for hanako's recorder to finish its transaction"
            assert not errors, errors
    finally:
        recorder.close()
    assert _attendees(engine, session) == 2
    assert _session_counts(engine, session) == (1, 1, 0)  # taro is there, but has practised nothing
    _summaries_equal_a_recount(engine)


def test_two_learners_recorders_in_a_class_add_to_no_common_session_row(engine, directory):
    """Her recorder and another learner's, both in the class: the session's counts are their own rows."""
    hanako, taro = directory.add_learner("山田 はなこ"), directory.add_learner("佐藤 たろう")
    session = directory.add_session(dt.date.today(), "中央公民館")
    with engine.begin() as conn:
        for who in (hanako, taro):
            _, tally = _start_attempt(conn, who, session)
            tally.write(conn)
    with engine.connect() as conn:
        rows = rollups.stored(conn)["report_session_learner"]
    assert sorted(rows) == sorted([(session, hanako), (session, taro)])
    assert _session_counts(engine, session) == (2, 2, 0) and _attendees(engine, session) == 2
    _summaries_equal_a_recount(engine)


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
            assert board.flush(60), "the helped step's mark waited for the recorder's transaction"
    finally:
        recorder.close()
    with engine.connect() as conn:
        fresh, stored = rollups.recount(conn), rollups.stored(conn)
    assert stored["report_session_help"] == fresh["report_session_help"]
    assert sum(c["count"] for c in fresh["report_session_help"].values()) == 1


def test_the_hand_is_lowered_at_once_while_the_helped_step_waits_for_her_recorder(engine, directory):
    """Her recorder is counting a helped event of the same attempt (it holds that attempt's turn): the
    helper's 「対応しました」 lowers the hand for everyone at once; the mark and count follow, once."""
    learner = directory.add_learner("山田 はなこ")
    session = directory.add_session(dt.date.today(), "中央公民館")
    with engine.begin() as conn:
        attempt, tally = _start_attempt(conn, learner, session)
        tally.write(conn)
        conn.execute(insert(StepEvent), {"id": uuid.uuid4(), "attempt_id": attempt, "seq": 0, "scenario_id": "pay",
                                         "kind": EventKind.HINT, "step_id": "open-pay", "created_at": utcnow()})
    _join_board(engine, learner, session)
    pid = presence_id(session, learner)
    with engine.begin() as conn:
        conn.execute(update(Presence).where(Presence.id == pid)
                     .values(attempt_id=attempt, step_id="open-pay", hand_raised_at=utcnow()))
    board = HelpBoard(engine)
    recorder = engine.connect()
    try:
        with recorder.begin():
            rollups._take_turns(recorder, "help", attempt)  # as _count_helped does for a helped event
            answered: list[bool] = []
            helper, errors = _in_thread(lambda: answered.append(board.acknowledge(pid)))
            helper.join(60)
            assert not helper.is_alive(), "「対応しました」 waited for her recorder's turn"
            assert answered == [True] and not errors, errors
            with engine.connect() as conn:
                lowered = conn.execute(select(Presence.hand_raised_at, Presence.assisted_step)
                                       .where(Presence.id == pid)).one()
            assert lowered.hand_raised_at is None and lowered.assisted_step == "open-pay"
            assert not board.flush(0.3), "the helped step was marked without waiting for her recorder's turn"
    finally:
        recorder.close()
    assert board.flush(60)
    with engine.connect() as conn:
        fresh, stored = rollups.recount(conn), rollups.stored(conn)
    assert stored["report_session_help"] == fresh["report_session_help"]
    assert sum(c["count"] for c in fresh["report_session_help"].values()) == 1


def test_several_attempts_and_helped_events_in_one_transaction_are_counted_as_a_recount_does(engine, directory):
    """The deferred help check sees the whole transaction: her two attempts in the class (an attendance, two
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
    [row] = stored["report_session_learner"].values()
    assert (row["attempts"], row["finished"], row["watched"]) == (2, 0, 0)
    assert _attendees(engine, session) == 1 and _session_counts(engine, session) == (1, 2, 0)
    assert sum(c["count"] for c in stored["report_session_help"].values()) == 1
