"""LearnerPicker and InstructorArea, driven like a person would (pytest-qt)."""

from __future__ import annotations

import uuid

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton

from trainer.app.learner_picker import LearnerPicker
from trainer.progress.learners import LearnerDirectory
from trainer.words.catalogue import tr


@pytest.fixture
def db_url(tmp_path):  # the widgets need one database; the stores are tested on both elsewhere
    from trainer.progress.database import sqlite_url

    return sqlite_url(tmp_path / "db" / "progress.sqlite3").render_as_string(hide_password=False)


def assert_big_and_named(widget, *, has_buttons=True):
    buttons = [b for b in widget.findChildren(QAbstractButton) if b.isVisibleTo(widget)]
    assert bool(buttons) == has_buttons
    for button in buttons:
        hint = button.minimumSizeHint().expandedTo(button.minimumSize())
        assert hint.width() >= 44 and hint.height() >= 44, button.text()
        assert button.accessibleName() == button.text()


def test_picker_shows_big_named_tiles_and_reports_the_choice(qtbot, directory):
    group = directory.add_group("火曜教室")
    hanako = directory.add_learner("はなこ", group)
    directory.add_learner("たろう")
    picker = LearnerPicker(directory)
    qtbot.addWidget(picker)
    picker.show()

    assert [t.text() for t in picker.tiles] == ["たろう", "はなこ"]
    assert_big_and_named(picker)
    tile = next(t for t in picker.tiles if t.text() == "はなこ")
    with qtbot.waitSignal(picker.learner_chosen) as chosen:
        qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    assert chosen.args == [hanako]
    with qtbot.waitSignal(picker.learner_chosen) as chosen:
        qtbot.mouseClick(picker.guest_button, Qt.MouseButton.LeftButton)
    assert chosen.args == [None]
    assert picker.guest_button.text() == tr("picker.guest")
    with qtbot.waitSignal(picker.instructor_requested):
        qtbot.mouseClick(picker.instructor_button, Qt.MouseButton.LeftButton)
    assert picker.instructor_button.text() == tr("picker.instructor")


def test_picker_works_from_the_keyboard_and_filters_by_group(qtbot, directory):
    group = directory.add_group("木曜教室")
    jiro = directory.add_learner("じろう", group)
    directory.add_learner("さぶろう")
    picker = LearnerPicker(directory)
    qtbot.addWidget(picker)
    picker.show()
    picker.show_group(group)
    assert [t.text() for t in picker.tiles] == ["じろう"]
    tile = picker.tiles[0]
    tile.setFocus()
    with qtbot.waitSignal(picker.learner_chosen) as chosen:
        qtbot.keyClick(tile, Qt.Key.Key_Return)
    assert chosen.args == [jiro]
    picker.show_group(None)
    assert len(picker.tiles) == 2


class _BrokenDirectory(LearnerDirectory):
    def list_learners(self, group_id=None):
        raise ConnectionError("server down")

    def find_learners(self, group_id=None, text=None, limit=None):
        raise ConnectionError("server down")


def test_picker_still_offers_guest_practice_when_the_record_is_unreachable(qtbot, engine):
    picker = LearnerPicker(_BrokenDirectory(engine))
    qtbot.addWidget(picker)
    picker.show()
    assert picker.tiles == []
    assert "読み込めません" in picker.message.text()
    with qtbot.waitSignal(picker.learner_chosen) as chosen:
        qtbot.mouseClick(picker.guest_button, Qt.MouseButton.LeftButton)
    assert chosen.args == [None]


def test_uuid_is_what_the_picker_emits(qtbot, directory):
    learner = directory.add_learner("いち")
    picker = LearnerPicker(directory)
    qtbot.addWidget(picker)
    with qtbot.waitSignal(picker.learner_chosen) as chosen:
        picker.tiles[0].click()
    assert isinstance(chosen.args[0], uuid.UUID) and chosen.args[0] == learner


def test_a_big_shared_record_asks_for_the_class_first(qtbot, directory):
    from trainer.app.learner_picker import MAX_TILES

    tuesday = directory.add_group("火曜教室")
    directory.add_group("木曜教室")
    for i in range(MAX_TILES + 1):
        directory.add_learner(f"学習者{i:03d}", tuesday if i < 5 else None)
    picker = LearnerPicker(directory)
    qtbot.addWidget(picker)
    picker.show()
    assert picker.tiles == [] and "クラスを選んで" in picker.message.text()
    group_buttons = [b for b in picker.findChildren(QAbstractButton) if b.property("group_id") is not None]
    tuesday_button = next(b for b in group_buttons if b.text() == "火曜教室")
    qtbot.mouseClick(tuesday_button, Qt.MouseButton.LeftButton)
    assert len(picker.tiles) == 5


def test_picker_tab_stops_are_all_named_controls(qtbot, directory):
    from PySide6.QtWidgets import QAbstractScrollArea

    from trainer.widgets.focus import first_stop

    directory.add_learner("はなこ")
    picker = LearnerPicker(directory)
    qtbot.addWidget(picker)
    picker.show()
    scrolls = [w for w in picker.findChildren(QAbstractScrollArea) if w.focusPolicy() & Qt.FocusPolicy.TabFocus]
    assert not scrolls, "a scroll area is no Tab stop (it has no name to say)"
    assert first_stop(picker).accessibleName()
