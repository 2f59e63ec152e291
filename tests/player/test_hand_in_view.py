"""What the learner holds (「手元」) and the hand that points (hints, 「見てみる」) at big text
(issue #11): the card in the hand is big enough to see, its name is written in words a learner
can read and never over the card or the chip; beside a phone the hand stands to its right when
the room is wide; the pointing hand leaves the label of what it points at readable."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF, QSize, QSizeF
from PySide6.QtWidgets import QPushButton, QWidget

from tests.player.autoplay import settle
from tests.player.conftest import bundled, start_at
from tests.player.visibility import open_window
from trainer.widgets.bodies.parts import THING_ASPECT, HandTray, thing_name
from trainer.widgets.devices import make_device
from trainer.widgets.hint_overlay import HintOverlay
from trainer.widgets.look import Look
from trainer.widgets.text_layout import text_size


def _at_step(qtbot, size, scale, scenario_id, step_id):
    scenario = next(s for s in bundled() if s.id == scenario_id)
    window = open_window([scenario], size, scale)
    qtbot.addWidget(window)
    window.start(scenario.id, snapshot=start_at(scenario, step_id, with_path=True))
    settle()
    return window.player


def _names_fit(tray: HandTray) -> None:
    """Every thing has its name written in a rectangle of its own, in the device's body text,
    whole (no word cut), not over any thing."""
    font = tray.caption_font()
    assert font.pixelSize() >= 19, "the names are written in the device's body text, not in the card's print"
    for thing, where in zip(tray.things, tray.caption_rects(), strict=True):
        assert where.width() > 0 and where.height() > 0, f"{thing.obj}: its name is written"
        assert QRectF(tray.rect()).contains(where), f"{thing.obj}: its name {where.getRect()} is in the tray"
        for other in tray.things:
            assert not where.intersects(QRectF(other.geometry())), f"{thing.obj}: its name is not over {other.obj}"
        _, height = text_size(font, thing_name(thing.obj, tray._look), where.width())
        assert height <= where.height() + 1, f"{thing.obj}: its name fits its place at the body text size"


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)], ids=["1280x720", "1920x1080"])
@pytest.mark.parametrize("scale", [1.0, 3.0], ids=["100%", "300%"])
def test_beside_a_phone_the_card_is_held_to_its_right_large_enough_to_see(qtbot, size, scale):
    player = _at_step(qtbot, size, scale, "mynaportal-login", "hold-card")
    device = player.device
    tray = device.hand
    assert tray.isVisible() and tray.vertical, "the hand stands beside the phone"
    assert tray.geometry().left() >= device.body_rect().right(), "to the phone's right, not over it"
    card = tray.things[0]
    assert card.height() >= 70, f"the card is {card.width()}×{card.height()} px (it was about 70×45 below the phone)"
    assert card.width() == pytest.approx(card.height() / THING_ASPECT, abs=2), "a card's proportions"
    _names_fit(tray)
    assert device.body_rect().height() >= 0.9 * player.stage.height() - 2 * player.stage.margin, \
        "the phone keeps the stage's height (the hand below it took 0.14 of it)"


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)], ids=["1280x720", "1920x1080"])
@pytest.mark.parametrize("scale", [1.0, 3.0], ids=["100%", "300%"])
def test_below_a_machine_each_things_name_is_written_beside_it(qtbot, size, scale):
    player = _at_step(qtbot, size, scale, "konbini-juminhyo", "place-card")
    tray = player.device.hand
    assert tray.isVisible() and not tray.vertical
    assert tray.geometry().top() >= player.device.machine_rect().bottom(), "the hand lies in front of the machine"
    assert [t.obj for t in tray.things] == ["mynumber", "coins"]
    _names_fit(tray)


def test_the_hand_takes_the_height_a_room_has_to_spare_and_no_more(qtbot):
    look = Look()
    kiosk = make_device("kiosk", look)
    qtbot.addWidget(kiosk)
    kiosk.set_body({"hand": ("mynumber",)})
    low = kiosk.frame_size(QSize(1200, 10_000))
    plan = kiosk.hand_plan(QSizeF(low))
    assert plan[0] == "below" and plan[2] == pytest.approx(kiosk.hand_most, abs=0.01), "at most hand_most"
    tight = kiosk.frame_size(QSize(10_000, 600))
    assert kiosk.hand_plan(QSizeF(tight))[2] == pytest.approx(kiosk.hand_share, abs=0.01), "at least hand_share"
    for frame in (low, tight):  # the frame a room gives plans the same again (the layout is stable)
        assert kiosk.frame_size(frame) == frame
    kiosk.set_body({})
    assert kiosk.hand_plan(QSizeF(tight))[0] == "none"


def test_a_narrow_room_puts_the_hand_below_the_phone(qtbot):
    phone = make_device("phone", Look())
    qtbot.addWidget(phone)
    phone.set_body({"hand": ("mynumber",), "side": "back"})
    assert phone.hand_plan(QSizeF(QSize(2000, 700)))[0] == "right"
    assert phone.hand_plan(QSizeF(QSize(360, 900)))[0] == "below", "no room beside: below, as before"


# -- the pointing hand --------------------------------------------------------------------------
def _overlay_on(qtbot, button_rect: tuple[int, int, int, int]):
    root = QWidget()
    qtbot.addWidget(root)
    root.resize(800, 600)
    button = QPushButton("スキャン", root)
    button.setGeometry(*button_rect)
    overlay = HintOverlay(Look(), root)
    root.show()
    settle()
    overlay.demonstrate(button, root, animate=False)
    return overlay, button


@pytest.mark.parametrize(("where", "turn"), [((100, 100, 200, 60), -90.0), ((560, 100, 236, 60), 90.0),
                                             ((10, 100, 780, 60), 0.0)],
                         ids=["room-on-the-right", "room-on-the-left", "as-wide-as-the-screen"])
def test_the_pointing_hand_leaves_the_label_readable(qtbot, where, turn):
    overlay, button = _overlay_on(qtbot, where)
    rect = QRectF(overlay.target_rect())
    tip = overlay.hand_tip()
    hand = overlay.hand_rect()
    assert rect.contains(tip), "the fingertip is on the target"
    assert overlay.resting_pose(overlay.target_rect())[1] == turn
    assert not hand.contains(rect.center()), f"the hand {hand.getRect()} is off the label at {rect.center()}"
    middle = QRectF(rect.center().x() - 30, rect.center().y() - 12, 60, 24)  # where a centred label is
    assert not hand.intersects(middle), "nothing of the hand lies on the label"


def test_the_check_sees_a_hand_on_the_label(qtbot):
    """The measure above fails for the old pose: the fingertip on the middle, the hand hanging from it."""
    overlay, _ = _overlay_on(qtbot, (100, 100, 200, 60))
    rect = QRectF(overlay.target_rect())
    side = overlay._look.px(64)
    old = QRectF(rect.center().x() - side * 0.38, rect.center().y() - side * 0.05, side, side)
    assert old.intersects(QRectF(rect.center().x() - 30, rect.center().y() - 12, 60, 24))


@pytest.mark.parametrize("size", [(84, 53), (120, 76), (200, 126)], ids=["small", "middle", "large"])
def test_the_name_printed_on_a_card_stays_above_its_chip(qtbot, size):
    from trainer.widgets.elements.card import CardPicture

    card = CardPicture("マイナンバーカード（見本）", "mynumber", Look())
    qtbot.addWidget(card)
    card.resize(*size)
    box, label, font = card.name_layout()
    assert box.bottom() <= card.chip_rect().top(), "the name's place ends above the chip"
    assert label in ("マイナンバーカード（見本）", "マイナンバーカード\u2028（見本）", "マイナンバーカード", "")
    if size[1] >= 76:
        assert label.startswith("マイナンバーカード") and font.pixelSize() >= 7, "a card of that size prints its name"
    if label:
        assert text_size(font, label, box.width())[1] <= box.height(), f"the name's lines fit at {font.pixelSize()} px"


def test_revealing_a_target_cuts_no_line_in_two_at_the_top():
    """The device's screen is scrolled so that no line of text is half shown at its top edge: the
    cut one whole when the target still fits below it, else scrolled past — past the end of the
    screen when need be (the screen then gets blank room below), else left as it was."""
    from trainer.widgets.devices import uncut_scroll

    bands = [(top, top + 89) for top in (0, 100, 200, 300, 400, 680)]

    def snap(value, start, end, room=300, most=700, margin=0):
        return uncut_scroll(value, start, end, room, most, margin, bands)

    assert snap(150, 300, 389) == 90, "the cut line shown whole (the target still fits), from the gap above it"
    assert snap(150, 300, 499) == 200, "else scrolled past it, to the next line's top"
    assert snap(195, 300, 389) == 195, "a gap between lines is no cut"
    assert snap(0, 300, 389) == 0, "the top is never a cut"
    assert snap(60, 100, 289, margin=10) == 0, "the top of the screen and the target together"
    assert snap(690, 780, 990, most=700) == 770, "past the end of the screen: blank room below it"
    assert snap(150, 300, 389, margin=12) == 100, "as much room round the target as there is"
    assert snap(150, 151, 700) == 150, "no position shows the target whole: left as it was"
