"""Connects the progress record to the main window: the learner choice,
recording each run, 「続きから」 from the record, and the instructor area.

The main window knows nothing about databases; it takes page factories, a
``listeners_for(scenario)`` hook and a resume source. This module builds
them from ``trainer.progress.open_progress()``'s parts (the progress
helper's ``LearnerPicker`` and ``InstructorArea`` widgets, its recorder).
Guests are not recorded; their 「続きから」 lives in memory only.

``open_in_background`` opens the record on a worker thread (SQLAlchemy and
the migrations take a moment) so the window appears at once; the link is
attached when the record is ready. Practice started before that is not
lost: ``EarlyRuns`` keeps each such run's events, and when the learner then
says who they are (the learner choice comes next), their runs are handed to
the record as if it had been open all along — a run still going on goes on
being recorded; a guest's are dropped.
"""

from __future__ import annotations

import logging
import os
import threading
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QWidget

from trainer.app.early_runs import EarlyRuns
from trainer.widgets.look import Look

log = logging.getLogger(__name__)

__all__ = ["EarlyRuns", "ProgressLink", "ProgressResume", "data_dir_override", "open_in_background"]

DATA_ENV = "TRAINER_DATA_DIR"
"""Where the embedded record lives, when not in the user's data folder."""


def data_dir_override() -> Path | None:
    """``$TRAINER_DATA_DIR``, else ``<TRAINER_CONFIG_DIR>/data`` when that is set (tests), else None."""
    if os.environ.get(DATA_ENV):
        return Path(os.environ[DATA_ENV])
    from trainer.app.settings import CONFIG_ENV

    if os.environ.get(CONFIG_ENV):
        return Path(os.environ[CONFIG_ENV]) / "data"
    return None


class ProgressResume:
    """Resume points: from the record for a learner, from memory for a guest."""

    def __init__(self, link: ProgressLink) -> None:
        self._link = link
        self._guest: dict[str, dict[str, Any]] = {}

    def get(self, scenario_id: str) -> dict[str, Any] | None:
        learner = self._link.learner_id
        if learner is None:
            return self._guest.get(scenario_id)
        try:
            return self._link.progress.recorder.resumable(learner, scenario_id)
        except Exception:  # a record that cannot be read must not stop the lesson
            log.warning("could not read where %s was left", scenario_id, exc_info=True)
            return None

    def put(self, snapshot: dict[str, Any]) -> None:
        if self._link.learner_id is None:  # a learner's snapshot is already in the record
            self._guest[str(snapshot.get("scenario_id"))] = dict(snapshot)

    def forget(self, scenario_id: str) -> None:
        self._guest.pop(scenario_id, None)


class ProgressLink:
    """The progress record, seen from the main window."""

    def __init__(self, progress: Any, scenario_title: Callable[[str], str] | None = None,
                 early: EarlyRuns | None = None) -> None:
        self.progress = progress
        self.learner_id: uuid.UUID | None = None
        self.scenario_title = scenario_title
        self.resume = ProgressResume(self)
        self.early = early
        """Runs practised before the record was open; recorded for the first learner chosen."""

    @property
    def runs_waiting(self) -> bool:
        """True while runs practised before the record opened wait for the learner choice."""
        return self.early is not None and self.early.waiting > 0

    def choose(self, learner_id: uuid.UUID | None) -> None:
        """The learner picked themselves (None: a guest, not recorded)."""
        self.learner_id = learner_id
        early, self.early = self.early, None
        if early is not None:
            recorder = self.progress.recorder
            early.hand_over(None if learner_id is None else (lambda: recorder.listener(learner_id)))

    def learner_page(self, look: Look) -> QWidget:
        from trainer.app.learner_picker import LearnerPicker

        picker = LearnerPicker(self.progress.learners, look=look)
        picker.learner_chosen.connect(self.choose)
        notice = self.progress.notice_ja
        if self.runs_waiting:
            early = look.tr("learner.keep_early")
            notice = f"{notice}\n{early}" if notice else early
        if notice and hasattr(picker, "message"):
            picker.message.setText(notice)
            picker.message.setVisible(True)
        return picker

    def instructor_page(self, look: Look) -> QWidget:
        from trainer.app.instructor_area import InstructorArea

        return InstructorArea(self.progress.learners, self.progress.pin, self.progress.reports,
                              self.progress.recorder, scenario_title=self.scenario_title, look=look)

    def listeners_for(self, scenario: Any) -> list[Callable[[Any], None]]:
        return [self.progress.recorder.listener(self.learner_id)]

    def close(self) -> None:
        try:
            self.progress.close()
        except Exception:
            log.warning("the progress record did not close cleanly", exc_info=True)


class _Ready(QObject):
    opened = Signal(object)
    """The record is open (a ``Progress``), delivered on the UI thread."""


def open_in_background(on_ready: Callable[[Any], None], parent: QObject | None = None) -> threading.Thread:
    """Open the record on a worker thread; ``on_ready(progress)`` runs on the UI thread."""
    ready = _Ready(parent)
    ready.opened.connect(on_ready, Qt.ConnectionType.QueuedConnection)

    def work() -> None:
        try:
            from trainer.progress import open_progress

            progress = open_progress(data_dir_override=data_dir_override())
        except Exception:
            log.error("the progress record could not be opened; practice is not recorded", exc_info=True)
            return
        ready.opened.emit(progress)

    thread = threading.Thread(target=work, name="open-progress", daemon=True)
    thread.start()
    return thread
