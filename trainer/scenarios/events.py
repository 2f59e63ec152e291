"""Plain event values the runner emits; the player, speech and progress listen.

Events read as sentences (``StepShown``, ``ActionJudged`` ...). They carry ids,
kinds and outcomes only — never a value a learner typed or said.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Judgement(StrEnum):
    """How the runner judged one action."""

    CORRECT = "correct"
    KNOWN_MISTAKE = "known-mistake"  # an author-described mistake with its own explanation
    OTHER_MISTAKE = "other-mistake"  # anything else: a kind default explanation


class HintKind(StrEnum):
    TEXT = "text"
    HIGHLIGHT = "highlight"
    SHOW = "show"  # the app demonstrates: points at the target


@dataclass(frozen=True)
class RunStarted:
    """A scenario run began (or resumed, when ``resumed`` is true)."""

    scenario_id: str
    scenario_version: int
    resumed: bool = False
    mode: str = "try"
    """How it is played: ``try`` (guided) or ``alone`` (on your own); see ``modes.MODES``."""


@dataclass(frozen=True)
class StepShown:
    """A step became the current one; its screen and text are on display."""

    step_id: str
    index: int  # position of the step in the file, 0-based
    is_finish: bool


@dataclass(frozen=True)
class ActionJudged:
    """The runner judged one learner action on ``step_id``.

    ``mistake_id`` names the known mistake (author's ``id`` or ``m1``, ``m2`` ...)
    when ``result`` is KNOWN_MISTAKE. ``duration_ms`` is the time from the step
    being shown to this action. ``choice_outcome`` is the author's ``outcome``
    of a branching choice that was taken (e.g. "safe" / "risky").
    """

    step_id: str
    result: Judgement
    action_kind: str
    target: str | None
    mistake_id: str | None
    duration_ms: int
    next_step_id: str | None
    choice_outcome: str | None = None


@dataclass(frozen=True)
class HintGiven:
    """A hint of ``level`` (1 = first) was given on ``step_id``."""

    step_id: str
    level: int
    kind: HintKind
    target: str | None


@dataclass(frozen=True)
class StepRestarted:
    """The learner chose 「やり直す」: the current step starts over."""

    step_id: str


@dataclass(frozen=True)
class RunFinished:
    """The run reached a finish step; ``outcome`` is that step's ``finish``."""

    step_id: str
    outcome: str


@dataclass(frozen=True)
class RunAbandoned:
    """The learner chose 「やめる」 on ``step_id``; the run can be resumed later."""

    step_id: str


RunEvent = RunStarted | StepShown | ActionJudged | HintGiven | StepRestarted | RunFinished | RunAbandoned
