"""The bundled step texts as a person of 80 reads them at 300 % (issue 10, item 9).

Beside a phone, a kiosk or a PC at 1280×720 and 300 % the step text's column holds
10–11 characters a line (measured on `trainer shots --scale 3 --window 1280x720`:
62 px characters in a 675 px column). There, a wording whose next phrase is long
leaves a line of one or two characters (「本物」 over 「そっくりの、にせの」, 「番号」 over
「「090-0000-1111」を」), and a phrase longer than the line is cut inside a word
(「マイナンバーカー / ド」). The layout breaks between phrases where it can
(`tests/player/test_japanese_line_breaks.py`); these tests hold the *wording* of the
bundled scenarios to it, so a new text that cannot be laid out well is reworded.

And a button on a device's screen never carries the words of the player's own
buttons around it: told 「やめる」を押します, a learner must not have two of them.
"""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont

from trainer.reading.ruby import plain
from trainer.widgets.text_layout import laid_out
from trainer.words.catalogue import STRINGS

from .catalogue import catalogue, texts
from .conftest import PX

SCENARIOS, _ = catalogue()


PANEL = (":hint", ":mistake:", ":choice:", ":praise")
"""The other texts shown in the step's column: hints, what a slip or a choice says, the praise."""


def step_texts() -> list[tuple[str, str]]:
    """(where, Japanese text) of every step's instruction and goal, and of every text the step's
    column shows after it (hints, slips, choices, praise)."""
    found = []
    for scenario in SCENARIOS:
        for step in scenario.steps:
            for kind in ("say", "goal"):
                text = getattr(step, kind, None)
                if text is not None and text.get("ja"):
                    found.append((f"{scenario.id}:{step.id}:{kind}", plain(text.get("ja"))))
        for one in texts(scenario):
            if any(part in one.where for part in PANEL) and one.text.get("ja"):
                found.append((f"{scenario.id}:{one.where}", plain(one.text.get("ja"))))
    return found


def lines_at(face: QFont, text: str, chars: int) -> list[str]:
    return [line for line, _ in laid_out(face, text, chars * PX + PX * 0.3)]


def _katakana(ch: str) -> bool:
    return "\u30a1" <= ch <= "\u30fa" or ch == "ー"


def test_the_measure_sees_a_lonely_line_and_a_torn_word(face):
    """The checks below can fail: the wordings this pass replaced."""
    assert any(len(line.strip()) <= 2 for line in lines_at(
        face, "本物そっくりの、にせの画面が出ました。アプリを入れたり、パスワードを入れたりしません。", 10))
    lines = lines_at(face, "マイナンバーカードを、画面の右にある「カード置き場」に置きましょう。", 10)
    assert any(_katakana(a[-1]) and _katakana(b[0]) for a, b in zip(lines, lines[1:], strict=False))


@pytest.mark.parametrize("chars", [10, 11, 12])
def test_no_step_text_leaves_a_line_of_one_or_two_characters(face, chars):
    problems = []
    for where, text in step_texts():
        lines = lines_at(face, text, chars)
        for line in lines:
            if len(line.strip()) <= 2 and len(lines) > 1:
                problems.append(f"{where} at {chars} a line: {' / '.join(lines)}")
                break
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("chars", [11, 12])
def test_no_step_text_tears_a_katakana_word(face, chars):
    """At 11–12 characters a line no katakana word is cut (「マイナンバーカー / ド」); at 10 a
    quoted button name longer than the line (「プリントスタート」を) has to be."""
    problems = []
    for where, text in step_texts():
        lines = lines_at(face, text, chars)
        for before, after in zip(lines, lines[1:], strict=False):
            if _katakana(before.rstrip()[-1:] or " ") and _katakana(after.lstrip()[:1] or " "):
                problems.append(f"{where} at {chars} a line: {' / '.join(lines)}")
    assert not problems, "\n".join(problems)


def test_no_button_on_a_device_has_the_name_of_a_player_button():
    player = {STRINGS[key][0] for key in ("player.repeat", "player.hint", "player.restart", "player.quit",
                                          "hand.raise")}
    problems = []
    for scenario in SCENARIOS:
        for found in texts(scenario):
            if ":element:" in found.where and found.where.endswith(".label") \
                    and plain(found.text.get("ja")) in player:
                problems.append(f"{scenario.id} {found.where}: {found.text.get('ja')!r}")
    assert not problems, "\n".join(problems)
