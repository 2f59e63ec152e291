"""A specimen card and a card reader: drag the card onto the reader, or
press 「カードを置く」 (the keyboard path). Either sends ``place``; a plain
click on the card sends ``tap``.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QLinearGradient,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from trainer.scenarios.actions import ActionKind
from trainer.scenarios.model import Element
from trainer.widgets.base import ElementContext, ElementWidget
from trainer.widgets.button import BigButton
from trainer.widgets.icons import paint_icon
from trainer.widgets.labels import TextBlock
from trainer.widgets.look import Look
from trainer.widgets.registry import element_widget
from trainer.widgets.text_layout import draw_text, text_size

CARD_WIDTH = 230
"""Width of the card (and of the reader) at 100 %, in pixels."""

CARD_COLOURS = {
    "mynumber": ("#F7E3EA", "#E9C3D1", "#3A1F2A"), "insurance": ("#DDEEFA", "#B9D8F0", "#102A40"),
    "credit": ("#1F3A68", "#2E5597", "#FFFFFF"), "point": ("#FFE3C2", "#FFC98A", "#3A2200"),
    "bank": ("#D8F0DF", "#A9DDB8", "#0F3319"),
}



def paint_reader(painter: QPainter, look: Look, reader: QRectF, inset_x: float, inset_y: float) -> QRectF:
    """Draw a card reader (dark body, dashed plate where the card goes) in
    ``reader``; the plate is inset by these fractions. Returns the plate."""
    path = QPainterPath()
    path.addRoundedRect(reader, look.space.wide, look.space.wide)
    painter.fillPath(path, QColor("#2F3338"))
    painter.setPen(QPen(look.colour("border"), 2))
    painter.drawPath(path)
    plate = reader.adjusted(reader.width() * inset_x, reader.height() * inset_y, -reader.width() * inset_x,
                            -reader.height() * inset_y)
    painter.setPen(QPen(QColor("#FFFFFF"), max(2, look.line.mid), Qt.PenStyle.DashLine))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRoundedRect(plate, look.space.md, look.space.md)
    return plate

class CardPicture(QWidget):
    """The card itself (a specimen: obviously fake name and number).

    It reports the finger (mouse) with signals rather than being watched by an
    event filter: a signal is cut when either side goes away, so a card can
    never talk to a table that is being taken down."""

    pressed = Signal(QPointF)
    """The card was pressed (global position)."""
    dragged = Signal(QPointF)
    """The pressed card moved (global position)."""
    released = Signal(QPointF)
    """The card was let go (global position)."""

    def __init__(self, label: str, kind: str, look: Look, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = label
        self.kind = kind
        self._look = look
        self._down = False
        self.setAccessibleName(label)
        self.setCursor(Qt.CursorShape.OpenHandCursor)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._down = True
            event.accept()
            self.pressed.emit(event.globalPosition())
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._down:
            self.dragged.emit(event.globalPosition())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._down and event.button() == Qt.MouseButton.LeftButton:
            self._down = False
            self.released.emit(event.globalPosition())
            return
        super().mouseReleaseEvent(event)

    def chip_rect(self) -> QRectF:
        rect = QRectF(self.rect()).adjusted(2, 2, -2, -2)
        w, h = rect.width(), rect.height()
        return QRectF(rect.left() + w * 0.08, rect.top() + h * 0.36, w * 0.16, h * 0.24)

    def name_layout(self) -> tuple[QRectF, str, QFont]:
        """Where the card's printed name goes (above the chip), its text and its font.

        Like the printed card: the name on one line, a little smaller if need be (down to 3/4),
        so 「マイナンバーカード」 is never broken inside the word; 「（見本）」 on a line of its own
        when the whole does not fit; smaller still when its lines would run onto the chip (a
        small card in the hand: its name is also written beside it, in the hand's own words)."""
        rect = QRectF(self.rect()).adjusted(2, 2, -2, -2)
        w, h = rect.width(), rect.height()
        font = self._look.font("small", bold=True)
        font.setPixelSize(max(9, int(h * 0.12)))
        label_width = w * 0.62
        smallest = max(9, int(h * 0.09))
        name, paren, note = self.label.partition("（")
        while font.pixelSize() > smallest and QFontMetricsF(font).horizontalAdvance(name) > label_width:
            font.setPixelSize(font.pixelSize() - 1)
        label = self.label
        if paren and QFontMetricsF(font).horizontalAdvance(label) > label_width:
            label = f"{name}\u2028{paren}{note}"
        box = QRectF(rect.left() + w * 0.06, rect.top() + h * 0.05, label_width,
                     self.chip_rect().top() - rect.top() - h * 0.07)
        size = font.pixelSize()
        for text in (label, name):  # then without 「（見本）」: the card's stamp says it too
            font.setPixelSize(size)
            while font.pixelSize() > 7 and text_size(font, text, box.width())[1] > box.height():
                font.setPixelSize(font.pixelSize() - 1)
            if text_size(font, text, box.width())[1] <= box.height():
                return box, text, font
        return box, "", font  # too small to print anything legible: the hand writes its name beside it

    def paintEvent(self, event) -> None:
        look = self._look
        top, bottom, ink = CARD_COLOURS.get(self.kind, CARD_COLOURS["mynumber"])
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(2, 2, -2, -2)
        gradient = QLinearGradient(rect.topLeft(), rect.bottomRight())
        gradient.setColorAt(0, QColor(top))
        gradient.setColorAt(1, QColor(bottom))
        path = QPainterPath()
        radius = rect.height() * 0.07
        path.addRoundedRect(rect, radius, radius)
        painter.fillPath(path, gradient)
        painter.setPen(QPen(QColor("#555555"), 1.5))
        painter.drawPath(path)
        w, h = rect.width(), rect.height()
        ink_colour = QColor(ink)
        # IC chip
        chip = self.chip_rect()
        painter.setBrush(QColor("#D9B44A"))
        painter.setPen(QPen(QColor("#8A6D1E"), 1))
        painter.drawRoundedRect(chip, 3, 3)
        # face silhouette for ID cards
        if self.kind in ("mynumber", "insurance"):
            face = QRectF(rect.right() - w * 0.3, rect.top() + h * 0.22, w * 0.22, h * 0.56)
            painter.setBrush(QColor(255, 255, 255, 160))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawRect(face)
            paint_icon(painter, face.adjusted(4, 4, -4, -4), "person", QColor("#777777"))
        # the label and a specimen stamp
        box, label, font = self.name_layout()
        painter.setPen(ink_colour)
        painter.save()
        painter.setClipRect(box.adjusted(0, 0, 0, h * 0.02))
        draw_text(painter, box, label, font)
        painter.restore()
        stamp = look.font("small", bold=True)
        stamp.setPixelSize(max(9, int(h * 0.13)))
        painter.setFont(stamp)
        painter.setPen(QColor("#B3261E") if self.kind != "credit" else QColor("#FFD0CC"))
        painter.drawText(QRectF(rect.left() + w * 0.3, rect.top() + h * 0.62, w * 0.4, h * 0.3),
                         Qt.AlignmentFlag.AlignCenter, look.tr("card.specimen"))
        digits = look.font("small")
        digits.setPixelSize(max(8, int(h * 0.09)))
        painter.setFont(digits)
        painter.setPen(ink_colour)
        painter.drawText(QRectF(rect.left() + w * 0.06, rect.bottom() - h * 0.2, w * 0.9, h * 0.16),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, "0000 0000 0000")
        painter.end()


class CardTable(QWidget):
    """The card and the reader side by side (or stacked when narrow).

    Positions are managed here, not by a layout, so the card can be dragged."""

    def __init__(self, picture: CardPicture, look: Look, on_place, on_tap, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._look = look
        self.card = picture
        picture.setParent(self)
        self._on_place = on_place
        self._on_tap = on_tap
        self.placed = False
        self._drag: tuple[QPointF, QPoint] | None = None
        self._moved = False
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        picture.pressed.connect(self._pressed)
        picture.dragged.connect(self._dragged)
        picture.released.connect(self._released)
        self.setAccessibleName(look.tr("card.reader"))

    # -- geometry -----------------------------------------------------------------
    def _card_size(self) -> QSize:
        width = min(self._look.px(CARD_WIDTH), max(160, self.width() - 8))
        return QSize(width, round(width * 0.63))

    def _reader_size(self) -> QSize:
        width = min(self._look.px(CARD_WIDTH), max(160, self.width() - 8))
        return QSize(width, round(width * 0.8))

    def _side_by_side(self, width: int) -> bool:
        return width >= self._look.px(CARD_WIDTH) * 2 + self._look.space.xxl

    def sizeHint(self) -> QSize:
        width = self._look.px(CARD_WIDTH) * 2 + self._look.space.xxl
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        return QSize(180, self.heightForWidth(180))

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        card_w = min(self._look.px(CARD_WIDTH), max(160, width - 8))
        card_h, reader_h = round(card_w * 0.63), round(card_w * 0.8)
        gap = self._look.space.xxl
        if self._side_by_side(width):
            return max(card_h, reader_h) + 8
        return card_h + gap + reader_h + 8

    def reader_rect(self) -> QRect:
        size = self._reader_size()
        if self._side_by_side(self.width()):
            return QRect(self.width() - size.width() - 4, 4, size.width(), size.height())
        return QRect((self.width() - size.width()) // 2, self.height() - size.height() - 4,
                     size.width(), size.height())

    def home_rect(self) -> QRect:
        size = self._card_size()
        if self._side_by_side(self.width()):
            reader = self.reader_rect()
            return QRect(4, reader.center().y() - size.height() // 2, size.width(), size.height())
        return QRect((self.width() - size.width()) // 2, 4, size.width(), size.height())

    def placed_rect(self) -> QRect:
        size = self._card_size()
        reader = self.reader_rect()
        return QRect(reader.center().x() - size.width() // 2, reader.center().y() - size.height() // 2,
                     size.width(), size.height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.card.setGeometry(self.placed_rect() if self.placed else self.home_rect())

    # -- placing ------------------------------------------------------------------
    def place(self) -> None:
        """Put the card on the reader (by drag or by the button) and say so."""
        self.placed = True
        self.card.setGeometry(self.placed_rect())
        self.update()
        self._on_place()

    def _pressed(self, where: QPointF) -> None:
        self._drag = (where, self.card.pos())
        self._moved = False
        self.card.raise_()
        self.card.setCursor(Qt.CursorShape.ClosedHandCursor)

    def _dragged(self, where: QPointF) -> None:
        if self._drag is None:
            return
        start, origin = self._drag
        delta = where - start
        if abs(delta.x()) + abs(delta.y()) > 6:
            self._moved = True
        self.card.move(origin + delta.toPoint())

    def _released(self, where: QPointF) -> None:
        if self._drag is None:
            return
        self._drag = None
        self.card.setCursor(Qt.CursorShape.OpenHandCursor)
        if not self._moved:
            self.card.setGeometry(self.placed_rect() if self.placed else self.home_rect())
            self._on_tap()
        elif self.reader_rect().contains(self.card.geometry().center()):
            self.place()
        else:
            self.card.setGeometry(self.placed_rect() if self.placed else self.home_rect())

    def paintEvent(self, event) -> None:
        look = self._look
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        plate = paint_reader(painter, look, QRectF(self.reader_rect()), 0.1, 0.12)
        if not self.placed:
            icon = QRectF(plate.center().x() - plate.height() * 0.2, plate.top() + plate.height() * 0.08,
                          plate.height() * 0.4, plate.height() * 0.4)
            paint_icon(painter, icon, "card", QColor("#FFFFFF"))
            font = look.font("small", bold=True)
            font.setPixelSize(max(10, min(look.size("small"), int(plate.height() * 0.16))))
            painter.setPen(QColor("#FFFFFF"))
            draw_text(painter, QRectF(plate.left() + 4, icon.bottom() + 4, plate.width() - 8,
                                      plate.bottom() - icon.bottom() - 4),
                      look.tr("card.reader_here"), font, Qt.AlignmentFlag.AlignHCenter)
        painter.end()


@element_widget("card")
class CardElement(ElementWidget):
    """A card to place on a reader."""

    def __init__(self, element: Element, ctx: ElementContext, parent: QWidget | None = None) -> None:
        super().__init__(element, ctx, parent)
        look = self.look
        label = ctx.text(element.text("label"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(look.space.md)
        self.picture = CardPicture(label, str(element.props.get("card", "mynumber")), look)
        self.table = CardTable(self.picture, look, self._placed,
                               lambda: self.emit_action(ActionKind.TAP, element.id))
        layout.addWidget(self.table)
        self.status = TextBlock(look.tr("card.drag"), look, role="small", colour="screen_muted")
        layout.addWidget(self.status)
        self.place_button = BigButton(look.tr("card.place"), look, style="primary", icon="card")
        self.place_button.clicked.connect(self.table.place)
        layout.addWidget(self.place_button)

    def _placed(self) -> None:
        self.status.set_text(self.look.tr("card.placed"))
        self.emit_action(ActionKind.PLACE, self.element.id)

    def target_widget(self, target: str):
        return self.picture if target == self.element.id else None
