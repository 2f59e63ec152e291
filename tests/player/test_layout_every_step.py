"""Every step of every bundled scenario, in a 1280×720 and a 1920×1080 main
window, at 100, 150, 200 and 300 % text, as a learner meets it (played with
the autoplayer): what the step asks for is in view when the step appears
(at least 90 % of the widget, by ``visibleRegion`` and by every ancestor's
clip — a scroll area of the device included), no text outside its panel
and none over another, the device inside the window and in its real
proportions (±10 %), at least ``LINE_CHARS`` (10) characters of step text a line, no line of
text cut in two at the top of the device's screen; and the older checks: no text clipped, nothing
overlapping, no sideways scrolling, targets big enough, names equal to
visible text. The finish pages are looked at too.

One window per size and text size is reused for all scenarios. The colours
do not move anything: ``test_geometry_is_the_same_in_both_themes`` proves it
(every widget's rectangle, both themes, the first steps of every scenario at
300 %), so the full walk runs in the standard theme only, plus the high-contrast
theme at the tightest size (1280×720, 300 %).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QWidget

from tests.player.autoplay import settle
from tests.player.conftest import bundled, start_at
from tests.player.inspect_ui import problems
from tests.player.visibility import open_window, text_problems, walk
from trainer import fonts
from trainer.app.panel import LEAST_TEXT_SCALE, LINE_CHARS
from trainer.widgets.focus import FocusRing

SIZES = {"1280x720": (1280, 720), "1920x1080": (1920, 1080)}
SCALES = {"100%": 1.0, "150%": 1.5, "200%": 2.0, "300%": 3.0}
CASES = [pytest.param(size, scale, "standard", id=f"{size}-{name}") for size in SIZES
         for name, scale in SCALES.items()] + [pytest.param("1280x720", 3.0, "high-contrast",
                                                            id="1280x720-300%-high-contrast")]


@pytest.mark.parametrize(("size", "scale", "theme"), CASES)
def test_every_step_keeps_the_practice_in_view(qtbot, size, scale, theme):
    window = open_window(bundled(), SIZES[size], scale, theme)
    qtbot.addWidget(window)
    found: list[str] = []

    def check(window, scenario) -> None:
        step = window.player.run.current.id
        found.extend(f"{scenario.id}/{step}: {p}" for p in text_problems(window))
        found.extend(f"{scenario.id}/{step}: {p}" for p in problems(window, scale))
        panel = window.player.panel
        chars = panel.step_text.width() / panel.text_look.size("large")
        # at its least size (150 % chosen, or brought down to it) the text may not shrink further: 9.5 there
        least = LINE_CHARS - 0.5 if panel.text_look.scale <= LEAST_TEXT_SCALE else LINE_CHARS
        if chars < least:
            found.append(f"{scenario.id}/{step}: the step text holds {chars:.1f} characters a line "
                         f"(at least {least})")
        least_font = panel.look.with_(scale=min(scale, LEAST_TEXT_SCALE)).font("large")
        found.extend(f"{scenario.id}/{step}: {p}" for p in phrase_breaks(panel.step_text, least_font))

    seen = 0
    for scenario in bundled():
        for target in walk(window, scenario, check):
            seen += 1
            if not target.visible:
                found.append(f"{target.scenario}/{target.step}: {target.target} is {target.share:.0%} in view")
        for step in scenario.finishes:
            window.show_finish(step, scenario)
            settle()
            found.extend(f"{scenario.id}/{step.id}: {p}" for p in problems(window, scale))
    assert seen > 150, "every step's targets were looked at"
    assert not found, f"{len(found)} problems:\n" + "\n".join(found)


def phrase_breaks(text_widget, least_font=None) -> list[str]:
    """Lines of a step text broken inside a phrase (「マイナンバーカー / ドを」) that would fit a line whole
    at ``least_font`` (the step text's least size: there it could have been drawn unbroken)."""
    from trainer.widgets.labels import TextBlock
    from trainer.widgets.phrases import phrase_starts
    from trainer.widgets.text_layout import NO_LINE_END, NO_LINE_START, laid_out, text_size

    if not isinstance(text_widget, TextBlock):  # furigana text groups its phrases itself
        return []
    text, font, width = text_widget.text(), text_widget.font_(), text_widget.width()
    display = text.replace("\n", "")
    lines = [line for line, _ in laid_out(font, text, width)]
    # a phrase that may not begin a line (「・お届け先」) or that follows one that may not end it is
    # one unit with the phrase before (kinsoku): only the unit's edges are breaks
    starts = sorted(b for b in phrase_starts(display)
                    if display[b] not in NO_LINE_START and display[b - 1] not in NO_LINE_END)
    found, at = [], 0
    for line in lines[:-1]:
        at += len(line)
        if at in starts or display[at - 1].isspace():
            continue
        begin = max([0, *(s for s in starts if s < at)])
        end = min([len(display), *(s for s in starts if s > at)])
        phrase = display[begin:end].strip()
        if text_size(least_font or font, phrase)[0] <= width:
            found.append(f"the phrase {phrase!r} is broken at the line's end though it fits a line: {lines}")
    return found


def _geometry(window) -> list[tuple[str, tuple[int, int, int, int]]]:
    """Every visible widget's rectangle; not the focus ring, which shows only in the window that
    has the focus (one of the two compared here)."""
    player = window.player
    return [(type(w).__name__, QRect(w.mapTo(window, QPoint(0, 0)), w.size()).getRect())
            for w in player.findChildren(QWidget) if w.isVisible() and not isinstance(w, FocusRing)]


def test_geometry_is_the_same_in_both_themes(qtbot):
    windows = {theme: open_window(bundled(), (1280, 720), 3.0, theme) for theme in ("standard", "high-contrast")}
    for window in windows.values():
        qtbot.addWidget(window)
    compared = 0
    for scenario in bundled():
        for step in [s for s in scenario.steps if not s.is_finish][:3]:
            shapes = []
            for window in windows.values():
                # each window active in its turn: the focus (and what it scrolls into view) is the same in both
                window.activateWindow()
                settle()
                window.start(scenario.id, snapshot=start_at(scenario, step.id))
                settle()
                shapes.append(_geometry(window))
            assert shapes[0] == shapes[1], f"{scenario.id}/{step.id}: the theme moved something"
            compared += len(shapes[0])
    assert compared > 1000


def test_the_measure_sees_a_target_hidden_in_the_device_scroll(qtbot):
    """The visibility measure is not fooled: scroll the device's screen away from the target
    (or make the window too short) and it counts as hidden."""
    from tests.player.visibility import step_targets, visible_share

    scenario = next(s for s in bundled() if s.id == "mynaportal-login")
    window = open_window([scenario], (1280, 720), 1.0)
    qtbot.addWidget(window)
    window.start(scenario.id, snapshot=start_at(scenario, "pin"))
    settle()
    player = window.player
    [field] = step_targets(player, inputs=True)
    assert visible_share(field.widget, window) == 1.0
    bar = player.device.scroll_area.verticalScrollBar()
    # the PIN screen is drawn so that its field, keys and button fit the phone: room below it to scroll
    player.view.setMinimumHeight(player.view.height() + 2 * player.device.scroll_area.viewport().height())
    settle()
    assert bar.maximum() > 0, "the PIN screen is taller than the phone"
    bar.setValue(bar.maximum())
    settle()
    assert visible_share(field.widget, window) < 0.9, "scrolled out of the device's screen"


@pytest.mark.parametrize("theme", ["standard", "high-contrast"])
def test_a_field_and_the_button_after_it_are_in_view_together_when_they_fit(qtbot, theme):
    """charge-and-limit's amount at 1280×720 / 300 %: the phone showed the field and its keys, and
    「次へ」 half under the screen's edge (the learner meets a cut button and does not know it is one)."""
    from tests.player.visibility import step_targets, visible_share

    scenario = next(s for s in bundled() if s.id == "charge-and-limit")
    window = open_window([scenario], (1280, 720), 3.0, theme)
    qtbot.addWidget(window)
    window.start(scenario.id, snapshot=start_at(scenario, "enter-amount"))
    settle()
    player = window.player
    assert player.device.scroll_area.verticalScrollBar().maximum() > 0, "the case: the screen scrolls"
    targets = step_targets(player, inputs=True) + step_targets(player)
    assert [t.name for t in targets] == ["field amount", "tap next"]
    for target in targets:
        assert visible_share(target.widget, window) >= 0.9, f"{target.name} in view when the step appears"


def test_the_measure_sees_a_phrase_broken_where_it_would_fit(qtbot):
    """The phrase check is not fooled: a text laid out too narrow for its size breaks 「マイナンバーカードを、」."""
    from trainer.widgets.labels import TextBlock
    from trainer.widgets.look import Look

    look = Look(family=fonts.register()[0], scale=1.75)
    block = TextBlock("マイナンバーカードを、画面の右にある「カード置き場」に置きましょう。", look, role="large")
    qtbot.addWidget(block)
    size = look.size("large")
    least = look.with_(scale=LEAST_TEXT_SCALE).font("large")
    block.resize(int(size * 10.4), block.heightForWidth(int(size * 10.4)))
    assert phrase_breaks(block, least), "at 10.4 characters a line 「マイナンバーカー / ドを、」, whole at 150 %"
    assert not phrase_breaks(block), "at 175 % the phrase is wider than the line: no smaller size was asked for"
    block.resize(int(size * 11.5), block.heightForWidth(int(size * 11.5)))
    assert not phrase_breaks(block, least)


@pytest.mark.parametrize(("scenario_id", "step_id", "part"), [
    ("konbini-juminhyo", "place-card", "card-tray"), ("fake-virus-warning", "warning", "esc"),
    ("mynaportal-login", "hold-card", "phone-back")])
def test_the_measure_counts_a_part_of_the_body_and_sees_it_hidden(qtbot, scenario_id, step_id, part):
    """A body part a step asks for (a tray, a key, the phone's back) is one of its targets: seen
    when it is on screen, not seen when it is hidden or cut off by the window."""
    from tests.player.visibility import step_targets, visible_share

    scenario = next(s for s in bundled() if s.id == scenario_id)
    window = open_window([scenario], (1280, 720), 1.0)
    qtbot.addWidget(window)
    window.start(scenario.id, snapshot=start_at(scenario, step_id))
    settle()
    targets = {t.name: t.widget for t in step_targets(window.player)}
    [name] = [n for n in targets if n.endswith(f" {part}") and not n.startswith("hand ")]
    widget = targets[name]
    assert widget is window.player.device.parts[part]
    assert visible_share(widget, window) == 1.0
    widget.hide()
    assert visible_share(widget, window) == 0.0, "a hidden part is not seen"
    widget.show()
    window.player.device.move(window.player.device.x(), window.player.stage.height() - widget.mapTo(
        window.player.device, widget.rect().center()).y())
    settle()
    assert visible_share(widget, window) < 0.9, "a part pushed out of the window is not seen"


@pytest.mark.parametrize(("scenario_id", "step_id"), [("charge-and-limit", "atm-start"),
                                                      ("konbini-payment", "confirm-amount")])
@pytest.mark.parametrize("theme", ["standard", "high-contrast"])
def test_a_screen_a_little_taller_than_its_window_shows_no_line_cut_at_the_top(qtbot, scenario_id, step_id, theme):
    """The ATM's menu and the till's amount at 1280×720 / 300 %, started at the step (as `trainer
    shots` shows it): the target is in view and no line of text is cut in two at the screen's top
    edge (they were: 「取引を選んでください」 and 「お支払い金額」 showed their lower half)."""
    from tests.player.visibility import cut_at_top, step_targets, visible_share

    scenario = next(s for s in bundled() if s.id == scenario_id)
    window = open_window([scenario], (1280, 720), 3.0, theme)
    qtbot.addWidget(window)
    window.start(scenario.id, snapshot=start_at(scenario, step_id))
    settle()
    device = window.player.device
    assert device.scroll_area.verticalScrollBar().value() > 0, "the screen is taller than its window"
    assert cut_at_top(device) == []
    assert all(visible_share(t.widget, window) >= 0.9 for t in step_targets(window.player))


def test_the_measure_sees_a_line_cut_at_the_top_of_the_screen(qtbot):
    """The cut-line measure is not fooled: scroll the screen to the middle of its first line of
    text and it is reported; scroll it back to the top and it is not."""
    from tests.player.visibility import cut_at_top
    from trainer.widgets.labels import TextBlock

    scenario = next(s for s in bundled() if s.id == "charge-and-limit")
    window = open_window([scenario], (1280, 720), 3.0)
    qtbot.addWidget(window)
    window.start(scenario.id, snapshot=start_at(scenario, "atm-start"))
    settle()
    device = window.player.device
    view = device.scroll_area.widget()
    first = min((w for w in view.findChildren(TextBlock) if w.isVisibleTo(view)),
                key=lambda w: w.mapTo(view, QPoint(0, 0)).y())
    top = first.mapTo(view, QPoint(0, 0)).y()
    bar = device.scroll_area.verticalScrollBar()
    bar.setValue(top + first.height() // 2)
    settle()
    assert bar.value() == top + first.height() // 2
    assert len(cut_at_top(device)) == 1, "half of the first line shows"
    bar.setValue(0)
    settle()
    assert cut_at_top(device) == [], "the first line wholly below the edge"
