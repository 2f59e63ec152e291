"""Headings, paragraphs (normal, note, warning, large, small) and big amounts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from trainer.scenarios.model import Element
from trainer.widgets.accessibility import set_role
from trainer.widgets.base import ElementContext, ElementWidget
from trainer.widgets.icons import paint_icon
from trainer.widgets.labels import Box, make_text
from trainer.widgets.registry import element_widget

WARNING_ICON_SIDE = 30
"""Side of the warning sign beside a warning text at 100 %, in pixels."""


def _column(widget: QWidget, spacing: int = 0) -> QVBoxLayout:
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(spacing)
    return layout


@element_widget("heading")
class HeadingElement(ElementWidget):
    """A large bold heading."""

    def __init__(self, element: Element, ctx: ElementContext, parent: QWidget | None = None) -> None:
        super().__init__(element, ctx, parent)
        _column(self).addWidget(set_role(make_text(ctx.raw(element.text("text")), self.look, role="heading",
                                                   colour="screen_text", bold=True, readings=ctx.readings),
                                         "heading"))


class _Icon(QWidget):
    """A fixed-size icon (decoration; the text beside it says the same)."""

    def __init__(self, name: str, colour: str, side: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._name, self._colour = name, colour
        self.setFixedSize(side, side)

    def paintEvent(self, event) -> None:
        from PySide6.QtCore import QRectF
        from PySide6.QtGui import QColor, QPainter

        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint_icon(painter, QRectF(self.rect()), self._name, QColor(self._colour), stroke=2.2)
        painter.end()


@element_widget("text")
class TextElement(ElementWidget):
    """A paragraph; ``style`` makes it a note, a warning, large or small."""

    def __init__(self, element: Element, ctx: ElementContext, parent: QWidget | None = None) -> None:
        super().__init__(element, ctx, parent)
        style = element.props.get("style", "normal")
        raw = ctx.raw(element.text("text"))
        look = self.look
        layout = _column(self)
        if style in ("note", "warning"):
            fill, colour = ("warning", "warning_text") if style == "warning" else ("note", "note_text")
            box = Box(look, fill=fill, border=colour)
            row = QHBoxLayout()
            row.setSpacing(look.space.lg)
            if style == "warning":
                row.addWidget(_Icon("warning", look.hex(colour), look.px(WARNING_ICON_SIDE)), 0, Qt.AlignmentFlag.AlignTop)
            row.addWidget(make_text(raw, look, colour=colour, bold=style == "warning", readings=ctx.readings), 1)
            box.box_layout.addLayout(row)
            layout.addWidget(box)
            return
        role, colour, bold = {"large": ("large", "screen_text", True),
                              "small": ("small", "screen_muted", False)}.get(style, ("body", "screen_text", False))
        # each line its own text (a list of 「・」 points): on a phone at big text such a paragraph is taller
        # than the screen, and the screen can then scroll to 「次へ」 with no line cut at its top edge
        lines = [line for line in raw.split("\n") if line.strip()] or [raw]
        layout.setSpacing(look.space.xs if len(lines) > 1 else 0)
        for line in lines:
            layout.addWidget(make_text(line, look, role=role, colour=colour, bold=bold, readings=ctx.readings))


@element_widget("amount")
class AmountElement(ElementWidget):
    """A balance or an amount in large figures."""

    def __init__(self, element: Element, ctx: ElementContext, parent: QWidget | None = None) -> None:
        super().__init__(element, ctx, parent)
        look = self.look
        box = Box(look, fill="screen", border="border")
        label = element.text("label")
        if label is not None:
            box.box_layout.addWidget(make_text(ctx.raw(label), look, colour="screen_muted",
                                               align=Qt.AlignmentFlag.AlignHCenter, readings=ctx.readings))
        unit = ctx.text(element.text("unit")) if element.text("unit") else None
        amount = int(element.props["amount"])
        shown = f"{amount:,} {unit}" if unit else ctx.money(amount)
        box.box_layout.addWidget(make_text(shown, look, role="huge", colour="screen_text", bold=True,
                                           align=Qt.AlignmentFlag.AlignHCenter))
        _column(self).addWidget(box)
