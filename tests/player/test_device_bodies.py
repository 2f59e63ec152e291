"""Device bodies through the real widgets: every part is operated on the
body — by dragging what the hand holds, by clicking, and by the keyboard
(Tab to the part, Enter; the Menu key holds) — and named for screen readers;
a scenario that moves from the phone to the ATM and back plays to its end,
and the learner sees and hears where they have come."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtTest import QTest

from tests.player.autoplay import click, drag, drag_to, perform, routes, settle
from tests.player.conftest import start_at, window_at
from trainer.app.library import Library
from trainer.app.main_window import MainWindow
from trainer.app.settings import Settings
from trainer.scenarios import devices as device_kinds
from trainer.scenarios.actions import ActionKind
from trainer.scenarios.loader import check_bytes
from trainer.speech.fake import FakeSpeech
from trainer.widgets import bodies
from trainer.widgets.devices import make_device


def _device(look, name: str, body: dict, qtbot):
    device = make_device(name, look)
    qtbot.addWidget(device)
    device.resize(device.preferred_width(), look.px(900))
    device.show()
    device.set_body(body)
    settle()
    acted = []
    device.acted.connect(acted.append)
    return device, acted


# (device, body, part, what the hand holds to use) for every part that takes things in
TAKE_IN = [
    ("kiosk", {"hand": ("mynumber", "coins")}, "card-tray", "mynumber"),
    ("kiosk", {"hand": ("mynumber", "coins")}, "coin-slot", "coins"),
    ("kiosk", {"hand": ("notes",)}, "note-slot", "notes"),
    ("atm", {"hand": ("bank",)}, "card-slot", "bank"),
    ("atm", {"hand": ("notes",)}, "note-slot", "notes"),
    ("card-reader", {"hand": ("mynumber",)}, "card-tray", "mynumber"),
    ("phone", {"hand": ("mynumber",), "side": "back"}, "phone-back", "mynumber"),
]


@pytest.mark.parametrize(("name", "body", "part_name", "obj"), TAKE_IN,
                         ids=[f"{d}:{p}" for d, _b, p, _o in TAKE_IN])
def test_a_thing_is_dragged_from_the_hand_into_a_part_or_put_there_from_the_keyboard(
        qtbot, look, name, body, part_name, obj):
    device, acted = _device(look, name, body, qtbot)
    part = device.part_widget(part_name)
    assert part is not None and part.isVisible()
    kind = ActionKind.INSERT if "insert" in part.part.actions else ActionKind.PLACE
    # the mouse: drag the thing from the hand onto the part
    thing = device.held_thing(obj)
    drag_to(thing, part)
    assert [(a.kind, a.target, a.value) for a in acted] == [(kind, part_name, obj)]
    # dropped beside the part, nothing happens
    acted.clear()
    drag(thing, thing.rect().center(), thing.rect().center() + thing.rect().bottomRight())
    assert acted == []
    # the keyboard: Tab reaches the part; Enter puts in what the hand holds that fits
    assert part.focusPolicy() & Qt.FocusPolicy.TabFocus
    part.setFocus()
    QTest.keyClick(part, Qt.Key.Key_Return)
    assert [(a.kind, a.target, a.value) for a in acted] == [(kind, part_name, obj)]
    # named for screen readers: what it is, and how to use it
    assert part.accessibleName() == part.part.label(look.lang)
    assert part.accessibleDescription() == look.tr("body.how_put")


TAKE_OUT = [
    ("kiosk", {"printer-outlet": "paper"}, "printer-outlet"),
    ("kiosk", {"card-tray": "mynumber"}, "card-tray"),
    ("kiosk", {"change-outlet": "coins"}, "change-outlet"),
    ("atm", {"card-slot": "bank"}, "card-slot"),
    ("atm", {"note-slot": "notes"}, "note-slot"),
    ("atm", {"receipt-slot": "receipt"}, "receipt-slot"),
    ("card-reader", {"card-tray": "mynumber"}, "card-tray"),
]


@pytest.mark.parametrize(("name", "body", "part_name"), TAKE_OUT, ids=[f"{d}:{p}" for d, _b, p in TAKE_OUT])
def test_what_a_part_holds_is_taken_by_clicking_it_or_with_enter(qtbot, look, name, body, part_name):
    device, acted = _device(look, name, body, qtbot)
    part = device.part_widget(part_name)
    assert part.holds == body[part_name]
    assert part.thing is not None and part.thing.isVisible(), "the thing waiting is drawn in the part"
    click(part)
    part.setFocus()
    QTest.keyClick(part, Qt.Key.Key_Space)
    assert [(a.kind, a.target) for a in acted] == [(ActionKind.TAKE, part_name)] * 2
    thing = device_kinds.object_label(body[part_name], look.lang)
    assert part.accessibleName() == look.tr("body.part_holds", part=part.part.label(look.lang), thing=thing)


PRESSED = [("phone", {}, "home"), ("phone", {}, "back"), ("browser", {}, "window-close"), ("browser", {}, "esc")]


@pytest.mark.parametrize(("name", "body", "part_name"), PRESSED, ids=[f"{d}:{p}" for d, _b, p in PRESSED])
def test_buttons_and_keys_of_the_body_are_pressed_by_click_and_by_enter(qtbot, look, name, body, part_name):
    device, acted = _device(look, name, body, qtbot)
    part = device.part_widget(part_name)
    click(part)
    part.setFocus()
    QTest.keyClick(part, Qt.Key.Key_Enter)
    assert [(a.kind, a.target) for a in acted] == [(ActionKind.PRESS, part_name)] * 2
    assert part.width() >= 44 and part.height() >= 44, "big enough to press"


def test_the_esc_key_is_held_with_the_mouse_or_the_menu_key(qtbot, look, monkeypatch):
    device, acted = _device(look, "browser", {"fullscreen": True}, qtbot)
    esc = device.part_widget("esc")
    clock = iter([1000.0, 1000.0 + 2000])
    monkeypatch.setattr("trainer.widgets.bodies.parts.monotonic_ms", lambda: next(clock))
    QTest.mousePress(esc, Qt.MouseButton.LeftButton, pos=esc.rect().center())
    QTest.mouseRelease(esc, Qt.MouseButton.LeftButton, pos=esc.rect().center())
    esc.setFocus()
    QTest.keyClick(esc, Qt.Key.Key_Menu)
    assert [(a.kind, a.target) for a in acted] == [(ActionKind.LONG_PRESS, "esc")] * 2


def test_a_full_screen_page_covers_the_browser_and_its_close_button(qtbot, look):
    device, _acted = _device(look, "browser", {"fullscreen": True}, qtbot)
    assert device.part_widget("window-close") is None
    assert not device.titlebar.isVisible() and not device.toolbar.isVisible()
    assert device.part_widget("esc") is not None, "the keyboard is still there"
    device.set_body({})
    settle()
    assert device.part_widget("window-close") is not None and device.titlebar.isVisible()


def test_the_face_is_moved_into_the_camera_frame_by_drag_or_by_the_arrow_keys(qtbot, look):
    device, acted = _device(look, "card-reader", {"camera": "frame", "card-tray": "mynumber"}, qtbot)
    camera = device.part_widget("camera")
    assert camera is not None and not camera.aligned()
    drag(camera, camera.face_centre().toPoint(), camera.frame_rect().center().toPoint())
    assert [(a.kind, a.target) for a in acted] == [(ActionKind.LOOK, "camera")]
    device.set_body({"camera": "frame"})
    camera = device.part_widget("camera")
    camera.setFocus()
    for _ in range(10):
        if acted[1:]:
            break
        x, y = camera.offset.x(), camera.offset.y()
        key = (Qt.Key.Key_Left if x > 0 else Qt.Key.Key_Right) if abs(x) >= abs(y) else (
            Qt.Key.Key_Up if y > 0 else Qt.Key.Key_Down)
        QTest.keyClick(camera, key)
    assert len(acted) == 2 and acted[1].kind is ActionKind.LOOK
    device.set_body({"camera": "off"})
    assert device.part_widget("camera") is None


def test_the_phone_turns_over_to_its_back_for_reading_a_card(qtbot, look):
    device, _acted = _device(look, "phone", {"side": "back", "hand": ("mynumber",)}, qtbot)
    assert device.part_widget("phone-back") is not None
    assert device.part_widget("home") is None and not device.scroll_area.isVisible()
    device.set_body({"side": "back", "phone-back": "mynumber"})
    assert device.part_widget("phone-back").thing.isVisible(), "the card is held against the back"
    device.set_body({})
    assert device.part_widget("phone-back") is None and device.part_widget("home") is not None


def test_every_body_class_has_every_part_its_device_lists():
    for name, kind in device_kinds.KINDS.items():
        if kind.parts or kind.state:
            assert bodies.BODIES[name].name == name, f"{name} has parts but no body"
    assert set(bodies.BODIES) <= set(device_kinds.KINDS)


def test_parts_of_every_body_are_built(qtbot, look):
    for name, cls in bodies.BODIES.items():
        device = cls(look)
        qtbot.addWidget(device)
        assert set(device.parts) == set(device_kinds.KINDS[name].parts), name


MOVES = """\
format: 1
id: atm-trip
version: 1
title: ATMで払う
summary: スマホで番号を見て、ATMで払い、スマホにもどります。
category: shopping
level: 1
minutes: 5
device: phone
steps:
  - id: number
    say: お支払い番号を確かめて「次へ」を押しましょう。
    screen:
      elements:
        - {type: text, text: "お支払い番号 0000-0000"}
  - id: card
    device: atm
    say: キャッシュカードを入れましょう。
    body: {hand: [bank]}
    screen:
      title: お取引
      elements:
        - {type: text, text: カードを入れてください}
    expect: {insert: card-slot}
  - id: pay
    say: 「支払う」を押しましょう。
    screen:
      elements:
        - {type: button, id: pay, label: 支払う}
    expect: {tap: pay}
  - id: take-card
    say: カードと明細票を取りましょう。まずカードです。
    body: {card-slot: bank, receipt-slot: receipt}
    expect: {take: card-slot}
  - id: receipt
    say: 明細票も取りましょう。
    body: {receipt-slot: receipt}
    expect: {take: receipt-slot}
  - id: back
    device: phone
    say: ホームにもどりましょう。
    expect: {press: home}
  - id: done
    finish: success
    say: よくできました。
"""


def _window(qtbot, scenario, speech=None):
    window = MainWindow(Library([scenario]), speech=speech,
                        settings=Settings(text_size_chosen=True, read_aloud=speech is not None))
    qtbot.addWidget(window)
    window.resize(1280, 860)
    window.show()
    player = window.start(scenario.id)
    settle()
    return window, player


def test_a_scenario_goes_from_the_phone_to_the_atm_and_back_and_says_so(qtbot):
    scenario, problems = check_bytes(MOVES.encode(), "atm-trip.yaml")
    assert scenario is not None, [p.format("en") for p in problems]
    speech = FakeSpeech(auto_finish=True)
    window, player = _window(qtbot, scenario, speech)
    assert player.device.name == "phone"
    route = routes(scenario)["done"]
    seen = []
    for move in route:
        perform(player, move.expect)
        seen.append(player.device.name if not player.run.finished else "end")
        if player.run.current.id == "card":
            arrive = "ATMの前に来ました。"
            assert arrive in player.panel.feedback.text(), "the move is shown in the instruction pane"
            assert arrive in speech.said[-1], "and read aloud"
            assert player.device.name == "atm"
        if player.run.current.id == "pay":
            assert "ATM" not in player.panel.feedback.text(), "said once, on arriving"
        if player.run.current.id == "back":
            assert "スマートフォンの画面にもどりました。" in player.panel.feedback.text()
    assert seen == ["atm", "atm", "atm", "atm", "phone", "end"]
    assert window.page_name == "finish"


def test_a_hint_points_at_the_part_of_the_body(qtbot):
    scenario, _ = check_bytes(MOVES.encode(), "atm-trip.yaml")
    _window_, player = _window(qtbot, scenario)
    perform(player, routes(scenario)["done"][0].expect)
    hints = [player.give_hint() or player.overlay.target for _ in range(3)]
    slot = player.device.part_widget("card-slot")
    assert hints[1] is slot and hints[2] is slot
    assert player.overlay.showing_hand


def test_resuming_at_a_step_on_another_device_shows_that_device(qtbot):
    scenario, _ = check_bytes(MOVES.encode(), "atm-trip.yaml")
    window = MainWindow(Library([scenario]), settings=Settings(text_size_chosen=True, read_aloud=False))
    qtbot.addWidget(window)
    window.show()
    player = window.start(scenario.id, snapshot=start_at(scenario, "take-card"))
    settle()
    assert player.device.name == "atm"
    assert player.device.part_widget("card-slot").holds == "bank"


def test_menu_tiles_are_equal_and_pressed(qtbot, look):
    from types import MappingProxyType

    from trainer.scenarios.model import Element, Text
    from trainer.widgets.base import ElementContext
    from trainer.widgets.registry import build_element

    tiles = tuple(MappingProxyType({"id": i, "label": Text(MappingProxyType({"ja": j}))})
                  for i, j in (("copy", "コピー"), ("gov", "行政サービス"), ("fax", "ファクス")))
    widget = build_element(Element("menu-tiles", None, MappingProxyType({"tiles": tiles, "columns": 3})),
                           ElementContext(look, device="kiosk"))
    qtbot.addWidget(widget)
    widget.resize(look.px(600), look.px(200))
    widget.show()
    settle()
    acted = []
    widget.acted.connect(acted.append)
    sizes = {(b.width(), b.height()) for b in widget.tiles.values()}
    assert len({w for w, _h in sizes}) <= 2 and min(w for w, _h in sizes) > look.px(150), "equal tiles fill the row"
    assert len({b._style for b in widget.tiles.values()}) == 1, "no tile is singled out"
    click(widget.tiles["gov"])
    assert [(a.kind, a.target) for a in acted] == [(ActionKind.TAP, "gov")]
    assert widget.target_widget("copy") is widget.tiles["copy"]


# -- geometry: the body in its real proportions, the parts beside it -------------------------
# (device, body, the parts outside the body's outline and on which side of it they lie)
OUTSIDE = [
    ("kiosk", {}, {"card-tray": "right", "coin-slot": "right", "note-slot": "right", "change-outlet": "right",
                   "printer-outlet": "below"}),
    ("atm", {}, {"card-slot": "right", "receipt-slot": "right", "note-slot": "below"}),
    ("card-reader", {"camera": "frame"}, {"camera": "above", "card-tray": "below"}),
    ("browser", {}, {"esc": "below"}),
]


@pytest.mark.parametrize(("name", "body", "outside"), OUTSIDE, ids=[o[0] for o in OUTSIDE])
@pytest.mark.parametrize("hand", [(), ("mynumber",)], ids=["empty-hand", "holding"])
def test_the_body_keeps_its_real_proportions_and_its_parts_lie_beside_it(qtbot, look, name, body, outside, hand):
    from tests.player.inspect_ui import MIN_TARGET
    from tests.player.visibility import REAL_ASPECT

    device = make_device(name, look)
    qtbot.addWidget(device)
    device.set_body({**body, "hand": hand} if hand else body)
    device.resize(device.frame_size(device.size().expandedTo(device.sizeHint()) * 2))
    device.show()
    settle()
    shape = device.body_rect()
    assert shape.width() / shape.height() == pytest.approx(REAL_ASPECT.get(name, device.aspect), rel=0.02)
    frame = device.width() / device.height()
    assert frame == pytest.approx(device.frame_aspect(), rel=0.02), "the frame is the body with its extras"
    assert shape.width() * shape.height() < 0.9 * device.width() * device.height(), "the extras have room of their own"
    for part_name, side in outside.items():
        part = device.parts[part_name]
        assert part.isVisible(), part_name
        where = part.mapTo(device, part.rect().topLeft())
        rect = part.rect().translated(where)
        assert device.rect().contains(rect), f"{part_name} is inside the frame"
        inner = shape.toAlignedRect()
        found = ("right" if rect.left() >= inner.right() - 1 else "below" if rect.top() >= inner.bottom() - 1
                 else "above" if rect.bottom() <= inner.top() + 1 else "inside")
        assert found == side, f"{part_name} lies {found} the body, not {side}"
        assert min(rect.width(), rect.height()) >= MIN_TARGET, f"{part_name} {rect.getRect()} is big enough to press"
    screen = device.scroll_area.rect().translated(device.scroll_area.mapTo(device, device.scroll_area.rect().topLeft()))
    assert shape.toAlignedRect().contains(screen), f"the screen {screen.getRect()} is in the body"
    if hand:
        assert device.hand.isVisible() and device.hand.geometry().top() >= device.machine_rect().bottom(), \
            "the hand lies below the machine"


@pytest.mark.parametrize(("scenario_id", "app"), [("charge-and-limit", "pay"), ("konbini-juminhyo", "government"),
                                                  ("clinic-card-reader", "government")])
def test_the_screens_header_has_the_apps_colour_from_the_first_step(qtbot, scenario_id, app):
    """The header of the machine's or the phone's screen is drawn in the app's colour, the first
    step included (the page joins the window after that screen is built)."""
    from tests.player.conftest import bundled
    from tests.player.visibility import open_window
    from trainer.widgets.app_looks import APP_COLOURS

    scenario = next(s for s in bundled() if s.id == scenario_id)
    first = next(s for s in scenario.steps if s.screen.title is not None and s.screen.app == app)
    window = open_window([scenario], (1280, 720), 1.0)
    qtbot.addWidget(window)
    window.start(scenario.id, snapshot=start_at(scenario, first.id))
    settle()
    header = window.player.device.header
    assert header.isVisible()
    assert header.grab().toImage().pixelColor(3, 3).name().lower() == APP_COLOURS[app]["header"].lower()


@pytest.mark.parametrize("scale", [1.0, 2.0, 3.0], ids=["100%", "200%", "300%"])
@pytest.mark.parametrize("size", [(420, 560), (700, 933)], ids=["small", "large"])
def test_a_form_is_an_a4_sheet_and_a_receipt_a_narrow_strip(qtbot, scale, size):
    from tests.player.visibility import REAL_ASPECT, real_shape
    from trainer.widgets.bodies.machines import PaperBody
    from trainer.widgets.look import Look

    frame = make_device("paper", Look()).frame_size(QSize(*size))
    # as the player does: the paper's text as large as the chosen size allows in that frame
    device = make_device("paper", Look().with_(scale=PaperBody.content_scale(frame, scale)))
    qtbot.addWidget(device)
    device.resize(frame)
    device.show()
    device.set_body({"kind": "form"})
    settle()
    name, sheet = real_shape(device)
    assert name == "paper"
    assert sheet.width() / sheet.height() == pytest.approx(REAL_ASPECT["paper"], rel=0.05), "A4: 210 × 297 mm"
    assert device.body_rect().contains(sheet), "the sheet lies on the table"
    device.set_body({"kind": "receipt"})
    settle()
    name, strip = real_shape(device)
    assert name == "receipt"
    # a strip off a 58/80 mm roll (0.5 where its text allows; at big text it must widen)
    assert strip.width() / strip.height() < REAL_ASPECT["paper"] - 0.05, "a receipt is narrower than a form"


# -- at big text: the till's answers side by side, the note's print, the names in the hand -------------
@pytest.mark.parametrize("scale", [1.0, 3.0], ids=["100%", "300%"])
@pytest.mark.parametrize("theme", ["standard", "high-contrast"])
def test_the_tills_answer_buttons_stand_side_by_side_like_the_real_terminal(qtbot, scale, theme):
    """At 300 % 「いいえ」「はい」 stood one under the other on the customer display."""
    from tests.player.visibility import visible_share

    window, player = window_at(qtbot, "konbini-payment", "confirm-amount", scale=scale, theme=theme)
    assert player.device.name == "till"
    no, yes = (player.view.target_widget(name) for name in ("no", "yes"))
    assert no is not None and yes is not None
    top = {b.mapTo(player.view, b.rect().topLeft()).y() for b in (no, yes)}
    assert len(top) == 1, "one row"
    assert no.mapTo(player.view, no.rect().topLeft()).x() < yes.mapTo(player.view, yes.rect().topLeft()).x()
    for button in (no, yes):
        assert button.heightForWidth(button.width()) <= button.height(), f"{button.text()}: its text fits"
        assert button.width() >= 44 and button.height() >= 44
        assert visible_share(button, window) >= 0.9, f"{button.text()} in view"


@pytest.mark.parametrize("theme", ["standard", "high-contrast"])
def test_the_banknote_in_the_hand_prints_its_value_whole(qtbot, theme):
    """At 1280×720 / 300 % the note below the ATM is small: 「千円（練習用）」 was cut at its edge
    (「千円（」); what is printed now fits left of the portrait."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QFontMetricsF

    from trainer.widgets.bodies.parts import fitted_font, note_face, note_rect

    _, player = window_at(qtbot, "charge-and-limit", "atm-notes", theme=theme)
    note_thing = player.device.held_thing("notes")
    assert note_thing is not None and note_thing.isVisible()
    look = note_thing._look
    note = note_rect(QRectF(note_thing.view.rect()))  # where the note is painted
    room = note.adjusted(note.width() * 0.06, 0, -note.height(), 0)
    whole = look.tr("body.note_face")
    assert QFontMetricsF(fitted_font(look, note, 0.3)).horizontalAdvance(whole) > room.width(), \
        "the case: the whole print does not fit at its size"
    text, font, where = note_face(look, note)
    assert text.startswith("千円"), "the value is printed"
    assert QFontMetricsF(font).horizontalAdvance(text) <= where.width(), f"{text!r} fits the note"
    assert font.pixelSize() >= 9


@pytest.mark.parametrize("scenario_id", ["mynaportal-login", "clinic-card-reader", "konbini-juminhyo"])
@pytest.mark.parametrize("scale", [1.0, 2.0, 3.0], ids=["100%", "200%", "300%"])
def test_a_things_name_in_the_hand_is_never_broken_inside_a_word(qtbot, scenario_id, scale):
    """A name written beside (or under) a thing in the hand stays on one line wherever it can at the app's
    least text size; where it cannot, it never leaves one or two characters alone (「マイナンバーカー / ド」)."""
    from trainer.widgets.bodies.parts import thing_name
    from trainer.widgets.text_layout import laid_out, text_size

    first = {"mynaportal-login": "hold-card", "clinic-card-reader": "place", "konbini-juminhyo": "place-card"}
    _, player = window_at(qtbot, scenario_id, first[scenario_id], scale=scale)
    tray = player.device.hand
    assert tray.isVisible()
    for thing, where in zip(tray.things, tray.caption_rects(), strict=True):
        name = thing_name(thing.obj, tray._look)
        font = tray.caption_font_for(name, where)
        assert font.pixelSize() >= 19, "never below the app's least text"
        lines = [line for line, _ in laid_out(font, name, where.width())]
        if text_size(_at_px(font, 19), name)[0] <= where.width():
            assert len(lines) == 1, f"{name!r} fits one line at 19 px: {lines}"
        assert len(lines) == 1 or all(len(line.strip()) > 2 for line in lines), f"{name!r}: {lines}"
        _, height = text_size(font, name, where.width())
        assert height <= where.height() + 1, f"{name!r} fits its place"


def _at_px(font, px: int):
    """A copy of ``font`` at ``px`` pixels."""
    from PySide6.QtGui import QFont

    copy = QFont(font)
    copy.setPixelSize(px)
    return copy
