"""An unexpected error in the app: logged for staff, a calm message for the learner."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget

from trainer.app.crash_guard import install
from trainer.words.catalogue import tr


def test_an_error_in_a_slot_is_logged_and_told_gently(qtbot, tmp_path):
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    guard = install(window, "ja", tmp_path)
    try:
        assert sys.excepthook is guard
        button = QPushButton("押す", window)

        def broken() -> None:
            raise RuntimeError("a bug in a slot")

        button.clicked.connect(broken)
        button.click()  # PySide6 hands the slot's exception to sys.excepthook
        qtbot.waitUntil(lambda: guard.notice is not None and guard.notice.isVisible())
        notice = guard.notice
        assert isinstance(notice, QMessageBox) and not notice.isModal()
        assert notice.text() == tr("crash.message") and "Traceback" not in notice.text()
        logged = (tmp_path / "trainer.log").read_text(encoding="utf-8")
        assert "RuntimeError: a bug in a slot" in logged and "Traceback" in logged
        button.click()  # a second error does not stack a second message
        QApplication.processEvents()  # runs the queued message call
        assert guard.notice is notice
        assert logged.count("a bug in a slot") < (tmp_path / "trainer.log").read_text(encoding="utf-8").count(
            "a bug in a slot")
    finally:
        guard.uninstall()
    assert sys.excepthook is not guard


def test_before_its_file_opens_the_log_is_kept_and_an_error_opens_it_at_once(qtbot, tmp_path):
    """The app opens the log file after the first frame: what came before is not lost."""
    import logging

    guard = install(None, "ja", tmp_path, open_log=False)
    try:
        assert not (tmp_path / "trainer.log").exists()
        logging.getLogger("trainer.app").warning("a note before the first frame")
        guard.open_log()
        logged = (tmp_path / "trainer.log").read_text(encoding="utf-8")
        assert "a note before the first frame" in logged
    finally:
        guard.uninstall()
    early = tmp_path / "early"
    guard = install(None, "ja", early, open_log=False)
    try:
        try:
            raise RuntimeError("a bug before the first frame")
        except RuntimeError as error:
            guard.report(error)
        logged = (early / "trainer.log").read_text(encoding="utf-8")  # written at once, not at open_log
        assert "RuntimeError: a bug before the first frame" in logged
        guard.open_log()  # a second call changes nothing
        assert (early / "trainer.log").read_text(encoding="utf-8") == logged
    finally:
        guard.uninstall()
        QApplication.processEvents()
        if guard.notice is not None:
            guard.notice.close()
