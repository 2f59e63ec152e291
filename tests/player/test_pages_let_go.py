"""Pages and players the window has put away let go of what they held (memory over a day of practice).

PySide can keep the Python wrapper of a deleted page alive; without ``release_when_deleted`` it kept
the page's attributes too — a whole scenario per practice (``benchmarks/memory_bench.py``)."""

from __future__ import annotations

import gc
import weakref

import shiboken6
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QWidget

from tests.player.autoplay import perform, routes
from tests.player.conftest import bundled
from trainer.app.finish import FinishPage
from trainer.app.library import Library
from trainer.app.main_window import MainWindow
from trainer.app.settings import Settings


class Held:
    """Something a page holds (stands for its scenario, its run, its widgets)."""


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


def window_on_home(qtbot) -> MainWindow:
    window = MainWindow(Library(bundled()), settings=Settings(text_size_chosen=True, read_aloud=False),
                        ask_quit=lambda _parent, _look: True)
    qtbot.addWidget(window)
    window.resize(1280, 860)
    window.show()
    settle()
    return window


def test_a_finish_page_put_away_holds_nothing(qtbot):
    window = window_on_home(qtbot)
    scenario = bundled()[0]
    first = FinishPage(scenario, scenario.steps[-1], window.look)
    held = Held()
    first.held = held
    window._show("finish", first)
    settle()
    window._show("finish", FinishPage(scenario, scenario.steps[-1], window.look))  # the next practice's finish
    del first
    watch = weakref.ref(held)
    del held
    settle()
    assert watch() is None


def _target_there(player, target: str | None) -> bool:
    view = player.view
    return target is None or (view is not None and view.target_widget(target) is not None) or (
        player.device.part_widget(target) is not None)


def test_a_finished_player_holds_nothing(qtbot):
    window = window_on_home(qtbot)
    scenario = next(s for s in bundled() if "done" in routes(s))
    player = window.start(scenario.id)
    held = Held()
    player.held = held
    for move in routes(scenario)["done"]:
        # on a busy machine the step's screen may still be settling (a prepared screen swapped in on a
        # later pass): what the move works on is there first, as a learner would wait to see it
        qtbot.waitUntil(lambda move=move, player=player: _target_there(player, move.expect.target), timeout=10000)
        perform(player, move.expect)
    assert window.page_name == "finish" and window.player is None
    del player
    watch = weakref.ref(held)
    del held
    settle()
    assert watch() is None


def test_the_finish_and_home_pages_give_free_memory_back_but_a_step_never(qtbot, monkeypatch):
    """A quiet moment (the finish page, the home page) hands the allocator's free pages back; a step on
    screen never pays for it (``lifetime.give_back_free_memory``)."""
    import trainer.app.main_window as main_window

    given: list[str] = []

    def page_shown() -> None:
        shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        given.append(str(shown[-1].page_name))

    monkeypatch.setattr(main_window, "give_back_free_memory", page_shown)
    window = window_on_home(qtbot)
    assert given == ["home"]
    scenario = next(s for s in bundled() if "done" in routes(s))
    player = window.start(scenario.id)
    for move in routes(scenario)["done"][:-1]:
        perform(player, move.expect)
    QApplication.processEvents()
    assert given == ["home"]  # none while practising
    perform(player, routes(scenario)["done"][-1].expect)
    settle()
    assert window.page_name == "finish" and given == ["home", "finish"]
    window.show_home()
    window.start(scenario.id)  # started before the home page's turn came: not while the step is shown
    settle()
    assert given == ["home", "finish"]


class Part(QWidget):
    """A Python-made part of a page (a text block, a device body): its attributes are its own."""


def test_the_parts_of_a_put_away_page_let_go_even_when_their_wrappers_stay(qtbot):
    """Qt sends ``destroyed`` before it deletes a widget's children, so emptying only what was deleted
    at that moment left every part's attributes (fonts, layouts, a body's drag state) with the
    wrappers PySide leaves behind. Here the test keeps a part's wrapper, as PySide does for some."""
    from trainer.widgets.lifetime import put_away

    holder = QWidget()
    qtbot.addWidget(holder)
    page = QWidget(holder)
    inner = QWidget(page)
    part = Part(inner)  # two levels down, named by no attribute of the page
    held = Held()
    part.held = held
    page.show()
    put_away(page)
    del page, inner
    watch = weakref.ref(held)
    del held
    settle()
    assert not shiboken6.isValid(part)  # deleted by Qt; its wrapper is still here (we hold it)
    assert watch() is None
    assert not part.__dict__


def test_a_page_put_away_while_the_focus_moves_on_leaves_no_wrapper(qtbot):
    """The next page's first focus walks Qt's focus chain, which still passes the old page until its
    deletion; a page taken out of the stack first (``removeWidget``) was bound to the stack again by
    that walk and its wrapper then outlived it for good (every finish page of a day of practice)."""
    window = window_on_home(qtbot)
    scenario = bundled()[0]
    first = FinishPage(scenario, scenario.steps[-1], window.look)
    window._show("finish", first)
    settle()
    window._show("finish", FinishPage(scenario, scenario.steps[-1], window.look))  # focus_first walks the chain
    watch = weakref.ref(first)
    del first
    settle()
    assert watch() is None
