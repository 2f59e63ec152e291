"""Furigana sits over the kanji only, not over okurigana."""

from __future__ import annotations

import pytest

from trainer.reading.furigana import ruby_parts
from trainer.reading.ruby import Segment


@pytest.mark.parametrize(
    ("surface", "kana", "parts"),
    [
        ("取り消し", "とりけし", [("取", "と"), ("り", None), ("消", "け"), ("し", None)]),
        ("お金", "おかね", [("お", None), ("金", "かね")]),
        ("都城", "みやこのじょう", [("都城", "みやこのじょう")]),
        ("1日", "ついたち", [("1日", "ついたち")]),
        ("カード払い", "かーどばらい", [("カード", None), ("払", "ばら"), ("い", None)]),
        ("です", "です", [("です", None)]),
    ],
)
def test_ruby_parts(surface, kana, parts):
    assert ruby_parts(surface, kana) == [Segment(base, reading) for base, reading in parts]


def test_irregular_reading_covers_the_whole_word():
    assert ruby_parts("行く", "ゆく") == [Segment("行", "ゆ"), Segment("く", None)]
    assert ruby_parts("行く", "いった") == [Segment("行く", "いった")]
