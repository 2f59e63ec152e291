"""Reports: the right counts, counts only in aggregates, and stumble queries on the partial index."""

from __future__ import annotations

import datetime as dt
import re
import uuid

import pytest
from sqlalchemy import event

from trainer.progress.models import AttemptStatus, EventKind, JudgementResult, utcnow
from trainer.progress.records import AttemptEnd, AttemptStart, EventRecord, Unit
from trainer.progress.reports import MistakeCount, Reports


class Builder:
    """Writes attempts with exactly the events a test asks for."""

    def __init__(self, store) -> None:
        self.store = store
        self.clock = utcnow() - dt.timedelta(days=1)

    def attempt(self, learner, scenario, steps, *, end=None, outcome=None, session=None) -> uuid.UUID:
        attempt_id = uuid.uuid4()
        self.clock += dt.timedelta(minutes=1)
        records = []
        for seq, (kind, step, extra) in enumerate(steps):
            self.clock += dt.timedelta(seconds=1)
            records.append(EventRecord(uuid.uuid4(), seq, kind, step, self.clock, **extra))
        ending = AttemptEnd(end, self.clock, outcome) if end else None
        self.store.apply(
            [
                Unit(
                    attempt_id,
                    learner,
                    scenario,
                    start=AttemptStart(1, self.clock - dt.timedelta(seconds=30), session),
                    events=tuple(records),
                    end=ending,
                )
            ]
        )
        return attempt_id


def shown(step):
    return (EventKind.STEP_SHOWN, step, {})


def right(step):
    return (EventKind.ACTION_JUDGED, step, {"result": JudgementResult.CORRECT, "duration_ms": 1000})


def known(step, mistake):
    return (
        EventKind.ACTION_JUDGED,
        step,
        {"result": JudgementResult.KNOWN_MISTAKE, "mistake_id": mistake, "duration_ms": 900},
    )


def other(step):
    return (EventKind.ACTION_JUDGED, step, {"result": JudgementResult.OTHER_MISTAKE, "duration_ms": 800})


def hint(step, level=1):
    return (EventKind.HINT, step, {"hint_level": level})


@pytest.fixture
def world(store, directory):
    tuesday = directory.add_group("火曜教室")
    thursday = directory.add_group("木曜教室")
    session = directory.add_session(dt.date(2026, 11, 24), "中央公民館", "講師 一郎", tuesday)
    names = {"a": "あきこ", "b": "ぶんた", "c": "ちえ", "d": "だいすけ"}
    a = directory.add_learner(names["a"], tuesday)
    b = directory.add_learner(names["b"], tuesday)
    c = directory.add_learner(names["c"], thursday)
    d = directory.add_learner(names["d"])
    build = Builder(store)
    build.attempt(
        a,
        "pay",
        [shown("open"), right("open"), shown("scan"), known("scan", "code-instead"), known("scan", "code-instead"),
         hint("scan"), known("scan", "code-instead"), right("scan"), shown("done"), (EventKind.FINISHED, "done", {"outcome": "success"})],
        end=AttemptStatus.FINISHED,
        outcome="success",
        session=session,
    )
    build.attempt(
        b,
        "pay",
        [shown("open"), right("open"), shown("scan"), right("scan"), shown("amount"), other("amount"),
         (EventKind.RESTART, "amount", {}), (EventKind.ABANDONED, "amount", {})],
        end=AttemptStatus.ABANDONED,
        session=session,
    )
    build.attempt(
        c, "pay", [shown("open"), right("open"), (EventKind.FINISHED, "open", {})], end=AttemptStatus.FINISHED, outcome="risky"
    )
    build.attempt(a, "pay", [shown("open"), other("open")])
    build.attempt(d, "sms", [shown("read"), hint("read"), hint("read", 2), right("read")], end=AttemptStatus.FINISHED, outcome="safe")
    return {"ids": {"a": a, "b": b, "c": c, "d": d}, "names": names, "groups": (tuesday, thursday), "session": session}


def test_scenario_report_counts(engine, world):
    report = Reports(engine).scenario_report("pay")
    assert (report.attempts, report.finished, report.abandoned, report.in_progress) == (4, 2, 1, 1)
    assert (report.learners, report.learners_finished) == (3, 2)
    assert report.completion_rate == pytest.approx(0.5)
    assert report.outcomes == {"success": 1, "risky": 1}
    assert [(s.step_id, s.mistakes, s.known_mistakes, s.hints, s.restarts, s.abandons) for s in report.stumbles] == [
        ("scan", 3, 3, 1, 0, 0),
        ("amount", 1, 0, 0, 1, 1),
        ("open", 1, 0, 0, 0, 0),
    ]
    assert report.known_mistakes == [MistakeCount("pay", "scan", "code-instead", 3)]


def test_learner_report(engine, world):
    report = Reports(engine).learner_report(world["ids"]["a"])
    assert report.display_name == "あきこ" and report.group_name == "火曜教室"
    [pay] = report.scenarios
    assert (pay.scenario_id, pay.attempts, pay.finished, pay.in_progress, pay.last_outcome) == ("pay", 2, 1, 1, "success")
    assert pay.last_started_at.tzinfo is not None
    assert report.scenarios_finished == 1
    assert [(s.step_id, s.total) for s in report.stumbles] == [("scan", 4), ("open", 1)]
    with pytest.raises(LookupError):
        Reports(engine).learner_report(uuid.uuid4())


def test_overview_counts_per_scenario_group_and_session(engine, world):
    overview = Reports(engine).overview()
    assert (overview.learners, overview.attempts, overview.finished) == (4, 5, 3)
    assert [(s.scenario_id, s.attempts, s.finished, s.learners) for s in overview.scenarios] == [
        ("pay", 4, 2, 3),
        ("sms", 1, 1, 1),
    ]
    tuesday, thursday = world["groups"]
    groups = {g.name: (g.learners, g.active_learners, g.attempts, g.finished) for g in overview.groups}
    assert groups == {"火曜教室": (2, 2, 3, 1), "木曜教室": (1, 1, 1, 1), None: (1, 1, 1, 1)}
    [session] = overview.sessions
    assert (session.venue, session.learners, session.attempts, session.finished) == ("中央公民館", 2, 2, 1)
    assert Reports(engine).scenario_ids() == ["pay", "sms"]


def test_aggregate_reports_hold_no_personal_data(engine, world):
    reports = Reports(engine)
    text_of_aggregates = repr(reports.overview()) + repr(reports.scenario_report("pay")) + repr(reports.stumbling_steps())
    for name in world["names"].values():
        assert name not in text_of_aggregates
    for learner_id in world["ids"].values():
        assert str(learner_id) not in text_of_aggregates and learner_id.hex not in text_of_aggregates
    assert "講師" not in text_of_aggregates  # not even the instructor's name


def test_aggregate_reports_read_the_summaries_never_the_events_or_attempts(engine, world):
    """What keeps them fast at 10 M events: no statement of theirs touches step_event or attempt."""
    statements = []

    def capture(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    reports = Reports(engine)
    event.listen(engine, "before_cursor_execute", capture)
    try:
        overview = reports.overview()
        scenario = reports.scenario_report("pay")
        reports.stumbling_steps()
        reports.known_mistakes()
        reports.scenario_ids()
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    assert overview.attempts > 0 and scenario.stumbles  # they did answer
    assert len(statements) >= 8
    for statement in statements:
        assert "step_event" not in statement and not re.search(r"\battempt\b", statement), statement
