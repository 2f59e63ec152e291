"""The real start (``trainer`` with no sub-command): the first frame comes first.

Speech, the readings and the record start only after the window's first
paint, and off the UI thread; the window is usable meanwhile. Runs the real
``launch`` in a fresh process (its ``app.exec()``), with spies on the three
start-ups."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QWidget

from trainer.app.first_frame import after_first_paint

ROOT = Path(__file__).resolve().parents[2]

SPY = r"""
import gc, json, sys, threading
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

app = QApplication(sys.argv[:1])
import trainer.app.launch as launch
import trainer.app.progress_link as progress_link
from trainer.app.main_window import MainWindow

notes = {"order": []}
order = notes["order"]
HEAVY = ("numpy", "sqlalchemy", "pyopenjtalk", "sudachipy", "trainer.speech.service")
# Not needed for the learner choice, the first page: imported when their pages are first shown.
LATER = ("trainer.app.home", "trainer.app.resume", "trainer.scenarios.snapshot", "trainer.widgets.arrow_nav", "uuid")

class Spy(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and "paint" not in order:
            order.append("paint")
            notes["page_at_paint"] = the_window().page_name
            notes["heavy_at_paint"] = [m for m in HEAVY if m in sys.modules]
            notes["later_at_paint"] = [m for m in LATER if m in sys.modules]
            notes["collector_at_paint"] = gc.isenabled()
        return False

def the_window():
    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))

spy = Spy()
app.installEventFilter(spy)

def noting(name, fn):
    def wrapper(*args, **kwargs):
        order.append(name)
        notes[name + "_thread"] = threading.current_thread().name
        return fn(*args, **kwargs)
    return wrapper

progress_link.open_in_background = noting("record", progress_link.open_in_background)
launch.import_speech = noting("speech", launch.import_speech)
launch.warm_readings = noting("readings", launch.warm_readings)
attached = set()

def attached_one(name, fn):
    def wrapper(self, *args):
        fn(self, *args)
        attached.add(name)
        if name == "record":
            notes["page_after_record"] = the_window().page_name
        if attached == {"speech", "record"}:
            QTimer.singleShot(0, app.quit)
    return wrapper

MainWindow.attach_speech = attached_one("speech", MainWindow.attach_speech)
progress_link.ProgressLink.ready = attached_one("record", progress_link.ProgressLink.ready)  # the record is open
QTimer.singleShot(60000, app.quit)
from trainer.cli import main
rc = main([])
for thread in threading.enumerate():  # the app may quit (both attached) before the readings are loaded
    if thread.name == "warm-up":
        thread.join(60)
from trainer.reading import jtalk
notes["sudachi_loaded"] = jtalk.sudachi_loaded()
notes["attached"] = sorted(attached)
notes["collector_after"] = gc.isenabled()
notes["frozen_after"] = gc.get_freeze_count()
print("NOTES " + json.dumps(notes))
sys.stdout.flush()
import os
os._exit(rc)
"""


def test_speech_readings_and_the_record_start_after_the_first_frame_and_off_the_ui_thread(tmp_path):
    (tmp_path / "settings.json").write_text(json.dumps({"text_size_chosen": True}), encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TRAINER_CONFIG_DIR": str(tmp_path),
           "PYTHONPATH": str(ROOT)}
    env.pop("TRAINER_NO_PROGRESS", None)
    result = subprocess.run([sys.executable, "-c", SPY], env=env, capture_output=True, text=True, timeout=120,
                            cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    [line] = [line for line in result.stdout.splitlines() if line.startswith("NOTES ")]
    notes = json.loads(line[len("NOTES "):])
    order = notes["order"]
    assert order[0] == "paint", order
    assert set(order) == {"paint", "record", "speech", "readings"}, order
    assert notes["heavy_at_paint"] == [], "nothing heavy is imported before the first frame"
    assert notes["later_at_paint"] == [], "the home page and resume points come after the first frame"
    assert notes["speech_thread"] != "MainThread" and notes["readings_thread"] != "MainThread"
    assert notes["attached"] == ["record", "speech"]
    assert notes["page_at_paint"] == "learner", "the first frame is the learner choice (the record still opening)"
    assert notes["page_after_record"] == "learner", "when the record is open, the learner choice is still there"
    assert notes["sudachi_loaded"], "the homograph dictionary is loaded at start, once, off the UI thread"
    assert notes["collector_at_paint"] is False, "the cycle collector is paused until the first frame"
    assert notes["collector_after"] is True, "... and runs again after it"
    assert notes["frozen_after"] > 10_000, "what the start made is kept out of later collections"


def test_after_first_paint_waits_for_the_paint(qtbot):
    calls: list[bool] = []
    painted: list[bool] = []

    class Window(QWidget):
        def paintEvent(self, event):
            painted.append(True)

    window = Window()
    qtbot.addWidget(window)
    after_first_paint(window, lambda: calls.append(bool(painted)), fallback_ms=60000)
    qtbot.wait(50)
    assert calls == [], "nothing runs before the window is shown and painted"
    window.show()
    qtbot.waitUntil(lambda: bool(calls), timeout=5000)
    assert calls == [True]
    window.update()
    qtbot.wait(50)
    assert calls == [True], "once only"


def test_after_first_paint_falls_back_when_the_window_is_never_painted(qtbot):
    calls: list[int] = []
    window = QWidget()
    qtbot.addWidget(window)
    after_first_paint(window, lambda: calls.append(1), fallback_ms=30)
    qtbot.waitUntil(lambda: bool(calls), timeout=5000)
    assert calls == [1]


def test_several_callbacks_share_the_first_paint_in_order(qtbot):
    calls: list[str] = []
    window = QWidget()
    qtbot.addWidget(window)
    after_first_paint(window, lambda: calls.append("warm-up"), fallback_ms=60000)
    after_first_paint(window, lambda: calls.append("probe"), fallback_ms=60000, first=True)
    window.show()
    qtbot.waitUntil(lambda: len(calls) == 2, timeout=5000)
    assert calls == ["probe", "warm-up"]
