"""Furigana labels draw their pieces from glyph runs shaped once (``ruby_label._glyphs``) instead of
``QPainter.drawText`` shaping each piece on every paint: the pixels must be the ones ``drawText``
makes, at the fractional positions the label's layout gives."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter

from trainer import fonts
from trainer.widgets.ruby_label import _glyphs

PIECES = ["今日", "は", "銀行", "で", "振込", "をします。", "「マイナンバー」", "ＡＴＭ", "abc 123", "ぎんこう",
          "Wi-Fi", "￥1,200", "（注）", "一"]


def _paint(draw) -> QImage:
    image = QImage(900, 140, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.setPen(QColor("black"))
    draw(painter)
    painter.end()
    return image


@pytest.mark.parametrize("px", [14, 28, 54, 84])
def test_glyph_runs_draw_the_pixels_draw_text_draws(qapp, px):
    fonts.register()
    font = QFont(fonts.FAMILY)
    font.setPixelSize(px)
    key = font.key()
    for text in PIECES:
        for x, y in ((3.0, px + 5.0), (10.37, px + 7.61), (21.5, px + 3.25)):
            def by_text(painter, text=text, x=x, y=y):
                painter.setFont(font)
                painter.drawText(QPointF(x, y), text)

            def by_runs(painter, text=text, x=x, y=y):
                painter.setFont(font)
                for run in _glyphs(key, font, text):
                    painter.drawGlyphRun(QPointF(x, y), run)

            expected, drawn = _paint(by_text), _paint(by_runs)
            assert not expected.isNull() and expected.pixelColor(0, 0) == QColor(Qt.GlobalColor.white)
            assert drawn == expected, f"{text!r} at {px}px, ({x}, {y})"
