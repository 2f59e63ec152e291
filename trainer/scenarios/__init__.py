"""The scenario engine: model, loader and runner. Pure Python — no Qt, no
speech, no database (a test scans the imports to keep it so).

The names below are imported on first use (PEP 562), so importing one
submodule (say ``trainer.scenarios.model`` for the app's catalogue) does not
load YAML, the loader and the runner too: that keeps the app's start fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_WHERE = {
    "Action": "actions", "ActionKind": "actions",
    "check_file": "loader", "load": "loader", "load_all": "loader",
    "Scenario": "model", "Step": "model", "Text": "model",
    "Problem": "problems", "ScenarioError": "problems",
    "Feedback": "runner", "Run": "runner",
}

__all__ = [
    "Action", "ActionKind", "Feedback", "Problem", "Run", "Scenario", "ScenarioError", "Step", "Text",
    "check_file", "load", "load_all",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'trainer.scenarios' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"trainer.scenarios.{module}"), name)
    globals()[name] = value
    return value


if TYPE_CHECKING:  # for type checkers and editors
    from trainer.scenarios.actions import Action, ActionKind
    from trainer.scenarios.loader import check_file, load, load_all
    from trainer.scenarios.model import Scenario, Step, Text
    from trainer.scenarios.problems import Problem, ScenarioError
    from trainer.scenarios.runner import Feedback, Run
