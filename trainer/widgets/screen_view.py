"""One mock screen: the element widgets of a ``Screen`` stacked top to bottom.

The view forwards every element's action after adding the current values of
all inputs on the screen (``Action.fields``) — that is what lets the runner
judge ``expect: {tap: next, with: {amount: "580"}}``.

The screen itself can be swiped: a drag across it (starting anywhere that
is not a control) sends ``swipe`` with the direction and the id of the
element where the finger started; from the keyboard, Tab to the screen and
press an arrow key.
"""

from __future__ import annotations

import dataclasses
from types import MappingProxyType

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QPalette
from PySide6.QtWidgets import QAbstractButton, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from trainer.scenarios.actions import Action, ActionKind
from trainer.scenarios.matching import default_speech_normaliser, value_matches
from trainer.scenarios.model import Screen, Step
from trainer.widgets.base import ElementContext, ElementWidget
from trainer.widgets.button import paint_focus_ring
from trainer.widgets.keyboard import flick_direction
from trainer.widgets.registry import build_element

ARROWS: dict[int, str] = {Qt.Key.Key_Left: "left", Qt.Key.Key_Right: "right", Qt.Key.Key_Up: "up", Qt.Key.Key_Down: "down"}


FLICK_DISTANCE = 40
"""How far a press must move (at 100%, never under 30 px) to be a flick or swipe rather than a tap."""

def _in_a_row(device: str | None) -> bool:
    from trainer.widgets.elements.buttons import BUTTON_ROW_DEVICES  # loaded: a button was just built

    return device in BUTTON_ROW_DEVICES


class ScreenView(QWidget):
    """The elements of one screen, in order."""

    acted = Signal(object)
    """Fires with an ``Action`` (input values included) when the learner acts on any element."""
    values_changed = Signal()
    """Something typed, ticked or chosen on the screen changed (not an action by itself)."""

    def __init__(self, screen: Screen, ctx: ElementContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.screen_model = screen  # the Screen shown (not QWidget.screen(), the display it is on)
        if screen.app:  # the app's own look (colours, header, button shape): see trainer.widgets.app_looks
            from trainer.widgets.app_looks import app_look

            ctx = dataclasses.replace(ctx, look=app_look(ctx.look, screen.app))
        self.ctx = ctx
        look = ctx.look
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, look.colour("screen"))
        palette.setColor(QPalette.ColorRole.WindowText, look.colour("screen_text"))
        self.setPalette(palette)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setAccessibleName(look.tr("player.device"))
        self._press: tuple[QPointF, str | None] | None = None
        layout = QVBoxLayout(self)
        # big text needs the width more than wide margins; a phone's screen is narrow
        pad = min(look.space.lg if ctx.device == "phone" else look.space.xl, 24)
        spacing = look.space.xl
        # the elements keep a margin at the sides; a phone's on-screen keyboard runs edge to edge
        # under its field, as on a real phone (and its five columns of keys get the whole width)
        layout.setContentsMargins(0, pad, 0, pad)
        layout.setSpacing(spacing)
        self._attached: dict[QWidget, QWidget] = {}
        """A phone's keyboard (taken out of its input element to span the screen) → that element."""
        self.docked: QWidget | None = None
        """That keyboard (one a screen, as on a phone): the device holds it fixed at the bottom of its
        screen, under what scrolls (``DeviceFrame.show_screen``), so the field, the button after it and
        the keys are all in view at 300 % too; outside a device it closes the screen's content."""
        band: QVBoxLayout | None = None

        def current_band() -> QVBoxLayout:
            nonlocal band
            if band is None:
                band = QVBoxLayout()
                band.setContentsMargins(pad, 0, pad, 0)
                band.setSpacing(spacing)
                layout.addLayout(band)
            return band

        def add(widget: QWidget) -> None:
            current_band().addWidget(widget)

        self.elements: list[ElementWidget] = []
        self.site_header: QWidget | None = None
        if screen.app and ctx.device == "browser" and screen.title is not None:
            # a web page carries its site's own header (the browser's tab shows the title too)
            from trainer.widgets.labels import TextBlock

            self.site_header = TextBlock(ctx.text(screen.title), look, role="large", colour="header_text",
                                         box="header", bold=True)
            add(self.site_header)
        row: QHBoxLayout | None = None  # answer buttons side by side (a till's 「いいえ」「はい」)
        for element in screen.elements:
            widget = build_element(element, ctx)
            widget.acted.connect(self._forward)
            self._watch_inputs(widget)
            if element.type == "button" and _in_a_row(ctx.device):
                if row is None:
                    row = QHBoxLayout()
                    row.setSpacing(spacing)
                    current_band().addLayout(row)
                row.addWidget(widget, 1)
            else:
                row = None
                add(widget)
            self.elements.append(widget)
            keyboard = getattr(widget, "keyboard", None) if ctx.device == "phone" else None
            if keyboard is not None and keyboard.parentWidget() is not None and self.docked is None:
                keyboard.parentWidget().layout().removeWidget(keyboard)
                keyboard.setContentsMargins(*(min(look.space.xxs, 4),) * 4)
                self.docked = keyboard
                self._attached[keyboard] = widget
        layout.addStretch(1)
        if self.docked is not None:  # at the screen's bottom; the phone fixes it under its scrolling screen
            layout.addWidget(self.docked)

    def field_values(self) -> dict[str, str]:
        values: dict[str, str] = {}
        for widget in self.elements:
            values.update(widget.field_values())
        return values

    def _forward(self, action: Action) -> None:
        fields = self.field_values()
        self.acted.emit(dataclasses.replace(action, fields=MappingProxyType(fields)) if fields else action)

    def target_widget(self, target: str) -> QWidget | None:
        """The widget standing for ``target`` on this screen, or None."""
        for widget in self.elements:
            found = widget.target_widget(target)
            if found is not None:
                return found
        return None

    def step_targets(self, step: Step, inputs: bool = False) -> list[QWidget]:
        """What ``step`` asks the learner to use on this screen, top to bottom: the element of each
        expected action and choice, the speaker's matching phrase (else its 「話す」); with
        ``inputs``, the fields that its ``with:`` names instead (what is filled in first)."""
        found: list[QWidget] = []

        def add(widget: QWidget | None) -> None:
            if widget is not None and widget not in found:
                found.append(widget)

        for expect in (*step.expect, *(choice.when[0] for choice in step.choices)):
            if inputs:
                for field_id in expect.fields:
                    add(self.target_widget(field_id))
            elif expect.kind is ActionKind.SWIPE:
                add(self.target_widget(expect.on) if expect.on else None)
            elif expect.kind is ActionKind.SAY:
                add(self._say_target(expect.phrases))
            elif expect.target:
                add(self.target_widget(expect.target))
        return sorted(found, key=lambda w: w.mapTo(self, QPoint(0, 0)).y())

    def inputs_filled(self, step: Step) -> bool:
        """True when the inputs some expected action of ``step`` names hold what it asks for
        (then the thing to press comes into view)."""
        values = self.field_values()
        for expect in (*step.expect, *(choice.when[0] for choice in step.choices)):
            named = expect.fields
            if named and all(value_matches(match, values.get(key)) for key, match in named.items()):
                return True
        return False

    def element_of(self, widget: QWidget) -> QWidget:
        """The element widget on this screen that holds ``widget`` (``widget`` if none does; a
        key of a phone's edge-to-edge keyboard belongs to the keyboard's input element)."""
        for keyboard, element in self._attached.items():
            if keyboard is widget or keyboard.isAncestorOf(widget):
                return element
        for element in self.elements:
            if element is widget or element.isAncestorOf(widget):
                return element
        return widget

    def whole_of(self, widget: QWidget) -> list[QWidget]:
        """The element holding ``widget`` and what belongs to it outside it on this screen (a phone's
        keyboard, unless the device holds it fixed under the screen: then it is always in view)."""
        element = self.element_of(widget)
        return [element, *(k for k, e in self._attached.items()
                           if e is element and self.isAncestorOf(k) and k.isVisibleTo(self))]

    def _watch_inputs(self, widget: QWidget) -> None:
        for field in widget.findChildren(QLineEdit):
            field.textChanged.connect(self.values_changed)
        for button in widget.findChildren(QAbstractButton):
            if button.isCheckable():
                button.toggled.connect(self.values_changed)

    def _say_target(self, phrases: tuple[str, ...]) -> QWidget | None:
        wanted = {default_speech_normaliser(p) for p in phrases}
        for widget in self.elements:
            if widget.element.type != "speaker":
                continue
            for button in getattr(widget, "suggestions", ()):
                if default_speech_normaliser(button.text()) in wanted:
                    return button
            return getattr(widget, "say_button", widget)
        return None

    # -- swiping the screen ---------------------------------------------------------
    def element_at(self, point: QPointF) -> ElementWidget | None:
        for widget in self.elements:
            if widget.geometry().contains(point.toPoint()):
                return widget
        return None

    def swipe(self, direction: str, target: str | None = None) -> None:
        """The learner swiped the screen (``target``: the element the finger started on)."""
        self._forward(Action(ActionKind.SWIPE, target, direction))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            element = self.element_at(event.position())
            self._press = (event.position(), element.element.id if element is not None else None)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        press, self._press = self._press, None
        if press is None:
            super().mouseReleaseEvent(event)
            return
        start, target = press
        delta = event.position() - start
        direction = flick_direction(delta.x(), delta.y(), max(30.0, self.ctx.look.px(FLICK_DISTANCE)))
        if direction != "tap":
            self.swipe(direction, target)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in ARROWS and self.hasFocus():
            event.accept()
            self.swipe(ARROWS[event.key()])
            return
        super().keyPressEvent(event)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self.hasFocus():
            painter = QPainter(self)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            paint_focus_ring(painter, QRectF(self.rect()), self.ctx.look, 4)
            painter.end()

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.update()
