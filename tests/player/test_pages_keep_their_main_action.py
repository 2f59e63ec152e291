"""Every page keeps its main action in view, in the real window, at every text size.

First start (the size being tried and 「この大きさではじめる」), the learner
choice (the first name, 「ゲストで練習」, 「先生・サポーター用」), home (a
category tile), the category list (its first 「はじめる」), finish (「ほかの練習へ」,
「もう一度」), settings (「閉じる」) and the quit question (「続ける」, 「やめる」):
at 1280×720 and 1920×1080, text 100/150/200/300 %, both themes, each is at
least 90 % on screen without scrolling (its visible region, clipped by every
ancestor, a scroll area's viewport too), and no two texts are drawn over
each other.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.player.app_pages import (
    make_window,
    open_page,
    open_progress,
    overlapping_texts,
    settle,
    visible_fraction,
)
from tests.player.conftest import bundled
from trainer.app.library import Library
from trainer.app.pages import ScrollPage
from trainer.widgets.button import BigButton
from trainer.widgets.look import Look, pick_family

SIZES = [(1280, 720), (1920, 1080)]
SCALES = [100, 150, 200, 300]
THEMES = ["standard", "high-contrast"]
PAGES = ["first-start", "learner", "home", "list", "modes", "finish", "settings", "quit"]


@pytest.fixture(scope="module")
def record(tmp_path_factory):
    opened = open_progress(tmp_path_factory.mktemp("record") / "data")
    yield opened
    opened.close()


def test_the_check_sees_a_button_a_scroll_area_hides(qtbot):
    """The measure itself: clipping by a scroll area's viewport counts as hidden."""
    look = Look(family=pick_family())
    page = ScrollPage(look)
    qtbot.addWidget(page)
    page.body.addSpacing(900)
    below = BigButton("下のボタン", look)
    below.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the window's first Tab stop gets the focus, and focus scrolls
    page.body.addWidget(below)
    page.resize(600, 400)
    page.show()
    settle()
    assert below.isVisible()  # Qt calls it visible: only the clipping says it is not in view
    assert visible_fraction(below) == 0.0
    page.verticalScrollBar().setValue(page.verticalScrollBar().maximum())
    settle()
    assert visible_fraction(below) == pytest.approx(1.0)
    # Half of it scrolled out of the viewport: less than 90 % is seen.
    page.verticalScrollBar().setValue(page.verticalScrollBar().value() - below.height() // 2 - 20)
    settle()
    assert 0.0 < visible_fraction(below) < 0.9


def test_the_check_sees_texts_drawn_over_each_other(qtbot):
    look = Look(family=pick_family())
    holder = ScrollPage(look)
    qtbot.addWidget(holder)
    one = BigButton("ひとつ", look, parent=holder.content)
    two = BigButton("ふたつ", look, parent=holder.content)
    holder.resize(600, 400)
    holder.show()
    one.setGeometry(10, 10, 200, 60)
    two.setGeometry(100, 30, 200, 60)
    settle()
    assert overlapping_texts(holder)
    two.move(100, 200)
    assert not overlapping_texts(holder)


def _check(target, actions, where: str) -> list[str]:
    found = []
    for action in actions:
        seen = visible_fraction(action)
        if seen < 0.9:
            found.append(f"{where}: {action.text()!r} is {seen:.0%} on screen")
    found += [f"{where}: {text}" for text in overlapping_texts(target)]
    return found


@pytest.mark.slow
@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("scale", SCALES)
@pytest.mark.parametrize("size", SIZES, ids=["1280x720", "1920x1080"])
def test_every_page_keeps_its_main_action_in_view(qtbot, record, size, scale, theme):
    library = Library(bundled())
    window = make_window(library, 100, theme, size, first_start=True)
    qtbot.addWidget(window)
    problems: list[str] = []
    # First start as a learner meets it: press the size to try it; the page is drawn again in it.
    page = window._pages["first-start"]
    qtbot.mouseClick(page.options[scale], Qt.MouseButton.LeftButton)
    settle()
    assert window.settings.text_scale == scale
    page = window._pages["first-start"]
    # The question stays in view too: at 300 % the sizes alone fill the page.
    problems += _check(window, [page.question, page.go, page.options[scale]], f"first-start {size} {scale}% {theme}")
    assert window.size().toTuple() == size, "the window grew past the screen"
    for name in PAGES[1:]:
        if name == "list":
            continue  # its own test below
        target, actions = open_page(window, name, record)
        problems += _check(target, actions, f"{name} {size} {scale}% {theme}")
        if target is not window:
            target.close()
        assert window.size().toTuple() == size, f"the window grew on {name}"
    assert not problems, "\n".join(problems)


def _list_case(size, scale, theme):
    return pytest.param(size, scale, theme, id=f"{size[0]}x{size[1]}-{scale}-{theme}")


@pytest.mark.parametrize(("size", "scale", "theme"),
                         [_list_case(size, scale, theme) for size in SIZES for scale in SCALES for theme in THEMES])
def test_the_category_list_keeps_its_first_start_in_view(qtbot, record, size, scale, theme):
    window = make_window(Library(bundled()), scale, theme, size)
    qtbot.addWidget(window)
    target, actions = open_page(window, "list", record)
    problems = _check(target, actions, f"list {size} {scale}% {theme}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("scale", [200, 300])
def test_in_english_too(qtbot, record, scale):
    """English words are longer: the bars still keep to one row and the actions in view."""
    window = make_window(Library(bundled()), scale, "standard", (1280, 720), lang="en")
    qtbot.addWidget(window)
    problems = []
    for name in ("learner", "home", "finish", "settings", "quit"):
        target, actions = open_page(window, name, record)
        problems += _check(target, actions, f"{name} {scale}% en")
        if target is not window:
            target.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", PAGES)
def test_at_1024x768_and_300_percent_every_page_still_works_by_scrolling(qtbot, record, name):
    window = make_window(Library(bundled()), 300, "standard", (1024, 768), first_start=name == "first-start")
    qtbot.addWidget(window)
    target, actions = open_page(window, name, record)
    assert window.size().toTuple() == (1024, 768)
    hint = window.minimumSizeHint()
    assert hint.width() <= 1024 and hint.height() <= 768, f"{name} asks for {hint.toTuple()}"
    if target is not window:  # the quit question fits inside the window
        assert target.width() <= window.width(), f"the question is {target.width()} px wide"
    for action in actions:
        scroll = action.parentWidget()
        while scroll is not None and not hasattr(scroll, "ensureWidgetVisible"):
            scroll = scroll.parentWidget()
        if scroll is not None:
            scroll.ensureWidgetVisible(action, 0, 0)
            QApplication.processEvents()
        assert visible_fraction(action) >= 0.9, f"{name}: {action.text()!r} cannot be brought into view"
    if target is not window:
        target.close()
