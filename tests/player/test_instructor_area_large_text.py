"""The instructor area in the real window at every text size: the window keeps its size, every label is whole.

Regression: with plain push buttons (which cannot wrap), wide forms and tables,
the area's minimum size made the main window grow to 1573×1557 at 300%.
Buttons are now the app's big wrapping buttons and each page scrolls.
"""

from __future__ import annotations

import pytest

from trainer.app.instructor_area import InstructorArea
from trainer.app.library import Library
from trainer.app.main_window import MainWindow
from trainer.app.progress_link import ProgressLink
from trainer.app.settings import Settings
from trainer.widgets.button import BigButton

NAMES = ["都城 花子", "高城 太郎", "ながいなまえの がくしゅうしゃさん"]


@pytest.fixture
def progress(tmp_path):
    from trainer.progress import open_progress

    opened = open_progress(data_dir_override=tmp_path / "data")
    yield opened
    opened.close()


def _check_visible_buttons(area: InstructorArea, scale: int) -> None:
    buttons = [b for b in area.findChildren(BigButton) if b.isVisible()]
    assert buttons
    for button in buttons:
        assert button.accessibleName() == button.text()
        assert button.text_fits(), f"{button.text()!r} is clipped at {scale}%"
        assert min(button.width(), button.height()) >= 44


@pytest.mark.parametrize("scale", [100, 200, 300])
def test_instructor_area_keeps_the_window_size(qtbot, progress, scale):
    window = MainWindow(Library([]), settings=Settings(text_size_chosen=True, read_aloud=False, text_scale=scale))
    qtbot.addWidget(window)
    window.resize(1280, 860)
    window.show()
    window.attach_progress(ProgressLink(progress))
    window.show_instructor()
    area = window.findChild(InstructorArea)
    assert area is not None
    qtbot.waitExposed(area)
    assert window.width() <= 1280, f"the window grew to {window.size().toTuple()} at {scale}%"
    assert area.width() <= window.width()
    _check_visible_buttons(area, scale)

    area.new_pin_edit.setText("1234")
    area.new_pin_again_edit.setText("1234")
    area.set_pin_button.click()
    assert area.is_unlocked
    for name in NAMES:  # a first PIN is set on a record without learners (see docs/reliability.md)
        progress.learners.add_learner(name)
    area.reload()
    for index in range(area.tabs.count()):
        area.tabs.setCurrentIndex(index)
        qtbot.wait(1)
        assert window.width() <= 1280, f"tab {area.tabs.tabText(index)!r}: window {window.size().toTuple()} at {scale}%"
        _check_visible_buttons(area, scale)
