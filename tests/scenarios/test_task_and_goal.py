"""The format for on-your-own mode: ``task:`` per scenario, ``goal:`` per step, ``show:`` on a
mistake — loaded into the model, refused with file:line:column, in the schema, and checked."""

from __future__ import annotations

from tests.scenarios.conftest import MINIMAL
from trainer.authoring.check import check_scenario
from trainer.authoring.schema import build_schema
from trainer.scenarios.loader import check_bytes, check_file, load
from trainer.scenarios.modes import GENERIC_GOALS, goal_of, named_label, target_labels, task_of

WITH_MODES = MINIMAL.replace("    expect: {tap: next}\n", """\
    expect: {tap: next}
    goal:
      ja: 先へ進みましょう。
      en: Go on.
    mistakes:
      - when: {tap: back}
        say: それは戻るボタンです。
        show: true
""").replace("task: 先へ進んでください。\n", "task:\n  ja: 先へ進んでください。\n  en: Go on to the end.\n")


def test_task_goal_and_show_are_loaded(write):
    scenario = load(write(WITH_MODES))
    assert scenario.task.get("ja") == "先へ進んでください。" and scenario.task.get("en") == "Go on to the end."
    step = scenario.steps[0]
    assert step.goal.get("ja") == "先へ進みましょう。" and step.goal.get("en") == "Go on."
    assert step.mistakes[0].show is True
    assert scenario.steps[1].goal is None
    assert goal_of(step) is step.goal and task_of(scenario) is scenario.task


def test_they_are_optional(write):
    text = MINIMAL.replace("task: 先へ進んでください。\n", "")
    scenario = load(write(text))
    assert scenario.task is None and scenario.steps[0].goal is None
    assert scenario.steps[0].mistakes == ()
    # the general goal for a tap never names the button; the guided text does
    assert goal_of(scenario.steps[0]) == GENERIC_GOALS["tap"]
    assert "次へ" in scenario.steps[0].say.get("ja")
    assert named_label(goal_of(scenario.steps[0]).get("ja"), target_labels(scenario.steps[0])) is None


def _located(text: str) -> list[tuple[str, int, int]]:
    scenario, problems = check_bytes(text.encode(), "s.yaml")
    assert scenario is None
    return [(p.code, p.where.line, p.where.column) for p in problems]


def test_wrong_values_are_located():
    assert _located(WITH_MODES.replace("show: true", "show: yes please")) == [("wrong-type", 24, 15)]
    assert _located(WITH_MODES.replace("      ja: 先へ進みましょう。\n      en: Go on.\n", "      - 先へ\n"))[0][0] == (
        "wrong-type")
    assert _located(MINIMAL.replace("task: 先へ進んでください。", "task: [1, 2]")) == [("wrong-type", 21, 7)]
    misspelt = _located(MINIMAL.replace("task: 先へ", "tsak: 先へ"))
    assert misspelt == [("unknown-key", 21, 1)]
    _, problems = check_bytes(MINIMAL.replace("task: 先へ", "tsak: 先へ").encode(), "s.yaml")
    assert "task" in problems[0].format("en")  # did you mean 'task'?


def test_a_finish_step_has_no_goal():
    text = MINIMAL.replace("    say: よくできました。\n", "    say: よくできました。\n    goal: 終わりです。\n")
    assert _located(text) == [("finish-with-action", 21, 5)]


def test_check_warns_without_a_task(write):
    scenario, _ = check_file(write(MINIMAL.replace("task: 先へ進んでください。\n", "")))
    problems = check_scenario(scenario).problems
    assert [(p.code, p.severity) for p in problems] == [("no-task", "warning")]
    assert problems[0].format("ja").startswith(f"{scenario.path}:4:8: 注意: 「task:」")
    assert "there is no 'task:'" in problems[0].format("en")
    scenario, _ = check_file(write(MINIMAL))
    assert check_scenario(scenario).problems == []


def test_check_warns_when_a_goal_names_the_button(write):
    text = WITH_MODES.replace("      ja: 先へ進みましょう。", "      ja: 「次へ」を押しましょう。")
    scenario, _ = check_file(write(text))
    problems = check_scenario(scenario).problems
    assert [p.code for p in problems] == ["goal-names-target"]
    assert problems[0].where.line == 19 and "次へ" in problems[0].format("ja")


def test_the_schema_knows_the_new_keys():
    schema = build_schema("en")
    assert schema["properties"]["task"]["$ref"] == "#/$defs/text"
    step = schema["$defs"]["step"]
    assert step["properties"]["goal"]["$ref"] == "#/$defs/text"
    assert {"required": ["goal"]} in step["dependentSchemas"]["finish"]["not"]["anyOf"]
    assert schema["$defs"]["mistake"]["properties"]["show"]["type"] == "boolean"
    assert "on-your-own" in schema["properties"]["task"]["description"]


def test_the_suggested_mode():
    from trainer.scenarios.modes import suggest

    assert suggest([]) == "watch"  # the first time: 「見てみる」
    assert suggest([("watch", 0)]) == "try"  # watched: now guided
    assert suggest([("try", 2)]) == "try"  # finished with hints: guided again
    assert suggest([("try", 2), ("try", 0)]) == "alone"  # once without a hint: on your own
    assert suggest([("alone", 3)]) == "alone"
    assert suggest([("alone", 3)], fixed="watch") == "watch"  # an instructor fixed the way: it wins
    assert suggest([], fixed="try") == "try"
    assert suggest([], fixed="exam") == "watch"  # nothing sensible fixed: the record decides
