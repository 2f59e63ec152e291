"""The instructor area: behind a PIN, manage learners and see where people stumble.

``InstructorArea`` first asks for the instructor PIN (or, the very first
time, asks to choose one: 4–8 digits, masked, stored as a salted hash).
Then tabs:

* 学習者とクラス — add, rename, regroup, merge and remove learners; add,
  rename and remove groups (classes);
* 進み具合 — one learner's scenarios, outcomes and stumbling steps;
* 書き出し・削除 — export one learner's data as JSON, delete it completely;
* 保存待ち — how many records wait on this PC to be saved, 「今すぐ保存を試す」;
* つまずき — per scenario: attempts, completion, stumbling steps, known mistakes.

Dialogs go through the classmethods :meth:`InstructorArea.ask_save_path`
and :meth:`InstructorArea.ask_confirm` so tests can replace them. Nothing
here sets a pixel font size; every button is at least 52 px square, named
by its visible text, and usable from the keyboard.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRegularExpression, Qt, Signal, Slot
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from trainer.app.learner_picker import MIN_TARGET_PX
from trainer.progress.learners import InvalidName, LearnerDirectory, NotFound
from trainer.progress.pin import PIN_MAX_DIGITS, InstructorPin, PinFormatError, normalize_pin
from trainer.progress.recorder import ProgressRecorder, SaveStatus
from trainer.progress.reports import Reports, StumbleStep
from trainer.widgets.button import BigButton
from trainer.widgets.look import Look

log = logging.getLogger("trainer.app")

NO_GROUP_TEXT = "クラスなし"


class SaveStatusNotifier(QObject):
    """Turns the recorder's status callback (worker thread) into a Qt signal (UI thread)."""

    status_changed = Signal(object)
    """Fires with a :class:`~trainer.progress.recorder.SaveStatus` whenever saving changes state."""

    def __init__(self, recorder: ProgressRecorder, parent: QObject | None = None) -> None:
        super().__init__(parent)
        emit = self.status_changed.emit
        recorder.add_status_listener(emit)
        self.destroyed.connect(lambda *_: recorder.remove_status_listener(emit))


def _uuid_of(value: object) -> uuid.UUID | None:
    """Ids travel through Qt item data as text ("" for none): Qt cannot compare Python objects."""
    return uuid.UUID(str(value)) if value else None


def _field(widget: QWidget, name: str) -> QWidget:
    widget.setAccessibleName(name)
    widget.setMinimumHeight(MIN_TARGET_PX)
    if isinstance(widget, QComboBox):
        # A combo is as wide as its longest name by default: long names must not widen the window.
        widget.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        widget.setMinimumContentsLength(6)
        widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return widget


def _form() -> QFormLayout:
    """Label and field side by side while they fit, the field under its label when they do not."""
    form = QFormLayout()
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return form


def _scrolling(content: QWidget) -> QScrollArea:
    """``content`` scrolling up and down, so large text makes it taller, never the window bigger."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    scroll.setWidget(content)
    return scroll


def _label(text: str = "", *, name: str | None = None) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # learners' names are never rich text (<img width=3000>)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard | Qt.TextInteractionFlag.TextSelectableByMouse)
    if name:
        label.setObjectName(name)
    return label


def _pin_edit(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(PIN_MAX_DIGITS)
    edit.setValidator(QRegularExpressionValidator(QRegularExpression("[0-9０-９]{0,8}"), edit))
    edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhSensitiveData)
    _field(edit, name)
    return edit


def _table(headers: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.setAccessibleName(name)
    # Large text makes the header and rows big; the table scrolls inside instead of widening the window.
    table.setMinimumSize(4 * MIN_TARGET_PX, 4 * MIN_TARGET_PX)
    return table


def _fill(table: QTableWidget, rows: list[list[Any]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem(str(value))
            if isinstance(value, int | float):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)


class InstructorArea(QWidget):
    """PIN-protected area for instructors and supporters."""

    closed = Signal()
    """Fires when 「閉じる」 is pressed; the area locks itself again first."""

    unlocked = Signal()
    """Fires when the right PIN was entered (or a new PIN was set)."""

    learners_changed = Signal()
    """Fires after learners or groups were added, renamed, merged or removed (refresh the picker)."""

    def __init__(
        self,
        learners: LearnerDirectory,
        pin: InstructorPin,
        reports: Reports,
        recorder: ProgressRecorder | None = None,
        parent: QWidget | None = None,
        *,
        scenario_title: Callable[[str], str] | None = None,
        look: Look | None = None,
        notice: Callable[[], str | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("instructorArea")
        #: The record's own notice (a full disk, a damaged file set aside and its name), shown beside
        #: the waiting records so the instructor reads it too, not only the learner at the picker.
        self._notice = notice
        self._look = look or Look()
        self._learners = learners
        self._pin = pin
        self._reports = reports
        self._recorder = recorder
        self._title = scenario_title or (lambda sid: sid)

        self.stack = QStackedWidget()
        self.stack.addWidget(_scrolling(self._build_set_pin_page()))
        self.stack.addWidget(_scrolling(self._build_enter_pin_page()))
        self.stack.addWidget(self._build_main_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)

        if recorder is not None:
            self._notifier = SaveStatusNotifier(recorder, self)
            self._notifier.status_changed.connect(self._show_status)
        from trainer.app.idle_lock import IdleLock

        self.idle_lock = IdleLock(self, self.lock, lambda: self.is_unlocked)
        self.lock()

    # -- dialogs (replaceable in tests) ------------------------------------------------------

    @classmethod
    def ask_save_path(cls, parent: QWidget | None, suggested_name: str) -> str | None:
        """Ask where to save an export; None when cancelled."""
        path, _ = QFileDialog.getSaveFileName(
            parent, "書き出す場所を選んでください", str(Path.home() / suggested_name), "JSON (*.json)"
        )
        return path or None

    @classmethod
    def ask_confirm(cls, parent: QWidget | None, title: str, text: str) -> bool:
        """Ask a yes/no question; True only for an explicit yes."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=parent)
        box.setTextFormat(Qt.TextFormat.PlainText)  # the text names a learner: never rich text
        yes = box.addButton("はい、実行します", QMessageBox.ButtonRole.DestructiveRole)
        no = box.addButton("やめる", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(no)
        box.exec()
        return box.clickedButton() is yes

    def _button(self, text: str, *, style: str = "secondary") -> BigButton:
        """The app's big button: wraps its text at any size, named by its text, Enter presses it."""
        button = BigButton(text, self._look, style=style)
        button.setMinimumSize(MIN_TARGET_PX, MIN_TARGET_PX)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        button.setSizePolicy(policy)
        return button

    # -- PIN pages -----------------------------------------------------------------------------

    def _build_set_pin_page(self) -> QWidget:
        page = QWidget()
        self.new_pin_edit = _pin_edit("新しい暗証番号")
        self.new_pin_again_edit = _pin_edit("もう一度")
        self.set_pin_button = self._button("この暗証番号にする")
        self.set_pin_button.clicked.connect(self._set_pin)
        self.new_pin_again_edit.returnPressed.connect(self._set_pin)
        self.new_pin_edit.returnPressed.connect(self.new_pin_again_edit.setFocus)
        self.set_pin_message = _label(name="setPinMessage")
        form = _form()
        form.addRow("新しい暗証番号", self.new_pin_edit)
        form.addRow("もう一度", self.new_pin_again_edit)
        layout = QVBoxLayout(page)
        layout.addWidget(
            _label(
                "はじめに、先生・サポーター用の暗証番号を決めてください。"
                "4〜8けたの数字です。学習者には知らせないでください。"
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.set_pin_message)
        layout.addWidget(self.set_pin_button)
        layout.addWidget(self._close_button())
        layout.addStretch(1)
        return page

    def _build_enter_pin_page(self) -> QWidget:
        page = QWidget()
        self.pin_edit = _pin_edit("暗証番号")
        self.unlock_button = self._button("開く")
        self.unlock_button.clicked.connect(self._check_pin)
        self.pin_edit.returnPressed.connect(self._check_pin)
        self.pin_message = _label(name="pinMessage")
        form = _form()
        form.addRow("暗証番号", self.pin_edit)
        layout = QVBoxLayout(page)
        layout.addWidget(_label("先生・サポーター用の暗証番号を入れてください。"))
        layout.addLayout(form)
        layout.addWidget(self.pin_message)
        layout.addWidget(self.unlock_button)
        layout.addWidget(self._close_button())
        layout.addStretch(1)
        return page

    def _close_button(self) -> BigButton:
        button = self._button("閉じる")
        button.clicked.connect(self._close)
        return button

    @Slot()
    def lock(self) -> None:
        """Show the PIN page again (the set-PIN page when no PIN exists yet)."""
        for edit in (self.pin_edit, self.new_pin_edit, self.new_pin_again_edit):
            edit.clear()
        self.pin_message.clear()
        self.set_pin_message.clear()
        self.idle_lock.stop()
        try:
            has_pin = self._pin.is_set() or self._pin.needs_recovery()
            if not self._pin.is_set():
                self.pin_message.setText(self._pin.failure_message_ja())
        except Exception as exc:
            log.warning("PIN setting unavailable: %s", type(exc).__name__)
            has_pin = True
            self.pin_message.setText("記録のデータベースにつながりません。しばらくしてからもう一度どうぞ。")
        self.stack.setCurrentIndex(1 if has_pin else 0)
        (self.pin_edit if has_pin else self.new_pin_edit).setFocus()

    @property
    def is_unlocked(self) -> bool:
        return self.stack.currentIndex() == 2

    @Slot()
    def _set_pin(self) -> None:
        first, again = self.new_pin_edit.text(), self.new_pin_again_edit.text()
        try:
            normalized = normalize_pin(first)
        except PinFormatError as exc:
            self.set_pin_message.setText(exc.message_ja)
            return
        try:
            again_normalized: str | None = normalize_pin(again)
        except PinFormatError:
            again_normalized = None
        if again_normalized != normalized:
            self.set_pin_message.setText("2つの暗証番号が同じではありません。もう一度入れてください。")
            self.new_pin_again_edit.clear()
            self.new_pin_again_edit.setFocus()
            return
        try:
            self._pin.set(normalized)
        except Exception as exc:
            log.warning("PIN could not be saved: %s", type(exc).__name__)
            self.set_pin_message.setText(getattr(exc, "message_ja", None)
                                         or "暗証番号を保存できませんでした。しばらくしてからもう一度どうぞ。")
            return
        self._unlock()

    @Slot()
    def _check_pin(self) -> None:
        try:
            ok = self._pin.check(self.pin_edit.text())
        except Exception as exc:
            log.warning("PIN check failed: %s", type(exc).__name__)
            self.pin_message.setText("記録のデータベースにつながりません。しばらくしてからもう一度どうぞ。")
            return
        self.pin_edit.clear()
        if not ok:
            self.pin_message.setText(self._pin.failure_message_ja())
            self.pin_edit.setFocus()
            return
        self._unlock()

    def _unlock(self) -> None:
        self.idle_lock.start()
        self.stack.setCurrentIndex(2)
        self.reload()
        self.tabs.setFocus()
        self.unlocked.emit()

    @Slot()
    def _close(self) -> None:
        self.lock()
        self.closed.emit()

    # -- main page ---------------------------------------------------------------------------

    def _build_main_page(self) -> QWidget:
        page = QWidget()
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("先生・サポーター用の画面")
        self.tabs.setUsesScrollButtons(True)  # five tab names at 300% need not fit side by side
        self.tabs.tabBar().setElideMode(Qt.TextElideMode.ElideNone)
        self.tabs.addTab(_scrolling(self._build_learners_tab()), "学習者とクラス")
        self.tabs.addTab(_scrolling(self._build_progress_tab()), "進み具合")
        self.tabs.addTab(_scrolling(self._build_data_tab()), "書き出し・削除")
        self.tabs.addTab(_scrolling(self._build_pending_tab()), "保存待ち")
        self.tabs.addTab(_scrolling(self._build_scenario_tab()), "つまずき")
        self.tabs.currentChanged.connect(lambda _i: self._refresh_pending())
        layout = QVBoxLayout(page)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self._close_button())
        return page

    def _build_learners_tab(self) -> QWidget:
        tab = QWidget()
        self.learner_list = QListWidget()
        self.learner_list.setAccessibleName("学習者の一覧")
        self.learner_list.currentItemChanged.connect(self._learner_selected)
        self.name_edit = _field(QLineEdit(), "名前")
        self.name_edit.setPlaceholderText("名前（ニックネームでもかまいません）")
        self.group_combo = _field(QComboBox(), "クラス")
        self.merge_target_combo = _field(QComboBox(), "まとめる先")
        self.add_button = self._button("追加する")
        self.add_button.clicked.connect(self._add_learner)
        self.name_edit.returnPressed.connect(self._add_learner)
        self.rename_button = self._button("名前を変える")
        self.rename_button.clicked.connect(self._rename_learner)
        self.regroup_button = self._button("クラスを変える")
        self.regroup_button.clicked.connect(self._regroup_learner)
        self.merge_button = self._button("まとめる")
        self.merge_button.clicked.connect(self._merge_learner)
        self.remove_button = self._button("削除する")
        self.remove_button.clicked.connect(self._remove_learner)
        self.learners_message = _label(name="learnersMessage")

        form = _form()
        form.addRow("名前", self.name_edit)
        form.addRow("クラス", self.group_combo)
        buttons = QGridLayout()
        for i, b in enumerate((self.add_button, self.rename_button, self.regroup_button, self.remove_button)):
            buttons.addWidget(b, i // 2, i % 2)
        merge_row = QHBoxLayout()
        merge_row.addWidget(_label("選んだ人の記録を"))
        merge_row.addWidget(self.merge_target_combo, 1)
        merge_row.addWidget(_label("に"))
        merge_row.addWidget(self.merge_button)

        learners_box = QGroupBox("学習者")
        box = QVBoxLayout(learners_box)
        box.addWidget(self.learner_list, 1)
        box.addLayout(form)
        box.addLayout(buttons)
        box.addLayout(merge_row)

        self.group_list = QListWidget()
        self.group_list.setAccessibleName("クラスの一覧")
        self.group_list.currentItemChanged.connect(self._group_selected)
        self.group_name_edit = _field(QLineEdit(), "クラスの名前")
        self.add_group_button = self._button("クラスを追加")
        self.add_group_button.clicked.connect(self._add_group)
        self.rename_group_button = self._button("クラス名を変える")
        self.rename_group_button.clicked.connect(self._rename_group)
        self.remove_group_button = self._button("クラスを削除")
        self.remove_group_button.clicked.connect(self._remove_group)
        groups_box = QGroupBox("クラス")
        gbox = QVBoxLayout(groups_box)
        gbox.addWidget(self.group_list, 1)
        gform = _form()
        gform.addRow("クラスの名前", self.group_name_edit)
        gbox.addLayout(gform)
        for b in (self.add_group_button, self.rename_group_button, self.remove_group_button):
            gbox.addWidget(b)

        layout = QVBoxLayout(tab)
        # Side by side at ordinary sizes; one under the other when large text leaves no room.
        row = QBoxLayout(
            QBoxLayout.Direction.TopToBottom if self._look.scale >= 1.75 else QBoxLayout.Direction.LeftToRight
        )
        row.addWidget(learners_box, 3)
        row.addWidget(groups_box, 2)
        layout.addLayout(row, 1)
        layout.addWidget(self.learners_message)
        return tab

    def _build_progress_tab(self) -> QWidget:
        tab = QWidget()
        self.progress_learner_combo = _field(QComboBox(), "学習者")
        self.progress_learner_combo.currentIndexChanged.connect(lambda _i: self._show_learner_progress())
        self.progress_summary = _label(name="progressSummary")
        self.progress_table = _table(["練習", "回数", "最後まで", "やめた", "最後の結果"], "練習ごとの進み具合")
        self.learner_stumble_table = _table(
            ["練習", "手順", "まちがい", "ヒント", "やり直し", "やめた"], "つまずいた手順"
        )
        form = _form()
        form.addRow("学習者", self.progress_learner_combo)
        layout = QVBoxLayout(tab)
        layout.addLayout(form)
        layout.addWidget(self.progress_summary)
        layout.addWidget(self.progress_table, 1)
        layout.addWidget(_label("つまずいた手順（多い順）"))
        layout.addWidget(self.learner_stumble_table, 1)
        return tab

    def _build_data_tab(self) -> QWidget:
        tab = QWidget()
        self.data_learner_combo = _field(QComboBox(), "学習者")
        self.export_button = self._button("JSONファイルに書き出す")
        self.export_button.clicked.connect(self._export)
        self.delete_button = self._button("この人の記録をすべて削除する", style="danger")
        self.delete_button.setObjectName("dangerButton")
        self.delete_button.clicked.connect(self._delete_completely)
        self.data_message = _label(name="dataMessage")
        form = _form()
        form.addRow("学習者", self.data_learner_combo)
        layout = QVBoxLayout(tab)
        layout.addWidget(
            _label(
                "本人から求められたときは、その人の記録を書き出して渡したり、すべて削除したりできます"
                "（個人情報保護法）。削除すると元に戻せません。"
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.export_button)
        layout.addWidget(self.delete_button)
        layout.addWidget(self.data_message)
        layout.addStretch(1)
        return tab

    def _build_pending_tab(self) -> QWidget:
        tab = QWidget()
        self.pending_label = _label(name="pendingLabel")
        self.pending_status = _label(name="pendingStatus")
        self.retry_button = self._button("今すぐ保存を試す")
        self.retry_button.clicked.connect(self._retry)
        layout = QVBoxLayout(tab)
        layout.addWidget(self.pending_label)
        layout.addWidget(self.pending_status)
        layout.addWidget(self.retry_button)
        layout.addStretch(1)
        return tab

    def _build_scenario_tab(self) -> QWidget:
        tab = QWidget()
        self.scenario_combo = _field(QComboBox(), "練習")
        self.scenario_combo.currentIndexChanged.connect(lambda _i: self._show_scenario())
        self.scenario_summary = _label(name="scenarioSummary")
        self.scenario_stumble_table = _table(["手順", "まちがい", "ヒント", "やり直し", "やめた"], "つまずいた手順")
        self.scenario_mistake_table = _table(["手順", "よくあるまちがい", "回数"], "よくあるまちがい")
        form = _form()
        form.addRow("練習", self.scenario_combo)
        layout = QVBoxLayout(tab)
        layout.addLayout(form)
        layout.addWidget(self.scenario_summary)
        layout.addWidget(_label("つまずいた手順（多い順）"))
        layout.addWidget(self.scenario_stumble_table, 1)
        layout.addWidget(_label("よくあるまちがい"))
        layout.addWidget(self.scenario_mistake_table, 1)
        return tab

    # -- loading -----------------------------------------------------------------------------

    @Slot()
    def reload(self) -> None:
        """Load learners, groups, scenarios and the waiting count again."""
        try:
            learners = self._learners.list_learners()
            groups = self._learners.list_groups()
            scenarios = self._reports.scenario_ids()
        except Exception as exc:
            log.warning("instructor area could not load: %s", type(exc).__name__)
            self.learners_message.setText("記録のデータベースにつながりません。しばらくしてからもう一度どうぞ。")
            learners, groups, scenarios = [], [], []
        selected = self._selected_learner()
        self.learner_list.clear()
        for learner in learners:
            text = learner.display_name + (f"（{learner.group_name}）" if learner.group_name else "")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, str(learner.id))
            self.learner_list.addItem(item)
            if learner.id == selected:
                self.learner_list.setCurrentItem(item)
        for combo in (self.merge_target_combo, self.progress_learner_combo, self.data_learner_combo):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for learner in learners:
                combo.addItem(learner.display_name, str(learner.id))
            index = combo.findData(current)
            combo.setCurrentIndex(index if index >= 0 else (0 if learners else -1))
            combo.blockSignals(False)
        current_group = self.group_combo.currentData()
        self.group_combo.clear()
        self.group_combo.addItem(NO_GROUP_TEXT, "")
        self.group_list.clear()
        for group in groups:
            self.group_combo.addItem(group.name, str(group.id))
            item = QListWidgetItem(f"{group.name}（{group.learner_count}人）")
            item.setData(Qt.ItemDataRole.UserRole, str(group.id))
            self.group_list.addItem(item)
        index = self.group_combo.findData(current_group)
        self.group_combo.setCurrentIndex(max(index, 0))
        current_scenario = self.scenario_combo.currentData()
        self.scenario_combo.blockSignals(True)
        self.scenario_combo.clear()
        for sid in scenarios:
            self.scenario_combo.addItem(self._title(sid), sid)
        index = self.scenario_combo.findData(current_scenario)
        self.scenario_combo.setCurrentIndex(index if index >= 0 else (0 if scenarios else -1))
        self.scenario_combo.blockSignals(False)
        self._show_learner_progress()
        self._show_scenario()
        self._refresh_pending()

    def _selected_learner(self) -> uuid.UUID | None:
        item = self.learner_list.currentItem()
        return _uuid_of(item.data(Qt.ItemDataRole.UserRole)) if item else None

    def _selected_group(self) -> uuid.UUID | None:
        item = self.group_list.currentItem()
        return _uuid_of(item.data(Qt.ItemDataRole.UserRole)) if item else None

    @Slot()
    def _learner_selected(self, current: QListWidgetItem | None, _previous: object = None) -> None:
        if current is None:
            return
        learner_id = _uuid_of(current.data(Qt.ItemDataRole.UserRole))
        for learner in self._safe(self._learners.list_learners, []):
            if learner.id == learner_id:
                self.name_edit.setText(learner.display_name)
                self.group_combo.setCurrentIndex(max(self.group_combo.findData(str(learner.group_id or "")), 0))

    @Slot()
    def _group_selected(self, current: QListWidgetItem | None, _previous: object = None) -> None:
        if current is not None:
            text = current.text()
            self.group_name_edit.setText(text[: text.rfind("（")] if "（" in text else text)

    def _safe(self, fn: Callable[[], Any], default: Any) -> Any:
        try:
            return fn()
        except Exception as exc:
            log.warning("instructor area read failed: %s", type(exc).__name__)
            return default

    # -- learner and group actions ------------------------------------------------------------

    def _change(self, action: Callable[[], Any], done: str, message: QLabel | None = None) -> bool:
        """Run a change, show a plain message, reload. Returns True when it worked."""
        message = message or self.learners_message
        try:
            action()
        except InvalidName as exc:
            message.setText(exc.message_ja)
            return False
        except NotFound as exc:
            message.setText(exc.message_ja)
            self.reload()
            return False
        except Exception as exc:
            log.warning("instructor area change failed: %s", type(exc).__name__)
            message.setText("うまくいきませんでした。記録のデータベースにつながっているか確かめてください。")
            return False
        self.reload()
        message.setText(done)
        self.learners_changed.emit()
        return True

    def _need_learner(self) -> uuid.UUID | None:
        learner_id = self._selected_learner()
        if learner_id is None:
            self.learners_message.setText("先に一覧から学習者を選んでください。")
        return learner_id

    @Slot()
    def _add_learner(self) -> None:
        name = self.name_edit.text()
        if self._change(
            lambda: self._learners.add_learner(name, _uuid_of(self.group_combo.currentData())), f"「{name.strip()}」さんを追加しました。"
        ):
            self.name_edit.clear()

    @Slot()
    def _rename_learner(self) -> None:
        learner_id = self._need_learner()
        if learner_id is not None:
            name = self.name_edit.text()
            self._change(lambda: self._learners.rename_learner(learner_id, name), "名前を変えました。")

    @Slot()
    def _regroup_learner(self) -> None:
        learner_id = self._need_learner()
        if learner_id is not None:
            group_id = _uuid_of(self.group_combo.currentData())
            self._change(lambda: self._learners.set_learner_group(learner_id, group_id), "クラスを変えました。")

    @Slot()
    def _merge_learner(self) -> None:
        merge_id = self._need_learner()
        keep_id = _uuid_of(self.merge_target_combo.currentData())
        if merge_id is None or keep_id is None:
            return
        if keep_id == merge_id:
            self.learners_message.setText("まとめる先には、別の人を選んでください。")
            return
        merge_name = self.learner_list.currentItem().text()
        keep_name = self.merge_target_combo.currentText()
        if not self.ask_confirm(
            self,
            "記録をまとめる",
            f"「{merge_name}」さんの記録を「{keep_name}」さんにまとめ、「{merge_name}」さんの名前を消します。よろしいですか。",
        ):
            return
        self._change(lambda: self._learners.merge_learners(keep_id, merge_id), "記録をまとめました。")

    @Slot()
    def _remove_learner(self) -> None:
        learner_id = self._need_learner()
        if learner_id is None:
            return
        name = self.learner_list.currentItem().text()
        self._confirm_and_delete(learner_id, name, self.learners_message)

    def _confirm_and_delete(self, learner_id: uuid.UUID, name: str, message: QLabel) -> None:
        if not self.ask_confirm(
            self,
            "完全に削除する",
            f"「{name}」さんの名前と、すべての練習の記録を削除します。元に戻せません。よろしいですか。",
        ):
            message.setText("削除しませんでした。")
            return
        self._change(
            lambda: self._learners.delete_learner(learner_id),
            f"「{name}」さんの記録をすべて削除しました。",
            message,
        )

    @Slot()
    def _add_group(self) -> None:
        name = self.group_name_edit.text()
        if self._change(lambda: self._learners.add_group(name), f"クラス「{name.strip()}」を追加しました。"):
            self.group_name_edit.clear()

    @Slot()
    def _rename_group(self) -> None:
        group_id = self._selected_group()
        if group_id is None:
            self.learners_message.setText("先に一覧からクラスを選んでください。")
            return
        name = self.group_name_edit.text()
        self._change(lambda: self._learners.rename_group(group_id, name), "クラスの名前を変えました。")

    @Slot()
    def _remove_group(self) -> None:
        group_id = self._selected_group()
        if group_id is None:
            self.learners_message.setText("先に一覧からクラスを選んでください。")
            return
        if not self.ask_confirm(
            self, "クラスを削除する", "このクラスを削除します。学習者と記録は残ります（クラスなしになります）。"
        ):
            return
        self._change(lambda: self._learners.remove_group(group_id), "クラスを削除しました。")

    # -- progress, export, delete -------------------------------------------------------------

    @Slot()
    def _show_learner_progress(self) -> None:
        learner_id = _uuid_of(self.progress_learner_combo.currentData())
        if learner_id is None:
            self.progress_summary.setText("学習者がまだいません。")
            _fill(self.progress_table, [])
            _fill(self.learner_stumble_table, [])
            return
        report = self._safe(lambda: self._reports.learner_report(learner_id), None)
        if report is None:
            self.progress_summary.setText("記録を読み込めませんでした。")
            return
        self.progress_summary.setText(
            f"{report.display_name}さん：{len(report.scenarios)}種類の練習を始め、"
            f"{report.scenarios_finished}種類を最後までできました。"
        )
        _fill(
            self.progress_table,
            [
                [self._title(s.scenario_id), s.attempts, s.finished, s.abandoned, s.last_outcome or "—"]
                for s in report.scenarios
            ],
        )
        _fill(self.learner_stumble_table, [self._stumble_row(s, with_scenario=True) for s in report.stumbles])

    def _stumble_row(self, s: StumbleStep, *, with_scenario: bool) -> list[Any]:
        row: list[Any] = [s.step_id, s.mistakes, s.hints, s.restarts, s.abandons]
        return [self._title(s.scenario_id), *row] if with_scenario else row

    @Slot()
    def _export(self) -> None:
        learner_id = _uuid_of(self.data_learner_combo.currentData())
        if learner_id is None:
            self.data_message.setText("学習者を選んでください。")
            return
        if self._recorder is not None:
            self._recorder.flush(5.0)  # include what this PC recorded a moment ago
        suggested = self._safe(lambda: self._learners.export_file_name(learner_id), "learner-record.json")
        path = self.ask_save_path(self, suggested)
        if not path:
            self.data_message.setText("書き出しをやめました。")
            return
        try:  # the save dialog asked about a file that existed; one made since is never replaced
            written = self._learners.export_learner_json(learner_id, path, overwrite=Path(path).exists())
        except Exception as exc:
            log.warning("export failed: %s", type(exc).__name__)
            self.data_message.setText("書き出せませんでした。保存する場所を確かめてください。")
            return
        self.data_message.setText(f"書き出しました：{written}")

    @Slot()
    def _delete_completely(self) -> None:
        learner_id = _uuid_of(self.data_learner_combo.currentData())
        if learner_id is None:
            self.data_message.setText("学習者を選んでください。")
            return
        self._confirm_and_delete(learner_id, self.data_learner_combo.currentText(), self.data_message)

    # -- waiting records ----------------------------------------------------------------------

    @Slot()
    def _refresh_pending(self) -> None:
        if self._recorder is None:
            self.pending_label.setText("このパソコンでは記録をとっていません。")
            self.retry_button.setEnabled(False)
            return
        self._show_status(self._recorder.status)

    @Slot(object)
    def _show_status(self, status: SaveStatus) -> None:
        pending = self._recorder.pending_count() if self._recorder is not None else status.pending
        self.pending_label.setText(f"保存を待っている記録：{pending}件")
        text = status.message_ja if pending else "記録はすべて保存されています。"
        try:
            note = self._notice() if self._notice is not None else None
        except Exception:  # the notice is a courtesy; never a reason to fail here
            note = None
        self.pending_status.setText(f"{text}\n{note}" if note else text)

    @Slot()
    def _retry(self) -> None:
        if self._recorder is None:
            return
        self.pending_status.setText("保存を試しています…")
        self._recorder.retry_now(timeout=10.0)
        self._refresh_pending()

    # -- scenario report ----------------------------------------------------------------------

    @Slot()
    def _show_scenario(self) -> None:
        sid = self.scenario_combo.currentData()
        if sid is None:
            self.scenario_summary.setText("まだ練習の記録がありません。")
            _fill(self.scenario_stumble_table, [])
            _fill(self.scenario_mistake_table, [])
            return
        report = self._safe(lambda: self._reports.scenario_report(sid), None)
        if report is None:
            self.scenario_summary.setText("記録を読み込めませんでした。")
            return
        self.scenario_summary.setText(
            f"{report.learners}人が{report.attempts}回練習し、{report.finished}回は最後までできました"
            f"（{report.completion_rate:.0%}）。"
        )
        _fill(self.scenario_stumble_table, [self._stumble_row(s, with_scenario=False) for s in report.stumbles])
        _fill(self.scenario_mistake_table, [[m.step_id, m.mistake_id, m.count] for m in report.known_mistakes])
