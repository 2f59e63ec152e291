"""Inline reading notation: ｜都城《みやこのじょう》 and 都城《みやこのじょう》."""

from __future__ import annotations

import pytest

from trainer.reading.ruby import Segment, plain, segments, validate_notation


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("｜都城《みやこのじょう》市へ", [Segment("都城", "みやこのじょう"), Segment("市へ", None)]),
        ("|都城《みやこのじょう》市へ", [Segment("都城", "みやこのじょう"), Segment("市へ", None)]),
        ("宮崎県都城《みやこのじょう》市", [Segment("宮崎県都城", "みやこのじょう"), Segment("市", None)]),
        ("宮崎県｜都城《みやこのじょう》市", [Segment("宮崎県", None), Segment("都城", "みやこのじょう"), Segment("市", None)]),
        ("あの大人《おとな》と", [Segment("あの", None), Segment("大人", "おとな"), Segment("と", None)]),
        ("ATM《えーてぃーえむ》で", [Segment("ATM", "えーてぃーえむ"), Segment("で", None)]),
        ("鍬ヶ崎《くわがさき》", [Segment("鍬ヶ崎", "くわがさき")]),
        ("ふりがな無し", [Segment("ふりがな無し", None)]),
    ],
)
def test_segments(text, expected):
    assert segments(text) == expected


def test_plain_removes_notation_only():
    assert plain("｜都城《みやこのじょう》市と大人《おとな》") == "都城市と大人"
    assert plain("a|b と 1|2") == "a|b と 1|2"
    assert plain("") == ""


@pytest.mark.parametrize(
    ("text", "offset", "word"),
    [
        ("今日《きょう》は《", 8, "閉じて"),
        ("都《》", 1, "空"),
        ("》だけ", 0, "《"),
        ("｜都城です", 0, "｜"),
        ("｜《あ》", 0, "間に文字"),
        ("ご案内《重要》", 3, "かな"),
        ("《よみ》", 0, "前に"),
    ],
)
def test_validate_notation_reports_offset_and_both_languages(text, offset, word):
    problems = validate_notation(text)
    assert len(problems) == 1
    found_offset, message_ja, message_en = problems[0]
    assert found_offset == offset
    assert word in message_ja
    assert message_en.isascii() or "《" in message_en


def test_malformed_notation_is_kept_as_text():
    assert plain("今日《きょう》は《") == "今日は《"
    assert plain("ご案内《重要》") == "ご案内《重要》"


def test_good_notation_has_no_problems():
    assert validate_notation("｜都城《みやこのじょう》市の大人《おとな》") == []
