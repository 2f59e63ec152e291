"""What a learner did, as a plain value the runner can judge.

Widgets turn clicks, typing, scanning and speaking into an :class:`Action`;
the runner alone decides whether it was right. ``fields`` carries the values
of the inputs on screen at the moment of the action so the runner can check
``expect: {tap: next, with: {amount: "580"}}``. Those values are used for
judging only: no event the runner emits contains them, so nothing a learner
types can reach the progress record or the logs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType


class ActionKind(StrEnum):
    """Every kind of thing a learner can do on a mock screen."""

    TAP = "tap"
    LONG_PRESS = "long-press"
    SWIPE = "swipe"
    ENTER = "enter"
    CHOOSE = "choose"
    TOGGLE = "toggle"
    SCAN = "scan"
    PLACE = "place"
    SAY = "say"
    INSERT = "insert"  # put what the hand holds into a slot of the device's body
    TAKE = "take"  # take what a part of the body holds (the printed paper, the card)
    PRESS = "press"  # press a physical key or button (Esc, the phone's home button)
    LOOK = "look"  # look into the camera: the face fits the frame
    CONTINUE = "continue"  # the player's 「次へ」 on a step that only explains


_EMPTY: Mapping[str, str] = MappingProxyType({})


@dataclass(frozen=True)
class Action:
    """One learner action.

    ``target`` is the element id acted on (a button, an app icon, a choice
    option, a card); ``value`` is the scanned code, the spoken phrase, a swipe
    direction or a toggle state ("on"/"off"); ``fields`` are the values of the
    inputs on screen, keyed by input id.
    """

    kind: ActionKind
    target: str | None = None
    value: str | None = None
    fields: Mapping[str, str] = field(default_factory=lambda: _EMPTY)

    def __repr__(self) -> str:  # never print typed values (privacy)
        shown = f", fields=<{len(self.fields)} hidden>" if self.fields else ""
        value = "<hidden>" if self.kind in (ActionKind.ENTER, ActionKind.SAY) and self.value else self.value
        return f"Action({self.kind.value}, target={self.target!r}, value={value!r}{shown})"

    @staticmethod
    def tap(target: str, **fields: str) -> Action:
        return Action(ActionKind.TAP, target, fields=MappingProxyType(dict(fields)))
