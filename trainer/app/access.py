"""The player, as a screen reader, a keyboard and a switch meet it.

The player calls these at the moments that matter (the hooks are one line
each in ``player.py``):

- ``present_step``: a new step is on show. The focus moves to the step's
  instruction (text, named with what it says, described as 「説明」), so a
  screen reader reads it at once; the praise that led here is announced
  after it. Tab then goes instruction → device → control bar.
- ``present_feedback``: the runner's gentle explanation of a slip, a
  notice: announced, the focus stays where the learner is.
- ``present_hint``: a hint's text is announced; a highlight or a
  demonstration also moves the focus to the target and says its name
  (「「支払う」のところです。」), so the glowing frame is not for eyes only.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from trainer.widgets.accessibility import announce

__all__ = ["announce", "focus_step", "order_player_tabs", "present_feedback", "present_hint", "present_step"]
from trainer.widgets.focus import RING_PROPERTY, order_tabs


def regions(player) -> list[QWidget]:
    """The player's regions in reading order: instruction, device, control bar."""
    return [player.panel, player.device, player.controls]


def order_player_tabs(player) -> None:
    order_tabs(regions(player))


def focus_step(player) -> QWidget:
    """Put the focus on the step's instruction (focusable text with a ring round it)."""
    text = player.panel.step_text
    text.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    text.setProperty(RING_PROPERTY, True)
    order_player_tabs(player)
    text.setFocus(Qt.FocusReason.OtherFocusReason)
    return text


def present_step(player, lead: str = "") -> None:
    """A step is on show: focus its instruction, announce what led here."""
    text = focus_step(player)
    if lead:
        announce(text, lead)


def present_feedback(player, text: str) -> None:
    """Say the feedback / notice without taking the learner's place away."""
    announce(player.panel.feedback, text)


def present_hint(player, text: str, target: QWidget | None, kind: str) -> None:
    """Say the hint; for a highlight or a demonstration, go to the target and name it."""
    if target is not None and kind in ("highlight", "show") and target.isVisible():
        if target.focusPolicy() == Qt.FocusPolicy.NoFocus:
            target.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        name = target.accessibleName()
        if name:
            text = f"{text}　{player.look.tr('a11y.hint_target', name=name)}"
    announce(player.panel.feedback, text)
