"""The report summaries equal a recount from the events, whatever was recorded and however often it arrived.

Random practice goes through ``ProgressStore.apply`` (the recorder's write) and through the real
recorder while the database is held (everything waits in the outbox, then is replayed); units are
then written a second time, as an outbox replay after a lost answer would. Merging and deleting
learners move and remove their share. After each round the stored summaries must equal
``rollups.recount`` — the same counts made afresh from attempts and events.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid

import pytest

from trainer.progress import migrate, rollups
from trainer.progress.models import AttemptStatus, EventKind, JudgementResult, utcnow
from trainer.progress.records import AttemptEnd, AttemptStart, EventRecord, Unit
from trainer.progress.reports import Reports
from trainer.scenarios.events import ActionJudged, HintGiven, HintKind, Judgement, StepShown

SCENARIOS = ("pay", "shop", "kiosk")
STEPS = ("one", "two", "three")
MISTAKES = ("code-instead", None, "wrong-amount")


def summaries_match(engine) -> None:
    with engine.connect() as conn:
        stored, fresh = rollups.stored(conn), rollups.recount(conn)
    for table in fresh:
        assert stored[table] == fresh[table], table
    assert fresh["report_scenario"], "the random practice recorded nothing"


def random_units(rng: random.Random, learners: list[uuid.UUID], sessions: list[uuid.UUID | None], n: int):
    """n attempts as units, split the way the recorder splits them (start, actions, end)."""
    units: list[Unit] = []
    clock = utcnow() - dt.timedelta(days=3)
    for _ in range(n):
        attempt, learner, scenario = uuid.uuid4(), rng.choice(learners), rng.choice(SCENARIOS)
        mode = rng.choice(("watch", "try", "alone"))
        clock += dt.timedelta(hours=rng.randrange(1, 9))  # crosses days
        units.append(Unit(attempt, learner, scenario, start=AttemptStart(1, clock, rng.choice(sessions), mode)))
        seq = 0
        for step in STEPS[: rng.randrange(1, 4)]:
            events = []
            for kind in ("shown", *rng.choices(("known", "other", "hint", "restart", "right"), k=rng.randrange(4))):
                clock += dt.timedelta(seconds=7)
                extra: dict = {}
                if kind == "shown":
                    k = EventKind.STEP_SHOWN
                elif kind in ("known", "other", "right"):
                    k = EventKind.ACTION_JUDGED
                    extra["result"] = {"known": JudgementResult.KNOWN_MISTAKE, "other": JudgementResult.OTHER_MISTAKE,
                                       "right": JudgementResult.CORRECT}[kind]
                    if kind == "known":
                        extra["mistake_id"] = rng.choice(MISTAKES)
                else:
                    k = EventKind.HINT if kind == "hint" else EventKind.RESTART
                events.append(EventRecord(uuid.uuid4(), seq, k, step, clock, **extra))
                seq += 1
            units.append(Unit(attempt, learner, scenario, events=tuple(events)))
        fate = rng.random()
        if fate < 0.5:
            clock += dt.timedelta(seconds=3)
            done = EventRecord(uuid.uuid4(), seq, EventKind.FINISHED, STEPS[0], clock, outcome="paid")
            units.append(Unit(attempt, learner, scenario, events=(done,), snapshot_set=True,
                              end=AttemptEnd(AttemptStatus.FINISHED, clock, rng.choice(("paid", "safe", None)))))
        elif fate < 0.75:
            quit_ = EventRecord(uuid.uuid4(), seq, EventKind.ABANDONED, STEPS[0], clock)
            units.append(Unit(attempt, learner, scenario, events=(quit_,),
                              end=AttemptEnd(AttemptStatus.ABANDONED, clock)))
            if rng.random() < 0.5:  # resumed later, then finished
                units.append(Unit(attempt, learner, scenario, reopen=True))
                units.append(Unit(attempt, learner, scenario,
                                  end=AttemptEnd(AttemptStatus.FINISHED, clock + dt.timedelta(minutes=1), "paid")))
    return units


@pytest.fixture
def people(directory):
    learners = [directory.add_learner(f"学習者{i}") for i in range(6)]
    sessions = [None, directory.add_session(dt.date(2026, 5, 1), "中央公民館"),
                directory.add_session(dt.date(2026, 5, 2), "北部公民館")]
    return learners, sessions


def test_random_practice_and_replays_count_once(engine, store, people):
    learners, sessions = people
    rng = random.Random(17)
    units = random_units(rng, learners, sessions, 40)
    i = 0
    while i < len(units):  # batches of any size, as the worker takes them
        size = rng.randrange(1, 6)
        store.apply(units[i : i + size])
        i += size
    summaries_match(engine)
    # The outbox replays after a lost answer: the same units again, in batches, some twice.
    replay = rng.sample(units, len(units) // 2) + rng.sample(units, 10)
    for k in range(0, len(replay), 4):
        store.apply(replay[k : k + 4])
    summaries_match(engine)
    store.forget_learner_caches()  # a second PC that knows nothing of these attempts replays too
    store.apply(units)
    summaries_match(engine)


def test_recorder_with_the_database_held_then_replayed_from_the_outbox(engine, store, make_recorder, people):
    learners, sessions = people
    recorder = make_recorder(store)
    recorder.hold_database(True)  # the server is away: everything waits in the outbox
    for n, learner in enumerate(learners * 2):
        recorder.start_attempt(learner, SCENARIOS[n % 3], 1, session_id=sessions[n % 3], mode=("try", "alone")[n % 2])
        recorder.record(StepShown("one", 0, False))
        recorder.record(ActionJudged("one", Judgement.KNOWN_MISTAKE, "tap", "charge", "code-instead", 900, None))
        recorder.record(HintGiven("one", 1, HintKind.TEXT, None))
        recorder.record(ActionJudged("one", Judgement.CORRECT, "tap", "next", None, 900, None))
        if n % 3:
            recorder.finish("paid")
    recorder.flush()
    assert recorder.pending_count() > 0
    recorder.hold_database(False)
    recorder.retry_now(timeout=10)
    assert recorder.pending_count() == 0
    summaries_match(engine)
    overview = Reports(engine).overview()
    assert overview.attempts == 12 and overview.finished == 8


def test_merging_and_deleting_learners_move_and_remove_their_share(engine, store, directory, people):
    learners, sessions = people
    rng = random.Random(3)
    tuesday, friday = directory.add_group("火曜教室"), directory.add_group("金曜教室")
    directory.set_learner_group(learners[0], tuesday)
    store.apply(random_units(rng, learners, sessions, 30))
    summaries_match(engine)
    # Learners change groups, a group is removed: the per-group counts follow.
    directory.set_learner_group(learners[1], friday)
    directory.set_learner_group(learners[4], tuesday)
    directory.set_learner_group(learners[0], None)
    summaries_match(engine)
    groups = {g.name: (g.learners, g.active_learners) for g in Reports(engine).overview().groups}
    assert groups["火曜教室"] == (1, 1) and groups["金曜教室"] == (1, 1)
    directory.remove_group(tuesday)
    summaries_match(engine)
    directory.merge_learners(learners[0], learners[1])
    store.forget_learner_caches()
    summaries_match(engine)
    directory.delete_learner(learners[2])
    store.forget_learner_caches()
    summaries_match(engine)
    # Records of the merged-away learner arriving later follow the kept one; the deleted stay deleted.
    store.apply(random_units(rng, [learners[1], learners[2], learners[3]], sessions, 10))
    summaries_match(engine)


def test_the_migration_fills_the_summaries_from_what_was_recorded(engine, store, people):
    learners, sessions = people
    store.apply(random_units(random.Random(5), learners, sessions, 20))
    with engine.connect() as conn:
        before = rollups.stored(conn)
    migrate.downgrade(engine, "0007_attempt_mode")
    migrate.upgrade(engine)
    with engine.connect() as conn:
        assert rollups.stored(conn) == before
    summaries_match(engine)


def test_reports_split_by_mode_finished_on_your_own_against_guided(engine, store, people):
    from trainer.progress.reports import city_report

    learners, _sessions = people
    a, b, c = learners[:3]
    now = utcnow() - dt.timedelta(hours=1)

    def run(learner, mode, end, at):
        attempt = uuid.uuid4()
        units = [Unit(attempt, learner, "pay", start=AttemptStart(1, at, None, mode))]
        if end:
            units.append(Unit(attempt, learner, "pay", end=AttemptEnd(end, at + dt.timedelta(minutes=2), "paid")))
        store.apply(units)

    run(a, "try", AttemptStatus.FINISHED, now)
    run(b, "alone", AttemptStatus.FINISHED, now + dt.timedelta(minutes=5))
    run(a, "alone", AttemptStatus.FINISHED, now + dt.timedelta(minutes=10))
    run(c, "alone", AttemptStatus.ABANDONED, now + dt.timedelta(minutes=15))
    reports = Reports(engine)
    report = reports.scenario_report("pay")
    assert (report.attempts, report.finished, report.learners, report.learners_finished) == (4, 3, 3, 2)
    assert [(m.mode, m.attempts, m.finished, m.learners, m.learners_finished) for m in report.modes] == [
        ("try", 1, 1, 1, 1),
        ("alone", 3, 2, 3, 2),
    ]
    (summary,) = reports.overview().scenarios
    assert summary.modes == report.modes
    today = dt.date.today()
    period = (today - dt.timedelta(days=1), today + dt.timedelta(days=1))
    # A period that holds the whole record (answered from the summaries) ...
    (finished,) = city_report(engine, *period).scenarios
    assert (finished.learners_finished, finished.finished, finished.attempts) == (2, 3, 4)
    assert [(m.mode, m.learners_finished, m.finished) for m in finished.modes] == [("try", 1, 1), ("alone", 2, 2)]
    assert finished.learners_finished_in("alone") == 2 and finished.learners_finished_in("watch") == 0
    # ... and one that does not (read from the attempts of the period): the same counts for the period.
    run(c, "alone", AttemptStatus.FINISHED, now - dt.timedelta(days=20))
    (finished,) = city_report(engine, *period).scenarios
    assert (finished.learners_finished, finished.finished, finished.attempts) == (2, 3, 4)
    assert [(m.mode, m.learners_finished, m.finished) for m in finished.modes] == [("try", 1, 1), ("alone", 2, 2)]
    (finished,) = city_report(engine, today - dt.timedelta(days=30), period[1]).scenarios
    assert (finished.learners_finished, finished.finished, finished.attempts) == (3, 4, 5)
    assert [(m.mode, m.learners_finished, m.finished) for m in finished.modes] == [("try", 1, 1), ("alone", 3, 3)]
    summaries_match(engine)


def test_a_watched_finish_is_not_a_finish_every_report_shows_it_apart(engine, store, people, tmp_path):
    """Watching is not doing: 「見てみる」 to the end counts in its own row and the "watched" columns,
    never in the totals of finished (scenario, overview, learner, city report — summaries and the period
    read alike — and its CSV)."""
    import csv

    from trainer.app.report_export import write_csv
    from trainer.progress.reports import city_report

    learners, sessions = people
    a, b, c = learners[:3]
    now = utcnow() - dt.timedelta(hours=1)

    def run(learner, mode, end, at, session=None):
        attempt = uuid.uuid4()
        units = [Unit(attempt, learner, "pay", start=AttemptStart(1, at, session, mode))]
        if end:
            units.append(Unit(attempt, learner, "pay", end=AttemptEnd(end, at + dt.timedelta(minutes=2), "paid")))
        store.apply(units)

    run(a, "watch", AttemptStatus.FINISHED, now, sessions[1])  # a only watched it to the end, in a class
    run(a, "alone", AttemptStatus.ABANDONED, now + dt.timedelta(minutes=5))
    run(b, "watch", AttemptStatus.FINISHED, now + dt.timedelta(minutes=10))
    run(b, "try", AttemptStatus.FINISHED, now + dt.timedelta(minutes=15))  # b watched, then did it
    run(c, "watch", AttemptStatus.FINISHED, now - dt.timedelta(days=40))  # long ago: outside the period below
    summaries_match(engine)
    reports = Reports(engine)
    report = reports.scenario_report("pay")
    assert (report.attempts, report.finished, report.learners, report.learners_finished) == (2, 1, 2, 1)
    assert report.outcomes == {"paid": 1}
    watch = next(m for m in report.modes if m.mode == "watch")
    assert (watch.attempts, watch.finished, watch.learners_finished) == (3, 3, 3)
    overview = reports.overview()
    assert overview.finished == 1 and overview.scenarios[0].finished == 1
    own = reports.learner_report(a)
    assert own.scenarios_finished == 0 and (own.scenarios[0].attempts, own.scenarios[0].watched) == (1, 1)
    today = dt.date.today()
    whole = city_report(engine, today - dt.timedelta(days=400), today + dt.timedelta(days=1), with_names=True)
    period = city_report(engine, today - dt.timedelta(days=1), today + dt.timedelta(days=1), with_names=True)
    for got, watched in ((whole, 3), (period, 2)):
        (pay,) = got.scenarios
        assert (pay.learners_finished, pay.finished, pay.attempts) == (1, 1, 2)
        assert (pay.learners_watched, pay.watched) == (watched, watched)
        assert [(n.display_name, n.scenarios_finished) for n in got.learners] == [("学習者1", 1)]
    assert whole.total_attendances == 1  # watching in a class is attending it
    out = write_csv(period, tmp_path / "report.csv")
    with out.open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    header = next(r for r in rows if "「見てみる」で最後まで見た人" in r)
    line = rows[rows.index(header) + 1]
    assert line[header.index("最後までできた人")] == "1" and line[header.index("「見てみる」で最後まで見た人")] == "2"
    assert any("見てみる」で見ただけの人を数えていません" in r[0] for r in rows if r)


def _venue_counts_from_events(engine, venue: str):
    """The city's report for one venue, counted the old way: from the events of its sessions' attempts."""
    from sqlalchemy import text

    stumbles: dict = {}
    known: dict = {}
    helped: set = set()
    with engine.connect() as conn:
        for scenario, step, kind, result, mistake, attempt, assisted in conn.execute(text(
            "SELECT e.scenario_id, e.step_id, e.kind, e.result, e.mistake_id, e.attempt_id, e.helper_assisted "
            "FROM step_event e JOIN attempt a ON a.id = e.attempt_id "
            "JOIN class_session s ON s.id = a.session_id WHERE s.venue = :v"
        ), {"v": venue}):
            counts = stumbles.setdefault((scenario, step), [0, 0, 0, 0, 0])
            if result in ("known-mistake", "other-mistake"):
                counts[0] += 1
            if result == "known-mistake":
                counts[1] += 1
                known[(scenario, step, mistake or "")] = known.get((scenario, step, mistake or ""), 0) + 1
            counts[2] += kind == "hint"
            counts[3] += kind == "restart"
            counts[4] += kind == "abandoned"
            if assisted:
                helped.add((scenario, step, attempt))
    per_step: dict = {}
    for scenario, step, _attempt in helped:
        per_step[(scenario, step)] = per_step.get((scenario, step), 0) + 1
    return (
        {k: tuple(v) for k, v in stumbles.items() if v[0] + v[2] + v[3] + v[4]},
        known,
        per_step,
    )


def test_one_venue_is_counted_from_its_sessions_summaries_equal_to_its_events(engine, store, directory, people):
    """The city's report for one venue reads the per-session summaries (no events): after random practice
    with helper-assisted events (the learner's PC) and 「対応しました」 (the board), replays, a merge, a
    deletion and a removed session, its stumbles, known mistakes and helped steps equal a count made from
    the events of the attempts made there."""
    import dataclasses

    from trainer.progress.reports import city_report

    learners, sessions = people
    rng = random.Random(11)
    units = random_units(rng, learners, sessions, 60)
    # Some events arrive marked helper-assisted (the learner's PC marks the rest of a helped step).
    units = [
        dataclasses.replace(u, events=tuple(dataclasses.replace(e, helper_assisted=rng.random() < 0.2) for e in u.events))
        for u in units
    ]
    store.apply(units)
    store.apply(rng.sample(units, 20))  # outbox replays
    attempts = {(u.attempt_id, u.scenario_id, e.step_id) for u in units for e in u.events}
    with engine.begin() as conn:  # 「対応しました」 on the board, some on a step already helped
        for attempt, scenario, step in rng.sample(sorted(attempts, key=str), 25):
            rollups.step_helped(conn, attempt, scenario, step)
    summaries_match(engine)
    today = dt.date.today()
    period = (min(dt.date(2026, 4, 1), today - dt.timedelta(days=30)), today + dt.timedelta(days=60))  # the practice runs on

    def check(venue: str) -> None:
        report = city_report(engine, *period, venue=venue, top=1000)
        stumbles, known, helped = _venue_counts_from_events(engine, venue)
        assert {(s.scenario_id, s.step_id): (s.mistakes, s.known_mistakes, s.hints, s.restarts, s.abandons)
                for s in report.stumbles} == stumbles
        assert {(m.scenario_id, m.step_id, m.mistake_id): m.count for m in report.known_mistakes} == known
        assert {(h.scenario_id, h.step_id): h.count for h in report.helped_steps} == helped

    check("中央公民館")
    check("北部公民館")
    assert _venue_counts_from_events(engine, "中央公民館")[0], "nothing was practised at the venue"
    directory.merge_learners(learners[0], learners[1])
    directory.delete_learner(learners[2])
    store.forget_learner_caches()
    summaries_match(engine)
    check("中央公民館")
    directory.remove_session(sessions[2])  # its attempts stay, without a session: its summaries go
    summaries_match(engine)
    check("北部公民館")
    with engine.connect() as conn:
        assert {key[0] for key in rollups.stored(conn)["report_session_step"]} == {sessions[1]}
    # A month with none of the venue's days in it counts nothing.
    empty = city_report(engine, dt.date(2020, 1, 1), dt.date(2020, 1, 31), venue="中央公民館")
    assert (empty.stumbles, empty.known_mistakes, empty.helped_steps) == ([], [], [])


def test_migration_0011_fills_the_session_summaries_from_the_events(engine, store, people):
    learners, sessions = people
    store.apply(random_units(random.Random(23), learners, sessions, 25))
    with engine.connect() as conn:
        before = rollups.stored(conn)
    assert before["report_session_step"] and before["report_session_mistake"]
    migrate.downgrade(engine, "0010_practised_totals")
    migrate.upgrade(engine)
    with engine.connect() as conn:
        assert rollups.stored(conn) == before
    summaries_match(engine)
