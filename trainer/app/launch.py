"""``trainer`` with no sub-command: open the app.

Creates the Qt application, loads settings and the scenario catalogue, and
shows the main window. Nothing else runs before its first frame is on
screen: only then (``first_frame.after_first_paint``; a zero-delay timer
queued before ``exec()`` would fire *before* the first paint) do three
things start, off the UI thread:

- the progress record opens on a worker thread (SQLAlchemy, migrations);
  when it is ready the learner choice comes first, and practice a learner
  started meanwhile is kept (``early_runs.EarlyRuns``) and recorded for
  the learner who then chooses their name;
- the speech service's modules (NumPy, the reading engine) are imported on
  a worker thread, then the service is made on the UI thread (a few ms) and
  its own threads load the voice;
- the readings (Open JTalk's dictionary and the Sudachi dictionary it uses
  for words written alike but read differently, about 90 MiB) are loaded
  once on that same worker thread, right after the speech modules — so no
  learner action pays for them on the UI thread.

The window can be used all the while. If speech or the record cannot
start, the app goes on without it. ``TRAINER_NO_PROGRESS=1`` turns the
record off. ``--smoke`` paints the first window and exits 0 (for CI; it
touches neither speech nor the record).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import threading
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)


def create_speech():
    """The speech service, or None when speech cannot run here (the app goes on silently)."""
    try:
        from trainer.speech.service import SpeechService

        return SpeechService()
    except Exception:  # no speech is a notice, never a crash
        log.warning("speech is not available", exc_info=True)
        return None


def import_speech() -> None:
    """On a worker thread: import what the speech service needs (NumPy, the reading engine: ~140 ms)."""
    try:
        import trainer.speech.service  # noqa: F401
    except Exception:  # create_speech says why, on the UI thread
        log.debug("speech modules could not be imported", exc_info=True)


def warm_readings() -> None:
    """On a worker thread: load Open JTalk's dictionary and the Sudachi dictionary, once."""
    from trainer.reading import jtalk

    jtalk.warm_up_now(sudachi=True)


def start_in_background(first: Callable[[], None], then: Callable[[], None], after: Callable[[], None],
                        parent: Any) -> threading.Thread:
    """On a worker thread run ``first``, queue ``then`` for the UI thread, and run ``after``."""
    from PySide6.QtCore import QObject, Qt, Signal

    class _Done(QObject):
        done = Signal()

    done = _Done(parent)
    done.done.connect(then, Qt.ConnectionType.QueuedConnection)

    def run() -> None:
        try:
            first()
        finally:
            done.done.emit()
        after()

    thread = threading.Thread(target=run, name="warm-up", daemon=True)
    thread.start()
    return thread


def launch(args: argparse.Namespace) -> int:
    from PySide6.QtWidgets import QApplication

    import trainer.app  # noqa: F401  (applies the PySide6 reference-count fix first)
    from trainer.app.first_frame import after_first_paint, bench_probe
    from trainer.app.library import Library
    from trainer.app.main_window import MainWindow
    from trainer.app.settings import SettingsStore
    from trainer.content import bundled_content_dir

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("trainer")
    folders = getattr(args, "content", None) or [bundled_content_dir()]
    library = Library.load(folders)
    for problem in library.problems:
        print(problem.format(args.lang), file=sys.stderr)
    store = SettingsStore()
    recording = os.environ.get("TRAINER_NO_PROGRESS") != "1"
    early = None
    if recording:
        from trainer.app.early_runs import EarlyRuns

        early = EarlyRuns()  # practice before the record is open is kept, not lost
    window = MainWindow(library, settings_store=store, lang=args.lang,
                        listeners_for=early.listeners_for if early is not None else None)
    window.show()
    if getattr(args, "smoke", False):
        app.processEvents()
        window.grab()  # paints every visible widget once
        window.close()
        return 0

    def attach_speech() -> None:
        speech = create_speech()
        if speech is not None:
            window.attach_speech(speech)
            app.aboutToQuit.connect(speech.shutdown)

    def warm_up() -> None:  # the first frame is on screen
        from trainer.app.crash_guard import install as install_crash_guard

        guard = install_crash_guard(window, args.lang)  # its log file and handler cost ~15 ms: not before the frame
        app.aboutToQuit.connect(guard.uninstall)
        if recording:
            from trainer.app.progress_link import ProgressLink, open_in_background

            def attach(progress) -> None:
                link = ProgressLink(progress, scenario_title=lambda sid: _title(library, sid, args.lang), early=early)
                app.aboutToQuit.connect(link.close)
                window.attach_progress(link)

            open_in_background(attach, window)
        start_in_background(import_speech, attach_speech, warm_readings, window)

    after_first_paint(window, warm_up)
    bench_probe(window)  # notes the frame before the warm-up starts
    return app.exec()


def _title(library, scenario_id: str, lang: str) -> str:
    for item in library.scenarios:
        if item.id == scenario_id:
            return item.title.get(lang)
    return scenario_id
