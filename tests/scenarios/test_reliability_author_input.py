"""Hostile or slipped author input gets a located, plain message — never a traceback, never a freeze.

Issue #12: a 5,000-digit integer crashed validate/check/handout/pack import and the app; a
catastrophic ``pattern:`` froze the window; control characters were reported at 1:1 and
U+2028/U+2029/NEL shifted later line numbers; ``ja:`` with no space was shown to learners as
"ja:…"; escape sequences reached the terminal raw; ``check`` output had no cap.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import pytest

from tests.scenarios.conftest import MINIMAL
from trainer.cli import main
from trainer.scenarios.actions import Action, ActionKind
from trainer.scenarios.loader import check_bytes, check_file
from trainer.scenarios.matching import value_matches
from trainer.scenarios.model import ValueMatch
from trainer.scenarios.problems import Problem, printable
from trainer.scenarios.runner import Run
from trainer.scenarios.safe_regex import MAX_MATCH_CHARS, catastrophic

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from check_bench import write as write_long

TYPED = MINIMAL.replace(
    "        - {type: button, id: next, label: 次へ}",
    "        - {type: input, id: code, label: 番号}\n        - {type: button, id: next, label: 次へ}",
).replace("    expect: {tap: next}", "    expect: {tap: next, with: {code: {pattern: 'PATTERN'}}}")


def codes(problems: list[Problem]) -> list[str]:
    return [p.code for p in problems]


@pytest.mark.parametrize("key", ["level", "version", "minutes"])
def test_a_5000_digit_integer_is_a_located_message(key):
    text = re.sub(rf"^{key}: \d+", f"{key}: 1{'9' * 5000}", MINIMAL, flags=re.M)
    scenario, problems = check_bytes(text.encode(), "s.yaml")
    line = next(i for i, t in enumerate(text.splitlines(), 1) if t.startswith(key))
    assert scenario is None and codes(problems) == ["number-too-long"]
    assert (problems[0].where.line, problems[0].where.column) == (line, len(key) + 3)
    assert "5001" in problems[0].message("en")


def test_huge_numbers_do_not_crash_validate_check_or_handout(write, capsys):
    path = write(MINIMAL.replace("level: 1", "level: 1" + "9" * 5000))
    for command in (["validate"], ["check", "--no-readings"], ["handout", "--out", str(path.with_suffix(".pdf"))]):
        assert main([*command, "--lang", "en", str(path)]) == 1
        out = capsys.readouterr().out
        assert "number is too long" in out and "Traceback" not in out


def test_a_float_that_overflows_is_a_plain_message():
    import yaml

    from trainer.scenarios.loader import Walker

    walker = Walker("s.yaml", None)
    assert walker.number(yaml.compose("1.0e+400"), "rate") is None
    assert codes(walker.problems) == ["wrong-type"]


@pytest.mark.parametrize("pattern", ["(a+)+$", "(a|aa)+$", "(a*)*b", "(x+x+)+y", "(.*a){20}"])
def test_catastrophic_patterns_are_refused_at_load_time(pattern):
    text = TYPED.replace("PATTERN", pattern)
    scenario, problems = check_bytes(text.encode(), "s.yaml")
    assert scenario is None and "slow-pattern" in codes(problems)
    where = next(p.where for p in problems if p.code == "slow-pattern")
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "pattern:" in t)
    assert where.line == line
    started = time.perf_counter()
    assert catastrophic(pattern)
    assert time.perf_counter() - started < 1.0  # the check itself never runs the pattern


@pytest.mark.parametrize("pattern", [r"\d{3}-?\d{4}", "[0-9]+", "(yes|no)+", r"([0-9]{2,4}-){2}[0-9]{4}",
                                     r"^\d{1,4}(,\d{3})*$", "(a|b)+"])
def test_ordinary_patterns_still_load(pattern):
    scenario, problems = check_bytes(TYPED.replace("PATTERN", pattern).encode(), "s.yaml")
    assert scenario is not None, [p.format("en") for p in problems]


def test_a_pattern_never_runs_on_unbounded_text():
    match = ValueMatch("pattern", (r"[a-z]+",))
    assert value_matches(match, "a" * MAX_MATCH_CHARS)
    assert not value_matches(match, "a" * (MAX_MATCH_CHARS + 1))


def test_judging_a_typed_answer_with_a_pattern_stays_fast():
    scenario, _ = check_bytes(TYPED.replace("PATTERN", r"[0-9]{4}").encode(), "s.yaml")
    run = Run(scenario, clock=lambda: 0.0)
    run.start()
    started = time.perf_counter()
    feedback = run.judge(Action(ActionKind.TAP, "next", None, {"code": "a" * 10_000}))
    assert time.perf_counter() - started < 1.0
    assert feedback.judgement.value != "correct"


@pytest.mark.parametrize(("char", "name"), [("\x07", "U+0007"), ("\x1b", "U+001B"), ("\u2028", "U+2028"),
                                             ("\u2029", "U+2029"), ("\x85", "U+0085"), ("\u202e", "U+202E")])
def test_control_and_line_separator_characters_are_located(char, name):
    text = MINIMAL.replace("summary: ボタン", f"summary: ボタ{char}ン")
    scenario, problems = check_bytes(text.encode(), "s.yaml")
    assert scenario is None and codes(problems) == ["control-char"]
    assert (problems[0].where.line, problems[0].where.column) == (5, 12)  # "summary: ボタ" is 11 characters
    assert name in problems[0].message("en")


def test_line_numbers_after_a_line_separator_are_right():
    text = MINIMAL.replace("title: ちいさな練習", "title: ちいさな\u2028練習").replace(
        "category: smartphone", "category: smartfone")
    _, problems = check_bytes(text.encode(), "s.yaml")
    assert [(p.where.line, p.where.column) for p in problems] == [(4, 12)]  # by the editor's count of lines


@pytest.mark.parametrize("text", [
    MINIMAL.replace("title: ちいさな練習", "title:\n  ja:ちいさな練習"),
    MINIMAL.replace("title: ちいさな練習", "title:\n  en: A tiny practice\n  ja:ちいさな練習"),
    MINIMAL.replace("    say: よくできました。", "    say:\n      en: Well done.\n      ja:よくできました。"),
])
def test_ja_without_a_space_is_refused_even_as_the_last_key(text):
    scenario, problems = check_bytes(text.encode(), "s.yaml")
    assert scenario is None and "no-space-after-colon" in codes(problems)
    assert next(p for p in problems if p.code == "no-space-after-colon").args["key"] == "ja"


def test_escape_sequences_are_never_printed_raw(write, capsys):
    path = write(MINIMAL.replace("category: smartphone", 'category: "\\e[31mRED\\e[2J"'))
    assert main(["validate", "--lang", "en", str(path)]) == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\\u001b[31mRED" in out
    assert printable("a\x1b[2Jb\nc\u2028d") == "a\\u001b[2Jb\\u000ac\\u2028d"


def test_check_output_is_capped(tmp_path, capsys):
    path = write_long(tmp_path, 600, broken=True)
    assert main(["check", "--no-readings", "--lang", "en", str(path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) <= 60
    assert any("550 more problem(s) not shown" in line for line in lines)
    assert lines[-1].startswith("0 scenario(s) without errors, 600 error(s)")


def test_a_long_file_checks_in_linear_steps(tmp_path):
    from trainer.scenarios.model import Scenario

    scenario, problems = check_file(write_long(tmp_path, 2000))
    assert scenario is not None, problems
    calls = 0
    original = Scenario.step

    def counting(self, step_id):
        nonlocal calls
        calls += 1
        return original(self, step_id)

    Scenario.step = counting
    try:
        from trainer.authoring.check import check_scenario

        check_scenario(scenario)
    finally:
        Scenario.step = original
    assert scenario._steps_by_id["s1999"] is scenario.steps[1999]  # a look-up, not a search per call
    assert calls < 10 * len(scenario.steps)
