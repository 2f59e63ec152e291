"""The quit question fits on the screen it is asked on (issue 10, item 9).

At 300 % on a 1280×720 window the question was 1200×753 px: a dialog taller than the
screen, its 「続ける」「やめる」 below the edge. Now it keeps inside the window with room for
its own title bar, at every size up to 300 %, down to 1024×768.
"""

from __future__ import annotations

import pytest

from tests.player.app_pages import make_window, open_page, settle, visible_fraction
from tests.player.conftest import bundled
from trainer.app.library import Library

TITLE_BAR = 32
"""A window manager's title bar above the dialog, in pixels (the offscreen platform draws none)."""


def _case(size, scale, theme):
    return pytest.param(size, scale, theme, id=f"{size[0]}x{size[1]}-{scale}-{theme}")


CASES = [_case(size, scale, "standard") for size in [(1280, 720), (1024, 768)] for scale in (200, 250, 300)]
CASES += [_case((1280, 720), 300, "high-contrast"), _case((1920, 1080), 300, "standard")]


@pytest.mark.parametrize(("size", "scale", "theme"), CASES)
def test_the_quit_question_fits_inside_the_window(qtbot, size, scale, theme):
    window = make_window(Library(bundled()), scale, theme, size)
    qtbot.addWidget(window)
    dialog, actions = open_page(window, "quit")
    try:
        assert dialog.width() <= window.width(), f"the question is {dialog.width()} px wide"
        assert dialog.height() + TITLE_BAR <= window.height(), \
            f"the question is {dialog.height()} px high in a {window.height()} px window"
        for action in actions:
            assert visible_fraction(action) == pytest.approx(1.0), f"{action.text()!r} is cut"
    finally:
        dialog.close()
        settle()


def test_the_roomy_margins_stay_where_there_is_room(qtbot):
    """Only a question that would not fit gives up its margins: at 100 % they are the usual ones."""
    window = make_window(Library(bundled()), 100, "standard", (1280, 720))
    qtbot.addWidget(window)
    dialog, _ = open_page(window, "quit")
    try:
        assert dialog.layout().contentsMargins().left() == window.look.space.xxl
    finally:
        dialog.close()
        settle()
