"""The phone's keyboards in a 1280×720 window at big text: every key whole, its name on one line,
and the button the step ends with (「保存」「発信」「次へ」) in view when the step appears.

The kana keyboard is fixed at the bottom of the phone's screen (as on a real phone), under the
field and the button that scroll above it; the dialler's 「削除」 sits beside the number; the keys'
names are short (「削除」「空白」) and drawn smaller on a narrow key rather than one character a line.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget

from tests.player.autoplay import settle
from tests.player.conftest import bundled, start_at
from tests.player.visibility import SEEN, open_window, step_targets, visible_share
from trainer.widgets.button import BigButton
from trainer.widgets.keyboard import KanaKey
from trainer.widgets.text_layout import laid_out

STEPS = (("phone-and-camera", "name"), ("phone-and-camera", "dial"), ("scan-to-pay", "amount"),
         ("charge-and-limit", "enter-amount"), ("typing-flick", "ocha"))
"""Steps whose phone screen holds a keyboard or keypad and a button to press after it."""


def keys_of(view) -> dict[str, BigButton]:
    """Every key of the keyboards and keypads on the screen that is meant to be shown."""
    found: dict[str, BigButton] = {}
    for element in view.elements:
        pad = getattr(element, "pad", None)
        keyboard = getattr(element, "keyboard", None)
        for source in (pad, keyboard.kana if keyboard is not None else None):
            if source is not None:
                found.update({name: key for name, key in source.keys.items() if key.isVisibleTo(source)})
    return found


def label_lines(key: BigButton) -> int:
    """The lines the key's name is painted on: its painting font, laid out in the room the key gives it."""
    return len(laid_out(key._font(), key.text(), max(1, key.width() - key._chrome_width())))


@pytest.mark.parametrize(("size", "scale", "theme"), [
    ((1280, 720), 3.0, "standard"), ((1280, 720), 3.0, "high-contrast"), ((1280, 720), 1.0, "standard"),
    ((1920, 1080), 1.5, "standard")], ids=["1280x720-300%", "1280x720-300%-hc", "1280x720-100%", "1920x1080-150%"])
def test_keys_whole_and_the_last_button_in_view(qtbot, size, scale, theme):
    scenarios = bundled()
    window = open_window(scenarios, size, scale, theme)
    qtbot.addWidget(window)
    found: list[str] = []
    for scenario_id, step_id in STEPS:
        scenario = next(s for s in scenarios if s.id == scenario_id)
        window.start(scenario.id, snapshot=start_at(scenario, step_id))
        settle()
        player = window.player
        assert player.run.current.id == step_id
        keys = keys_of(player.view)
        assert len(keys) >= 12, f"{scenario_id}/{step_id}: a keypad or keyboard is on the screen"
        for name, key in keys.items():
            share = visible_share(key, window)
            if share < SEEN:
                found.append(f"{scenario_id}/{step_id}: key {name} ({key.text()!r}) is {share:.0%} in view")
            if isinstance(key, KanaKey):
                if not key.text_fits():
                    found.append(f"{scenario_id}/{step_id}: key {name}'s kana do not fit")
            elif label_lines(key) != 1:
                found.append(f"{scenario_id}/{step_id}: key {name} ({key.text()!r}) is drawn on "
                             f"{label_lines(key)} lines, {key.width()}×{key.height()}")
        presses = step_targets(player)
        assert presses, f"{scenario_id}/{step_id}: the step ends with a button"
        for target in presses:
            share = visible_share(target.widget, window)
            if share < SEEN:
                found.append(f"{scenario_id}/{step_id}: {target.name} is {share:.0%} in view when the step appears")
    assert not found, "\n".join(found)


def test_the_docked_keyboard_goes_with_its_screen(qtbot):
    """The phone holds the kana keyboard under its screen; the next screen takes it away."""
    scenarios = bundled()
    window = open_window(scenarios, (1280, 720), 3.0)
    qtbot.addWidget(window)
    scenario = next(s for s in scenarios if s.id == "phone-and-camera")
    window.start(scenario.id, snapshot=start_at(scenario, "name"))
    settle()
    device = window.player.device
    keyboard = window.player.view.docked
    assert keyboard is not None and device.docked is keyboard
    assert not device.scroll_area.isAncestorOf(keyboard), "fixed under the scrolling screen, not in it"
    assert keyboard.isVisible()
    window.start(scenario.id, snapshot=start_at(scenario, "dial"))
    settle()
    assert window.player.device.docked is None
    assert not any(isinstance(w, QWidget) and w.isVisible() and w is keyboard
                   for w in window.player.device.findChildren(QWidget))
