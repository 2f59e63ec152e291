"""Helpers for the catalogue tests: walk a scenario's texts, build the
actions that play it, and find every path to each of its endings.

Pure Python (no Qt): the same helpers serve ``test_catalogue.py`` and a
content reviewer at a Python prompt.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache

from trainer.content import bundled_content_dir
from trainer.scenarios.actions import Action, ActionKind
from trainer.scenarios.loader import load_all
from trainer.scenarios.model import Element, Expectation, Scenario, Step, Text, ValueMatch

CONTENT = bundled_content_dir()


@cache
def catalogue() -> tuple[tuple[Scenario, ...], tuple]:
    scenarios, problems = load_all([CONTENT])
    return tuple(scenarios), tuple(problems)


@dataclass(frozen=True)
class Found:
    """One learner-facing text and where it sits in the scenario."""

    where: str  # "title", "step:open-pay:say", "step:open-pay:element:pay:label" ...
    text: Text

    @property
    def is_say(self) -> bool:
        return self.where.endswith(":say") and self.where.startswith("step:") and ":mistake:" not in self.where \
            and ":choice:" not in self.where

    @property
    def is_easy(self) -> bool:
        return self.where.endswith(":easy")


def _element_texts(prefix: str, value: object) -> Iterator[tuple[str, Text]]:
    if isinstance(value, Text):
        yield prefix, value
    elif isinstance(value, tuple):
        for number, item in enumerate(value):
            yield from _element_texts(f"{prefix}[{number}]", item)
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _element_texts(f"{prefix}.{key}", item)


def texts(scenario: Scenario) -> Iterator[Found]:
    """Every text a learner sees or hears, with its place."""
    yield Found("title", scenario.title)
    yield Found("summary", scenario.summary)
    for goal in scenario.goals:
        yield Found("goal", goal)
    for step in scenario.steps:
        base = f"step:{step.id}"
        yield Found(f"{base}:say", step.say)
        if step.easy:
            yield Found(f"{base}:easy", step.easy)
        if step.praise:
            yield Found(f"{base}:praise", step.praise)
        for text in step.learned:
            yield Found(f"{base}:learned", text)
        for hint in step.hints:
            if hint.text:
                yield Found(f"{base}:hint", hint.text)
        for mistake in step.mistakes:
            yield Found(f"{base}:mistake:{mistake.id}:say", mistake.say)
        for number, choice in enumerate(step.choices):
            if choice.say:
                yield Found(f"{base}:choice:{number}:say", choice.say)
        if step.screen.title:
            yield Found(f"{base}:screen-title", step.screen.title)
        for element in step.screen.elements:
            for where, text in _element_texts(f"{base}:element:{element.id or element.type}", dict(element.props)):
                yield Found(where, text)


def plain_strings(scenario: Scenario) -> Iterator[tuple[str, str]]:
    """Every string a learner may see: all texts in every language, plus
    string props of elements (a sender, a code's data, a screen's URL)."""
    for found in texts(scenario):
        for lang, value in found.text.values.items():
            yield f"{found.where}.{lang}", value
    for step in scenario.steps:
        if step.screen.url:
            yield f"step:{step.id}:url", step.screen.url
        for element in step.screen.elements:
            yield from _element_strings(f"step:{step.id}:element:{element.id or element.type}", dict(element.props))


def _element_strings(prefix: str, value: object) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield prefix, value
    elif isinstance(value, tuple):
        for number, item in enumerate(value):
            yield from _element_strings(f"{prefix}[{number}]", item)
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _element_strings(f"{prefix}.{key}", item)


RUBY = re.compile(r"｜([^《]+)《[^》]*》")


def shown(text: str) -> str:
    """The text as displayed (inline readings dropped)."""
    return RUBY.sub(r"\1", text)


# -- playing ---------------------------------------------------------------

def sample_value(match: ValueMatch) -> str:
    """A value that satisfies ``match``."""
    if match.mode in ("exact", "one-of"):
        return match.values[0]
    if match.mode == "empty":
        return ""
    if match.mode == "any":
        return "1"
    raise AssertionError(f"patterns need an exact alternative to be played: {match}")


def action_for(expect: Expectation) -> Action:
    """The action a learner would take to satisfy ``expect``."""
    kind = ActionKind(expect.kind)
    fields = {name: sample_value(match) for name, match in expect.fields.items()}
    if kind is ActionKind.SAY:
        return Action(kind, value=expect.phrases[0])
    if kind is ActionKind.SCAN:
        return Action(kind, value=expect.target)
    if kind is ActionKind.SWIPE:
        return Action(kind, target=expect.on, value=expect.target, fields=fields)
    if kind is ActionKind.ENTER:
        value = sample_value(expect.value) if expect.value else "1"
        return Action(kind, target=expect.target, value=value, fields=fields)
    if kind is ActionKind.TOGGLE:
        value = expect.value.values[0] if expect.value else "on"
        return Action(kind, target=expect.target, value=value, fields=fields)
    if kind is ActionKind.CONTINUE:
        return Action(kind)
    if kind in (ActionKind.INSERT, ActionKind.PLACE) and expect.value is not None:
        return Action(kind, target=expect.target, value=expect.value.values[0], fields=fields)  # a thing it takes
    return Action(kind, target=expect.target, fields=fields)


def moves(scenario: Scenario, step: Step) -> list[tuple[Action, Step]]:
    """Each way out of ``step``: the action and the step it leads to."""
    if step.is_finish:
        return []
    if step.only_explains:
        after = scenario.step_after(step)
        return [(Action(ActionKind.CONTINUE), after)] if after else []
    found = [(action_for(choice.when[0]), scenario.step(choice.next)) for choice in step.choices]
    after = scenario.step_after(step)
    if step.expect and after:
        found.append((action_for(step.expect[0]), after))
    return found


def paths(scenario: Scenario) -> dict[str, list[tuple[Action, ...]]]:
    """For each finish step id, the action sequences that reach it (no loops)."""
    result: dict[str, list[tuple[Action, ...]]] = {s.id: [] for s in scenario.finishes}
    stack: list[tuple[Step, tuple[Action, ...], frozenset[str]]] = [(scenario.steps[0], (), frozenset())]
    while stack:
        step, done, seen = stack.pop()
        if step.is_finish:
            result[step.id].append(done)
            continue
        for action, target in moves(scenario, step):
            if target.id not in seen:
                stack.append((target, (*done, action), seen | {step.id}))
    return result


def targets_of(expect: Expectation) -> list[str]:
    """Element ids an expectation refers to."""
    found = []
    if expect.kind in ("tap", "long-press", "choose", "toggle", "place", "enter") and expect.target:
        found.append(expect.target)
    if expect.on is not None:
        found.append(expect.on)
    found.extend(expect.fields)
    return found


def element_by_id(step: Step, target: str) -> Element | None:
    return step.screen.ids().get(target)
