"""SpeechService: the Qt face of speech. ``say()`` returns at once; signals report.

A small pool of worker threads runs the backend; the UI thread only hands
over texts and flips cancel tokens, so ``say`` and ``stop`` take
microseconds and a new ``say`` cuts the old speech off at once (its player
process is killed). The new text starts on a free thread even while the
old one is still finishing the clause it was synthesising. Backend events
come back as queued signals and are dropped when they belong to an
utterance that was already interrupted.

Contract: every ``started`` is followed by exactly one ``finished`` or
``failed``; ``stop()`` and an interrupting ``say()`` emit ``finished``
for the old utterance before returning. ``failed`` may also come without
``started`` (e.g. no voice). Empty texts are not spoken (no signals).
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from trainer.reading.engine import Reader
from trainer.speech import messages
from trainer.speech.base import (
    RATE_RANGE,
    SPEECH_THREADS,
    VOLUME_RANGE,
    CancelToken,
    SpeechBackend,
    SpeechError,
    SpeechEvents,
    Voice,
    WordMark,
    check_range,
)
from trainer.speech.registry import choose_best_backend, create_backend

log = logging.getLogger(__name__)

WORKERS = SPEECH_THREADS
"""Threads speaking (see ``base.SPEECH_THREADS``)."""


class _Events(SpeechEvents):
    """Forwards a backend's events for utterance ``generation`` to the UI thread."""

    def __init__(self, service: SpeechService, generation: int) -> None:
        self._post = service._post
        self._generation = generation

    def started(self) -> None:
        self._post(self._generation, "started", None)

    def marks(self, marks: Sequence[WordMark]) -> None:
        if marks:
            self._post(self._generation, "marks", list(marks))

    def word(self, offset: int, length: int) -> None:
        self._post(self._generation, "word", (offset, length))


class SpeechService(QObject):
    """Reads texts aloud without ever blocking the UI thread.

    Construct it once and pass it to what needs it:
    ``SpeechService()`` picks the best Japanese voice by itself;
    ``SpeechService(backend)`` uses the given backend. Call its methods
    from the UI thread.
    """

    started = Signal()
    """The voice began to be heard for the current text."""
    finished = Signal()
    """The current text was read to the end, or interrupted by ``stop``/``say``."""
    failed = Signal(str)
    """Speech failed; the argument is a short Japanese notice for the learner."""
    word = Signal(int, int)
    """The word at (offset, length) of the plain text is being spoken (estimated)."""

    _backend_event = Signal(int, str, object)

    def __init__(self, backend: SpeechBackend | None = None, *, reader: Reader | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reader = reader if reader is not None else (backend.reader if backend is not None else Reader())
        self._backend = backend if backend is not None else choose_best_backend(self._reader)
        self._backend.reader = self._reader
        self._generation = 0
        self._token: CancelToken | None = None
        self._speaking = False
        self._last_error: SpeechError | None = None
        self._marks: list[WordMark] = []
        self._started_at = 0.0
        self._mark_timer = QTimer(self)
        self._mark_timer.setSingleShot(True)
        self._mark_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._mark_timer.timeout.connect(self._emit_next_mark)
        self._backend_event.connect(self._on_backend_event, Qt.ConnectionType.QueuedConnection)
        self._jobs: queue.SimpleQueue[Callable[[], object] | None] = queue.SimpleQueue()
        self._workers = [threading.Thread(target=self._work, name=f"speech-{n}", daemon=True) for n in range(WORKERS)]
        for worker in self._workers:
            worker.start()
        self._jobs.put(lambda: self._warm(self._backend))

    # -- speaking -------------------------------------------------------------

    @Slot(str)
    def say(self, text: str) -> None:
        """Read ``text`` aloud (inline ``《》`` readings allowed); interrupts any speech."""
        self._interrupt()
        if not text or not text.strip():
            return
        self._generation += 1
        token = CancelToken()
        self._token = token
        generation, backend = self._generation, self._backend
        self._jobs.put(lambda: self._speak(generation, text, token, backend))

    @Slot()
    def stop(self) -> None:
        """Stop speaking at once (emits ``finished`` if something was being heard)."""
        self._interrupt()

    def is_speaking(self) -> bool:
        """True between ``started`` and ``finished``/``failed``."""
        return self._speaking

    @property
    def last_error(self) -> SpeechError | None:
        """The last failure (``message_en`` too), None if none yet."""
        return self._last_error

    # -- settings -------------------------------------------------------------

    @property
    def backend(self) -> SpeechBackend:
        """The backend in use."""
        return self._backend

    def backend_name(self) -> str:
        """Short name of the backend: "openjtalk", "pyttsx3" or "silent"."""
        return self._backend.name

    def set_backend(self, backend: SpeechBackend | str) -> None:
        """Switch to another backend (an object or a name); stops current speech."""
        self._interrupt()
        new = create_backend(backend, self._reader) if isinstance(backend, str) else backend
        new.reader = self._reader
        new.rate, new.volume = self._backend.rate, self._backend.volume
        old, self._backend = self._backend, new
        self._jobs.put(lambda: self._warm(new))
        if old is not new:
            self._jobs.put(old.close)

    def set_reader(self, reader: Reader) -> None:
        """Use ``reader`` (e.g. with a scenario's ``readings:``) for what follows."""
        self._reader = reader
        self._backend.reader = reader

    @property
    def reader(self) -> Reader:
        """The reader giving readings to the voice."""
        return self._reader

    def voices(self) -> list[Voice]:
        """Voices of the current backend (may start the pyttsx3 worker: call from settings, not per step)."""
        return self._backend.voices()

    def set_voice(self, voice_id: str | None) -> None:
        """Choose a voice of the current backend by id (None: the default)."""
        self._backend.set_voice(voice_id)

    def set_rate(self, rate: float) -> None:
        """Speed 0.5–2.0 (1.0 normal); applies from the next ``say``."""
        self._backend.rate = check_range("rate", rate, RATE_RANGE)

    def set_volume(self, volume: float) -> None:
        """Volume 0–1; applies from the next ``say``."""
        self._backend.volume = check_range("volume", volume, VOLUME_RANGE)

    def rate(self) -> float:
        """Current speed."""
        return self._backend.rate

    def volume(self) -> float:
        """Current volume."""
        return self._backend.volume

    def shutdown(self) -> None:
        """Stop, end the worker threads and release the backend (call at app exit)."""
        self._interrupt()
        for _ in self._workers:
            self._jobs.put(None)
        for worker in self._workers:
            worker.join(timeout=2)
        self._backend.close()

    # -- internals --------------------------------------------------------------

    def _interrupt(self) -> None:
        if self._token is not None:
            self._token.cancel()
            self._token = None
        self._generation += 1
        self._mark_timer.stop()
        self._marks.clear()
        if self._speaking:
            self._speaking = False
            self.finished.emit()

    def _work(self) -> None:
        """A worker thread: run jobs until told to stop (None)."""
        while True:
            job = self._jobs.get()
            if job is None:
                return
            try:
                job()
            except Exception:  # a job never takes its thread down
                log.exception("speech job failed")

    @staticmethod
    def _warm(backend: SpeechBackend) -> None:
        try:
            backend.warm_up()
        except Exception:  # warming is best effort; speaking reports real errors
            log.debug("warm-up of %s failed", backend.name, exc_info=True)

    def _speak(self, generation: int, text: str, token: CancelToken, backend: SpeechBackend) -> None:
        """On a worker thread: speak one text and report how it ended."""
        if token.cancelled:
            return
        try:
            backend.speak(text, events=_Events(self, generation), token=token)
        except SpeechError as error:
            self._last_error = error
            log.info("speech failed: %s %s", error.message_en, error.detail)
            self._post(generation, "failed", error.message_ja)
            return
        except Exception as error:
            log.exception("speech backend %s crashed", backend.name)
            self._last_error = SpeechError(*messages.ENGINE_BROKEN, detail=repr(error))
            self._post(generation, "failed", messages.ENGINE_BROKEN[0])
            return
        self._post(generation, "finished", None)

    def _post(self, generation: int, kind: str, payload: object) -> None:
        """Hand an event to the UI thread (a queued signal); ignored once the service is gone."""
        try:
            self._backend_event.emit(generation, kind, payload)
        except RuntimeError:  # the QObject was deleted while we were speaking
            pass

    @Slot(int, str, object)
    def _on_backend_event(self, generation: int, kind: str, payload: object) -> None:
        if generation != self._generation:
            return  # from an utterance that was interrupted
        if kind == "started":
            self._speaking = True
            self._started_at = time.monotonic()
            self.started.emit()
        elif kind == "marks":
            self._marks.extend(payload)  # type: ignore[arg-type]
            self._schedule_mark()
        elif kind == "word":
            self.word.emit(*payload)  # type: ignore[misc]
        elif kind == "finished":
            self._token = None
            if self._speaking:
                self._speaking = False
                self._mark_timer.stop()
                self._marks.clear()
                self.finished.emit()
        elif kind == "failed":
            self._token = None
            self._speaking = False
            self._mark_timer.stop()
            self._marks.clear()
            self.failed.emit(str(payload))

    def _schedule_mark(self) -> None:
        if self._mark_timer.isActive() or not self._marks or not self._speaking:
            return
        due = self._started_at + self._marks[0].at_ms / 1000.0 - time.monotonic()
        self._mark_timer.start(max(0, round(due * 1000)))

    @Slot()
    def _emit_next_mark(self) -> None:
        if not self._marks:
            return
        mark = self._marks.pop(0)
        self.word.emit(mark.offset, mark.length)
        self._schedule_mark()
