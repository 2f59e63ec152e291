"""``Speech``: what the app uses of the speech service.

The window and its settings page talk to the service only through these
methods; ``trainer.speech.SpeechService`` and its fake (``FakeSpeech``) have
them all. The service itself (its backends, threads and signals) belongs to
``trainer.speech``; the narrator (``narrator.py``) also listens to its
optional ``failed`` / ``word`` / ``finished`` signals.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # types only: importing the service would load it before the first frame
    from trainer.reading.engine import Reader
    from trainer.speech.base import Voice


class Speech(Protocol):
    """Read texts aloud (never blocking), and the voice's settings."""

    def say(self, text: str) -> None: ...

    def stop(self) -> None: ...

    def voices(self) -> list[Voice]: ...

    def set_voice(self, voice_id: str | None) -> None: ...

    def set_rate(self, rate: float) -> None: ...

    def set_volume(self, volume: float) -> None: ...

    def set_reader(self, reader: Reader) -> None: ...
