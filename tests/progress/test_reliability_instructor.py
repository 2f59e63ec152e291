"""The instructor area and the picker against curious learners: plain-text names, refused hidden
characters, a PIN gate that slows guessing and locks itself, exports named by learner and date,
the quit notice, and names kept on this PC while the record is unreachable (issue #12)."""

from __future__ import annotations

import datetime as dt
import os
import stat
import uuid

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from tests.progress.test_instructor_area import settle, type_into, unlock
from trainer.app.instructor import InstructorArea
from trainer.app.instructor.common import AreaPrefs
from trainer.progress.learners import InvalidName, clean_name, export_file_name
from trainer.progress.pin import PIN_SETTING, InstructorPin
from trainer.progress.reports import Reports
from trainer.scenarios.events import StepShown


@pytest.fixture
def db_url(tmp_path):
    from trainer.progress.database import sqlite_url

    return sqlite_url(tmp_path / "db" / "progress.sqlite3").render_as_string(hide_password=False)


@pytest.fixture
def gate(qtbot, engine, store, directory, recorder, tmp_path):
    directory.on_learner_deleted = recorder.forget_learner
    widget = InstructorArea(directory, InstructorPin(store, has_learners=lambda: directory.count_learners() > 0),
                            Reports(engine), recorder, prefs=AreaPrefs(100, tmp_path / "prefs" / "area.json"))
    qtbot.addWidget(widget)
    widget.show()
    settle(qtbot, widget)
    return widget


def enter_pin(qtbot, area, pin):
    type_into(qtbot, area.gate.pin_edit, pin)
    qtbot.keyClick(area.gate.pin_edit, Qt.Key.Key_Return)
    settle(qtbot, area)


@pytest.mark.parametrize("name", ["\u202eおかし", "はな\u200bこ", "は\x00なこ", "はな\u2028こ", "\ufeffはなこ",
                                  "\u2066はなこ\u2069", "はな\u200dこ"])
def test_invisible_and_direction_changing_characters_are_refused(name):
    with pytest.raises(InvalidName) as refused:
        clean_name(name)
    assert "見えない文字" in refused.value.message_ja


def test_markup_in_a_name_is_kept_as_plain_text():
    assert clean_name("<img width=3000> <b>太字</b>") == "<img width=3000> <b>太字</b>"
    assert clean_name(" 花子\n") == "花子"  # a pasted line end is just a space


def test_names_are_plain_text_in_the_instructor_area(qtbot, gate, directory):
    unlock(qtbot, gate)
    learner = directory.add_learner("<img src=x width=3000><b>ふとじ</b>")
    gate.reload()
    settle(qtbot, gate)
    gate.show_page(gate.reports_page)
    settle(qtbot, gate)  # a page is built and loaded when it is first shown
    page = gate.reports_page.learner
    page.choose(learner)
    settle(qtbot, gate)
    summary = page.summary
    assert summary.textFormat() == Qt.TextFormat.PlainText
    assert summary.text().startswith("<img src=x width=3000><b>ふとじ</b>さん")
    assert summary.sizeHint().width() < 3000  # the markup was not rendered as a 3,000-pixel picture
    gate.show_page(gate.learners_page)
    settle(qtbot, gate)  # a page is built and loaded when first shown
    gate.reload()
    settle(qtbot, gate)
    naming = [w for w in gate.findChildren(QLabel) if "ふとじ" in w.text()]
    assert naming and all(w.textFormat() == Qt.TextFormat.PlainText for w in naming)


def test_the_confirmation_dialog_shows_names_as_plain_text(qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.textFormat()) or 0)
    InstructorArea.ask_confirm(None, "削除", "<b>はなこ</b>さんを削除します")
    assert shown == [Qt.TextFormat.PlainText]


def test_pin_guessing_is_slowed_on_screen(qtbot, gate, store):
    unlock(qtbot, gate, "2468")
    gate.lock()
    settle(qtbot, gate)
    for guess in ("0000", "1111", "2222"):
        enter_pin(qtbot, gate, guess)
    assert "秒たってから" in gate.gate.pin_message.text()
    enter_pin(qtbot, gate, "2468")  # the right PIN, but within the wait
    assert not gate.is_unlocked


def test_a_removed_pin_row_does_not_open_the_set_pin_page(qtbot, gate, store, directory):
    unlock(qtbot, gate, "2468")
    directory.add_learner("まもられる ひと")
    store.set_setting(PIN_SETTING, None)  # deleted by someone with write access to the database
    gate.lock()
    settle(qtbot, gate)
    assert not gate.gate.asks_for_new_pin and "docs/reliability.md" in gate.gate.pin_message.text()
    enter_pin(qtbot, gate, "0000")
    assert not gate.is_unlocked and "docs/reliability.md" in gate.gate.pin_message.text()


def test_the_unlocked_area_locks_itself_after_idle_minutes(qtbot, gate):
    unlock(qtbot, gate)
    assert gate.is_unlocked and gate.idle_lock.timer.isActive()
    gate.idle_lock.timer.setInterval(200)  # minutes in real life (IDLE_LOCK_MS); the count starts again
    qtbot.waitUntil(lambda: not gate.is_unlocked, timeout=3000)
    settle(qtbot, gate)
    assert gate.stack.currentIndex() == 0 and not gate.gate.asks_for_new_pin  # the PIN page again


def test_activity_keeps_the_area_open(qtbot, gate):
    unlock(qtbot, gate)
    gate.idle_lock.timer.setInterval(1500)  # the count starts again (the pages loaded meanwhile)
    for _ in range(4):  # 2.4 s in all, longer than the idle time, with a click every 0.6 s
        qtbot.wait(600)
        assert gate.is_unlocked
        qtbot.mouseClick(gate.tabs.bar, Qt.MouseButton.LeftButton)
    assert gate.is_unlocked


def test_reading_a_dialog_the_area_opened_keeps_the_area_open(qtbot, gate):
    from PySide6.QtWidgets import QMessageBox

    unlock(qtbot, gate)
    question = QMessageBox(QMessageBox.Icon.Warning, "削除", "はなこさんを削除します", parent=gate)
    question.show()  # its own window: a click there is not inside the area's window
    other = QWidget()  # a window the area did not open
    qtbot.addWidget(other)
    other.show()
    timer = gate.idle_lock.timer
    try:
        timer.start(60_000)
        qtbot.wait(1000)
        before = timer.remainingTime()
        qtbot.mouseClick(question, Qt.MouseButton.LeftButton)  # activity in the area's own dialog
        assert timer.remainingTime() > before + 500  # the count started again
        qtbot.wait(1000)
        before = timer.remainingTime()
        qtbot.mouseClick(other, Qt.MouseButton.LeftButton)  # a window the area did not open: the count goes on
        assert timer.remainingTime() <= before
        assert gate.is_unlocked
    finally:
        question.close()


def test_a_question_left_open_is_dismissed_when_the_area_locks_itself(qtbot, gate):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    def someone_else_says_yes():  # long after the area locked, the next person at the PC
        for box in gate.findChildren(QMessageBox):
            if box.isVisible():
                next(b for b in box.buttons()
                     if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole).click()  # 「はい」

    unlock(qtbot, gate)
    # The count starts again now, not at the unlock: on a busy machine the unlock's loading can outlast a
    # short count, and a question asked after the area locked is no question the lock left open. Both
    # counts start here, before the question's own loop runs: the lock's, the shorter, always ends first.
    gate.idle_lock.timer.start(300)
    later = QTimer(gate)  # goes with the area: it never fires into another test
    later.setSingleShot(True)
    later.timeout.connect(someone_else_says_yes)
    later.start(2500)
    assert gate.is_unlocked
    answer = InstructorArea.ask_confirm(gate, "削除", "はなこさんを削除します")  # the instructor walked away
    assert answer is False  # dismissed as "no" when the area locked: nobody else can say 「はい」 to it
    assert not gate.is_unlocked


def test_an_export_is_named_after_the_learner_and_the_date_and_is_owner_only(qtbot, gate, directory, tmp_path,
                                                                             monkeypatch):
    unlock(qtbot, gate)
    learner = directory.add_learner("都城 花子/2")
    suggested = []
    target = tmp_path / "out.json"
    monkeypatch.setattr(InstructorArea, "ask_save_path",
                        classmethod(lambda cls, parent, name, kind="json": suggested.append(name) or str(target)))
    gate.reload()
    settle(qtbot, gate)
    gate.show_page(gate.data_page)
    settle(qtbot, gate)  # a page is built and loaded when first shown
    data = gate.data_page
    data.learner_combo.setCurrentIndex(data.learner_combo.findData(str(learner)))
    qtbot.mouseClick(data.export_button, Qt.MouseButton.LeftButton)
    settle(qtbot, gate)  # the name is asked off the UI thread, then the file is written there too
    assert target.exists()
    assert suggested == [f"学習記録_都城_花子_2_{dt.date.today().isoformat()}.json"]
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_an_export_never_overwrites_without_asking(directory, tmp_path):
    learner = directory.add_learner("うわがき")
    target = tmp_path / "x.json"
    target.write_text("先生の大事なファイル", encoding="utf-8")
    with pytest.raises(FileExistsError):
        directory.export_learner_json(learner, target)
    assert target.read_text(encoding="utf-8") == "先生の大事なファイル"
    directory.export_learner_json(learner, target, overwrite=True)  # after the dialog asked
    assert "うわがき" in target.read_text(encoding="utf-8")
    assert export_file_name("a:b*c", dt.date(2026, 12, 1)) == "学習記録_a_b_c_2026-12-01.json"


def test_an_export_touches_no_other_file_and_never_replaces_one_made_meanwhile(directory, tmp_path,
                                                                               monkeypatch):
    from trainer.progress import learners as learners_module

    learner = directory.add_learner("となり")
    out = tmp_path / "out"
    out.mkdir()
    target = out / "x.json"
    neighbour = out / "x.json.part"  # someone's file that happens to have the old temporary name
    neighbour.write_text("となりのファイル", encoding="utf-8")
    directory.export_learner_json(learner, target)
    assert neighbour.read_text(encoding="utf-8") == "となりのファイル"
    assert sorted(p.name for p in out.iterdir()) == ["x.json", "x.json.part"]  # no temporary left

    late = out / "late.json"
    real_link = os.link

    def made_meanwhile(src, dst):  # another program writes the file between the check and the rename
        late.write_text("あとから来たファイル", encoding="utf-8")
        return real_link(src, dst)

    monkeypatch.setattr(learners_module.os, "link", made_meanwhile)
    with pytest.raises(FileExistsError):
        directory.export_learner_json(learner, late)
    assert late.read_text(encoding="utf-8") == "あとから来たファイル"
    assert sorted(p.name for p in out.iterdir()) == ["late.json", "x.json", "x.json.part"]


def test_the_area_replaces_only_a_file_its_save_dialog_asked_about(qtbot, gate, directory, tmp_path, monkeypatch):
    from trainer.progress import learners as learners_module

    unlock(qtbot, gate)
    learner = directory.add_learner("あとから")
    target = tmp_path / "new.json"  # did not exist when the dialog returned: the dialog asked nothing
    monkeypatch.setattr(InstructorArea, "ask_save_path",
                        classmethod(lambda cls, parent, name, kind="json": str(target)))
    real_link = os.link

    def made_meanwhile(src, dst):
        target.write_text("ほかのプログラムのファイル", encoding="utf-8")
        return real_link(src, dst)

    monkeypatch.setattr(learners_module.os, "link", made_meanwhile)
    gate.reload()
    settle(qtbot, gate)
    gate.show_page(gate.data_page)
    settle(qtbot, gate)  # a page is built and loaded when first shown
    data = gate.data_page
    data.learner_combo.setCurrentIndex(data.learner_combo.findData(str(learner)))
    qtbot.mouseClick(data.export_button, Qt.MouseButton.LeftButton)
    settle(qtbot, gate)
    qtbot.waitUntil(lambda: data.data_message.text() != "", timeout=5000)
    assert target.read_text(encoding="utf-8") == "ほかのプログラムのファイル"
    assert data.data_message.text() == gate.look.tr("data.not_exported")


def test_the_instructor_reads_the_records_notice_too_naming_the_damaged_file(qtbot, tmp_path):
    from trainer.app import progress_link
    from trainer.progress import open_progress
    from trainer.progress.database import DB_FILENAME
    from trainer.widgets.look import Look

    data = tmp_path / "data"
    data.mkdir()
    (data / DB_FILENAME).write_bytes(b"this is not a database, it was damaged" * 200)
    progress = open_progress(data_dir_override=data, spill_dirs=[tmp_path / "spill"])
    link = progress_link.ProgressLink(progress)
    try:
        aside = progress.integrity.moved_to
        assert aside is not None
        area = link.instructor_page(Look())
        qtbot.addWidget(area)
        area.show()
        unlock(qtbot, area)
        settle(qtbot, area)
        area.show_page(area.data_page)  # beside the waiting records: where the record's health is shown
        area.data_page.refresh_pending()
        shown = area.data_page.pending_status.text()
        assert aside.name in shown and "先生・サポーターに知らせてください" in shown
        assert area.data_page.pending_status.textFormat() == Qt.TextFormat.PlainText
    finally:
        link.close()


# -- the learner side ----------------------------------------------------------------------------

def test_quitting_while_records_wait_tells_the_learner_calmly(qtbot, tmp_path, monkeypatch):
    from trainer.app import progress_link
    from trainer.progress import open_progress

    progress = open_progress(data_dir_override=tmp_path / "data", spill_dirs=[tmp_path / "spill"])
    link = progress_link.ProgressLink(progress)
    window = QWidget()
    qtbot.addWidget(window)
    link.install_quit_notice(window, "ja")
    told = []
    monkeypatch.setattr(progress_link, "tell_before_quit", lambda parent, text: told.append(text))
    try:
        learner = progress.learners.add_learner("まつ ひと")
        progress.recorder.hold_database(True)  # the database cannot take them now: they wait
        progress.recorder.start_attempt(learner, "s", 1)
        progress.recorder.record(StepShown("a", 0, False))
        window.show()
        window.close()
        assert len(told) == 1 and "このパソコンに安全に残してある" in told[0] and "なくなりません" in told[0]
    finally:
        link.close()


def test_the_quit_notice_speaks_the_language_the_learner_chose(qtbot, tmp_path, monkeypatch):
    from trainer.app import progress_link
    from trainer.progress import open_progress
    from trainer.widgets.look import Look

    progress = open_progress(data_dir_override=tmp_path / "data", spill_dirs=[tmp_path / "spill"])
    link = progress_link.ProgressLink(progress)
    window = QWidget()
    window.look = Look(lang="en")  # the main window's look: English chosen in the settings
    qtbot.addWidget(window)
    link.install_quit_notice(window, "ja")  # the app was started in Japanese
    told = []
    monkeypatch.setattr(progress_link, "tell_before_quit", lambda parent, text: told.append(text))
    try:
        learner = progress.learners.add_learner("まつ ひと")
        progress.recorder.hold_database(True)
        progress.recorder.start_attempt(learner, "s", 1)
        progress.recorder.record(StepShown("a", 0, False))
        window.show()
        window.close()
        assert len(told) == 1 and "kept safely on this PC" in told[0]
    finally:
        link.close()


def test_quitting_with_everything_saved_says_nothing(qtbot, tmp_path, monkeypatch):
    from trainer.app import progress_link
    from trainer.progress import open_progress

    progress = open_progress(data_dir_override=tmp_path / "data", spill_dirs=[tmp_path / "spill"])
    link = progress_link.ProgressLink(progress)
    window = QWidget()
    qtbot.addWidget(window)
    link.install_quit_notice(window, "ja")
    told = []
    monkeypatch.setattr(progress_link, "tell_before_quit", lambda parent, text: told.append(text))
    window.show()
    window.close()
    link.close()
    assert told == []


def test_learners_choose_themselves_while_the_server_is_down_and_the_picker_refreshes(qtbot, tmp_path,
                                                                                     monkeypatch):
    from trainer.app import progress_link
    from trainer.app.learner_picker import LearnerPicker
    from trainer.progress import open_progress
    from trainer.widgets.look import Look

    progress = open_progress(data_dir_override=tmp_path / "data", spill_dirs=[tmp_path / "spill"])
    try:
        hanako = progress.learners.add_learner("はなこ")
        assert [x.display_name for x in progress.learner_choices.list_learners()] == ["はなこ"]  # seen once
        down = {"on": True}
        real_list, real_groups = progress.learners.list_learners, progress.learners.list_groups

        def maybe(real):
            def call(*args, **kwargs):
                if down["on"]:
                    raise ConnectionError("server down")
                return real(*args, **kwargs)
            return call

        monkeypatch.setattr(progress.learners, "list_learners", maybe(real_list))
        monkeypatch.setattr(progress.learners, "list_groups", maybe(real_groups))
        monkeypatch.setattr(progress_link, "RECHECK_MS", 100)
        link = progress_link.ProgressLink(progress)
        picker = link.learner_page(Look())
        qtbot.addWidget(picker)
        qtbot.waitUntil(lambda: picker.loaded)  # the names are read on a worker thread
        assert isinstance(picker, LearnerPicker)
        assert [t.text() for t in picker.tiles] == ["はなこ"]  # names last seen, kept on this PC
        assert "このパソコンに残っている名前" in picker.message.text()
        with qtbot.waitSignal(picker.learner_chosen) as chosen:
            qtbot.mouseClick(picker.tiles[0], Qt.MouseButton.LeftButton)
        assert chosen.args == [hanako]
        progress.recorder.hold_database(True)
        progress.recorder.start_attempt(hanako, "s", 1)
        progress.recorder.record(StepShown("a", 0, False))
        assert progress.recorder.flush(5) and progress.recorder.pending_count() > 0  # waits in the outbox
        progress.learners.add_learner("たろう")  # added on another PC meanwhile
        down["on"] = False  # the server is back
        qtbot.waitUntil(lambda: [t.text() for t in picker.tiles] == ["たろう", "はなこ"], timeout=5000)
        assert picker.message.isHidden() or "このパソコンに残っている名前" not in picker.message.text()
    finally:
        progress.close()
    assert uuid.UUID(str(hanako))


def test_a_server_down_at_start_is_prepared_when_it_is_back_and_the_picker_refreshes(qtbot, tmp_path, pg_url,
                                                                                    monkeypatch):
    from sqlalchemy.exc import OperationalError

    from trainer.app import progress_link
    from trainer.app.learner_picker import LearnerPicker
    from trainer.progress import migrate, open_progress
    from trainer.widgets.look import Look

    real_upgrade = migrate.upgrade

    def down(engine):
        raise OperationalError("connect", {}, Exception("server down"))

    monkeypatch.setattr(migrate, "upgrade", down)  # at opening the server does not answer
    progress = open_progress(pg_url, data_dir_override=tmp_path / "data", spill_dirs=[tmp_path / "spill"])
    monkeypatch.setattr(progress_link, "RECHECK_MS", 100)
    link = progress_link.ProgressLink(progress)  # its class seat has a connection of its own: link.close()
    try:
        assert progress.problem is not None and "つながりません" in progress.notice_ja
        picker = link.learner_page(Look())
        qtbot.addWidget(picker)
        qtbot.waitUntil(lambda: picker.loaded)  # the names are read on a worker thread
        assert isinstance(picker, LearnerPicker) and picker.tiles == []
        assert "このパソコンに残っている名前" in picker.message.text()
        monkeypatch.setattr(migrate, "upgrade", real_upgrade)  # the server is back (its schema is new here)
        qtbot.waitUntil(lambda: progress.problem is None, timeout=10000)  # prepared from the background check
        qtbot.waitUntil(lambda: "このパソコンに残っている名前" not in picker.message.text(), timeout=10000)
        learner = progress.learners.add_learner("もどった ひと")  # the tables were made when it came back
        picker.refresh()
        qtbot.waitUntil(lambda: [t.text() for t in picker.tiles] == ["もどった ひと"], timeout=5000)
        assert progress.learner_choices.list_learners()[0].id == learner
        assert progress.notice_ja is None
    finally:
        link.close()
