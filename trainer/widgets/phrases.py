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
import re
import threading

_parser = None
_lock = threading.Lock()
_missing = False

#: Runs the model splits although a reader takes them as one word: a number of months
#: (「1か|月」「6か|月」 in BudouX's model), and 「もう一度」 (「もう|一度」: at a line's end it read as two
#: words, 「もう / 一度枠に」). No boundary falls inside one of these.
#: (Digits, full-width digits or 一…十百, then か/カ/ヶ/ヵ/ケ, then 月; or もう一度; written as escapes: no words here.)
_KEEP_WHOLE = re.compile("[0-9\uff10-\uff19\u4e00\u4e8c\u4e09\u56db\u4e94\u516d\u4e03\u516b\u4e5d\u5341\u767e]+"
                         "[\u304b\u30ab\u30f6\u30f5\u30b1]\u6708|\u3082\u3046\u4e00\u5ea6")


#: A full-width colon ends a label (「青く光っています：聞いています」): what follows it begins a new
#: phrase, which the model does not always see (「光っています：話しています」 was one phrase).
_AFTER = "\uff1a"


def _cjk(ch: str) -> bool:
    code = ord(ch)
    return (0x3000 <= code <= 0x30FF or 0x3400 <= code <= 0x4DBF or 0x4E00 <= code <= 0x9FFF
            or 0xF900 <= code <= 0xFAFF or 0xFF00 <= code <= 0xFFEF)


class _Scorer:
    """BudouX's phrase scorer over its Japanese model (``budoux/models/ja.json``), the same
    arithmetic as ``budoux.Parser.parse`` (a test checks they agree on every bundled text). Reading
    the model ourselves skips ``budoux``'s HTML helpers, whose ``html.parser`` import alone costs
    20–30 ms of the app's start."""

    KEYS = ("UW1", "UW2", "UW3", "UW4", "UW5", "UW6", "BW1", "BW2", "BW3", "TW1", "TW2", "TW3", "TW4")

    def __init__(self, model: dict[str, dict[str, int]]) -> None:
        self.tables = [model.get(key, {}) for key in self.KEYS]
        self.base = -sum(sum(group.values()) for group in model.values()) * 0.5

    def boundaries(self, s: str) -> list[int]:
        uw1, uw2, uw3, uw4, uw5, uw6, bw1, bw2, bw3, tw1, tw2, tw3, tw4 = self.tables
        n = len(s)
        found = []
        for i in range(1, n):
            score = self.base
            if i > 2:
                score += uw1.get(s[i - 3], 0) + tw1.get(s[i - 3:i], 0)
            if i > 1:
                score += uw2.get(s[i - 2], 0) + bw1.get(s[i - 2:i], 0) + tw2.get(s[i - 2:i + 1], 0)
            score += uw3.get(s[i - 1], 0) + uw4.get(s[i], 0) + bw2.get(s[i - 1:i + 1], 0)
            if i + 1 < n:
                score += uw5.get(s[i + 1], 0) + bw3.get(s[i:i + 2], 0) + tw3.get(s[i - 1:i + 2], 0)
            if i + 2 < n:
                score += uw6.get(s[i + 2], 0) + tw4.get(s[i:i + 3], 0)
            if score > 0:
                found.append(i)
        return found


def _model_path():
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("budoux")  # finds the package without running it
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "models" / "ja.json"
    return path if path.is_file() else None


def _get_parser():
    global _parser, _missing
    if _parser is None and not _missing:
        with _lock:
            if _parser is None and not _missing:
                try:
                    import json

                    path = _model_path()
                    if path is None:
                        raise ImportError("budoux")
                    _parser = _Scorer(json.loads(path.read_text(encoding="utf-8")))
                except (ImportError, OSError, ValueError):  # a nicety: without it, Qt's own breaks
                    _missing = True
                    return None
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
        starts.update(line_start + i for i in parser.boundaries(line))
    starts.update(i + 1 for i, ch in enumerate(text[:-1]) if ch in _AFTER and not text[i + 1].isspace())
    for whole in _KEEP_WHOLE.finditer(text):
        starts.difference_update(range(whole.start() + 1, whole.end()))
    return frozenset(starts)


QUOTE_WHOLE = 16
"""A name in 「」 or 『』 of at most this many characters (a button's, a bank's: 「まちの銀行」,
「健康保険証の利用登録」, 「すべての確認事項に同意する」) is one unit for the line breaker: kept on
one line where that line holds it (``text_layout``), broken at its phrases only where it cannot
fit. A longer quotation (what someone says) breaks at its phrases like running text."""

_OPEN, _CLOSE = "\u300c\u300e", "\u300d\u300f"


@functools.lru_cache(maxsize=4096)
def quoted_names(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of every 「…」 / 『…』 in ``text`` with at most ``QUOTE_WHOLE`` characters
    inside: ``text[start]`` is the opening bracket, ``text[end - 1]`` the closing one."""
    found = []
    opened: list[tuple[str, int]] = []
    for index, ch in enumerate(text):
        if ch in _OPEN:
            opened.append((_CLOSE[_OPEN.index(ch)], index))
        elif ch in _CLOSE and opened and opened[-1][0] == ch:
            _, start = opened.pop()
            if index - start - 1 <= QUOTE_WHOLE and "\n" not in text[start:index]:
                found.append((start, index + 1))
    return tuple(sorted(found))


def _lines(text: str):
    start = 0
    for line in text.split("\n"):
        yield start, line
        start += len(line) + 1
