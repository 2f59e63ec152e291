"""Measure and draw wrapped text exactly the same way.

Both the size a widget asks for and the text it paints come from one
``QTextLayout`` with "wrap at word boundaries, or anywhere if a word (a
long URL) does not fit", so what is measured is what is drawn and nothing
is clipped. ``\\n`` in the text starts a new line.
"""

from __future__ import annotations

import functools
import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QPainter, QTextLayout, QTextOption

_BIG = 1 << 20
LEADING = 0.3
"""Extra space between wrapped lines, in text heights (older eyes need more)."""


def _layout(font: QFont, text: str, width: float, align: Qt.AlignmentFlag) -> tuple[QTextLayout, float, float]:
    layout = QTextLayout(text.replace("\n", "\u2028"), font)
    option = QTextOption(align)
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.setCacheEnabled(True)
    height = 0.0
    widest = 0.0
    leading = font.pixelSize() * LEADING if font.pixelSize() > 0 else 0.0
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        if height:
            height += leading
        line.setLineWidth(max(1.0, width))
        line.setPosition(QPointF(0, height))
        height += line.height()
        widest = max(widest, line.naturalTextWidth())
    layout.endLayout()
    return layout, widest, height


_fonts: dict[str, QFont] = {}


@functools.lru_cache(maxsize=8192)
def _measure(font_key: str, text: str, width: int) -> tuple[int, int]:
    _, widest, height = _layout(_fonts[font_key], text, width, Qt.AlignmentFlag.AlignLeft)
    return math.ceil(widest), math.ceil(height)


def font_key(font: QFont) -> str:
    """A key for ``font`` that ``text_size`` can be given to skip computing it again."""
    key = font.key()
    if key not in _fonts:
        _fonts[key] = QFont(font)
    return key


def text_size(font: QFont, text: str, width: float | None = None, key: str | None = None) -> tuple[int, int]:
    """(width, height) of ``text`` wrapped at ``width`` (unwrapped if None).

    Results are cached: layouts ask the same question many times per frame,
    and the same texts come back on every step. Pass ``key`` (``font_key``)
    when asking often about one font."""
    return _measure(key or font_key(font), text or " ", int(width) if width is not None else _BIG)


def line_height(font: QFont) -> int:
    return text_size(font, "あ")[1]


@functools.lru_cache(maxsize=1024)
def _drawable(font_key: str, text: str, width: float, align: Qt.AlignmentFlag) -> tuple[QTextLayout, float]:
    layout, _, height = _layout(_fonts[font_key], text, width, align)
    return layout, height


def draw_text(painter: QPainter, rect: QRectF, text: str, font: QFont,
              align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft, valign_centre: bool = False) -> None:
    """Draw ``text`` wrapped inside ``rect`` (pen = current painter pen).

    The laid-out text is kept (a small cache), so repainting costs only the drawing."""
    layout, height = _drawable(font_key(font), text, rect.width(), align)
    top = rect.top() + (max(0.0, (rect.height() - height) / 2) if valign_centre else 0.0)
    layout.draw(painter, QPointF(rect.left(), top))
