"""The smart speaker at big text (issue #10): every step of every bundled speaker scenario, met the
way a learner meets it (played with the autoplayer), in a 1280×720 and a 1920×1080 main window at
100, 150, 200 and 300 % text, in both themes.

- The light ring is what the steps talk about (「光がくるくる回ったあと」「緑に光っています」): at least
  90 % of it is on screen without scrolling, with the thing the step asks for (at 1280×720 / 150 and
  200 % the `answer` step showed 77 % and 68 % of it: it stood level with the end of a talk taller
  than the screen).
- Beside the ring, the talk (what it heard and answered, the phrases to press) holds at least
  ``TALK_CHARS`` characters of its large text a line (7.8 before at 1280×720 / 150–300 % and at
  1920×1080 / 200–300 %: 「今日の / 都城市は / 晴れ、」).
- No text of the speaker is cut, and none is broken inside a phrase that would fit its line whole
  (「光っています：電話」 under the ring).
"""

from __future__ import annotations

import pytest

from tests.player.conftest import bundled
from tests.player.test_layout_every_step import phrase_breaks
from tests.player.visibility import open_window, visible_share, walk
from trainer.widgets.labels import TextBlock

SIZES = {"1280x720": (1280, 720), "1920x1080": (1920, 1080)}
SCALES = {"100": 1.0, "150": 1.5, "200": 2.0, "300": 3.0}
CASES = [pytest.param(size, scale, theme, id=f"{size}-{name}-{theme}") for size in SIZES
         for name, scale in SCALES.items() for theme in ("standard", "high-contrast")]


def speaker_scenarios():
    found = [s for s in bundled() if any(step.device == "speaker" for step in s.steps)]
    assert len(found) >= 3, "the bundled speaker scenarios"
    return found


@pytest.mark.parametrize(("size", "scale", "theme"), CASES)
def test_every_speaker_step_shows_its_ring_and_a_readable_talk(qtbot, size, scale, theme):
    from trainer.widgets.elements.speaker import TALK_CHARS, SpeakerElement

    scenarios = speaker_scenarios()
    window = open_window(scenarios, SIZES[size], scale, theme)
    qtbot.addWidget(window)
    found: list[str] = []
    looked = 0

    def check(window, scenario) -> None:
        nonlocal looked
        player = window.player
        speaker = player.device.findChild(SpeakerElement)
        if speaker is None:
            return
        looked += 1
        where = f"{scenario.id}/{player.run.current.id}"
        ring = visible_share(speaker.ring, window)
        if ring < 0.9:
            found.append(f"{where}: the ring is {ring:.0%} in view")
        large = speaker.look.size("large")
        chars = speaker.talk.width() / large
        if chars < TALK_CHARS - 1 / large:
            found.append(f"{where}: the talk holds {chars:.1f} characters a line (at least {TALK_CHARS})")
        for text in speaker.findChildren(TextBlock):
            if not text.isVisible():
                continue
            if not text.text_fits():
                found.append(f"{where}: {text.text()!r} is cut")
            found.extend(f"{where}: {problem}" for problem in phrase_breaks(text))

    for scenario in scenarios:
        for target in walk(window, scenario, check):
            if not target.visible:
                found.append(f"{target.scenario}/{target.step}: {target.target} is {target.share:.0%} in view")
    assert looked >= 15, "every speaker step was looked at"
    assert not found, f"{len(found)} problems:\n" + "\n".join(found)


def test_a_colon_ends_a_phrase_so_the_light_s_words_break_after_it(qapp):
    """「光っています：話しています」 was one phrase to the model; under the ring it broke
    「緑に / 光っています：電話 / （呼びかけ）です」. The colon ends the label's first part."""
    from trainer.widgets.phrases import phrase_starts

    text = "緑に光っています：電話（呼びかけ）です"
    assert text.index("：") + 1 in phrase_starts(text)
    assert text.index("：") not in phrase_starts(text), "the colon stays with what it ends"
