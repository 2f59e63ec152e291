"""The instructor area locks itself after a few idle minutes.

This is the instructor area's one timer (never a timer on a learner): an
instructor who walks away from an unlocked area must not leave learners'
names and records open to the next person at the PC. Any key press, click,
touch or wheel inside the area — or inside a dialog it opened — starts the
count again. When it locks, the questions it left open are dismissed (as
"no"), so a deletion waiting for 「はい」 cannot be answered by someone else.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

#: Idle time after which the unlocked instructor area locks itself (ms).
IDLE_LOCK_MS = 3 * 60 * 1000

_ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
             QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate}


class IdleLock(QObject):
    """Calls ``lock()`` when ``area`` saw no input for ``idle_ms`` while ``is_unlocked()``."""

    def __init__(self, area: QWidget, lock: Callable[[], None], is_unlocked: Callable[[], bool],
                 idle_ms: int = IDLE_LOCK_MS) -> None:
        super().__init__(area)
        self.area = area
        self._lock = lock
        self._is_unlocked = is_unlocked
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(idle_ms)
        self.timer.timeout.connect(self._expired)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        area.destroyed.connect(self._detach)

    def start(self) -> None:
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def _expired(self) -> None:
        if self._is_unlocked():
            self._close_dialogs()
            self._lock()

    def _close_dialogs(self) -> None:
        """Dismiss the questions the area left open (「はい、実行します」 to a deletion, a save dialog):
        locked means nobody can answer them for the instructor who walked away."""
        for dialog in self.area.findChildren(QDialog):
            try:
                if dialog.isVisible():
                    dialog.reject()
            except RuntimeError:  # already gone
                continue

    def _detach(self, *_: object) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.timer.isActive() and event.type() in _ACTIVITY and isinstance(watched, QWidget):
            try:
                inside = self._inside(watched)
            except RuntimeError:  # the area is gone
                return False
            if inside:
                self.timer.start()
        return False

    def _inside(self, widget: QWidget | None) -> bool:
        """True for the area, its children and the dialogs it opened (a save dialog, a question):
        reading a question for minutes is using the area. ``isAncestorOf`` stops at a window's edge."""
        while widget is not None:
            if widget is self.area:
                return True
            widget = widget.parentWidget()
        return False
