"""The instructor area, one module per page (see ``area.py`` for the whole).

The names are imported when first asked for (PEP 562): importing a module of the package (its
``common`` for the board window, its gate when the area opens) does not import every page; the
area imports its pages' modules a pass of the event loop each, after its PIN gate is shown."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from trainer.app.instructor.area import InstructorArea
    from trainer.app.instructor.data import SaveStatusNotifier

__all__ = ["InstructorArea", "SaveStatusNotifier"]

_WHERE = {"InstructorArea": "trainer.app.instructor.area", "SaveStatusNotifier": "trainer.app.instructor.data"}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(importlib.import_module(_WHERE[name]), name)
    raise AttributeError(name)
