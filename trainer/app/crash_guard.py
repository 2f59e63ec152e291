"""No traceback in a learner's face.

An unexpected error inside the app (a bug in a slot, say) must not kill the
window or show Python's text. ``install`` replaces ``sys.excepthook``: the
full traceback goes to a log file in the user's log folder (for the staff
who help), and the learner sees one calm, non-blocking message in plain
words — at most one at a time. Nothing the learner typed is in a traceback:
Python's tracebacks carry code lines, not variable values.

The guard is installed before anything else loads. Its log file (a folder
to make, a rotating file handler and the modules behind it: ~15-60 ms) may
wait until the window's first frame is on screen (``open_log=False``, then
``open_log()``): until then what is logged is kept in memory and written to
the file when it opens — and an error opens it at once.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:  # made only when an error is told: its Python class (and enums) never before the first frame
    from PySide6.QtWidgets import QMessageBox

log = logging.getLogger("trainer")


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
            log.debug("no user log folder here; a fallback is used", exc_info=True)
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

    def __init__(self, window: QWidget | None, lang: str = "ja", folder: Path | None = None, *,
                 open_log: bool = True) -> None:
        self.window = window
        self.lang = lang
        self.path: Path | None = None
        self.notice: QMessageBox | None = None
        self._folder = folder
        self._handler: logging.Handler = _Kept()
        log.addHandler(self._handler)
        self._previous = sys.excepthook
        if open_log:
            self.open_log()

    def open_log(self) -> None:
        """Open the log file (once); what was logged before goes into it first."""
        if not isinstance(self._handler, _Kept):
            return
        from logging.handlers import RotatingFileHandler

        kept = self._handler
        self.path = log_file(self._folder)
        handler: logging.Handler
        try:
            if self.path is None:
                raise OSError("no log folder")
            handler = RotatingFileHandler(self.path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
        except OSError:
            handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        for record in kept.records:
            handler.handle(record)
        log.addHandler(handler)
        log.removeHandler(kept)
        self._handler = handler

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
        self.open_log()  # an error is written to the file at once, even before the first frame
        log.error("unexpected error\n%s", "".join(traceback.format_exception(kind, error, tb)))
        try:
            self._handler.flush()
        except OSError:  # a full disk: the message still reaches the learner
            pass
        QTimer.singleShot(0, self._tell)  # never inside the failing slot

    def _tell(self) -> None:
        if self.notice is not None and self.notice.isVisible():
            return  # one calm message at a time
        from PySide6.QtWidgets import QMessageBox

        from trainer.words.catalogue import tr  # the catalogue loads after the guard is in place

        text = tr("crash.message", self.lang)
        self.notice = QMessageBox(QMessageBox.Icon.Information, "trainer", text,
                                  QMessageBox.StandardButton.Ok, self.window)
        self.notice.setModal(False)
        self.notice.setAccessibleName(text)
        self.notice.show()

    def uninstall(self) -> None:
        sys.excepthook = self._previous
        log.removeHandler(self._handler)
        self._handler.close()


class _Kept(logging.Handler):
    """Keeps what is logged before the log file is open (the last ``KEPT`` records)."""

    KEPT = 500

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)
        del self.records[:-self.KEPT]


def install(window: QWidget | None, lang: str = "ja", folder: Path | None = None, *,
            open_log: bool = True) -> CrashGuard:
    """Replace ``sys.excepthook``; ``open_log=False``: the log file opens at ``guard.open_log()``
    (or at the first error), what is logged until then is kept for it."""
    guard = CrashGuard(window, lang, folder, open_log=open_log)
    sys.excepthook = guard
    return guard
