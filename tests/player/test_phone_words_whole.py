"""A word of a choice on the phone's narrow screen stands whole on a line (issue #10): at 300 % in a
1280×720 window the bank choice 「やまの農業協同組合」 was drawn 「やまの / 農業協 / 同組合」. An option (and a tick
box) now draws its words a little smaller where a word would not fit whole (``fit_words``), every
option of a list at the same size.

Measured on the real widgets: each option's lines as it lays them out (``laid_out`` in the width the
button draws its text in) break only where a phrase (BudouX) begins.
"""

from __future__ import annotations

import pytest

from tests.player.conftest import window_at
from trainer.widgets.elements.choices import ChoiceListElement
from trainer.widgets.phrases import phrase_starts
from trainer.widgets.text_layout import laid_out


def torn_words(button) -> list[str]:
    """The lines of ``button``'s label where a line ends inside a phrase."""
    found = []
    for text in button.text().split("\n"):
        starts = set(phrase_starts(text)) | {0, len(text)}
        lines = [line for line, _ in laid_out(button._font(), text, button.width() - button._chrome_width())]
        at = 0
        for line in lines[:-1]:
            at += len(line)
            if at not in starts and not text[at - 1].isspace():
                found.append(" / ".join(lines))
                break
    return found


@pytest.mark.parametrize(("size", "scale"), [((1280, 720), 3.0), ((1920, 1080), 3.0), ((1920, 1080), 1.5)])
@pytest.mark.parametrize("theme", ["standard", "high-contrast"])
def test_a_choice_s_words_stand_whole_on_the_phone(qtbot, size, scale, theme):
    window, player = window_at(qtbot, "public-money-account", "bank", size=size, scale=scale, theme=theme)
    lists = [c for c in player.findChildren(ChoiceListElement) if c.isVisible()]
    assert lists, "the bank choice is shown"
    options = list(lists[0].options.values())
    torn = [t for button in options for t in torn_words(button)]
    assert not torn, torn
    assert len({button.property("words_scale") for button in options}) == 1, "every option at one size"
    assert min(min(b.width(), b.height()) for b in options) >= 44
