"""Learners and groups: add, rename, regroup, merge and remove learners; add, rename, remove groups."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from trainer.app.instructor.common import (
    Item,
    ItemList,
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
from trainer.progress.learners import InvalidName, LearnerDirectory, NotFound
from trainer.scenarios.modes import MODES
from trainer.widgets.look import Look


def problem_text(page: Page, error: BaseException) -> str:
    """A plain message for a failed change, in the area's language."""
    if isinstance(error, InvalidName):
        return error.message_ja if page.look.lang == "ja" else str(error)
    if isinstance(error, NotFound):
        return page.tr("ia.not_found")
    return page.tr("ia.failed")


def learner_item(learner: Any, tr: Callable[..., str]) -> Item:
    """A learner's row in the list: the name, and their group and fixed way to practise when they have one."""
    text = tr("learners.with_group", name=learner.display_name, group=learner.group_name) if learner.group_name \
        else learner.display_name
    if learner.default_mode:
        text = tr("learners.with_mode", who=text, mode=tr(f"modes.{learner.default_mode}"))
    return Item(text, str(learner.id), learner.display_name)


class LearnersPage(Page):
    """The learner list and the group list side by side (one under the other at large sizes)."""

    learners_changed = Signal()
    """Learners or groups were added, renamed, merged or removed (refresh the picker)."""

    def __init__(
        self,
        directory: LearnerDirectory,
        look: Look,
        jobs: Jobs,
        ask_confirm: Callable[[QWidget, str, str], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(look, jobs, parent)
        self._directory = directory
        self._ask_confirm = ask_confirm
        self._learners: dict[uuid.UUID, Any] = {}
        t = self.tr
        self.learner_list = ItemList(t("learners.list"))
        self.learner_list.current_changed.connect(self._learner_selected)
        self.name_edit = field(QLineEdit(), t("learners.name"), look)
        self.name_edit.setPlaceholderText(t("learners.name_hint"))
        self.group_combo = field(QComboBox(), t("learners.group"), look)
        self.merge_target_combo = field(QComboBox(), t("learners.merge_target"), look)
        choices(self.merge_target_combo)
        self.mode_combo = field(QComboBox(), t("learners.mode"), look)
        self.mode_combo.addItem(t("learners.mode_record"), "")
        for mode in MODES:
            self.mode_combo.addItem(t(f"modes.{mode}"), mode)
        self.mode_combo.setToolTip(t("learners.mode_note"))
        self.add_button = button(t("learners.add"), look)
        self.add_button.clicked.connect(self._add_learner)
        self.name_edit.returnPressed.connect(self._add_learner)
        self.rename_button = button(t("learners.rename"), look)
        self.rename_button.clicked.connect(self._rename_learner)
        self.regroup_button = button(t("learners.regroup"), look)
        self.regroup_button.clicked.connect(self._regroup_learner)
        self.merge_button = button(t("learners.merge"), look)
        self.merge_button.clicked.connect(self._merge_learner)
        self.remove_button = button(t("learners.remove"), look)
        self.remove_button.clicked.connect(self._remove_learner)
        self.mode_button = button(t("learners.set_mode"), look)
        self.mode_button.clicked.connect(self._set_mode)
        self.learners_message = label(name="learnersMessage")

        rows = form()
        rows.addRow(t("learners.name"), self.name_edit)
        rows.addRow(t("learners.group"), self.group_combo)
        rows.addRow(t("learners.mode"), self.mode_combo)
        buttons = QGridLayout()
        for i, b in enumerate((self.add_button, self.rename_button, self.regroup_button, self.mode_button,
                               self.remove_button)):
            buttons.addWidget(b, i // 2, i % 2)
        merge_row = QHBoxLayout()
        merge_row.addWidget(label(t("learners.merge_before")))
        merge_row.addWidget(self.merge_target_combo, 1)
        if t("learners.merge_after"):
            merge_row.addWidget(label(t("learners.merge_after")))
        merge_row.addWidget(self.merge_button)

        learners_box = QGroupBox(t("learners.box"))
        box = QVBoxLayout(learners_box)
        box.addWidget(self.learner_list, 1)
        box.addLayout(rows)
        box.addLayout(buttons)
        box.addLayout(merge_row)

        self.group_list = QListWidget()
        self.group_list.setAccessibleName(t("learners.group_list"))
        self.group_list.currentItemChanged.connect(self._group_selected)
        self.group_name_edit = field(QLineEdit(), t("learners.group_name"), look)
        self.add_group_button = button(t("learners.group_add"), look)
        self.add_group_button.clicked.connect(self._add_group)
        self.rename_group_button = button(t("learners.group_rename"), look)
        self.rename_group_button.clicked.connect(self._rename_group)
        self.remove_group_button = button(t("learners.group_remove"), look)
        self.remove_group_button.clicked.connect(self._remove_group)
        groups_box = QGroupBox(t("learners.groups_box"))
        gbox = QVBoxLayout(groups_box)
        gbox.addWidget(self.group_list, 1)
        gform = form()
        gform.addRow(t("learners.group_name"), self.group_name_edit)
        gbox.addLayout(gform)
        for b in (self.add_group_button, self.rename_group_button, self.remove_group_button):
            gbox.addWidget(b)

        layout = QVBoxLayout(self)
        row = QBoxLayout(
            QBoxLayout.Direction.TopToBottom if look.scale >= 1.75 else QBoxLayout.Direction.LeftToRight
        )
        row.addWidget(learners_box, 3)
        row.addWidget(groups_box, 2)
        layout.addLayout(row, 1)
        layout.addWidget(self.learners_message)

    # -- loading -----------------------------------------------------------------------------

    def reload(self) -> None:
        directory, tr = self._directory, self.tr

        def work() -> tuple[dict[uuid.UUID, Any], list[Any], Items, Items]:
            learners, groups = directory.list_learners(), directory.list_groups()
            return ({learner.id: learner for learner in learners}, groups,
                    Items([learner_item(learner, tr) for learner in learners]),
                    Items([Item(learner.display_name, str(learner.id), learner.display_name) for learner in learners]))

        self.jobs.run(work, self._show, lambda _e: self.learners_message.setText(self.tr("ia.unreachable")))

    def _show(self, loaded: tuple[dict[uuid.UUID, Any], list[Any], Items, Items]) -> None:
        self._learners, groups, listed, names = loaded
        selected = self.selected_learner()
        self.learner_list.set_items(listed, keep=str(selected) if selected else None)
        set_choices(self.merge_target_combo, names, keep=self.merge_target_combo.currentData())
        current_group = self.group_combo.currentData()
        self.group_combo.clear()
        self.group_combo.addItem(self.tr("learners.no_group"), "")
        self.group_list.clear()
        for group in groups:
            self.group_combo.addItem(group.name, str(group.id))
            item = QListWidgetItem(self.tr("learners.group_count", name=group.name, n=group.learner_count))
            item.setData(Qt.ItemDataRole.UserRole, str(group.id))
            item.setData(Qt.ItemDataRole.UserRole + 1, group.name)
            self.group_list.addItem(item)
        index = self.group_combo.findData(current_group)
        self.group_combo.setCurrentIndex(max(index, 0))

    def selected_learner(self) -> uuid.UUID | None:
        item = self.learner_list.current_item()
        return uuid_of(item.key) if item else None

    def selected_name(self) -> str:
        item = self.learner_list.current_item()
        return item.name if item else ""

    def _selected_group(self) -> uuid.UUID | None:
        item = self.group_list.currentItem()
        return uuid_of(item.data(Qt.ItemDataRole.UserRole)) if item else None

    @Slot(int)
    def _learner_selected(self, _row: int) -> None:
        learner_id = self.selected_learner()
        learner = self._learners.get(learner_id) if learner_id is not None else None
        if learner is not None:
            self.name_edit.setText(learner.display_name)
            self.group_combo.setCurrentIndex(max(self.group_combo.findData(str(learner.group_id or "")), 0))
            self.mode_combo.setCurrentIndex(max(self.mode_combo.findData(learner.default_mode or ""), 0))

    @Slot()
    def _group_selected(self, current: QListWidgetItem | None, _previous: object = None) -> None:
        if current is not None:
            self.group_name_edit.setText(str(current.data(Qt.ItemDataRole.UserRole + 1)))

    # -- changes -----------------------------------------------------------------------------

    def change(
        self, action: Callable[[], Any], done: str, message: QLabel | None = None, after: Callable[[], None] | None = None
    ) -> None:
        """Run a change off the UI thread, then show a plain message and reload."""
        message = message or self.learners_message

        def ok(_result: Any) -> None:
            message.setText(done)
            self.reload()
            self.learners_changed.emit()
            if after is not None:
                after()

        def failed(error: BaseException) -> None:
            message.setText(problem_text(self, error))
            if isinstance(error, NotFound):
                self.reload()

        self.jobs.run(action, ok, failed)

    def _need_learner(self) -> uuid.UUID | None:
        learner_id = self.selected_learner()
        if learner_id is None:
            self.learners_message.setText(self.tr("learners.pick_first"))
        return learner_id

    @Slot()
    def _add_learner(self) -> None:
        name = self.name_edit.text()
        group = uuid_of(self.group_combo.currentData())
        self.change(
            lambda: self._directory.add_learner(name, group),
            self.tr("learners.added", name=" ".join(name.split())),
            after=self.name_edit.clear,
        )

    @Slot()
    def _rename_learner(self) -> None:
        learner_id = self._need_learner()
        if learner_id is not None:
            name = self.name_edit.text()
            self.change(lambda: self._directory.rename_learner(learner_id, name), self.tr("learners.renamed"))

    @Slot()
    def _regroup_learner(self) -> None:
        learner_id = self._need_learner()
        if learner_id is not None:
            group_id = uuid_of(self.group_combo.currentData())
            self.change(
                lambda: self._directory.set_learner_group(learner_id, group_id), self.tr("learners.regrouped")
            )

    @Slot()
    def _set_mode(self) -> None:
        """Fix the chosen learner's way to practise (or give it back to their record)."""
        learner_id = self._need_learner()
        if learner_id is not None:
            mode = self.mode_combo.currentData() or None
            self.change(lambda: self._directory.set_default_mode(learner_id, mode), self.tr("learners.mode_set"))

    def _merge_learner(self) -> None:
        merge_id = self._need_learner()
        keep_id = uuid_of(self.merge_target_combo.currentData())
        if merge_id is None or keep_id is None:
            return
        if keep_id == merge_id:
            self.learners_message.setText(self.tr("learners.pick_other"))
            return
        merge_name = self.selected_name()
        keep_name = self.merge_target_combo.currentText()
        if not self._ask_confirm(
            self, self.tr("learners.merge_title"), self.tr("learners.merge_ask", merge=merge_name, keep=keep_name)
        ):
            return
        self.change(lambda: self._directory.merge_learners(keep_id, merge_id), self.tr("learners.merged"))

    @Slot()
    def _remove_learner(self) -> None:
        learner_id = self._need_learner()
        if learner_id is None:
            return
        name = self.selected_name()
        self.confirm_and_delete(learner_id, name, self.learners_message)

    def confirm_and_delete(self, learner_id: uuid.UUID, name: str, message: QLabel) -> None:
        if not self._ask_confirm(self, self.tr("learners.delete_title"), self.tr("learners.delete_ask", name=name)):
            message.setText(self.tr("learners.not_deleted"))
            return
        self.change(
            lambda: self._directory.delete_learner(learner_id), self.tr("learners.deleted", name=name), message
        )

    @Slot()
    def _add_group(self) -> None:
        name = self.group_name_edit.text()
        self.change(
            lambda: self._directory.add_group(name),
            self.tr("learners.group_added", name=" ".join(name.split())),
            after=self.group_name_edit.clear,
        )

    @Slot()
    def _rename_group(self) -> None:
        group_id = self._selected_group()
        if group_id is None:
            self.learners_message.setText(self.tr("learners.group_pick_first"))
            return
        name = self.group_name_edit.text()
        self.change(lambda: self._directory.rename_group(group_id, name), self.tr("learners.group_renamed"))

    @Slot()
    def _remove_group(self) -> None:
        group_id = self._selected_group()
        if group_id is None:
            self.learners_message.setText(self.tr("learners.group_pick_first"))
            return
        if not self._ask_confirm(self, self.tr("learners.group_remove_title"), self.tr("learners.group_remove_ask")):
            return
        self.change(lambda: self._directory.remove_group(group_id), self.tr("learners.group_removed"))
