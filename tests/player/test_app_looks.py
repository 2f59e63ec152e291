"""Each mock app has its own look (header, button colours and shape), every
text pair of it is readable, and high contrast keeps its 7:1 palette."""

from __future__ import annotations

from types import MappingProxyType

import pytest

from tests.player.autoplay import settle
from trainer.scenarios.elements import APP_LOOKS
from trainer.scenarios.model import Element, Screen, Text
from trainer.widgets.app_looks import APP_COLOURS, TEXT_PAIRS, app_look, app_theme
from trainer.widgets.base import ElementContext
from trainer.widgets.button import button_radius
from trainer.widgets.devices import make_device
from trainer.widgets.screen_view import ScreenView
from trainer.widgets.theme import HIGH_CONTRAST, STANDARD, UI_CONTRAST, contrast


def test_every_app_look_named_by_the_schema_is_drawn():
    assert set(APP_COLOURS) == set(APP_LOOKS)


@pytest.mark.parametrize("app", sorted(APP_LOOKS))
def test_app_look_text_pairs_reach_4_5_and_borders_3(app):
    theme = app_theme(STANDARD, app)
    assert theme.level == STANDARD.level
    low = [(name, round(contrast(fg, bg), 2)) for name, fg, bg in theme.text_pairs() if contrast(fg, bg) < 4.5]
    assert not low, low
    low_ui = [(name, round(contrast(fg, bg), 2)) for name, fg, bg in theme.ui_pairs() if contrast(fg, bg) < UI_CONTRAST]
    assert not low_ui, low_ui
    for fg, bg in TEXT_PAIRS:
        assert contrast(getattr(theme, fg), getattr(theme, bg)) >= 4.5, (app, fg, bg)


@pytest.mark.parametrize("app", sorted(APP_LOOKS))
def test_high_contrast_keeps_its_palette_and_takes_only_the_shape(app):
    theme = app_theme(HIGH_CONTRAST, app)
    assert theme.colours() == HIGH_CONTRAST.colours()
    assert theme.button_shape == APP_COLOURS[app]["button_shape"]


def test_apps_do_not_all_look_alike():
    headers = {APP_COLOURS[a]["header"] for a in APP_COLOURS}
    shapes = {APP_COLOURS[a]["button_shape"] for a in APP_COLOURS}
    assert len(headers) == len(APP_COLOURS) and shapes == {"pill", "rounded", "square"}


def test_button_shapes(make_look):
    look = make_look()
    assert button_radius(app_look(look, "shop"), 60) == 30  # a pill
    assert button_radius(app_look(look, "government"), 60) < button_radius(look, 60)


def _button(i: str, label: str, style: str | None = None) -> Element:
    props = {"label": Text(MappingProxyType({"ja": label}))}
    if style:
        props["style"] = style
    return Element("button", i, MappingProxyType(props))


@pytest.mark.parametrize("theme", ["standard", "high-contrast"])
def test_the_phone_draws_the_apps_header_and_buttons(qtbot, make_look, theme):
    look = make_look(theme=theme)
    screen = Screen(title=Text(MappingProxyType({"ja": "ペイ"})), elements=(_button("pay", "支払う", "primary"),
                                                                          _button("scan", "スキャン")), app="pay")
    frame = make_device("phone", look)
    qtbot.addWidget(frame)
    view = ScreenView(screen, ElementContext(look))
    frame.show_screen(screen, view)
    frame.resize(430, 860)
    frame.show()
    settle()
    header = frame.header.grab().toImage()
    colour = header.pixelColor(3, 3).name().upper()
    expected = (app_theme(look.theme, "pay").header).upper()
    assert colour == expected
    button = view.target_widget("pay")
    assert button.look.theme.primary == app_theme(look.theme, "pay").primary
    if theme == "standard":
        assert colour == APP_COLOURS["pay"]["header"].upper()
    plain = ScreenView(Screen(elements=(_button("x", "次へ"),)), ElementContext(look))
    qtbot.addWidget(plain)
    frame.show_screen(plain.screen_model, plain)
    settle()
    assert frame.header.isHidden(), "a screen without a title has no title bar"


def test_a_web_page_of_an_app_shows_its_site_header(qtbot, make_look):
    look = make_look()
    screen = Screen(title=Text(MappingProxyType({"ja": "まちマート"})), elements=(_button("go", "検索"),), app="shop")
    view = ScreenView(screen, ElementContext(look, device="browser"))
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.show()
    settle()
    assert view.site_header is not None and view.site_header.text() == "まちマート"
    image = view.site_header.grab().toImage()
    assert image.pixelColor(image.width() // 2, 3).name().upper() == APP_COLOURS["shop"]["header"].upper()
    phone = ScreenView(screen, ElementContext(look, device="phone"))
    qtbot.addWidget(phone)
    assert phone.site_header is None, "on a phone the app's header is the phone's title bar"
