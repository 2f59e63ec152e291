"""Every bundled scenario played to a finish without a mouse: with key events
only, and with two switches only (Space moves, Enter chooses), at 100 % and
300 % text. One route per scenario (the shortest to its first finish; the
mouse autoplayer covers every finish)."""

from __future__ import annotations

import pytest

from tests.player.access_play import KeyboardDriver, SwitchDriver, play
from tests.player.autoplay import routes, settle
from tests.player.conftest import bundled
from trainer.app.library import Library
from trainer.app.main_window import MainWindow
from trainer.app.settings import Settings


def _cases():
    for scenario in bundled():
        finish_id = next(iter(routes(scenario)))
        for scale in (100, 300):
            yield pytest.param(scenario, finish_id, scale, id=f"{scenario.id}-{scale}%")


def _play(qtbot, scenario, finish_id, scale, driver_type, **settings):
    window = MainWindow(Library([scenario]), settings=Settings(text_size_chosen=True, read_aloud=False,
                                                               text_scale=scale, **settings))
    qtbot.addWidget(window)
    window.resize(1280, 860)
    window.show()
    player = window.start(scenario.id)
    settle()
    driver = driver_type(window)
    for move in routes(scenario)[finish_id]:
        assert player.run.current.id == move.step.id
        play(driver, player, move.expect)
        if move.next_id != finish_id:
            assert player.run.current.id == move.next_id, (
                f"{move.step.id}: {move.expect.kind} {move.expect.target!r} did not lead to {move.next_id} "
                f"(feedback: {player.panel.feedback.text()!r})")
    assert window.page_name == "finish"
    assert window._pages["finish"].step.id == finish_id
    return driver


@pytest.mark.parametrize(("scenario", "finish_id", "scale"), list(_cases()))
def test_keyboard_alone_plays_every_scenario(qtbot, scenario, finish_id, scale):
    driver = _play(qtbot, scenario, finish_id, scale, KeyboardDriver)
    assert driver.presses > 0


@pytest.mark.parametrize(("scenario", "finish_id", "scale"), list(_cases()))
def test_two_switches_alone_play_every_scenario(qtbot, scenario, finish_id, scale):
    driver = _play(qtbot, scenario, finish_id, scale, SwitchDriver, switches=2)
    assert driver.presses > 0
