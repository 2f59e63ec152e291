"""Online-shop parts: a product card to tap, and a cart with its total."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QBoxLayout, QVBoxLayout, QWidget

from trainer.scenarios.actions import ActionKind
from trainer.scenarios.model import Element
from trainer.widgets.accessibility import Holder, set_role
from trainer.widgets.base import ElementContext, ElementWidget
from trainer.widgets.button import BigButton, focus_width, paint_focus_ring
from trainer.widgets.elements.tiles import widest_phrase
from trainer.widgets.icons import paint_icon
from trainer.widgets.labels import Box, TextBlock
from trainer.widgets.look import Look
from trainer.widgets.registry import element_widget
from trainer.widgets.text_layout import draw_text, text_size

THUMB_SIDE = 96
"""Largest side of a product's thumbnail at 100 %, in pixels."""
PRODUCT_WIDTH = 440
"""Natural width of a product row at 100 %, in pixels."""


class ProductCard(BigButton):
    """A product: picture, name, price (and a crossed-out old price, a badge, a note).

    Its text (and so its accessible name) is every line it shows, in order."""

    def __init__(self, lines: list[tuple[str, str, str, bool]], look: Look, picture: QPixmap | None,
                 parent: QWidget | None = None) -> None:
        self._lines = lines  # (text, role, colour, struck)
        self._picture = picture
        super().__init__("\n".join(text for text, *_ in lines), look, style="plain", parent=parent)

    def _thumb(self, width: int | None = None) -> int:
        """The picture's side: 96 px at 100%, but never more than a quarter of the card."""
        width = self.width() if width is None else width
        return min(self.look.px(THUMB_SIDE), max(24, width // 4))

    def sizeHint(self) -> QSize:
        width = self.look.px(PRODUCT_WIDTH)
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        char, _ = text_size(self.look.font("large", bold=True), "あい")
        width = char + 3 * self.look.space.gap + 2 * focus_width(self.look) + 24
        return QSize(min(width, self.sizeHint().width()), self.look.target)

    def _text_width(self, width: int) -> int:
        return max(1, width - self._thumb(width) - 3 * self.look.space.gap - 2 * focus_width(self.look))

    def heightForWidth(self, width: int) -> int:
        inner = self._text_width(width)
        height = sum(text_size(self.look.font(role, bold=role != "small"), text, inner)[1]
                     for text, role, _, _ in self._lines)
        height += self.look.space.xs * (len(self._lines) - 1)
        return max(height, self._thumb(width)) + 2 * self.look.space.gap + 2 * focus_width(self.look)

    def text_fits(self) -> bool:
        return self.height() >= self.heightForWidth(self.width())

    def paintEvent(self, event) -> None:
        look = self.look
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        ring = focus_width(look)
        body = QRectF(self.rect()).adjusted(ring, ring, -ring, -ring)
        path = QPainterPath()
        path.addRoundedRect(body, look.space.lg, look.space.lg)
        fill = look.colour("screen")
        if self.isDown():
            fill = fill.darker(110) if fill.lightness() > 60 else look.colour("secondary")
        painter.fillPath(path, fill)
        painter.setPen(QPen(look.colour("secondary_border"), max(2, look.line.mid)))
        painter.drawPath(path)
        pad = look.space.gap
        thumb = QRectF(body.left() + pad, body.top() + pad, self._thumb(), self._thumb())
        if self._picture is not None and not self._picture.isNull():
            painter.drawPixmap(thumb, self._picture, QRectF(self._picture.rect()))
        else:
            painter.fillRect(thumb, look.colour("note"))
            paint_icon(painter, thumb.adjusted(pad, pad, -pad, -pad), "gift", look.colour("note_text"))
        x = thumb.right() + pad
        y = body.top() + pad
        width = self._text_width(self.width())
        for text, role, colour, struck in self._lines:
            font = look.font(role, bold=role != "small")
            font.setStrikeOut(struck)
            _, height = text_size(font, text, width)
            painter.setPen(look.colour(colour))
            draw_text(painter, QRectF(x, y, width, height), text, font)
            y += height + look.space.xs
        if self.hasFocus():
            paint_focus_ring(painter, QRectF(self.rect()), look, look.space.lg)
        painter.end()


@element_widget("product")
class ProductElement(ElementWidget):
    """A product card; tapping it opens the product."""

    def __init__(self, element: Element, ctx: ElementContext, parent: QWidget | None = None) -> None:
        super().__init__(element, ctx, parent)
        look = self.look
        lines: list[tuple[str, str, str, bool]] = []
        if element.text("badge") is not None:
            lines.append((f"【{ctx.text(element.text('badge'))}】", "small", "warning_text", False))
        lines.append((ctx.text(element.text("name")), "body", "screen_text", False))
        if element.props.get("old-price") is not None:
            lines.append((look.tr("product.old", n=f"{int(element.props['old-price']):,}"), "small",
                          "screen_muted", True))
        lines.append((ctx.money(int(element.props["price"])), "large", "screen_text", False))
        if element.text("note") is not None:
            lines.append((ctx.text(element.text("note")), "small", "screen_muted", False))
        picture = QPixmap(str(ctx.asset(element.props["image"]))) if element.props.get("image") else None
        self.card = ProductCard(lines, look, picture)
        self.card.clicked.connect(lambda: self.emit_action(ActionKind.TAP, element.id))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.card)

    def target_widget(self, target: str):
        return self.card if target == self.element.id else None


def _money_row(look: Look, name: str, amount: str, bold: bool = False, role: str = "body") -> QWidget:
    """One row of a cart or a receipt: what, and how much (a table row for screen readers)."""
    return _MoneyRow(look, name, amount, bold, role)


class _MoneyRow(Holder):
    """What and how much side by side; the amount under the name, to the right, where beside it
    the name would have to break inside a word (「（まちの / 銀行）」 in a narrow phone at 300 %)."""

    def __init__(self, look: Look, name: str, amount: str, bold: bool, role: str) -> None:
        super().__init__()
        self._gap = look.space.lg
        set_role(self, "row", f"{name}　{amount}" if amount else name)
        self._row = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.setSpacing(look.space.lg)
        self.name = set_role(TextBlock(name, look, role=role, colour="screen_text", bold=bold), "cell")
        self.amount = set_role(TextBlock(amount, look, role=role, colour="screen_text", bold=bold,
                                         align=Qt.AlignmentFlag.AlignRight), "cell")
        self._row.addWidget(self.name, 1)
        self._row.addWidget(self.amount, 0)
        font = look.font(role, bold=bold)
        self._whole = text_size(font, name)[0] if "\n" not in name else 1 << 20
        self._least = widest_phrase(font, name)

    def fits_beside(self, width: int) -> bool:
        """Whether at ``width`` the name stands beside the amount whole on its line, or (a name
        longer than the row anyway) breaking only between its words."""
        room = width - self.amount.sizeHint().width() - self._gap
        return self._whole <= room or (self._whole > width and self._least <= room)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        width = event.size().width()
        parent = self.parentWidget()
        peers = (parent.findChildren(_MoneyRow, options=Qt.FindChildOption.FindDirectChildrenOnly)
                 if parent is not None else [self])
        beside = all(row.fits_beside(width) for row in peers)  # the rows of one list alike
        direction = QBoxLayout.Direction.LeftToRight if beside else QBoxLayout.Direction.TopToBottom
        if self._row.direction() != direction:
            self._row.setDirection(direction)
            self._row.setSpacing(self._gap if beside else 0)
            self._row.setContentsMargins(0, 0, 0, 0 if beside else self._gap)  # rows of two lines stay apart


@element_widget("cart")
class CartElement(ElementWidget):
    """The items in the cart, shipping and the total (nothing to press here)."""

    def __init__(self, element: Element, ctx: ElementContext, parent: QWidget | None = None) -> None:
        super().__init__(element, ctx, parent)
        look = self.look
        box = set_role(Box(look, fill="screen", border="border"), "table", look.tr("a11y.cart"))
        total = 0
        for item in element.props.get("items", ()):
            qty = int(item.get("qty") or 1)
            price = int(item["price"])
            total += qty * price
            name = ctx.text(item.get("name"))
            box.box_layout.addWidget(_money_row(look, f"{name}　{look.tr('cart.qty', n=qty)}",
                                                ctx.money(price * qty)))
        shipping = element.props.get("shipping")
        if shipping is not None:
            total += int(shipping)
            box.box_layout.addWidget(_money_row(look, look.tr("cart.shipping"), ctx.money(int(shipping))))
        for fee in element.props.get("fees", ()) or ():
            total += int(fee["amount"])
            box.box_layout.addWidget(_money_row(look, ctx.text(fee.get("label")), ctx.money(int(fee["amount"]))))
        box.box_layout.addWidget(_money_row(look, look.tr("cart.total"), ctx.money(total), bold=True,
                                            role="large"))
        self.total = total
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(box)


@element_widget("receipt")
class ReceiptElement(ElementWidget):
    """A payment-complete screen or a receipt."""

    def __init__(self, element: Element, ctx: ElementContext, parent: QWidget | None = None) -> None:
        super().__init__(element, ctx, parent)
        look = self.look
        box = set_role(Box(look, fill="screen", border="border"), "table",
                       ctx.text(element.text("title")) if element.text("title") is not None
                       else look.tr("a11y.receipt"))
        if element.text("title") is not None:
            box.box_layout.addWidget(TextBlock(ctx.text(element.text("title")), look, role="heading",
                                               colour="screen_text", bold=True, icon="check",
                                               align=Qt.AlignmentFlag.AlignLeft))
        for line in element.props.get("lines", ()):
            amount = line.get("amount")
            box.box_layout.addWidget(_money_row(look, ctx.text(line.get("label")),
                                                ctx.money(int(amount)) if amount is not None else ""))
        if element.props.get("total") is not None:
            box.box_layout.addWidget(_money_row(look, look.tr("receipt.total"),
                                                ctx.money(int(element.props["total"])), bold=True, role="large"))
        if element.text("note") is not None:
            box.box_layout.addWidget(TextBlock(ctx.text(element.text("note")), look, role="small",
                                               colour="screen_muted"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(box)


