"""The finish page at big text: the heading, what was practised and the first line of the ending are
in view above the pinned 「ほかの練習へ」「もう一度」, without scrolling. At 1280×720 / 300 % the page
showed the heading, a two-line title and one line of nothing: the ending began below the fold."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontMetricsF

from tests.player.app_pages import make_window, settle, visible_fraction
from tests.player.conftest import bundled
from trainer.app.library import Library


def finishes():
    for scenario in bundled():
        step = next((s for s in scenario.steps if s.is_finish and s.say), None)
        if step is not None:
            yield scenario, step


@pytest.mark.parametrize(("size", "theme"), [((1280, 720), "standard"), ((1280, 720), "high-contrast"),
                                             ((1920, 1080), "standard")])
def test_the_ending_begins_above_the_pinned_buttons_at_300_percent(qtbot, size, theme):
    window = make_window(Library(list(bundled())), 300, theme, size)
    qtbot.addWidget(window)
    hidden = []
    for scenario, step in finishes():
        window.show_finish(step, scenario)
        settle()
        page = window._pages["finish"]
        line = QFontMetricsF(page.ending.font()).height() if hasattr(page.ending, "font") else 0
        seen_rows = visible_fraction(page.ending) * page.ending.height()
        if visible_fraction(page.headline) < 0.99 or visible_fraction(page.title) < 0.99 or seen_rows < line:
            hidden.append(f"{scenario.id}/{step.id}: heading {visible_fraction(page.headline):.0%}, "
                          f"title {visible_fraction(page.title):.0%}, ending {seen_rows:.0f} px of a {line:.0f} px line")
        assert visible_fraction(page.others) > 0.99 and visible_fraction(page.again) > 0.99
    assert hidden == []
