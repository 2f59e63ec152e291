"""The element kinds the catalogue added: a call screen (``call``), a card
lying on the reader (``placed-card``) and the clerk-facing confirmation
(``clerk-view``). Each has one schema entry and one widget; these tests
check the widget's actions, its value, its size at 300% and how the
runner judges the scenario step that uses it.
"""

from __future__ import annotations

import textwrap

import pytest

pytest.importorskip("PySide6")

import trainer.widgets  # noqa: F401  (applies the PySide6 reference-count fix first)
from trainer.scenarios.actions import Action, ActionKind
from trainer.scenarios.loader import check_bytes
from trainer.scenarios.runner import Run
from trainer.widgets.base import ElementContext
from trainer.widgets.look import Look, pick_family
from trainer.widgets.registry import missing_widgets, widget_class
from trainer.widgets.theme import THEMES

from .catalogue import catalogue

HEAD = """\
format: 1
id: t
version: 1
title: t
summary: t
category: smartphone
level: 1
minutes: 1
device: phone
steps:
  - id: s
    say: s
    screen:
      elements:
{elements}
    expect: {expect}
  - id: done
    finish: success
    say: d
"""


def scenario_with(elements: str, expect: str):
    text = HEAD.format(elements=textwrap.indent(textwrap.dedent(elements).strip(), " " * 8), expect=expect)
    scenario, problems = check_bytes(text.encode("utf-8"), "t.yaml")
    assert scenario is not None, [p.format("en") for p in problems]
    return scenario


def build(qtbot, element, scale: float = 1.0, theme: str = "standard", lang: str = "ja"):
    look = Look(theme=THEMES[theme], scale=scale, family=pick_family(), lang=lang)
    widget = widget_class(element.type)(element, ElementContext(look))
    qtbot.addWidget(widget)
    widget.show()
    fit(widget, 360)
    return widget


def fit(widget, width: int) -> None:
    """Give ``widget`` ``width`` and the height it asks for at that width."""
    height = widget.heightForWidth(width) if widget.hasHeightForWidth() else -1
    widget.resize(width, max(height, widget.sizeHint().height()))
    widget.layout().activate()


def actions_of(widget) -> list[Action]:
    seen: list[Action] = []
    widget.acted.connect(seen.append)
    return seen


def test_every_new_kind_has_a_widget():
    assert not missing_widgets()
    for kind in ("call", "placed-card", "clerk-view"):
        assert widget_class(kind) is not None, kind


def test_new_kinds_are_used_by_the_catalogue():
    scenarios, _ = catalogue()
    used = {e.type for s in scenarios for step in s.steps for e in step.screen.elements}
    # placed-card stays for packs; the bundled card readers now use the devices' card trays
    assert {"call", "clerk-view", "menu-tiles"} <= used


# -- call ---------------------------------------------------------------------

CALL = """
- type: call
  caller: 番号非通知
  state: incoming
  buttons:
    - {id: decline, label: 拒否, kind: decline}
    - {id: answer, label: 応答, kind: answer}
"""


def test_call_buttons_send_taps_with_their_ids(qtbot):
    scenario = scenario_with(CALL, "{tap: answer}")
    element = scenario.steps[0].screen.elements[0]
    widget = build(qtbot, element)
    seen = actions_of(widget)
    widget.target_widget("answer").click()
    widget.target_widget("decline").click()
    assert [(a.kind, a.target) for a in seen] == [(ActionKind.TAP, "answer"), (ActionKind.TAP, "decline")]
    assert widget.caller.text() == "番号非通知"
    assert widget.target_widget("nothing") is None


def test_call_screen_fits_at_300_percent_in_both_themes(qtbot):
    scenario = scenario_with(CALL.replace("state: incoming", "state: talking\n  time: \"1:24\""), "{tap: answer}")
    element = scenario.steps[0].screen.elements[0]
    for theme in ("standard", "high-contrast"):
        widget = build(qtbot, element, scale=3.0, theme=theme)
        fit(widget, 420)
        for button in widget.buttons.values():
            assert button.height() >= button.heightForWidth(button.width())
            assert button.width() >= button.minimumSizeHint().width()
        grab = widget.grab()
        assert not grab.isNull()


def test_runner_answers_the_call():
    scenario = scenario_with(CALL, "{tap: answer}")
    run = Run(scenario)
    run.start()
    assert run.judge(Action.tap("decline")).next_step is None
    assert run.judge(Action.tap("answer")).finished


# -- placed-card ----------------------------------------------------------------

PLACED = "- {type: placed-card, id: on-reader, card: mynumber, label: マイナンバーカード}"


def test_placed_card_take_button_and_card_send_tap(qtbot):
    scenario = scenario_with(PLACED, "{tap: on-reader}")
    widget = build(qtbot, scenario.steps[0].screen.elements[0])
    seen = actions_of(widget)
    widget.target_widget("on-reader").click()
    from PySide6.QtCore import Qt

    qtbot.mouseClick(widget.picture, Qt.MouseButton.LeftButton)
    assert [(a.kind, a.target) for a in seen] == [(ActionKind.TAP, "on-reader")] * 2
    assert widget.take_button.text() == "カードを取る"


def test_placed_card_labels_follow_the_language(qtbot):
    scenario = scenario_with(PLACED, "{tap: on-reader}")
    widget = build(qtbot, scenario.steps[0].screen.elements[0], lang="en")
    assert widget.take_button.text() == "Take the card"


# -- clerk-view -------------------------------------------------------------------

CLERK = """
- {type: clerk-view, id: clerk, shop: まちマート, amount: 580, says: 580円ですね}
- {type: button, id: pay, label: 支払う}
"""
CLERK_EXPECT = '{tap: pay, with: {clerk: [checked, ""]}}'


def test_clerk_view_turns_and_is_checked_without_sending_an_action(qtbot):
    scenario = scenario_with(CLERK, CLERK_EXPECT)
    widget = build(qtbot, scenario.steps[0].screen.elements[0])
    seen = actions_of(widget)
    assert widget.field_values() == {"clerk": "waiting"}
    assert not widget.answer.isVisibleTo(widget)
    widget.turn_button.click()
    assert widget.panel.turned and widget.answer.isVisibleTo(widget)
    assert "580円ですね" in widget.answer.text()
    assert widget.field_values() == {"clerk": "checked"}
    widget.turn_button.click()  # turned back: the clerk has still seen it
    assert not widget.panel.turned
    assert widget.field_values() == {"clerk": "checked"}
    assert seen == []
    assert widget.target_widget("clerk") is widget.turn_button


def test_clerk_view_fits_at_300_percent(qtbot):
    scenario = scenario_with(CLERK, CLERK_EXPECT)
    widget = build(qtbot, scenario.steps[0].screen.elements[0], scale=3.0)
    widget.turn_button.click()
    fit(widget, 420)
    assert widget.panel.height() >= widget.panel.heightForWidth(widget.panel.width())
    assert widget.turn_button.height() >= widget.turn_button.heightForWidth(widget.turn_button.width())


def test_scan_to_pay_catches_paying_before_the_clerk_checks():
    scenarios, _ = catalogue()
    scenario = next(s for s in scenarios if s.id == "scan-to-pay")
    step = scenario.step("confirm")
    run = Run(scenario)
    run._enter(step)  # straight to the confirmation
    early = run.judge(Action.tap("pay", clerk="waiting"))
    assert early.mistake_id == "paid-too-early"
    assert run.judge(Action.tap("pay", clerk="checked")).next_step.id == "paid"


def test_placed_card_fits_at_300_percent(qtbot):
    scenario = scenario_with(PLACED, "{tap: on-reader}")
    widget = build(qtbot, scenario.steps[0].screen.elements[0], scale=3.0)
    fit(widget, 420)
    assert widget.reader.height() >= widget.reader.heightForWidth(widget.reader.width())
    assert widget.reader.reader_rect().right() <= widget.reader.width()
    assert widget.take_button.height() >= widget.take_button.heightForWidth(widget.take_button.width())


# -- message sender in words ------------------------------------------------------


def _texts_in(widget) -> list[str]:
    from trainer.widgets.labels import TextBlock

    return [block.accessibleName() for block in widget.findChildren(TextBlock)]


def test_message_sender_in_words_is_translated_and_the_number_is_the_fallback(qtbot):
    scenario = scenario_with("""
        - {type: message, from: "非通知", sender: {ja: 市役所の人？, en: “City office”?}, text: {ja: こんにちは, en: Hello}}
        - {type: message, id: plain, from: "090-0000-1234", text: {ja: こんにちは, en: Hello}}
        - {type: button, id: ok, label: OK}
    """, "{tap: ok}")
    worded, numbered = scenario.steps[0].screen.elements[:2]
    assert any("“City office”?" in t for t in _texts_in(build(qtbot, worded, lang="en")))
    assert any("市役所の人？" in t for t in _texts_in(build(qtbot, worded, lang="ja")))
    assert not any("非通知" in t for t in _texts_in(build(qtbot, worded, lang="en")))
    assert any("090-0000-1234" in t for t in _texts_in(build(qtbot, numbered, lang="en")))
