"""Every bundled scenario, played through the UI from its first step to each
of its finishes — a new scenario is tested by adding its file."""

from __future__ import annotations

import pytest

from tests.player.autoplay import perform, routes, settle
from tests.player.conftest import bundled
from trainer.app.library import Library
from trainer.app.main_window import MainWindow
from trainer.app.settings import Settings


def _cases():
    for scenario in bundled():
        for finish_id in routes(scenario):
            yield pytest.param(scenario, finish_id, id=f"{scenario.id}->{finish_id}")


def test_every_finish_of_every_scenario_is_reachable():
    for scenario in bundled():
        reachable = routes(scenario)
        missing = [s.id for s in scenario.finishes if s.id not in reachable]
        assert not missing, f"{scenario.id}: no way to reach {missing}"


@pytest.mark.parametrize(("scenario", "finish_id"), list(_cases()))
def test_play_to_finish(qtbot, scenario, finish_id):
    window = MainWindow(Library([scenario]), settings=Settings(text_size_chosen=True, read_aloud=False))
    qtbot.addWidget(window)
    window.resize(1280, 860)
    window.show()
    player = window.start(scenario.id)
    settle()
    for move in routes(scenario)[finish_id]:
        assert player.run.current.id == move.step.id
        perform(player, move.expect)
        if move.next_id != finish_id:
            assert player.run.current.id == move.next_id, (
                f"{move.step.id}: {move.expect.kind} {move.expect.target!r} did not lead to {move.next_id} "
                f"(feedback: {player.panel.feedback.text()!r})")
            assert player.panel.feedback_kind in (None, "praise")
    assert window.page_name == "finish"
    page = window._pages["finish"]
    assert page.step.id == finish_id
    assert [b.text() for b in page.learned] == [t.get("ja").replace("｜", "") and b.text()
                                               for t, b in zip(page.step.learned, page.learned, strict=True)]
