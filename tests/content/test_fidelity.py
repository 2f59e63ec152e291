"""What carries over to the real phone, shop and office (issue 11, the texts
and looks): the instruction matches the screen, the right button is not the
only blue one, each scenario has a step where the learner finds a button the
instruction does not name, and small slips stay fixed.

Every bundled scenario, the ones on device bodies (kiosk, clinic reader,
PC, till, paper) included.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import pytest

from trainer.reading.ruby import plain
from trainer.scenarios.elements import APP_LOOKS
from trainer.scenarios.model import Step, Text
from trainer.words.catalogue import STRINGS

from .catalogue import catalogue, texts

SCENARIOS, _ = catalogue()
BY_ID = {s.id: s for s in SCENARIOS}

OWNED = sorted(BY_ID)


def _labels(step: Step, target: str) -> list[Text]:
    """The visible names of ``target`` on the step's screen (a button's label, a row's name…)."""
    found: list[Text] = []

    def walk(value: object) -> None:
        if isinstance(value, Mapping):
            if value.get("id") == target:
                found.extend(v for k, v in value.items() if k in ("label", "name") and isinstance(v, Text))
            for item in value.values():
                walk(item)
        elif isinstance(value, tuple):
            for item in value:
                walk(item)

    for element in step.screen.elements:
        if element.id == target:
            found.extend(v for k, v in element.props.items() if k in ("label", "name") and isinstance(v, Text))
        walk(dict(element.props))
    return found


def _acted_targets(step: Step) -> Iterator[str]:
    for expect in step.expect:
        if expect.target and expect.kind in ("tap", "choose", "long-press", "toggle"):
            yield expect.target
    for choice in step.choices:
        for expect in choice.when:
            if expect.target:
                yield expect.target


def _buttons(step: Step) -> dict[str, str]:
    """Buttons on the screen (and in a dialog) by id, with their style."""
    found: dict[str, str] = {}
    for element in step.screen.elements:
        if element.type == "button" and element.id:
            found[element.id] = element.props.get("style", "secondary")
        if element.type == "dialog":
            for button in element.props.get("buttons", ()):
                found[button["id"]] = button.get("style", "secondary")
    return found


@pytest.mark.parametrize("sid", OWNED)
def test_a_step_asks_for_a_button_the_instruction_does_not_name(sid):
    """At least once the learner has to find what to press from what it does (a later mode relies on it)."""
    scenario = BY_ID[sid]
    unnamed = []
    for step in scenario.steps:
        said = plain(step.say.get("ja"))
        for target in _acted_targets(step):
            names = [plain(t.get("ja")) for t in _labels(step, target)]
            if not any(name and name in said for name in names):
                unnamed.append((step.id, target))
        if any(e.kind == "tap" and e.target and not _labels(step, e.target) for e in step.expect):
            unnamed.append((step.id, "(a body part)"))
    assert unnamed, f"{sid}: every step names the button to press"


def test_the_right_button_is_rarely_the_only_blue_one():
    """Issue 11 found the right one the only blue button in 20 of 25 steps; now only where the real app
    singles it out (a shop's 「レジに進む」, a form's 「次へ」 beside 「戻る」)."""
    steps = single = 0
    for sid in OWNED:
        for step in BY_ID[sid].steps:
            buttons = _buttons(step)
            targets = [t for t in step.expect if t.target in buttons]
            if len(buttons) < 2 or not targets or step.choices:
                continue
            steps += 1
            primary = [b for b, style in buttons.items() if style == "primary"]
            if primary == [targets[0].target]:
                single += 1
    assert steps >= 8
    assert single <= steps // 4, f"the right one is the only primary button in {single} of {steps} steps"


@pytest.mark.parametrize("sid", OWNED)
def test_screens_say_which_app_they_are(sid):
    scenario = BY_ID[sid]
    if scenario.device == "speaker":
        return
    apps = {step.screen.app for step in scenario.steps if step.screen.elements}
    assert apps <= set(APP_LOOKS) | {None}
    assert apps - {None}, f"{sid}: no screen names its app look"


@pytest.mark.parametrize("sid", OWNED)
def test_home_screens_have_no_title_bar(sid):
    for step in BY_ID[sid].steps:
        if any(e.type == "app-grid" for e in step.screen.elements):
            assert step.screen.title is None, f"{sid} {step.id}: real home screens have no 「ホーム」 bar"


@pytest.mark.parametrize("sid", OWNED)
def test_one_spelling_of_daijoubu(sid):
    """「だいじょうぶ」 in hiragana everywhere (the finish page says it too), never 大丈夫 beside it."""
    for found in texts(BY_ID[sid]):
        assert "大丈夫" not in found.text.get("ja"), f"{sid} {found.where}"


def test_the_app_says_daijoubu_as_the_content_does():
    assert not [key for key, (ja, _) in STRINGS.items() if "大丈夫" in ja]


def test_the_learner_and_the_family_have_their_own_names():
    """都城 花子 is the learner; the daughter is さくら and a friend is 小林 ゆみ — never the learner's name."""
    call = BY_ID["speaker-call-family"]
    assert all("花子" not in f.text.get("ja") for f in texts(call))
    phone = BY_ID["phone-and-camera"]
    assert all("花子" not in f.text.get("ja") for f in texts(phone))


SPEAKER_COLOURS = {"緑": {"call"}, "青": {"listening", "speaking"}, "黄": {"notification"}, "赤": {"muted"}}
"""The colour a speaker step's words name, and the lights that show it (a smart speaker's real
meanings: blue listening, green a call or drop-in, yellow a notification, red the microphone off)."""


@pytest.mark.parametrize("sid", [s for s in OWNED if BY_ID[s].device == "speaker"])
def test_the_speakers_light_is_the_colour_its_step_says(sid):
    checked = 0
    for step in BY_ID[sid].steps:
        lights = {e.props.get("light", "off") for e in step.screen.elements if e.type == "speaker"}
        if not lights:  # a summary or a quiz without the speaker on screen
            continue
        said = plain(step.say.get("ja"))
        for word, meaning in SPEAKER_COLOURS.items():
            if f"{word}く光" in said or f"{word}い光" in said or f"光が{word}" in said or f"{word}色く光" in said:
                if "光っているのは" in said:  # a question about a colour, not a description of the ring
                    continue
                checked += 1
                assert lights & meaning, f"{sid} {step.id}: says {word} but the ring shows {lights}"
        if "call" in lights:
            assert BY_ID[sid].id == "speaker-call-family", "green is for calls only"
    assert checked or sid == "speaker-timer-alarm", f"{sid}: no step describes the ring"
