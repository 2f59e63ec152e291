"""Devices with bodies: a step's ``device:`` and ``body:``, body parts as
targets, the loader's refusals (with positions and suggestions), the
runner judging objects pushed at parts, and ``trainer check`` on parts."""

from __future__ import annotations

from trainer.authoring.check import check_scenario
from trainer.scenarios import devices
from trainer.scenarios.actions import Action, ActionKind
from trainer.scenarios.events import Judgement
from trainer.scenarios.loader import check_file, load
from trainer.scenarios.runner import Run

HEAD = """\
format: 1
id: bodies
version: 1
title: 体の練習
summary: 機械の体を使う練習です。
category: government
level: 1
minutes: 5
device: phone
steps:
"""

KIOSK = HEAD + """\
  - id: menu
    say: 「行政サービス」を押しましょう。
    screen:
      elements:
        - {type: button, id: gov, label: 行政サービス}
    expect: {tap: gov}
  - id: card
    device: kiosk
    say: カードを置きましょう。
    body: {hand: [mynumber, coins]}
    expect: {place: card-tray}
    mistakes:
      - when: {insert: coin-slot}
        say: まだお金は入れません。
  - id: coins
    say: 200円を入れましょう。
    body: {hand: [coins], card-tray: mynumber}
    expect: {insert: coin-slot}
  - id: paper
    say: 紙を取りましょう。
    body: {card-tray: mynumber, printer-outlet: paper}
    expect: {take: printer-outlet}
  - id: back-home
    device: phone
    arrive: 家に帰りました。
    say: ホームにもどりましょう。
    expect: {press: home}
  - id: done
    finish: success
    say: よくできました。
"""


def test_device_carries_on_down_the_file_until_a_step_names_another(write):
    scenario = load(write(KIOSK))
    assert [s.device for s in scenario.steps] == ["phone", "kiosk", "kiosk", "kiosk", "phone", "phone"]
    assert scenario.step("coins").body == {"hand": ("coins",), "card-tray": "mynumber"}
    assert scenario.step("back-home").arrive.get("ja") == "家に帰りました。"
    # a part that takes things in knows what it takes
    assert scenario.step("card").expect[0].value.values == devices.CARDS


def _problems(write, text):
    scenario, problems = check_file(write(text))
    return scenario, [(p.code, p.where.line, p.where.column, p.format("en")) for p in problems]


def test_an_unknown_part_is_refused_with_its_place_and_a_suggestion(write):
    scenario, found = _problems(write, KIOSK.replace("{insert: coin-slot}\n  - id: paper",
                                                     "{insert: coin-slott}\n  - id: paper"))
    assert scenario is None
    [(code, line, column, message)] = found
    assert (code, line, column) == ("unknown-part", 28, 13)
    assert "did you mean 'coin-slot'?" in message and "printer-outlet" in message


def test_a_part_that_does_not_answer_the_action_is_refused(write):
    _, found = _problems(write, KIOSK.replace("{take: printer-outlet}", "{insert: printer-outlet}"))
    [(code, line, _column, message)] = found
    assert code == "part-action" and line == 32
    assert "answers to take" in message


def test_a_part_of_another_device_is_refused(write):
    # on the phone there is no coin slot
    _, found = _problems(write, KIOSK.replace("{press: home}", "{insert: coin-slot}"))
    assert [c for c, *_ in found] == ["unknown-part"]
    assert "smartphone ('phone') has no part 'coin-slot'" in found[0][3]


def test_bad_body_keys_and_things_are_refused_with_suggestions(write):
    _, found = _problems(write, KIOSK.replace("body: {hand: [coins], card-tray: mynumber}",
                                              "body: {hand: [coinz], card-trey: mynumber}"))
    codes = {c: m for c, _l, _c, m in found}
    assert "did you mean 'coins'?" in codes["bad-object"]
    assert "did you mean 'card-tray'?" in codes["unknown-key"]


def test_an_unknown_device_is_refused_with_a_suggestion(write):
    _, found = _problems(write, KIOSK.replace("device: kiosk", "device: kiosc"))
    assert any(c == "bad-enum" and "did you mean 'kiosk'?" in m for c, _l, _col, m in found)


def test_a_body_action_on_a_name_an_element_also_uses_is_ambiguous(write):
    text = KIOSK.replace("    say: ホームにもどりましょう。\n",
                         "    say: ホームにもどりましょう。\n    screen:\n      elements:\n"
                         "        - {type: button, id: home, label: ホーム}\n")
    _, found = _problems(write, text)
    assert [c for c, *_ in found] == ["part-is-element"]


def test_the_runner_judges_the_thing_pushed_at_a_part(write):
    run = Run(load(write(KIOSK)))
    run.start()
    assert run.judge(Action(ActionKind.TAP, "gov")).judgement is Judgement.CORRECT
    # coins at the card tray are a slip, not a success
    assert run.judge(Action(ActionKind.PLACE, "card-tray", "coins")).judgement is Judgement.OTHER_MISTAKE
    known = run.judge(Action(ActionKind.INSERT, "coin-slot", "coins"))
    assert known.judgement is Judgement.KNOWN_MISTAKE
    assert run.judge(Action(ActionKind.PLACE, "card-tray", "mynumber")).judgement is Judgement.CORRECT
    assert run.judge(Action(ActionKind.INSERT, "coin-slot", "coins")).judgement is Judgement.CORRECT
    assert run.judge(Action(ActionKind.TAKE, "card-tray")).judgement is Judgement.OTHER_MISTAKE
    assert run.judge(Action(ActionKind.TAKE, "printer-outlet")).judgement is Judgement.CORRECT
    assert run.judge(Action(ActionKind.PRESS, "home")).finished


def test_hints_name_the_part_and_what_the_hand_holds_then_point_at_it(write):
    run = Run(load(write(KIOSK)))
    run.start()
    run.judge(Action(ActionKind.TAP, "gov"))
    hints = run.hints()
    assert hints[0].text.get("ja") == "手元のマイナンバーカードを、「カード置き場」に置きましょう。"
    assert hints[0].text.get("en") == "Lay the My Number card on the card tray."
    assert [h.kind for h in hints[1:]] == ["highlight", "show"]
    assert hints[1].target == "card-tray"


def test_check_plays_body_actions_and_finds_what_the_learner_cannot_do(write):
    report = check_scenario(load(write(KIOSK)))
    assert not [p for p in report.problems if p.severity == "error"], [p.format("en") for p in report.problems]
    broken = KIOSK.replace("body: {hand: [coins], card-tray: mynumber}", "body: {card-tray: mynumber}").replace(
        "body: {card-tray: mynumber, printer-outlet: paper}", "body: {card-tray: mynumber}")
    codes = [p.code for p in check_scenario(load(write(broken, "b.yaml"))).problems]
    assert "empty-hand" in codes and "nothing-to-take" in codes


def test_check_finds_a_part_that_cannot_be_seen(write):
    text = KIOSK.replace("    say: ホームにもどりましょう。\n    expect: {press: home}",
                         "    say: カードを当てましょう。\n    body: {hand: [mynumber]}\n"
                         "    expect: {place: phone-back}")
    codes = [p.code for p in check_scenario(load(write(text))).problems]
    assert codes.count("part-hidden") == 1
    shown = text.replace("body: {hand: [mynumber]}", "body: {hand: [mynumber], side: back}")
    assert "part-hidden" not in [p.code for p in check_scenario(load(write(shown, "c.yaml"))).problems]


def test_every_device_part_and_body_key_is_documented():
    for kind in devices.KINDS.values():
        assert kind.arrive_ja and kind.arrive_en and kind.doc_ja and kind.doc_en
        for part in kind.parts.values():
            assert part.label_ja and part.label_en and part.doc_ja and part.doc_en and part.actions
            assert set(part.actions) <= set(devices.PART_ACTIONS)
        for key in kind.state.values():
            assert key.doc_ja and key.doc_en
