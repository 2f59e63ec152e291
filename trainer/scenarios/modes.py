"""Ways to play a scenario, and what on-your-own mode says (no Qt, no I/O).

``watch`` (「見てみる」) is the app playing the scenario itself, one step per 「次へ」
(what it does at each step: ``trainer.scenarios.watch``). ``try`` is guided play: every step's ``say:`` names what to press. ``alone``
(「ひとりで」) gives the whole ``task:`` first and, per step, only its
``goal:`` — or, when the author wrote none, a general sentence for the kind
of action that never names a button. ``Tally`` listens to a run and sums it
up for the finish page: alone or with N hints, the hardest step, and what to
do next.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from types import MappingProxyType

from trainer.reading.ruby import plain
from trainer.scenarios.actions import ActionKind
from trainer.scenarios.events import ActionJudged, HintGiven, Judgement, RunEvent, StepShown
from trainer.scenarios.matching import fold
from trainer.scenarios.model import Scenario, Step, Text
from trainer.scenarios.runner import label_of
from trainer.words.catalogue import both

WATCH = "watch"
TRY = "try"
ALONE = "alone"
MODES = (WATCH, TRY, ALONE)
"""The ways a scenario can be played (stored with each attempt), in the order a learner meets them:
「見てみる」 (the app plays it, ``trainer.scenarios.watch``), 「やってみる」, 「ひとりで」."""


def _text(key: str) -> Text:
    return Text(MappingProxyType(both(key)))


DEFAULT_TASK = _text("alone.default_task")
"""The task when the scenario has no ``task:`` (``trainer check`` warns about that)."""

_GOAL_KINDS = ("tap", "long-press", "enter", "choose", "toggle", "place", "scan", "say", "swipe", "continue",
               "choices")
GENERIC_GOALS = MappingProxyType({kind: _text(f"alone.default_goal.{kind}") for kind in _GOAL_KINDS})
"""The default goal per kind of action: never a button's name."""


def default_goal(step: Step) -> Text:
    """A general goal for ``step`` by the kind of its first action (a branch: decide)."""
    if step.choices:
        return GENERIC_GOALS["choices"]
    if step.expect:
        return GENERIC_GOALS.get(step.expect[0].kind, GENERIC_GOALS["tap"])
    return GENERIC_GOALS["continue"]


def goal_of(step: Step) -> Text:
    """What on-your-own mode shows for ``step``: its ``goal:``, else the general goal."""
    return step.goal if step.goal is not None else default_goal(step)


def task_of(scenario: Scenario) -> Text:
    return scenario.task if scenario.task is not None else DEFAULT_TASK


def target_labels(step: Step) -> set[str]:
    """The visible labels (every language, reading notation removed) of what ``step`` asks
    the learner to act on: its expected targets and its choices' targets."""
    labels: set[str] = set()
    expects = [*step.expect, *(e for c in step.choices for e in c.when)]
    for expect in expects:
        if expect.kind is ActionKind.SAY:
            labels.update(p for p in expect.phrases if p)
        if expect.kind is ActionKind.ENTER:
            targets = [*expect.fields]
        else:
            targets = [expect.target] if expect.target else []
        for target in targets:
            label = label_of(step, target)
            if label is not None:
                labels.update(plain(v).strip() for v in label.values.values() if plain(v).strip())
    return labels


def named_label(text: str, labels: set[str]) -> str | None:
    """The first of ``labels`` that ``text`` names (width and case folded), if any. One-character
    labels (「1」, 「×」) are too short to tell a name from an ordinary word and are skipped."""
    shown = fold(plain(text))
    for label in sorted(labels, key=len, reverse=True):
        if len(label) >= 2 and fold(label) in shown:
            return label
    return None


@dataclass
class StepTally:
    step_id: str
    mistakes: int = 0
    hints: int = 0

    @property
    def trouble(self) -> int:
        return self.mistakes + self.hints


@dataclass
class Summary:
    """How an on-your-own attempt went, in numbers the finish page puts in words."""

    hints: int
    mistakes: int
    hardest: str | None
    """The step with the most slips and hints (the first of equals); None when nothing was hard."""

    @property
    def alone(self) -> bool:
        return self.hints == 0

    @property
    def suggestion(self) -> str:
        """``alone``: do it on your own again; ``try``: practise guided first."""
        return ALONE if self.hints == 0 else TRY


@dataclass
class Tally:
    """A run listener that counts slips and hints per step (ids only)."""

    steps: dict[str, StepTally] = field(default_factory=dict)

    def __call__(self, event: RunEvent) -> None:
        if isinstance(event, StepShown):
            self.steps.setdefault(event.step_id, StepTally(event.step_id))
        elif isinstance(event, ActionJudged) and event.result is not Judgement.CORRECT:
            self.steps.setdefault(event.step_id, StepTally(event.step_id)).mistakes += 1
        elif isinstance(event, HintGiven):
            self.steps.setdefault(event.step_id, StepTally(event.step_id)).hints += 1

    def summary(self) -> Summary:
        hardest = max(self.steps.values(), key=lambda s: s.trouble, default=None)
        return Summary(hints=sum(s.hints for s in self.steps.values()),
                       mistakes=sum(s.mistakes for s in self.steps.values()),
                       hardest=hardest.step_id if hardest is not None and hardest.trouble > 0 else None)


def instruction(scenario: Scenario, step: Step) -> Text:
    """What on-your-own mode shows and reads for ``step``: its ``goal:``; on a step that only
    explains, its text (what happens) unless that names what to press next; else the general goal."""
    if step.goal is not None:
        return step.goal
    if step.only_explains:
        after = scenario.step_after(step)
        labels = target_labels(after) if after is not None else set()
        if not any(named_label(value, labels) for value in step.say.values.values()):
            return step.say
    return default_goal(step)


def lead(text: Text | None, step: Step) -> Text | None:
    """The praise or the choice's words shown above ``step`` (the one just reached) in
    on-your-own mode: kept unless they name what to press on ``step``, then None."""
    if text is None:
        return None
    labels = target_labels(step)
    return None if any(named_label(value, labels) for value in text.values.values()) else text


def suggest(finished: Iterable[tuple[str, int]], fixed: str | None = None) -> str:
    """The way to offer first, from a learner's finished attempts of one scenario as
    ``(mode, hints given)``: ``fixed`` when an instructor fixed this learner's way; else
    watch the first time (nothing finished yet), on your own once a guided run was finished
    without a hint (or an on-your-own run was finished at all), else guided."""
    if fixed in MODES:
        return fixed
    finished = list(finished)
    if not finished:
        return WATCH
    for mode, hints in finished:
        if mode == ALONE or (mode == TRY and hints == 0):
            return ALONE
    return TRY
