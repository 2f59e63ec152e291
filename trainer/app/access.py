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

Gestures have visible alternatives, taught where the step asks for them:
on a step that expects a long press or a swipe, the instruction pane shows
``GestureTools`` — which keys do it (Menu or Shift+F10 holds the focused
button; the arrow keys swipe the practice screen) and buttons that do it
(「長押しにする」: the next press is a long press; 「左へなぞる」…). Those
buttons are ordinary Tab stops, so a switch reaches them too. A physical
key held down as long as a long press (the fake warning's 「Esc」) holds
the on-screen key of the same name (``KeyHold``), measured between press
and release, never with a timer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget

from trainer.scenarios.actions import Action, ActionKind
from trainer.widgets.accessibility import add_action, announce, set_role
from trainer.widgets.button import LONG_PRESS_MS, BigButton, monotonic_ms
from trainer.widgets.flow import FlowLayout
from trainer.widgets.focus import RING_PROPERTY, order_tabs
from trainer.widgets.labels import Box, TextBlock

if TYPE_CHECKING:
    from trainer.widgets.screen_view import ScreenView

__all__ = ["announce", "focus_step", "order_player_tabs", "present_feedback", "present_hint", "present_step"]

DIRECTIONS = ("left", "right", "up", "down")


def regions(player) -> list[QWidget]:
    """The player's regions in reading order: instruction, device, control bar."""
    return [player.panel, player.device, player.controls]


def order_player_tabs(player) -> None:
    """Instruction (its text first, then its buttons), device (its screen first, then the parts of its
    body: the card tray, the coin slot, a phone's side buttons), control bar."""
    panel, device, controls = regions(player)
    order_tabs([player.panel.step_text, panel, getattr(player, "view", None), device, controls])


def focus_step(player) -> QWidget:
    """Put the focus on the step's instruction (focusable text with a ring round it)."""
    text = player.panel.step_text
    text.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    text.setProperty(RING_PROPERTY, True)
    order_player_tabs(player)
    text.setFocus(Qt.FocusReason.OtherFocusReason)
    return text


def present_step(player, lead: str = "") -> None:
    """A step is on show: gesture alternatives if it needs them, focus on its instruction,
    what led here announced."""
    show_gesture_tools(player)
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


# -- gestures ---------------------------------------------------------------------------------------
def gestures_of(step) -> set[str]:
    """The gestures (long-press, swipe) the step expects or branches on."""
    found = {e.kind for e in step.expect}
    for choice in step.choices:
        found.update(e.kind for e in choice.when)
    return found & {ActionKind.LONG_PRESS, ActionKind.SWIPE}


def has_pages(view) -> bool:
    return any(getattr(w, "element", None) is not None and w.element.type == "pages" for w in view.elements)


class GestureTools(Box):
    """How to hold and swipe without a finger: the keys, and buttons that do it."""

    def __init__(self, player, long_press: bool, swipe: bool) -> None:
        look = player.look
        super().__init__(look, fill="note", border="secondary_border", padding=12)
        self.player = player
        set_role(self, "group", look.tr("a11y.gesture.title"))
        self.box_layout.addWidget(TextBlock(look.tr("a11y.gesture.title"), look, role="body", colour="note_text",
                                            bold=True))
        holder = QWidget()
        row = FlowLayout(holder, spacing=look.space.md)
        self.hold: BigButton | None = None
        self.swipes: dict[str, BigButton] = {}
        if long_press:
            self.box_layout.addWidget(TextBlock(look.tr("a11y.gesture.hold_keys"), look, colour="note_text"))
            self.hold = BigButton(look.tr("a11y.gesture.hold"), look, style="plain", indicator="check",
                                  compact=True)
            self.hold.toggled.connect(self._arm)
            row.addWidget(self.hold)
        if swipe:
            self.box_layout.addWidget(TextBlock(look.tr("a11y.gesture.swipe_keys"), look, colour="note_text"))
            for direction in DIRECTIONS:
                button = BigButton(look.tr(f"a11y.swipe.{direction}"), look, style="plain", icon=direction,
                                   compact=True)
                button.clicked.connect(lambda _=False, d=direction: self._swipe(d))
                self.swipes[direction] = button
                row.addWidget(button)
        self.box_layout.addWidget(holder)
        self._armed: list[BigButton] = []

    def _swipe(self, direction: str) -> None:
        view = self.player.view
        if view is not None:
            view.swipe(direction)

    # 「長押しにする」: the next press of a button on the practice screen is a long press
    def _arm(self, on: bool) -> None:
        for button in self._armed:
            try:
                button.removeEventFilter(self)
            except RuntimeError:
                pass
        self._armed = []
        view = self.player.view
        if on and view is not None:
            self._armed = [b for b in view.findChildren(BigButton) if getattr(b, "_long_press", False)]
            from trainer.widgets.bodies.parts import PartWidget

            device = getattr(self.player, "device", None)  # a part of the device's body held (the PC's Esc)
            if device is not None:
                self._armed += [p for p in device.findChildren(PartWidget) if "long-press" in p.part.actions]
            for button in self._armed:
                button.installEventFilter(self)
            announce(cast(BigButton, self.hold), self.player.look.tr("a11y.gesture.armed"))  # armed by it

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        key, mouse = cast(QKeyEvent, event), cast(QMouseEvent, event)  # each read only for its own kind
        press = (kind == QEvent.Type.KeyPress and key.key() in (Qt.Key.Key_Space, Qt.Key.Key_Return,
                                                                 Qt.Key.Key_Enter) and not key.isAutoRepeat())
        release = (kind == QEvent.Type.MouseButtonRelease and mouse.button() == Qt.MouseButton.LeftButton
                   and cast(QWidget, watched).rect().contains(mouse.position().toPoint()))
        if watched in self._armed and (press or release):
            if self.hold is not None:
                self.hold.setChecked(False)  # one long press, then back to ordinary presses
            if isinstance(watched, BigButton):
                watched.setDown(False)
                watched.long_pressed.emit()
            else:  # a part of the device's body
                watched.long_press()
            return True
        return False


def show_gesture_tools(player) -> None:
    """Put ``GestureTools`` in the instruction pane when the step expects a gesture (else remove them)."""
    old = getattr(player, "gesture_tools", None)
    if old is not None:
        try:
            old.hide()
            old.deleteLater()
        except RuntimeError:
            pass
    player.gesture_tools = None
    view = player.view
    if view is None or player.run.finished:
        return
    decorate_view(player)
    gestures = gestures_of(player.step)
    if not gestures:
        return
    tools = GestureTools(player, "long-press" in gestures, "swipe" in gestures and not has_pages(view))
    if tools.hold is None and not tools.swipes:
        tools.deleteLater()
        return
    panel = player.panel
    layout = panel.layout_  # in the instruction card, under the step's text (the card scrolls when long)
    after = layout.indexOf(panel.speech_notice)
    layout.insertWidget(after + 1 if after >= 0 else layout.count(), tools)
    tools.show()
    panel.scroll_area.refit()
    player.gesture_tools = tools
    if getattr(player, "key_hold", None) is None:
        player.key_hold = KeyHold(player)


def decorate_view(player) -> None:
    """The practice screen offers its swipes as accessible actions (AT-SPI / UI Automation)."""
    view = player.view
    look = player.look
    set_role(view, "pane")
    for direction in DIRECTIONS:
        def swipe(d: str = direction, v: ScreenView = view) -> None:
            v.swipe(d)
        add_action(view, look.tr(f"a11y.swipe.{direction}"), swipe)


# -- a real key held as long as a long press ------------------------------------------------------------
HELD_KEYS: dict[int, tuple[str, ...]] = {Qt.Key.Key_Escape: ("esc", "escape"), Qt.Key.Key_Return: ("enter", "return"),
             Qt.Key.Key_Enter: ("enter",), Qt.Key.Key_Space: ("space",), Qt.Key.Key_Delete: ("delete", "del"),
             Qt.Key.Key_Backspace: ("backspace",), Qt.Key.Key_Tab: ("tab",), Qt.Key.Key_Shift: ("shift",),
             Qt.Key.Key_Control: ("ctrl", "control"), Qt.Key.Key_Alt: ("alt",)}
"""A physical key and the ids an on-screen key of the same name may have."""


class KeyHold(QObject):
    """Holding a physical key as long as a long press long-presses the on-screen key with its
    name, when the practice screen has one (generic: any body that draws a key with such an id).
    A short press of that key is left to the app as usual."""

    def __init__(self, player) -> None:
        super().__init__(player)
        self.player = player
        self._down: dict[int, float] = {}
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def target_for(self, key: int) -> str | None:
        view = self.player.view
        if view is None:
            return None
        device = getattr(self.player, "device", None)
        for name in HELD_KEYS.get(key, ()):
            # drawn on the practice screen, or a key of the device's body (the PC keyboard's Esc)
            if view.target_widget(name) is not None or (device is not None and device.part_widget(name) is not None):
                return name
        return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease) or cast(QKeyEvent, event).isAutoRepeat():
            return False
        player = self.player
        try:
            if not player.isVisible() or not isinstance(watched, QWidget) or watched.window() is not player.window():
                return False
        except RuntimeError:
            return False
        key = cast(QKeyEvent, event).key()
        target = self.target_for(key)
        if target is None:
            return False
        if kind == QEvent.Type.KeyPress:
            self._down.setdefault(key, monotonic_ms())
            return key == Qt.Key.Key_Escape  # Esc has no other use here; the others still work as usual
        started = self._down.pop(key, None)
        if started is not None and monotonic_ms() - started >= LONG_PRESS_MS:
            player.act(Action(ActionKind.LONG_PRESS, target))
            return True
        return False

    def held(self, key: int) -> bool:
        """True while ``key`` is down (for tests)."""
        return key in self._down
