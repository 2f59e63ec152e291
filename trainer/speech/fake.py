"""FakeSpeech: SpeechService's interface with no sound, driven by the test.

It keeps the real signals and methods (a test compares the two, so an
interface change cannot slip through) and records what was asked:
``said`` (texts), ``stops`` (count). Signals are delivered through the
event loop like the real service's. With ``auto_finish=True`` each text is
"heard" at once (started → finished); otherwise the test calls
``finish()``, ``fail(message)`` or ``speak_word(offset, length)``.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from trainer.reading.engine import Reader
from trainer.speech.base import RATE_RANGE, VOLUME_RANGE, SpeechBackend, SpeechError, Voice, check_range
from trainer.words.catalogue import tr


class FakeSpeech(QObject):
    """A stand-in for ``SpeechService`` in tests."""

    started = Signal()
    finished = Signal()
    failed = Signal(str)
    word = Signal(int, int)

    def __init__(self, backend: SpeechBackend | None = None, *, reader: Reader | None = None,
                 parent: QObject | None = None, auto_finish: bool = False) -> None:
        super().__init__(parent)
        self.auto_finish = auto_finish
        self.said: list[str] = []
        self.stops = 0
        self._reader = reader
        self._speaking = False
        self._pending = 0
        self._rate = 1.0
        self._volume = 1.0
        self._voice: str | None = None
        self._backend_name = backend.name if backend is not None else "fake"
        self._backend = backend
        self._last_error: SpeechError | None = None

    # -- the real interface -----------------------------------------------------

    @Slot(str)
    def say(self, text: str) -> None:
        self._interrupt()
        if not text or not text.strip():
            return
        self.said.append(text)
        self._pending += 1
        ticket = self._pending
        QTimer.singleShot(0, lambda: self._start(ticket))

    @Slot()
    def stop(self) -> None:
        self.stops += 1
        self._interrupt()

    def is_speaking(self) -> bool:
        return self._speaking

    @property
    def last_error(self) -> SpeechError | None:
        return self._last_error

    @property
    def backend(self) -> SpeechBackend | None:
        return self._backend

    def backend_name(self) -> str:
        return self._backend_name

    def set_backend(self, backend: SpeechBackend | str) -> None:
        self._interrupt()
        self._backend_name = backend if isinstance(backend, str) else backend.name

    def set_reader(self, reader: Reader) -> None:
        self._reader = reader

    @property
    def reader(self) -> Reader:
        if self._reader is None:
            self._reader = Reader()
        return self._reader

    def voices(self) -> list[Voice]:
        return [Voice("fake", tr("voice.fake", "ja"), "ja")]

    def set_voice(self, voice_id: str | None) -> None:
        if voice_id is not None and voice_id != "fake":
            raise ValueError(f"unknown voice {voice_id!r} for fake")
        self._voice = voice_id

    def set_rate(self, rate: float) -> None:
        self._rate = check_range("rate", rate, RATE_RANGE)

    def set_volume(self, volume: float) -> None:
        self._volume = check_range("volume", volume, VOLUME_RANGE)

    def rate(self) -> float:
        return self._rate

    def volume(self) -> float:
        return self._volume

    def shutdown(self) -> None:
        self._interrupt()

    # -- test controls -----------------------------------------------------------

    def finish(self) -> None:
        """The current text was heard to the end."""
        if self._speaking:
            self._speaking = False
            self.finished.emit()

    def fail(self, message_ja: str | None = None) -> None:
        """Speech failed (as with no sound device)."""
        message_ja = message_ja or tr("speech.no_device", "ja")
        self._last_error = SpeechError(message_ja)
        self._speaking = False
        self.failed.emit(message_ja)

    def speak_word(self, offset: int, length: int) -> None:
        """Pretend the engine reached a word."""
        self.word.emit(offset, length)

    # -- internals -------------------------------------------------------------

    def _start(self, ticket: int) -> None:
        if ticket != self._pending:
            return
        self._speaking = True
        self.started.emit()
        if self.auto_finish:
            self.finish()

    def _interrupt(self) -> None:
        self._pending += 1
        if self._speaking:
            self._speaking = False
            self.finished.emit()
