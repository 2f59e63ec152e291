"""The speech backend interface (no Qt) and what backends share.

A backend turns text into sound. ``speak`` blocks until the sound has been
played (it is run on a worker thread by ``SpeechService`` or by ``say``)
and returns early when its ``CancelToken`` is cancelled; ``synthesize`` and
``to_wav`` give the audio itself. Backends report progress through a
``SpeechEvents`` object: ``started`` when the first sound goes to the
device, ``marks`` with the estimated time of each word, ``word`` where the
engine itself says which word it is on.
"""

from __future__ import annotations

import logging
import os
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from trainer.speech import messages
from trainer.speech.audio import Audio, write_wav

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from trainer.reading.engine import Reader, Word
    from trainer.speech.playback import AudioOut

RATE_RANGE = (0.5, 2.0)
VOLUME_RANGE = (0.0, 1.0)


SPEECH_THREADS = min(3, max(2, os.cpu_count() or 2))
"""Threads (and voice engines) speaking at once: one for the current text, a spare for a text still
finishing a clause — at most one per core, since more would only take the CPUs from the window."""

class SpeechError(Exception):
    """Speech could not be produced; carries a plain message for the learner."""

    def __init__(self, message_ja: str, message_en: str = "", detail: str = "") -> None:
        super().__init__(message_en or message_ja)
        self.message_ja = message_ja
        self.message_en = message_en or message_ja
        self.detail = detail

    def message(self, lang: str = "ja") -> str:
        """The message in ``lang`` ("ja" or "en")."""
        return self.message_en if lang == "en" else self.message_ja


@dataclass(frozen=True, slots=True)
class Voice:
    """A voice a backend can speak with."""

    id: str
    name: str
    language: str = ""
    """BCP-47-ish language code such as "ja" ("" if unknown)."""

    @property
    def japanese(self) -> bool:
        """True for a Japanese voice."""
        return self.language.lower().startswith(("ja", "jp")) or "japan" in self.name.lower()


@dataclass(frozen=True, slots=True)
class WordMark:
    """A word of the plain text and when it is heard, from the start of the audio."""

    offset: int
    length: int
    at_ms: float


class CancelToken:
    """A one-way switch that stops one utterance; callbacks run when it flips.

    ``cancel()`` is safe from any thread; callbacks (such as killing a
    player process) run at once in the cancelling thread, or immediately at
    registration when the token is already cancelled.
    """

    def __init__(self) -> None:
        self._event = threading.Event()
        self._lock = threading.Lock()
        self._callbacks: list[Callable[[], object]] = []

    @property
    def cancelled(self) -> bool:
        """True once ``cancel()`` was called."""
        return self._event.is_set()

    def cancel(self) -> None:
        """Flip the switch and run the callbacks (once)."""
        with self._lock:
            if self._event.is_set():
                return
            self._event.set()
            callbacks, self._callbacks = self._callbacks, []
        for callback in callbacks:
            try:
                callback()
            except Exception:  # a dead process cannot be killed twice; that is fine
                log.debug("a stop callback failed", exc_info=True)

    def on_cancel(self, callback: Callable[[], object]) -> None:
        """Run ``callback`` when cancelled (now, if already cancelled)."""
        with self._lock:
            if not self._event.is_set():
                self._callbacks.append(callback)
                return
        callback()

    def discard(self, callback: Callable[[], object]) -> None:
        """Forget a callback registered with ``on_cancel``."""
        with self._lock:
            if callback in self._callbacks:
                self._callbacks.remove(callback)

    def wait(self, timeout: float | None = None) -> bool:
        """Block up to ``timeout`` seconds; True if cancelled meanwhile."""
        return self._event.wait(timeout)


class SpeechEvents:
    """Receives progress from a backend; called on the backend's thread.

    The default does nothing; ``SpeechService`` forwards to Qt signals.
    """

    def started(self) -> None:
        """The first sound of the utterance went to the device."""

    def marks(self, marks: Sequence[WordMark]) -> None:
        """Estimated word timings (``at_ms`` from the start of the audio)."""

    def word(self, offset: int, length: int) -> None:
        """The engine says it is speaking this word of the plain text now."""


_PAUSE_MORAS = {"、": 1.5, "。": 2.5, "？": 2.5, "！": 2.5, " ": 0.5}


def estimate_marks(words: Sequence[Word], duration_ms: float, start_ms: float = 0.0) -> list[WordMark]:
    """Spread ``duration_ms`` over the words by their morae (pauses count too)."""
    weights = [w.moras or _PAUSE_MORAS.get(w.pron, 0.0) for w in words]
    total = sum(weights)
    if total <= 0 or duration_ms <= 0:
        return []
    marks: list[WordMark] = []
    elapsed = 0.0
    for word, weight in zip(words, weights, strict=True):
        if word.moras:
            marks.append(WordMark(word.start, len(word.surface), start_ms + duration_ms * elapsed / total))
        elapsed += weight
    return marks


def check_range(name: str, value: float, bounds: tuple[float, float]) -> float:
    """Return ``value`` as float, or raise ValueError naming the allowed range."""
    low, high = bounds
    value = float(value)
    if not low <= value <= high:
        raise ValueError(f"{name} must be between {low} and {high} (got {value})")
    return value


class SpeechBackend(ABC):
    """One way of producing speech. Subclasses implement ``synthesize``.

    ``rate`` is 0.5–2.0 (1.0 normal), ``volume`` 0–1. ``reader`` gives
    readings (author overrides included); ``audio_out`` plays the sound.
    """

    name: str = "backend"
    natural_japanese: bool = False
    """True when the backend reads kanji text in natural Japanese itself."""

    def __init__(self, reader: Reader | None = None, *, audio_out: AudioOut | None = None) -> None:
        from trainer.reading.engine import Reader

        self.reader = reader if reader is not None else Reader()
        self._audio_out = audio_out
        self._rate = 1.0
        self._volume = 1.0
        self._voice_id: str | None = None
        self._say_token: CancelToken | None = None

    # -- settings ---------------------------------------------------------

    @property
    def rate(self) -> float:
        """Speaking speed, 0.5 (slow) – 2.0 (fast); 1.0 is the voice's normal speed."""
        return self._rate

    @rate.setter
    def rate(self, value: float) -> None:
        self._rate = check_range("rate", value, RATE_RANGE)

    @property
    def volume(self) -> float:
        """Loudness 0 (silent) – 1 (full)."""
        return self._volume

    @volume.setter
    def volume(self, value: float) -> None:
        self._volume = check_range("volume", value, VOLUME_RANGE)

    @property
    def audio_out(self) -> AudioOut:
        """Where the sound goes (the system's player unless one was given)."""
        if self._audio_out is None:
            from trainer.speech.playback import default_audio_out

            self._audio_out = default_audio_out()
        return self._audio_out

    @audio_out.setter
    def audio_out(self, value: AudioOut) -> None:
        self._audio_out = value

    def voices(self) -> list[Voice]:
        """The voices this backend offers (may be one)."""
        return []

    @property
    def voice_id(self) -> str | None:
        """The chosen voice, None for the backend's default."""
        return self._voice_id

    def set_voice(self, voice_id: str | None) -> None:
        """Choose a voice by id (None: default). Raises ValueError if unknown."""
        if voice_id is not None and voice_id not in {v.id for v in self.voices()}:
            raise ValueError(f"unknown voice {voice_id!r} for {self.name}")
        self._voice_id = voice_id

    def has_japanese_voice(self) -> bool:
        """True when the backend can speak Japanese (natively or from kana)."""
        return self.natural_japanese or any(v.japanese for v in self.voices())

    # -- producing sound ----------------------------------------------------

    @abstractmethod
    def synthesize(self, text: str, *, kana: str | None = None) -> Audio:
        """The whole utterance as audio. ``kana`` replaces the reading of ``text``."""

    def to_wav(self, text: str, path: str | Path, *, kana: str | None = None) -> Path:
        """Write the utterance to a 16-bit PCM WAV file; return its path."""
        return write_wav(path, self.synthesize(text, kana=kana))

    def speak(self, text: str, *, kana: str | None = None, events: SpeechEvents | None = None,
              token: CancelToken | None = None) -> bool:
        """Speak and block until done; False if cancelled. Raises SpeechError."""
        events = events or SpeechEvents()
        token = token or CancelToken()
        audio = self.synthesize(text, kana=kana)
        if token.cancelled or not len(audio.samples):
            return not token.cancelled
        return self._play(audio, text, kana, events, token)

    def _play(self, audio: Audio, text: str, kana: str | None, events: SpeechEvents, token: CancelToken) -> bool:
        """Play ``audio`` of ``text`` to the end (or until cancelled), with
        estimated word marks; False if cancelled."""
        stream = self.audio_out.open(audio.rate, token)
        try:
            events.started()
            if kana is None:
                events.marks(estimate_marks(self.reader.words(text), audio.duration_ms))
            stream.write(audio.to_bytes())
            stream.finish()
        finally:
            stream.close()
        return not token.cancelled

    def say(self, text: str, *, kana: str | None = None, events: SpeechEvents | None = None,
            on_done: Callable[[SpeechError | None], object] | None = None) -> CancelToken:
        """Speak on a background thread (outside Qt); ``stop()`` interrupts it.

        ``on_done(error)`` is called on that thread at the end (error None
        when it went well or was stopped).
        """
        self.stop()
        token = CancelToken()
        self._say_token = token

        def work() -> None:
            error: SpeechError | None = None
            try:
                self.speak(text, kana=kana, events=events, token=token)
            except SpeechError as caught:
                error = caught
            except Exception as caught:  # never let a backend bug kill the caller
                error = SpeechError(*messages.ENGINE_BROKEN, detail=repr(caught))
            if on_done is not None:
                on_done(error)

        threading.Thread(target=work, name=f"say-{self.name}", daemon=True).start()
        return token

    def stop(self) -> None:
        """Interrupt what ``say`` started, at once."""
        if self._say_token is not None:
            self._say_token.cancel()
            self._say_token = None

    def warm_up(self) -> None:  # noqa: B027 - optional hook
        """Load what the first utterance needs (called on a worker thread)."""

    def close(self) -> None:
        """Release processes and devices."""
        self.stop()
