"""The computer's keyboard is drawn whole, as a Japanese (JIS) keyboard looks, in its real
proportions (about 2.4 : 1, as a compact keyboard's 290 × 120 mm), centred before the monitor and no
higher than its top rows used to take; its Esc is still a finger-sized part at the top left. The
browser's back, forward and reload stand beside the address where the address keeps its lines."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect

from tests.player.autoplay import settle
from tests.player.conftest import bundled, start_at
from tests.player.inspect_ui import MIN_TARGET
from tests.player.visibility import open_window
from trainer.widgets.bodies.personal import PcBody
from trainer.widgets.devices import make_device


def shown_pc(qtbot, look, size=(1400, 1100)) -> PcBody:
    device = make_device("browser", look)
    assert isinstance(device, PcBody)
    qtbot.addWidget(device)
    device.set_body({})
    device.resize(device.frame_size(device.size().expandedTo(device.sizeHint()) * 2))
    device.show()
    settle()
    return device


def test_the_keyboard_is_whole_with_the_japanese_keyboards_landmarks(qtbot, look):
    device = shown_pc(qtbot, look)
    keyboard = device.keyboard
    keys = keyboard.key_rects()
    prints = [label for label, _rect in keys]
    for landmark in ("Esc", "F12", "~hankaku", "BS", "Tab", "enter", "~eisu", "Shift", "Ctrl", "~muhenkan",
                     "~henkan", "~kana", "Z", "\\"):
        assert landmark in prints, landmark
    tops = sorted({round(rect.top()) for _label, rect in keys})
    assert len(tops) == 6, "six rows: the function keys, the digits, three rows of letters and the space bar's"
    space = max((rect for label, rect in keys if label == ""), key=lambda r: r.width())
    letter = next(rect for label, rect in keys if label == "A")
    assert space.width() > 4 * letter.width(), "a space bar several keys wide"
    assert sum(1 for label in prints if label == "enter") == 2, "Enter spans two rows (the JIS inverted L)"
    case = keyboard.outline()
    assert case.width() / case.height() == pytest.approx(2.43, rel=0.05), "a compact keyboard's proportions"
    assert all(case.contains(rect) for _label, rect in keys), "every key on the keyboard"
    monitor = device.monitor.geometry()
    middle = keyboard.mapTo(device, case.center().toPoint()).x()
    assert abs(middle - monitor.center().x()) <= 2, "centred before the monitor"
    assert case.width() < monitor.width() * 0.6, "a keyboard before a monitor, not as wide as it"
    assert device.extras.bottom() <= 0.44, "no higher than the three rows it replaces"


def test_esc_is_top_left_and_big_enough_to_press(qtbot, look):
    device = shown_pc(qtbot, look)
    keyboard = device.keyboard
    esc = device.parts["esc"]
    target = QRect(esc.mapTo(keyboard, QPoint(0, 0)), esc.size())
    assert min(target.width(), target.height()) >= MIN_TARGET
    face = next(rect for label, rect in keyboard.key_rects() if label == "Esc")
    assert target.contains(face.toAlignedRect().adjusted(1, 1, -1, -1)), "the key drawn inside its target"
    assert all(face.left() <= rect.left() + 1 and face.top() <= rect.top() + 1
               for _label, rect in keyboard.key_rects()), "Esc is the top left key"


@pytest.mark.parametrize(("size", "scale", "step", "beside"), [
    ((1920, 1080), 1.0, "review", True), ((1280, 720), 3.0, "review", True), ((1280, 720), 3.0, "cart", False)],
    ids=["1920x1080-100%-review", "1280x720-300%-review", "1280x720-300%-cart"])
def test_back_forward_and_reload_stand_beside_the_address_when_it_keeps_its_lines(qtbot, size, scale, step, beside):
    """At 300 % …/checkout/review takes two lines across the window and two beside the toolbar: beside;
    …/cart takes one across and two beside: the toolbar above, with 「保護された通信」 beside it."""
    scenarios = bundled()
    scenario = next(s for s in scenarios if s.id == "first-online-order")
    window = open_window(scenarios, size, scale)
    qtbot.addWidget(window)
    window.start(scenario.id, snapshot=start_at(scenario, step))
    settle()
    device = window.player.device
    assert isinstance(device, PcBody)
    toolbar, url = device.toolbar, device.address.url
    top = toolbar.mapTo(device, QPoint(0, 0)).y()
    if beside:
        assert top > device.address.mapTo(device, QPoint(0, 0)).y(), "on the address's row"
        margins = device.address.layout().contentsMargins()
        across = device.monitor.width() - 2 * device.look.space.wide - margins.left() - margins.right()
        assert url.height() <= url.heightForWidth(across) + 1, "the address on as few lines as across the window"
    else:
        assert top + toolbar.height() <= device.address.mapTo(device, QPoint(0, 0)).y() + 1, "a row above it"


@pytest.mark.parametrize(("size", "scale", "theme", "step"), [
    ((1280, 720), 1.0, "standard", "review"), ((1280, 720), 3.0, "standard", "cart"),
    ((1280, 720), 3.0, "high-contrast", "cart"), ((1920, 1080), 3.0, "standard", "cart")],
    ids=["1280x720-100%-review", "1280x720-300%-cart", "1280x720-300%-hc-cart", "1920x1080-300%-cart"])
def test_the_carts_total_is_in_view_with_the_button_the_step_asks_for(qtbot, size, scale, theme, step):
    """The browser's chrome gives the page its room (the toolbar beside the address, or 「保護された通信」
    beside the toolbar), so the cart's total stands in view with 「レジに進む」/「注文を確定する」."""
    from tests.player.visibility import SEEN, step_targets, visible_share
    from trainer.widgets.elements.shop import CartElement, _MoneyRow

    scenarios = bundled()
    scenario = next(s for s in scenarios if s.id == "first-online-order")
    window = open_window(scenarios, size, scale, theme)
    qtbot.addWidget(window)
    window.start(scenario.id, snapshot=start_at(scenario, step))
    settle()
    player = window.player
    cart = next(w for w in player.view.elements if isinstance(w, CartElement))
    total = cart.findChildren(_MoneyRow)[-1]
    assert visible_share(total, window) >= SEEN, "the total is in view"
    if step == "cart":
        assert visible_share(cart, window) >= SEEN, "the whole cart is in view"
    for target in step_targets(player):
        assert visible_share(target.widget, window) >= SEEN, f"{target.name} is in view"
    device = player.device
    if not device.toolbar_beside:
        security = device.address.security
        assert security.isVisible() and abs(security.mapTo(device, QPoint(0, security.height() // 2)).y()
                                            - device.toolbar.mapTo(device, QPoint(0, device.toolbar.height() // 2)).y()) <= 4, \
            "「保護された通信」 beside the toolbar, not on a line of its own"
