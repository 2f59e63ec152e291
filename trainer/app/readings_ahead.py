"""Which texts the next steps of a scenario will show (for ``trainer.reading.ahead``).

The player hands these to the background reader when a step is shown, so
their furigana are ready when the learner gets there. They are found by
walking the scenario's model: every ``Text`` (in the look's language) and
every other string with Japanese in it, of the few steps after this one.
A text that then is not shown costs a little background work, nothing else.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from typing import Any

from trainer.scenarios.model import Scenario, Step, Text

STEPS_AHEAD = 4
"""How many of the following steps (in the file's order) are read ahead."""


def _has_japanese(text: str) -> bool:
    return any(ord(ch) > 0x2E7F for ch in text)


def _strings(value: Any, lang: str, seen: set[int]) -> Iterator[str]:
    if isinstance(value, str):
        if _has_japanese(value):
            yield value
        return
    if isinstance(value, Text):
        yield value.get(lang)
        return
    if isinstance(value, (int, float, bool)) or value is None or id(value) in seen:
        return
    seen.add(id(value))
    if isinstance(value, Mapping):
        for item in value.values():
            yield from _strings(item, lang, seen)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item, lang, seen)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            if field.name != "where":
                yield from _strings(getattr(value, field.name), lang, seen)


def texts_ahead(scenario: Scenario, step: Step, lang: str) -> list[str]:
    """The texts of the ``STEPS_AHEAD`` steps after ``step`` (in the file's order), each once."""
    steps = list(scenario.steps)
    at = next((i for i, s in enumerate(steps) if s.id == step.id), -1)
    order = steps[at + 1:at + 1 + STEPS_AHEAD]
    found: dict[str, None] = {}
    seen: set[int] = set()
    for following in order:
        for text in _strings(following, lang, seen):
            found.setdefault(text, None)
    return list(found)
