"""A phone's letters are its 12-key 英数 pad, as on a Japanese smartphone: 「@#/&_」「ABC」「DEF」 /
「GHI」「JKL」「MNO」 / 「PQRS」「TUV」「WXYZ」 / 「a/A」「'"()」「.,?!」, tapped again and again (multi-tap) or
flicked, with the kana pad's side keys (→, 削除, 空白, 改行, かな, 閉じる), in the kana pad's place and size.
A kiosk's or PC's letter keys stay the row of letters they were."""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType

import pytest
from PySide6.QtCore import QPoint, QRect

from tests.player.autoplay import click, drag, settle
from tests.player.conftest import start_at
from tests.player.visibility import SEEN, open_window, visible_share
from trainer.scenarios.loader import load
from trainer.scenarios.model import Element, Text
from trainer.widgets.base import ElementContext
from trainer.widgets.keyboard import LETTER_LAYOUT, KanaKey, LatinPad, LetterPad, letter_taps
from trainer.widgets.registry import build_element

SCENARIO = Path(__file__).parent / "data" / "phone-letters.yaml"
"""A phone step with an e-mail field (no bundled step types letters on a phone)."""


def phone_field(qtbot, look, keyboard: str = "email"):
    element = Element("input", "to", MappingProxyType({"keyboard": keyboard, "label": Text(MappingProxyType({"ja": "宛先"}))}))
    widget = build_element(element, ElementContext(look, device="phone"))
    qtbot.addWidget(widget)
    widget.resize(420, 900)
    widget.show()
    settle()
    return widget


def type_letters(pad: LetterPad, text: str) -> None:
    """Tap the keys as a learner would: → before a character on the key just used, a/A for a capital."""
    last = None
    for char in text:
        face, taps, capital = letter_taps(char)
        if face == last:
            click(pad.keys["confirm"])
        for _ in range(taps):
            click(pad.keys[face])
        if capital:
            click(pad.keys["case"])
        last = face


def test_an_email_field_on_a_phone_shows_the_12_key_letter_pad(qtbot, look):
    widget = phone_field(qtbot, look)
    keyboard = widget.keyboard
    pad = keyboard.latin
    assert isinstance(pad, LetterPad) and pad.isVisible() and not keyboard.kana.isVisible()
    faces = [[pad.keys[key].text() for key in row] for row in LETTER_LAYOUT]
    assert faces == [["@#/&_", "ABC", "DEF"], ["GHI", "JKL", "MNO"], ["PQRS", "TUV", "WXYZ"],
                     [look.tr("kb.case"), "'\"()", ".,?!"]]
    for name in ("confirm", "delete", "space", "newline", "kana", "close"):
        assert pad.keys[name].isVisible(), name
    assert not keyboard.switch_row.isVisible() and not keyboard.edit_row.isVisible(), \
        "no row of 「かな」「英数」 nor a second ⌫ above or below the pad: the pad has its own"
    assert len([k for k in pad.keys.values() if k.isVisible()]) == 12 + 6


def test_letters_are_typed_by_tapping_a_key_again_and_again(qtbot, look):
    widget = phone_field(qtbot, look)
    pad = widget.keyboard.latin
    type_letters(pad, "abc@x.jp")
    assert widget.field.text() == "abc@x.jp"
    click(pad.keys["delete"])
    click(pad.keys["delete"])
    assert widget.field.text() == "abc@x."
    for _ in range(3):
        click(pad.keys["'\"()"])  # ' → " → (
    assert widget.field.text() == "abc@x.("
    click(pad.keys["space"])
    click(pad.keys["TUV"])
    assert widget.field.text() == "abc@x.( t", "空白 types a half-width space between letters"


def test_a_slash_A_makes_the_last_letter_a_capital_and_back(qtbot, look):
    widget = phone_field(qtbot, look, keyboard="password")
    pad = widget.keyboard.latin
    type_letters(pad, "Tanaka7")
    assert widget.field.text() == "Tanaka7"
    click(pad.keys["case"])  # 7 has no capital: nothing changes
    assert widget.field.text() == "Tanaka7"
    click(pad.keys["ABC"])
    click(pad.keys["case"])
    click(pad.keys["case"])
    assert widget.field.text() == "Tanaka7a"


def test_a_letter_key_is_flicked_like_a_kana_key(qtbot, look):
    widget = phone_field(qtbot, look)
    key = widget.keyboard.latin.keys["PQRS"]
    assert isinstance(key, KanaKey)
    centre = key.rect().center()
    drag(key, centre, centre + QPoint(-key.width() // 2, 0))  # left: q
    drag(key, centre, centre + QPoint(0, -key.height() // 2))  # up: r
    drag(key, centre, centre + QPoint(key.width() // 2, 0))  # right: s
    assert widget.field.text() == "qrs"


def test_kana_and_letters_switch_on_the_pads_own_keys(qtbot, look):
    widget = phone_field(qtbot, look, keyboard="text")
    keyboard = widget.keyboard
    click(keyboard.kana.keys["latin"])
    pad = keyboard.latin
    assert isinstance(pad, LetterPad) and pad.isVisible() and not keyboard.kana.isVisible()
    click(pad.keys["MNO"])
    click(pad.keys["kana"])
    assert keyboard.kana.isVisible() and not pad.isVisible()
    click(keyboard.kana.keys["あ"])
    assert widget.field.text() == "mあ"
    click(keyboard.kana.keys["latin"])
    click(pad.keys["close"])
    assert not keyboard.isVisible() and widget.keyboard_button.isVisible()


def test_a_kiosk_keeps_its_row_of_letters(qtbot, look):
    element = Element("input", "to", MappingProxyType({"keyboard": "email", "label": Text(MappingProxyType({"ja": "宛先"}))}))
    widget = build_element(element, ElementContext(look, device="kiosk"))
    qtbot.addWidget(widget)
    widget.show()
    click(widget.keyboard_button)
    assert isinstance(widget.keyboard.latin, LatinPad)


@pytest.mark.parametrize(("size", "scale", "theme"), [
    ((1280, 720), 3.0, "standard"), ((1280, 720), 3.0, "high-contrast"), ((1920, 1080), 1.0, "standard")],
    ids=["1280x720-300%", "1280x720-300%-hc", "1920x1080-100%"])
def test_the_letter_pad_is_the_kana_pads_size_at_the_bottom_of_the_phone_every_key_in_view(
        qtbot, size, scale, theme):
    scenario = load(SCENARIO)
    window = open_window([scenario], size, scale, theme)
    qtbot.addWidget(window)
    window.start(scenario.id, snapshot=start_at(scenario, "address"))
    settle()
    player = window.player
    field = next(w for w in player.view.elements if getattr(w, "keyboard", None) is not None)
    keyboard = field.keyboard
    pad = keyboard.latin
    assert isinstance(pad, LetterPad) and pad.isVisible()
    device = player.device
    assert device.docked is keyboard and not device.scroll_area.isAncestorOf(keyboard), \
        "fixed under the scrolling screen, as the kana pad is"
    for name, key in pad.keys.items():
        assert visible_share(key, window) >= SEEN, f"key {name} ({key.text()!r}) is not in view"
        assert key.label_lines() == 1, f"key {name} ({key.text()!r}) is drawn on more than one line"
    assert visible_share(field.field, window) >= SEEN, "the field is in view with its keys"
    letters = QRect(pad.mapTo(device, QPoint(0, 0)), pad.size())
    click(pad.keys["kana"])
    settle()
    kana = QRect(keyboard.kana.mapTo(device, QPoint(0, 0)), keyboard.kana.size())
    assert abs(kana.width() - letters.width()) <= 2 and abs(kana.height() - letters.height()) <= 2, \
        f"the letter pad {letters.size()} is the kana pad's size {kana.size()}"
    assert abs(kana.bottom() - letters.bottom()) <= 2, "in the same place, at the bottom of the screen"


@pytest.mark.parametrize("driver_name", ["keyboard", "two-switches"])
def test_the_keyboard_alone_and_two_switches_alone_type_an_address_on_the_letter_pad(qtbot, driver_name):
    """Every key of the letter pad is reached without a mouse: Tab and the arrow keys, or switch scanning."""
    from tests.player.access_play import KeyboardDriver, SwitchDriver
    from tests.player.test_without_a_mouse import _play

    scenario = load(SCENARIO)
    if driver_name == "keyboard":
        driver = _play(qtbot, scenario, "done", 300, KeyboardDriver)
    else:
        driver = _play(qtbot, scenario, "done", 300, SwitchDriver, switches=2)
    assert driver.presses > len("abc@x.jp")
