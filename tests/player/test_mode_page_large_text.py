"""The start page of a scenario (「どのように練習しますか？」, issue #10 item 9): at every text size on
1280×720 and 1920×1080 the question and all three ways to practise are on screen without
scrolling — at 300 % the question used to be below 「もどる」 and two rows of buttons, out of view."""

from __future__ import annotations

import pytest

from tests.player.app_pages import make_window, open_page, overlapping_texts, visible_fraction
from tests.player.conftest import bundled
from trainer.app.library import Library


@pytest.mark.parametrize("theme", ["standard", "high-contrast"])
@pytest.mark.parametrize("scale", [100, 150, 200, 300])
@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)], ids=["1280x720", "1920x1080"])
def test_the_question_and_every_way_to_practise_are_in_view(qtbot, size, scale, theme):
    window = make_window(Library(bundled()), scale, theme, size)
    qtbot.addWidget(window)
    open_page(window, "modes")
    page = window._pages["modes"]
    seen = {"question": visible_fraction(page.question), "back": visible_fraction(page.back),
            **{mode: visible_fraction(button) for mode, button in page.buttons.items()}}
    hidden = {what: f"{share:.0%}" for what, share in seen.items() if share < 0.9}
    assert not hidden, f"not on screen without scrolling: {hidden}"
    assert not overlapping_texts(window)
    tops = {button.mapTo(page, button.rect().topLeft()).y() for button in page.buttons.values()}
    assert len(tops) == 1, "the three ways share one row"
    buttons = list(page.buttons.values())
    assert buttons[0].look.scale >= min(scale / 100, 1.75), "the buttons stay large (no smaller than 175 %)"
