"""Walking the focus chain leaves no wrapper of a deleted page behind (issue 17, item 5).

PySide binds what ``nextInFocusChain`` returns to the widget it was asked of (shiboken's return-value
heuristic). A page bound so to a widget of another page that is deleted first, then bound again by the
next walk and deleted itself, kept its Python wrapper for good: each finish page and each device body of
a day of practice (``benchmarks/memory_bench.py``). ``lifetime.next_in_focus_chain`` binds the answer
back to its Qt parent."""

from __future__ import annotations

import gc
import weakref

import shiboken6
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from trainer.widgets.focus import focus_first, order_tabs, tab_stops
from trainer.widgets.lifetime import next_in_focus_chain


class Page(QWidget):
    """A Python-made page (its wrapper carries PySide's C++ side, as every page of the app does)."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        layout = QVBoxLayout(self)
        self.button = QPushButton(name)
        self.button.setAccessibleName(name)
        layout.addWidget(self.button)


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


def delete(page: QWidget) -> None:
    page.hide()
    page.deleteLater()
    settle()


def stack_of(qtbot, *names: str) -> tuple[QStackedWidget, list[Page]]:
    stack = QStackedWidget()
    qtbot.addWidget(stack)
    pages = [Page(name) for name in names]
    for page in pages:
        stack.addWidget(page)
    stack.show()
    settle()
    return stack, pages


def test_a_page_met_by_two_walks_whose_first_walker_went_first_lets_its_wrapper_go(qtbot):
    stack, (before, finish, after) = stack_of(qtbot, "before", "finish", "after")
    stack.setCurrentWidget(finish)
    focus_first(finish)  # the walk binds the finish page to the page before it in the chain
    delete(before)  # that page goes first (the player, put away when its finish page is shown)
    stack.setCurrentWidget(after)
    focus_first(after)  # the next page's first focus walks the whole chain again
    watch = weakref.ref(finish)
    del finish
    delete(watch())  # the finish page is put away while the next page lives on
    assert watch() is None


def test_the_tab_order_walk_lets_go_too(qtbot):
    stack, (before, page, after) = stack_of(qtbot, "before", "page", "after")
    order_tabs([page])
    delete(before)
    order_tabs([after])
    watch = weakref.ref(page)
    del page
    delete(watch())
    assert watch() is None


def test_the_walk_still_finds_the_chain(qtbot):
    stack, (first, second) = stack_of(qtbot, "first", "second")
    assert tab_stops(stack) == [first.button]  # (the hidden page's button is no Tab stop)
    assert next_in_focus_chain(first) is first.button
    assert shiboken6.isValid(first.button)


def test_a_day_of_practice_leaves_no_finish_page_behind(qtbot):
    """The same through the window: every finish page put away, and every device body, is gone."""
    from tests.player.autoplay import perform, routes
    from tests.player.test_pages_let_go import window_on_home
    from trainer.app.finish import FinishPage
    from trainer.widgets.devices import DeviceFrame

    def dead_wrappers() -> list:
        return [obj for obj in gc.get_objects()
                if isinstance(obj, (FinishPage, DeviceFrame)) and not shiboken6.isValid(obj)]

    earlier = {id(obj) for obj in dead_wrappers()}  # left by tests before this one: not this test's
    window = window_on_home(qtbot)
    from tests.player.conftest import bundled

    scenario = next(s for s in bundled() if "done" in routes(s))
    pages: list[weakref.ref] = []
    for _ in range(3):
        player = window.start(scenario.id)
        for move in routes(scenario)["done"]:
            perform(player, move.expect)
        del player
        assert window.page_name == "finish"
        pages.append(weakref.ref(window._pages["finish"]))
        window.show_home()
        settle()
    window.start(scenario.id)  # the last finish page is put away when the next one comes: start one more
    settle()
    dead = [type(obj).__name__ for obj in dead_wrappers() if id(obj) not in earlier]
    assert [ref() is None for ref in pages[:2]] == [True, True]
    assert dead == []
