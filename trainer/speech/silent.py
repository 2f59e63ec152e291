"""A backend that makes no sound but behaves like one.

Used when no voice or no sound device is available, and in tests: it
reports ``started`` (and the words, all at once at time 0) so the player's
flow is the same as with speech; the service then reports ``finished``.
"""

from __future__ import annotations

import numpy as np

from trainer.speech.audio import Audio
from trainer.speech.base import CancelToken, SpeechBackend, SpeechEvents, Voice
from trainer.words.catalogue import tr


class SilentBackend(SpeechBackend):
    """No sound; started/finished still happen, in order."""

    name = "silent"

    def voices(self) -> list[Voice]:
        return [Voice("silent", tr("voice.silent", "ja"), "")]

    def has_japanese_voice(self) -> bool:
        return False

    def synthesize(self, text: str, *, kana: str | None = None) -> Audio:
        return Audio(np.zeros(0, dtype=np.int16), 16000)

    def speak(self, text: str, *, kana: str | None = None, events: SpeechEvents | None = None,
              token: CancelToken | None = None) -> bool:
        token = token or CancelToken()
        if token.cancelled:
            return False
        (events or SpeechEvents()).started()
        return True
