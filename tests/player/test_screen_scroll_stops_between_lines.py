"""A device's screen, scrolled to what a step asks for, stops between two lines of a paragraph.

At 1280×720 / 300 % the kiosk's 「内容の確認」 showed only 「修正する」「確定」 with blank room below them:
the summary above them (交付先, 証明書, 通数, 料金: what the step asks the learner to check) is one
five-line text, it counted as one band of text that no scroll position may cut, so the screen was
scrolled past its end to the line after it. Each line of a paragraph is a band of its own now.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QWidget

from tests.player.conftest import window_at
from tests.player.visibility import visible_share
from trainer.widgets.devices import text_bands
from trainer.widgets.labels import TextBlock


def test_each_line_of_a_paragraph_is_a_band_of_its_own(qtbot, look):
    screen = QWidget()
    qtbot.addWidget(screen)
    text = TextBlock("交付先：みどり市\n証明書：住民票の写し\n記載事項：なし\n通数：1通\n料金：300円", look, parent=screen)
    text.setGeometry(10, 30, 400, text.heightForWidth(400))
    bands = text_bands(screen)
    assert len(bands) == 5, "a band per line, not one for the paragraph"
    assert bands[0][0] >= 30 and bands[-1][1] < 30 + text.height()
    assert all(bottom < next_top for (_, bottom), (next_top, _) in zip(bands, bands[1:], strict=False)), "lines do not overlap"


@pytest.mark.parametrize("furigana", [False, True], ids=["plain", "furigana"])
@pytest.mark.parametrize("theme", ["standard", "high-contrast"])
def test_the_kiosks_summary_shows_above_its_buttons_without_blank_room_below(qtbot, theme, furigana):
    _, player = window_at(qtbot, "konbini-juminhyo", "confirm", theme=theme, furigana=furigana)
    confirm = player.view.target_widget("confirm")
    assert confirm is not None and visible_share(confirm, player.window()) >= 0.9
    viewport = player.device.scroll_area.viewport()
    assert player.device._room_below <= viewport.height() // 10, "not scrolled far past the screen's end"
    summary = next(w for w in player.view.findChildren(QWidget)
                   if hasattr(w, "line_bands") and "料金" in w.text())
    assert type(summary).__name__ == ("RubyLabel" if furigana else "TextBlock")
    top = summary.mapTo(viewport, QPoint(0, 0)).y()
    lines = summary.line_bands()
    assert len(lines) >= 5
    seen = [(top + a, top + b) for a, b in lines if top + a >= 0 and top + b < viewport.height()]
    assert seen, "some of the summary is in view above the buttons"
    assert not [1 for a, b in lines if top + a < 0 <= top + b], "no line cut in two at the screen's top edge"
