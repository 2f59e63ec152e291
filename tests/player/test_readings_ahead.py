"""The texts a scenario's next steps will show, found for reading ahead."""

from __future__ import annotations

from trainer.app.readings_ahead import STEPS_AHEAD, texts_ahead
from trainer.content import bundled_content_dir
from trainer.scenarios.loader import load_all


def test_the_next_steps_texts_are_found_and_this_steps_are_not():
    scenarios, _ = load_all([bundled_content_dir()])
    scenario = next(s for s in scenarios if len(s.steps) > 3)
    first, second = scenario.steps[0], scenario.steps[1]
    found = texts_ahead(scenario, first, "ja")
    assert second.say.get("ja") in found
    assert len(found) == len(set(found))
    if first.say.get("ja") not in (s.say.get("ja") for s in scenario.steps[1:1 + STEPS_AHEAD]):
        assert first.say.get("ja") not in found
    assert texts_ahead(scenario, scenario.steps[-1], "ja") == []
