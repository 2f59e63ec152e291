"""Read texts ahead, on a background thread, while the learner is reading.

With furigana on, a new step's texts are analysed by Open JTalk when their
labels are made — a third of a step change's work on the UI thread (about
5–20 ms a text). ``Ahead`` does that work earlier: the player hands it the
texts the next steps will show, and one daemon thread analyses them into
the readings' shared cache (``engine._ANALYSES``), so the step change
finds them there.

The analysis is mostly Python (it holds the GIL), so the thread must never
run while the window is busy with a step change: ``hold()`` (the learner
acted) stops it before its next text, ``release()`` (the new step is
painted) lets it go on. A hold that is never released ends by itself after
``HOLD_LIMIT_S``. Texts already in the cache are skipped; a new
``prepare`` replaces what was still waiting (the learner moved on).
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from typing import Protocol

log = logging.getLogger(__name__)

HOLD_LIMIT_S = 0.5
"""The longest a hold keeps the thread waiting (a step that is never painted must not stop it for good)."""
WAITING_KEPT = 2000
"""The most texts waiting at once (a scenario's next steps hold far fewer)."""


class _Reads(Protocol):
    def words(self, text: str) -> object: ...
    def knows(self, text: str) -> bool: ...


class Ahead:
    """One background reader of texts to come (see the module docstring)."""

    def __init__(self) -> None:
        self._waiting: deque[tuple[_Reads, str]] = deque(maxlen=WAITING_KEPT)
        self._lock = threading.Condition()
        self._held_until = 0.0
        self._thread: threading.Thread | None = None
        self._job: tuple[_Reads, Callable[[], Iterable[str]]] | None = None
        self.done = 0
        """Texts analysed so far (for tests and benchmarks)."""

    def prepare(self, reader: _Reads, texts: Callable[[], Iterable[str]]) -> None:
        """Analyse the texts ``texts()`` gives with ``reader`` soon, in that order, instead of what was
        waiting. ``texts`` is called on the background thread too (finding them is work as well)."""
        with self._lock:
            self._waiting.clear()
            self._job = (reader, texts)
            self._start()
            self._lock.notify()

    def hold(self) -> None:
        """The window is busy (a step change): analyse nothing until ``release`` (or the limit)."""
        with self._lock:
            self._held_until = time.monotonic() + HOLD_LIMIT_S

    def release(self) -> None:
        """The window is idle again: go on."""
        with self._lock:
            self._held_until = 0.0
            self._lock.notify()

    def wait_while_held(self) -> None:
        """Block the calling (background) thread while the window is busy with a step change.

        The speaking threads call this before each piece of analysis and synthesis they start, so
        the voice of a step being left never takes the GIL and the CPUs from the step being built;
        the next step's voice is handed over only after it is painted, when the hold is over."""
        with self._lock:
            self._wait_idle()

    @property
    def held(self) -> bool:
        with self._lock:
            return self._held_until > time.monotonic()

    def waiting(self) -> int:
        with self._lock:
            return len(self._waiting)

    def _start(self) -> None:
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._run, name="readings-ahead", daemon=True)
            self._thread.start()

    def _wait_idle(self) -> None:
        """(With the lock held) until nothing holds the thread back."""
        while True:
            held = self._held_until - time.monotonic()
            if held <= 0:
                return
            self._lock.wait(held)

    def _next(self) -> tuple[_Reads, str]:
        with self._lock:
            while True:
                self._wait_idle()
                if self._job is not None:
                    reader, texts = self._job
                    self._job = None
                    self._lock.release()  # finding the texts is work: not under the lock
                    try:
                        found = self._fresh(reader, texts)
                    finally:
                        self._lock.acquire()
                    if self._job is None:  # (a newer job replaces these)
                        self._waiting.extend((reader, text) for text in found)
                elif self._waiting:
                    return self._waiting.popleft()
                else:
                    self._lock.wait()

    @staticmethod
    def _fresh(reader: _Reads, texts: Callable[[], Iterable[str]]) -> list[str]:
        found: dict[str, None] = {}
        try:
            for text in texts():
                if text and text not in found and not reader.knows(text):
                    found[text] = None
        except Exception:  # a nicety: the labels read their texts themselves
            log.debug("the texts to read ahead could not be listed", exc_info=True)
        return list(found)

    def _run(self) -> None:
        while True:
            reader, text = self._next()
            try:
                reader.words(text)
            except Exception:  # reading ahead is a nicety: the label reads (and reports) it itself
                log.debug("reading ahead failed for a text", exc_info=True)
            self.done += 1


AHEAD = Ahead()
"""The app's one reader ahead."""
