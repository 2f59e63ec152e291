"""A name in 「」 stays whole on its line where the line holds it (issue 10: 「まちの / 銀行」).

The line breaker breaks Japanese between phrases (BudouX); a button's or a bank's name in 「」 is
often two of them (「まちの｜銀行」, 「利用可能額の｜設定」), so a line could end inside the name
though the name fits a line whole. Now a name of at most ``QUOTE_WHOLE`` characters is one unit
where the line holds it with what is glued to its end (」を, 」と); where it cannot fit it breaks at
its phrases, as before, never between two characters of a word.
"""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont

from trainer.widgets.phrases import QUOTE_WHOLE, phrase_starts, quoted_names
from trainer.widgets.text_layout import NO_LINE_END, NO_LINE_START, laid_out, text_size

from .conftest import PX
from .test_step_text_at_large_sizes import step_texts


def _ends(face: QFont, text: str, width: float) -> list[int]:
    """Offsets in ``text`` where a line ends (all but the last line's)."""
    lines = [line for line, _ in laid_out(face, text, width)]
    ends, at = [], 0
    for line in lines[:-1]:
        at += len(line)
        ends.append(at)
    return ends


def _width(chars: int) -> float:
    return chars * PX + PX * 0.3


def test_short_names_in_brackets_are_found():
    text = "まずは「まちの銀行」を選び、『ペイ』を開きます。「市役所です。医療費の払い戻しがあります」と。"
    found = [text[a:b] for a, b in quoted_names(text)]
    assert found == ["「まちの銀行」", "『ペイ』"], "a quotation longer than QUOTE_WHOLE is running text"
    assert quoted_names("「とじていない") == ()
    assert len("市役所です。医療費の払い戻しがあります") > QUOTE_WHOLE


@pytest.mark.parametrize(("text", "name"), [
    ("ATMでのチャージは、このあと練習します。まずは「まちの銀行」を選びましょう。", "「まちの銀行」"),
    ("名前が似ていますが、ちがう銀行です。通帳の「まちの銀行」と1字ずつ比べましょう。", "「まちの銀行」"),
    ("レジで「ペイで払います」と伝えました。", "「ペイで払います」"),
    ("取りたい証明書を選びます。「住民票の写し」を探して押しましょう。", "「住民票の写し」"),
])
def test_a_name_that_fits_the_line_is_not_broken_between_its_phrases(face, text, name):
    start = text.index(name)
    end = start + len(name)
    assert any(start < b < end for b in phrase_starts(text)), "the case: the name is two phrases"
    for chars in (10, 11, 12):
        ends = _ends(face, text, _width(chars))
        assert not any(start < e < end for e in ends), f"{name} broken at {chars} a line: {laid_out(face, text, _width(chars))}"


def test_a_name_too_long_for_the_line_breaks_only_between_its_phrases(face):
    text = "確認事項を読んだら、「すべての確認事項に同意する」にチェックを入れましょう。"
    name = "「すべての確認事項に同意する」"
    start = text.index(name)
    width = _width(8)
    assert text_size(face, name)[0] > width, "the case: the name cannot fit a line"
    starts = phrase_starts(text)
    inside = [e for e in _ends(face, text, width) if start < e < start + len(name)]
    assert inside, "it is broken"
    assert all(e in starts for e in inside), laid_out(face, text, width)


@pytest.mark.parametrize("chars", [10, 11, 12])
def test_no_bundled_text_breaks_a_name_that_fits_its_line(face, chars):
    """Every instruction, goal, hint, slip, choice and praise of the bundled scenarios, at 10–12
    characters a line (the step text's line beside a machine at 1280×720 / 300 %)."""
    width = _width(chars)
    problems = []
    for where, text in step_texts():
        starts = sorted(b for b in phrase_starts(text) if text[b] not in NO_LINE_START
                        and text[b - 1] not in NO_LINE_END)
        ends = _ends(face, text, width)
        for a, b in quoted_names(text):
            glued = next((s for s in starts if s >= b), len(text))
            if text_size(face, text[a:glued])[0] <= width and any(a < e < b for e in ends):
                lines = " / ".join(line for line, _ in laid_out(face, text, width))
                problems.append(f"{where} at {chars} a line: {text[a:b]} is broken: {lines}")
    assert not problems, "\n".join(problems)


def test_mou_ichido_is_one_word_at_a_line_s_end(face):
    """The model splits 「もう|一度」; at a line's end it read as two words (the clinic's face step at
    1280×720 / 300 %: 「…もう / 一度枠に顔を合わせましょう。」)."""
    text = "顔の確認が、うまくいきませんでした。よくあることです。マスクを少し下げ、もう一度枠に顔を合わせましょう。"
    start = text.index("もう一度")
    assert not set(range(start + 1, start + 4)) & phrase_starts(text)
    for chars in range(8, 17):
        ends = _ends(face, text, _width(chars))
        assert not any(start < e < start + 4 for e in ends), laid_out(face, text, _width(chars))
