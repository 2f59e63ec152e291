"""Every step of every bundled scenario, at 100% and 300% text, in both
themes: no text clipped, nothing overlapping, no sideways scrolling,
targets big enough, names equal to visible text."""

from __future__ import annotations

import pytest

from tests.player.autoplay import settle
from tests.player.conftest import bundled
from tests.player.inspect_ui import problems
from trainer.app.library import Library
from trainer.app.main_window import MainWindow
from trainer.app.settings import Settings


def _steps():
    for scenario in bundled():
        yield pytest.param(scenario, id=scenario.id)


@pytest.mark.parametrize("scale", [1.0, 3.0], ids=["100%", "300%"])
@pytest.mark.parametrize("scenario", list(_steps()))
def test_every_step_fits(qtbot, scenario, scale):
    theme = "standard" if scale == 1.0 else "high-contrast"
    window = MainWindow(Library([scenario]), settings=Settings(text_scale=round(scale * 100), theme=theme,
                                                               text_size_chosen=True, read_aloud=False))
    qtbot.addWidget(window)
    window.resize(*((1280, 860) if scale == 1.0 else (1024, 700)))
    window.show()
    found: list[str] = []
    for step in scenario.steps:
        if step.is_finish:
            window.show_finish(step, scenario)
        else:
            window.start(scenario.id, snapshot={"scenario_id": scenario.id, "scenario_version": scenario.version,
                                                "step_id": step.id})
        settle()
        found += [f"{step.id}: {p}" for p in problems(window, scale)]
    assert not found, "\n".join(found)
