"""「見てみる」 (watch): what the app does itself at each step (no Qt, no I/O).

Watch mode plays a scenario for the learner. For every step this module
names the one right action to show (:func:`demo_for`): the first
expectation of the step (or, at a branch, of the choice that leads to the
best end — ``success`` or ``safe`` before ``risky`` — by the shortest way),
with the values to type filled in from what the scenario expects
(:func:`example`: an ``exact`` value, the first of ``one-of``, a value a
``pattern`` accepts). The mistakes an author marked ``show: true`` come
with it: watch mode shows each, with its gentle explanation, before the
right action. The player performs the action through the real widgets, so
the runner judges it exactly as it judges a learner.
"""

from __future__ import annotations

import re
import re._parser as sre_parse  # type: ignore[import-not-found]  # Python 3.11+: no stubs for it
from collections import deque
from dataclasses import dataclass
from typing import Any

from trainer.scenarios.actions import ActionKind
from trainer.scenarios.model import Expectation, MatchMode, Mistake, Scenario, Step, ValueMatch

CONTINUE = Expectation(ActionKind.CONTINUE, None)
"""The action of a step that only explains: the player's 「次へ」."""

_RANK = {None: 0, "success": 0, "safe": 0, "risky": 1}
"""How good an end (or a choice's outcome) is: a safe end is as good as a success."""


@dataclass(frozen=True)
class Move:
    """One way on from ``step``: do ``expect`` and reach ``next_id`` (``outcome``: a choice's)."""

    step: Step
    expect: Expectation
    next_id: str
    outcome: str | None = None


@dataclass(frozen=True)
class Demo:
    """What watch mode shows on one step.

    ``expect`` is the action to perform; ``fields`` are the inputs to fill first, in order,
    as (input id, value); ``value`` is what to type for ``enter``, the phrase for ``say``,
    the toggle's state, or what the hand pushes into a part; ``mistakes`` are the
    ``show: true`` mistakes to demonstrate first; ``next_id`` is where the action leads.
    """

    step_id: str
    expect: Expectation
    next_id: str | None
    fields: tuple[tuple[str, str], ...] = ()
    value: str | None = None
    mistakes: tuple[Mistake, ...] = ()

    @property
    def kind(self) -> str:
        return self.expect.kind

    @property
    def target(self) -> str | None:
        return self.expect.target


def moves_from(scenario: Scenario, step: Step) -> list[Move]:
    """Every way on from ``step``, in the author's order: 「次へ」, the choices, the expected action."""
    if step.is_finish:
        return []
    moves: list[Move] = []
    if step.only_explains:
        after = scenario.step_after(step)
        if after is not None:
            moves.append(Move(step, CONTINUE, after.id))
    for choice in step.choices:
        if choice.when and scenario.has_step(choice.next):
            moves.append(Move(step, choice.when[0], choice.next, choice.outcome))
    if step.expect:
        after = scenario.step_after(step)
        if after is not None:
            moves.append(Move(step, step.expect[0], after.id))
    return moves


def _distances(scenario: Scenario, worst: int) -> dict[str, int]:
    """Steps from each step to the nearest end no worse than ``worst``, by moves no worse."""
    into: dict[str, list[str]] = {}
    for step in scenario.steps:
        for move in moves_from(scenario, step):
            if _RANK.get(move.outcome, 0) <= worst:
                into.setdefault(move.next_id, []).append(step.id)
    found = {s.id: 0 for s in scenario.finishes if _RANK.get(s.finish, 0) <= worst}
    queue = deque(found)
    while queue:
        here = queue.popleft()
        for before in into.get(here, ()):
            if before not in found:
                found[before] = found[here] + 1
                queue.append(before)
    return found


def _all_distances(scenario: Scenario) -> dict[int, dict[str, int]]:
    return {worst: _distances(scenario, worst) for worst in sorted(set(_RANK.values()))}


def best_move(scenario: Scenario, step: Step, distances: dict[int, dict[str, int]] | None = None) -> Move | None:
    """The move watch mode makes on ``step``: towards the best end it can reach, by the shortest
    way (the author's first of equals); None on a finish or a step that leads nowhere."""
    moves = moves_from(scenario, step)
    for worst, distance in (distances or _all_distances(scenario)).items():
        if step.id not in distance:
            continue
        for move in moves:
            if _RANK.get(move.outcome, 0) <= worst and distance.get(move.next_id) == distance[step.id] - 1:
                return move
    return moves[0] if moves else None


def shown_mistakes(step: Step) -> tuple[Mistake, ...]:
    """The mistakes on ``step`` its author marked to demonstrate (``show: true``)."""
    return tuple(m for m in step.mistakes if m.show)


def demo_for(scenario: Scenario, step: Step, distances: dict[int, dict[str, int]] | None = None) -> Demo | None:
    """What watch mode shows and does on ``step`` (None on a finish)."""
    move = best_move(scenario, step, distances)
    if move is None:
        return None
    expect = move.expect
    fields = tuple((name, example(match)) for name, match in expect.fields.items())
    value: str | None = None
    if expect.kind == ActionKind.ENTER:
        value = example(expect.value)
    elif expect.kind == ActionKind.SAY:
        value = expect.phrases[0] if expect.phrases else ""
    elif expect.kind == ActionKind.TOGGLE:
        value = expect.value.values[0] if expect.value is not None and expect.value.values else "on"
    elif expect.kind in (ActionKind.INSERT, ActionKind.PLACE) and expect.value is not None and expect.value.values:
        value = expect.value.values[0]
    return Demo(step.id, expect, move.next_id, fields, value, shown_mistakes(step))


def route(scenario: Scenario) -> list[Demo]:
    """The steps watch mode plays from the first to an end, with what it does at each."""
    demos: list[Demo] = []
    seen: set[str] = set()
    distances = _all_distances(scenario)  # once: the walk stays linear in steps
    step: Step | None = scenario.steps[0] if scenario.steps else None
    while step is not None and step.id not in seen and not step.is_finish:
        seen.add(step.id)
        demo = demo_for(scenario, step, distances)
        if demo is None or demo.next_id is None:
            break
        demos.append(demo)
        step = scenario.step(demo.next_id)
    return demos


def mistake_action(mistake: Mistake) -> Expectation:
    """The wrong action a demonstration of ``mistake`` points at: its first with a target."""
    return next((e for e in mistake.when if e.target), mistake.when[0])


# -- a value to type that the step accepts ----------------------------------------------------
def example(match: ValueMatch | None) -> str:
    """A value a learner could type that ``match`` accepts (the expected value itself when
    the author wrote one)."""
    if match is None:
        return "1"
    if match.mode in (MatchMode.EXACT, MatchMode.ONE_OF):
        return match.values[0]
    if match.mode == MatchMode.ANY:
        return "1"
    if match.mode == MatchMode.EMPTY:
        return ""
    value = _from_regex(sre_parse.parse(match.values[0]))
    if re.fullmatch(match.values[0], value) is None:
        raise ValueError(f"cannot make an example for /{match.values[0]}/")
    return value


def _char_for(items: Any) -> str:
    negate = any(op == sre_parse.NEGATE for op, _ in items)
    allowed: list[str] = []
    for op, arg in items:
        if op == sre_parse.LITERAL:
            allowed.append(chr(arg))
        elif op == sre_parse.RANGE:
            allowed.append(chr(arg[0]))
        elif op == sre_parse.CATEGORY:
            allowed.append({sre_parse.CATEGORY_DIGIT: "1", sre_parse.CATEGORY_SPACE: " "}.get(arg, "a"))
    if negate:
        for candidate in "a1あA":
            if candidate not in allowed:
                return candidate
    return allowed[0] if allowed else "a"


def _from_regex(parsed: Any) -> str:
    out = []
    for op, arg in parsed:
        if op == sre_parse.LITERAL:
            out.append(chr(arg))
        elif op == sre_parse.NOT_LITERAL:
            out.append("a" if chr(arg) != "a" else "b")
        elif op == sre_parse.ANY:
            out.append("a")
        elif op == sre_parse.IN:
            out.append(_char_for(arg))
        elif op in (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT):
            low, _high, item = arg
            out.append(_from_regex(item) * max(low, 1))
        elif op == sre_parse.SUBPATTERN:
            out.append(_from_regex(arg[-1]))
        elif op == sre_parse.BRANCH:
            out.append(_from_regex(arg[1][0]))
        elif op == sre_parse.CATEGORY:
            out.append({sre_parse.CATEGORY_DIGIT: "1", sre_parse.CATEGORY_SPACE: " "}.get(arg, "a"))
    return "".join(out)
