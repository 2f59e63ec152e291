"""Text that wraps and never clips: plain blocks, boxed notices, and the
factory that gives furigana when the learner asked for it.

``TextBlock`` measures and paints with one text layout (see
``text_layout``), reports height-for-width, and its accessible name is its
text. ``make_text`` returns a ``RubyLabel`` (furigana above kanji) when
furigana is on and that widget is available, else a ``TextBlock`` of the
plain text (reading notation ``｜都城《みやこのじょう》`` removed).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from trainer.reading.ruby import plain
from trainer.widgets.icons import paint_icon
from trainer.widgets.look import Look
from trainer.widgets.text_layout import (
    BODY_LINE_HEIGHT,
    LINE_HEIGHT,
    draw_text,
    font_key,
    line_height,
    text_size,
)

TEXT_CAP = 760
"""Widest a label's text is laid out before it wraps (without a max width of its own), at 100%."""

RUNNING_TEXT = ("body", "small")
"""Text roles of paragraphs: their lines are ``BODY_LINE_HEIGHT`` apart (headings: ``LINE_HEIGHT``)."""


class TextBlock(QWidget):
    """A paragraph in one text role and colour, optionally in a box with an icon."""

    def __init__(self, text: str, look: Look, *, role: str = "body", colour: str = "text",
                 bold: bool = False, align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
                 box: str | None = None, box_text: str | None = None, border: str | None = None,
                 icon: str | None = None, max_width: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._look = look
        self._role = role
        self._colour = box_text or colour
        self._bold = bold
        self._align = align
        self._box = box
        self._border = border
        self._icon = icon
        self._max_width = max_width
        self._text = ""
        self._font = look.font(role, bold=bold)
        self._font_key = font_key(self._font)
        self._pitch = BODY_LINE_HEIGHT if role in RUNNING_TEXT else LINE_HEIGHT
        self._hfw: dict[int, int] = {}
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.set_text(text)

    # -- content --------------------------------------------------------------
    def text(self) -> str:
        return self._text

    def set_text(self, text: str) -> None:
        self._text = text
        self._hfw.clear()
        self.setAccessibleName(text)
        self.updateGeometry()
        self.update()

    setText = set_text  # the Qt spelling, for code written against QLabel

    def set_colours(self, colour: str, box: str | None = None, border: str | None = None) -> None:
        self._colour, self._box, self._border = colour, box, border
        self.update()

    def set_icon(self, icon: str | None) -> None:
        self._icon = icon
        self._hfw.clear()
        self.updateGeometry()
        self.update()

    # -- geometry -------------------------------------------------------------
    def font_(self):
        return self._font

    def _pad(self) -> int:
        return self._look.space.wide if self._box else 0

    def _icon_side(self) -> int:
        return int(line_height(self.font_()) * 1.2) if self._icon else 0

    def _chrome(self) -> int:
        return 2 * self._pad() + (self._icon_side() + self._look.space.lg if self._icon else 0)

    def sizeHint(self) -> QSize:
        natural, _ = text_size(self._font, self._text, key=self._font_key)
        cap = self._max_width or self._look.px(TEXT_CAP)
        width = min(natural + 1, cap) + self._chrome()
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        char, line = text_size(self.font_(), "あい")
        width = min(self.sizeHint().width(), char + self._chrome())
        return QSize(width, max(line, self._icon_side()) + 2 * self._pad())

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        found = self._hfw.get(width)
        if found is None:
            inner = max(1, width - self._chrome())
            _, height = text_size(self._font, self._text or " ", inner, key=self._font_key, pitch=self._pitch)
            found = self._hfw[width] = max(height, self._icon_side()) + 2 * self._pad()
        return found

    def text_fits(self) -> bool:
        """True when every line of the text is inside the widget (for tests)."""
        return self.height() >= self.heightForWidth(self.width())

    # -- painting -------------------------------------------------------------
    def paintEvent(self, event) -> None:
        look = self._look
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect())
        if self._box:
            radius = look.space.lg
            path = QPainterPath()
            path.addRoundedRect(rect.adjusted(1, 1, -1, -1), radius, radius)
            painter.fillPath(path, look.colour(self._box))
            if self._border:
                width = max(2, look.line.mid)
                painter.setPen(QPen(look.colour(self._border), width))
                painter.drawPath(path)
        pad = self._pad()
        content = rect.adjusted(pad, pad, -pad, -pad)
        colour = look.colour(self._colour)
        if self._icon:
            side = self._icon_side()
            paint_icon(painter, QRectF(content.left(), content.top(), side, side), self._icon, colour)
            content.setLeft(content.left() + side + look.space.lg)
        painter.setPen(colour)
        draw_text(painter, content, self._text, self.font_(), self._align, pitch=self._pitch)
        painter.end()


def make_text(raw: str, look: Look, *, role: str = "body", colour: str = "text", bold: bool = False,
              readings: Mapping[str, str] | None = None, align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
              parent: QWidget | None = None) -> QWidget:
    """A text widget for ``raw`` (which may hold reading notation).

    With furigana on, a ``RubyLabel`` (furigana over kanji, readings from
    the scenario's ``readings:`` first); otherwise a ``TextBlock`` of the
    plain text."""
    if look.furigana:
        ruby = ruby_label(raw, look, role=role, colour=colour, bold=bold, readings=readings, parent=parent)
        if ruby is not None:
            return ruby
    return TextBlock(plain(raw), look, role=role, colour=colour, bold=bold, align=align, parent=parent)


_readers: OrderedDict[tuple[tuple[str, str], ...], object] = OrderedDict()
READERS_KEPT = 16
"""Readers kept (one per set of ``readings:``; each caches its analyses): a day over a large catalogue
must not keep one per scenario ever opened."""


def reader_for(readings: Mapping[str, str] | None):
    """A shared ``Reader`` with the scenario's ``readings:`` (one per set of readings, the last few kept)."""
    from trainer.reading.engine import Reader

    key = tuple(sorted((readings or {}).items()))
    found = _readers.get(key)
    if found is None:
        found = _readers[key] = Reader(dict(key))
        while len(_readers) > READERS_KEPT:
            _readers.popitem(last=False)
    else:
        _readers.move_to_end(key)
    return found


def ruby_label(raw: str, look: Look, *, role: str = "body", colour: str = "text", bold: bool = False,
               readings: Mapping[str, str] | None = None, parent: QWidget | None = None) -> QWidget | None:
    """A ``RubyLabel`` for ``raw`` in the look's font and colour, or None when
    furigana cannot be shown here (the widget or the dictionary is missing)."""
    try:
        from trainer.widgets.ruby_label import RubyLabel
    except ImportError:
        return None
    widget = RubyLabel(raw, reader=reader_for(readings), font=look.font(role, bold=bold), furigana=True,
                       parent=parent)
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.WindowText, look.colour(colour))
    palette.setColor(QPalette.ColorRole.Highlight, look.colour("praise"))
    palette.setColor(QPalette.ColorRole.HighlightedText, look.colour("praise_text"))
    widget.setPalette(palette)
    return widget


class Box(QWidget):
    """A rounded, filled box that holds other widgets (notes, warnings, cards)."""

    def __init__(self, look: Look, *, fill: str = "surface", border: str | None = "border",
                 padding: int = 14, radius: int = 10, border_width: float = 2,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._look = look
        self._fill = fill
        self._border = border
        self._radius = look.px(radius)
        self._border_width = max(1, look.px(border_width))
        from PySide6.QtWidgets import QVBoxLayout

        self.box_layout = QVBoxLayout(self)
        pad = look.px(padding)
        self.box_layout.setContentsMargins(pad, pad, pad, pad)
        self.box_layout.setSpacing(look.space.md)

    def set_colours(self, fill: str, border: str | None) -> None:
        self._fill, self._border = fill, border
        self.update()

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        half = self._border_width / 2
        rect = QRectF(self.rect()).adjusted(half, half, -half, -half)
        path = QPainterPath()
        path.addRoundedRect(rect, self._radius, self._radius)
        painter.fillPath(path, self._look.colour(self._fill))
        if self._border:
            painter.setPen(QPen(self._look.colour(self._border), self._border_width))
            painter.drawPath(path)
        painter.end()
