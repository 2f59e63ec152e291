"""A learner's data (export as JSON, delete completely) and the records waiting on this PC."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QComboBox, QGroupBox, QLabel, QVBoxLayout, QWidget

from trainer.app.instructor.common import (
    Items,
    Jobs,
    Page,
    button,
    choices,
    field,
    form,
    label,
    set_choices,
    uuid_of,
)
from trainer.app.instructor.reports import learner_items
from trainer.progress.learners import LearnerDirectory
from trainer.progress.recorder import ProgressRecorder, SaveState, SaveStatus
from trainer.widgets.look import Look

log = logging.getLogger(__name__)


class SaveStatusNotifier(QObject):
    """Turns the recorder's status callback (worker thread) into a Qt signal (UI thread)."""

    status_changed = Signal(object)
    """Fires with a :class:`~trainer.progress.recorder.SaveStatus` whenever saving changes state."""

    def __init__(self, recorder: ProgressRecorder, parent: QObject | None = None) -> None:
        super().__init__(parent)
        emit = self.status_changed.emit
        recorder.add_status_listener(emit)
        self.destroyed.connect(lambda *_: recorder.remove_status_listener(emit))


def status_text(status: SaveStatus, lang: str) -> str:
    return status.message_ja if lang == "ja" else status.message_en


class DataPage(Page):
    """Export or delete one learner's record; see and retry what waits to be saved."""

    def __init__(
        self,
        directory: LearnerDirectory,
        recorder: ProgressRecorder | None,
        look: Look,
        jobs: Jobs,
        *,
        confirm_and_delete: Callable[[Any, str, QLabel], None],
        ask_save_path: Callable[[QWidget, str, str], str | None],
        parent: QWidget | None = None,
        notice: Callable[[], str | None] | None = None,
    ) -> None:
        super().__init__(look, jobs, parent)
        self._notice = notice  # the record's notice (full disk, a damaged file's new name), under the waiting
        self._directory = directory
        self._recorder = recorder
        self._confirm_and_delete = confirm_and_delete  # the learners page's: one way to delete a learner
        self._ask_save_path = ask_save_path
        t = self.tr
        self.learner_combo = field(QComboBox(), t("data.learner"), look)
        choices(self.learner_combo)
        self.export_button = button(t("data.export"), look)
        self.export_button.clicked.connect(self._export)
        self.delete_button = button(t("data.delete"), look, style="danger")
        self.delete_button.setObjectName("dangerButton")
        self.delete_button.clicked.connect(self._delete_completely)
        self.data_message = label(name="dataMessage")
        self.pending_label = label(name="pendingLabel")
        self.pending_status = label(name="pendingStatus")
        self.retry_button = button(t("data.retry"), look)
        self.retry_button.clicked.connect(self._retry)
        rows = form()
        rows.addRow(t("data.learner"), self.learner_combo)
        layout = QVBoxLayout(self)
        layout.addWidget(label(t("data.intro")))
        layout.addLayout(rows)
        layout.addWidget(self.export_button)
        layout.addWidget(self.delete_button)
        layout.addWidget(self.data_message)
        waiting = QGroupBox(t("data.waiting_box"))
        wbox = QVBoxLayout(waiting)
        wbox.addWidget(self.pending_label)
        wbox.addWidget(self.pending_status)
        wbox.addWidget(self.retry_button)
        layout.addWidget(waiting)
        layout.addStretch(1)
        if recorder is not None:
            self._notifier = SaveStatusNotifier(recorder, self)
            self._notifier.status_changed.connect(self.show_status)

    def reload(self) -> None:
        self.jobs.run(learner_items(self._directory), self._show_learners,
                      lambda _e: self.data_message.setText(self.tr("ia.unreachable")))
        self.refresh_pending()

    def _show_learners(self, learners: Items) -> None:
        set_choices(self.learner_combo, learners, keep=self.learner_combo.currentData())

    @Slot()
    def _export(self) -> None:
        learner_id = uuid_of(self.learner_combo.currentData())
        if learner_id is None:
            self.data_message.setText(self.tr("ia.pick_learner"))
            return
        directory = self._directory
        self.jobs.run(lambda: directory.export_file_name(learner_id), lambda name: self._export_to(learner_id, name),
                      lambda _e: self._export_to(learner_id, "learner-record.json"))

    def _export_to(self, learner_id: Any, suggested: str) -> None:
        """Ask where (the learner's name and the date suggested), then write on the worker thread."""
        path = self._ask_save_path(self, suggested, "json")
        if not path:
            self.data_message.setText(self.tr("data.cancelled"))
            return
        recorder, directory = self._recorder, self._directory
        asked = Path(path).exists()  # the save dialog asked about a file that existed; one made since is kept

        def work() -> Any:
            if recorder is not None:
                recorder.flush(5.0)  # include what this PC recorded a moment ago
            return directory.export_learner_json(learner_id, path, overwrite=asked)

        self.jobs.run(work, lambda written: self.data_message.setText(self.tr("data.exported", path=str(written))),
                      lambda _e: self.data_message.setText(self.tr("data.not_exported")))

    @Slot()
    def _delete_completely(self) -> None:
        learner_id = uuid_of(self.learner_combo.currentData())
        if learner_id is None:
            self.data_message.setText(self.tr("ia.pick_learner"))
            return
        self._confirm_and_delete(learner_id, self.learner_combo.currentText(), self.data_message)

    # -- waiting records ----------------------------------------------------------------------

    def refresh_pending(self) -> None:
        if self._recorder is None:
            self.pending_label.setText(self.tr("data.not_recording"))
            self.retry_button.setEnabled(False)
            return
        self.show_status(self._recorder.status)

    @Slot(object)
    def show_status(self, status: SaveStatus) -> None:
        pending = self._recorder.pending_count() if self._recorder is not None else status.pending
        self.pending_label.setText(self.tr("data.waiting", n=pending))
        if pending and status.state is not SaveState.SAVED:
            text = status_text(status, self.look.lang)
        else:
            text = self.tr("data.all_saved")
        try:
            note = self._notice() if self._notice is not None else None
        except Exception:  # the notice is a courtesy; never a reason to fail here
            log.debug("the notice about waiting records could not be made", exc_info=True)
            note = None
        self.pending_status.setText(f"{text}\n{note}" if note else text)

    @Slot()
    def _retry(self) -> None:
        if self._recorder is None:
            return
        self.pending_status.setText(self.tr("data.trying"))
        recorder = self._recorder
        self.jobs.run(lambda: recorder.retry_now(timeout=10.0), lambda _r: self.refresh_pending(),
                      lambda _e: self.refresh_pending())
