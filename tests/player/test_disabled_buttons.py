"""A button that cannot be pressed yet (「対応しました」 with no hand up, 「次へ」 before a choice) is still
readable: drawn plain, its muted words on a light fill, never muted words on a primary's dark blue."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from trainer.app.pages import fill
from trainer.widgets.button import BigButton, focus_width
from trainer.widgets.theme import contrast


def _hex(colour) -> str:
    return colour.name().upper()


@pytest.mark.parametrize("theme", ["standard", "high-contrast"])
@pytest.mark.parametrize("style", ["primary", "danger", "secondary", "tile"])
def test_a_disabled_button_keeps_its_words_readable(qtbot, make_look, theme, style):
    look = make_look(theme=theme)
    button = BigButton("対応しました", look, style=style)
    qtbot.addWidget(button)
    button.resize(320, look.target + 16)
    button.setEnabled(False)
    fill, text, _border = button.painted_colours()
    assert contrast(_hex(text), _hex(fill)) >= 4.5, (style, _hex(text), _hex(fill))
    # It is drawn so: the fill painted inside the body is the one named, not the style's own.
    image = button.grab().toImage()
    inside = image.pixelColor(QPoint(button.width() // 8, button.height() // 2))
    assert _hex(inside) == _hex(fill)
    button.setEnabled(True)
    enabled_fill, enabled_text, _ = button.painted_colours()
    assert (_hex(enabled_fill), _hex(enabled_text)) != (_hex(fill), _hex(text)) or style in ("secondary", "tile")


def test_the_case_this_is_about_muted_words_on_the_primary_fill_could_not_be_read(make_look):
    look = make_look(theme="standard")
    assert contrast(_hex(look.colour("muted")), _hex(look.colour("primary"))) < 3.0


def _gaps_in_top_border(button, border_hex: str) -> float:
    """Share of the top border's row (its middle half) not drawn in the border's colour."""
    image = button.grab().toImage()
    width = image.width()
    xs = range(width // 4, 3 * width // 4)

    def near(x, y) -> bool:
        colour = image.pixelColor(QPoint(x, y))
        target = QColor(border_hex)
        return max(abs(colour.red() - target.red()), abs(colour.green() - target.green()),
                   abs(colour.blue() - target.blue())) < 40

    top = focus_width(button._look)  # the body starts inside the focus ring's band (what is outside it is not ours)
    row = max(range(top, top + 6), key=lambda y: sum(near(x, y) for x in xs))
    return 1 - sum(near(x, row) for x in xs) / len(xs)


@pytest.mark.parametrize("theme", ["standard", "high-contrast"])
def test_a_disabled_button_is_not_taken_for_a_secondary_one_it_is_dashed(qtbot, make_look, theme):
    look = make_look(theme=theme)
    holder = QWidget()  # on the window's own colour, as in the app
    fill(holder, look)
    qtbot.addWidget(holder)
    button = BigButton("次へ", look, style="primary", parent=holder)
    secondary = BigButton("次へ", look, style="secondary", parent=holder)
    for each in (button, secondary):
        each.resize(320, look.target + 16)
    holder.resize(700, look.target + 40)
    secondary.move(340, 0)
    holder.show()
    button.setEnabled(False)
    border = _hex(button.painted_colours()[2])
    assert _gaps_in_top_border(button, border) > 0.15  # dashes
    assert _gaps_in_top_border(secondary, _hex(secondary.painted_colours()[2])) < 0.05  # a whole line
