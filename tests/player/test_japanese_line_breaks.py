"""Japanese text that is easy to read: lines 1.5 font heights apart or more (1.7 for running
text), breaks between phrases (BudouX), kinsoku, and no last line of one or two characters
(「ん」, 「う。」) where a phrase break would have avoided it."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont, QFontMetricsF

from tests.player.conftest import bundled
from trainer import fonts
from trainer.reading.ruby import plain
from trainer.widgets.labels import TextBlock
from trainer.widgets.look import Look
from trainer.widgets.phrases import phrase_starts
from trainer.widgets.ruby_label import RubyLabel
from trainer.widgets.text_layout import (
    BODY_LINE_HEIGHT,
    LINE_HEIGHT,
    NO_LINE_END,
    NO_LINE_START,
    laid_out,
    text_size,
)
from trainer.words.catalogue import STRINGS

CHARS = (6, 8, 11, 14, 18, 24, 32)
"""Line widths, in characters of the font (a phone's screen is about 11 at 150 %, a panel 20–30)."""
PIXELS = (22, 44, 66)


def texts() -> list[str]:
    found = {plain(step.say.get("ja")) for scenario in bundled() for step in scenario.steps if step.say}
    found |= {ja for ja, _ in STRINGS.values() if len(ja) > 8}
    return sorted(t for t in found if len(t) >= 10 and "{" not in t)


def font(px: int) -> QFont:
    result = QFont(fonts.FAMILY)
    result.setPixelSize(px)
    return result


def visible(text: str) -> int:
    return sum(1 for ch in text if not ch.isspace())


def test_phrases_are_found_and_cached():
    text = "読みやすい大きさを押してください。あとで「設定」からいつでも変えられます。"
    assert phrase_starts(text) == {5, 9, 17, 20, 26, 30}  # 読みやすい｜大きさを｜押してください。｜あとで｜…
    assert phrase_starts(text) is phrase_starts(text)
    assert phrase_starts("Pay with a QR code") == frozenset()  # no Japanese: Qt's own breaks


@pytest.mark.parametrize(("text", "whole"), [
    ("申請できました。1か月ほどで届きます", "1か月"),
    ("決まり：6か月以内に撮影した写真", "6か月"),
    ("十か月たったら、もう一度申請します", "十か月"),
    ("写真は１２ヶ月分まで保存できます", "１２ヶ月"),
])
def test_a_number_of_months_is_never_broken(text, whole):
    """BudouX's model splits 「6か|月」; a reader takes it as one word."""
    start = text.index(whole)
    inside = set(range(start + 1, start + len(whole)))
    assert not inside & phrase_starts(text), sorted(phrase_starts(text))
    assert phrase_starts(text)  # the rest of the text still breaks between phrases


def test_our_reading_of_the_budoux_model_agrees_with_budoux_on_every_bundled_text():
    import budoux

    from trainer.widgets.phrases import _get_parser

    reference = budoux.load_default_japanese_parser()
    scorer = _get_parser()
    assert scorer is not None
    for text in texts():
        for line in text.split("\n"):
            chunks = reference.parse(line)
            expected = [sum(len(c) for c in chunks[:k]) for k in range(1, len(chunks))]
            assert scorer.boundaries(line) == expected, line


def test_the_bundled_texts_break_between_phrases_and_never_end_on_one_or_two_characters(qapp):
    fonts.register()
    checked = short_avoided = 0
    problems = []
    for px in PIXELS:
        face = font(px)
        for text in texts():
            starts = phrase_starts(text)
            for width in (chars * px for chars in CHARS):
                lines = laid_out(face, text, width)
                if len(lines) < 2:
                    continue
                checked += 1
                words = [line for line, _ in lines]
                assert "".join(words) == text.replace("\n", "")
                for previous, line in zip(words, words[1:], strict=False):
                    if line[:1] in NO_LINE_START:
                        problems.append(f"{px}px {width}: a line starts with {line[:1]!r}: {words}")
                    if previous.rstrip()[-1:] in NO_LINE_END:
                        problems.append(f"{px}px {width}: a line ends with {previous.rstrip()[-1:]!r}: {words}")
                last_start = len(text.replace("\n", "")) - len(words[-1])
                previous_start = last_start - len(words[-2])
                # A short last line is a defect when a phrase of the line before could have come down.
                if visible(words[-1]) <= 2 and "\n" not in text:
                    movable = [s for s in starts if previous_start < s < last_start
                               and visible(text[previous_start:s]) > 2
                               and text_size(face, text[s:])[0] <= width]
                    if movable:
                        problems.append(f"{px}px {width}: last line {words[-1]!r} alone: {words}")
                plain_lines = _qt_only_lines(face, text, width)
                if visible(plain_lines[-1]) <= 2 < visible(words[-1]):
                    short_avoided += 1
    assert not problems, "\n".join(problems[:20])
    assert checked > 500
    assert short_avoided >= 5, "the texts never met the rule (the check would prove nothing)"


def _qt_only_lines(face: QFont, text: str, width: int) -> list[str]:
    """The lines Qt alone makes (breaks between any two characters): what the app did before."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QTextLayout, QTextOption

    layout = QTextLayout(text.replace("\n", "\u2028"), face)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    lines = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        line.setPosition(QPointF(0, 0))
        lines.append(text.replace("\n", "\u2028")[line.textStart():line.textStart() + line.textLength()])
    layout.endLayout()
    return lines


@pytest.mark.parametrize("px", PIXELS)
def test_lines_are_at_least_one_and_a_half_font_heights_apart(qapp, px):
    fonts.register()
    face = font(px)
    height = QFontMetricsF(face).height()
    text = "ここまでの練習はなくなりません。あとで「続きから」はじめられます。"
    for pitch, least in ((LINE_HEIGHT, 1.5), (BODY_LINE_HEIGHT, 1.7)):
        lines = laid_out(face, text, px * 6, pitch)
        assert len(lines) >= 3
        tops = [top for _, top in lines]
        for above, below in zip(tops, tops[1:], strict=False):
            assert below - above >= least * height - 0.5


def test_running_text_gets_body_line_height_and_headings_one_and_a_half(qtbot):
    look = Look(family=fonts.register()[0])
    text = "ここまでの練習はなくなりません。あとで「続きから」はじめられます。"
    body = TextBlock(text, look, role="body")
    title = TextBlock(text, look, role="title")
    for block, least in ((body, 1.7), (title, 1.5)):
        size = look.size(block._role)
        width = size * 8
        lines = len(laid_out(block.font_(), text, width, block._pitch))
        assert lines >= 3
        # n lines: n font heights plus (n - 1) gaps of at least (least - 1) font heights
        assert block.heightForWidth(width) >= size * (lines + (lines - 1) * (least - 1)) - 1


def test_furigana_text_keeps_phrases_and_no_short_last_line(qtbot):
    from trainer.reading.engine import Reader

    label = RubyLabel("ここまでの練習はなくなりません。あとで「続きから」はじめられます。", reader=Reader(),
                      font=font(28), furigana=True)
    qtbot.addWidget(label)
    metrics = QFontMetricsF(font(28))
    em = metrics.horizontalAdvance("あ")
    for chars in (6, 8, 9, 11, 14, 17, 20):
        layout = label._layout(int(em * chars))
        lines: dict[int, str] = {}
        for item in layout.placed:
            lines[item.line] = lines.get(item.line, "") + item.piece.text
        texts_ = [lines[n] for n in sorted(lines)]
        assert all(visible(line) > 2 for line in texts_[1:]), (chars, texts_)
        assert all(line[:1] not in NO_LINE_START for line in texts_), (chars, texts_)
        if layout.lines > 1:  # 1.5 text heights apart at least (plus the furigana band)
            pitch = layout.ruby_band + layout.line_height * 1.5
            assert layout.height >= layout.lines * (layout.ruby_band + layout.line_height) + \
                (layout.lines - 1) * layout.line_height * 0.5 - 0.5
            assert pitch >= 1.5 * metrics.height()


@pytest.mark.parametrize("px", [22, 26, 44])
def test_one_long_phrase_never_leaves_one_or_two_characters_alone(qapp, px):
    """A heading that is one phrase (no phrase starts) broke by Qt alone: 「…交付申請」 / 「書」."""
    fonts.register()
    face = font(px)
    text = "個人番号カード交付申請書"
    assert not phrase_starts(text), "the case: a single phrase"
    for chars in (5, 7, 8, 9, 10, 11):
        lines = [line for line, _ in laid_out(face, text, chars * px + px // 2)]
        assert "".join(lines) == text
        assert all(visible(line) > 2 for line in lines), f"{chars} a line: {lines}"
