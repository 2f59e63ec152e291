"""An SMS or e-mail bubble: who sent it, when, the text, and its links.

Links show their whole address (wrapped, never shortened) so the learner
can read it; tapping one sends ``tap`` with the link's id, holding it sends
``long-press``. A message with an id can itself be tapped or held.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from trainer.scenarios.actions import ActionKind
from trainer.scenarios.model import Element
from trainer.widgets import button as buttons
from trainer.widgets.base import ElementContext, ElementWidget
from trainer.widgets.button import LONG_PRESS_MS, BigButton
from trainer.widgets.labels import Box, TextBlock, make_text
from trainer.widgets.registry import element_widget


class Bubble(Box):
    """The message's bubble; pressable when the message has an id."""

    tapped = Signal()
    long_pressed = Signal()

    def __init__(self, look, pressable: bool, incoming: bool, parent: QWidget | None = None) -> None:
        super().__init__(look, fill="bubble_in" if incoming else "note", border="border" if pressable else None,
                         radius=18, parent=parent)
        self._pressable = pressable
        self._held: float | None = None
        if pressable:
            self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            self.setCursor(Qt.CursorShape.PointingHandCursor)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self._pressable:
            self._held = buttons.monotonic_ms()
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._pressable and self.rect().contains(event.position().toPoint()):
            if self._held is not None and buttons.monotonic_ms() - self._held >= LONG_PRESS_MS:
                self.long_pressed.emit()
            else:
                self.tapped.emit()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._pressable and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.tapped.emit()
            return
        if self._pressable and (event.key() == Qt.Key.Key_Menu or (
                event.key() == Qt.Key.Key_F10 and event.modifiers() & Qt.KeyboardModifier.ShiftModifier)):
            self.long_pressed.emit()
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event) -> None:
        self.set_colours(self._fill, "focus")
        super().focusInEvent(event)

    def focusOutEvent(self, event) -> None:
        self.set_colours(self._fill, "border")
        super().focusOutEvent(event)


@element_widget("message")
class MessageElement(ElementWidget):
    """One SMS or e-mail, with its links."""

    def __init__(self, element: Element, ctx: ElementContext, parent: QWidget | None = None) -> None:
        super().__init__(element, ctx, parent)
        look = self.look
        incoming = element.props.get("incoming", True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(look.space.xs)
        # The sender in words (translatable) when the author gave one, else the number or address.
        sender = ctx.text(element.text("sender")) or str(element.props.get("from", ""))
        time = element.props.get("time")
        header = f"{sender}　{time}" if time else sender
        layout.addWidget(TextBlock(header, look, role="small", colour="screen_muted", icon="message"))
        self.bubble = Bubble(look, bool(element.id), incoming)
        # each line its own text, as in a paragraph (``TextElement``): the screen can scroll to the link
        # under a message taller than a phone's screen at big text with no line cut at its top edge
        raw = ctx.raw(element.text("text"))
        lines = QVBoxLayout()
        lines.setSpacing(look.space.xs)
        for line in [line for line in raw.split("\n") if line.strip()] or [raw]:
            lines.addWidget(make_text(line, look, colour="bubble_in_text", readings=ctx.readings))
        self.bubble.box_layout.addLayout(lines)
        if element.id:
            self.bubble.setAccessibleName(ctx.text(element.text("text")))
            self.bubble.tapped.connect(lambda: self.emit_action(ActionKind.TAP, element.id))
            self.bubble.long_pressed.connect(lambda: self.emit_action(ActionKind.LONG_PRESS, element.id))
        self.links: dict[str, BigButton] = {}
        for link in element.props.get("links", ()) or ():
            button = BigButton(str(link["url"]), look, style="link", align_left=True, long_press=True)
            link_id = link["id"]
            button.clicked.connect(lambda _=False, i=link_id: self.emit_action(ActionKind.TAP, i))
            button.long_pressed.connect(lambda i=link_id: self.emit_action(ActionKind.LONG_PRESS, i))
            self.bubble.box_layout.addWidget(button)
            self.links[link_id] = button
        layout.addWidget(self.bubble)

    def target_widget(self, target: str):
        if target in self.links:
            return self.links[target]
        return self.bubble if target == self.element.id else None
