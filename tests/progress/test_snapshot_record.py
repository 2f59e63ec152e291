"""The record stores the runner's typed snapshot and reads back every stored form of it."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import update

from tests.progress.helpers import attempt_row, pay_scenario
from trainer.progress.models import Attempt
from trainer.progress.records import clean_snapshot
from trainer.scenarios.runner import Run
from trainer.scenarios.snapshot import Snapshot, SnapshotError

OLD = {"scenario_id": "scan-to-pay", "scenario_version": 1, "step_id": "scan", "hint_level": 1,
       "path": ["open-pay", "scan"], "mode": "alone"}


@pytest.fixture
def learner(directory) -> uuid.UUID:
    return directory.add_learner("テスト 花子")


def _store_raw(engine, attempt_id, stored) -> None:
    with engine.begin() as conn:
        conn.execute(update(Attempt.__table__).where(Attempt.id == attempt_id).values(resume_snapshot=stored))


def test_a_row_stored_before_versions_resumes_where_it_was_left(engine, make_recorder, store, learner):
    recorder = make_recorder(store)
    attempt_id = recorder.start_attempt(learner, "scan-to-pay", 1)
    assert recorder.flush()
    _store_raw(engine, attempt_id, OLD)  # as every app before this one wrote it
    later = make_recorder(store)
    snapshot = later.resumable(learner, "scan-to-pay")
    assert snapshot == Snapshot("scan-to-pay", 1, "scan", 1, ("open-pay", "scan"), "alone")
    listener = later.listener(learner)
    run = Run.resume(pay_scenario(), snapshot, listeners=[listener])
    assert run.current.id == "scan" and run.mode == "alone" and listener.attempt_id == attempt_id
    assert later.flush()
    assert attempt_row(engine, attempt_id).resume_snapshot == {**OLD, "snapshot_version": 1}


def test_a_row_of_another_version_means_starting_afresh_not_an_error(engine, make_recorder, store, learner):
    recorder = make_recorder(store)
    attempt_id = recorder.start_attempt(learner, "scan-to-pay", 1)
    assert recorder.flush()
    _store_raw(engine, attempt_id, {**OLD, "snapshot_version": 9})
    later = make_recorder(store)
    assert later.resumable(learner, "scan-to-pay") is None


def test_the_record_refuses_what_is_not_a_snapshot():
    with pytest.raises(TypeError):
        clean_snapshot({**OLD, "step_id": 5})
    with pytest.raises(SnapshotError):
        clean_snapshot({**OLD, "snapshot_version": 2})
    with pytest.raises(ValueError):
        clean_snapshot({key: value for key, value in OLD.items() if key != "path"})
    long = Snapshot("s" * 300, 1, "a" * 300, 0, ("a" * 300,), "exam")
    cut = clean_snapshot(long)
    assert len(cut["scenario_id"]) == len(cut["step_id"]) == len(cut["path"][0]) == 100
    assert "mode" not in cut  # a mode the record does not know is never stored
