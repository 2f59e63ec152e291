"""A web or mail address too long for its line breaks only after a separator (「.」「/」「-」…),
never inside a name: 「bank- / secure.example.invali / d/login」 tore the very thing a learner is
taught to read (the phishing lesson's fake address)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QFont, QFontMetricsF

from trainer import fonts
from trainer.widgets.text_layout import ADDRESS, ADDRESS_BREAK_AFTER, laid_out

ADDRESSES = (
    "https://machino-bank-secure.example.invalid/login",
    "https://apply.example.invalid/register",
    "info@mibarai-center.example.invalid",
    "https://www.machimaart-outlet.example.invalid/bag",
)
IN_A_SENTENCE = "こちらから確認してください。https://machino-bank-secure.example.invalid/login"


def font(px: int) -> QFont:
    result = QFont(fonts.FAMILY)
    result.setPixelSize(px)
    return result


def ends_inside_a_name(lines: list[str], address: str) -> list[str]:
    """The lines that end inside one of ``address``'s names (between two letters or digits of it)."""
    joined, torn, at = "".join(lines), [], 0
    start = joined.find(address)
    for line in lines[:-1]:
        at += len(line)
        if start < at < start + len(address) and joined[at - 1] not in ADDRESS_BREAK_AFTER:
            torn.append(line)
    return torn


@pytest.mark.parametrize("px", [19, 25, 43])
@pytest.mark.parametrize("chars", [8, 10, 14])
@pytest.mark.parametrize("text", [*ADDRESSES, IN_A_SENTENCE])
def test_an_address_breaks_only_after_its_separators(qapp, text, chars, px):
    face = font(px)
    width = QFontMetricsF(face).horizontalAdvance("あ") * chars
    lines = [line for line, _ in laid_out(face, text, width)]
    assert "".join(lines) == text  # nothing lost or added
    address = ADDRESS.search(text).group(0)
    assert ends_inside_a_name(lines, address) == [], lines
    assert all(QFontMetricsF(face).horizontalAdvance(line.rstrip()) <= width + 1 for line in lines), lines


def test_a_number_is_not_an_address():
    assert ADDRESS.search("3.5キロ") is None and ADDRESS.search("1.000円") is None
    assert re.fullmatch(ADDRESS, "apply.example.invalid")
