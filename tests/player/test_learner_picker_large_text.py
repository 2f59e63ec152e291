"""The learner picker in the real window at every text size: every name is whole.

Regression: with plain push buttons, 「都城 花子」 was cut to 「阝城 花」 at 300%
(push buttons cannot wrap). The tiles are now the app's big wrapping buttons.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

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
    qtbot.waitUntil(lambda: picker.loaded)  # the names are read on a worker thread
    qtbot.waitExposed(picker)

    def laid_out() -> bool:  # tiles added to the shown page take their wrapped heights on the next passes
        return all(t.heightForWidth(t.width()) <= t.height() for t in picker.tiles if t.hasHeightForWidth())

    qtbot.waitUntil(laid_out, timeout=2000)
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


@pytest.mark.parametrize("scale", [100, 300])
def test_names_come_first_and_the_classes_are_folded_behind_one_button(qtbot, progress, scale):
    from trainer.app.learner_picker import LearnerPicker
    from trainer.widgets.look import Look, pick_family

    look = Look(scale=scale / 100, family=pick_family())
    picker = LearnerPicker(progress.learners, look=look)
    qtbot.addWidget(picker)
    picker.resize(1280, 600)
    picker.show()
    qtbot.waitExposed(picker)
    has_classes = bool(progress.learners.list_groups())
    assert picker.class_button.isVisible() == has_classes
    assert not picker.classes.isVisible()  # folded away
    assert len(picker.tiles) == len(NAMES)
    first = min(picker.tiles, key=lambda t: (t.y(), t.x()))
    assert first.y() < picker.height() // 2 or scale == 300  # names come first
    # The guest and instructor buttons are in smaller text than the names.
    assert picker.guest_button._font().pixelSize() < first._font().pixelSize()
    assert picker.instructor_button._font().pixelSize() < first._font().pixelSize()
    if not has_classes:
        return
    qtbot.mouseClick(picker.class_button, Qt.MouseButton.LeftButton)
    assert picker.classes.isVisible()
    group = progress.learners.list_groups()[0]
    button = next(b for b in picker._group_buttons.buttons() if b.property("group_id") == group.id)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert not picker.classes.isVisible()  # folded again, the class's names shown
    assert group.name in picker.class_button.text()
    assert sorted(t.text() for t in picker.tiles) == sorted(
        n for i, n in enumerate(NAMES) if i % 2 == [g.id for g in progress.learners.list_groups()].index(group.id))
    assert picker.focusWidget() is picker.tiles[0]  # the class's names, not the top bar


def test_the_picker_speaks_english_from_the_catalogue(qtbot, progress):
    from trainer.app.learner_picker import LearnerPicker
    from trainer.widgets.look import Look, pick_family

    picker = LearnerPicker(progress.learners, look=Look(family=pick_family(), lang="en"))
    qtbot.addWidget(picker)
    assert picker.guest_button.text() == "Practise as a guest (not recorded)"
    assert picker.instructor_button.text() == "For teachers and helpers"
    assert picker.title.text() == "Choose your name"


@pytest.mark.parametrize("theme", ["standard", "high-contrast"])
@pytest.mark.parametrize("with_classes", [True, False], ids=["classes", "no-classes"])
def test_a_city_record_at_300_shows_the_search_and_the_first_choices_without_scrolling(
        qtbot, tmp_path, theme, with_classes):
    """A city's record (more names than tiles) at 1280×720 / 300 %: the 「名前でさがす」 box and the
    first classes are in view when the page opens (the long 「人数が多いので…」 message pushed the
    box below the fold), and once a search finds more names than tiles the first name is in view."""
    from tests.player.app_pages import visible_fraction
    from trainer.app.learner_picker import MAX_TILES
    from trainer.progress import open_progress
    from trainer.words.catalogue import tr

    record = open_progress(data_dir_override=tmp_path / "city")
    groups = [record.learners.add_group(name) for name in ("月曜の教室", "高崎地区センター", "山之口 公民館")] \
        if with_classes else [None]
    for n in range(MAX_TILES + 10):
        record.learners.add_learner(f"なまえ {n:03d}", groups[n % len(groups)])
    try:
        window = MainWindow(Library([]), settings=Settings(text_size_chosen=True, read_aloud=False, text_scale=300,
                                                           theme=theme))
        qtbot.addWidget(window)
        window.resize(1280, 720)
        window.show()
        window.attach_progress(ProgressLink(record))
        picker = window._pages["learner"]
        qtbot.waitUntil(lambda: picker.loaded)
        qtbot.waitExposed(picker)
        assert picker.tiles == []
        qtbot.waitUntil(lambda: visible_fraction(picker.search) == 1.0, timeout=2000)
        assert picker.search.placeholderText() == tr("picker.search")
        assert picker.search.fontMetrics().horizontalAdvance(picker.search.placeholderText()) < picker.search.width()
        if with_classes:
            buttons = sorted(picker._group_buttons.buttons(), key=lambda b: (b.y(), b.x()))
            qtbot.waitUntil(lambda: all(b.isVisible() for b in buttons))
            qtbot.waitUntil(lambda: visible_fraction(buttons[0]) >= 0.9, timeout=2000)
            assert visible_fraction(buttons[1]) >= 0.9, "the first classes, not only 「みんな」"
        picker.search.setText("なまえ")
        picker.refresh()
        qtbot.waitUntil(lambda: len(picker.tiles) == MAX_TILES, timeout=5000)
        assert not picker.classes.isVisible(), "names found: the classes fold away again"
        first = min(picker.tiles, key=lambda t: (t.y(), t.x()))
        qtbot.waitUntil(lambda: visible_fraction(first) >= 0.9, timeout=2000)
        assert visible_fraction(picker.search) == 1.0
    finally:
        record.close()
