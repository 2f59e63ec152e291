"""The recorder and the store, on SQLite and PostgreSQL: what a run leaves in the record."""

from __future__ import annotations

import uuid

import pytest

from tests.progress.helpers import Player, attempt_row, count, events_of, pay_actions, pay_scenario
from trainer.progress.models import Attempt, AttemptStatus, EventKind, JudgementResult, StepEvent, utcnow
from trainer.progress.recorder import SaveState
from trainer.progress.records import AttemptStart, EventRecord, Unit
from trainer.scenarios.actions import Action
from trainer.scenarios.events import ActionJudged, Judgement, StepShown
from trainer.scenarios.runner import Run


@pytest.fixture
def learner(directory) -> uuid.UUID:
    return directory.add_learner("テスト 花子")


def test_a_full_run_is_recorded_in_order_and_finishes(engine, recorder, learner):
    scenario = pay_scenario()
    attempt_id = recorder.start_attempt(learner, scenario.id, scenario.version)
    player = Player(Run(scenario), recorder)
    player.start()
    for action in pay_actions():
        player.act(action)
    assert player.run.finished
    assert recorder.flush()

    rows = events_of(engine, attempt_id)
    assert [r.seq for r in rows] == list(range(len(rows)))
    kinds = [r.kind for r in rows]
    assert kinds[0] == EventKind.STEP_SHOWN and kinds[-1] == EventKind.FINISHED
    assert kinds.count(EventKind.HINT) == 1 and kinds.count(EventKind.RESTART) == 1
    judged = [r for r in rows if r.kind == EventKind.ACTION_JUDGED]
    assert [r.mistake_id for r in judged if r.result == JudgementResult.KNOWN_MISTAKE] == [
        "m1",
        "charge-instead",
        "wrong-amount",
    ]
    assert all(r.duration_ms is not None and r.duration_ms >= 0 for r in judged)
    # the action after one hint carries the hint level reached on its step
    assert [r.hint_level for r in judged if r.step_id == "scan"] == [1, 1]

    attempt = attempt_row(engine, attempt_id)
    assert attempt.status == AttemptStatus.FINISHED
    assert attempt.outcome == "success"
    assert attempt.ended_at is not None and attempt.ended_at >= attempt.started_at
    assert attempt.resume_snapshot is None
    assert recorder.resumable(learner, scenario.id) is None
    assert recorder.pending_count() == 0
    assert recorder.status.state is SaveState.SAVED


def test_an_abandoned_run_resumes_at_the_step_where_it_was_left(engine, store, make_recorder, learner):
    scenario = pay_scenario()
    first = make_recorder(store)
    attempt_id = first.start_attempt(learner, scenario.id, scenario.version)
    player = Player(Run(scenario), first)
    player.start()
    for action in pay_actions()[:7]:  # ... up to the QR code being scanned and the amount read
        player.act(action)
    player.abandon()
    assert player.run.current.id == "amount"
    first.close()

    # A new app start: nothing in memory, everything from the database.
    second = make_recorder(store)
    snapshot = second.resumable(learner, scenario.id)
    assert snapshot is not None and snapshot.step_id == "amount"
    assert snapshot.path == ("open-pay", "scan", "frame-code", "till", "amount")
    assert second.start_attempt(learner, scenario.id, scenario.version, resume=True) == attempt_id
    assert second.flush()
    assert attempt_row(engine, attempt_id).status == AttemptStatus.IN_PROGRESS
    run = Run.resume(scenario, snapshot)
    assert run.current.id == "amount"
    player = Player(run, second)
    player.act(lambda r: r.judge(Action.tap("next", amount="580")))
    assert second.flush()

    attempt = attempt_row(engine, attempt_id)
    assert attempt.status == AttemptStatus.IN_PROGRESS and attempt.ended_at is None
    assert attempt.resume_snapshot["step_id"] == "confirm"
    seqs = [r.seq for r in events_of(engine, attempt_id)]
    assert seqs == list(range(len(seqs))), "numbering continues after a resume"
    assert count(engine, Attempt) == 1


def test_starting_afresh_retires_the_older_unfinished_attempt(engine, recorder, learner):
    scenario = pay_scenario()
    old = recorder.start_attempt(learner, scenario.id, scenario.version)
    player = Player(Run(scenario), recorder)
    player.start()
    player.act(pay_actions()[1])
    assert recorder.resumable(learner, scenario.id).step_id == "scan"
    new = recorder.start_attempt(learner, scenario.id, scenario.version)  # not resume
    assert new != old
    assert recorder.resumable(learner, scenario.id) is None
    assert recorder.flush()
    retired = attempt_row(engine, old)
    assert retired.resume_snapshot is None and retired.status == AttemptStatus.ABANDONED
    assert recorder.store.resume_point(learner, scenario.id) is None


def test_guests_are_not_recorded_at_all(engine, recorder):
    scenario = pay_scenario()
    assert recorder.start_attempt(None, scenario.id, scenario.version) is None
    player = Player(Run(scenario), recorder)
    player.start()
    for action in pay_actions():
        player.act(action)
    recorder.finish()
    assert recorder.flush()
    assert count(engine, Attempt) == 0 and count(engine, StepEvent) == 0
    assert recorder.resumable(None, scenario.id) is None
    assert recorder.pending_count() == 0


def test_replaying_the_same_units_stores_each_event_once(engine, store, learner):
    attempt_id = uuid.uuid4()
    now = utcnow()
    units = [
        Unit(attempt_id, learner, "s", start=AttemptStart(1, now)),
        Unit(
            attempt_id,
            learner,
            "s",
            events=tuple(EventRecord(uuid.uuid4(), i, EventKind.STEP_SHOWN, f"step{i}", now) for i in range(5)),
            snapshot_set=True,
            snapshot={"scenario_id": "s", "scenario_version": 1, "step_id": "step4", "hint_level": 0, "path": []},
        ),
    ]
    for _ in range(3):
        store.apply(units)
    assert count(engine, Attempt) == 1
    assert count(engine, StepEvent) == 5


def test_record_refuses_anything_but_runner_events(recorder, learner):
    recorder.start_attempt(learner, "s", 1)
    with pytest.raises(TypeError) as caught:
        recorder.record(Action.tap("next", amount="4321"))  # type: ignore[arg-type]
    assert "4321" not in str(caught.value)
    assert recorder.pending_count() in (0, 1)  # only the attempt's start, nothing of the action


def test_helper_assistance_is_stamped_on_the_steps_events_and_ends_with_the_step(engine, recorder, learner):
    attempt_id = recorder.start_attempt(learner, "s", 1)
    recorder.record(StepShown("a", 0, False))
    recorder.helper_assisted = True  # a helper answered the hand on step a
    recorder.record(ActionJudged("a", Judgement.CORRECT, "tap", "pay", None, 900, "b"))
    assert recorder.helper_assisted
    recorder.record(StepShown("b", 1, False))  # the next step is the learner's own again
    assert not recorder.helper_assisted
    recorder.helper_assisted = True  # a per-action unit: the right tap helped, the next step not
    recorder.record_action([ActionJudged("b", Judgement.CORRECT, "tap", "ok", None, 500, "c"), StepShown("c", 2, False)])
    recorder.record(StepShown("d", 3, False), helper_assisted=True)  # said explicitly
    assert recorder.flush()
    assert [(r.step_id, bool(r.helper_assisted)) for r in events_of(engine, attempt_id)] == [
        ("a", False), ("a", True), ("b", False), ("b", True), ("c", False), ("d", True)]


def test_units_of_a_deleted_learner_are_dropped_and_of_a_merged_one_follow(engine, store, directory):
    gone = directory.add_learner("消える人")
    merged = directory.add_learner("まとめられる人")
    kept = directory.add_learner("残る人")
    directory.delete_learner(gone)
    directory.merge_learners(kept, merged)
    store.forget_learner_caches()
    now = utcnow()
    late = [
        Unit(
            uuid.uuid4(),
            who,
            "s",
            start=AttemptStart(1, now),
            events=(EventRecord(uuid.uuid4(), 0, EventKind.STEP_SHOWN, "a", now),),
        )
        for who in (gone, merged)
    ]
    result = store.apply(late)
    assert result.dropped == 1
    with engine.connect() as conn:
        owners = conn.execute(Attempt.__table__.select()).all()
    assert [o.learner_id for o in owners] == [kept]
    assert count(engine, StepEvent) == 1


def test_status_listeners_hear_saved(recorder, learner):
    heard = []
    recorder.add_status_listener(heard.append)
    recorder.start_attempt(learner, "s", 1)
    recorder.record(StepShown("a", 0, False))
    assert recorder.flush()
    assert recorder.status.state is SaveState.SAVED
    assert recorder.status.message_ja == "記録はすべて保存されています。"


def test_snapshots_keep_ids_only(engine, recorder, learner):
    attempt_id = recorder.start_attempt(learner, "s", 1)
    recorder.save_snapshot(
        {
            "scenario_id": "s",
            "scenario_version": 1,
            "step_id": "amount",
            "hint_level": 2,
            "path": ["a", "amount"],
            "fields": {"amount": "4321"},  # a careless runner: this key is never stored
        }
    )
    assert recorder.flush()
    assert attempt_row(engine, attempt_id).resume_snapshot == {
        "snapshot_version": 1,
        "scenario_id": "s",
        "scenario_version": 1,
        "step_id": "amount",
        "hint_level": 2,
        "path": ["a", "amount"],
    }
    with pytest.raises(TypeError):
        recorder.save_snapshot({"scenario_id": "s", "scenario_version": 1, "step_id": 5, "hint_level": 0, "path": []})


def listened_run(scenario, snapshot, listener) -> Run:
    """A run whose listener hears every event, RunStarted included (as the app's player starts runs)."""

    if snapshot:
        return Run.resume(scenario, snapshot, listeners=[listener])
    run = Run(scenario, listeners=[listener])
    run.start()
    return run


def test_a_run_listener_records_from_events_alone_with_the_runners_snapshot(engine, store, make_recorder, learner):
    """How the main window wires it: ``listeners_for`` returns ``recorder.listener(learner)``."""
    scenario = pay_scenario()
    actions = pay_actions()
    first = make_recorder(store)
    listener = first.listener(learner)
    run = listened_run(scenario, None, listener)
    assert first.flush()
    assert first.store.resume_point(learner, scenario.id).snapshot == run.snapshot().to_dict()
    for action in actions[:4]:  # two stumbles and a hint on the way
        action(run)
        assert first.flush()
        assert first.store.resume_point(learner, scenario.id).snapshot == run.snapshot().to_dict()
    run.abandon()
    assert first.flush()
    left = run.snapshot()
    assert left.hint_level == 1 and left.step_id == "scan"
    attempt_id = listener.attempt_id
    first.close()

    # Next day: the player resumes from the recorded snapshot; the listener continues the attempt.
    second = make_recorder(store)
    snapshot = second.resumable(learner, scenario.id)
    assert snapshot == left
    listener = second.listener(learner)
    run = listened_run(scenario, snapshot, listener)
    assert run.current.id == "scan" and run.hint_level == 1
    assert listener.attempt_id == attempt_id
    for action in actions[4:]:
        action(run)
        if not run.finished:
            assert second.flush()
            assert second.store.resume_point(learner, scenario.id).snapshot == run.snapshot().to_dict()
    assert second.flush()
    assert run.finished and second.resumable(learner, scenario.id) is None
    rows = events_of(engine, attempt_id)
    assert [r.seq for r in rows] == list(range(len(rows)))
    assert attempt_row(engine, attempt_id).status == AttemptStatus.FINISHED
    assert count(engine, Attempt) == 1


def test_a_guest_listener_records_nothing(engine, recorder):
    run = listened_run(pay_scenario(), None, recorder.listener(None))
    for action in pay_actions():
        action(run)
    assert recorder.flush()
    assert count(engine, Attempt) == 0 and count(engine, StepEvent) == 0


def test_finished_runs_are_not_kept_in_memory_and_a_new_run_drops_the_old_unfinished_one(recorder, learner):
    scenario = pay_scenario()
    for _ in range(25):  # a day of practice: the recorder must not grow with it
        recorder.start_attempt(learner, scenario.id, scenario.version)
        player = Player(Run(scenario), recorder)
        player.start()
        for action in pay_actions():
            player.act(action)
        assert player.run.finished
    assert recorder.attempts_in_memory == 0
    left = recorder.start_attempt(learner, scenario.id, scenario.version)
    Player(Run(scenario), recorder).start()  # left half-way: kept, it can be continued
    assert recorder.attempts_in_memory == 1
    again = recorder.start_attempt(learner, scenario.id, scenario.version)  # started afresh instead
    assert again != left and recorder.attempts_in_memory == 1
    recorder.finish("success")
    assert recorder.attempts_in_memory == 0
    assert recorder.flush()
