"""A card lying on a reader, and the way to take it back.

After a card has been placed (``card``), later steps show it still on the
reader — "leave it there until the screens are finished" — with a
「カードを取る」 button. Pressing the button, or the card itself, sends
``tap`` with the element's id.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from trainer.scenarios.actions import ActionKind
from trainer.scenarios.model import Element
from trainer.widgets.base import ElementContext, ElementWidget
from trainer.widgets.button import BigButton
from trainer.widgets.elements.card import CardPicture, paint_reader
from trainer.widgets.labels import TextBlock
from trainer.widgets.look import Look
from trainer.widgets.registry import element_widget

READER_WIDTH = 260
"""Width of the card reader with its placed card at 100 %, in pixels."""


class ReaderWithCard(QWidget):
    """The reader (dark, with its dashed plate) and the card lying on it."""

    def __init__(self, picture: CardPicture, look: Look, on_click, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._look = look
        self.card = picture
        picture.setParent(self)
        picture.setCursor(Qt.CursorShape.PointingHandCursor)
        picture.released.connect(lambda _where: on_click())  # a signal, not an event filter (safe at teardown)
        self._on_click = on_click
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def _reader_width(self, width: int) -> int:
        return min(self._look.px(READER_WIDTH), max(170, width - 8))

    def sizeHint(self) -> QSize:
        width = self._look.px(READER_WIDTH) + 8
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        return QSize(178, self.heightForWidth(178))

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return round(self._reader_width(width) * 0.8) + 8

    def reader_rect(self) -> QRectF:
        w = self._reader_width(self.width())
        return QRectF((self.width() - w) / 2, 4, w, round(w * 0.8))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        reader = self.reader_rect()
        card_w = reader.width() * 0.86
        card_h = card_w * 0.63
        self.card.setGeometry(round(reader.center().x() - card_w / 2), round(reader.center().y() - card_h / 2),
                              round(card_w), round(card_h))

    def paintEvent(self, event) -> None:
        look = self._look
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint_reader(painter, look, QRectF(self.reader_rect()), 0.05, 0.08)
        painter.end()


@element_widget("placed-card")
class PlacedCardElement(ElementWidget):
    """The card on the reader with its 「カードを取る」 button."""

    def __init__(self, element: Element, ctx: ElementContext, parent: QWidget | None = None) -> None:
        super().__init__(element, ctx, parent)
        look = self.look
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(look.space.md)
        self.picture = CardPicture(ctx.text(element.text("label")), str(element.props.get("card", "mynumber")),
                                   look)
        self.reader = ReaderWithCard(self.picture, look, self._take)
        layout.addWidget(self.reader)
        layout.addWidget(TextBlock(look.tr("card.on_reader"), look, role="small", colour="screen_muted",
                                   align=Qt.AlignmentFlag.AlignHCenter))
        take = ctx.text(element.text("take")) if element.text("take") else look.tr("card.take")
        self.take_button = BigButton(take, look, style=element.props.get("style") or "secondary", icon="card")
        self.take_button.clicked.connect(self._take)
        layout.addWidget(self.take_button)

    def _take(self) -> None:
        self.emit_action(ActionKind.TAP, self.element.id)

    def target_widget(self, target: str):
        return self.take_button if target == self.element.id else None
