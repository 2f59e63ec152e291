"""A real QR code on the mock screen (the shop's code, a form's code).

With ``barcode``, a barcode with those digits is drawn above it, as pay
apps show a barcode and a QR code together (the bars are a drawing made
from the digits: only the QR code is a real code)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QVBoxLayout, QWidget

from trainer.scenarios.model import Element
from trainer.widgets.base import ElementContext, ElementWidget
from trainer.widgets.labels import TextBlock
from trainer.widgets.qr_code import paint_qr
from trainer.widgets.registry import element_widget

BARCODE_HEIGHT = 64
"""Height of the barcode's bars at 100 %, in pixels."""
BARCODE_MIN_WIDTH = 160
"""Narrowest a barcode is drawn at 100 %, in pixels."""
QR_SIDE = 200
"""Side of the QR code at 100 %, in pixels (never above 420 px)."""
PHONE_LINE_SIDE = 8 * 22
"""On a phone whose text has grown, the code is no wider than its line (8 characters of body text,
``devices.PHONE_LINE_CHARS``) — but never smaller than ``QR_SIDE`` at 100 %: a reader must read it."""
BARCODE_WIDTH = 320
"""Width of the barcode at 100 %, in pixels (never above 640 px)."""


class QrPicture(QWidget):
    """The code itself, square, at a size a real phone can read from the screen."""

    def __init__(self, data: str, side: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data = data
        self.setFixedSize(QSize(side, side))

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        paint_qr(painter, QRectF(self.rect()), self.data)
        painter.end()


class BarcodePicture(QWidget):
    """Black bars on white with the digits under them (a drawing, not a scannable code)."""

    def __init__(self, digits: str, width: int, look, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.digits = digits
        self._look = look
        self._width = width
        # as wide as asked where there is room, narrower on a narrow screen (never sideways scrolling)
        self.setFixedHeight(look.px(BARCODE_HEIGHT) + look.size("small") + look.space.md)
        self.setMinimumWidth(min(width, look.px(BARCODE_MIN_WIDTH)))
        self.setMaximumWidth(width)

    def sizeHint(self) -> QSize:
        return QSize(self._width, self.height())

    def bars(self) -> list[int]:
        """Widths (in modules) of alternating bar and space, from the digits: guard, data, guard."""
        pattern = [1, 1, 1, 1]
        for char in self.digits:
            if char.isdigit():
                value = int(char)
                pattern += [1 + value % 3, 1 + (value // 3) % 2, 1 + (value + 1) % 3, 1 + value % 2]
        return pattern + [2, 1, 1]

    def paintEvent(self, event) -> None:
        from PySide6.QtGui import QColor

        look = self._look
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#FFFFFF"))
        bars = self.bars()
        quiet = look.space.lg
        module = max(1.0, (self.width() - 2 * quiet) / sum(bars))
        x = float(quiet)
        height = look.px(BARCODE_HEIGHT)
        for index, width in enumerate(bars):
            if index % 2 == 0:
                painter.fillRect(QRectF(x, look.space.xs, width * module, height - look.space.xs), QColor("#000000"))
            x += width * module
        painter.setPen(QColor("#000000"))
        painter.setFont(look.font("small"))
        painter.drawText(QRectF(0, height + look.space.xxs, self.width(), look.size("small") + look.space.sm),
                         Qt.AlignmentFlag.AlignHCenter, self.digits)
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
        layout.setSpacing(look.space.sm)
        side = min(look.px(QR_SIDE), 420)
        if ctx.device == "phone":
            side = min(side, max(QR_SIDE, look.px(PHONE_LINE_SIDE)))
        self.barcode: BarcodePicture | None = None
        if element.props.get("barcode"):
            self.barcode = BarcodePicture(str(element.props["barcode"]), min(look.px(BARCODE_WIDTH), 640), look)
            self.barcode.setAccessibleName(look.tr("qr.barcode", n=str(element.props["barcode"])))
            layout.addWidget(self.barcode, 0, Qt.AlignmentFlag.AlignHCenter)
        self.code = QrPicture(str(element.props["data"]), side)
        self.code.setAccessibleName(label or look.tr("qr.name"))
        layout.addWidget(self.code, 0, Qt.AlignmentFlag.AlignHCenter)
        if label:
            layout.addWidget(TextBlock(label, look, colour="screen_text", bold=True,
                                       align=Qt.AlignmentFlag.AlignHCenter))

    def target_widget(self, target: str):
        return self.code if target == self.element.id else None
