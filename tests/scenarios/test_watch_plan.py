"""What watch mode (「見てみる」) does at each step, as a pure function of the scenario: the right
action, the values typed from what the scenario expects, the safe branch, the marked mistakes — and
``trainer check``'s warnings about ``show: true`` marks watch mode cannot demonstrate."""

from __future__ import annotations

import re

from tests.player.conftest import bundled
from trainer.authoring.check import check_scenario
from trainer.scenarios.loader import load
from trainer.scenarios.model import ValueMatch
from trainer.scenarios.watch import demo_for, example, mistake_action, route, shown_mistakes

BRANCHING = """\
format: 1
id: branching
version: 1
title: 分かれ道
summary: 金額を入れて、あやしいリンクは押さない練習です。
category: safety
level: 1
minutes: 3
device: phone
task: 金額を入れて、安全に終えてください。
steps:
  - id: amount
    say: 金額に「580」と入れて「次へ」を押しましょう。
    screen:
      elements:
        - {type: input, id: amount, label: 金額, keyboard: number}
        - {type: input, id: code, label: 暗証番号, keyboard: number}
        - {type: button, id: next, label: 次へ}
        - {type: button, id: back, label: 戻る}
    expect: {tap: next, with: {amount: "580", code: {pattern: "[0-9]{4}"}}}
    mistakes:
      - id: back
        show: true
        when: {tap: back}
        say: それは戻るボタンです。
      - id: quiet
        when: {tap: next, with: {amount: empty}}
        say: まだ金額が入っていません。
  - id: read
    say: 読んだら「次へ」です。
  - id: branch
    say: どうしますか。
    screen:
      elements:
        - {type: button, id: link, label: リンク}
        - {type: button, id: delete, label: 削除}
    choices:
      - {tap: link, next: risky-end, outcome: risky}
      - {tap: delete, next: safe-end, outcome: safe}
    mistakes:
      - id: unseen
        show: true
        when: {tap: nowhere}
        say: そこには何もありません。
  - id: risky-end
    finish: risky
    say: 練習なのでだいじょうぶです。
  - id: safe-end
    finish: safe
    say: 安全に終われました。
"""


def test_the_right_action_with_the_values_the_scenario_expects(write):
    scenario = load(write(BRANCHING))
    first = demo_for(scenario, scenario.steps[0])
    assert (first.kind, first.target, first.next_id) == ("tap", "next", "read")
    assert dict(first.fields)["amount"] == "580"  # the expected value itself
    assert re.fullmatch("[0-9]{4}", dict(first.fields)["code"])  # a value the pattern accepts
    assert [m.id for m in first.mistakes] == ["back"]  # only the marked one
    assert demo_for(scenario, scenario.step("read")).kind == "continue"
    assert demo_for(scenario, scenario.step("safe-end")) is None


def test_a_branch_is_watched_the_safe_way_whatever_the_author_order(write):
    scenario = load(write(BRANCHING))
    demo = demo_for(scenario, scenario.step("branch"))
    assert (demo.target, demo.next_id) == ("delete", "safe-end")
    assert [d.step_id for d in route(scenario)] == ["amount", "read", "branch"]


def test_every_bundled_route_ends_well_and_every_mark_is_on_it():
    marked = 0
    for scenario in bundled():
        demos = route(scenario)
        assert demos, scenario.id
        end = scenario.step(demos[-1].next_id)
        assert end.is_finish and end.finish in ("success", "safe"), scenario.id
        watched = {d.step_id for d in demos}
        for step in scenario.steps:
            marked += len(shown_mistakes(step))
            assert not shown_mistakes(step) or step.id in watched, f"{scenario.id}: {step.id}"
    assert marked >= 8  # the important ones are marked: the scam traps among them
    safety = {s.id: s for s in bundled() if s.category == "safety"}
    trap = next(m for s in safety["fake-virus-warning"].steps for m in s.mistakes if m.id == "ok-button")
    assert trap.show and mistake_action(trap).target == "ok"


def test_values_for_each_kind_of_match():
    assert example(ValueMatch("exact", ("お茶",))) == "お茶"
    assert example(ValueMatch("one-of", ("a", "b"))) == "a"
    assert example(ValueMatch("any")) and example(ValueMatch("empty")) == ""
    assert re.fullmatch(r"0[789]0-?\d{4}-?\d{4}", example(ValueMatch("pattern", (r"0[789]0-?\d{4}-?\d{4}",))))


def test_check_warns_about_marks_watch_mode_cannot_show(write):
    report = check_scenario(load(write(BRANCHING)))
    found = {(p.code, p.where.line) for p in report.problems if p.code.startswith("shown-mistake")}
    assert found == {("shown-mistake-nothing-to-point", 41)}
    text = BRANCHING.replace("  - id: risky-end\n",
                             "  - id: never\n    say: ここには来ません。\n    screen:\n      elements:\n"
                             "        - {type: button, id: go, label: 行く}\n"
                             "        - {type: button, id: stay, label: 待つ}\n    expect: {tap: go}\n"
                             "    mistakes:\n      - {when: {tap: stay}, say: ちがいます。, show: true}\n"
                             "  - id: risky-end\n")
    report = check_scenario(load(write(text, "never.yaml")))
    codes = [p for p in report.problems if p.code == "shown-mistake-not-watched"]
    assert len(codes) == 1 and "never" in codes[0].format("en") and codes[0].severity == "warning"
