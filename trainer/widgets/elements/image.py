"""A picture from the scenario's folder, scaled to the screen width.

Its description (``alt``) is its accessible name and is shown small under
it, so what a screen reader says is also on screen. With an id it can be
tapped.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from trainer.scenarios.actions import ActionKind
from trainer.scenarios.model import Element
from trainer.widgets.base import ElementContext, ElementWidget
from trainer.widgets.button import paint_focus_ring
from trainer.widgets.labels import TextBlock
from trainer.widgets.registry import element_widget

IMAGE_WIDTH = 360
"""Widest an image element is drawn at 100 %, in pixels."""


class Picture(QWidget):
    """A pixmap that keeps its aspect ratio (height for width)."""

    tapped = Signal()
    """Fires when a tappable picture is clicked, or Enter / Space is pressed on it."""

    def __init__(self, pixmap: QPixmap, max_height: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tappable = False
        self._pixmap = pixmap
        self._max_height = max_height
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def sizeHint(self) -> QSize:
        width = min(self._pixmap.width(), 640) or 200
        return QSize(width, self.heightForWidth(width))

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        if self._pixmap.isNull() or not self._pixmap.width():
            return self._max_height // 2
        return min(self._max_height, round(width * self._pixmap.height() / self._pixmap.width()))

    def mousePressEvent(self, event) -> None:
        if self.tappable:
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        if self.tappable and self.rect().contains(event.position().toPoint()):
            self.tapped.emit()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event) -> None:
        if self.tappable and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.tapped.emit()
            return
        super().keyPressEvent(event)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        if not self._pixmap.isNull():
            scaled = self._pixmap.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
            x = (self.width() - scaled.width()) / 2
            painter.drawPixmap(QRectF(x, 0, scaled.width(), scaled.height()), self._pixmap,
                               QRectF(self._pixmap.rect()))
        if self.hasFocus():
            element = cast(ElementWidget, self.parent())  # the ImageElement it was made in
            paint_focus_ring(painter, QRectF(self.rect()), element.look, 8)
        painter.end()


@element_widget("image")
class ImageElement(ElementWidget):
    """A picture with its description; tappable when it has an id."""

    def __init__(self, element: Element, ctx: ElementContext, parent: QWidget | None = None) -> None:
        super().__init__(element, ctx, parent)
        alt = ctx.text(element.text("alt"))
        pixmap = QPixmap(str(ctx.asset(str(element.props.get("src", "")))))
        self.picture = Picture(pixmap, self.look.px(IMAGE_WIDTH), self)
        self.picture.setAccessibleName(alt)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(self.look.space.xs)
        layout.addWidget(self.picture)
        layout.addWidget(TextBlock(alt, self.look, role="small", colour="screen_muted",
                                   align=Qt.AlignmentFlag.AlignHCenter))
        if element.id:
            self.picture.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            self.picture.setCursor(Qt.CursorShape.PointingHandCursor)
            self.picture.tappable = True
            self.picture.tapped.connect(lambda: self.emit_action(ActionKind.TAP, element.id))

    def target_widget(self, target: str):
        return self.picture if target == self.element.id else None
