"""The instructor area, driven like a person would (pytest-qt): PIN, learners, classes, board, reports, data.

Database work runs on the area's worker thread, so each step waits for the
area to settle (``settle``) instead of assuming the record answered at once.
"""

from __future__ import annotations

import csv
import datetime as dt
import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QLineEdit, QTableView

from tests.progress.helpers import DatabaseBreaker, Player, count, pay_actions, pay_scenario
from trainer.app.instructor import InstructorArea
from trainer.app.instructor.common import AreaPrefs
from trainer.progress.classes import ClassBook, HelpBoard, Seat
from trainer.progress.learners import LearnerDirectory
from trainer.progress.models import Attempt, Learner, SessionKind
from trainer.progress.pin import InstructorPin
from trainer.progress.reports import Reports
from trainer.scenarios.runner import Run


@pytest.fixture
def db_url(tmp_path):  # the widgets need one database; the services are tested on both elsewhere
    from trainer.progress.database import sqlite_url

    return sqlite_url(tmp_path / "db" / "progress.sqlite3").render_as_string(hide_password=False)


@pytest.fixture
def area(qtbot, engine, store, directory, recorder, tmp_path):
    directory.on_learner_deleted = recorder.forget_learner
    widget = InstructorArea(directory, InstructorPin(store), Reports(engine), recorder,
                            prefs=AreaPrefs(100, tmp_path / "prefs" / "instructor-area.json"))
    qtbot.addWidget(widget)
    widget.resize(1280, 860)
    widget.show()
    settle(qtbot, widget)
    return widget


def settle(qtbot, area, timeout=5000):
    qtbot.waitUntil(lambda: not area.jobs.busy, timeout=timeout)


def assert_big_and_named(widget, *, has_buttons=True):
    buttons = [b for b in widget.findChildren(QAbstractButton) if b.isVisibleTo(widget)]
    assert bool(buttons) == has_buttons
    for button in buttons:
        hint = button.minimumSizeHint().expandedTo(button.minimumSize())
        assert hint.width() >= 44 and hint.height() >= 44, button.text()
        assert button.accessibleName() == button.text()


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


def click(qtbot, area, button):
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    settle(qtbot, area)


def unlock(qtbot, area, pin="4321"):
    gate = area.gate
    settle(qtbot, area)
    if gate.asks_for_new_pin:
        type_into(qtbot, gate.new_pin_edit, pin)
        type_into(qtbot, gate.new_pin_again_edit, pin)
        with qtbot.waitSignal(area.unlocked):
            qtbot.mouseClick(gate.set_pin_button, Qt.MouseButton.LeftButton)
    else:
        type_into(qtbot, gate.pin_edit, pin)
        with qtbot.waitSignal(area.unlocked):
            qtbot.keyClick(gate.pin_edit, Qt.Key.Key_Return)
    settle(qtbot, area)


def cells(view: QTableView) -> list[list[str]]:
    model = view.model()
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_first_use_sets_the_pin_then_asks_for_it(qtbot, area, store):
    gate = area.gate
    assert gate.asks_for_new_pin and not area.is_unlocked
    assert gate.new_pin_edit.echoMode() == QLineEdit.EchoMode.Password
    type_into(qtbot, gate.new_pin_edit, "12")
    click(qtbot, area, gate.set_pin_button)
    assert "4〜8けた" in gate.set_pin_message.text()
    type_into(qtbot, gate.new_pin_edit, "4321")
    type_into(qtbot, gate.new_pin_again_edit, "4322")
    click(qtbot, area, gate.set_pin_button)
    assert "同じではありません" in gate.set_pin_message.text() and not area.is_unlocked
    type_into(qtbot, gate.new_pin_edit, "abc")  # letters cannot even be typed
    assert gate.new_pin_edit.text() == ""
    unlock(qtbot, area)
    assert area.is_unlocked
    assert InstructorPin(store).check("4321")

    with qtbot.waitSignal(area.closed):
        qtbot.mouseClick(_close_button(area), Qt.MouseButton.LeftButton)
    settle(qtbot, area)
    assert not area.is_unlocked and not gate.asks_for_new_pin  # locked again, now asking for the PIN
    type_into(qtbot, gate.pin_edit, "1111")
    qtbot.keyClick(gate.pin_edit, Qt.Key.Key_Return)
    settle(qtbot, area)
    assert "ちがいます" in gate.pin_message.text() and not area.is_unlocked
    assert gate.pin_edit.text() == ""
    unlock(qtbot, area)
    assert area.is_unlocked


def _close_button(area) -> QAbstractButton:
    page = area.stack.currentWidget()
    return next(b for b in page.findChildren(QAbstractButton) if b.text() == "閉じる" and b.isVisible())


def test_full_width_pin_from_a_japanese_input_method(qtbot, area, store):
    InstructorPin(store).set("2468")
    area.lock()
    settle(qtbot, area)
    area.gate.pin_edit.setText("２４６８")
    with qtbot.waitSignal(area.unlocked):
        qtbot.mouseClick(area.gate.unlock_button, Qt.MouseButton.LeftButton)


def test_every_control_is_big_and_named_and_tables_have_headers(qtbot, area):
    assert_big_and_named(area)
    unlock(qtbot, area)
    for index in range(area.tabs.count()):
        area.tabs.setCurrentIndex(index)
        assert_big_and_named(area.tabs.currentWidget())
    for field in area.findChildren(QLineEdit) + area.findChildren(QComboBox):
        assert field.accessibleName(), field
        assert field.minimumHeight() >= 44
    for view in area.findChildren(QTableView):
        model = view.model()
        headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
        assert all(headers) and view.accessibleName(), view
    assert "QHeaderView::section { font-weight: bold;" in area.styleSheet()  # the app's style sheet wins over fonts


def test_the_area_speaks_english_through_the_catalogue(qtbot, engine, store, directory, recorder, tmp_path):
    from trainer.widgets.look import Look

    area = InstructorArea(directory, InstructorPin(store), Reports(engine), recorder, look=Look(lang="en"),
                          prefs=AreaPrefs(100, tmp_path / "p.json"))
    qtbot.addWidget(area)
    area.show()
    unlock(qtbot, area)
    texts = [area.tabs.tabText(i) for i in range(area.tabs.count())]
    assert texts == ["Learners and groups", "Class sessions", "Help board", "Reports", "Export, delete, saving"]
    japanese = [w for w in area.findChildren(QAbstractButton) if any("\u3040" <= ch <= "\u9fff" for ch in w.text())]
    assert japanese == []


def test_add_rename_regroup_merge_and_remove_learners(qtbot, area, engine, directory, recorder, monkeypatch):
    unlock(qtbot, area)
    page = area.learners_page
    type_into(qtbot, page.group_name_edit, "火曜教室")
    click(qtbot, area, page.add_group_button)
    assert [g.name for g in directory.list_groups()] == ["火曜教室"]

    type_into(qtbot, page.name_edit, "はなこ")
    with qtbot.waitSignal(area.learners_changed):
        qtbot.keyClick(page.name_edit, Qt.Key.Key_Return)
    settle(qtbot, area)
    type_into(qtbot, page.name_edit, "  ")
    click(qtbot, area, page.add_button)
    assert "名前を入れてください" in page.learners_message.text()
    type_into(qtbot, page.name_edit, "はなちゃん")
    click(qtbot, area, page.add_button)
    assert sorted(learner.display_name for learner in directory.list_learners()) == ["はなこ", "はなちゃん"]

    def row_of(name):
        return next(i for i in range(page.learner_list.count()) if page.learner_list.text(i).startswith(name))

    page.learner_list.setCurrentRow(row_of("はなこ"))
    assert page.name_edit.text() == "はなこ"
    type_into(qtbot, page.name_edit, "花子")
    click(qtbot, area, page.rename_button)
    page.learner_list.setCurrentRow(row_of("花子"))
    page.group_combo.setCurrentIndex(page.group_combo.findText("火曜教室"))
    click(qtbot, area, page.regroup_button)
    hanako = next(learner for learner in directory.list_learners() if learner.display_name == "花子")
    assert hanako.group_name == "火曜教室"
    assert page.learner_list.text(row_of("花子")) == "花子（火曜教室）"

    duplicate = next(learner for learner in directory.list_learners() if learner.display_name == "はなちゃん")
    recorder.start_attempt(duplicate.id, "scan-to-pay", 1)
    assert recorder.flush()
    monkeypatch.setattr(InstructorArea, "ask_confirm", classmethod(lambda cls, parent, title, text: True))
    page.reload()
    settle(qtbot, area)
    page.learner_list.setCurrentRow(row_of("はなちゃん"))
    page.merge_target_combo.setCurrentIndex(page.merge_target_combo.findText("花子"))
    click(qtbot, area, page.merge_button)
    assert [learner.display_name for learner in directory.list_learners()] == ["花子"]
    assert count(engine, Attempt, Attempt.learner_id == hanako.id) == 1

    page.group_list.setCurrentRow(0)
    click(qtbot, area, page.remove_group_button)
    assert directory.list_groups() == [] and directory.get_learner(hanako.id).group_id is None


def test_a_name_is_shown_as_plain_text_never_as_markup(qtbot, area, directory):
    directory.add_learner("<b>太字</b>")
    unlock(qtbot, area)
    area.show_page(area.reports_page)
    area.reports_page.tabs.setCurrentIndex(1)  # 「学習者ごと」: a page is built and loaded when first shown
    settle(qtbot, area)
    page = area.reports_page.learner
    assert page.summary.textFormat() == Qt.TextFormat.PlainText
    assert "<b>太字</b>" in page.summary.text()


def test_progress_stumbles_export_and_complete_deletion(qtbot, area, engine, directory, recorder, monkeypatch, tmp_path):
    learner = directory.add_learner("書き出し さん")
    scenario = pay_scenario()
    recorder.start_attempt(learner, scenario.id, scenario.version)
    player = Player(Run(scenario), recorder)
    player.start()
    for action in pay_actions():
        player.act(action)
    assert recorder.flush()
    unlock(qtbot, area)

    area.show_page(area.reports_page)
    progress = area.reports_page.learner
    progress.choose(learner)
    settle(qtbot, area)
    assert "1種類の練習を始め、1種類を最後まで" in progress.summary.text()
    assert cells(progress.table_view)[0][4] == "success"
    assert cells(progress.stumble_view)

    stumbles = area.reports_page.scenario
    settle(qtbot, area)
    assert "1人が1回練習し、1回は最後まで" in stumbles.summary.text()
    steps = [row[0] for row in cells(stumbles.stumble_view)]
    assert "amount" in steps and "open-pay" in steps
    assert "wrong-amount" in [row[1] for row in cells(stumbles.mistake_view)]

    area.show_page(area.data_page)
    settle(qtbot, area)  # a page is built and loaded when first shown
    data = area.data_page
    target = tmp_path / "export.json"
    monkeypatch.setattr(InstructorArea, "ask_save_path", classmethod(lambda cls, parent, name, kind="json": str(target)))
    data.learner_combo.setCurrentIndex(data.learner_combo.findData(str(learner)))
    click(qtbot, area, data.export_button)
    assert json.loads(target.read_text(encoding="utf-8"))["learner"]["display_name"] == "書き出し さん"
    assert "書き出しました" in data.data_message.text()

    monkeypatch.setattr(InstructorArea, "ask_confirm", classmethod(lambda cls, parent, title, text: False))
    click(qtbot, area, data.delete_button)
    assert directory.get_learner(learner) is not None and "削除しませんでした" in data.data_message.text()
    asked = []
    monkeypatch.setattr(
        InstructorArea, "ask_confirm", classmethod(lambda cls, parent, title, text: asked.append(text) or True)
    )
    with qtbot.waitSignal(area.learners_changed):
        qtbot.mouseClick(data.delete_button, Qt.MouseButton.LeftButton)
    settle(qtbot, area)
    assert "元に戻せません" in asked[0]
    assert directory.get_learner(learner) is None
    assert count(engine, Learner) == 0 and count(engine, Attempt) == 0
    assert "すべて削除しました" in data.data_message.text()


def test_waiting_records_are_shown_and_can_be_saved_now(qtbot, area, engine, directory, recorder):
    learner = directory.add_learner("まつ ひと")
    unlock(qtbot, area)
    area.show_page(area.data_page)
    settle(qtbot, area)  # a page is built and loaded when first shown
    data = area.data_page
    assert "0件" in data.pending_label.text()
    breaker = DatabaseBreaker(engine)
    try:
        breaker.broken = True
        recorder.start_attempt(learner, "s", 1)
        assert recorder.flush()
        qtbot.waitUntil(lambda: "1件" in data.pending_label.text(), timeout=3000)
        assert "保存を待っています" in data.pending_status.text()
        breaker.broken = False
        qtbot.mouseClick(data.retry_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "0件" in data.pending_label.text(), timeout=5000)
        assert "すべて保存されています" in data.pending_status.text()
    finally:
        breaker.remove()
    assert count(engine, Attempt) == 1


def test_start_fix_and_end_a_class_with_venues_from_the_list(qtbot, area, engine):
    unlock(qtbot, area)
    area.show_page(area.classes_page)
    settle(qtbot, area)  # a page is built and loaded when first shown
    page = area.classes_page
    assert page.date_edit.text() == dt.date.today().isoformat()  # today by default
    click(qtbot, area, page.start_button)
    assert "会場を一覧に" in page.message.text()  # no venue yet
    for name in ("中央公民館", "高城地区公民館"):
        type_into(qtbot, page.venue_name_edit, name)
        click(qtbot, area, page.add_venue_button)
    assert [page.venue_combo.itemText(i) for i in range(page.venue_combo.count())] == ["中央公民館", "高城地区公民館"]
    page.venue_combo.setCurrentIndex(0)
    type_into(qtbot, page.instructor_edit, "山田")
    page.kind_combo.setCurrentIndex(page.kind_combo.findData("consultation"))
    with qtbot.waitSignal(area.session_changed):
        qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    settle(qtbot, area)
    book = ClassBook(engine)
    session = book.open_session()
    assert (session.venue, session.instructor_name, session.kind) == ("中央公民館", "山田", SessionKind.CONSULTATION)
    assert "中央公民館" in page.open_label.text() and "相談会" in page.open_label.text()
    assert cells(page.sessions_view)[0][4] == "開いています"

    click(qtbot, area, page.end_button)
    assert book.open_session() is None and "ありません" in page.open_label.text()
    # the venue was wrong: correct it afterwards
    page.sessions_view.selectRow(0)
    assert page.fix_venue_combo.currentText() == "中央公民館"
    page.fix_venue_combo.setCurrentIndex(page.fix_venue_combo.findText("高城地区公民館"))
    click(qtbot, area, page.fix_button)
    assert book.get_session(session.id).venue == "高城地区公民館"
    assert cells(page.sessions_view)[0][1] == "高城地区公民館"


def test_the_board_page_shows_raised_hands_and_answers_them(qtbot, area, engine, directory, recorder):
    hanako = directory.add_learner("都城 花子")
    book = ClassBook(engine)
    book.add_venue("中央公民館")
    session = book.start_session("中央公民館", "山田")
    seat = Seat(engine, poll_s=0.05, attempt_source=lambda: recorder.current_attempt)
    try:
        qtbot.waitUntil(lambda: seat.session_id() == session, timeout=3000)
        seat.set_person(hanako)
        scenario = pay_scenario()
        run = Run(scenario)
        run.subscribe(seat.listener())
        recorder.start_attempt(hanako, scenario.id, scenario.version)
        Player(run, recorder).start()
        seat.raise_hand()
        unlock(qtbot, area)
        area.show_page(area.board_page)
        board = area.board_page
        assert board.timer.isActive()
        qtbot.waitUntil(lambda: any(r.hand_raised for r in board.rows), timeout=3000)
        row = cells(board.view)[0]
        assert row[0] == "花子さん" and "手を挙げています" in row[3]  # no family name on the board
        assert "中央公民館" in board.heading.text()
        # above the table, in view at any text size: who has a hand up, and whom the button answers
        assert board.hands.isVisibleTo(area) and board.hands.text() == "手を挙げている人 1人：花子さん"
        assert board.answer_button.text() == "花子さんに対応しました" == board.answer_button.accessibleName()
        assert board.answer_button.y() < board.view.y()
        lowered = []
        seat.add_hand_listener(lowered.append)
        click(qtbot, area, board.answer_button)
        assert "花子さんの手を下ろしました" in board.message.text()
        qtbot.waitUntil(lambda: lowered == [False], timeout=3000)
        assert not any(r.hand_raised for r in HelpBoard(engine).rows(session))
        qtbot.waitUntil(lambda: not board.hands.isVisibleTo(area), timeout=3000)
        assert board.answer_button.text() == "対応しました" and not board.answer_button.isEnabled()
        area.show_page(area.learners_page)
        settle(qtbot, area)  # a page is built and loaded when first shown
        assert not board.timer.isActive()  # the board reads the record only while it is on screen
    finally:
        seat.close()


def test_the_city_report_on_screen_and_as_csv(qtbot, area, engine, directory, recorder, monkeypatch, tmp_path):
    book = ClassBook(engine)
    learner = directory.add_learner("はなこ")
    session = book.start_session("中央公民館", "山田")
    recorder.session_source = lambda: session
    scenario = pay_scenario()
    recorder.start_attempt(learner, scenario.id, scenario.version)
    player = Player(Run(scenario), recorder)
    player.start()
    for action in pay_actions():
        player.act(action)
    assert recorder.flush()
    unlock(qtbot, area)
    area.show_page(area.reports_page)
    city = area.reports_page.city
    city.from_edit.setText((dt.date.today() - dt.timedelta(days=1)).isoformat())
    city.to_edit.setText(dt.date.today().isoformat())
    click(qtbot, area, city.show_button)
    assert city.headline.text() == "講習会 1 コマ・延べ 1 人"
    assert cells(city.finished_view) == [[scenario.id, "1", "0", "1", "1"]]  # none of them on their own
    target = tmp_path / "report.csv"
    monkeypatch.setattr(InstructorArea, "ask_save_path", classmethod(lambda cls, parent, name, kind="json": str(target)))
    click(qtbot, area, city.csv_button)
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel keeps the Japanese
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[1] == ["講習会 1 コマ・延べ 1 人"]
    assert "はなこ" not in raw.decode("utf-8-sig")  # no names unless asked
    city.to_edit.setText("いつか")
    click(qtbot, area, city.show_button)
    assert "2026-04-01 のように" in city.message.text()


def test_the_area_has_its_own_text_size_kept_on_this_pc(qtbot, engine, store, directory, recorder, tmp_path):
    from trainer.widgets.look import Look

    prefs_path = tmp_path / "prefs" / "instructor-area.json"
    area = InstructorArea(directory, InstructorPin(store), Reports(engine), recorder, look=Look(scale=3.0),
                          prefs=AreaPrefs.load(prefs_path.parent))
    qtbot.addWidget(area)
    area.show()
    assert area.look.scale == 1.0  # the learner's 300 % does not make the area 300 %
    unlock(qtbot, area)
    area.tabs.setCurrentIndex(2)
    area.size_combo.setCurrentIndex(area.size_combo.findData(200))
    settle(qtbot, area)
    assert area.is_unlocked and area.tabs.currentIndex() == 2 and area.look.scale == 2.0
    assert json.loads(prefs_path.read_text())["text_scale"] == 200
    assert AreaPrefs.load(prefs_path.parent).text_scale == 200


def test_a_slow_record_never_blocks_the_window(qtbot, area, directory, monkeypatch):
    """A read that takes long runs off the UI thread: every page's reload returns at once."""
    import threading
    import time

    release = threading.Event()
    original = LearnerDirectory.list_learners

    def slow(self, group_id=None):
        release.wait(3)
        return original(self, group_id)

    unlock(qtbot, area)
    monkeypatch.setattr(LearnerDirectory, "list_learners", slow)
    started = time.monotonic()
    area.reload()
    elapsed = time.monotonic() - started
    assert elapsed < 0.5, f"the window waited {elapsed:.1f} s for the record"
    assert area.jobs.busy
    release.set()
    settle(qtbot, area)
