"""Natural Japanese speech offline, from pyopenjtalk-plus (Open JTalk + HTS voice).

The wheel bundles the dictionary and the "mei" voice, so it works on every
OS with no download. A 30-character sentence takes about 0.3 s to
synthesise, too long to wait for, so ``speak`` synthesises clause by
clause (split at 、。, and a long first clause after a particle) and starts
playing the first clause while the rest is made. Clauses are made without
the voice's own silence at their edges (half the work for a short clause);
a pause that fits the punctuation is added instead.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import TYPE_CHECKING

import numpy as np

from trainer.reading import jtalk
from trainer.reading.ahead import AHEAD
from trainer.reading.engine import Clause
from trainer.speech.audio import Audio, fade, silence, to_int16, trim_silence
from trainer.speech.base import (
    SPEECH_THREADS,
    CancelToken,
    SpeechBackend,
    SpeechError,
    SpeechEvents,
    Voice,
    estimate_marks,
)
from trainer.speech.hts_pool import EnginePool
from trainer.speech.messages import ENGINE_BROKEN
from trainer.words.catalogue import tr

if TYPE_CHECKING:
    from trainer.reading.engine import Reader
    from trainer.speech.playback import AudioOut

FIRST_CLAUSE_MORAS = 6
"""A first clause longer than this is cut after a particle, so sound starts sooner."""
CLAUSE_BYTES_KEPT = 16 * 2**20
"""The most samples the clause cache keeps (16 MiB: about 3 minutes of speech at 48 kHz), besides its count
of clauses — a few long clauses would otherwise hold several MiB each."""

_PAUSE_MS = {"、": 150.0, "，": 150.0, ",": 150.0, "。": 380.0, "！": 380.0, "？": 380.0, "!": 380.0, "?": 380.0}


def _pause_after(clause: Clause) -> float:
    last = clause.words[-1].surface if clause.words else ""
    if "\n" in last:
        return 300.0
    return _PAUSE_MS.get(last.strip()[-1:], 30.0)


class OpenJTalkBackend(SpeechBackend):
    """Open JTalk with the bundled mei voice: kanji text in, natural Japanese out."""

    name = "openjtalk"
    natural_japanese = True
    RATE_HZ = 48000

    def __init__(self, reader: Reader | None = None, *, audio_out: AudioOut | None = None,
                 cache_clauses: int = 64, cache_bytes: int = CLAUSE_BYTES_KEPT) -> None:
        super().__init__(reader, audio_out=audio_out)
        self._cache: OrderedDict[tuple[str, float, float, bool], np.ndarray] = OrderedDict()
        self._cache_size = cache_clauses
        self._cache_bytes = cache_bytes
        self._cached_bytes = 0
        self._cache_lock = threading.Lock()
        self._engines = EnginePool(limit=SPEECH_THREADS)

    @staticmethod
    def available() -> bool:
        """True when pyopenjtalk-plus is installed (checked without importing it)."""
        from importlib.util import find_spec

        return find_spec("pyopenjtalk") is not None

    def voices(self) -> list[Voice]:
        return [Voice("mei_normal", tr("voice.mei", "ja"), "ja")]

    def warm_up(self) -> None:
        """Load the dictionary, the voice and the per-thread tokenizer, off the UI thread."""
        for clause in self.reader.clauses(tr("speech.warm_up", "ja")):
            self._synthesise(clause.speech, clause=True)
            break

    def clear_cache(self) -> None:
        """Forget the clauses synthesised so far."""
        with self._cache_lock:
            self._cache.clear()
            self._cached_bytes = 0

    @property
    def clauses_kept(self) -> tuple[int, int]:
        """(clauses, bytes of samples) in the cache: at most ``cache_clauses`` and ``cache_bytes``."""
        with self._cache_lock:
            return len(self._cache), self._cached_bytes

    def _samples(self, speech: str, *, clause: bool = False) -> np.ndarray:
        """Speech text → int16 samples at the current rate and volume; recent ones are kept.

        Keeping them makes 「もう一度聞く」 (say the same text again) start at
        once. ``clause=True`` leaves out the silence before and after (see
        ``_synthesise``).
        """
        key = (speech, self.rate, self.volume, clause)
        with self._cache_lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        samples = self._synthesise(speech, clause=clause)
        if samples.nbytes > self._cache_bytes:
            return samples  # larger than the whole cache: keeping it would push out everything else
        with self._cache_lock:
            if key not in self._cache:
                self._cache[key] = samples
                self._cached_bytes += samples.nbytes
            while len(self._cache) > self._cache_size or self._cached_bytes > self._cache_bytes:
                _, dropped = self._cache.popitem(last=False)
                self._cached_bytes -= dropped.nbytes
        return samples

    def _synthesise(self, speech: str, *, clause: bool = False) -> np.ndarray:
        """Synthesise ``speech``; for a clause, without the silence labels at its ends.

        The voice model spends about as long making the 0.6 s of silence
        around an utterance as making a short clause itself; the clause's
        pause is added afterwards anyway, so dropping those two labels
        halves the wait for the first sound. A few ms of fade keep the
        edges from clicking.
        """
        if not speech.strip():
            return np.zeros(0, dtype=np.int16)
        try:
            pyopenjtalk = jtalk.module()
            with jtalk.FRONTEND_LOCK:
                features = pyopenjtalk.run_frontend(speech)
            labels = pyopenjtalk.make_label(features)
            if clause and len(labels) > 2 and "-sil+" in labels[0] and "-sil+" in labels[-1]:
                labels = labels[1:-1]
            signal, rate = self._engines.synthesize(labels, self.rate)
        except Exception as error:
            raise SpeechError(*ENGINE_BROKEN, detail=repr(error)) from error
        if rate != self.RATE_HZ:  # pragma: no cover - the bundled voice is 48 kHz
            raise SpeechError(*ENGINE_BROKEN, detail=f"unexpected sampling rate {rate}")
        samples = to_int16(signal, self.volume)
        return fade(samples, rate, 8.0) if clause else samples

    def synthesize(self, text: str, *, kana: str | None = None) -> Audio:
        speech = kana if kana is not None else self.reader.speech_text(text)
        return Audio(self._samples(speech), self.RATE_HZ)

    def speak(self, text: str, *, kana: str | None = None, events: SpeechEvents | None = None,
              token: CancelToken | None = None) -> bool:
        events = events or SpeechEvents()
        token = token or CancelToken()
        if kana is not None:
            return super().speak(text, kana=kana, events=events, token=token)
        AHEAD.wait_while_held()  # never while the window builds a step (see trainer.reading.ahead)
        clauses = self.reader.clauses(text, first_max_moras=FIRST_CLAUSE_MORAS, remember=False)  # often heard once
        stream = None
        elapsed_ms = 0.0
        try:
            for clause in clauses:
                AHEAD.wait_while_held()
                if token.cancelled:
                    break
                voiced = trim_silence(self._samples(clause.speech, clause=True), self.RATE_HZ, keep_ms=30.0)
                if not len(voiced):
                    continue
                if token.cancelled:
                    break
                if stream is None:
                    stream = self.audio_out.open(self.RATE_HZ, token)
                    events.started()
                duration_ms = 1000.0 * len(voiced) / self.RATE_HZ
                events.marks(estimate_marks(clause.words, duration_ms, elapsed_ms))
                pause = silence(self.RATE_HZ, _pause_after(clause))
                elapsed_ms += duration_ms + 1000.0 * len(pause) / self.RATE_HZ
                stream.write(np.concatenate([voiced, pause]).astype("<i2").tobytes())
            if stream is not None:
                stream.finish()
        finally:
            if stream is not None:
                stream.close()
        return not token.cancelled
