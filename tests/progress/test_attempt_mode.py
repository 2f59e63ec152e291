"""The record keeps how each attempt was played (guided 「やってみる」 or 「ひとりで」), and a
resumed attempt goes on in the same way."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from tests.progress.helpers import attempt_row, pay_actions, pay_scenario
from trainer.progress.records import AttemptStart, Unit, clean_snapshot
from trainer.scenarios.runner import Run


@pytest.fixture
def learner(directory) -> uuid.UUID:
    return directory.add_learner("テスト 花子")


def _listened(scenario, listener, snapshot=None, mode="try"):
    if snapshot:
        return Run.resume(scenario, snapshot, listeners=[listener])
    run = Run(scenario, mode=mode, listeners=[listener])
    run.start()
    return run


def test_each_attempt_stores_its_mode(engine, recorder, learner):
    scenario = pay_scenario()
    guided = recorder.listener(learner)
    run = _listened(scenario, guided)
    for action in pay_actions():
        action(run)
    assert recorder.flush()
    alone = recorder.listener(learner)
    run = _listened(scenario, alone, mode="alone")
    for action in pay_actions():
        action(run)
    assert recorder.flush()
    assert attempt_row(engine, guided.attempt_id).mode == "try"
    assert attempt_row(engine, alone.attempt_id).mode == "alone"


def test_a_resumed_attempt_keeps_its_mode(engine, store, make_recorder, learner):
    scenario = pay_scenario()
    first = make_recorder(store)
    listener = first.listener(learner)
    run = _listened(scenario, listener, mode="alone")
    pay_actions()[0](run)
    run.abandon()
    assert first.flush()
    attempt_id = listener.attempt_id
    first.close()
    second = make_recorder(store)
    snapshot = second.resumable(learner, scenario.id)
    assert snapshot.mode == "alone"
    resumed = _listened(scenario, second.listener(learner), snapshot=snapshot)
    assert resumed.mode == "alone"
    assert second.flush()
    assert attempt_row(engine, attempt_id).mode == "alone"


def test_unknown_modes_never_reach_the_record():
    assert clean_snapshot({"scenario_id": "s", "scenario_version": 1, "step_id": "a", "hint_level": 0,
                           "path": [], "mode": "typed text"}).get("mode") is None
    assert Run(pay_scenario(), mode="exam").mode == "try"
    unit = Unit(uuid.uuid4(), uuid.uuid4(), "s", start=AttemptStart(1, dt.datetime.now(dt.UTC), None, "alone"))
    assert Unit.from_json(unit.to_json()).start.mode == "alone"


def test_the_suggestion_follows_the_record(engine, recorder, learner):
    """Watch the first time, guided until a guided run was finished without a hint; then
    「ひとりで」 is offered first."""
    scenario = pay_scenario()
    assert recorder.suggested_mode(learner, scenario.id) == "watch"  # the first time
    assert recorder.suggested_mode(None, scenario.id) == "watch"  # a guest: no record, the first time
    run = _listened(scenario, recorder.listener(learner))
    pay_actions()[0](run)  # begun, not finished: still the first time
    assert recorder.flush()
    assert recorder.suggested_mode(learner, scenario.id) == "watch"
    for action in pay_actions():  # finished, with a hint on the way
        action(run)
    assert recorder.flush()
    assert recorder.store.finished_modes(learner, scenario.id) == [("try", 1)]
    assert recorder.suggested_mode(learner, scenario.id) == "try"
    no_hint = [a for i, a in enumerate(pay_actions()) if i != 2]
    run = _listened(scenario, recorder.listener(learner))
    for action in no_hint:
        action(run)
    assert run.finished
    assert recorder.flush()
    assert recorder.store.finished_modes(learner, scenario.id)[0] == ("try", 0)
    assert recorder.suggested_mode(learner, scenario.id) == "alone"
    other = recorder.store.finished_modes(learner, "another-scenario")
    assert other == []
