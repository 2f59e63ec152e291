"""The phone's own text grows with the learner's size (issue #10): in a 1280×720 window at 300 %
the phone is as tall as the stage allows and no wider than its real proportions, so its screen is
laid out for a line of about 9–10 full-width characters (``PHONE_LINE_CHARS`` inside its margins)
instead of 13–14, its body text about 1.3 × what it was — and what the step asks for is still in
view when the step appears, with no text outside its widget.

Measured on the real widgets: the pixel size of the fonts of the body text on the phone's screen
(``TextBlock`` of the body role inside ``device.scroll_area``), and ``visible_share`` of every target.
A screen with keys (the kana keyboard, a number pad) is drawn at the size its keys fit the screen
(``DeviceFrame.content_scale`` with ``keys``): it is held to the keys' own checks instead
(``test_phone_keys_in_view.py``), and here to its targets in view.
"""

from __future__ import annotations

import pytest

from tests.player.autoplay import settle
from tests.player.conftest import bundled, start_at
from tests.player.inspect_ui import problems
from tests.player.visibility import SEEN, open_window, step_targets, text_problems, visible_share
from trainer.widgets.labels import TextBlock

BODY_PX = {(1280, 720): 24, (1920, 1080): 34}
"""The least pixel size of the phone's body text at 300 %: 19–20 px before (13–14 characters a line)
in 1280×720, 19–29 px in 1920×1080; now 25 px and 43 px."""


def phone_firsts():
    """Each bundled scenario's first step on the phone, as (scenario, step)."""
    found = []
    for scenario in bundled():
        step = next((s for s in scenario.steps if s.device == "phone"), None)
        if step is not None:
            found.append((scenario, step))
    return found


def holds_keys(view) -> bool:
    return any(getattr(e, "pad", None) is not None or getattr(e, "keyboard", None) is not None
               for e in view.elements)


def body_sizes(device) -> list[int]:
    """The pixel sizes of the body text shown on the device's screen (what scrolls)."""
    return [w.font_().pixelSize() for w in device.scroll_area.findChildren(TextBlock)
            if w.isVisible() and w._role == "body" and w.text()]


@pytest.mark.parametrize(("size", "theme"), [((1280, 720), "standard"), ((1280, 720), "high-contrast"),
                                             ((1920, 1080), "standard")],
                         ids=["1280x720", "1280x720-hc", "1920x1080"])
def test_the_phones_text_grows_at_300_and_keeps_the_step_in_view(qtbot, size, theme):
    firsts = phone_firsts()
    assert len(firsts) >= 12, "the bundled phone scenarios"
    window = open_window(bundled(), size, 3.0, theme)
    qtbot.addWidget(window)
    found: list[str] = []
    measured = 0
    for scenario, step in firsts:
        window.start(scenario.id, snapshot=start_at(scenario, step.id))
        settle()
        player = window.player
        assert player.run.current.id == step.id
        name = f"{scenario.id}/{step.id}"
        sizes = body_sizes(player.device)
        if sizes and not holds_keys(player.view):
            measured += 1
            if min(sizes) < BODY_PX[size]:
                found.append(f"{name}: the phone's body text is {min(sizes)} px (at least {BODY_PX[size]})")
        for target in step_targets(player):
            share = visible_share(target.widget, window)
            if share < SEEN:
                found.append(f"{name}: {target.name} is {share:.0%} in view when the step appears")
        found.extend(f"{name}: {p}" for p in text_problems(window))
        found.extend(f"{name}: {p}" for p in problems(player.device, 3.0))
    assert measured >= 8, "most first steps show body text"
    assert not found, "\n".join(found)


def test_a_screen_measured_before_the_player_is_shown_is_not_drawn_smaller(qtbot):
    """The first step's screen was measured while the player was still hidden, at the scroll area's
    first 640 × 480 with its elements unlaid: the SMS's link and 「削除」 seemed 942 px tall and the
    screen was drawn at 85 % though it fits at the phone's own size (``DeviceFrame.settle``)."""
    scenario = next(s for s in bundled() if s.id == "parcel-sms")
    window = open_window([scenario], (1920, 1080), 1.0)
    qtbot.addWidget(window)
    window.start(scenario.id)
    settle()
    player = window.player
    assert player.view.ctx.look.scale == player.device_look.scale == 1.0
    assert min(body_sizes(player.device)) == 22
