"""Each element widget turns what a person does into the right ``Action``
(and never judges it); the registry has a widget for every schema kind."""

from __future__ import annotations

from types import MappingProxyType

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit

from tests.player.autoplay import click, drag, settle, type_text
from trainer.scenarios import elements as schema
from trainer.scenarios.actions import ActionKind
from trainer.scenarios.model import Element, Screen, Text
from trainer.widgets import button as button_module
from trainer.widgets.base import ElementContext
from trainer.widgets.keyboard import flick_direction, modify_kana
from trainer.widgets.qr_code import qr_matrix
from trainer.widgets.registry import UnknownElement, build_element, missing_widgets
from trainer.widgets.screen_view import ScreenView


def T(ja: str, en: str | None = None) -> Text:
    return Text(MappingProxyType({"ja": ja, **({"en": en} if en else {})}))


def make(qtbot, look, kind: str, element_id: str | None = None, **props):
    element = Element(kind, element_id, MappingProxyType(props))
    widget = build_element(element, ElementContext(look))
    qtbot.addWidget(widget)
    widget.resize(500, 700)
    widget.show()
    settle()
    actions = []
    widget.acted.connect(actions.append)
    return widget, actions


def screen(qtbot, look, *elements: Element) -> tuple[ScreenView, list]:
    view = ScreenView(Screen(elements=tuple(elements)), ElementContext(look))
    qtbot.addWidget(view)
    view.resize(500, 900)
    view.show()
    settle()
    actions = []
    view.acted.connect(actions.append)
    return view, actions


def test_every_schema_kind_has_a_widget():
    assert missing_widgets() == []


def test_a_kind_without_a_widget_shows_a_note_instead_of_crashing(qtbot, look):
    widget = build_element(Element("no-such-kind", None, MappingProxyType({})), ElementContext(look))
    qtbot.addWidget(widget)
    assert isinstance(widget, UnknownElement)


def test_button_tap_and_long_press(qtbot, look, monkeypatch):
    widget, actions = make(qtbot, look, "button", "next", label=T("次へ"))
    click(widget.button)
    widget.button.setFocus()
    QTest.keyClick(widget.button, Qt.Key.Key_Menu)
    now = [1000.0]
    monkeypatch.setattr(button_module, "monotonic_ms", lambda: now[0])
    QTest.mousePress(widget.button, Qt.MouseButton.LeftButton, pos=widget.button.rect().center())
    now[0] += button_module.LONG_PRESS_MS + 10
    QTest.mouseRelease(widget.button, Qt.MouseButton.LeftButton, pos=widget.button.rect().center())
    QTest.keyClick(widget.button, Qt.Key.Key_Return)
    settle()
    qtbot.waitUntil(lambda: len(actions) == 4)
    assert [(a.kind, a.target) for a in actions] == [
        (ActionKind.TAP, "next"), (ActionKind.LONG_PRESS, "next"), (ActionKind.LONG_PRESS, "next"),
        (ActionKind.TAP, "next")]
    assert widget.button.accessibleName() == "次へ"


def test_app_grid_taps_and_arrow_keys(qtbot, look):
    apps = tuple(MappingProxyType({"id": i, "label": T(n), "icon": icon}) for i, n, icon in (
        ("pay", "ペイ", "wallet"), ("camera", "カメラ", "camera"), ("mail", "メール", "mail"), ("sun", "天気", "sun")))
    widget, actions = make(qtbot, look, "app-grid", None, apps=apps)
    click(widget.tiles["camera"])
    assert actions[-1].kind is ActionKind.TAP and actions[-1].target == "camera"
    widget.tiles["pay"].setFocus()
    QTest.keyClick(widget.tiles["pay"], Qt.Key.Key_Right)
    assert widget.tiles["camera"].hasFocus()
    QTest.keyClick(widget.tiles["camera"], Qt.Key.Key_Menu)
    assert actions[-1].kind is ActionKind.LONG_PRESS and actions[-1].target == "camera"


def test_number_pad_types_and_enter_sends_the_value(qtbot, look):
    widget, actions = make(qtbot, look, "input", "amount", keyboard="number", label=T("金額"), unit=T("円"))
    for key in "5809":
        click(widget.pad.keys[key])
    click(widget.pad.keys["delete"])
    assert widget.field.text() == "580"
    assert widget.field_values() == {"amount": "580"}
    assert actions == []  # typing is not an action; only sending is
    QTest.keyClick(widget.field, Qt.Key.Key_Return)
    assert actions[-1].kind is ActionKind.ENTER and actions[-1].target == "amount" and actions[-1].value == "580"
    assert "580" not in repr(actions[-1])  # typed values never reach a log line
    click(widget.pad.keys["clear"])
    assert widget.field.text() == ""


def test_pin_is_masked_four_digits_and_a_submit_key_sends_it(qtbot, look):
    widget, actions = make(qtbot, look, "input", "pin", keyboard="pin", label=T("暗証番号"), submit=T("決定"))
    assert widget.field.echoMode() == QLineEdit.EchoMode.Password
    for key in "123456":
        click(widget.pad.keys[key])
    assert widget.field.text() == "1234"
    click(widget.pad.keys["submit"])
    assert actions[-1].kind is ActionKind.ENTER and actions[-1].value == "1234"
    assert widget.pad.keys["1"].height() >= 44 and widget.pad.keys["1"].width() >= 44


def test_text_input_takes_japanese_from_the_input_method_and_the_kana_pad(qtbot, look):
    widget, _ = make(qtbot, look, "input", "name", keyboard="text", label=T("お名前"))
    widget.field.setFocus()
    type_text(widget.field, "都城")
    assert widget.field.text() == "都城"
    assert widget.keyboard.isVisible(), "a phone shows its keyboard with the field"
    assert not widget.keyboard_button.isVisible(), "while it shows, its own 「閉じる」 puts it away"
    click(widget.keyboard.kana.keys["close"])
    assert not widget.keyboard.isVisible()
    click(widget.keyboard_button)  # 「画面のキーボード」 under the field brings it back
    assert widget.keyboard.isVisible() and not widget.keyboard_button.isVisible()
    kana = widget.keyboard.kana
    click(kana.keys["latin"])  # the phone's 「英数」 key: its 12-key letter pad, with its own 「かな」 to come back
    assert widget.keyboard.latin is not None and widget.keyboard.latin.isVisible() and not kana.isVisible()
    click(widget.keyboard.latin.keys["kana"])
    assert kana.isVisible() and not widget.keyboard.switch_row.isVisible()
    click(kana.keys["は"])
    click(kana.keys["modify"])  # は → ば
    click(kana.keys["な"])
    click(kana.keys["な"])  # multi-tap: な → に
    key = kana.keys["か"]
    drag(key, key.rect().center(), key.rect().center() + QPoint(-key.width() // 2, 0))  # flick left: き
    assert widget.field.text() == "都城ばにき"


def test_kana_helpers():
    assert modify_kana("か") == "が" and modify_kana("が") == "か"
    assert modify_kana("は") == "ば" and modify_kana("ば") == "ぱ" and modify_kana("ぱ") == "は"
    assert modify_kana("つ") == "っ"
    assert flick_direction(2, 1, 10) == "tap" and flick_direction(-30, 5, 10) == "left"
    assert flick_direction(3, -40, 10) == "up" and flick_direction(0, 40, 10) == "down"


def test_choice_list_and_checkbox_report_choices_and_values(qtbot, look):
    options = tuple(MappingProxyType({"id": i, "label": T(n)}) for i, n in (("card", "クレジットカード"),
                                                                             ("cod", "代金引換")))
    view, actions = screen(qtbot, look,
                           Element("choice-list", "pay-by", MappingProxyType({"options": options})),
                           Element("checkbox", "agree", MappingProxyType({"label": T("同意する")})),
                           Element("button", "next", MappingProxyType({"label": T("次へ")})))
    click(view.target_widget("cod"))
    assert actions[-1].kind is ActionKind.CHOOSE and actions[-1].target == "cod"
    click(view.target_widget("agree"))
    assert actions[-1].kind is ActionKind.TOGGLE and actions[-1].value == "on"
    click(view.target_widget("next"))
    assert dict(actions[-1].fields) == {"pay-by": "cod", "agree": "on"}
    click(view.target_widget("agree"))
    assert actions[-1].value == "off"


def test_qr_code_is_a_real_code_drawn_black_on_white(qtbot, look):
    import qrcode

    data = "https://shop.example.invalid/machi-mart"
    code = qrcode.QRCode(border=4)
    code.add_data(data)
    code.make(fit=True)
    assert [list(r) for r in qr_matrix(data)] == [[bool(c) for c in row] for row in code.get_matrix()]
    widget, _ = make(qtbot, look, "qr", None, data=data, label=T("まちマート"))
    image = widget.code.grab().toImage()
    modules = len(qr_matrix(data))
    module = image.width() / modules
    # the top-left finder pattern starts after the 4-module quiet zone
    inside = image.pixelColor(int(module * 4.5), int(module * 4.5))
    quiet = image.pixelColor(int(module * 1.5), int(module * 1.5))
    assert inside == QColor("#000000") and quiet == QColor("#ffffff")


def test_camera_scans_once_when_the_code_is_inside_the_frame(qtbot, look):
    data = "https://shop.example.invalid/machi-mart"
    widget, actions = make(qtbot, look, "camera", "camera",
                           target=MappingProxyType({"data": data, "label": T("まちマート")}))
    finder = widget.viewfinder
    assert not finder.scanned
    click(widget.arrows["left"])
    assert actions == [] and not finder.frame_rect().contains(finder.code_rect())
    start = finder.code_rect().center().toPoint()
    end = finder.frame_rect().center().toPoint()
    drag(finder, start, end)
    assert finder.scanned
    assert [(a.kind, a.value) for a in actions] == [(ActionKind.SCAN, data)]
    drag(finder, end, start)
    drag(finder, start, end)
    assert len(actions) == 1, "scanned once"
    assert widget.status.text() == look.tr("camera.scanned")


def test_camera_keyboard_path(qtbot, look):
    widget, actions = make(qtbot, look, "camera", "camera", target=MappingProxyType({"data": "x"}))
    finder = widget.viewfinder
    finder.setFocus()
    for key in (Qt.Key.Key_Left,) * 4 + (Qt.Key.Key_Up,) * 4:
        QTest.keyClick(finder, key)
    assert finder.scanned and actions[-1].kind is ActionKind.SCAN


def test_card_is_placed_by_drag_or_button_and_a_click_is_a_tap(qtbot, look):
    widget, actions = make(qtbot, look, "card", "my-card", label=T("マイナンバーカード（見本）"), card="mynumber")
    table, card = widget.table, widget.table.card
    click(card)
    assert actions[-1].kind is ActionKind.TAP
    drag(card, card.rect().center(), card.rect().center() + QPoint(0, 5))  # a wobble is not a drop
    drag(card, card.rect().center(), card.mapFromParent(table.reader_rect().center()))
    assert actions[-1].kind is ActionKind.PLACE and actions[-1].target == "my-card"
    assert table.placed and table.reader_rect().contains(card.geometry().center())
    other, more = make(qtbot, look, "card", "c2", label=T("カード"), card="credit")
    click(other.place_button)
    assert more[-1].kind is ActionKind.PLACE


def test_speaker_says_suggestions_and_typed_phrases(qtbot, look):
    widget, actions = make(qtbot, look, "speaker", "speaker", light="listening", heard=T("今日の天気は？"),
                           answer=T("晴れです"), suggestions=(T("今日の天気は？"), T("今日は何日？")))
    click(widget.suggestions[1])
    assert actions[-1].kind is ActionKind.SAY and actions[-1].value == "今日は何日？"
    widget.entry.setFocus()
    type_text(widget.entry, "アラーム止めて")
    click(widget.say_button)
    assert actions[-1].value == "アラーム止めて"
    click(widget.button)
    assert actions[-1].kind is ActionKind.TAP and actions[-1].target == "speaker"
    assert widget.light_text.text() == look.tr("speaker.light.listening")


@pytest.mark.parametrize("light", ["off", "listening", "thinking", "muted", "notification", "speaking", "call",
                                   "alarm"])
def test_speaker_light_meaning_is_written_not_only_coloured(qtbot, look, light):
    widget, _ = make(qtbot, look, "speaker", "speaker", light=light)
    assert widget.light_text.text() == look.tr(f"speaker.light.{light}")
    assert widget.ring.accessibleName() == widget.light_text.text()
    widget.hide()
    assert widget.ring._timer is None or not widget.ring._timer.isActive(), "nothing animates unseen"


@pytest.mark.parametrize("light", ["listening", "muted", "call"])
def test_a_quiz_on_the_light_names_only_its_colour(qtbot, look, light):
    """``meaning: false``: the words (and the ring's accessible name) give the colour, not the answer."""
    widget, _ = make(qtbot, look, "speaker", "speaker", light=light, meaning=False)
    meaning = look.tr(f"speaker.light.{light}")
    assert widget.light_text.text() == look.tr(f"speaker.colour.{light}")
    assert widget.light_text.text() != meaning
    assert widget.ring.accessibleName() == widget.light_text.text()
    # The colour's words are the start of the meaning's: the same light, without what it means.
    assert meaning.startswith(widget.light_text.text())


@pytest.mark.parametrize("theme", ["standard", "high-contrast"])
def test_speaker_call_light_is_green_as_on_real_speakers(qtbot, make_look, theme):
    """A call or a drop-in lights the ring green, not the blue of listening."""
    look = make_look(theme=theme)
    widget, _ = make(qtbot, look, "speaker", "speaker", light="call")
    image = widget.ring.grab().toImage()
    ring = image.pixelColor(image.width() // 2, round(image.height() * 0.13))  # on the ring, top middle
    assert ring.green() > ring.red() + 60 and ring.green() > ring.blue() + 40, ring.name()
    assert "緑" in widget.light_text.text()


def test_message_links_show_the_whole_address(qtbot, look):
    url = "http://parcel-check.example.invalid/a1b2c3d4e5f6g7h8"
    links = (MappingProxyType({"id": "link", "url": url}),)
    widget, actions = make(qtbot, look, "message", "sms", **{"from": "090-0000-1234"}, text=T("お荷物の…"),
                           links=links)
    widget.resize(260, 700)
    settle()
    assert widget.links["link"].text() == url and widget.links["link"].text_fits()
    click(widget.links["link"])
    assert actions[-1].kind is ActionKind.TAP and actions[-1].target == "link"
    widget.links["link"].setFocus()
    QTest.keyClick(widget.links["link"], Qt.Key.Key_Menu)
    assert actions[-1].kind is ActionKind.LONG_PRESS
    widget.bubble.setFocus()
    QTest.keyClick(widget.bubble, Qt.Key.Key_Return)
    assert actions[-1].target == "sms"


def test_dialog_buttons(qtbot, look):
    buttons = tuple(MappingProxyType({"id": i, "label": T(n)}) for i, n in (("yes", "支払う"), ("no", "やめる")))
    widget, actions = make(qtbot, look, "dialog", None, text=T("支払いますか？"), buttons=buttons)
    click(widget.buttons["no"])
    assert actions[-1].target == "no"


def test_pages_swipe_by_drag_keys_and_buttons(qtbot, look):
    pages = tuple(MappingProxyType({"text": T(t), "icon": "photo"}) for t in ("海", "山", "川"))
    widget, actions = make(qtbot, look, "pages", "photos", pages=pages, page=2)
    page = widget.page
    drag(page, page.rect().center(), page.rect().center() + QPoint(-150, 0))
    page.setFocus()
    QTest.keyClick(page, Qt.Key.Key_Right)
    click(widget.swipe_buttons["left"])
    click(page)
    assert [(a.kind, a.target, a.value) for a in actions] == [
        (ActionKind.SWIPE, "photos", "left"), (ActionKind.SWIPE, "photos", "right"),
        (ActionKind.SWIPE, "photos", "left"), (ActionKind.TAP, "photos", None)]
    assert page.accessibleName() == "山"


def test_the_screen_itself_can_be_swiped_and_arrowed(qtbot, look):
    view, actions = screen(qtbot, look, Element("text", None, MappingProxyType({"text": T("桜の写真")})))
    drag(view, QPoint(300, 20), QPoint(100, 30))
    assert actions[-1].kind is ActionKind.SWIPE and actions[-1].value == "left"
    view.setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClick(view, Qt.Key.Key_Up)
    assert actions[-1].value == "up"


def test_shop_parts(qtbot, look):
    product, actions = make(qtbot, look, "product", "tea", name=T("緑茶 2L"), price=198, **{"old-price": 300},
                            badge=T("セール"))
    click(product.card)
    assert actions[-1].kind is ActionKind.TAP and actions[-1].target == "tea"
    assert product.card.accessibleName() == product.card.text() and "198" in product.card.text()
    items = (MappingProxyType({"name": T("緑茶 2L"), "price": 198, "qty": 2}),)
    cart, _ = make(qtbot, look, "cart", None, items=items, shipping=500)
    assert cart.total == 198 * 2 + 500
    amount, _ = make(qtbot, look, "amount", None, label=T("残高"), amount=5000)
    from trainer.widgets.labels import TextBlock

    assert "5,000 円" in [b.text() for b in amount.findChildren(TextBlock)]


def test_image_alt_is_its_name_and_its_caption(qtbot, look, tmp_path):
    from PySide6.QtGui import QImage

    picture = QImage(40, 20, QImage.Format.Format_RGB32)
    picture.fill(QColor("#336699"))
    picture.save(str(tmp_path / "shop.png"))
    element = Element("image", "pic", MappingProxyType({"src": "shop.png", "alt": T("お店のレジ")}))
    widget = build_element(element, ElementContext(look, base_dir=str(tmp_path)))
    qtbot.addWidget(widget)
    widget.resize(300, 300)
    widget.show()
    actions = []
    widget.acted.connect(actions.append)
    settle()
    assert widget.picture.accessibleName() == "お店のレジ"
    click(widget.picture)
    assert actions[-1].target == "pic"


def test_schema_kinds_all_render_without_props_errors(qtbot, look):
    """Build each kind from its documented example (the docs cannot show a broken element)."""
    import textwrap

    from trainer.scenarios.loader import check_bytes

    for kind in schema.KINDS.values():
        source = textwrap.dedent(f"""\
            format: 1
            id: example
            version: 1
            title: 見本
            summary: 見本です。
            category: smartphone
            level: 1
            minutes: 1
            device: phone
            steps:
              - id: one
                say: 見本です。
                screen:
                  elements:
                    - {kind.example}
              - id: done
                finish: success
                say: おしまい。
            """)
        scenario, problems = check_bytes(source.encode(), "example.yaml")
        assert scenario is not None, (kind.name, [p.format("en") for p in problems])
        view = ScreenView(scenario.steps[0].screen, ElementContext(look))
        qtbot.addWidget(view)
        assert view.elements and not isinstance(view.elements[0], UnknownElement)


def test_a_kiosk_keeps_its_keyboard_folded_until_asked(qtbot, look):
    element = Element("input", "name", MappingProxyType({"keyboard": "text", "label": T("お名前")}))
    widget = build_element(element, ElementContext(look, device="kiosk"))
    qtbot.addWidget(widget)
    widget.show()
    assert widget.keyboard is None
    click(widget.keyboard_button)
    assert widget.keyboard is not None and widget.keyboard.isVisible()
    click(widget.keyboard.latin_button)
    click(widget.keyboard.latin.keys["a"])
    assert widget.field.text() == "a"


def test_phone_dialler_has_star_and_hash_and_a_backspace_that_clears_when_held(qtbot, look, monkeypatch):
    widget, _ = make(qtbot, look, "input", "number", keyboard="phone", label=T("電話番号"))
    pad = widget.pad
    assert pad.dialler and "clear" not in pad.keys
    for key in "#9110":
        click(pad.keys[key])
    click(pad.keys["*"])
    assert widget.field.text() == "#9110*"
    assert pad.keys["#"].text() == "＃" and pad.keys["#"].toolTip() == look.tr("pad.sharp")
    click(pad.keys["delete"])
    assert widget.field.text() == "#9110"
    clock = iter([0.0, 1000.0])
    monkeypatch.setattr(button_module, "monotonic_ms", lambda: next(clock))
    key = pad.keys["delete"]
    QTest.mousePress(key, Qt.MouseButton.LeftButton, pos=key.rect().center())
    QTest.mouseRelease(key, Qt.MouseButton.LeftButton, pos=key.rect().center())
    assert widget.field.text() == "", "holding ⌫ clears the number, as on a phone"


def test_kana_pad_has_backspace_space_and_return_like_a_phone(qtbot, look):
    widget, actions = make(qtbot, look, "input", "memo", keyboard="text", label=T("メモ"))
    kana = widget.keyboard.kana
    for name in ("delete", "space", "newline", "confirm"):
        assert kana.keys[name].isVisible(), name
    assert not widget.keyboard.edit_row.isVisible(), "the kana pad carries its own ⌫ and 空白"
    click(kana.keys["あ"])
    click(kana.keys["あ"])  # multi-tap: い
    click(kana.keys["newline"])  # 改行 settles it: the next あ is a new character
    click(kana.keys["あ"])
    assert widget.field.text() == "いあ"
    click(kana.keys["delete"])
    assert widget.field.text() == "い"
    click(kana.keys["space"])
    assert widget.field.text() == "い　"
    assert actions == []  # none of these sends anything
    assert kana.keys["space"].text() == "空白" and kana.keys["newline"].text() == "改行"
    assert kana.keys["delete"].text() == "削除"


@pytest.mark.parametrize("scale", [1.0, 3.0])
def test_flick_guide_kana_stay_at_300_percent(qtbot, make_look, scale):
    """The four kana around each key are what a flick is aimed by; a big text size keeps them."""
    look = make_look(scale=scale)
    widget, _ = make(qtbot, look, "input", "memo", keyboard="text", label=T("メモ"))
    narrowest = look.px(340) - look.px(28) - 2 * min(look.px(16), 24)  # the phone's screen at its narrowest
    kana = widget.keyboard.kana
    assert kana.minimumSizeHint().width() <= narrowest
    widget.resize(narrowest, look.px(900))
    settle()
    key = kana.keys["あ"]
    assert key.text_fits()
    assert key.guide_px() >= max(9, look.size("small") * 0.4)
    image = key.grab().toImage()
    inside = look.px(4) + max(3, look.px(3))  # past the focus ring and the border
    left = [image.pixelColor(x, y) for x in range(inside, image.width() // 4)
            for y in range(image.height() // 3, image.height() * 2 // 3)]
    assert any(c.lightness() < 90 for c in left), ("the guide kana 「い」 is drawn at the key's left")


def test_call_log_is_a_list_of_calls_that_call_back_when_tapped(qtbot, look):
    calls = tuple(MappingProxyType(c) for c in (
        {"id": "yumi", "name": T("小林 ゆみ"), "kind": "missed", "time": T("10:05")},
        {"id": "shop", "name": T("090-0000-2222"), "kind": "outgoing", "time": T("昨日")},
    ))
    widget, actions = make(qtbot, look, "call-log", None, calls=calls)
    row = widget.rows["yumi"]
    assert not row.isCheckable(), "a call is not a radio button: a tap calls back at once"
    click(row)
    assert actions[-1].kind is ActionKind.TAP and actions[-1].target == "yumi"
    assert "不在着信" in row.accessibleName() and "10:05" in row.accessibleName()
    assert "発信" in widget.rows["shop"].accessibleName()
    image = row.grab().toImage()
    reds = [image.pixelColor(x, y) for x in range(image.width() // 4, image.width() // 2)
            for y in range(image.height() // 2)]
    assert any(c.red() > 120 and c.green() < 80 for c in reds), "a missed call's name is red, as on phones"


def test_photo_camera_has_thumbnail_left_white_shutter_middle_switch_right(qtbot, look, tmp_path):
    from PySide6.QtGui import QImage

    picture = QImage(40, 30, QImage.Format.Format_RGB32)
    picture.fill(QColor("#7CB342"))
    picture.save(str(tmp_path / "view.png"))
    buttons = tuple(MappingProxyType({"id": i, "label": T(n), "kind": k}) for i, n, k in (
        ("shutter", "シャッター", "shutter"), ("thumb", "撮った写真", "thumbnail"), ("flip", "切り替え", "switch")))
    element = Element("photo-camera", None, MappingProxyType({"src": "view.png", "alt": T("庭"), "buttons": buttons}))
    widget = build_element(element, ElementContext(look, str(tmp_path)))
    qtbot.addWidget(widget)
    widget.resize(420, 600)
    widget.show()
    settle()
    actions = []
    widget.acted.connect(actions.append)
    shutter, thumb, flip = (widget.target_widget(i) for i in ("shutter", "thumb", "flip"))
    left = [b.mapTo(widget, b.rect().center()).x() for b in (thumb, shutter, flip)]
    assert left == sorted(left), "thumbnail bottom left, shutter in the middle, switch on the right"
    image = shutter.grab().toImage()
    centre = image.pixelColor(image.width() // 2, image.height() // 2)
    assert centre.lightness() > 240, "the shutter is a white circle"
    click(shutter)
    assert actions[-1].target == "shutter"
    assert shutter.accessibleName() == "シャッター"


def test_long_press_menu_opens_beside_the_held_app_and_closes_from_outside(qtbot, look):
    apps = tuple(MappingProxyType({"id": i, "label": T(n), "icon": i}) for i, n in (
        ("phone", "電話"), ("camera", "カメラ"), ("mail", "メール"), ("sun", "天気"), ("map", "地図")))
    menu = tuple(MappingProxyType({"id": i, "label": T(n)}) for i, n in (("edit", "ホーム画面を編集"),
                                                                         ("remove", "アプリを削除")))
    view, actions = screen(qtbot, look, Element("app-grid", None, MappingProxyType(
        {"apps": apps, "menu": menu, "menu-on": "sun", "menu-close": "outside"})))
    grid = view.elements[0]
    held = grid.tiles["sun"].geometry()
    popup = grid.menu.geometry()
    assert popup.top() >= held.bottom() - 1 and popup.top() - held.bottom() <= look.px(12), "right under the app"
    assert popup.left() <= held.right() and popup.right() >= held.left(), "beside it, not centred on the screen"
    assert popup.width() < view.width(), "a small menu, not a dialog across the screen"
    click(grid.menu.items["edit"])
    assert actions[-1].target == "edit"
    click(view.target_widget("outside"))
    assert actions[-1].kind is ActionKind.TAP and actions[-1].target == "outside"
    QTest.keyClick(grid.menu.items["remove"], Qt.Key.Key_Escape)
    assert actions[-1].target == "outside", "Esc closes the menu too"
