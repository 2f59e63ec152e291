"""Where the instructor area used to live; it is now the package ``trainer.app.instructor``."""

from trainer.app.instructor import InstructorArea, SaveStatusNotifier

__all__ = ["InstructorArea", "SaveStatusNotifier"]
