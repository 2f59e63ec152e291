"""What the learner is told when speech fails: (Japanese, English) pairs.

Plain, calm words: the app goes on with text, so nothing here asks the
learner to do something difficult. The words are the catalogue's
(``trainer.words.coach``, ``speech.*``).
"""

from __future__ import annotations

from trainer.words.catalogue import tr


def _pair(key: str) -> tuple[str, str]:
    return tr(key, "ja"), tr(key, "en")


NO_DEVICE = _pair("speech.no_device")
NO_PLAYER = _pair("speech.no_player")
NO_VOICE = _pair("speech.no_voice")
TOO_SLOW = _pair("speech.too_slow")
ENGINE_BROKEN = _pair("speech.engine_broken")
