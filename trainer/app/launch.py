"""``trainer`` with no sub-command: open the app.

Creates the Qt application, loads settings and scenarios, and shows the
main window at once. Then, without keeping the learner waiting: the speech
service starts (Open JTalk loads a dictionary) and the progress record
opens on a worker thread (SQLAlchemy, migrations); when it is ready, the
learner choice comes first and practice is recorded. If either cannot
start, the app goes on without it. ``TRAINER_NO_PROGRESS=1`` turns the
record off. ``--smoke`` paints the first window and exits 0 (for CI and
benchmarks; it touches neither speech nor the record).

The window opens on the screen it is on and never larger than it:
maximized by default (``maximized`` in the settings file), or a normal
window of ``--window WxH`` logical pixels (see ``window_fit``). The app's
own font (BIZ UD Gothic, ``trainer.fonts``) is registered before the
window is built.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys

log = logging.getLogger(__name__)


def create_speech():
    """The speech service, or None when speech cannot run here (the app goes on silently)."""
    try:
        from trainer.speech.service import SpeechService

        return SpeechService()
    except Exception:  # no speech is a notice, never a crash
        log.warning("speech is not available", exc_info=True)
        return None


def imported_pack_folders() -> list:
    """Folders of the packs installed with ``trainer pack import`` (none if that fails)."""
    try:
        from trainer.app.library import imported_pack_folders as folders

        return folders()
    except Exception:  # never a reason not to start
        log.warning("installed packs could not be listed", exc_info=True)
        return []


def launch(args: argparse.Namespace) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    import trainer.app  # noqa: F401  (applies the PySide6 reference-count fix first)
    from trainer.app.window_fit import place_window, prepare_high_dpi

    prepare_high_dpi()  # before the application exists
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("trainer")
    # The crash guard comes before anything else loads (fonts, scenarios, settings, the window),
    # so even a bug there is logged for staff and told calmly, never a traceback.
    from trainer.app.crash_guard import install as install_crash_guard

    guard = install_crash_guard(None, args.lang)
    app.aboutToQuit.connect(guard.uninstall)
    from trainer import fonts
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
    window = MainWindow(library, settings_store=store, lang=args.lang)
    guard.attach(window)
    place_window(window, requested=getattr(args, "window", None), maximized=window.settings.maximized)
    if getattr(args, "smoke", False):
        app.processEvents()
        window.grab()  # paints every visible widget once
        window.close()
        guard.uninstall()
        return 0

    def start_speech() -> None:
        speech = create_speech()
        if speech is not None:
            window.attach_speech(speech)
            app.aboutToQuit.connect(speech.shutdown)

    QTimer.singleShot(0, start_speech)  # after the first paint; not a timer on the learner
    if os.environ.get("TRAINER_NO_PROGRESS") != "1":
        from trainer.app.progress_link import ProgressLink, open_in_background

        def attach(progress) -> None:
            link = ProgressLink(progress, scenario_title=lambda sid: _title(library, sid, args.lang))
            link.install_quit_notice(window, args.lang)
            app.aboutToQuit.connect(link.close)
            window.attach_progress(link)

        open_in_background(attach, window)
    return app.exec()


def _title(library, scenario_id: str, lang: str) -> str:
    for item in library.scenarios:
        if item.id == scenario_id:
            return item.title.get(lang)
    return scenario_id
