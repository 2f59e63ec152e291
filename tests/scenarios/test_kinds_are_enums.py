"""Kinds are enums in the model: action (and so expectation), hint, match mode, severity.

They are str-valued, so the words in YAML files, in stored records and in
messages are the same as before; the code compares enum members, not strings.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import trainer
from tests.scenarios.conftest import MINIMAL
from trainer.content import bundled_content_dir
from trainer.scenarios.actions import Action, ActionKind
from trainer.scenarios.events import HintKind
from trainer.scenarios.loader import check_bytes, load_all
from trainer.scenarios.matching import action_matches
from trainer.scenarios.model import Expectation, Hint, MatchMode, Severity, ValueMatch
from trainer.scenarios.problems import Problem

SOURCE = Path(trainer.__file__).parent


def _expectations(scenario):
    for step in scenario.steps:
        yield from step.expect
        for mistake in step.mistakes:
            yield from mistake.when
        for choice in step.choices:
            yield from choice.when


def test_every_loaded_kind_is_an_enum_member():
    scenarios, _ = load_all([bundled_content_dir()])
    assert len(scenarios) > 20
    matches = 0
    for scenario in scenarios:
        for expect in _expectations(scenario):
            assert type(expect.kind) is ActionKind, expect
            for match in (*expect.fields.values(), *((expect.value,) if expect.value else ())):
                assert type(match.mode) is MatchMode, match
                matches += 1
        for step in scenario.steps:
            assert all(type(h.kind) is HintKind for h in step.hints)
    assert matches > 20


def test_the_enums_are_the_words_of_the_files():
    assert ActionKind.LONG_PRESS == "long-press" and MatchMode.ONE_OF == "one-of"
    assert HintKind.SHOW == "show" and Severity.WARNING == "warning"
    assert json.dumps([ActionKind.TAP, MatchMode.ANY, Severity.ERROR]) == '["tap", "any", "error"]'
    assert f"{{{ActionKind.SWIPE}: left}}" == "{swipe: left}"  # how check describes an action


def test_words_given_to_the_model_become_members():
    """Code and tests written with words (``Expectation("tap", ...)``) still get enums."""
    assert type(Expectation("tap", "next").kind) is ActionKind
    assert type(Hint("highlight", None, "next").kind) is HintKind
    assert type(ValueMatch("pattern", ("[0-9]+",)).mode) is MatchMode
    assert type(Problem(None, "x", severity="warning").severity) is Severity  # type: ignore[arg-type]
    assert Expectation("tap", "next") == Expectation(ActionKind.TAP, "next")


SWIPE_ON = MINIMAL.replace(
    "        - {type: button, id: next, label: 次へ}\n",
    "        - {type: button, id: next, label: 次へ}\n"
    "        - {type: pages, id: photos, pages: [{text: 一}, {text: 二}]}\n",
).replace("    expect: {tap: next}\n", "    expect: {swipe: left, on: photos, with: {}}\n")


def test_a_swipe_on_an_element_is_a_real_field_not_a_marker_in_fields():
    scenario, problems = check_bytes(SWIPE_ON.encode(), "s.yaml")
    assert scenario is not None, [p.format() for p in problems]
    expect = scenario.steps[0].expect[0]
    assert expect.on == "photos" and dict(expect.fields) == {}
    assert action_matches(expect, Action(ActionKind.SWIPE, "photos", "left"))
    assert not action_matches(expect, Action(ActionKind.SWIPE, "next", "left"))
    anywhere = Expectation(ActionKind.SWIPE, "left")
    assert anywhere.on is None and action_matches(anywhere, Action(ActionKind.SWIPE, "next", "left"))


#: String comparisons of kinds that the enums replace (tests may still write words).
_WORD_COMPARISONS = re.compile(
    r"""\b(?:expect|hint|e|h)\.kind\s*(?:==|!=)\s*["']"""
    r"""|\b(?:expect|hint|e|h)\.kind\s+(?:not\s+)?in\s+\(\s*["']"""
    r"""|\.severity\s*(?:==|!=)\s*["']|severity\s*=\s*["']"""
    r"""|\bmatch\.mode\s*(?:==|!=)\s*["']|\bmatch\.mode\s+(?:not\s+)?in\s+\(\s*["']"""
    r"""|["']@on["']""")


def test_the_app_compares_kinds_as_enums_not_words():
    found = []
    for path in sorted(SOURCE.rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if _WORD_COMPARISONS.search(line):
                found.append(f"{path.relative_to(SOURCE.parent)}:{number}: {line.strip()}")
    assert not found, "\n".join(found)
