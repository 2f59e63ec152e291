"""The instructor area in the real window at every one of its text sizes: the window keeps its size,
every label is whole, no tab name is cut — and the learner's text size does not change the area's.

Regression: with plain push buttons (which cannot wrap), wide forms and tables,
the area's minimum size made the main window grow to 1573×1557 at 300%.
Buttons are now the app's big wrapping buttons and each page scrolls.
"""

from __future__ import annotations

import pytest

from tests.player.app_pages import open_instructor_area
from trainer.app.instructor import InstructorArea
from trainer.app.instructor.common import PageTabs
from trainer.app.settings import Settings
from trainer.widgets.button import BigButton

NAMES = ["都城 花子", "高城 太郎", "ながいなまえの がくしゅうしゃさん"]


def _check_visible_buttons(area: InstructorArea, scale: int) -> None:
    buttons = [b for b in area.findChildren(BigButton) if b.isVisible()]
    assert buttons
    for button in buttons:
        assert button.accessibleName() == button.text()
        assert button.text_fits(), f"{button.text()!r} is clipped at {scale}%"
        assert min(button.width(), button.height()) >= 44


def _check_tabs_whole(area: InstructorArea, scale: int) -> None:
    """Every page name is whole: as buttons inside their (wrapping) bar, or in the one-row chooser."""
    for tabs in area.findChildren(PageTabs):
        if not tabs.isVisible():
            continue
        if tabs.chooser is not None:
            assert scale >= 200 and tabs.chooser.count() == tabs.count()
            continue
        for button in tabs.buttons:
            assert button.text_fits(), f"tab {button.text()!r} is cut at {scale}%"
            assert tabs.bar.rect().contains(button.geometry()), f"tab {button.text()!r} is outside its bar"


@pytest.mark.parametrize("scale", [100, 150, 200, 300])
def test_instructor_area_keeps_the_window_size(qtbot, progress, scale):
    learner_scale = 300 if scale == 100 else 100  # the learner's size is the learner's own
    window, area, link = open_instructor_area(
        qtbot, progress, Settings(text_size_chosen=True, read_aloud=False, text_scale=learner_scale))
    assert area.look.scale == 1.0  # default 100 %, whatever the learner chose
    assert window.width() <= 1280, f"the window grew to {window.size().toTuple()} at {scale}%"
    _check_visible_buttons(area, scale)

    area.gate.new_pin_edit.setText("1234")
    area.gate.new_pin_again_edit.setText("1234")
    area.gate.set_pin_button.click()
    qtbot.waitUntil(lambda: area.is_unlocked)
    for name in NAMES:  # a first PIN is set on a record without learners (see docs/reliability.md)
        progress.learners.add_learner(name)
    area.set_text_scale(scale)
    area.reload()
    qtbot.waitUntil(lambda: not area.jobs.busy)
    assert area.look.scale == scale / 100
    for index in range(area.tabs.count()):
        area.tabs.setCurrentIndex(index)
        qtbot.waitUntil(lambda: not area.jobs.busy)
        qtbot.wait(1)
        assert window.width() <= 1280, f"tab {area.tabs.tabText(index)!r}: window {window.size().toTuple()} at {scale}%"
        _check_visible_buttons(area, scale)
        _check_tabs_whole(area, scale)
    link.seat.close()
