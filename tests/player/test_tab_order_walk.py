"""``order_tabs`` walks the window's focus chain once for all of a player's regions (a speed
matter at every step change); the Tab order it makes must be the one the region-by-region
walk (``tab_stops`` of each region in turn) made, on every step of real scenarios."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.player.autoplay import settle
from tests.player.conftest import bundled
from tests.player.visibility import walk
from trainer.widgets.focus import order_tabs, tab_stops


def _region_by_region(regions) -> list:
    """The Tab order as it was made before: one walk of the focus chain per region."""
    chain: list = []
    for region in regions:
        if region is None:
            continue
        own = [region] if region.focusPolicy() & Qt.FocusPolicy.TabFocus and region.isEnabled() else []
        for widget in own + tab_stops(region):
            if widget not in chain:
                chain.append(widget)
    return chain


@pytest.mark.parametrize("furigana", [False, True])
def test_one_walk_makes_the_same_tab_order_as_a_walk_per_region(qtbot, furigana):
    from trainer.app.library import Library
    from trainer.app.main_window import MainWindow
    from trainer.app.settings import Settings

    window = MainWindow(Library(bundled()[:3]), settings=Settings(
        text_scale=300, text_size_chosen=True, read_aloud=False, furigana=furigana))
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    settle()
    compared = []

    def check(window, scenario) -> None:
        player = window.player
        regions = [player.panel.step_text, player.panel, getattr(player, "view", None), player.device,
                   player.controls]
        expected = _region_by_region(regions)
        made = order_tabs(regions)
        assert made == expected, f"{scenario.id} {player.run.current.id}"
        assert len(made) >= 3  # the instruction, the device's controls, the control bar
        compared.append(len(made))

    for scenario in bundled()[:3]:
        for _ in walk(window, scenario, check):
            pass
    assert len(compared) >= 10
