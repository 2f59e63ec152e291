"""Reads texts aloud through the speech service, if there is one.

The player talks to this small object, never to a backend: ``say`` stops
whatever is being read and starts the new text at once (moving on never
waits for speech), ``stop`` silences it, and when the service reports a
failure the narrator emits ``unavailable`` once with a plain message — the
player shows it quietly and goes on with text only.

The service is anything with ``say(text)``, ``stop()`` and (optionally) a
``failed`` signal carrying a message — ``trainer.speech.SpeechService`` or
its fake. Texts are passed with their reading notation (``｜都城《みやこのじょう》``)
so the author's readings win.

When the narrator belongs to a window (its parent), a new text goes to the
service only once that window has painted what changed (``stop`` is still
at once): a step change — judging, building the new screen, layout,
painting — is not slowed down by the synthesis of its own text (analysis
and the first clause take the CPUs for a few tens of ms). The voice starts
a frame later, which nobody hears; if nothing is painted, after at most
``PAINT_WAIT_MS``.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractEventDispatcher, QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from trainer.reading.ahead import AHEAD
from trainer.reading.ruby import plain

log = logging.getLogger(__name__)

PAINT_WAIT_MS = 100
"""The longest a text waits for its window's paint before it is spoken anyway."""
SPOKEN_KEPT = 200
"""How many of the last texts ``spoken`` keeps (for tests and the log; it must not grow all day)."""


class Narrator(QObject):
    """The player's voice: one utterance at a time, interruptible, optional."""

    unavailable = Signal(str)
    """Speech failed (the message is for the log; the player shows its own notice)."""
    following = Signal(int, int)
    """The voice is at (offset, length) of the followed text (see ``say(follow=)``)."""
    done = Signal()
    """The current text was read to the end or interrupted."""

    def __init__(self, speech: Any | None = None, enabled: bool = True, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.speech: Any | None = None
        self.enabled = enabled
        self.failed = False
        self.last: str = ""
        self._spoken: deque[str] = deque(maxlen=SPOKEN_KEPT)
        self.speaking = False
        """True from a ``say`` until it was read to the end, stopped or failed (switch scanning waits)."""
        self._follow: tuple[int, int] | None = None  # (start, length) of the followed text in the utterance
        self._pending: str | None = None  # said, waiting for the window's paint
        self._watched: QWidget | None = None
        self._wait = QTimer(self)
        self._wait.setSingleShot(True)
        self._wait.timeout.connect(self._send_pending)
        self._idle_jobs: list[Callable[[], None]] = []
        if speech is not None:
            self.attach(speech)

    def attach(self, speech: Any) -> None:
        """Read through ``speech`` from now on (it may arrive after the window is shown)."""
        self.speech = speech
        for name, slot in (("failed", self._on_failed), ("word", self._on_word), ("finished", self._on_finished)):
            signal = getattr(speech, name, None)
            if signal is not None and hasattr(signal, "connect"):
                signal.connect(slot)

    @property
    def spoken(self) -> list[str]:
        """The last ``SPOKEN_KEPT`` texts given to the service, in order (plain text, for tests and the log)."""
        return list(self._spoken)

    @property
    def available(self) -> bool:
        return self.speech is not None and self.enabled

    def say(self, *texts: str, follow: int | None = None) -> None:
        """Stop what is being read and read ``texts`` (joined) instead.

        ``follow`` is the index of the text whose words ``following`` reports
        (for highlighting the word being read in that text)."""
        parts = [t for t in texts if t]
        text = "　".join(parts)
        self.last = text
        self._follow = None
        if not text:
            return
        self.stop()
        if not self.available:
            return
        if follow is not None and 0 <= follow < len(texts) and texts[follow]:
            index = parts.index(texts[follow])
            start = sum(len(plain(p)) + 1 for p in parts[:index])
            self._follow = (start, len(plain(parts[index])))
        self._spoken.append(plain(text))
        parent = self.parent()
        window = parent.window() if isinstance(parent, QWidget) else None
        if window is None or not window.isVisible():
            self._send(text)
            return
        self._pending = text
        self.speaking = True  # from now: the voice is about to read (switch scanning waits)
        if self._watched is not window:
            self._unwatch()
            window.installEventFilter(self)
            self._watched = window
        self._wait.start(PAINT_WAIT_MS)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self._watched and event.type() == QEvent.Type.UpdateRequest and self._pending is not None:
            self._unwatch()
            obj.event(event)  # the window paints what changed now ...
            self._send_pending()  # ... and only then is the new text synthesised
            return True
        return False

    def release_when_idle(self) -> None:
        """The new step has been painted: background reading (``AHEAD``) may go on once the event loop
        has finished the step change (what it replaced deleted, the rest of the window painted) and is
        about to wait for the learner — not in the middle of that paint."""
        self._when_idle(AHEAD.release)

    def _when_idle(self, job: Callable[[], None]) -> None:
        """Run ``job`` when the event loop is next about to wait (``aboutToBlock``); without a loop that
        ever waits (``processEvents`` alone) the hold ends by its own limit (``HOLD_LIMIT_S``)."""
        dispatcher = QAbstractEventDispatcher.instance()
        if dispatcher is None:
            job()
            return
        if not self._idle_jobs:
            dispatcher.aboutToBlock.connect(self._idle)
        if job not in self._idle_jobs:
            self._idle_jobs.append(job)

    def _idle(self) -> None:
        dispatcher = QAbstractEventDispatcher.instance()
        if dispatcher is not None:
            dispatcher.aboutToBlock.disconnect(self._idle)
        jobs, self._idle_jobs = self._idle_jobs, []
        for job in jobs:
            job()

    def _unwatch(self) -> None:
        if self._watched is not None:
            self._watched.removeEventFilter(self)
            self._watched = None

    def _send_pending(self) -> None:
        self._wait.stop()
        self._unwatch()
        AHEAD.release()  # the window has painted: background reading and speaking may go on
        text, self._pending = self._pending, None
        if text is not None and self.available:
            self._send(text)
        else:
            self.speaking = False

    def _send(self, text: str) -> None:
        try:
            self.speaking = True
            assert self.speech is not None  # (only called while speaking is on)
            self.speech.say(text)
        except Exception as error:  # a broken backend must never stop the lesson
            self._on_failed(str(error))

    def repeat(self) -> None:
        if self.last:
            self.say(self.last)

    def stop(self) -> None:
        self._pending = None
        self.speaking = False
        if self.speech is None:
            return
        try:
            self.speech.stop()
        except Exception:  # stopping silence cannot fail in a way that matters
            log.debug("stopping the voice failed", exc_info=True)

    def set_enabled(self, enabled: bool) -> None:
        self.enabled = enabled
        if not enabled:
            self.stop()

    def _on_word(self, offset: int, length: int) -> None:
        if self._follow is not None:
            start, size = self._follow
            if start <= offset < start + size:
                self.following.emit(offset - start, length)

    def _on_finished(self) -> None:
        self.speaking = False
        self.done.emit()

    def _on_failed(self, message: str = "") -> None:
        self.speaking = False
        if not self.failed:
            self.failed = True
            self.unavailable.emit(str(message))
