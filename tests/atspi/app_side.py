"""The app half of the AT-SPI check: the real main window on a real X display (Xvfb), with
Qt's AT-SPI bridge on; ``tests.atspi.check`` reads it from another process, as Orca would."""

from __future__ import annotations

import os
import sys


def main() -> int:
    os.environ.setdefault("QT_LINUX_ACCESSIBILITY_ALWAYS_ON", "1")
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    app.setApplicationName("trainer-atspi-check")
    from trainer.app.library import Library
    from trainer.app.main_window import MainWindow
    from trainer.app.settings import Settings
    from trainer.content import bundled_content_dir
    from trainer.scenarios.loader import load_all

    scenarios, _problems = load_all([bundled_content_dir()])
    window = MainWindow(Library(scenarios), settings=Settings(text_size_chosen=True, read_aloud=False))
    window.resize(1280, 720)
    window.show()
    window.activateWindow()
    scenario_id = sys.argv[1] if len(sys.argv) > 1 else "open-an-app"
    window.start(scenario_id)
    print("ready", flush=True)
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
