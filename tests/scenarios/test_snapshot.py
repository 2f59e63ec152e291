"""The resume snapshot: one typed value, versioned, read back from every stored form."""

from __future__ import annotations

import dataclasses
import json

import pytest

from trainer.app.resume import ResumeStore
from trainer.content import bundled_content_dir
from trainer.scenarios.actions import Action
from trainer.scenarios.events import RunStarted, StepShown
from trainer.scenarios.loader import load
from trainer.scenarios.runner import Run
from trainer.scenarios.snapshot import SNAPSHOT_VERSION, Snapshot, SnapshotError

#: How every snapshot was stored before it had a version (the record and resume.json hold such dicts).
OLD = {"scenario_id": "scan-to-pay", "scenario_version": 1, "step_id": "scan", "hint_level": 1,
       "path": ["open-pay", "scan"]}


@pytest.fixture
def pay():
    return load(bundled_content_dir() / "cashless" / "scan-to-pay.yaml")


def played(pay) -> Run:
    run = Run(pay, mode="alone")
    run.start()
    run.judge(Action.tap("pay"))
    run.next_hint()
    return run


def test_the_stored_form_round_trips_and_is_versioned(pay):
    snapshot = played(pay).snapshot()
    stored = snapshot.to_dict()
    assert stored["snapshot_version"] == SNAPSHOT_VERSION == 1
    assert json.loads(json.dumps(stored)) == stored  # JSON-ready for the record and resume.json
    assert Snapshot.from_dict(stored) == snapshot
    with pytest.raises(dataclasses.FrozenInstanceError):
        snapshot.step_id = "amount"  # type: ignore[misc]


def test_a_snapshot_stored_before_versions_still_resumes(pay):
    old = Snapshot.from_dict(OLD)
    assert old == Snapshot("scan-to-pay", 1, "scan", 1, ("open-pay", "scan"), None)
    run = Run.resume(pay, OLD)
    assert run.current.id == "scan" and run.hint_level == 1 and run.path == ["open-pay", "scan"]
    assert run.mode == "try"  # no mode stored: played guided, as before modes
    bare = Snapshot.from_dict({"scenario_id": "scan-to-pay", "scenario_version": 1, "step_id": "scan"})
    assert (bare.hint_level, bare.path) == (0, ())


@pytest.mark.parametrize("stored", [
    {**OLD, "snapshot_version": 2},
    {**OLD, "snapshot_version": True},
    {**OLD, "step_id": 5},
    {**OLD, "scenario_version": "1"},
    {**OLD, "path": "open-pay"},
    {key: value for key, value in OLD.items() if key != "scenario_id"},
    ["scan"],
])
def test_another_version_or_a_damaged_one_is_refused_and_the_run_starts_afresh(pay, stored):
    with pytest.raises(SnapshotError) as refused:
        Snapshot.from_dict(stored)
    assert isinstance(refused.value, ValueError) and isinstance(refused.value, TypeError)
    assert Snapshot.of(stored) is None
    run = Run.resume(pay, stored)
    assert run.current.id == pay.steps[0].id and run.path == [pay.steps[0].id]


def test_resuming_continues_the_path_without_repeating_the_current_step(pay):
    run = played(pay)
    resumed = Run.resume(pay, run.snapshot())
    assert resumed.path == run.path == ["open-pay", "scan"]
    assert resumed.mode == "alone" and resumed.hint_level == 1
    assert Snapshot("s", 1, "b", 0, ("a", "b")).shown_before == ("a",)
    assert Snapshot("s", 1, "b", 0, ()).shown_before == ()


def test_listeners_given_to_the_run_hear_a_resumed_start(pay):
    heard = []
    Run.resume(pay, OLD, listeners=[heard.append])
    assert heard[:2] == [RunStarted("scan-to-pay", 1, resumed=True, mode="try"), StepShown("scan", 1, False)]
    fresh = []
    Run(pay, listeners=[fresh.append]).start()
    assert isinstance(fresh[0], RunStarted) and not fresh[0].resumed


def test_resume_json_reads_old_entries_and_skips_unreadable_ones(tmp_path, pay):
    (tmp_path / "resume.json").write_text(json.dumps({
        "scan-to-pay": OLD,
        "other": {**OLD, "scenario_id": "other", "snapshot_version": 7},
    }), encoding="utf-8")
    store = ResumeStore(tmp_path)
    assert store.get("scan-to-pay") == Snapshot.from_dict(OLD)
    assert store.get("other") is None  # a newer app's entry: start afresh, never an error
    store.put(played(pay).snapshot())
    saved = json.loads((tmp_path / "resume.json").read_text(encoding="utf-8"))["scan-to-pay"]
    assert saved["snapshot_version"] == 1 and saved["step_id"] == "scan"
    assert ResumeStore(tmp_path).get("scan-to-pay").step_id == "scan"


def test_resume_json_keeps_how_the_run_was_played(tmp_path, pay):
    """On a PC without a record, 「続きから」 goes on in the mode the run was begun in, as the record does."""
    ResumeStore(tmp_path).put(played(pay).snapshot())
    resumed = Run.resume(pay, ResumeStore(tmp_path).get("scan-to-pay"))
    assert resumed.mode == "alone" and resumed.current.id == "scan"
