"""LearnerPicker and InstructorArea, driven like a person would (pytest-qt)."""

from __future__ import annotations

import json
import uuid

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QLineEdit

from tests.progress.helpers import DatabaseBreaker, Player, count, pay_actions, pay_scenario
from trainer.app.instructor_area import InstructorArea
from trainer.app.learner_picker import GUEST_TEXT, INSTRUCTOR_TEXT, LearnerPicker
from trainer.progress.learners import LearnerDirectory
from trainer.progress.models import Attempt, Learner
from trainer.progress.pin import InstructorPin
from trainer.progress.reports import Reports
from trainer.scenarios.runner import Run


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
    assert picker.guest_button.text() == GUEST_TEXT
    with qtbot.waitSignal(picker.instructor_requested):
        qtbot.mouseClick(picker.instructor_button, Qt.MouseButton.LeftButton)
    assert picker.instructor_button.text() == INSTRUCTOR_TEXT


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


def test_picker_still_offers_guest_practice_when_the_record_is_unreachable(qtbot, engine):
    picker = LearnerPicker(_BrokenDirectory(engine))
    qtbot.addWidget(picker)
    picker.show()
    assert picker.tiles == []
    assert "読み込めません" in picker.message.text()
    with qtbot.waitSignal(picker.learner_chosen) as chosen:
        qtbot.mouseClick(picker.guest_button, Qt.MouseButton.LeftButton)
    assert chosen.args == [None]


@pytest.fixture
def area(qtbot, engine, store, directory, recorder):
    directory.on_learner_deleted = recorder.forget_learner
    widget = InstructorArea(directory, InstructorPin(store), Reports(engine), recorder)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def type_into(qtbot, edit: QLineEdit, text: str) -> None:
    """Type like a person: keys for ASCII, a committed input-method string for Japanese."""
    edit.clear()
    edit.setFocus()
    if text.isascii():
        qtbot.keyClicks(edit, text)
    else:
        commit = QInputMethodEvent()
        commit.setCommitString(text)
        QApplication.sendEvent(edit, commit)


def unlock(qtbot, area, pin="4321"):
    if area.stack.currentIndex() == 0:
        type_into(qtbot, area.new_pin_edit, pin)
        type_into(qtbot, area.new_pin_again_edit, pin)
        with qtbot.waitSignal(area.unlocked):
            qtbot.mouseClick(area.set_pin_button, Qt.MouseButton.LeftButton)
    else:
        type_into(qtbot, area.pin_edit, pin)
        with qtbot.waitSignal(area.unlocked):
            qtbot.keyClick(area.pin_edit, Qt.Key.Key_Return)


def test_first_use_sets_the_pin_then_asks_for_it(qtbot, area, store):
    assert area.stack.currentIndex() == 0 and not area.is_unlocked
    assert area.new_pin_edit.echoMode() == QLineEdit.EchoMode.Password
    type_into(qtbot, area.new_pin_edit, "12")
    qtbot.mouseClick(area.set_pin_button, Qt.MouseButton.LeftButton)
    assert "4〜8けた" in area.set_pin_message.text()
    type_into(qtbot, area.new_pin_edit, "4321")
    type_into(qtbot, area.new_pin_again_edit, "4322")
    qtbot.mouseClick(area.set_pin_button, Qt.MouseButton.LeftButton)
    assert "同じではありません" in area.set_pin_message.text() and not area.is_unlocked
    type_into(qtbot, area.new_pin_edit, "abc")  # letters cannot even be typed
    assert area.new_pin_edit.text() == ""
    unlock(qtbot, area)
    assert area.is_unlocked
    assert InstructorPin(store).check("4321")

    with qtbot.waitSignal(area.closed):
        qtbot.mouseClick(_close_button(area), Qt.MouseButton.LeftButton)
    assert area.stack.currentIndex() == 1  # locked again, now asking for the PIN
    type_into(qtbot, area.pin_edit, "1111")
    qtbot.keyClick(area.pin_edit, Qt.Key.Key_Return)
    assert "ちがいます" in area.pin_message.text() and not area.is_unlocked
    assert area.pin_edit.text() == ""
    unlock(qtbot, area)
    assert area.is_unlocked


def _close_button(area) -> QAbstractButton:
    page = area.stack.currentWidget()
    return next(b for b in page.findChildren(QAbstractButton) if b.text() == "閉じる" and b.isVisible())


def test_every_control_is_big_and_named(qtbot, area):
    assert_big_and_named(area)
    unlock(qtbot, area)
    for index in range(area.tabs.count()):
        area.tabs.setCurrentIndex(index)
        assert_big_and_named(area.tabs.currentWidget(), has_buttons=area.tabs.tabText(index) not in ("進み具合", "つまずき"))
    for field in area.findChildren(QLineEdit) + area.findChildren(QComboBox):
        assert field.accessibleName(), field
        assert field.minimumHeight() >= 44


def test_add_rename_regroup_merge_and_remove_learners(qtbot, area, engine, directory, store, recorder, monkeypatch):
    unlock(qtbot, area)
    type_into(qtbot, area.group_name_edit, "火曜教室")
    qtbot.mouseClick(area.add_group_button, Qt.MouseButton.LeftButton)
    assert [g.name for g in directory.list_groups()] == ["火曜教室"]

    type_into(qtbot, area.name_edit, "はなこ")
    with qtbot.waitSignal(area.learners_changed):
        qtbot.keyClick(area.name_edit, Qt.Key.Key_Return)
    type_into(qtbot, area.name_edit, "  ")
    qtbot.mouseClick(area.add_button, Qt.MouseButton.LeftButton)
    assert "名前を入れてください" in area.learners_message.text()
    type_into(qtbot, area.name_edit, "はなちゃん")
    qtbot.mouseClick(area.add_button, Qt.MouseButton.LeftButton)
    assert sorted(learner.display_name for learner in directory.list_learners()) == ["はなこ", "はなちゃん"]

    # rename and regroup "はなこ"
    area.learner_list.setCurrentRow(0)
    assert area.name_edit.text() == "はなこ"
    type_into(qtbot, area.name_edit, "花子")
    qtbot.mouseClick(area.rename_button, Qt.MouseButton.LeftButton)
    area.learner_list.setCurrentRow(next(i for i in range(area.learner_list.count()) if area.learner_list.item(i).text() == "花子"))
    area.group_combo.setCurrentIndex(area.group_combo.findText("火曜教室"))
    qtbot.mouseClick(area.regroup_button, Qt.MouseButton.LeftButton)
    hanako = next(learner for learner in directory.list_learners() if learner.display_name == "花子")
    assert hanako.group_name == "火曜教室"

    # "はなちゃん" turns out to be 花子 too: merge, with her practice record
    duplicate = next(learner for learner in directory.list_learners() if learner.display_name == "はなちゃん")
    recorder.start_attempt(duplicate.id, "scan-to-pay", 1)
    assert recorder.flush()
    monkeypatch.setattr(InstructorArea, "ask_confirm", classmethod(lambda cls, parent, title, text: True))
    area.reload()
    area.learner_list.setCurrentRow(next(i for i in range(area.learner_list.count()) if area.learner_list.item(i).text() == "はなちゃん"))
    area.merge_target_combo.setCurrentIndex(area.merge_target_combo.findText("花子"))
    qtbot.mouseClick(area.merge_button, Qt.MouseButton.LeftButton)
    assert [learner.display_name for learner in directory.list_learners()] == ["花子"]
    assert count(engine, Attempt, Attempt.learner_id == hanako.id) == 1

    # remove the group: 花子 stays, without a group
    area.group_list.setCurrentRow(0)
    qtbot.mouseClick(area.remove_group_button, Qt.MouseButton.LeftButton)
    assert directory.list_groups() == [] and directory.get_learner(hanako.id).group_id is None


def test_progress_export_and_complete_deletion(qtbot, area, engine, directory, recorder, monkeypatch, tmp_path):
    learner = directory.add_learner("書き出し さん")
    scenario = pay_scenario()
    recorder.start_attempt(learner, scenario.id, scenario.version)
    player = Player(Run(scenario), recorder)
    player.start()
    for action in pay_actions():
        player.act(action)
    assert recorder.flush()
    unlock(qtbot, area)

    area.tabs.setCurrentIndex(1)
    area.progress_learner_combo.setCurrentIndex(area.progress_learner_combo.findData(str(learner)))
    assert "1種類の練習を始め、1種類を最後まで" in area.progress_summary.text()
    assert area.progress_table.rowCount() == 1 and area.progress_table.item(0, 4).text() == "success"
    assert area.learner_stumble_table.rowCount() > 0

    area.tabs.setCurrentIndex(4)
    assert "1人が1回練習し、1回は最後まで" in area.scenario_summary.text()
    steps = [area.scenario_stumble_table.item(r, 0).text() for r in range(area.scenario_stumble_table.rowCount())]
    assert "amount" in steps and "open-pay" in steps
    mistakes = [area.scenario_mistake_table.item(r, 1).text() for r in range(area.scenario_mistake_table.rowCount())]
    assert "wrong-amount" in mistakes

    area.tabs.setCurrentIndex(2)
    target = tmp_path / "export.json"
    monkeypatch.setattr(InstructorArea, "ask_save_path", classmethod(lambda cls, parent, name: str(target)))
    area.data_learner_combo.setCurrentIndex(area.data_learner_combo.findData(str(learner)))
    qtbot.mouseClick(area.export_button, Qt.MouseButton.LeftButton)
    assert json.loads(target.read_text(encoding="utf-8"))["learner"]["display_name"] == "書き出し さん"
    assert "書き出しました" in area.data_message.text()

    monkeypatch.setattr(InstructorArea, "ask_confirm", classmethod(lambda cls, parent, title, text: False))
    qtbot.mouseClick(area.delete_button, Qt.MouseButton.LeftButton)
    assert directory.get_learner(learner) is not None and "削除しませんでした" in area.data_message.text()
    asked = []
    monkeypatch.setattr(
        InstructorArea, "ask_confirm", classmethod(lambda cls, parent, title, text: asked.append(text) or True)
    )
    with qtbot.waitSignal(area.learners_changed):
        qtbot.mouseClick(area.delete_button, Qt.MouseButton.LeftButton)
    assert "元に戻せません" in asked[0]
    assert directory.get_learner(learner) is None
    assert count(engine, Learner) == 0 and count(engine, Attempt) == 0
    assert "すべて削除しました" in area.data_message.text()


def test_waiting_records_are_shown_and_can_be_saved_now(qtbot, area, engine, directory, recorder):
    learner = directory.add_learner("まつ ひと")
    unlock(qtbot, area)
    area.tabs.setCurrentIndex(3)
    assert "0件" in area.pending_label.text()
    breaker = DatabaseBreaker(engine)
    try:
        breaker.broken = True
        recorder.start_attempt(learner, "s", 1)
        assert recorder.flush()
        qtbot.waitUntil(lambda: "1件" in area.pending_label.text(), timeout=3000)
        assert "保存を待っています" in area.pending_status.text()
        breaker.broken = False
        qtbot.mouseClick(area.retry_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "0件" in area.pending_label.text(), timeout=3000)
        assert "すべて保存されています" in area.pending_status.text()
    finally:
        breaker.remove()
    assert count(engine, Attempt) == 1


def test_full_width_pin_from_a_japanese_input_method(qtbot, area, store):
    InstructorPin(store).set("2468")
    area.lock()
    area.pin_edit.setText("２４６８")
    with qtbot.waitSignal(area.unlocked):
        qtbot.mouseClick(area.unlock_button, Qt.MouseButton.LeftButton)


def test_instructor_area_uses_no_fixed_pixel_fonts(qtbot, area):
    from PySide6.QtWidgets import QWidget

    for widget in [area, *area.findChildren(QWidget)]:
        assert "font-size" not in widget.styleSheet()


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
