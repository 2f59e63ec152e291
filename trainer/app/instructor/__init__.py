"""The instructor area, one module per page (see ``area.py`` for the whole)."""

from trainer.app.instructor.area import InstructorArea
from trainer.app.instructor.data import SaveStatusNotifier

__all__ = ["InstructorArea", "SaveStatusNotifier"]
