"""Split a text into pieces and build the text the dictionary will read.

Author readings (inline ``《》`` notation and the scenario's ``readings:``
map, longest match first), the acronym table and a few number formats the
dictionary reads badly (``￥5,000``, ``10:30``, ``2024/5/3``, ``10〜20``) are replaced
by what should be read, e.g. ``｜都城《みやこのじょう》市`` becomes
``ミヤコノジョウ市``. Each ``Piece`` remembers where it sits in the plain
text and in that *speech text*, so readings can be mapped back to the words
the learner sees.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from trainer.reading.acronyms import ACRONYMS
from trainer.reading.kana import is_kana, to_hiragana, to_katakana
from trainer.reading.ruby import segments


@dataclass(frozen=True, slots=True)
class Piece:
    """A stretch of the plain text and what the dictionary is given for it."""

    start: int
    """Offset in the plain text."""
    end: int
    speech_start: int
    """Offset in the speech text."""
    speech_end: int
    kind: str
    """"text" (read by the dictionary), "author" or "rule" (replaced)."""
    kana: str | None = None
    """The exact reading (hiragana) when the author or the table gave one."""


@dataclass(frozen=True, slots=True)
class Prepared:
    """A text cut into pieces, with its plain and speech forms."""

    plain: str
    speech: str
    pieces: tuple[Piece, ...]

    def speech_offset(self, offset: int) -> int:
        """Map a plain-text offset to the speech text (a replaced piece maps to its start)."""
        for piece in self.pieces:
            if piece.start <= offset < piece.end:
                if piece.kind == "text":
                    return piece.speech_start + (offset - piece.start)
                return piece.speech_start
        return len(self.speech)

    def plain_span(self, speech_start: int, speech_end: int) -> tuple[int, int]:
        """Map a span of the speech text back to the plain text.

        A span touching a replaced piece grows to the whole piece.
        """
        start = self._to_plain(speech_start, is_end=False)
        end = self._to_plain(speech_end, is_end=True) if speech_end > speech_start else start
        return start, max(start, end)

    def _to_plain(self, offset: int, *, is_end: bool) -> int:
        for piece in self.pieces:
            if is_end:
                inside = piece.speech_start < offset <= piece.speech_end
            else:
                inside = piece.speech_start <= offset < piece.speech_end
            if inside:
                if piece.kind == "text":
                    return piece.start + (offset - piece.speech_start)
                return piece.end if is_end else piece.start
        return len(self.plain) if offset > 0 else 0


def _shadow(text: str) -> str:
    """Same length as ``text``; full-width ASCII folded so patterns match both."""
    out = []
    for ch in text:
        folded = unicodedata.normalize("NFKC", ch)
        out.append(folded if len(folded) == 1 else ch)
    return "".join(out)


def _word_pattern(keys: list[str]) -> str:
    parts = []
    for key in sorted(keys, key=len, reverse=True):
        escaped = re.escape(key)
        if key[:1].isascii() and key[:1].isalpha():
            escaped = r"(?<![A-Za-z])" + escaped
        if key[-1:].isascii() and key[-1:].isalpha():
            escaped += r"(?![A-Za-z])"
        parts.append(escaped)
    return "|".join(parts)


_ACRONYM_RE = re.compile(_word_pattern(list(ACRONYMS)))
_ACRONYM_FOLDED = {_shadow(key): value for key, value in ACRONYMS.items()}

_NUMBER_RE = re.compile(
    r"(?P<yen>[¥￥]\s?(?P<amount>\d{1,3}(?:,\d{3})+|\d+)(?![\d,]))"
    r"|(?P<date>(?<![\d/])(?P<y>\d{4})[/\-](?P<mo>\d{1,2})[/\-](?P<d>\d{1,2})(?![\d/]))"
    r"|(?P<time>(?<![\d:])(?P<h>[01]?\d|2[0-4]):(?P<mi>[0-5]\d)(?![\d:]))"
    r"|(?P<range>(?<=\d)[〜~～](?=\s?[¥￥]?\d))"
)


def _number_speech(match: re.Match[str]) -> str | None:
    if match["range"]:
        return "から"
    if match["yen"]:
        return match["amount"] + "円"
    if match["date"]:
        month, day = int(match["mo"]), int(match["d"])
        if 1 <= month <= 12 and 1 <= day <= 31:
            return f"{match['y']}年{month}月{day}日"
        return None
    hour, minute = int(match["h"]), int(match["mi"])
    return f"{hour}時" + (f"{minute}分" if minute else "")


class _Builder:
    def __init__(self) -> None:
        self.plain: list[str] = []
        self.speech: list[str] = []
        self.pieces: list[Piece] = []
        self.plain_len = 0
        self.speech_len = 0

    def add(self, surface: str, speech: str, kind: str, kana: str | None = None) -> None:
        if not surface:
            return
        if kind == "text" and self.pieces and self.pieces[-1].kind == "text":
            last = self.pieces.pop()
            self.pieces.append(Piece(last.start, last.end + len(surface), last.speech_start,
                                     last.speech_end + len(speech), "text"))
        else:
            self.pieces.append(Piece(self.plain_len, self.plain_len + len(surface), self.speech_len,
                                     self.speech_len + len(speech), kind, kana))
        self.plain.append(surface)
        self.speech.append(speech)
        self.plain_len += len(surface)
        self.speech_len += len(speech)

    def result(self) -> Prepared:
        return Prepared("".join(self.plain), "".join(self.speech), tuple(self.pieces))


def _reading_speech(reading: str) -> tuple[str, str | None]:
    """(text for the dictionary, exact hiragana) for an author's reading."""
    if is_kana(reading):
        return to_katakana(reading), to_hiragana(reading)
    return reading, None


def prepare(text: str, overrides: Mapping[str, str], override_re: re.Pattern[str] | None) -> Prepared:
    """Cut ``text`` (which may hold ``《》`` notation) into pieces."""
    builder = _Builder()
    for segment in segments(text):
        if segment.reading is not None:
            speech, kana = _reading_speech(segment.reading)
            builder.add(segment.base, speech, "author", kana)
            continue
        _add_with_overrides(builder, segment.base, overrides, override_re)
    return builder.result()


def _add_with_overrides(builder: _Builder, text: str, overrides: Mapping[str, str],
                        override_re: re.Pattern[str] | None) -> None:
    pos = 0
    if override_re is not None:
        for match in override_re.finditer(text):
            _add_with_rules(builder, text[pos : match.start()])
            speech, kana = _reading_speech(overrides[match.group()])
            builder.add(match.group(), speech, "author", kana)
            pos = match.end()
    _add_with_rules(builder, text[pos:])


def _add_with_rules(builder: _Builder, text: str) -> None:
    if not text:
        return
    shadow = _shadow(text)
    found: list[tuple[int, int, str, str | None]] = []
    for match in _ACRONYM_RE.finditer(shadow):
        reading = _ACRONYM_FOLDED[match.group()]
        found.append((match.start(), match.end(), reading, to_hiragana(reading)))
    for match in _NUMBER_RE.finditer(shadow):
        speech = _number_speech(match)
        if speech is not None and not any(s < match.end() and match.start() < e for s, e, _, _ in found):
            found.append((match.start(), match.end(), speech, None))
    pos = 0
    for start, end, speech, kana in sorted(found):
        if start < pos:
            continue
        builder.add(text[pos:start], text[pos:start], "text")
        builder.add(text[start:end], speech, "rule", kana)
        pos = end
    builder.add(text[pos:], text[pos:], "text")


def override_pattern(overrides: Mapping[str, str]) -> re.Pattern[str] | None:
    """One regex for all override keys, longest first, whole Latin words."""
    keys = [key for key in overrides if key]
    return re.compile(_word_pattern(keys)) if keys else None
