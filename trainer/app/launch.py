"""``trainer`` with no sub-command: open the app.

Creates the Qt application, loads settings and the scenario catalogue, and
shows the main window. Nothing else runs before its first frame is on
screen: only then (``first_frame.after_first_paint``; a zero-delay timer
queued before ``exec()`` would fire *before* the first paint) do three
things start, off the UI thread:

- the progress record opens on a worker thread (SQLAlchemy, migrations);
  the learner choice is the window's first page (its ``ProgressLink`` is
  made, still opening, before the window; its names come when the record is
  ready; a guest can start meanwhile), and practice a learner
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
record off. ``--smoke`` paints the first window and exits 0 (for CI and
benchmarks; it touches neither speech nor the record).

The crash guard is installed before anything else loads (fonts, scenarios,
settings, the window), so even a bug there is logged and told calmly; its
log file is opened after the first frame (at once if an error comes first).

The window opens on the screen it is on and never larger than it:
maximized by default (``maximized`` in the settings file), or a normal
window of ``--window WxH`` logical pixels (see ``window_fit``). The app's
own font (BIZ UD Gothic, ``trainer.fonts``) is registered before the
window is built.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

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


def imported_pack_folders() -> list[Path]:
    """Folders of the packs installed with ``trainer pack import`` (none if that fails)."""
    try:
        from trainer.app.library import imported_pack_folders as folders

        return folders()
    except Exception:  # never a reason not to start
        log.warning("installed packs could not be listed", exc_info=True)
        return []


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


def pause_collector(was_enabled: bool | None = None) -> Callable[[], None]:
    """Pause Python's cycle collector until the first frame; returns what ends the pause.

    Building the first window makes some 300,000 objects that nearly all live on; the collector
    ran ~50 times over them before the first frame (20–27 ms of a ~410 ms start) and freed
    nothing worth it. When the pause ends, what the start made is frozen (``gc.freeze``: kept
    out of later collections, which then look only at what the learner's steps make) and the
    collector runs as before."""
    if was_enabled is None:
        was_enabled = gc.isenabled()
    gc.disable()
    ended = False

    def end() -> None:
        nonlocal ended
        if ended:
            return
        ended = True
        gc.freeze()
        if was_enabled:
            gc.enable()

    return end


def launch(args: argparse.Namespace, collector_was_enabled: bool | None = None) -> int:
    """Open the app. ``collector_was_enabled``: the command line paused the cycle collector before
    importing this module (and PySide6); whether it ran before that."""
    end_pause = pause_collector(collector_was_enabled)
    try:
        return _launch(args, end_pause)
    finally:
        end_pause()  # (a no-op once the first frame has ended it)


def _launch(args: argparse.Namespace, end_pause: Callable[[], None]) -> int:
    from PySide6.QtWidgets import QApplication

    import trainer.app  # noqa: F401  (applies the PySide6 reference-count fix first)
    from trainer.app.window_fit import place_window, prepare_high_dpi

    prepare_high_dpi()  # before the application exists
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("trainer")
    # The crash guard comes before anything else loads (fonts, scenarios, settings, the window),
    # so even a bug there is logged for staff and told calmly, never a traceback.
    from trainer.app.crash_guard import install as install_crash_guard

    guard = install_crash_guard(None, args.lang, open_log=False)  # its file after the first frame (or an error)
    app.aboutToQuit.connect(guard.uninstall)
    from trainer import fonts
    from trainer.app.first_frame import after_first_paint, bench_probe
    from trainer.app.library import Library
    from trainer.app.main_window import MainWindow
    from trainer.app.settings import SettingsStore
    from trainer.content import bundled_content_dir

    fonts.register()
    folders = getattr(args, "content", None) or [bundled_content_dir(), *imported_pack_folders()]
    try:
        library = Library.load(folders)
    except Exception as error:  # a bug in loading: the app still opens (empty), staff find the log
        guard.report(error)
        library = Library([])
    for problem in library.problems:
        print(problem.format(args.lang), file=sys.stderr)
    store = SettingsStore()
    recording = os.environ.get("TRAINER_NO_PROGRESS") != "1"
    link = None
    if recording:
        from trainer.app.early_runs import EarlyRuns
        from trainer.app.progress_link import ProgressLink

        # Attached at once, still opening (the record itself opens after the first frame): the learner
        # page is the first page (its guest button works; practice begun meanwhile is kept, not lost,
        # by ``EarlyRuns``) and asks the record for the names when it is ready.
        link = ProgressLink(None, scenario_title=lambda sid: _title(library, sid, args.lang), early=EarlyRuns(),
                            library=library)
    window = MainWindow(library, settings_store=store, lang=args.lang, progress=link)
    guard.attach(window)
    place_window(window, requested=getattr(args, "window", None), maximized=window.settings.maximized)
    if getattr(args, "smoke", False):
        app.processEvents()
        window.grab()  # paints every visible widget once
        window.close()
        guard.uninstall()
        return 0

    def attach_speech() -> None:
        speech = create_speech()
        if speech is not None:
            window.attach_speech(speech)
            app.aboutToQuit.connect(speech.shutdown)

    def warm_up() -> None:  # the first frame is on screen
        end_pause()
        guard.open_log()
        if link is not None:
            from trainer.app.progress_link import open_in_background

            link.install_quit_notice(window, args.lang)
            app.aboutToQuit.connect(link.close)
            open_in_background(link.ready, window, on_failed=link.failed)
        start_in_background(import_speech, attach_speech, warm_readings, window)

    after_first_paint(window, warm_up)
    bench_probe(window)  # notes the frame before the warm-up starts
    return app.exec()


def _title(library, scenario_id: str, lang: str) -> str:
    for item in library.scenarios:
        if item.id == scenario_id:
            return item.title.get(lang)
    return scenario_id
