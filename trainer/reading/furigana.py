"""Put furigana only over the kanji of a word: 取り消し → 取(と)り消(け)し.

The reading of a word covers its okurigana too (取り消し → とりけし);
showing とりけし over the whole word repeats the kana and makes the ruby
wider than the word. ``ruby_parts`` lines the kana of the surface up with
the reading and keeps the reading only over the kanji runs.
"""

from __future__ import annotations

import re

from trainer.reading.kana import to_hiragana
from trainer.reading.ruby import Segment, is_kanji


def _runs(surface: str) -> list[tuple[str, bool]]:
    """Split into (text, is_kanji_run) runs."""
    runs: list[tuple[str, bool]] = []
    for ch in surface:
        kanji = is_kanji(ch)
        if runs and runs[-1][1] == kanji:
            runs[-1] = (runs[-1][0] + ch, kanji)
        else:
            runs.append((ch, kanji))
    return runs


def ruby_parts(surface: str, kana: str) -> list[Segment]:
    """Pieces of ``surface`` with the part of ``kana`` each kanji run is read as.

    When the kana cannot be lined up (an irregular reading such as
    ``1日 → ついたち``), the whole word carries the whole reading.
    """
    runs = _runs(surface)
    if not kana or not any(kanji for _, kanji in runs):
        return [Segment(surface, None)]
    if len(runs) == 1:
        return [Segment(surface, kana)]
    pattern = "".join("(.+?)" if kanji else f"({re.escape(to_hiragana(text))})" for text, kanji in runs)
    match = re.fullmatch(pattern, to_hiragana(kana))
    if match is None or any(not kanji and not _kana_only(text) for text, kanji in runs):
        return [Segment(surface, kana)]
    return [Segment(text, match.group(i + 1) if kanji else None) for i, (text, kanji) in enumerate(runs)]


def _kana_only(text: str) -> bool:
    return all("\u3041" <= ch <= "\u30ff" for ch in text)
