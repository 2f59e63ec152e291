"""``trainer check``: each check on a small file, and the command itself."""

from __future__ import annotations

import pytest

from tests.instructor.conftest import TINY, scenario
from trainer.authoring.check import check_scenario, display_width, example_value, synthesise
from trainer.cli import main
from trainer.content import bundled_content_dir
from trainer.scenarios.loader import check_file, load
from trainer.scenarios.model import Expectation, ValueMatch


def report_of(write, text: str, unsure=None):
    path = write(text)
    loaded, problems = check_file(path)
    assert loaded is not None, [p.format("en") for p in problems]
    return check_scenario(loaded, unsure)


def codes(report) -> list[str]:
    return [p.code for p in report.problems]


def errors(report) -> list[str]:
    return [p.code for p in report.problems if p.severity == "error"]


# (placed after a line that ends with the 8 spaces before the closing quotes)
BUTTONS = """\
  screen:
            elements:
              - {type: button, id: next, label: 次へ}
              - {type: button, id: back, label: 戻る}
"""


def test_a_good_file_has_no_problem_and_one_path(write):
    report = report_of(write, TINY)
    assert report.problems == []
    assert report.paths == [("press", "done")]


def test_unreachable_step(write):
    text = scenario("""\
        - id: press
          say: 押しましょう。
        """ + BUTTONS + """\
          expect: {tap: next}
          next: done
        - id: lost
          say: ここには来ません。
          next: done
        - id: done
          finish: success
          say: できました。
        """)
    report = report_of(write, text)
    assert errors(report) == ["unreachable-step"]
    assert report.problems[0].where.line == 20  # the head has 10 lines (task: included)
    assert "lost" in report.problems[0].format("ja")


def test_dead_end_last_step_without_finish(write):
    text = scenario("""\
        - id: press
          say: 押しましょう。
        """ + BUTTONS + """\
          expect: {tap: next}
          next: last
        - id: done
          finish: success
          say: できました。
        - id: last
          say: ここで終わり？
        """)
    report = report_of(write, text)
    assert "dead-end" in errors(report)
    assert "unreachable-step" in errors(report)  # done is never reached


def test_next_loop_never_reaches_a_finish(write):
    text = scenario("""\
        - id: a
          say: 読みましょう。
          next: b
        - id: b
          say: もう一度。
          next: a
        - id: done
          finish: success
          say: できました。
        """)
    report = report_of(write, text)
    assert "no-way-to-finish" in errors(report)
    message = next(p for p in report.problems if p.code == "no-way-to-finish").format("en")
    assert "a → b → a" in message


def test_choice_that_leads_nowhere(write):
    text = scenario("""\
        - id: ask
          say: どうしますか。
        """ + BUTTONS + """\
          choices:
            - {tap: next, next: done, outcome: safe}
            - {tap: back, next: round}
        - id: round
          say: ぐるぐる。
          next: round
        - id: done
          finish: safe
          say: できました。
        """)
    report = report_of(write, text)
    assert "choice-leads-nowhere" in errors(report)


def test_choice_never_taken(write):
    text = scenario("""\
        - id: ask
          say: どうしますか。
        """ + BUTTONS + """\
          choices:
            - {tap: next, next: done, outcome: safe}
            - {tap: next, next: other, outcome: risky}
        - id: other
          say: 別の道。
          next: done
        - id: done
          finish: safe
          say: できました。
        """)
    assert "choice-never-taken" in errors(report_of(write, text))


@pytest.mark.parametrize(("expect", "code"), [
    ("{tap: nxt}", "target-not-on-screen"),
    ("{enter: {amount: '5'}}", "target-not-on-screen"),
    ("{tap: next, with: {amount: '5'}}", "target-not-on-screen"),
    ("{choose: next}", "action-not-supported"),
    ("{toggle: next}", "action-not-supported"),
    ("{scan: 'shop:x'}", "no-element-for-action"),
    ("{say: 天気は？}", "no-element-for-action"),
    ("{swipe: left, on: next}", "action-not-supported"),
    ("{swipe: left, on: pictures}", "target-not-on-screen"),
])
def test_expected_action_must_fit_the_screen(write, expect, code):
    report = report_of(write, TINY.replace("expect: {tap: next}", f"expect: {expect}"))
    assert code in errors(report)


def test_target_not_on_screen_suggests_the_closest_id(write):
    report = report_of(write, TINY.replace("expect: {tap: next}", "expect: {tap: nxt}"))
    problem = next(p for p in report.problems if p.code == "target-not-on-screen")
    assert (problem.where.line, problem.where.column) == (17, 13)
    assert "「next」のことですか" in problem.format("ja")


def test_mistake_and_hint_targets_are_checked_too(write):
    text = TINY.replace("    expect: {tap: next}\n", """\
    expect: {tap: next}
    hints:
      - {highlight: nxt}
    mistakes:
      - when: {tap: camera}
        say: それはカメラです。
""")
    report = report_of(write, text)
    assert codes(report).count("target-not-on-screen") == 2


def test_scan_must_match_the_camera(write):
    text = scenario("""\
        - id: frame
          say: 読み取りましょう。
          screen:
            elements:
              - {type: camera, target: {data: "shop:a", label: A}}
          expect: {scan: "shop:b"}
        - id: done
          finish: success
          say: できました。
        """)
    assert errors(report_of(write, text)) == ["scan-not-on-screen"]


def test_mistake_equal_to_the_right_action_is_a_warning(write):
    text = TINY.replace("    expect: {tap: next}\n", """\
    expect: {tap: next}
    mistakes:
      - when: {tap: next}
        say: ちがいます。
""")
    report = report_of(write, text)
    assert codes(report) == ["mistake-never-shown"]
    assert errors(report) == []


def test_texts_too_long_are_warnings(write):
    long_say = "あ" * 81
    text = TINY.replace("say: 「次へ」を押しましょう。", f"say: {long_say}").replace(
        "label: 次へ}", "label: とてもとても長いボタンの名前です}")
    report = report_of(write, text)
    assert codes(report) == ["text-too-long", "text-too-long"]
    assert errors(report) == []
    assert "81" in report.problems[0].format("ja")


def test_width_counts_half_width_letters_as_half():
    assert display_width("ありがとう") == 5
    assert display_width("Thank you!") == 5
    assert display_width("｜都城《みやこのじょう》") > 0


def test_unsure_readings_are_warned_once(write):
    def unsure(text: str):
        return [("押", "お")] if "押" in text else []

    text = TINY.replace("say: よくできました。", "say: 押せました。")
    report = report_of(write, text, unsure)
    assert codes(report) == ["reading-unsure"]
    assert "readings" in report.problems[0].format("ja")


def test_the_real_reader_is_used_when_present():
    from trainer.cli.check import reading_check

    made = reading_check()
    if made is None:
        pytest.skip("the reading engine is not available")
    scenario_ = load(next(iter(sorted(bundled_content_dir().rglob("*.yaml")))))
    unsure = made(scenario_)
    assert isinstance(unsure("今日は晴れです。"), list)


# -- playing ----------------------------------------------------------------

def test_every_branch_is_played_to_its_finish(write):
    text = scenario("""\
        - id: ask
          say: どうしますか。
        """ + BUTTONS + """\
          choices:
            - {tap: next, next: safe-end, outcome: safe}
            - {tap: back, next: explain, outcome: risky}
        - id: explain
          say: 説明です。
          next: risky-end
        - id: safe-end
          finish: safe
          say: 安全です。
        - id: risky-end
          finish: risky
          say: 練習なので大丈夫です。
        """)
    report = report_of(write, text)
    assert report.problems == []
    assert sorted(report.paths) == [("ask", "explain", "risky-end"), ("ask", "safe-end")]


@pytest.mark.parametrize("expect", [
    "{tap: next, with: {amount: '580'}}",
    "{tap: next, with: {amount: [580, 600]}}",
    "{tap: next, with: {amount: any}}",
    "{tap: next, with: {pin: {pattern: '[0-9]{4}'}}}",
    "{tap: next, with: {code: {pattern: '(ab|cd)+-\\d{2,3}'}}}",
])
def test_values_are_synthesised_for_with_and_enter(write, expect):
    screen = """\
    screen:
      elements:
        - {type: input, id: amount, label: 金額}
        - {type: input, id: pin, label: 番号}
        - {type: input, id: code, label: 記号}
        - {type: button, id: next, label: 次へ}
"""
    text = TINY.replace("""\
    screen:
      elements:
        - {type: button, id: next, label: 次へ}
        - {type: button, id: back, label: 戻る}
""", screen).replace("expect: {tap: next}", f"expect: {expect}")
    report = report_of(write, text)
    assert report.problems == [], [p.format("en") for p in report.problems]
    assert report.paths == [("press", "done")]


def test_a_pattern_no_value_can_be_made_for_is_a_warning():
    assert example_value(ValueMatch("pattern", (r"(a)\1",))) is None
    expect = Expectation("enter", "x", value=ValueMatch("pattern", (r"(a)\1",)))
    assert synthesise(expect) is None


def test_all_kinds_of_action_are_synthesised():
    assert synthesise(Expectation("say", None, phrases=("天気は？",))).value == "天気は？"
    assert synthesise(Expectation("scan", "shop:x")).value == "shop:x"
    assert synthesise(Expectation("toggle", "agree", value=ValueMatch("exact", ("off",)))).value == "off"
    assert synthesise(Expectation("continue", None)).kind.value == "continue"
    assert synthesise(Expectation("swipe", "left")).value == "left"
    assert example_value(ValueMatch("empty")) == ""


def test_a_path_the_runner_refuses_is_an_error(write):
    # The only phrase is punctuation: the runner folds it away, so no learner
    # could ever say it. Playing finds that the step cannot be passed.
    text = scenario("""\
        - id: speak
          say: 話しかけましょう。
          screen:
            elements:
              - {type: speaker, light: listening}
          expect: {say: "、。"}
        - id: done
          finish: success
          say: できました。
        """)
    report = report_of(write, text)
    assert "path-not-accepted" in errors(report)


# -- the command ------------------------------------------------------------

def test_check_bundled_content_passes(capsys):
    assert main(["check", str(bundled_content_dir())]) == 0
    out = capsys.readouterr().out
    assert "道すじ" in out


def test_check_exit_codes(write, capsys):
    good = write(TINY, "good.yaml")
    assert main(["check", str(good)]) == 0
    bad = write(TINY.replace("expect: {tap: next}", "expect: {tap: nxt}"), "bad.yaml")
    assert main(["--lang", "en", "check", str(bad)]) == 1
    out = capsys.readouterr().out
    assert f"{bad}:17:13: 'nxt' is not on this step's screen" in out
    broken = write("format: 1\nid: [\n", "broken.yaml")
    assert main(["check", str(broken)]) == 1
    assert main(["check", str(good.parent / "missing.yaml")]) == 2


def test_warnings_do_not_change_the_exit_code(write, capsys):
    path = write(TINY.replace("say: 「次へ」を押しましょう。", "say: " + "あ" * 90))
    assert main(["check", "--no-readings", str(path)]) == 0
    assert "注意:" in capsys.readouterr().out
