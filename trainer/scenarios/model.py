"""The scenario model: plain frozen dataclasses, no Qt, no I/O.

Every object remembers where it came from (:class:`Where`: file, line,
column, 1-based) so that any later check can point an author at the spot.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import Any

from trainer.scenarios.actions import ActionKind
from trainer.scenarios.devices import device_names
from trainer.scenarios.events import HintKind

__all__ = [
    "CATEGORIES", "DEVICES", "FORMAT_VERSION", "OUTCOMES", "ActionKind", "Choice", "Element", "Expectation",
    "Hint", "HintKind", "MatchMode", "Mistake", "Scenario", "Screen", "Severity", "Source", "Step", "Text",
    "ValueMatch", "Where",
]

CATEGORIES = ("cashless", "shopping", "government", "speaker", "smartphone", "safety")
"""Category ids, in the order of the home screen's tiles."""

DEVICES = device_names()
"""The mock devices the player can draw (``trainer.scenarios.devices`` describes each and its parts)."""

OUTCOMES = ("success", "safe", "risky")
"""How a scenario can end. ``safe`` and ``risky`` are both learning, never failure."""

FORMAT_VERSION = 1


class MatchMode(StrEnum):
    """How a typed or chosen value is compared (:class:`ValueMatch`)."""

    EXACT = "exact"  # after trimming and width folding
    ONE_OF = "one-of"
    PATTERN = "pattern"  # a regular expression, the whole value
    ANY = "any"  # anything not empty
    EMPTY = "empty"


class Severity(StrEnum):
    """How bad an author's problem is: an ``error`` keeps the file out, a ``warning`` does not."""

    ERROR = "error"
    WARNING = "warning"


def as_member(instance: object, name: str, kind: type[StrEnum]) -> None:
    """In a frozen dataclass's ``__post_init__``: field ``name``, given as a plain word (from a
    file or a test), becomes its ``kind`` member."""
    value = getattr(instance, name)
    if type(value) is not kind:
        object.__setattr__(instance, name, kind(value))


# The kinds are str-valued enums: they equal their YAML and JSON words ("tap" == ActionKind.TAP),
# so files, stored records and messages are unchanged. An expectation's kind is the kind of action
# it expects (ActionKind); a hint's kind is the HintKind its HintGiven event carries.


@dataclass(frozen=True)
class Where:
    """A place in a scenario file (line and column are 1-based)."""

    path: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Text:
    """A text a learner sees or hears, in one or more languages.

    Written in YAML as a string (Japanese) or a map ``{ja: ..., en: ...}``.
    The text may contain inline readings such as ``｜都城《みやこのじょう》``.
    """

    values: Mapping[str, str]
    where: Where | None = field(default=None, compare=False)

    def get(self, lang: str = "ja") -> str:
        """The text in ``lang``, else Japanese, else any language given."""
        if lang in self.values:
            return self.values[lang]
        if "ja" in self.values:
            return self.values["ja"]
        return next(iter(self.values.values()), "")

    def has(self, lang: str) -> bool:
        return lang in self.values

    def __str__(self) -> str:
        return self.get("ja")


@dataclass(frozen=True)
class ValueMatch:
    """How a typed or chosen value is compared.

    ``mode`` is a :class:`MatchMode`: ``exact`` (after trimming and width
    folding), ``one-of``, ``pattern`` (a regular expression, whole value),
    ``any`` (anything not empty), ``empty``.
    """

    mode: MatchMode
    values: tuple[str, ...] = ()
    where: Where | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        as_member(self, "mode", MatchMode)


@dataclass(frozen=True)
class Expectation:
    """One action the author expects (or describes as a mistake).

    ``kind`` is the :class:`ActionKind` expected (tap, long-press, swipe, enter, choose,
    toggle, scan, place, say, insert, take, press, look, continue). ``target`` is the
    element id or the device's part (or, for scan, the code's data; for
    swipe, the direction). For ``insert`` and ``place`` on a part, ``value``
    lists the objects the part takes in (the loader fills it from the device
    registry), so a coin pushed at the card tray is a slip, not a success. ``phrases`` are the accepted
    phrasings for ``say``. ``fields`` are the input values that must hold at the
    time of the action (``with:``). ``on`` is the element a ``swipe`` must be
    made on (``on:``), None for anywhere on the screen.
    """

    kind: ActionKind
    target: str | None
    fields: Mapping[str, ValueMatch] = field(default_factory=dict)
    value: ValueMatch | None = None
    phrases: tuple[str, ...] = ()
    where: Where | None = field(default=None, compare=False)
    on: str | None = None

    def __post_init__(self) -> None:
        as_member(self, "kind", ActionKind)


@dataclass(frozen=True)
class Hint:
    """One level of help: ``text`` (always shown/read), then optionally a
    ``highlight`` of an element or a ``show`` (the app demonstrates)."""

    kind: HintKind
    text: Text | None
    target: str | None
    where: Where | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        as_member(self, "kind", HintKind)


@dataclass(frozen=True)
class Mistake:
    """A known wrong action with its own gentle explanation."""

    id: str
    when: tuple[Expectation, ...]
    say: Text
    where: Where | None = field(default=None, compare=False)
    show: bool = False
    """``show: true``: watch mode demonstrates this mistake and its fix (「よくある間違い」)."""


@dataclass(frozen=True)
class Choice:
    """A branch: when the learner does ``when``, go to ``next``."""

    when: tuple[Expectation, ...]
    next: str
    outcome: str | None
    say: Text | None
    where: Where | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Element:
    """One thing on a mock screen (button, input, QR code, message ...).

    ``props`` holds the element's own keys, already checked against the
    element kind's schema (texts are :class:`Text`, lists of maps are tuples
    of dicts).
    """

    type: str
    id: str | None
    props: Mapping[str, Any]
    where: Where | None = field(default=None, compare=False)

    def text(self, key: str) -> Text | None:
        value = self.props.get(key)
        return value if isinstance(value, Text) else None


@dataclass(frozen=True)
class Screen:
    """What the mock device shows on one step."""

    title: Text | None = None
    url: str | None = None
    elements: tuple[Element, ...] = ()
    where: Where | None = field(default=None, compare=False)
    app: str | None = None
    """The look of the app on screen (one of ``elements.APP_LOOKS``; the scenario's ``app`` when not set)."""

    def ids(self) -> dict[str, Element]:
        """Every id that can be acted on, including ids nested in lists
        (app icons, options, links in a message)."""
        from trainer.scenarios.elements import target_ids

        found: dict[str, Element] = {}
        for element in self.elements:
            for target in target_ids(element):
                found.setdefault(target, element)
        return found


@dataclass(frozen=True)
class Step:
    """One step of a scenario."""

    id: str
    index: int
    say: Text
    easy: Text | None = None
    screen: Screen = field(default_factory=Screen)
    expect: tuple[Expectation, ...] = ()
    hints: tuple[Hint, ...] = ()
    mistakes: tuple[Mistake, ...] = ()
    choices: tuple[Choice, ...] = ()
    next: str | None = None
    praise: Text | None = None
    finish: str | None = None
    learned: tuple[Text, ...] = ()
    device: str = "phone"
    """The device this step is shown on: its own ``device:``, else the step
    above's (in file order), else the scenario's."""
    body: Mapping[str, Any] = field(default_factory=dict)
    """What the device's body shows on this step (``trainer.scenarios.devices``
    lists each device's keys): objects in the hand, in a tray, a phone turned over …"""
    arrive: Text | None = None
    """Said and shown when the learner comes to this step from another device
    (default: the device's own words, e.g. 「ATMの前に来ました。」)."""
    where: Where | None = field(default=None, compare=False)
    next_where: Where | None = field(default=None, compare=False)
    goal: Text | None = None
    """What this step is for, without naming the button (on-your-own mode); ``say`` names it."""

    @property
    def is_finish(self) -> bool:
        return self.finish is not None

    @property
    def only_explains(self) -> bool:
        """A step with nothing to do but read: the player offers 「次へ」."""
        return not self.expect and not self.choices and self.finish is None


@dataclass(frozen=True)
class Source:
    """A public guide the scenario follows."""

    title: str
    url: str | None = None
    publisher: str | None = None


@dataclass(frozen=True)
class Scenario:
    """A whole practice scenario, as loaded from one YAML file."""

    id: str
    version: int
    title: Text
    summary: Text
    category: str
    level: int
    minutes: int
    device: str
    steps: tuple[Step, ...]
    goals: tuple[Text, ...] = ()
    sources: tuple[Source, ...] = ()
    readings: Mapping[str, str] = field(default_factory=dict)
    path: str = ""
    base_dir: str = ""
    format: int = FORMAT_VERSION
    task: Text | None = None
    """The whole task in plain words (「ペイで 500 円を払ってください」), for on-your-own mode."""

    @cached_property
    def _steps_by_id(self) -> dict[str, Step]:
        found: dict[str, Step] = {}
        for step in self.steps:
            found.setdefault(step.id, step)  # the first of two equal ids, as a search would find
        return found

    def step(self, step_id: str) -> Step:
        """The step with this id (a dictionary look-up: ``check`` stays linear in steps)."""
        try:
            return self._steps_by_id[step_id]
        except (KeyError, TypeError):
            raise KeyError(step_id) from None

    def has_step(self, step_id: object) -> bool:
        return isinstance(step_id, str) and step_id in self._steps_by_id

    def step_after(self, step: Step) -> Step | None:
        """The step that follows ``step`` when it does not say ``next``."""
        if step.next:
            return self.step(step.next)
        if step.index + 1 < len(self.steps):
            return self.steps[step.index + 1]
        return None

    @property
    def finishes(self) -> tuple[Step, ...]:
        return tuple(s for s in self.steps if s.is_finish)

    @property
    def languages(self) -> tuple[str, ...]:
        """Languages the title is written in (``ja`` first)."""
        langs = tuple(self.title.values)
        return tuple(sorted(langs, key=lambda lang: (lang != "ja", lang)))
