"""The confirmation the learner turns round for the clerk.

Real payment apps let you turn the amount screen upside down so the person
across the counter can read it. Here 「お店の人に見せる」 turns the panel
(it is drawn upside down), the clerk checks and says so, and the element's
value turns from ``waiting`` to ``checked`` — a scenario can then require
it with ``expect: {tap: pay, with: {clerk: checked}}`` and explain a
``{tap: pay, with: {clerk: waiting}}`` mistake. Turning is not an action:
nothing is judged until the learner presses the scenario's own button.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from trainer.scenarios.model import Element
from trainer.widgets.base import ElementContext, ElementWidget
from trainer.widgets.button import BigButton
from trainer.widgets.labels import TextBlock
from trainer.widgets.look import Look
from trainer.widgets.registry import element_widget
from trainer.widgets.text_layout import draw_text, text_size
from trainer.words.catalogue import tr

CLERK_WIDTH = 320
"""Natural width of the clerk's screen at 100 %, in pixels."""

CHECKED = "checked"
WAITING = "waiting"


class AmountPanel(QWidget):
    """Shop, amount and label in a box; drawn upside down when turned."""

    def __init__(self, shop: str, amount: str, label: str, look: Look, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._look = look
        self._lines = [(shop, "body", False), (amount, "heading", True), (label, "small", False)]
        self._lines = [line for line in self._lines if line[0]]
        self.turned = False
        self.setAccessibleName("　".join(text for text, _, _ in self._lines))
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def set_turned(self, turned: bool) -> None:
        self.turned = turned
        self.update()

    def _pad(self) -> int:
        return self._look.space.xl

    def sizeHint(self) -> QSize:
        width = self._look.px(CLERK_WIDTH)
        return QSize(width, self.heightForWidth(width))

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        inner = max(1, width - 2 * self._pad())
        height = 2 * self._pad()
        for text, role, bold in self._lines:
            height += text_size(self._look.font(role, bold=bold), text, inner)[1] + self._look.space.xs
        return height

    def paintEvent(self, event) -> None:
        look = self._look
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        path = QPainterPath()
        path.addRoundedRect(rect, look.space.gap, look.space.gap)
        painter.fillPath(path, look.colour("screen"))
        painter.setPen(QPen(look.colour("primary" if not self.turned else "focus"), max(2, look.line.thick)))
        painter.drawPath(path)
        if self.turned:
            painter.translate(rect.center())
            painter.rotate(180)
            painter.translate(-rect.center())
        pad = self._pad()
        top = rect.top() + pad
        inner = rect.width() - 2 * pad
        painter.setPen(look.colour("screen_text"))
        for text, role, bold in self._lines:
            font = look.font(role, bold=bold)
            height = text_size(font, text, inner)[1]
            draw_text(painter, QRectF(rect.left() + pad, top, inner, height), text, font,
                      Qt.AlignmentFlag.AlignHCenter)
            top += height + look.space.xs
        painter.end()


@element_widget("clerk-view")
class ClerkViewElement(ElementWidget):
    """The amount to show the clerk, the turn button and the clerk's answer."""

    def __init__(self, element: Element, ctx: ElementContext, parent: QWidget | None = None) -> None:
        super().__init__(element, ctx, parent)
        look = self.look
        self._en = look.lang == "en"
        self.checked = False
        shop = ctx.text(element.text("shop")) if element.text("shop") else ""
        label = ctx.text(element.text("label")) if element.text("label") else ""
        self.panel = AmountPanel(shop, ctx.money(int(element.props.get("amount", 0))), label, look)
        says = ctx.text(element.text("says")) if element.text("says") else self._word("says")
        self.answer = TextBlock(f"{self._word('clerk')}「{says}」", look, colour="note_text", box="note",
                                border="note_text", icon="person")
        self.answer.setVisible(False)
        self.turn_button = BigButton(self._word("show"), look, style="secondary", icon="repeat")
        self.turn_button.clicked.connect(self.turn)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(look.space.md)
        layout.addWidget(self.panel)
        layout.addWidget(self.turn_button)
        layout.addWidget(self.answer)

    def _word(self, key: str) -> str:
        return tr(f"clerk.{key}", "en" if self._en else "ja")

    def turn(self) -> None:
        """Turn the panel towards the clerk (who then checks it), or back again."""
        turned = not self.panel.turned
        self.panel.set_turned(turned)
        if turned:
            self.checked = True
            self.answer.setVisible(True)
        self.turn_button.setText(self._word("back" if turned else "show"))

    def field_values(self) -> dict[str, str]:
        return {self.element.id: CHECKED if self.checked else WAITING} if self.element.id else {}

    def target_widget(self, target: str):
        return self.turn_button if target == self.element.id else None
