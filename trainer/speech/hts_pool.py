"""A few HTS engines for the bundled voice, so a new utterance never waits for an old one.

pyopenjtalk keeps one global HTS engine behind a lock. When the learner
moves on while a clause of the old text is being synthesised (up to a few
hundred ms, not interruptible), the new text would wait for it. Each
engine here is used by one thread at a time; a second one is made when the
first is busy (synthesis releases the GIL, so they really run side by
side), up to ``limit``.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np

from trainer.reading import jtalk


class EnginePool:
    """Lends out HTS engines loaded with pyopenjtalk's default voice."""

    def __init__(self, limit: int = 3) -> None:
        self._limit = limit
        self._free: list[Any] = []  # pyopenjtalk.HTSEngine (untyped)
        self._made = 0
        self._ready = threading.Condition()

    @contextmanager
    def engine(self) -> Iterator[Any]:
        """Borrow an engine (made on first need; waits only when ``limit`` are busy)."""
        engine = None
        with self._ready:
            while not self._free and self._made >= self._limit:
                self._ready.wait()
            if self._free:
                engine = self._free.pop()
            else:
                self._made += 1
        if engine is None:
            try:
                pyopenjtalk = jtalk.module()
                engine = pyopenjtalk.HTSEngine(pyopenjtalk.DEFAULT_HTS_VOICE)
            except BaseException:
                with self._ready:
                    self._made -= 1
                    self._ready.notify()
                raise
        try:
            yield engine
        finally:
            with self._ready:
                self._free.append(engine)
                self._ready.notify()

    def synthesize(self, labels: list[str], speed: float) -> tuple[np.ndarray, int]:
        """Full-context labels → (float64 samples in the int16 range, sampling rate)."""
        with self.engine() as engine:
            rate = engine.get_sampling_frequency()
            engine.set_speed(speed)  # synthesize() resets it, so set it every time
            return engine.synthesize(labels), rate

    @property
    def size(self) -> int:
        """Engines made so far."""
        return self._made
