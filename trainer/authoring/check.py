"""``trainer check``: what the loader cannot see in one file's shape.

After a scenario loads, these checks look at it as a whole:

- **the flow**: steps no path reaches, dead ends (no way on and not a
  finish), loops that never reach a finish, choices that lead nowhere or
  can never be taken;
- **each step's screen**: every target of ``expect``, ``mistakes``,
  ``choices`` and ``hints`` is on that step's screen and answers to that
  action (each element kind's ``actions`` in the registry);
- **texts**: too long to fit at large text sizes; words the reading engine
  is unsure of and no ``readings:`` entry covers (the reader is passed in,
  so this module stays free of the reading engine's dictionary);
- **playing**: every transition is judged by the real runner with a
  synthesised action, then a learner who does everything right, one who
  takes each branch, and one who reaches each finish play from the start to
  the end. A path that cannot reach its finish is an error.

Errors change ``trainer check``'s exit code; warnings (too long, unsure
reading, a pattern no value could be made for) do not. Pure Python, no Qt.
"""

from __future__ import annotations

import importlib
import logging
import unicodedata
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from trainer.reading.ruby import plain
from trainer.scenarios import devices as device_kinds
from trainer.scenarios import elements as element_kinds
from trainer.scenarios.actions import Action, ActionKind
from trainer.scenarios.events import Judgement
from trainer.scenarios.loader import suggest
from trainer.scenarios.matching import action_matches, fold, value_matches
from trainer.scenarios.model import (
    Choice,
    Element,
    Expectation,
    MatchMode,
    Scenario,
    Severity,
    Step,
    Text,
    ValueMatch,
    Where,
)
from trainer.scenarios.problems import Problem
from trainer.scenarios.runner import Run

log = logging.getLogger(__name__)

# -- limits for large text sizes ------------------------------------------
# Counted in full-width characters (two half-width letters count as one), so
# the same limits suit Japanese and English. At the largest text size the
# player's instruction panel shows about four lines of twenty characters.

INSTRUCTION_LIMIT = 80
"""say, easy, hint texts, a mistake's or choice's say, praise."""
TITLE_LIMIT = 24
"""The scenario's title (a home-screen tile)."""
SCREEN_TITLE_LIMIT = 14
"""A mock screen's title bar."""
LIST_LIMIT = 40
"""One line of goals or learned."""
LABEL_LIMIT = 12
"""A button's label, and any label without a limit of its own."""
ELEMENT_LIMITS: Mapping[tuple[str, str], int] = MappingProxyType({
    ("app-grid", "label"): 6,     # under an app icon in a grid of four
    ("app-grid", "menu.label"): LABEL_LIMIT,  # a row of the long-press menu
    ("call-log", "name"): 20,
    ("photo-camera", "label"): 20,  # spoken, not shown
    ("dialog", "label"): 10,      # two buttons side by side
    ("button", "label"): LABEL_LIMIT,
    ("checkbox", "label"): 30,    # wraps beside the box
    ("choice-list", "label"): 30,
    ("choice-list", "note"): 40,
    ("card", "label"): 20,
    ("product", "name"): 20,
    ("input", "label"): LABEL_LIMIT,
    ("heading", "text"): 20,
    ("amount", "label"): 20,
    ("receipt", "label"): 20,
    ("receipt", "title"): SCREEN_TITLE_LIMIT,
    ("cart", "name"): 20,
    ("qr", "label"): 20,
    ("camera", "label"): 20,
    ("speaker", "suggestions"): 20,
})
"""(element kind, key) → limit. Paragraph-like texts (text, message, dialog
text, answers) scroll, so they have none."""

ELEMENT_ACTIONS = ("tap", "long-press", "choose", "toggle", "place", "enter")
"""Actions whose target is an element id on the screen."""

ReadingCheck = Callable[[Scenario], Callable[[str], list[tuple[str, str]]]]
"""Given a scenario, a function that lists ``(word, guessed kana)`` for the
words of a text the reading engine is unsure of, with the scenario's
``readings:`` applied."""


@dataclass
class Report:
    """What ``check`` found in one scenario."""

    scenario: Scenario
    problems: list[Problem] = field(default_factory=list)
    paths: list[tuple[str, ...]] = field(default_factory=list)
    """Every path played from the start to a finish (step ids)."""


@dataclass(frozen=True)
class Way:
    """One way on from a step: an action the author named and where it leads."""

    step: Step
    expect: Expectation
    to: str | None
    """The step it leads to (None: nowhere — the last step is not a finish)."""
    choice: Choice | None = None


def display_width(text: str) -> int:
    """Length in full-width characters (a half-width letter counts as half)."""
    cells = sum(2 if unicodedata.east_asian_width(ch) in ("W", "F", "A") else 1 for ch in text
                if ch not in "\n\r")
    return (cells + 1) // 2


def describe(expect: Expectation) -> str:
    """An action as the author would write it: ``{tap: next}``."""
    if expect.kind is ActionKind.CONTINUE:
        return "continue"
    if expect.kind is ActionKind.SAY:
        value = expect.phrases[0] if expect.phrases else ""
    elif expect.kind is ActionKind.ENTER:
        shown = expect.value.values[0] if expect.value and expect.value.values else (
            expect.value.mode if expect.value else "")
        value = f"{{{expect.target}: {shown}}}"
    else:
        value = expect.target or ""
    return f"{{{expect.kind}: {value}}}"


# -- the flow -------------------------------------------------------------

def ways(scenario: Scenario, step: Step) -> list[Way]:
    """The ways on from ``step``, in the order the runner tries them."""
    if step.is_finish:
        return []
    after = scenario.step_after(step) if (step.expect or step.only_explains) else None
    found: list[Way] = []
    for choice in step.choices:
        for expect in choice.when:
            found.append(Way(step, expect, choice.next, choice))
    for expect in step.expect:
        found.append(Way(step, expect, after.id if after else None))
    if step.only_explains:
        found.append(Way(step, Expectation(ActionKind.CONTINUE, None), after.id if after else None))
    return found


class _Graph:
    def __init__(self, scenario: Scenario):
        self.scenario = scenario
        self.ways = {s.id: ways(scenario, s) for s in scenario.steps}
        self.reachable = self._reach(scenario.steps[0].id)
        self.to_finish = self._distances_to_finish()

    def _reach(self, start: str) -> dict[str, tuple[str, Way] | None]:
        """Every step reachable from ``start`` with the way it was first reached by (BFS)."""
        parent: dict[str, tuple[str, Way] | None] = {start: None}
        queue = deque([start])
        while queue:
            here = queue.popleft()
            for way in self.ways[here]:
                if way.to is not None and way.to not in parent:
                    parent[way.to] = (here, way)
                    queue.append(way.to)
        return parent

    def _distances_to_finish(self) -> dict[str, int]:
        into: dict[str, list[str]] = {s.id: [] for s in self.scenario.steps}
        for here, found in self.ways.items():
            for way in found:
                if way.to is not None:
                    into[way.to].append(here)
        distance = {s.id: 0 for s in self.scenario.steps if s.is_finish}
        queue = deque(distance)
        while queue:
            here = queue.popleft()
            for before in into[here]:
                if before not in distance:
                    distance[before] = distance[here] + 1
                    queue.append(before)
        return distance

    def route_to(self, step_id: str) -> list[Way]:
        """The shortest list of ways from the first step to ``step_id``."""
        route: list[Way] = []
        here = step_id
        while (entry := self.reachable.get(here)) is not None:
            here, way = entry
            route.append(way)
        return route[::-1]

    def route_to_finish(self, step_id: str) -> list[Way]:
        """The shortest list of ways from ``step_id`` to the nearest finish."""
        route: list[Way] = []
        here = step_id
        for _ in range(len(self.scenario.steps) + 1):
            if self.scenario.step(here).is_finish:
                return route
            best = min((w for w in self.ways[here] if w.to in self.to_finish),
                       key=lambda w: self.to_finish[w.to or ""], default=None)
            if best is None or best.to is None:
                return route
            route.append(best)
            here = best.to
        return route

    def loop_from(self, step_id: str) -> str:
        """``a → b → a``: the steps a learner goes round from ``step_id``."""
        seen: list[str] = []
        here: str | None = step_id
        while here is not None and here not in seen:
            seen.append(here)
            here = next((w.to for w in self.ways[here] if w.to is not None), None)
        return " → ".join([*seen, here] if here else seen)


def steps_to_finish(scenario: Scenario) -> dict[str, int]:
    """For each step, how many steps the quickest way on still takes to an ending
    (0 for an ending). The player shows 「手順 3 / 8」 from it."""
    return dict(_Graph(scenario).to_finish)


def check_flow(scenario: Scenario, graph: _Graph | None = None) -> list[Problem]:
    graph = graph or _Graph(scenario)
    problems: list[Problem] = []

    def where(step: Step) -> Where:
        return step.where or Where(scenario.path, 1, 1)

    for step in scenario.steps:
        if step.id not in graph.reachable:
            problems.append(Problem(where(step), "unreachable-step", {"id": step.id}))
            continue
        if step.is_finish:
            continue
        stuck = [w for w in graph.ways[step.id] if w.to is None]
        if stuck:
            problems.append(Problem(where(step), "dead-end", {"id": step.id}))
            continue
        if step.id not in graph.to_finish:
            problems.append(Problem(where(step), "no-way-to-finish",
                                    {"id": step.id, "loop": graph.loop_from(step.id)}))
            continue
        for choice in step.choices:
            if choice.next not in graph.to_finish:
                problems.append(Problem(choice.where or where(step), "choice-leads-nowhere",
                                        {"id": choice.next, "loop": graph.loop_from(choice.next)}))
    return problems


# -- each step's screen ---------------------------------------------------

def _kinds_answering(action: str) -> list[str]:
    return [k.name for k in element_kinds.KINDS.values() if action in k.actions]


def check_targets(step: Step, path: str) -> list[Problem]:
    """Targets of expect, mistakes, choices and hints exist and answer to the action."""
    ids = step.screen.ids()
    problems: list[Problem] = []

    def at(expect: Expectation | None) -> Where:
        return (expect.where if expect and expect.where else None) or step.where or Where(path, 1, 1)

    def target(expect: Expectation | None, name: str | None, action: str | None) -> None:
        if not name:
            return
        element = ids.get(name)
        if element is None:
            problems.append(Problem(at(expect), "target-not-on-screen", {
                "target": name, "suggest": suggest(name, ids), "step": step.id}))
            return
        if action is None:
            return
        kind = element_kinds.KINDS[element.type]
        if action not in kind.actions:
            problems.append(Problem(at(expect), "action-not-supported", {
                "target": name, "type": element.type, "kind": action,
                "allowed": ", ".join(kind.actions) or "—"}))

    def needs(expect: Expectation, action: str) -> list[Element]:
        found = [e for e in step.screen.elements if action in element_kinds.KINDS[e.type].actions]
        if not found:
            problems.append(Problem(at(expect), "no-element-for-action", {
                "kind": action, "types": ", ".join(_kinds_answering(action))}))
        return found

    expectations: list[Expectation] = [*step.expect]
    for mistake in step.mistakes:
        expectations.extend(mistake.when)
    for choice in step.choices:
        expectations.extend(choice.when)
    for expect in expectations:
        part = device_kinds.part(step.device, expect.target) if (
            expect.target not in ids and expect.kind in device_kinds.PART_ACTIONS) else None
        if part is not None or expect.kind in device_kinds.BODY_ACTIONS:
            if part is not None:  # the loader has checked the part's name and actions
                problems.extend(_check_part(step, expect, part, at(expect)))
        elif expect.kind in ELEMENT_ACTIONS:
            target(expect, expect.target, expect.kind)
        elif expect.kind is ActionKind.SCAN:
            cameras = needs(expect, "scan")
            codes = [str((e.props.get("target") or {}).get("data", "")) for e in cameras]
            if cameras and fold(expect.target or "") not in {fold(c) for c in codes}:
                problems.append(Problem(at(expect), "scan-not-on-screen", {
                    "target": expect.target, "codes": ", ".join(codes)}))
        elif expect.kind is ActionKind.SAY:
            needs(expect, "say")
        for name in expect.fields:
            target(expect, name, "enter")
        if expect.on is not None:
            target(expect, expect.on, "swipe")
    for hint in step.hints:
        if hint.target and hint.target not in ids and device_kinds.part(step.device, hint.target) is None:
            problems.append(Problem(hint.where or at(None), "target-not-on-screen", {
                "target": hint.target, "suggest": suggest(hint.target, ids), "step": step.id}))
    return problems


def _check_part(step: Step, expect: Expectation, part: device_kinds.Part, where: Where) -> list[Problem]:
    """A body action the learner can really do on this step: something in the
    hand to put in, something in the part to take, the part in view."""
    body = step.body
    found: list[Problem] = []
    if expect.kind in (ActionKind.INSERT, ActionKind.PLACE):
        held = body.get("hand", ())
        if not held:
            found.append(Problem(where, "empty-hand", {
                "step": step.id, "kind": expect.kind, "target": part.name,
                "accepts": ", ".join(part.accepts[:1]) or "…"}))
    elif expect.kind is ActionKind.TAKE and not body.get(part.name):
        found.append(Problem(where, "nothing-to-take", {"step": step.id, "target": part.name}))
    hidden = {
        ("phone", "phone-back"): (body.get("side") != "back", "body: {side: back}"),
        ("phone", "back"): (body.get("side") == "back", "side: back"),
        ("phone", "home"): (body.get("side") == "back", "side: back"),
        ("card-reader", "camera"): (expect.kind is ActionKind.LOOK and body.get("camera") != "frame", "camera: frame"),
        ("phone", "camera"): (expect.kind is ActionKind.LOOK and body.get("camera") != "frame", "camera: frame"),
        ("browser", "window-close"): (bool(body.get("fullscreen")), "fullscreen: true"),
    }.get((step.device, part.name))
    if hidden and hidden[0]:
        found.append(Problem(where, "part-hidden", {"step": step.id, "target": part.name, "why": hidden[1]}))
    return found


# -- texts ----------------------------------------------------------------

def texts_of(scenario: Scenario) -> Iterator[tuple[Text, int | None, Where]]:
    """Every text a learner sees, with its length limit (None: no limit) and place."""
    top = Where(scenario.path, 1, 1)

    def place(text: Text, fallback: Where | None) -> Where:
        return text.where or fallback or top

    yield scenario.title, TITLE_LIMIT, place(scenario.title, top)
    yield scenario.summary, None, place(scenario.summary, top)
    for goal in scenario.goals:
        yield goal, LIST_LIMIT, place(goal, top)
    if scenario.task is not None:
        yield scenario.task, None, place(scenario.task, top)
    for step in scenario.steps:
        here = step.where
        for text in (step.say, step.easy, step.praise, step.goal):
            if text is not None and text.values.get("ja", "x"):
                yield text, INSTRUCTION_LIMIT, place(text, here)
        for hint in step.hints:
            if hint.text is not None:
                yield hint.text, INSTRUCTION_LIMIT, place(hint.text, hint.where or here)
        for mistake in step.mistakes:
            yield mistake.say, INSTRUCTION_LIMIT, place(mistake.say, mistake.where or here)
        for choice in step.choices:
            if choice.say is not None:
                yield choice.say, INSTRUCTION_LIMIT, place(choice.say, choice.where or here)
        for text in step.learned:
            yield text, LIST_LIMIT, place(text, here)
        if step.screen.title is not None:
            yield step.screen.title, SCREEN_TITLE_LIMIT, place(step.screen.title, here)
        for element in step.screen.elements:
            yield from _element_texts(element, element.props, element.where or here)


def _element_texts(element: Element, props: Mapping[str, Any], here: Where | None, within: str = "") -> Iterator[
        tuple[Text, int | None, Where]]:
    for key, value in props.items():
        limit = ELEMENT_LIMITS.get((element.type, f"{within}.{key}")) if within else None
        if limit is None:
            limit = ELEMENT_LIMITS.get((element.type, key))
        if limit is None and key == "label":
            limit = LABEL_LIMIT
        if isinstance(value, Text):
            yield value, limit, value.where or here or Where("", 1, 1)
        elif isinstance(value, tuple):
            for item in value:
                if isinstance(item, Text):
                    yield item, limit, item.where or here or Where("", 1, 1)
                elif isinstance(item, Mapping):
                    yield from _element_texts(element, item, here, key)
        elif isinstance(value, Mapping):
            yield from _element_texts(element, value, here, key)


def check_texts(scenario: Scenario, unsure: Callable[[str], list[tuple[str, str]]] | None) -> list[Problem]:
    problems: list[Problem] = []
    warned: set[str] = set()
    for text, limit, where in texts_of(scenario):
        for lang, value in text.values.items():
            shown = plain(value)
            if limit is not None:
                length = display_width(shown)
                if length > limit:
                    problems.append(Problem(where, "text-too-long", {"length": length, "limit": limit},
                                            severity=Severity.WARNING))
            if unsure is not None and lang == "ja":
                for word, kana in unsure(value):
                    if word not in warned:
                        warned.add(word)
                        problems.append(Problem(where, "reading-unsure", {"word": word, "kana": kana},
                                                severity=Severity.WARNING))
    return problems


# -- playing --------------------------------------------------------------

def example_value(match: ValueMatch | None) -> str | None:
    """A value that ``match`` accepts (None when none could be made)."""
    if match is None:
        return "1"
    if match.mode in (MatchMode.EXACT, MatchMode.ONE_OF):
        return match.values[0] if match.values else None
    if match.mode is MatchMode.ANY:
        return "1"
    if match.mode is MatchMode.EMPTY:
        return ""
    value = _example_for_pattern(match.values[0]) if match.values else None
    return value if value is not None and value_matches(match, value) else None


def _example_for_pattern(pattern: str) -> str | None:
    """The shortest string a simple regular expression matches, or None."""
    try:
        _parser: Any = importlib.import_module("re._parser")  # the standard library's own regex parser

        parsed = _parser.parse(pattern)
    except Exception:  # an odd pattern: skip it, the caller warns
        log.debug("no example for an odd pattern", exc_info=True)
        return None
    c = _parser

    def one_of(items: Any) -> str | None:
        negate = any(op is c.NEGATE for op, _ in items)
        chosen: str | None = None
        for op, arg in items:
            if op is c.LITERAL:
                chosen = chr(arg)
            elif op is c.RANGE:
                chosen = chr(arg[0])
            elif op is c.CATEGORY:
                chosen = {c.CATEGORY_DIGIT: "0", c.CATEGORY_WORD: "a", c.CATEGORY_SPACE: " ",
                          c.CATEGORY_NOT_DIGIT: "a", c.CATEGORY_NOT_WORD: " ", c.CATEGORY_NOT_SPACE: "a"}.get(arg)
            if chosen is not None and not negate:
                return chosen
        return "a" if negate else chosen

    def build(items: Any) -> str | None:
        out = []
        for op, arg in items:
            if op is c.LITERAL:
                piece: str | None = chr(arg)
            elif op is c.NOT_LITERAL:
                piece = "a" if arg != ord("a") else "b"
            elif op is c.ANY:
                piece = "a"
            elif op is c.IN:
                piece = one_of(arg)
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
                low, _high, sub = arg
                inner = build(sub)
                piece = None if inner is None else inner * low
            elif op is c.SUBPATTERN:
                piece = build(arg[-1])
            elif op is c.BRANCH:
                piece = build(arg[1][0])
            elif op in (c.AT, c.ASSERT, c.ASSERT_NOT):
                piece = ""
            else:
                return None
            if piece is None:
                return None
            out.append(piece)
        return "".join(out)

    return build(parsed)


def synthesise(expect: Expectation) -> Action | None:
    """The action a learner who does exactly this would make (None: no value could be made)."""
    fields: dict[str, str] = {}
    for name, match in expect.fields.items():
        value = example_value(match)
        if value is None:
            return None
        fields[name] = value
    kind = expect.kind
    frozen = MappingProxyType(fields)
    if kind is ActionKind.CONTINUE:
        return Action(kind)
    if kind is ActionKind.ENTER:
        value = example_value(expect.value)
        return None if value is None else Action(kind, expect.target, value, frozen)
    if kind is ActionKind.TOGGLE:
        state = expect.value.values[0] if expect.value and expect.value.values else "on"
        return Action(kind, expect.target, state, frozen)
    if kind is ActionKind.SCAN:
        return Action(kind, None, expect.target, frozen)
    if kind is ActionKind.SAY:
        return Action(kind, None, expect.phrases[0] if expect.phrases else "", frozen)
    if kind is ActionKind.SWIPE:
        return Action(kind, expect.on, expect.target, frozen)
    if kind in (ActionKind.INSERT, ActionKind.PLACE) and expect.value is not None and expect.value.values:
        return Action(kind, expect.target, expect.value.values[0], frozen)  # a thing the part takes in
    return Action(kind, expect.target, None, frozen)


def _fresh_run(scenario: Scenario, step_id: str) -> Run:
    return Run.resume(scenario, {"scenario_id": scenario.id, "scenario_version": scenario.version,
                                 "step_id": step_id, "hint_level": 0, "path": []}, clock=lambda: 0.0)


def check_shadowing(scenario: Scenario, step: Step) -> list[Problem]:
    """Choices an earlier choice always takes first; mistakes the right action hides."""
    problems: list[Problem] = []
    for index, choice in enumerate(step.choices):
        for expect in choice.when:
            action = synthesise(expect)
            if action is None:
                continue
            for earlier in step.choices[:index]:
                if any(action_matches(e, action) for e in earlier.when):
                    problems.append(Problem(choice.where or step.where or Where(scenario.path, 1, 1),
                                            "choice-never-taken", {"action": describe(expect),
                                                                   "id": earlier.next}))
                    break
    for mistake in step.mistakes:
        for expect in mistake.when:
            action = synthesise(expect)
            if action is not None and any(action_matches(e, action) for e in step.expect):
                problems.append(Problem(expect.where or mistake.where or Where(scenario.path, 1, 1),
                                        "mistake-never-shown", {"action": describe(expect)}, severity=Severity.WARNING))
    return problems


def play(scenario: Scenario, graph: _Graph | None = None) -> tuple[list[tuple[str, ...]], list[Problem]]:
    """Judge every transition with the real runner, then play whole paths from
    the start to each finish. Returns the paths played and the problems."""
    graph = graph or _Graph(scenario)
    problems: list[Problem] = []
    broken: set[tuple[str, int]] = set()
    untestable: set[tuple[str, int]] = set()

    def at(way: Way) -> Where:
        return way.expect.where or way.step.where or Where(scenario.path, 1, 1)

    # 1. every way on from every reachable step, one at a time
    for step_id in graph.reachable:
        for number, way in enumerate(graph.ways[step_id]):
            if way.to is None:
                continue
            action = synthesise(way.expect)
            if action is None:
                untestable.add((step_id, number))
                problems.append(Problem(at(way), "pattern-untested", {"action": describe(way.expect)},
                                        severity=Severity.WARNING))
                continue
            try:
                run = _fresh_run(scenario, step_id)
                feedback = run.judge(action)
            except Exception as error:  # report, never a traceback at an author
                broken.add((step_id, number))
                problems.append(Problem(at(way), "path-fails", {"path": step_id, "detail": repr(error)}))
                continue
            if feedback.judgement is not Judgement.CORRECT:
                broken.add((step_id, number))
                problems.append(Problem(at(way), "path-not-accepted", {
                    "step": step_id, "action": describe(way.expect)}))
            elif run.current.id != way.to:
                broken.add((step_id, number))
                problems.append(Problem(at(way), "path-goes-elsewhere", {
                    "step": step_id, "action": describe(way.expect), "got": run.current.id, "want": way.to}))

    # 2. whole paths from the start: the right learner, each branch, each finish
    routes: list[list[Way]] = []
    first = scenario.steps[0].id
    if first in graph.to_finish:
        routes.append(_first_ways(graph, first))
    for step_id in graph.reachable:
        for way in graph.ways[step_id]:
            if way.choice is not None and way.to in graph.to_finish:
                routes.append([*graph.route_to(step_id), way, *graph.route_to_finish(way.to or "")])
    for finish in scenario.finishes:
        if finish.id in graph.reachable:
            routes.append(graph.route_to(finish.id))
    played: list[tuple[str, ...]] = []
    for route in routes:
        ids = (first, *(w.to or "" for w in route))
        if ids in played or not route and not scenario.steps[0].is_finish:
            continue
        if any((w.step.id, graph.ways[w.step.id].index(w)) in broken | untestable for w in route):
            continue  # already reported above, once
        problem = _play_route(scenario, route)
        if problem is not None:
            problems.append(problem)
        else:
            played.append(ids)
    return played, problems


def _first_ways(graph: _Graph, start: str) -> list[Way]:
    """The learner who does everything right: the first way the author wrote on
    each step (the first choice on a branch); where that would go round in a
    circle, the shortest way to a finish instead."""
    route: list[Way] = []
    here, seen = start, set()
    while not graph.scenario.step(here).is_finish:
        if here in seen:
            return [*route[: _index_of(route, here)], *graph.route_to_finish(here)] if route else []
        seen.add(here)
        way = next((w for w in graph.ways[here] if w.to in graph.to_finish), None)
        if way is None or way.to is None:
            break
        route.append(way)
        here = way.to
    return route


def _index_of(route: list[Way], step_id: str) -> int:
    return next(i for i, w in enumerate(route) if w.step.id == step_id)


def _play_route(scenario: Scenario, route: list[Way]) -> Problem | None:
    run = Run(scenario, clock=lambda: 0.0)
    run.start()
    path = [run.current.id]
    for way in route:
        action = synthesise(way.expect)
        where = way.expect.where or way.step.where or Where(scenario.path, 1, 1)
        if action is None or run.current.id != way.step.id:
            return Problem(where, "path-fails", {"path": " → ".join(path), "detail": describe(way.expect)})
        try:
            feedback = run.judge(action)
        except Exception as error:
            return Problem(where, "path-fails", {"path": " → ".join(path), "detail": repr(error)})
        if feedback.judgement is not Judgement.CORRECT:
            return Problem(where, "path-not-accepted", {"step": way.step.id, "action": describe(way.expect)})
        path.append(run.current.id)
    if not run.finished:
        last = run.current
        return Problem(last.where or Where(scenario.path, 1, 1), "path-fails",
                       {"path": " → ".join(path), "detail": "no finish"})
    return None


# -- on your own ----------------------------------------------------------

def check_modes(scenario: Scenario) -> list[Problem]:
    """Warnings for on-your-own mode: no ``task:``; a ``goal:`` that names what to press."""
    from trainer.scenarios.modes import named_label, target_labels

    problems: list[Problem] = []
    if scenario.task is None:
        problems.append(Problem(scenario.title.where or Where(scenario.path, 1, 1), "no-task", {},
                                severity=Severity.WARNING))
    for step in scenario.steps:
        if step.goal is None:
            continue
        labels = target_labels(step)
        for value in step.goal.values.values():
            found = named_label(value, labels)
            if found is not None:
                problems.append(Problem(step.goal.where or step.where or Where(scenario.path, 1, 1),
                                        "goal-names-target", {"label": found}, severity=Severity.WARNING))
                break
    problems.extend(check_shown_mistakes(scenario))
    return problems


def check_shown_mistakes(scenario: Scenario) -> list[Problem]:
    """Warnings for watch mode's 「よくある間違い」: a ``show: true`` mistake on a step watch mode never
    plays (it is never demonstrated), or one whose action points at nothing on the screen."""
    from trainer.scenarios.devices import part
    from trainer.scenarios.watch import mistake_action, route

    played = {demo.step_id for demo in route(scenario)} if scenario.steps else set()
    problems: list[Problem] = []
    for step in scenario.steps:
        for mistake in step.mistakes:
            if not mistake.show:
                continue
            where = mistake.where or step.where or Where(scenario.path, 1, 1)
            if step.id not in played:
                problems.append(Problem(where, "shown-mistake-not-watched", {"step": step.id}, severity=Severity.WARNING))
                continue
            action = mistake_action(mistake)
            if action.kind in ("tap", "long-press", "choose", "toggle", "press", "take", "insert") and (
                    action.target not in step.screen.ids() and part(step.device, action.target or "") is None):
                problems.append(Problem(where, "shown-mistake-nothing-to-point",
                                        {"action": describe(action)}, severity=Severity.WARNING))
    return problems


# -- all together ---------------------------------------------------------

def check_scenario(scenario: Scenario, unsure: Callable[[str], list[tuple[str, str]]] | None = None) -> Report:
    """Every check on one loaded scenario; problems sorted by place."""
    graph = _Graph(scenario)
    report = Report(scenario)
    flow = check_flow(scenario, graph)
    report.problems.extend(flow)
    for step in scenario.steps:
        report.problems.extend(check_targets(step, scenario.path))
        report.problems.extend(check_shadowing(scenario, step))
    report.problems.extend(check_texts(scenario, unsure))
    report.problems.extend(check_modes(scenario))
    paths, problems = play(scenario, graph)
    report.paths = paths
    report.problems.extend(problems)
    report.problems.sort(key=lambda p: (p.where.line, p.where.column))
    return report
