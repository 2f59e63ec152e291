"""Inline reading notation of Japanese e-text: ``｜都城《みやこのじょう》``.

Scenario authors write a reading right after the word it belongs to, the
way Aozora Bunko texts do:

- ``｜都城《みやこのじょう》``: the reading applies to the text between
  ``｜`` (or ASCII ``|``) and ``《``;
- ``都城《みやこのじょう》``: without ``｜`` it applies to the run of
  characters of the same kind (kanji, katakana, Latin ...) just before
  ``《``.

``plain`` drops the notation, ``segments`` splits the text into pieces with
or without a reading, ``validate_notation`` finds mistakes for the scenario
loader. Malformed notation is kept as literal text, never lost.
"""

from __future__ import annotations

from typing import NamedTuple

OPEN = "《"
CLOSE = "》"
BARS = "｜|"


class Segment(NamedTuple):
    """A piece of text and, when the author gave one, its reading."""

    base: str
    """The text as shown (notation removed)."""
    reading: str | None
    """The author's reading in kana, or None."""


_KANJI_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3134F))


def is_kanji(ch: str) -> bool:
    """True for a kanji (including 々, 〆 and 〇), the characters furigana is for."""
    code = ord(ch)
    return any(low <= code <= high for low, high in _KANJI_RANGES) or ch in "々〆〇"


def _kind(ch: str) -> str:
    """Character class for finding the base of a ruby written without ｜."""
    if is_kanji(ch) or ch in "ヶヵ":
        return "kanji"
    if "\u30a1" <= ch <= "\u30ff" or "ｦ" <= ch <= "ﾟ":
        return "katakana"
    if "\u3041" <= ch <= "\u309f":
        return "hiragana"
    if ch.isascii() and ch.isalnum() or "０" <= ch <= "９" or "Ａ" <= ch <= "Ｚ" or "ａ" <= ch <= "ｚ":
        return "latin"
    return "other"


class _Ruby(NamedTuple):
    base_start: int  # offset of the base text in the raw text
    bar: int | None  # offset of the ｜, if any
    open: int  # offset of 《
    close: int  # offset of 》


def _scan(text: str) -> tuple[list[_Ruby], list[tuple[int, str, str]]]:
    """Find well-formed rubies and collect problems in one pass."""
    rubies: list[_Ruby] = []
    problems: list[tuple[int, str, str]] = []
    bar: int | None = None
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch in BARS:
            if bar is not None and ch == "｜":
                problems.append((bar, "「｜」のあとに《よみ》がありません", "'｜' is not followed by a 《reading》"))
            bar = i if ch == "｜" or _looks_like_ascii_bar(text, i) else bar
            i += 1
            continue
        if ch == "\n" and bar is not None:
            problems.append((bar, "「｜」のあとに《よみ》がありません", "'｜' is not followed by a 《reading》"))
            bar = None
            i += 1
            continue
        if ch == CLOSE:
            problems.append((i, "「》」に対応する「《」がありません", "'》' without a matching '《'"))
            i += 1
            continue
        if ch != OPEN:
            i += 1
            continue
        close = text.find(CLOSE, i + 1)
        nested = text.find(OPEN, i + 1)
        newline = text.find("\n", i + 1)
        if close < 0 or (0 <= nested < close) or (0 <= newline < close):
            problems.append((i, "「《」が閉じていません（「》」がありません）", "'《' is not closed (no '》')"))
            bar = None
            i += 1
            continue
        reading = text[i + 1 : close]
        if not reading.strip():
            problems.append((i, "《》の中のよみが空です", "the reading inside 《》 is empty"))
            bar = None
            i = close + 1
            continue
        if any(is_kanji(c) for c in reading):
            problems.append((i, "《》の中のよみは、かなで書いてください", "the reading inside 《》 must be kana"))
            bar = None
            i = close + 1
            continue
        if bar is not None:
            if bar + 1 == i:
                problems.append((bar, "「｜」と「《」の間に文字がありません", "no text between '｜' and '《'"))
                bar = None
                i = close + 1
                continue
            rubies.append(_Ruby(bar + 1, bar, i, close))
        else:
            start = _run_start(text, i, rubies[-1].close + 1 if rubies else 0)
            if start == i:
                problems.append((i, "《よみ》の前にふりがなを付ける文字がありません", "no text before the 《reading》"))
                i = close + 1
                continue
            rubies.append(_Ruby(start, None, i, close))
        bar = None
        i = close + 1
    if bar is not None and text[bar] == "｜":
        problems.append((bar, "「｜」のあとに《よみ》がありません", "'｜' is not followed by a 《reading》"))
    return rubies, problems


def _looks_like_ascii_bar(text: str, i: int) -> bool:
    """An ASCII '|' is notation only when a 《 follows before the next break."""
    for ch in text[i + 1 :]:
        if ch == OPEN:
            return True
        if ch in "|｜》\n" or ch.isspace():
            return False
    return False


def _run_start(text: str, open_at: int, floor: int) -> int:
    """Start of the run of same-kind characters ending just before ``open_at``."""
    if open_at <= floor:
        return open_at
    kind = _kind(text[open_at - 1])
    if kind == "other":
        return open_at
    start = open_at - 1
    while start > floor and _kind(text[start - 1]) == kind:
        start -= 1
    return start


def segments(text: str) -> list[Segment]:
    """Split ``text`` into pieces; pieces with inline notation carry the reading.

    >>> segments("｜都城《みやこのじょう》市へ")
    [Segment(base='都城', reading='みやこのじょう'), Segment(base='市へ', reading=None)]
    """
    rubies, _ = _scan(text)
    result: list[Segment] = []
    pos = 0
    for ruby in rubies:
        before_end = ruby.bar if ruby.bar is not None else ruby.base_start
        if before_end > pos:
            result.append(Segment(text[pos:before_end], None))
        result.append(Segment(text[ruby.base_start : ruby.open], text[ruby.open + 1 : ruby.close].strip()))
        pos = ruby.close + 1
    if pos < len(text):
        result.append(Segment(text[pos:], None))
    return _merge_plain(result)


def _merge_plain(parts: list[Segment]) -> list[Segment]:
    merged: list[Segment] = []
    for part in parts:
        if merged and part.reading is None and merged[-1].reading is None:
            merged[-1] = Segment(merged[-1].base + part.base, None)
        elif part.base:
            merged.append(part)
    return merged


def plain(text: str) -> str:
    """The text as shown to the learner: notation removed.

    >>> plain("｜都城《みやこのじょう》市と大人《おとな》")
    '都城市と大人'
    """
    if OPEN not in text:
        return text
    return "".join(segment.base for segment in segments(text))


def validate_notation(text: str) -> list[tuple[int, str, str]]:
    """Problems in the notation: ``(offset in text, message_ja, message_en)``.

    Finds an unclosed ``《``, an empty ``《》``, a reading with kanji in it,
    a ``》`` without ``《``, a ``｜`` with no reading after it, and a
    reading with nothing to sit on.
    """
    return _scan(text)[1]
