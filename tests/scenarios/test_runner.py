"""The runner: every judgement, hints, branching, finishing and resuming."""

from __future__ import annotations

from pathlib import Path

import pytest

from trainer.content import bundled_content_dir
from trainer.scenarios.actions import Action, ActionKind
from trainer.scenarios.events import (
    ActionJudged,
    HintGiven,
    HintKind,
    Judgement,
    RunAbandoned,
    RunFinished,
    RunStarted,
    StepRestarted,
    StepShown,
)
from trainer.scenarios.loader import load
from trainer.scenarios.runner import DEFAULT_MISTAKE, OFFER_HINT_AFTER, Run, RunOver
from trainer.scenarios.snapshot import Snapshot

CONTENT = bundled_content_dir()


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def pay():
    return load(CONTENT / "cashless" / "scan-to-pay.yaml")


@pytest.fixture
def sms():
    return load(CONTENT / "safety" / "parcel-sms.yaml")


def recorded(run: Run) -> list:
    events: list = []
    run.subscribe(events.append)
    return events


def test_start_emits_started_and_first_step(pay):
    run = Run(pay)
    events = recorded(run)
    step = run.start()
    assert step.id == "open-pay"
    assert events == [RunStarted("scan-to-pay", 1), StepShown("open-pay", 0, False)]


def test_correct_action_praises_and_moves_on(pay):
    clock = FakeClock()
    run = Run(pay, clock=clock)
    run.start()
    events = recorded(run)
    clock.now += 2.5
    feedback = run.judge(Action.tap("pay"))
    assert feedback.judgement is Judgement.CORRECT
    assert feedback.text is not None and feedback.text.get()
    assert feedback.next_step.id == "scan"
    assert run.current.id == "scan"
    assert events[0] == ActionJudged("open-pay", Judgement.CORRECT, "tap", "pay", None, 2500, "scan")
    assert events[1] == StepShown("scan", 1, False)


def test_known_mistake_gets_the_authors_explanation(pay):
    run = Run(pay)
    run.start()
    events = recorded(run)
    feedback = run.judge(Action.tap("camera"))
    assert feedback.judgement is Judgement.KNOWN_MISTAKE
    assert feedback.mistake_id == "m1"
    assert "カメラのアプリではお金は払えません" in feedback.text.get()
    assert run.current.id == "open-pay"
    assert events[0].result is Judgement.KNOWN_MISTAKE and events[0].mistake_id == "m1"


def test_other_mistake_gets_a_kind_default(pay):
    run = Run(pay)
    run.start()
    feedback = run.judge(Action.tap("mail"))
    assert feedback.judgement is Judgement.OTHER_MISTAKE
    assert feedback.text == DEFAULT_MISTAKE
    assert "当たり前" in feedback.text.get("ja")


def test_hint_is_offered_after_repeated_mistakes(pay):
    run = Run(pay)
    run.start()
    offers = [run.judge(Action.tap("mail")).offer_hint for _ in range(OFFER_HINT_AFTER)]
    assert offers == [False] * (OFFER_HINT_AFTER - 1) + [True]


def test_values_checked_with_fields(pay):
    run = Run(pay)
    run.start()
    run.judge(Action.tap("pay"))
    run.judge(Action.tap("scan"))
    run.judge(Action(ActionKind.SCAN, value="https://shop.example.invalid/machi-mart"))
    assert run.current.id == "till" and run.current.device == "till"
    run.judge(Action(ActionKind.CONTINUE))  # the amount is read off the till's customer display
    assert run.current.id == "amount"
    empty = run.judge(Action.tap("next", amount=""))
    assert (empty.judgement, empty.mistake_id) == (Judgement.KNOWN_MISTAKE, "no-amount")
    wrong = run.judge(Action.tap("next", amount="850"))
    assert (wrong.judgement, wrong.mistake_id) == (Judgement.KNOWN_MISTAKE, "wrong-amount")
    right = run.judge(Action.tap("next", amount="５８０"))  # full-width digits are the same number
    assert right.judgement is Judgement.CORRECT


def test_scanning_the_wrong_code_is_a_mistake(pay):
    run = Run(pay)
    run.start()
    run.judge(Action.tap("pay"))
    run.judge(Action.tap("scan"))
    feedback = run.judge(Action(ActionKind.SCAN, value="https://other.example.invalid/"))
    assert feedback.judgement is Judgement.OTHER_MISTAKE


def test_hints_are_progressive_text_highlight_show(pay):
    run = Run(pay)
    run.start()
    events = recorded(run)
    kinds = []
    while (hint := run.next_hint()) is not None:
        kinds.append((hint.kind, hint.target))
    assert kinds == [("text", None), ("highlight", "pay"), ("show", "pay")]
    assert [e.level for e in events if isinstance(e, HintGiven)] == [1, 2, 3]
    assert events[1] == HintGiven("open-pay", 2, HintKind.HIGHLIGHT, "pay")
    assert run.hint_level == 3


def test_default_hint_text_names_the_label(pay):
    run = Run(pay)
    run.start()
    hint = run.next_hint()
    assert hint.text.get("ja") == "「ペイ」を押しましょう。"


def test_authors_text_hint_comes_first(pay):
    run = Run(pay)
    run.start()
    for action in (Action.tap("pay"), Action.tap("scan")):
        run.judge(action)
    hint = run.next_hint()
    assert "白黒の四角い模様" in hint.text.get()


def test_explain_only_step_continues(pay):
    run = Run(pay)
    run.start()
    run.judge(Action.tap("pay"))
    run.judge(Action.tap("scan"))
    run.judge(Action(ActionKind.SCAN, value="https://shop.example.invalid/machi-mart"))
    run.judge(Action(ActionKind.CONTINUE))
    run.judge(Action.tap("next", amount="580"))
    early = run.judge(Action.tap("pay", clerk="waiting"))
    assert (early.judgement, early.mistake_id) == (Judgement.KNOWN_MISTAKE, "paid-too-early")
    run.judge(Action.tap("pay", clerk="checked"))
    assert run.current.id == "paid" and run.current.only_explains
    assert run.judge(Action(ActionKind.TAP, "anything")).judgement is Judgement.OTHER_MISTAKE
    feedback = run.judge(Action(ActionKind.CONTINUE))
    assert feedback.finished and run.outcome == "success"


def test_branching_safe_and_risky(sms):
    safe = Run(sms)
    safe.start()
    events = recorded(safe)
    feedback = safe.judge(Action.tap("delete"))
    assert feedback.next_step.id == "deleted"
    assert events[0].choice_outcome == "safe"
    safe.judge(Action(ActionKind.CONTINUE))
    assert safe.finished and safe.outcome == "safe"
    assert isinstance(events[-1], RunFinished) and events[-1].outcome == "safe"

    risky = Run(sms)
    risky.start()
    risky.judge(Action.tap("link"))
    risky.judge(Action.tap("install"))
    risky.judge(Action(ActionKind.CONTINUE))
    assert risky.outcome == "risky"
    assert risky.path == ["sms-arrives", "fake-site", "what-happens", "risky-end"]
    assert risky.choice_outcomes == ["risky", "risky"]


def test_finished_run_refuses_actions(sms):
    run = Run(sms)
    run.start()
    run.judge(Action.tap("delete"))
    run.judge(Action(ActionKind.CONTINUE))
    with pytest.raises(RunOver):
        run.judge(Action.tap("delete"))
    assert run.next_hint() is None


def test_restart_and_abandon(pay):
    run = Run(pay)
    run.start()
    events = recorded(run)
    run.judge(Action.tap("mail"))
    run.restart_step()
    assert run.mistakes_on_step == 0
    run.abandon()
    assert events[-2:] == [StepRestarted("open-pay"), RunAbandoned("open-pay")]


def test_snapshot_and_resume(pay):
    run = Run(pay)
    run.start()
    run.judge(Action.tap("pay"))
    run.next_hint()
    snap = run.snapshot()
    assert snap == Snapshot("scan-to-pay", 1, "scan", 1, ("open-pay", "scan"), "try")
    assert snap.to_dict() == {"snapshot_version": 1, "scenario_id": "scan-to-pay", "scenario_version": 1,
                              "step_id": "scan", "hint_level": 1, "path": ["open-pay", "scan"], "mode": "try"}
    resumed = Run.resume(pay, snap)
    assert resumed.current.id == "scan"
    assert resumed.hint_level == 1
    assert resumed.path == ["open-pay", "scan"]
    assert resumed.judge(Action.tap("scan")).judgement is Judgement.CORRECT


def test_resume_from_another_version_starts_over(pay):
    snap = {"scenario_id": "scan-to-pay", "scenario_version": 99, "step_id": "scan", "hint_level": 0, "path": []}
    assert Run.resume(pay, snap).current.id == "open-pay"
    gone = {"scenario_id": "scan-to-pay", "scenario_version": 1, "step_id": "removed", "hint_level": 0}
    assert Run.resume(pay, gone).current.id == "open-pay"


def test_events_never_carry_typed_values(pay):
    run = Run(pay)
    events = recorded(run)
    run.start()
    for action in (Action.tap("pay"), Action.tap("scan"),
                   Action(ActionKind.SCAN, value="https://shop.example.invalid/machi-mart"),
                   Action.tap("next", amount="4321"), Action.tap("next", amount="580")):
        run.judge(action)
    assert "4321" not in repr(events)
    assert "4321" not in repr(Action.tap("next", amount="4321"))
    assert "4321" not in repr(run.snapshot())


def test_spoken_phrases_are_normalised(tmp_path: Path):
    text = (CONTENT / "smartphone" / "open-an-app.yaml").read_text(encoding="utf-8")
    text = text.replace("expect: {tap: weather}", "expect: {say: [今日の天気は？, きょうのてんき]}")
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    scenario = load(path)
    run = Run(scenario)
    run.start()
    run.judge(Action(ActionKind.CONTINUE))
    assert run.judge(Action(ActionKind.SAY, value="キョウノテンキ")).judgement is Judgement.CORRECT
    run2 = Run(scenario)
    run2.start()
    run2.judge(Action(ActionKind.CONTINUE))
    assert run2.judge(Action(ActionKind.SAY, value="今日の天気は")).judgement is Judgement.CORRECT
