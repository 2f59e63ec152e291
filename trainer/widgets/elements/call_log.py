"""A phone's call history: one row per call, newest first, as phones list it.

Each row shows the phone icon, the name (the number when the caller is not
in the contacts), what kind of call it was and when. Missed calls are in
red, as on real phones (and also say 「不在着信」: colour is never the only
cue). Tapping a row calls that person back (``tap`` with the row's id);
holding it is a long press. Rows are not radio buttons: nothing is
"selected", a tap acts at once.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import QVBoxLayout, QWidget

from trainer.scenarios.actions import ActionKind
from trainer.scenarios.model import Element
from trainer.widgets.arrow_nav import ArrowNavigator
from trainer.widgets.base import ElementContext, ElementWidget
from trainer.widgets.button import BigButton, paint_focus_ring
from trainer.widgets.icons import paint_icon
from trainer.widgets.labels import TextBlock
from trainer.widgets.look import Look
from trainer.widgets.registry import element_widget
from trainer.widgets.text_layout import draw_text, text_size

CALL_ICON_SIDE = 30
"""Side of a call-log row's icon at 100 %, in pixels."""
CALL_LOG_WIDTH = 360
"""Natural width of a call-log row at 100 %, in pixels."""

KIND_KEYS = {"missed": "calllog.missed", "incoming": "calllog.incoming", "outgoing": "calllog.outgoing"}


class CallRow(BigButton):
    """One call: icon, name (red when missed), kind and time below; a thin line under it."""

    def __init__(self, name: str, detail: str, missed: bool, look: Look, parent: QWidget | None = None) -> None:
        self._name = name
        self._detail = detail
        self._missed = missed
        # the text is both lines, so the accessible name is what is shown
        super().__init__(f"{name}\n{detail}", look, style="quiet", long_press=True, parent=parent)

    @property
    def name(self) -> str:
        return self._name

    def _icon_side(self) -> int:
        return self.look.px(CALL_ICON_SIDE)

    def _text_width(self, width: int) -> int:
        return max(1, width - 3 * self.look.space.gap - self._icon_side())

    def sizeHint(self) -> QSize:
        width = self.look.px(CALL_LOG_WIDTH)
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        return QSize(self.look.target * 2, self.look.target)

    def heightForWidth(self, width: int) -> int:
        inner = self._text_width(width)
        _, name_h = text_size(self.look.font("large", bold=True), self._name, inner)
        _, detail_h = text_size(self.look.font("small"), self._detail, inner)
        return max(self.look.target, name_h + detail_h + 2 * self.look.space.lg)

    def text_fits(self) -> bool:
        return self.height() >= self.heightForWidth(self.width())

    def paintEvent(self, event) -> None:
        look = self.look
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.isDown() or self.underMouse():
            painter.fillRect(self.rect(), look.colour("secondary"))
        pad = look.space.gap
        name_colour = look.colour("danger" if self._missed and look.theme.name != "high-contrast" else "screen_text")
        if self._missed and look.theme.name == "high-contrast":
            name_colour = look.colour("danger_text")
        side = self._icon_side()
        paint_icon(painter, QRectF(pad, (self.height() - side) / 2, side, side), "phone",
                   name_colour if self._missed else look.colour("screen_muted"))
        left = pad * 2 + side
        inner = self._text_width(self.width())
        name_font = look.font("large", bold=True)
        _, name_h = text_size(name_font, self._name, inner)
        top = look.space.lg
        painter.setPen(name_colour)
        draw_text(painter, QRectF(left, top, inner, name_h), self._name, name_font, Qt.AlignmentFlag.AlignLeft)
        painter.setPen(look.colour("screen_muted"))
        draw_text(painter, QRectF(left, top + name_h, inner, self.height()), self._detail, look.font("small"),
                  Qt.AlignmentFlag.AlignLeft)
        painter.setPen(QPen(look.colour("border"), max(1, look.line.hair)))
        painter.drawLine(int(left), self.height() - 1, self.width(), self.height() - 1)
        if self.hasFocus():
            paint_focus_ring(painter, QRectF(self.rect()), look, look.space.sm)
        painter.end()


@element_widget("call-log")
class CallLogElement(ElementWidget):
    """The list of recent calls; each call's id is a target."""

    def __init__(self, element: Element, ctx: ElementContext, parent: QWidget | None = None) -> None:
        super().__init__(element, ctx, parent)
        look = self.look
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        if element.text("label") is not None:
            layout.addWidget(TextBlock(ctx.text(element.text("label")), look, colour="screen_text", bold=True))
        self.rows: dict[str, CallRow] = {}
        for call in element.props.get("calls", ()):
            kind = call.get("kind", "incoming")
            parts = [look.tr(KIND_KEYS.get(kind, "calllog.incoming"))]
            if call.get("time") is not None:
                parts.append(ctx.text(call.get("time")))
            if call.get("number") and call.get("number") != ctx.text(call.get("name")):
                parts.append(str(call.get("number")))
            if call.get("note") is not None:
                parts.append(ctx.text(call.get("note")))
            row = CallRow(ctx.text(call.get("name")), "　".join(parts), kind == "missed", look)
            call_id = call["id"]
            row.clicked.connect(lambda _=False, c=call_id: self.emit_action(ActionKind.TAP, c))
            row.long_pressed.connect(lambda c=call_id: self.emit_action(ActionKind.LONG_PRESS, c))
            layout.addWidget(row)
            self.rows[call_id] = row
        self._arrows = ArrowNavigator(list(self.rows.values()), self)

    def target_widget(self, target: str):
        if target in self.rows:
            return self.rows[target]
        return super().target_widget(target)
