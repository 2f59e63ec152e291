"""A real QR code on the mock screen (the shop's code, a form's code)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QVBoxLayout, QWidget

from trainer.scenarios.model import Element
from trainer.widgets.base import ElementContext, ElementWidget
from trainer.widgets.labels import TextBlock
from trainer.widgets.qr_code import paint_qr
from trainer.widgets.registry import element_widget


class QrPicture(QWidget):
    """The code itself, square, at a size a real phone can read from the screen."""

    def __init__(self, data: str, side: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data = data
        self.setFixedSize(QSize(side, side))

    def paintEvent(self, event) -> None:  # noqa: N802, ARG002
        painter = QPainter(self)
        paint_qr(painter, QRectF(self.rect()), self.data)
        painter.end()


@element_widget("qr")
class QrElement(ElementWidget):
    """A QR code with an optional label under it."""

    def __init__(self, element: Element, ctx: ElementContext, parent: QWidget | None = None) -> None:
        super().__init__(element, ctx, parent)
        look = self.look
        label = ctx.text(element.text("label")) if element.text("label") else ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(look.px(6))
        self.code = QrPicture(str(element.props["data"]), min(look.px(200), 420))
        self.code.setAccessibleName(label or "QRコード")
        layout.addWidget(self.code, 0, Qt.AlignmentFlag.AlignHCenter)
        if label:
            layout.addWidget(TextBlock(label, look, colour="screen_text", bold=True,
                                       align=Qt.AlignmentFlag.AlignHCenter))

    def target_widget(self, target: str):
        return self.code if target == self.element.id else None
