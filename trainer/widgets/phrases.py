"""Where Japanese text may break: between phrases (文節), never inside one.

Japanese has no spaces, and a layout that breaks between any two characters
leaves words torn across lines and lines that hold only 「ん」 or 「う。」.
BudouX (Google's small phrase segmenter, Apache-2.0, pure Python, its model
ships inside the wheel) finds the phrase boundaries the way a person reads:
「読みやすい｜大きさを｜押してください。」. The app's own line-breaking rules
(kinsoku: no line starts with 。、」 and the like) still apply on top, in
Qt's line breaker.

``phrase_starts(text)`` gives the offsets where a phrase begins (cached:
the same texts come back on every step; one parse costs about 0.1 ms, see
``benchmarks/text_bench.py``); ``text_layout`` and ``ruby_label`` break
lines only there. (A WORD JOINER between the characters of a phrase would
be simpler, but fonts without that character make Qt fall back to another
font and every such line grows taller.) Without BudouX the text breaks as
before, between any two characters.
"""

from __future__ import annotations

import functools
import threading

_parser = None
_lock = threading.Lock()
_missing = False


def _cjk(ch: str) -> bool:
    code = ord(ch)
    return (0x3000 <= code <= 0x30FF or 0x3400 <= code <= 0x4DBF or 0x4E00 <= code <= 0x9FFF
            or 0xF900 <= code <= 0xFAFF or 0xFF00 <= code <= 0xFFEF)


def _get_parser():
    global _parser, _missing
    if _parser is None and not _missing:
        with _lock:
            if _parser is None and not _missing:
                try:
                    import budoux
                except ImportError:  # a nicety: without it, Qt's own breaks
                    _missing = True
                    return None
                _parser = budoux.load_default_japanese_parser()
    return _parser


@functools.lru_cache(maxsize=4096)
def phrase_starts(text: str) -> frozenset[int]:
    """Offsets (> 0) in ``text`` where a new phrase begins; empty for text without Japanese."""
    if not text or not any(_cjk(ch) for ch in text):
        return frozenset()
    parser = _get_parser()
    if parser is None:
        return frozenset()
    starts: set[int] = set()
    for line_start, line in _lines(text):
        offset = line_start
        for phrase in parser.parse(line)[:-1]:
            offset += len(phrase)
            starts.add(offset)
    return frozenset(starts)


def _lines(text: str):
    start = 0
    for line in text.split("\n"):
        yield start, line
        start += len(line) + 1
