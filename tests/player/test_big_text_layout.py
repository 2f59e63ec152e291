"""The player at big text sizes, as a learner of 80 meets it (see docs/decisions/player.md,
"The column at 300 %"): the instruction beside a landscape device holds a readable line, the
control bar's words grow with the chosen size and still fit, and a phone's on-screen keyboard
spans the phone's screen edge to edge."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect

from tests.player.autoplay import settle
from tests.player.conftest import bundled, start_at, window_at
from tests.player.visibility import open_window, visible_share
from trainer.widgets.text_layout import text_size


def _at_step(qtbot, size, scale, scenario_id, step_id):
    scenario = next(s for s in bundled() if s.id == scenario_id)
    window = open_window([scenario], size, scale)
    qtbot.addWidget(window)
    window.start(scenario.id, snapshot=start_at(scenario, step_id, with_path=True))
    settle()
    return window, window.player


def _characters_per_line(player) -> float:
    text = player.panel.step_text
    return text.width() / player.panel.text_look.size("large")


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)], ids=["1280x720", "1920x1080"])
def test_beside_a_kiosk_at_300_a_line_holds_ten_characters(qtbot, size):
    _, player = _at_step(qtbot, size, 3.0, "konbini-juminhyo", "place-card")
    assert player.device.name == "kiosk"
    assert _characters_per_line(player) >= 10, "before: 5.1, then 6.1 beside the kiosk at 1280×720"
    frame = player.device.geometry()
    assert player.stage.rect().contains(frame), "the device is whole on its stage"
    assert type(player.device).content_scale(frame.size(), 3.0) >= 1.0, "the kiosk's own text stays readable"


@pytest.mark.parametrize(("size", "scenario", "step", "least"), [
    ((1280, 720), "konbini-juminhyo", "place-card", 1.25),
    ((1920, 1080), "konbini-juminhyo", "place-card", 2.0),
    ((1280, 720), "typing-flick", "tap-a", 1.25),
    ((1920, 1080), "typing-flick", "tap-a", 1.5),
], ids=["kiosk-1280x720", "kiosk-1920x1080", "phone-1280x720", "phone-1920x1080"])
def test_the_control_bar_grows_with_the_chosen_size_and_fits(qtbot, size, scenario, step, least):
    window, player = _at_step(qtbot, size, 3.0, scenario, step)
    bar = player.controls
    assert bar.look.scale >= least, f"the bar's words at {bar.look.scale:.0%} (they were 100 % at 300 %)"
    for button in bar.buttons():
        if button.isVisible():
            assert visible_share(button, window) >= 0.99, button.text()
            assert button.heightForWidth(button.width()) <= button.height(), f"{button.text()} on one line"
    if player.device.aspect >= 1:  # a landscape device: the bar runs along the bottom, one row
        assert len({b.y() for b in bar.buttons() if b.isVisible()}) == 1
        assert bar.width() == player._root.width()


def test_the_bar_beside_a_phone_shares_its_buttons_out_evenly(qtbot):
    _, player = _at_step(qtbot, (1280, 720), 1.0, "typing-flick", "tap-a")
    rows: dict[int, int] = {}
    for button in player.controls.buttons():
        if button.isVisible():
            rows[button.y()] = rows.get(button.y(), 0) + 1
    counts = sorted(rows.values(), reverse=True)
    assert counts[0] - counts[-1] <= 1, f"rows of {counts} (never 4 + 1)"


@pytest.mark.parametrize("scale", [1.0, 3.0], ids=["100%", "300%"])
def test_a_phone_keyboard_runs_edge_to_edge(qtbot, scale):
    _, player = _at_step(qtbot, (1280, 720), scale, "typing-flick", "tap-a")
    view = player.view
    field = view.target_widget("memo") or view.elements[0]
    keyboard = next(w.keyboard for w in view.elements if getattr(w, "keyboard", None) is not None)
    assert keyboard.isVisible()
    screen = player.device.scroll_area  # the keyboard is fixed under the scrolling screen, as wide as it
    keys = QRect(keyboard.mapTo(player.device, QPoint(0, 0)), keyboard.size())
    room = QRect(screen.mapTo(player.device, QPoint(0, 0)), screen.size())
    element = view.element_of(field)
    inset = QRect(element.mapTo(player.device, QPoint(0, 0)), element.size())
    assert keys.left() <= room.left() + 4 and keys.right() >= room.right() - 4, f"{keys.getRect()} in {room.getRect()}"
    assert keys.top() >= room.bottom(), "under the screen that scrolls, not in it"
    assert inset.left() > keys.left(), "the other elements keep their margin"
    assert view.element_of(keyboard.kana) is element, "the keys still belong to their field"
    assert keyboard not in view.whole_of(field), "always in view: not scrolled to"


@pytest.mark.parametrize(("scenario", "step"), [("fake-virus-warning", "browsing"), ("konbini-juminhyo", "place-card"),
                                                ("scan-to-pay", None)], ids=["browser", "kiosk", "till"])
def test_the_bar_row_never_draws_the_device_text_below_100_percent(qtbot, scenario, step):
    found = next(s for s in bundled() if s.id == scenario)
    step = step or next(s.id for s in found.steps if s.device == "till")
    _, player = _at_step(qtbot, (1280, 720), 3.0, scenario, step)
    row = player.controls.width() == player._root.width()
    if row:
        assert player.device_look.scale >= 1.0, "the bar's row took the device's height"
    else:  # the bar under the column: the device has the whole height
        assert player.stage.height() == player._root.height()


@pytest.mark.parametrize(("scenario", "step"), [("konbini-juminhyo", "place-card"), ("charge-and-limit", "atm-start"),
                                                ("konbini-payment", "confirm-amount"), ("fake-virus-warning", "warning")],
                         ids=["kiosk", "atm", "till", "pc"])
@pytest.mark.parametrize("scale", [2.0, 2.5, 3.0], ids=["200%", "250%", "300%"])
def test_beside_a_machine_the_step_text_is_as_large_as_ten_characters_a_line_allow(qtbot, scenario, step, scale):
    """At 1280×720 the column beside a landscape machine held about 6 characters of 300 % text (phrase
    breaks left 「次は」 alone on a line): the step text is drawn at the largest size up to the chosen
    one that gives 10, never below 150 %, and the machine keeps its size and its own text."""
    from trainer.app.panel import LEAST_TEXT_SCALE, LINE_CHARS

    _, player = _at_step(qtbot, (1280, 720), scale, scenario, step)
    assert player.device.aspect >= 1
    panel = player.panel
    line_scale = panel.line_look.scale
    assert LEAST_TEXT_SCALE <= panel.text_look.scale <= line_scale <= scale
    assert _characters_per_line(player) >= LINE_CHARS
    if line_scale < scale:  # one step larger would not give the line
        larger = player.look.with_(scale=line_scale + 0.25).size("large")
        assert panel.step_text.width() < LINE_CHARS * larger + 60
    # the text itself: the largest of those sizes that breaks no phrase and needs no scrolling
    assert panel.text_look == panel.look_for(player.step_text(player.step), player.step.only_explains)
    assert player.device_look.scale >= 1.0 or player.device.name == "browser"


def test_where_the_line_is_long_enough_the_step_text_keeps_the_chosen_size(qtbot):
    _, player = _at_step(qtbot, (1920, 1080), 3.0, "konbini-juminhyo", "place-card")
    assert player.panel.line_look.scale == 3.0
    _, player = _at_step(qtbot, (1920, 1080), 3.0, "konbini-juminhyo", "where-from")
    assert player.panel.text_look.scale == 3.0, "a text that fits its card at the chosen size keeps it"
    assert player.panel.step_text.font_().pixelSize() == player.look.size("large")



@pytest.mark.parametrize(("scenario", "step"), [("charge-and-limit", "enter-amount"), ("konbini-juminhyo", "place-card"),
                                                ("clinic-card-reader", "face-again")],
                         ids=["phone", "kiosk", "reader"])
@pytest.mark.parametrize("theme", ["standard", "high-contrast"])
def test_the_step_text_is_whole_in_its_card_and_breaks_no_phrase_where_a_size_allows(qtbot, scenario, step, theme):
    """At 1280×720 / 300 % the step text ran on below its card (the phone's step 3: 「入れる金額を / 決めます。
    「3000」と / 入れて「次へ」を」 and the rest scrolled) and broke 「マイナンバーカー / ドを」 and
    「確認できませんでし / た」: it is drawn at the largest size (down to 150 %) at which it is whole and
    unbroken — 10 characters a line or more, as before."""
    from trainer.app.panel import LEAST_TEXT_SCALE, LINE_CHARS
    from trainer.widgets.phrases import phrase_starts
    from trainer.widgets.text_layout import laid_out

    _, player = window_at(qtbot, scenario, step, theme=theme)
    panel = player.panel
    assert LEAST_TEXT_SCALE <= panel.text_look.scale <= panel.line_look.scale
    assert _characters_per_line(player) >= LINE_CHARS
    assert panel.scroll_area.verticalScrollBar().maximum() == 0, "the whole instruction is in view"
    text = panel.step_text.text()
    lines = [line for line, _ in laid_out(panel.step_text.font_(), text, panel.step_text.width())]
    starts, at = phrase_starts(text), 0
    for line in lines[:-1]:
        at += len(line)
        assert at in starts, f"a line ends inside a phrase: {lines}"
    if panel.text_look.scale < panel.line_look.scale:  # one step larger would scroll or break a phrase
        larger = player.look.with_(scale=panel.text_look.scale + 0.25)
        assert panel.look_for(player.step_text(player.step)) != larger


@pytest.mark.parametrize("theme", ["standard", "high-contrast"])
def test_the_praise_beside_a_machine_holds_a_readable_line(qtbot, theme):
    """After a right action beside the kiosk at 1280×720 / 300 % the praise box held 4.8 characters a line
    beside its star and padding: it is drawn at the largest size that gives ``FEEDBACK_CHARS``."""
    from tests.player.autoplay import perform
    from trainer.app.panel import FEEDBACK_CHARS, LEAST_TEXT_SCALE

    window, player = window_at(qtbot, "konbini-juminhyo", "where-from", theme=theme)
    perform(player, player.step.expect[0])
    settle()
    feedback = player.panel.feedback
    assert feedback.isVisible() and feedback.text(), "the praise is shown"
    look = feedback._look
    assert LEAST_TEXT_SCALE <= look.scale <= player.look.scale
    line = feedback.width() - feedback._chrome()
    assert line >= FEEDBACK_CHARS * look.size("body"), f"{line / look.size('body'):.1f} characters a line"
    assert feedback.heightForWidth(feedback.width()) <= feedback.height() + 1, "the praise is not clipped"
    assert visible_share(feedback, window) >= 0.9, "and in view"


@pytest.mark.parametrize(("scenario", "step", "theme"), [
    ("speaker-call-family", "call", "standard"),
    ("speaker-call-family", "drop-in", "high-contrast"),
    ("speaker-timer-alarm", "ringing", "standard"),
    ("speaker-first-words", "lights", "standard"),
])
def test_the_speakers_ring_is_whole_beside_the_step_at_300_on_a_small_screen(qtbot, scenario, step, theme):
    """The ring is what the step talks about (「光が緑になりました」「赤く光っているのは」): at 300 % on
    1280×720 it is whole in view with the thing to press, not cut by the screen's top edge (it was
    70 % in view, the suggestion scrolled to; 0 % in the quiz, scrolled to the choices)."""
    from trainer.widgets.elements.speaker import SpeakerElement

    scenario_model = next(s for s in bundled() if s.id == scenario)
    window = open_window([scenario_model], (1280, 720), 3.0, theme=theme)
    qtbot.addWidget(window)
    window.start(scenario, snapshot=start_at(scenario_model, step, with_path=True))
    settle()
    speaker = window.player.device.findChild(SpeakerElement)
    assert speaker is not None
    assert visible_share(speaker.ring, window) >= 0.9, "the light ring is in view"
    assert speaker.side_by_side, "a wide, short screen holds the talk beside the ring"
    view = window.player.view
    for target in view.step_targets(window.player.step) or [speaker.button]:
        assert visible_share(target, window) >= 0.9, f"{type(target).__name__} is in view with the ring"


@pytest.mark.parametrize(("size", "scale"), [((1920, 1080), 1.5), ((1280, 720), 1.0), ((1280, 720), 3.0)],
                         ids=["1920x1080-150", "1280x720-100", "1280x720-300"])
def test_next_follows_the_step_card_it_belongs_to(qtbot, size, scale):
    """「次へ」 is right under the text it follows, not at the bottom of a tall column (at 1920×1080
    and 150 % it stood ~470 px below the card, just above the control bar)."""
    window, player = _at_step(qtbot, size, scale, "bank-phishing-mail", "all-fine")
    panel = player.panel
    button = panel.next_button
    assert button.isVisible()
    card_bottom = panel.card.mapTo(window, panel.card.card_rect().bottomLeft().toPoint()).y()
    top = button.mapTo(window, QPoint(0, 0)).y()
    assert 0 <= top - card_bottom <= 2 * panel._column.spacing() + 2, f"「次へ」 {top - card_bottom} px under the card"
    assert visible_share(button, window) >= 0.99


def test_a_kiosk_tile_is_never_broken_inside_a_word_at_300(qtbot):
    """「行政サービス」 was drawn 「行政サー / ビス」 in three columns of 120 px tiles beside the step at
    1280×720 / 300 %: the menu takes fewer columns, and every tile stays in view."""
    window, player = _at_step(qtbot, (1280, 720), 3.0, "konbini-juminhyo", "menu")
    from trainer.widgets.elements.tiles import MenuTilesElement

    menu = player.device.findChild(MenuTilesElement)
    for tile_id, tile in menu.tiles.items():
        assert tile.heightForWidth(tile.width()) == tile.heightForWidth(10_000), f"{tile_id} on one line"
        assert visible_share(tile, window) >= 0.9, f"{tile_id} in view"


def test_a_history_row_keeps_its_name_whole_beside_or_above_its_amount(qtbot):
    """The receipt's rows wrapped 「チャージ（まちの / 銀行）」 in a narrow column beside the amount at
    1280×720 / 300 %: a name that does not fit beside its amount gets the row's width, the amount under it."""
    _, player = _at_step(qtbot, (1280, 720), 3.0, "charge-and-limit", "history")
    from tests.player.test_layout_every_step import phrase_breaks
    from trainer.widgets.elements.shop import _MoneyRow

    rows = player.device.findChildren(_MoneyRow)
    assert len(rows) == 3
    for row in rows:
        name = row.name
        if name.heightForWidth(name.width()) != name.heightForWidth(10_000):
            # the phone's text is large enough (9–10 characters a line) that a long name needs two
            # lines even across the row: then it has the row's whole width and breaks between words
            assert name.width() == row.width(), f"{name.text()} has the row's width"
            assert text_size(name.font_(), name.text())[0] > row.width(), f"{name.text()} is longer than the row"
            assert not phrase_breaks(name), f"{name.text()} is broken between its words"
        assert row.amount.geometry().right() <= row.width(), "the amount is whole"
