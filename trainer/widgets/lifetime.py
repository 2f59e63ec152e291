"""Let go of a put-away widget's Python attributes once Qt has deleted it.

A page, a player or a step's screen that has been put away (``deleteLater``)
can leave its Python wrapper behind after Qt deletes the widget: PySide keeps
some wrappers of deleted window parts alive. With the wrapper stay its
attributes — the scenario, the run, the element widgets and what they hold —
so over a day of practice memory grew by about a scenario per practice
(``benchmarks/memory_bench.py``). ``release_when_deleted`` empties the
attributes when the widget is destroyed, and those of the deleted widgets
they named, so what is left is at most empty wrappers. Objects that are
still alive (the window, the narrator, a shared look) are never touched.
"""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtCore import QObject

DEPTH = 12
"""How far down the attributes of deleted widgets are followed (a page, its parts, their parts …)."""


def release_when_deleted(widget: QObject, *, keep_own: bool = False) -> None:
    """Empty ``widget``'s Python attributes (and those of the deleted widgets they hold) when Qt deletes it.

    ``keep_own``: keep ``widget``'s own attributes (others may still ask a finished player about its
    run) and empty only those of the deleted widgets they hold."""
    state = widget.__dict__
    widget.destroyed.connect(lambda *_args: let_go(state, keep_own=keep_own))


def let_go(state: dict[str, Any], depth: int = 0, *, keep_own: bool = False) -> None:
    """Empty ``state`` (a deleted widget's attributes) and, below it, those of deleted widgets it names."""
    values = list(state.values())
    if not keep_own:
        state.clear()
    if depth >= DEPTH:
        return
    for value in values:
        if isinstance(value, (list, tuple, set, frozenset)):
            items = value
        elif isinstance(value, dict):
            items = list(value.values())
        else:
            items = (value,)
        for item in items:
            if isinstance(item, QObject) and not shiboken6.isValid(item):
                inner = getattr(item, "__dict__", None)
                if inner:
                    let_go(inner, depth + 1)
