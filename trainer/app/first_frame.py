"""Run work once the window's first frame is on screen, not before.

A ``QTimer.singleShot(0, …)`` queued before ``app.exec()`` fires *before*
the first paint (the paint is itself a posted event that comes later), so
anything started that way delays the first frame. ``after_first_paint``
lets the window paint (its first ``UpdateRequest``) and queues ``callback``
from there: it runs on the next pass of the event loop, after the whole
window has been painted and flushed. If the window is never painted (minimised, a platform
that does not expose it), ``callback`` runs after ``fallback_ms`` anyway.

For benchmarks, ``TRAINER_BENCH_FRAME=<file>`` writes the moment of the
first frame (``time.monotonic()``, the clock every process on the machine
shares), the resident memory and the CPU time used until then to ``<file>``
as one JSON line;
``TRAINER_BENCH_QUIT_MS=<n>`` ends the process ``n`` ms after it (see
``benchmarks/start_bench.py``).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

BENCH_FRAME_ENV = "TRAINER_BENCH_FRAME"
BENCH_QUIT_ENV = "TRAINER_BENCH_QUIT_MS"


class _PaintWatch(QObject):
    """Calls ``callback`` (once) right after ``window``'s first paint.

    The window paints in answer to an ``UpdateRequest`` event sent to it
    (the top-level widget): the watch lets the window handle that event
    itself — painting and flushing every widget — and then queues
    ``callback``. Only the window's own events are watched (an
    application-wide filter would have every Qt object and event the app
    meets wrapped for Python on the way, which costs PySide a large part of
    a first frame)."""

    def __init__(self, window: QWidget, callback: Callable[[], None], fallback_ms: int) -> None:
        super().__init__(window)
        self._window = window
        self.callbacks = [callback]
        self._fired = False
        self._queued = False
        window.installEventFilter(self)
        self._fallback = QTimer(self)
        self._fallback.setSingleShot(True)
        self._fallback.timeout.connect(self._fire)
        self._fallback.start(fallback_ms)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self._window and not self._queued and event.type() == QEvent.Type.UpdateRequest \
                and self._window.isVisible():
            self._queued = True
            self._window.removeEventFilter(self)
            obj.event(event)  # the window paints now ...
            QTimer.singleShot(0, self._fire)  # ... and the callback runs once that is on screen
            return True
        return False

    def _fire(self) -> None:
        if self._fired:
            return
        self._fired = True
        self._fallback.stop()
        self._window.removeEventFilter(self)
        for callback in self.callbacks:
            callback()

    @property
    def fired(self) -> bool:
        return self._fired


def after_first_paint(window: QWidget, callback: Callable[[], None], *, fallback_ms: int = 3000,
                      first: bool = False) -> QObject:
    """Run ``callback`` on the UI thread once ``window`` has been painted for the first time.

    Several callbacks for one window share one watch and run in the order given (``first``: before
    the others)."""
    watch = getattr(window, "_first_paint_watch", None)
    if isinstance(watch, _PaintWatch) and not watch.fired:
        watch.callbacks.insert(0 if first else len(watch.callbacks), callback)
        return watch
    watch = _PaintWatch(window, callback, fallback_ms)
    window._first_paint_watch = watch  # type: ignore[attr-defined]  # (no findChildren: it would have PySide wrap every child)
    return watch


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
            out.write(json.dumps({"first_frame": time.monotonic(), "rss_kib": rss_kib(),
                                  "cpu_s": time.process_time()}) + "\n")
        if quit_ms <= 0:
            os._exit(0)  # the moment is noted; nothing else of this run is measured
        QTimer.singleShot(quit_ms, _quit_noting_memory(target))

    return after_first_paint(window, note, first=True)


def _quit_noting_memory(target: str) -> Callable[[], None]:
    import json

    def finish() -> None:
        with open(target, "a", encoding="utf-8") as out:
            out.write(json.dumps({"later": time.monotonic(), "rss_kib": rss_kib()}) + "\n")
        os._exit(0)

    return finish
