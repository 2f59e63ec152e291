"""No traceback in a learner's face.

An unexpected error inside the app (a bug in a slot, say) must not kill the
window or show Python's text. ``install`` replaces ``sys.excepthook``: the
full traceback goes to a log file in the user's log folder (for the staff
who help), and the learner sees one calm, non-blocking message in plain
words — at most one at a time. Nothing the learner typed is in a traceback:
Python's tracebacks carry code lines, not variable values.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

log = logging.getLogger("trainer")

MESSAGE_JA = (
    "うまく動かないところがありました。ごめんなさい。\n"
    "これまでの練習の記録は守られています。\n"
    "このまま続けるか、「やめる」を押して、もう一度始めてください。"
)
MESSAGE_EN = (
    "Something did not work as it should. Sorry.\n"
    "Your practice record so far is safe.\n"
    "Carry on, or press “Quit” and start again."
)


def log_file(folder: Path | None = None) -> Path | None:
    """Where tracebacks are written: the user's log folder (made if missing), else a
    folder in the system's temporary folder, else None (then only stderr). A log folder
    that cannot be made (``XDG_STATE_HOME`` naming a file, a read-only home) never stops
    the app."""
    candidates: list[Path] = []
    if folder is not None:
        candidates.append(Path(folder))
    else:
        try:
            from platformdirs import user_log_dir

            candidates.append(Path(user_log_dir("trainer", appauthor=False)))
        except Exception:  # a strange environment: the fallback below
            pass
    import tempfile

    uid = os.getuid() if hasattr(os, "getuid") else "user"
    candidates.append(Path(tempfile.gettempdir()) / f"trainer-log-{uid}")
    for candidate in candidates:
        try:
            candidate.mkdir(parents=True, exist_ok=True)
            path = candidate / "trainer.log"
            with open(path, "a", encoding="utf-8"):
                pass
            return path
        except OSError:
            continue
    return None


class CrashGuard:
    """The installed hook: logs every uncaught error, tells the learner gently."""

    def __init__(self, window: QWidget | None, lang: str = "ja", folder: Path | None = None) -> None:
        self.window = window
        self.lang = lang
        self.path = log_file(folder)
        self.notice: QMessageBox | None = None
        self._handler: logging.Handler
        try:
            if self.path is None:
                raise OSError("no log folder")
            self._handler = RotatingFileHandler(self.path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
        except OSError:
            self._handler = logging.StreamHandler(sys.stderr)
        self._handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        log.addHandler(self._handler)
        self._previous = sys.excepthook

    def attach(self, window: QWidget) -> None:
        """The window the calm message belongs to (installed before the window exists)."""
        self.window = window

    def report(self, error: BaseException) -> None:
        """Log an error caught by the app itself and tell the learner gently (as for an uncaught one)."""
        self(type(error), error, error.__traceback__)

    def __call__(self, kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self._previous(kind, error, tb)
            return
        log.error("unexpected error\n%s", "".join(traceback.format_exception(kind, error, tb)))
        try:
            self._handler.flush()
        except OSError:  # a full disk: the message still reaches the learner
            pass
        QTimer.singleShot(0, self._tell)  # never inside the failing slot

    def _tell(self) -> None:
        if self.notice is not None and self.notice.isVisible():
            return  # one calm message at a time
        text = MESSAGE_EN if self.lang == "en" else MESSAGE_JA
        self.notice = QMessageBox(QMessageBox.Icon.Information, "trainer", text,
                                  QMessageBox.StandardButton.Ok, self.window)
        self.notice.setModal(False)
        self.notice.setAccessibleName(text)
        self.notice.show()

    def uninstall(self) -> None:
        sys.excepthook = self._previous
        log.removeHandler(self._handler)
        self._handler.close()


def install(window: QWidget | None, lang: str = "ja", folder: Path | None = None) -> CrashGuard:
    guard = CrashGuard(window, lang, folder)
    sys.excepthook = guard
    return guard
