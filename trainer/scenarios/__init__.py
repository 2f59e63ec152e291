"""The scenario engine: model, loader and runner. Pure Python — no Qt, no
speech, no database (a test scans the imports to keep it so)."""

from trainer.scenarios.actions import Action, ActionKind
from trainer.scenarios.loader import check_file, load, load_all
from trainer.scenarios.model import Scenario, Step, Text
from trainer.scenarios.problems import Problem, ScenarioError
from trainer.scenarios.runner import Feedback, Run

__all__ = [
    "Action", "ActionKind", "Feedback", "Problem", "Run", "Scenario", "ScenarioError", "Step", "Text",
    "check_file", "load", "load_all",
]
