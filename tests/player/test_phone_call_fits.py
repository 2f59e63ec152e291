"""The call screen's two round buttons fit the phone's 8-character line (issue #10): in a 1280×720
window at 150 % the phone's look is 125 % and its screen 279 px wide; the answer and decline buttons
with their gap needed 284 px, so the screen scrolled sideways. A squeezed call button draws its disc
smaller (down to ``CALL_DISC_LEAST`` of its size) instead.

Measured on the real widgets: the device screen's inner widget against its scroll area's viewport,
and each call button still at least a 44 px target.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QScrollArea

from tests.player.conftest import window_at
from tests.player.inspect_ui import MIN_TARGET
from trainer.widgets.elements.call import CallElement


@pytest.mark.parametrize(("size", "scale"), [((1280, 720), 1.5), ((1280, 720), 3.0), ((1920, 1080), 1.5)])
@pytest.mark.parametrize("theme", ["standard", "high-contrast"])
def test_the_call_buttons_fit_the_phone_screen_without_sideways_scrolling(qtbot, size, scale, theme):
    window, player = window_at(qtbot, "refund-scam-call", "ring", size=size, scale=scale, theme=theme)
    calls = [c for c in player.findChildren(CallElement) if c.isVisible()]
    assert calls, "the ringing call screen is shown"
    call = calls[0]
    area = next(a for a in player.findChildren(QScrollArea) if a.isVisible() and a.widget() is not None
                and a.widget().isAncestorOf(call))
    assert area.widget().width() <= area.viewport().width() + 1, (
        f"{area.widget().width()} px wide in {area.viewport().width()} px")
    assert call.geometry().right() < area.widget().width()
    for button in call.buttons.values():
        assert min(button.width(), button.height()) >= MIN_TARGET
