"""The scenarios the app offers, grouped by category for the home screen."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from trainer.scenarios.model import CATEGORIES, Scenario
from trainer.scenarios.problems import Problem

CATEGORY_ICONS = {"cashless": "wallet", "shopping": "cart", "government": "government", "speaker": "speaker",
                  "smartphone": "phone", "safety": "shield"}


@dataclass
class Library:
    """Loaded scenarios (broken files are left out and listed in ``problems``)."""

    scenarios: list[Scenario] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @classmethod
    def load(cls, paths: Iterable[Path | str]) -> Library:
        from trainer.scenarios.loader import load_all

        scenarios, problems = load_all(paths)
        return cls(scenarios, [p for p in problems if p.severity == "error"])

    def in_category(self, category: str) -> list[Scenario]:
        """The category's scenarios: easiest first, then by title."""
        found = [s for s in self.scenarios if s.category == category]
        return sorted(found, key=lambda s: (s.level, s.title.get("ja")))

    def categories(self) -> tuple[str, ...]:
        return CATEGORIES

    def find(self, scenario_id: str) -> Scenario | None:
        return next((s for s in self.scenarios if s.id == scenario_id), None)
