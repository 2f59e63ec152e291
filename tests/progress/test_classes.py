"""Classes: sessions and venues, the seat on each PC, the help board, the city's report.

Every test runs on SQLite and on PostgreSQL (the ``db_url`` fixtures).
"""

from __future__ import annotations

import datetime as dt
import time

import pytest
from sqlalchemy import select

from tests.progress.helpers import Player, pay_actions, pay_scenario
from trainer.progress.classes import (
    STATE_FINISHED,
    ClassBook,
    HelpBoard,
    Seat,
    local_midnight_after,
    short_name,
)
from trainer.progress.learners import InvalidName
from trainer.progress.models import Attempt, ClassSession, Presence, SessionKind, StepEvent, utcnow
from trainer.progress.reports import city_report
from trainer.scenarios.actions import Action
from trainer.scenarios.runner import Run


def wait_for(predicate, timeout=5.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.02)
    raise AssertionError("condition not met in time")


@pytest.fixture
def book(engine):
    return ClassBook(engine)


@pytest.fixture
def seat(engine, recorder):
    made = Seat(engine, poll_s=0.05, attempt_source=lambda: recorder.current_attempt)
    made.on_helped = lambda helped: setattr(recorder, "helper_assisted", helped)
    recorder.session_source = made.session_source()
    yield made
    made.close()


def test_short_names_show_no_more_than_a_first_name():
    assert short_name("都城 花子") == "花子"
    assert short_name("都城\u3000花子") == "花子"
    assert short_name("Hanako Tanaka") == "Hanako"
    assert short_name("はなちゃん") == "はなちゃん"
    assert short_name("  ") == ""


def test_venues_are_a_list_the_city_keeps(book):
    a = book.add_venue("  中央公民館 ")
    book.add_venue("高城地区公民館")
    assert [v.name for v in book.list_venues()] == ["中央公民館", "高城地区公民館"]
    with pytest.raises(InvalidName):
        book.add_venue("中央公民館")
    with pytest.raises(InvalidName):
        book.add_venue("   ")
    book.rename_venue(a, "ウエルネス交流プラザ")
    book.remove_venue(a)
    assert [v.name for v in book.list_venues()] == ["高城地区公民館"]


def test_a_class_is_open_from_its_start_until_it_is_ended_or_midnight(book):
    start = utcnow()
    first = book.start_session("中央公民館", "山田", SessionKind.COURSE, now=start)
    info = book.get_session(first)
    assert info.held_on == start.astimezone().date()  # today by default
    assert info.closes_at == local_midnight_after(start)
    assert info.closes_at.astimezone().time() == dt.time(0, 0)
    assert book.open_session(start + dt.timedelta(minutes=1)).id == first
    assert book.open_session(info.closes_at) is None  # at midnight it is closed by itself

    second = book.start_session("中央公民館", "山田", "consultation", now=start + dt.timedelta(minutes=2))
    assert book.get_session(first).ended_at is not None  # one class at a time: the first ended
    assert book.open_session().id == second
    book.end_session(second)
    assert book.open_session() is None

    book.fix_session(second, venue="高城地区公民館", kind=SessionKind.OUTREACH, held_on=dt.date(2026, 5, 1))
    fixed = book.get_session(second)
    assert (fixed.venue, fixed.kind, fixed.held_on) == ("高城地区公民館", SessionKind.OUTREACH, dt.date(2026, 5, 1))


def test_attempts_in_an_open_class_belong_to_it_and_the_board_shows_the_learner(engine, book, recorder, seat, directory):
    hanako = directory.add_learner("都城 花子")
    session = book.start_session("中央公民館", "山田")
    seat.wake()
    wait_for(lambda: seat.session_id() == session)
    seat.set_person(hanako)

    scenario = pay_scenario()
    run = Run(scenario)
    player = Player(run, recorder)
    run.subscribe(seat.listener())
    recorder.start_attempt(hanako, scenario.id, scenario.version)
    player.start()
    first_three = pay_actions()[:3]  # a known mistake, a right tap, a hint
    for action in first_three:
        player.act(action)
    assert recorder.flush()
    board = HelpBoard(engine)
    row = wait_for(lambda: next(iter(board.rows(session)), None))
    assert row.name == "花子" and not row.is_guest and row.scenario_id == scenario.id
    with engine.connect() as conn:
        assert conn.execute(select(Attempt.session_id)).scalar() == session

    # wrong tries and hints on one step make it "stuck" (counts, never time)
    player.act(lambda r: r.judge(Action.tap("charge")))
    player.act(lambda r: r.next_hint())
    row = wait_for(lambda: next((r for r in board.rows(session) if r.stuck), None))
    assert row.mistakes + row.hints >= 3

    # the hand: raised on this PC, seen on the board, answered by a helper
    lowered = []
    seat.add_hand_listener(lowered.append)
    seat.raise_hand()
    row = wait_for(lambda: next((r for r in board.rows(session) if r.hand_raised), None))
    step = row.step_id
    assert board.acknowledge(row.presence_id)
    wait_for(lambda: lowered == [False])
    assert not seat.hand_raised
    wait_for(lambda: recorder.helper_assisted)
    for action in pay_actions()[3:]:
        player.act(action)
    assert recorder.flush()
    assert board.flush()  # the board marks the step's earlier events on its own thread
    with engine.connect() as conn:
        helped_steps = set(conn.execute(select(StepEvent.step_id).where(StepEvent.helper_assisted.is_(True))).scalars())
    assert helped_steps == {step}
    row = wait_for(lambda: next((r for r in board.rows(session) if r.state == STATE_FINISHED), None))
    assert row.finished_count == 1 and not row.hand_raised

    report = city_report(engine, dt.date.today() - dt.timedelta(days=1), dt.date.today() + dt.timedelta(days=1))
    assert report.total_sessions == 1 and report.total_attendances == 1
    assert [(s.scenario_id, s.learners_finished) for s in report.scenarios] == [(scenario.id, 1)]
    assert [(h.step_id, h.count) for h in report.helped_steps] == [(step, 1)]


def test_the_learner_lowers_the_hand_and_a_guest_is_an_anonymous_attendance(engine, book, recorder, seat, directory):
    session = book.start_session("中央公民館")
    seat.wake()
    wait_for(lambda: seat.session_id() == session)
    seat.set_person(None)  # a guest
    seat.raise_hand()
    board = HelpBoard(engine)
    row = wait_for(lambda: next((r for r in board.rows(session) if r.hand_raised), None))
    assert row.is_guest and row.name == ""
    seat.lower_hand()
    wait_for(lambda: not any(r.hand_raised for r in board.rows(session)))
    seat.set_person(None)  # the next guest
    seat.raise_hand()
    wait_for(lambda: len(board.rows(session)) == 2)
    with engine.connect() as conn:
        assert conn.execute(select(Presence.learner_id)).scalars().all() == [None, None]  # no name, no id
    report = city_report(engine, dt.date.today(), dt.date.today())
    assert report.total_attendances == 2 and report.sessions[0].guests == 2


def test_the_city_report_counts_sessions_by_kind_and_venue_and_attempts_outside_classes(engine, book, store, directory):
    from tests.progress.test_progress_reports import Builder
    from trainer.progress.models import AttemptStatus, EventKind

    learners = [directory.add_learner(f"人{i}") for i in range(4)]
    day = dt.date.today()
    s1 = book.start_session("中央公民館", kind=SessionKind.COURSE)
    s2 = book.start_session("中央公民館", kind=SessionKind.COURSE)
    s3 = book.start_session("高城地区公民館", kind=SessionKind.CONSULTATION)
    book.end_session(s3)
    build = Builder(store)
    build.clock = utcnow() - dt.timedelta(minutes=30)
    shown = [(EventKind.STEP_SHOWN, "a", {}), (EventKind.FINISHED, "a", {})]
    for who in learners[:3]:
        build.attempt(who, "scan-to-pay", shown, end=AttemptStatus.FINISHED, session=s1)
    build.attempt(learners[0], "scan-to-pay", shown, end=AttemptStatus.FINISHED, session=s1)  # same person again
    build.attempt(learners[3], "scan-to-pay", shown, end=AttemptStatus.FINISHED, session=s2)
    build.attempt(learners[3], "konbini-payment", shown, session=s3)
    build.attempt(learners[2], "konbini-payment", shown)  # at home: no class
    # From the day of the attempts (half an hour ago: yesterday just after midnight) to today.
    first_day = build.clock.astimezone().date()
    report = city_report(engine, first_day, day)
    kinds = {k.kind: (k.sessions, k.attendances) for k in report.by_kind}
    assert kinds[SessionKind.COURSE] == (2, 4) and kinds[SessionKind.CONSULTATION] == (1, 1)
    assert report.total_attendances == 5 and report.attempts_outside_class == 1
    assert {(v.venue, v.kind): v.sessions for v in report.by_venue} == {
        ("中央公民館", SessionKind.COURSE): 2,
        ("高城地区公民館", SessionKind.CONSULTATION): 1,
    }
    finished = {s.scenario_id: (s.learners_finished, s.finished, s.attempts) for s in report.scenarios}
    assert finished == {"scan-to-pay": (4, 5, 5), "konbini-payment": (0, 0, 2)}
    only = city_report(engine, first_day, day, venue="高城地区公民館")
    assert only.total_sessions == 1 and only.total_attendances == 1 and only.attempts == 1
    assert report.learners is None  # no names unless asked
    named = city_report(engine, first_day, day, with_names=True)
    assert {n.display_name for n in named.learners} == {"人0", "人1", "人2", "人3"}
    with engine.connect() as conn:
        assert conn.execute(select(ClassSession.kind).where(ClassSession.id == s3)).scalar() == SessionKind.CONSULTATION
