"""Which backends exist, and which one speaks Japanese best here.

Order of preference: Open JTalk (natural Japanese, offline, in the wheel)
→ a Japanese system voice through pyttsx3 (SAPI5 Haruka, macOS Kyoko)
→ espeak-ng reading kana → silent. No Qt here.
"""

from __future__ import annotations

import logging
import shutil
import sys
from typing import TYPE_CHECKING

from trainer.speech.base import SpeechBackend

if TYPE_CHECKING:
    from trainer.reading.engine import Reader
    from trainer.speech.playback import AudioOut

log = logging.getLogger(__name__)

BACKEND_NAMES = ("openjtalk", "pyttsx3", "silent")


def create_backend(name: str, reader: Reader | None = None, *, audio_out: AudioOut | None = None) -> SpeechBackend:
    """A backend by name: "openjtalk", "pyttsx3" or "silent"."""
    if name == "openjtalk":
        from trainer.speech.openjtalk import OpenJTalkBackend

        return OpenJTalkBackend(reader, audio_out=audio_out)
    if name == "pyttsx3":
        from trainer.speech.pyttsx3_backend import Pyttsx3Backend

        return Pyttsx3Backend(reader, audio_out=audio_out)
    if name == "silent":
        from trainer.speech.silent import SilentBackend

        return SilentBackend(reader, audio_out=audio_out)
    raise ValueError(f"unknown speech backend {name!r}; choose from {', '.join(BACKEND_NAMES)}")


def _openjtalk_available() -> bool:
    from trainer.speech.openjtalk import OpenJTalkBackend

    return OpenJTalkBackend.available()


def _pyttsx3_might_work() -> bool:
    from trainer.speech.pyttsx3_backend import Pyttsx3Backend

    if not Pyttsx3Backend.available():
        return False
    if sys.platform.startswith("linux"):
        return bool(shutil.which("espeak-ng") or shutil.which("espeak"))
    return True


def available_backends() -> list[str]:
    """Names of the backends that can be tried on this computer (cheap checks only)."""
    names = []
    if _openjtalk_available():
        names.append("openjtalk")
    if _pyttsx3_might_work():
        names.append("pyttsx3")
    names.append("silent")
    return names


def choose_best_backend(reader: Reader | None = None, *, audio_out: AudioOut | None = None) -> SpeechBackend:
    """The best Japanese voice available; never fails (silent at worst).

    Open JTalk is chosen without loading it (a cheap check); pyttsx3 is
    only probed (starting its worker, about 0.3 s) when Open JTalk is
    missing.
    """
    if _openjtalk_available():
        return create_backend("openjtalk", reader, audio_out=audio_out)
    if _pyttsx3_might_work():
        backend = create_backend("pyttsx3", reader, audio_out=audio_out)
        if backend.has_japanese_voice():
            return backend
        log.info("no Japanese system voice found; speech is off")
        backend.close()
    return create_backend("silent", reader, audio_out=audio_out)
