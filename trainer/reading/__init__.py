"""Japanese readings: inline notation, words with kana, furigana parts.

No Qt here. ``Reader`` (engine) reads texts with pyopenjtalk-plus, which
is imported on first use only; ``ruby`` parses ``｜都城《みやこのじょう》``.
Names are loaded lazily so ``from trainer.reading.ruby import plain`` (the
scenario loader) stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from trainer.reading.engine import Clause, Reader, Word
    from trainer.reading.furigana import ruby_parts
    from trainer.reading.ruby import Segment, plain, segments, validate_notation

_WHERE = {
    "Clause": "engine", "Reader": "engine", "Word": "engine", "ruby_parts": "furigana",
    "Segment": "ruby", "plain": "ruby", "segments": "ruby", "validate_notation": "ruby",
}

__all__ = ["Clause", "Reader", "Segment", "Word", "plain", "ruby_parts", "segments", "validate_notation"]


def __getattr__(name: str) -> object:
    if name in _WHERE:
        return getattr(importlib.import_module(f"trainer.reading.{_WHERE[name]}"), name)
    raise AttributeError(f"module 'trainer.reading' has no attribute {name!r}")
