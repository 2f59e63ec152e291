"""The learner picker in the real window at every text size: every name is whole.

Regression: with plain push buttons, 「都城 花子」 was cut to 「阝城 花」 at 300%
(push buttons cannot wrap). The tiles are now the app's big wrapping buttons.
"""

from __future__ import annotations

import pytest

from trainer.app.library import Library
from trainer.app.main_window import MainWindow
from trainer.app.progress_link import ProgressLink
from trainer.app.settings import Settings

NAMES = ["都城 花子", "高城 太郎", "山田 ヨシ子", "庄内 一郎", "ながいなまえの がくしゅうしゃさん"]


@pytest.fixture(params=["no classes", "two classes"])
def progress(tmp_path, request):
    from trainer.progress import open_progress

    opened = open_progress(data_dir_override=tmp_path / "data")
    groups = []
    if request.param == "two classes":
        groups = [opened.learners.add_group(name) for name in ("月曜の教室", "高崎地区センター")]
    for index, name in enumerate(NAMES):
        opened.learners.add_learner(name, groups[index % 2] if groups else None)
    yield opened
    opened.close()


@pytest.mark.parametrize("scale", [100, 200, 300])
def test_every_name_fits_its_tile(qtbot, progress, scale):
    window = MainWindow(Library([]), settings=Settings(text_size_chosen=True, read_aloud=False, text_scale=scale))
    qtbot.addWidget(window)
    window.resize(1280, 860)
    window.show()
    window.attach_progress(ProgressLink(progress))
    assert window.page_name == "learner"
    picker = window._pages["learner"]
    qtbot.waitExposed(picker)
    # The page scrolls instead of making the window bigger than the screen.
    assert (window.width(), window.height()) == (1280, 860), f"window grew to {window.size()} at {scale}%"
    tiles = picker.tiles
    assert sorted(t.text() for t in tiles) == sorted(NAMES)
    for tile in tiles + [picker.guest_button, picker.instructor_button]:
        assert tile.accessibleName() == tile.text()
        needed = tile.heightForWidth(tile.width()) if tile.hasHeightForWidth() else tile.sizeHint().height()
        assert needed <= tile.height(), f"{tile.text()!r} needs {needed}px, has {tile.height()}px at {scale}%"
        assert tile.minimumSizeHint().width() <= tile.width(), f"{tile.text()!r} is clipped at {scale}%"
        assert min(tile.width(), tile.height()) >= 44
