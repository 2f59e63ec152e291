"""Run work once the window's first frame is on screen, not before.

A ``QTimer.singleShot(0, …)`` queued before ``app.exec()`` fires *before*
the first paint (the paint is itself a posted event that comes later), so
anything started that way delays the first frame. ``after_first_paint``
watches the window's own paint event and queues ``callback`` from there:
it runs on the next pass of the event loop, after the whole window has been
painted and flushed. If the window is never painted (minimised, a platform
that does not expose it), ``callback`` runs after ``fallback_ms`` anyway.

For benchmarks, ``TRAINER_BENCH_FRAME=<file>`` writes the moment of the
first frame (``time.monotonic()``, the clock every process on the machine
shares) and the resident memory then to ``<file>`` as one JSON line;
``TRAINER_BENCH_QUIT_MS=<n>`` ends the process ``n`` ms after it (see
``benchmarks/start_bench.py``).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

BENCH_FRAME_ENV = "TRAINER_BENCH_FRAME"
BENCH_QUIT_ENV = "TRAINER_BENCH_QUIT_MS"


class _PaintWatch(QObject):
    """Calls ``callback`` (once) right after the first paint of ``window`` or a widget in it.

    (The main window itself may get no paint event at all: its central
    widget fills it. So the application's events are watched — only until
    the first frame.)"""

    def __init__(self, window: QWidget, callback: Callable[[], None], fallback_ms: int) -> None:
        super().__init__(window)
        self._window = window
        self._callback = callback
        self._fired = False
        self._queued = False
        self._app = QApplication.instance()
        self._app.installEventFilter(self)
        self._fallback = QTimer(self)
        self._fallback.setSingleShot(True)
        self._fallback.timeout.connect(self._fire)
        self._fallback.start(fallback_ms)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if (event.type() == QEvent.Type.Paint and not self._queued and obj.isWidgetType()
                and obj.window() is self._window):
            self._queued = True
            self._app.removeEventFilter(self)
            QTimer.singleShot(0, self._fire)  # after this paint has been drawn and flushed
        return False

    def _fire(self) -> None:
        if self._fired:
            return
        self._fired = True
        self._fallback.stop()
        self._app.removeEventFilter(self)
        self._callback()


def after_first_paint(window: QWidget, callback: Callable[[], None], *, fallback_ms: int = 3000) -> QObject:
    """Run ``callback`` on the UI thread once ``window`` has been painted for the first time."""
    return _PaintWatch(window, callback, fallback_ms)


def rss_kib() -> int:
    """Resident memory of this process now, in KiB (0 where /proc is missing)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def bench_probe(window: QWidget) -> QObject | None:
    """With ``TRAINER_BENCH_FRAME`` set: note the first frame (and quit after ``TRAINER_BENCH_QUIT_MS``)."""
    target = os.environ.get(BENCH_FRAME_ENV)
    if not target:
        return None
    quit_ms = int(os.environ.get(BENCH_QUIT_ENV, "0") or 0)

    import json

    def note() -> None:
        with open(target, "a", encoding="utf-8") as out:
            out.write(json.dumps({"first_frame": time.monotonic(), "rss_kib": rss_kib()}) + "\n")
        if quit_ms <= 0:
            os._exit(0)  # the moment is noted; nothing else of this run is measured
        QTimer.singleShot(quit_ms, _quit_noting_memory(target))

    return after_first_paint(window, note)


def _quit_noting_memory(target: str) -> Callable[[], None]:
    import json

    def finish() -> None:
        with open(target, "a", encoding="utf-8") as out:
            out.write(json.dumps({"later": time.monotonic(), "rss_kib": rss_kib()}) + "\n")
        os._exit(0)

    return finish
