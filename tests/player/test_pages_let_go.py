"""Pages and players the window has put away let go of what they held (memory over a day of practice).

PySide can keep the Python wrapper of a deleted page alive; without ``release_when_deleted`` it kept
the page's attributes too — a whole scenario per practice (``benchmarks/memory_bench.py``)."""

from __future__ import annotations

import gc
import weakref

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

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


def test_a_finished_player_holds_nothing(qtbot):
    window = window_on_home(qtbot)
    scenario = next(s for s in bundled() if "done" in routes(s))
    player = window.start(scenario.id)
    held = Held()
    player.held = held
    for move in routes(scenario)["done"]:
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
