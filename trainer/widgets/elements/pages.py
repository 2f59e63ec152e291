"""Pages (photos) the learner swipes through.

Drag across the page, press an arrow key on it, or press one of the
「…へなぞる」 buttons: each sends ``swipe`` with the direction. A click that
does not move sends ``tap``. Which page shows next is the scenario's
business (the next step's screen), not this widget's.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from trainer.scenarios.actions import ActionKind
from trainer.scenarios.model import Element
from trainer.widgets.base import ElementContext, ElementWidget
from trainer.widgets.button import BigButton, paint_focus_ring
from trainer.widgets.icons import paint_icon
from trainer.widgets.keyboard import flick_direction
from trainer.widgets.labels import TextBlock
from trainer.widgets.look import Look
from trainer.widgets.registry import element_widget
from trainer.widgets.text_layout import draw_text, text_size

PAGE_WIDTH = 340
"""Natural width of a page at 100 %, in pixels."""
PAGE_PICTURE_HEIGHT = 120
"""Height of a page's picture at 100 %, in pixels."""


class Page(QWidget):
    """The page on show; drag it (or use the arrow keys) to swipe."""

    swiped = Signal(str)
    """A swipe in this direction ("left", "right", "up", "down")."""
    tapped = Signal()

    def __init__(self, text: str, icon: str | None, look: Look, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = text
        self._icon = icon
        self._look = look
        self._press: QPointF | None = None
        self._shift = 0.0
        self.setAccessibleName(text)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def sizeHint(self) -> QSize:
        width = self._look.px(PAGE_WIDTH)
        return QSize(width, self.heightForWidth(width))

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        pad = self._look.space.xl
        _, text_h = text_size(self._look.font("large", bold=True), self._text, max(1, width - 2 * pad))
        return pad + self._look.px(PAGE_PICTURE_HEIGHT) + pad + text_h + pad

    def text_fits(self) -> bool:
        return self.height() >= self.heightForWidth(self.width())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        keys: dict[int, str] = {Qt.Key.Key_Left: "left", Qt.Key.Key_Right: "right",
                                Qt.Key.Key_Up: "up", Qt.Key.Key_Down: "down"}
        if event.key() in keys:
            event.accept()
            self.swiped.emit(keys[event.key()])
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.tapped.emit()
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = event.position()
        self.setCursor(Qt.CursorShape.ClosedHandCursor)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is not None:
            self._shift = event.position().x() - self._press.x()
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        start, self._press = self._press, None
        self._shift = 0.0
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.update()
        if start is None:
            return
        delta = event.position() - start
        direction = flick_direction(delta.x(), delta.y(), max(24.0, self.width() * 0.15))
        if direction == "tap":
            self.tapped.emit()
        else:
            self.swiped.emit(direction)

    def paintEvent(self, event) -> None:
        look = self._look
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(3, 3, -3, -3).translated(self._shift * 0.5, 0)
        path = QPainterPath()
        path.addRoundedRect(rect, look.space.wide, look.space.wide)
        painter.fillPath(path, look.colour("note"))
        painter.setPen(QPen(look.colour("border"), max(2, look.line.mid)))
        painter.drawPath(path)
        pad = look.space.xl
        paint_icon(painter, QRectF(rect.left(), rect.top() + pad, rect.width(), look.px(PAGE_PICTURE_HEIGHT)),
                   self._icon or "photo", look.colour("note_text"), self._text, stroke=1.6)
        painter.setPen(look.colour("note_text"))
        draw_text(painter, QRectF(rect.left() + pad, rect.top() + pad + look.px(PAGE_PICTURE_HEIGHT) + pad,
                                  rect.width() - 2 * pad, rect.height()),
                  self._text, look.font("large", bold=True), Qt.AlignmentFlag.AlignHCenter)
        if self.hasFocus():
            paint_focus_ring(painter, QRectF(self.rect()), look, look.space.wide)
        painter.end()


@element_widget("pages")
class PagesElement(ElementWidget):
    """One page of several, with swipe buttons and a page count."""

    def __init__(self, element: Element, ctx: ElementContext, parent: QWidget | None = None) -> None:
        super().__init__(element, ctx, parent)
        look = self.look
        pages = element.props.get("pages", ())
        number = max(1, min(len(pages), int(element.props.get("page") or 1)))
        current = pages[number - 1] if pages else {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(look.space.md)
        self.page = Page(ctx.text(current.get("text")), current.get("icon"), look)
        self.page.swiped.connect(lambda d: self.emit_action(ActionKind.SWIPE, element.id, d))
        self.page.tapped.connect(lambda: self.emit_action(ActionKind.TAP, element.id))
        layout.addWidget(self.page)
        layout.addWidget(TextBlock(look.tr("pages.count", n=number, total=len(pages)), look, role="small",
                                   colour="screen_muted", align=Qt.AlignmentFlag.AlignHCenter))
        row = QHBoxLayout()
        row.setSpacing(look.space.md)
        self.swipe_buttons: dict[str, BigButton] = {}
        for direction in ("right", "left"):
            button = BigButton(look.tr(f"a11y.swipe.{direction}"), look, style="secondary", icon=direction)
            button.clicked.connect(lambda _=False, d=direction: self.emit_action(ActionKind.SWIPE, element.id, d))
            self.swipe_buttons[direction] = button
            row.addWidget(button, 1)
        layout.addLayout(row)

    def target_widget(self, target: str):
        return self.page if target == self.element.id else None
