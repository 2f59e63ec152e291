"""A phone's call screen: who is calling, the state, and round buttons.

Incoming calls show the caller (or 「番号非通知」) over a dark screen, with a
green answer button and a red decline button, as real phones do. While
talking, the time and a red end button. Each button sends ``tap`` with its
id; the screen never decides anything.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from trainer.scenarios.actions import ActionKind
from trainer.scenarios.model import Element
from trainer.widgets.base import ElementContext, ElementWidget
from trainer.widgets.button import BigButton, focus_width
from trainer.widgets.icons import paint_icon
from trainer.widgets.labels import TextBlock
from trainer.widgets.look import Look
from trainer.widgets.registry import element_widget
from trainer.widgets.text_layout import draw_text, text_size

CALL_DISC = 68
"""Diameter of a call button's round disc at 100 %, in pixels."""
CALL_DISC_LEAST = 0.85
"""The smallest a call button's disc is drawn, as a share of its size at the look's scale: on a
phone's 8-character line at 150 % two discs with their gap were 5 px wider than the screen; squeezed,
the disc gives up to this much rather than the screen scrolling sideways (58 px at 100 %: still
far over a 44 px target)."""
CALL_LABEL_MAX = 200
"""Widest a call button's label may make the button at 100 %, in pixels."""
CALL_PAD = 18
"""Left and right padding of the call screen at 100 %, in pixels."""
RINGING_TOP = 28
"""Top padding of the call screen while it rings, at 100 %."""
RINGING_BOTTOM = 22
"""Bottom padding of the call screen while it rings, at 100 %."""
RINGING_BUTTONS_GAP = 36
"""Space above the answer/decline buttons while it rings, at 100 %."""

ANSWER_GREEN = "#0E5A22"
"""Answer button: white on this green is 8:1, enough for the high-contrast theme too."""

STATES = ("incoming", "calling", "talking", "ended")
"""The states of a call (``call.state.<state>`` in the catalogue)."""


class CallButton(BigButton):
    """A round button (a disc with a phone icon) with its label underneath."""

    def __init__(self, text: str, look: Look, kind: str, parent: QWidget | None = None) -> None:
        style = "danger" if kind in ("decline", "end") else ("primary" if kind == "answer" else "secondary")
        super().__init__(text, look, style=style, parent=parent)
        self.call_kind = kind

    def _disc(self, width: int | None = None) -> int:
        """The disc's diameter at the look's size, or smaller down to ``CALL_DISC_LEAST`` of it when
        the button is only ``width`` wide (its ring on either side included)."""
        disc = self.look.px(CALL_DISC)
        if width is None:
            return disc
        return max(self._least_disc(), min(disc, width - 2 * focus_width(self.look)))

    def _least_disc(self) -> int:
        return round(self.look.px(CALL_DISC) * CALL_DISC_LEAST)

    def _label_font(self):
        return self.look.font("body", bold=True)

    def sizeHint(self) -> QSize:
        natural, _ = text_size(self._label_font(), self.text())
        width = max(self._disc(), min(natural, self.look.px(CALL_LABEL_MAX))) + 2 * focus_width(self.look) + self.look.space.md
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        width = self._least_disc() + 2 * focus_width(self.look)
        return QSize(width, self.heightForWidth(width))

    def heightForWidth(self, width: int) -> int:
        ring = focus_width(self.look)
        _, text_h = text_size(self._label_font(), self.text(), max(1, width - 2 * ring))
        return 2 * ring + self._disc(width) + self.look.space.sm + text_h

    def _fill(self) -> tuple[QColor, QColor]:
        look = self.look
        if self.call_kind == "answer":
            return QColor(ANSWER_GREEN), QColor("#FFFFFF")
        if self.call_kind in ("decline", "end"):
            fill = look.colour("danger")
            if fill.lightness() < 20:  # high contrast: a black disc would vanish on the dark screen
                fill = QColor("#B3261E")
            return fill, QColor("#FFFFFF")
        return look.colour("secondary"), look.colour("secondary_text")

    def paintEvent(self, event) -> None:
        look = self.look
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        ring = focus_width(look)
        disc = self._disc(self.width())
        left = (self.width() - disc) / 2
        circle = QRectF(left, ring, disc, disc)
        fill, ink = self._fill()
        if self.isDown():
            fill = fill.darker(125)
        elif self.underMouse():
            fill = fill.lighter(115)
        path = QPainterPath()
        path.addEllipse(circle)
        painter.fillPath(path, fill)
        painter.setPen(QPen(look.colour("bezel_text"), max(2, look.line.mid)))
        painter.drawEllipse(circle)
        icon = circle.adjusted(disc * 0.26, disc * 0.26, -disc * 0.26, -disc * 0.26)
        if self.call_kind in ("decline", "end"):
            painter.save()
            painter.translate(icon.center())
            painter.rotate(135)
            painter.translate(-icon.center())
            paint_icon(painter, icon, "phone", ink)
            painter.restore()
        else:
            paint_icon(painter, icon, "phone", ink)
        painter.setPen(look.colour("bezel_text"))
        label = QRectF(ring, circle.bottom() + look.space.sm, self.width() - 2 * ring,
                       self.height() - circle.bottom() - look.space.sm)
        draw_text(painter, label, self.text(), self._label_font(), Qt.AlignmentFlag.AlignHCenter)
        if self.hasFocus() or self.emphasised:
            colour = look.colour("highlight" if self.emphasised and not self.hasFocus() else "focus")
            painter.setPen(QPen(colour, ring))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(circle.adjusted(-ring / 2, -ring / 2, ring / 2, ring / 2))
        painter.end()


class _Dark(QWidget):
    """The dark call background (rounded, like the phone's own screen)."""

    def __init__(self, look: Look, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._look = look

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        path = QPainterPath()
        path.addRoundedRect(QRectF(self.rect()), self._look.space.xl, self._look.space.xl)
        painter.fillPath(path, self._look.colour("bezel"))
        painter.end()


@element_widget("call")
class CallElement(ElementWidget):
    """The call screen with its caller, state and round buttons."""

    def __init__(self, element: Element, ctx: ElementContext, parent: QWidget | None = None) -> None:
        super().__init__(element, ctx, parent)
        look = self.look
        state = element.props.get("state", "incoming")
        panel = _Dark(look)
        column = QVBoxLayout(panel)
        pad = min(look.px(CALL_PAD), 24)  # a phone's narrow screen at big text: the buttons need the width
        ringing = state == "incoming"
        top = look.px(RINGING_TOP) if ringing else look.space.wide
        bottom = look.px(RINGING_BOTTOM) if ringing else look.space.wide
        column.setContentsMargins(pad, top, pad, bottom)
        column.setSpacing(look.space.md)
        status = look.tr(f"call.state.{state if state in STATES else 'incoming'}")
        if state == "talking" and element.props.get("time"):
            status = f"{status}　{element.props['time']}"
        self.status = TextBlock(status, look, colour="bezel_text", align=Qt.AlignmentFlag.AlignHCenter)
        self.caller = TextBlock(ctx.text(element.text("caller")), look, role="heading", colour="bezel_text",
                                bold=True, align=Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(self.status)
        column.addWidget(self.caller)
        number = element.props.get("number")
        if number:
            column.addWidget(TextBlock(str(number), look, role="large", colour="bezel_text",
                                       align=Qt.AlignmentFlag.AlignHCenter))
        column.addSpacing(look.px(RINGING_BUTTONS_GAP) if ringing else look.space.gap)
        row = QHBoxLayout()
        row.setSpacing(min(look.space.xxl, 32))
        row.addStretch(1)
        self.buttons: dict[str, CallButton] = {}
        for spec in element.props.get("buttons", ()):
            button = CallButton(ctx.text(spec.get("label")), look, spec.get("kind") or "other")
            button_id = spec["id"]
            button.clicked.connect(lambda _=False, b=button_id: self.emit_action(ActionKind.TAP, b))
            row.addWidget(button)
            self.buttons[button_id] = button
        row.addStretch(1)
        column.addLayout(row)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(panel)

    def target_widget(self, target: str):
        if target in self.buttons:
            return self.buttons[target]
        return super().target_widget(target)
