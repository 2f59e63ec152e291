"""「見てみる」 (watch mode, issue #15): the app plays every bundled scenario itself through the real
widgets, and the learner only presses 「次へ」."""

from __future__ import annotations

import pytest

from tests.player.autoplay import settle
from tests.player.conftest import bundled
from trainer.app import watch
from trainer.app.library import Library
from trainer.app.main_window import MainWindow
from trainer.app.settings import Settings
from trainer.scenarios import watch as plan


@pytest.fixture(autouse=True)
def _quick(monkeypatch):
    monkeypatch.setattr(watch, "TEMPO", 0.0)  # the learner's pace is slow; the test does not wait it out


def _window(qtbot, scenarios, listeners=None):
    window = MainWindow(Library(list(scenarios)), settings=Settings(text_size_chosen=True, read_aloud=False))
    if listeners is not None:
        window.listeners_for = listeners
    qtbot.addWidget(window)
    window.resize(1280, 860)
    window.show()
    return window


def press_next(qtbot, player) -> None:
    """Wait until the hand waits on its target, then press 「次へ」 as the learner does."""
    qtbot.waitUntil(lambda: player.watch.phase in ("ready", "mistake"), timeout=5000)
    button = player.panel.next_button
    assert button.isVisible() and button.isEnabled()
    button.click()
    settle()


def play_to_finish(qtbot, window, player, limit=80) -> list[str]:
    seen = []
    for _ in range(limit):
        if window.page_name == "finish":
            return seen
        seen.append(player.run.current.id)
        press_next(qtbot, player)
        if window.page_name != "finish" and player.watch.phase == "doing":
            qtbot.waitUntil(lambda: window.page_name == "finish" or player.watch.phase != "doing", timeout=5000)
    raise AssertionError(f"no finish after {limit} presses of 「次へ」: {seen}")


@pytest.mark.parametrize("scenario", bundled(), ids=lambda s: s.id)
def test_watch_plays_every_scenario_to_its_finish(qtbot, scenario):
    events = []
    window = _window(qtbot, [scenario], listeners=lambda _s: [events.append])
    player = window.start(scenario.id, mode="watch")
    settle()
    assert player.mode == "watch" and player.run.mode == "watch"
    assert not player.controls.hint.isVisibleTo(player)  # nothing to hint: the app shows everything
    route = [d.step_id for d in plan.route(scenario)]
    seen = play_to_finish(qtbot, window, player)
    assert [s for s in seen if s in route] == route[:len(seen)]
    assert window.page_name == "finish"
    judged = [e for e in events if type(e).__name__ == "ActionJudged"]
    assert judged and all(e.result.name == "CORRECT" for e in judged)  # nothing counted as a mistake
    assert events[0].mode == "watch"
