"""Class sessions: start and end a class, correct past ones, keep the city's list of venues.

A class is started with a date (today unless changed), a venue from the
list, an instructor and a kind (講習会 / 相談会 / 障がい者向け / 出張). While
it is open every attempt on the PCs sharing the record belongs to it; it
ends with 「教室を終える」 or at midnight. Past classes can be corrected.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from trainer.app.instructor.common import Jobs, Page, button, field, form, label, selected_key, table, uuid_of
from trainer.app.instructor.learners import problem_text
from trainer.progress.classes import ClassBook, SessionInfo, local_today
from trainer.progress.models import SessionKind
from trainer.widgets.look import Look


def kind_text(page: Page, kind: SessionKind | str) -> str:
    return page.tr(f"class.kind.{SessionKind(kind).value}")


def parse_date(text: str) -> dt.date | None:
    cleaned = (text or "").strip().translate(str.maketrans("０１２３４５６７８９－／", "0123456789-/")).replace("/", "-")
    try:
        return dt.date.fromisoformat(cleaned)
    except ValueError:
        return None


class ClassesPage(Page):
    """Start / end the class, the list of classes held, the list of venues."""

    session_changed = Signal()
    """A class was started or ended on this PC (the seat looks again at once)."""

    def __init__(
        self, book: ClassBook, look: Look, jobs: Jobs, *, today: Callable[[], dt.date] = local_today,
        parent: QWidget | None = None, in_parts: bool = False,
    ) -> None:
        super().__init__(look, jobs, parent)
        self._book = book
        self._today = today
        self._open: SessionInfo | None = None
        self._sessions: dict[uuid.UUID, SessionInfo] = {}
        self._venue_names: list[str] | None = None  # the venues shown (None: not yet)
        self.make([self._build_start, self._build_history, self._build_venues, self._lay_out], in_parts)

    def _build_start(self) -> None:
        """The open class, and starting one."""
        t, look = self.tr, self.look
        self.open_label = label(name="openClass")
        self.date_edit = field(QLineEdit(), t("classes.date"), look)
        self.venue_combo = field(QComboBox(), t("classes.venue"), look)
        self.instructor_edit = field(QLineEdit(), t("classes.instructor"), look)
        self.kind_combo = self._kind_combo(t("classes.kind"))
        self.start_button = button(t("classes.start"), look, style="primary")
        self.start_button.clicked.connect(self._start)
        self.end_button = button(t("classes.end"), look)
        self.end_button.clicked.connect(self._end)
        self.message = label(name="classesMessage")
        self._start_box = start_box = QGroupBox(t("classes.start_box"))
        start_form = form()
        start_form.addRow(t("classes.date"), self.date_edit)
        start_form.addRow(t("classes.venue"), self.venue_combo)
        start_form.addRow(t("classes.instructor"), self.instructor_edit)
        start_form.addRow(t("classes.kind"), self.kind_combo)
        sbox = QVBoxLayout(start_box)
        sbox.addLayout(start_form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.end_button)
        sbox.addLayout(buttons)
        sbox.addWidget(label(t("classes.note")))

    def _build_history(self) -> None:
        """The classes held, and fixing one."""
        t, look = self.tr, self.look
        self.sessions_view, self.sessions_model = table(
            [t("classes.col.date"), t("classes.col.venue"), t("classes.col.kind"), t("classes.col.instructor"),
             t("classes.col.state")],
            t("classes.history"),
            look,
        )
        self.sessions_view.selectionModel().selectionChanged.connect(lambda *_: self._session_selected())
        self.fix_date_edit = field(QLineEdit(), t("classes.date"), look)
        self.fix_venue_combo = field(QComboBox(), t("classes.venue"), look)
        self.fix_instructor_edit = field(QLineEdit(), t("classes.instructor"), look)
        self.fix_kind_combo = self._kind_combo(t("classes.kind"))
        self.fix_button = button(t("classes.fix"), look)
        self.fix_button.clicked.connect(self._fix)
        self._history_box = history_box = QGroupBox(t("classes.history"))
        hbox = QVBoxLayout(history_box)
        hbox.addWidget(label(t("classes.history_note")))
        hbox.addWidget(self.sessions_view, 1)
        fix_form = form()
        fix_form.addRow(t("classes.date"), self.fix_date_edit)
        fix_form.addRow(t("classes.venue"), self.fix_venue_combo)
        fix_form.addRow(t("classes.instructor"), self.fix_instructor_edit)
        fix_form.addRow(t("classes.kind"), self.fix_kind_combo)
        hbox.addLayout(fix_form)
        hbox.addWidget(self.fix_button)

    def _build_venues(self) -> None:
        """The city's venues."""
        t, look = self.tr, self.look
        self.venue_list = QListWidget()
        self.venue_list.setAccessibleName(t("classes.venue_list"))
        self.venue_list.currentItemChanged.connect(self._venue_selected)
        self.venue_name_edit = field(QLineEdit(), t("classes.venue_name"), look)
        self.add_venue_button = button(t("classes.venue_add"), look)
        self.add_venue_button.clicked.connect(self._add_venue)
        self.venue_name_edit.returnPressed.connect(self._add_venue)
        self.rename_venue_button = button(t("classes.venue_rename"), look)
        self.rename_venue_button.clicked.connect(self._rename_venue)
        self.remove_venue_button = button(t("classes.venue_remove"), look)
        self.remove_venue_button.clicked.connect(self._remove_venue)
        self._venues_box = venues_box = QGroupBox(t("classes.venues_box"))
        vbox = QVBoxLayout(venues_box)
        vbox.addWidget(label(t("classes.venues_note")))
        vbox.addWidget(self.venue_list, 1)
        vform = form()
        vform.addRow(t("classes.venue_name"), self.venue_name_edit)
        vbox.addLayout(vform)
        for b in (self.add_venue_button, self.rename_venue_button, self.remove_venue_button):
            vbox.addWidget(b)

    def _lay_out(self) -> None:
        """The parts on the page."""
        look = self.look
        layout = QVBoxLayout(self)
        layout.addWidget(self.open_label)
        top = QBoxLayout(QBoxLayout.Direction.TopToBottom if look.scale >= 1.75 else QBoxLayout.Direction.LeftToRight)
        top.addWidget(self._start_box, 3)
        top.addWidget(self._venues_box, 2)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self._history_box, 1)
        self.date_edit.setText(self._today().isoformat())

    def _kind_combo(self, name: str) -> QComboBox:
        combo = field(QComboBox(), name, self.look)
        for kind in SessionKind:
            combo.addItem(kind_text(self, kind), kind.value)
        return combo

    # -- loading -----------------------------------------------------------------------------

    def reload(self) -> None:
        book = self._book
        tr = self.tr
        closed, opened = tr("classes.state.closed"), tr("classes.state.open")
        kinds = {kind: kind_text(self, kind) for kind in SessionKind}

        def work() -> tuple[SessionInfo | None, list[SessionInfo], list[Any], list[list[str]]]:
            # The table's rows are made here, on the worker thread: 16,000 sessions are not the UI's work.
            sessions = book.list_sessions()
            rows = [[s.held_on.isoformat(), s.venue, kinds[SessionKind(s.kind)], s.instructor_name,
                     opened if s.is_open() else closed] for s in sessions]
            return book.open_session(), sessions, book.list_venues(), rows

        self.jobs.run(work, self._show, lambda _e: self.message.setText(self.tr("ia.unreachable")))

    def _show(self, loaded: tuple[SessionInfo | None, list[SessionInfo], list[Any], list[list[str]]]) -> None:
        self._open, sessions, venues, rows = loaded
        if self._open is not None:
            s = self._open
            self.open_label.setText(
                self.tr("classes.open_now", date=s.held_on.isoformat(), venue=s.venue, kind=kind_text(self, s.kind),
                        instructor=s.instructor_name or self.tr("ia.none"))
            )
        else:
            self.open_label.setText(self.tr("classes.none_open"))
        self.end_button.setEnabled(self._open is not None)
        names = [venue.name for venue in venues]
        if names != self._venue_names:  # nothing rebuilt that did not change
            self._venue_names = names
            self._show_venues(venues)
        keys = [s.id for s in sessions]
        if rows == self.sessions_model.rows and keys == self.sessions_model.keys:
            return  # the same sessions: the table, its scroll position and its selection stay
        self._sessions = dict(zip(keys, sessions, strict=True))
        selected = selected_key(self.sessions_view)
        self.sessions_model.set_rows(rows, keys)
        if selected in self._sessions:
            self.sessions_view.selectRow(keys.index(selected))

    def _show_venues(self, venues: list[Any]) -> None:
        for combo in (self.venue_combo, self.fix_venue_combo):
            current = combo.currentText()
            combo.clear()
            for venue in venues:
                combo.addItem(venue.name, str(venue.id))
            index = combo.findText(current)
            combo.setCurrentIndex(index if index >= 0 else (0 if venues else -1))
        selected_venue = self.venue_list.currentItem().data(Qt.ItemDataRole.UserRole) if self.venue_list.currentItem() else None
        self.venue_list.clear()
        for venue in venues:
            item = QListWidgetItem(venue.name)
            item.setData(Qt.ItemDataRole.UserRole, str(venue.id))
            self.venue_list.addItem(item)
            if str(venue.id) == selected_venue:
                self.venue_list.setCurrentItem(item)

    @property
    def open_session(self) -> SessionInfo | None:
        return self._open

    # -- class ----------------------------------------------------------------------------------

    @Slot()
    def _start(self) -> None:
        held_on = parse_date(self.date_edit.text())
        if held_on is None:
            self.message.setText(self.tr("classes.bad_date"))
            return
        venue = self.venue_combo.currentText()
        if not venue:
            self.message.setText(self.tr("classes.need_venue"))
            return
        instructor = self.instructor_edit.text()
        kind = SessionKind(self.kind_combo.currentData())
        self._change(
            lambda: self._book.start_session(venue, instructor, kind, held_on=held_on),
            self.tr("classes.started"),
            session=True,
        )

    @Slot()
    def _end(self) -> None:
        if self._open is None:
            return
        session_id = self._open.id
        self._change(lambda: self._book.end_session(session_id), self.tr("classes.ended"), session=True)

    def _session_selected(self) -> None:
        session = self._sessions.get(selected_key(self.sessions_view))
        if session is None:
            return
        self.fix_date_edit.setText(session.held_on.isoformat())
        index = self.fix_venue_combo.findText(session.venue)
        if index < 0:  # a venue no longer on the list: offer it for this session
            self.fix_venue_combo.addItem(session.venue, "")
            index = self.fix_venue_combo.count() - 1
        self.fix_venue_combo.setCurrentIndex(index)
        self.fix_instructor_edit.setText(session.instructor_name)
        self.fix_kind_combo.setCurrentIndex(max(0, self.fix_kind_combo.findData(SessionKind(session.kind).value)))

    @Slot()
    def _fix(self) -> None:
        session_id = selected_key(self.sessions_view)
        if session_id is None:
            self.message.setText(self.tr("classes.pick_first"))
            return
        held_on = parse_date(self.fix_date_edit.text())
        if held_on is None:
            self.message.setText(self.tr("classes.bad_date"))
            return
        venue, instructor = self.fix_venue_combo.currentText(), self.fix_instructor_edit.text()
        kind = SessionKind(self.fix_kind_combo.currentData())
        self._change(
            lambda: self._book.fix_session(session_id, held_on=held_on, venue=venue, instructor_name=instructor, kind=kind),
            self.tr("classes.fixed"),
        )

    # -- venues ---------------------------------------------------------------------------------

    def _venue_selected(self, current: QListWidgetItem | None, _previous: object = None) -> None:
        if current is not None:
            self.venue_name_edit.setText(current.text())

    def _selected_venue(self) -> uuid.UUID | None:
        item = self.venue_list.currentItem()
        return uuid_of(item.data(Qt.ItemDataRole.UserRole)) if item else None

    @Slot()
    def _add_venue(self) -> None:
        name = self.venue_name_edit.text()
        self._change(lambda: self._book.add_venue(name), self.tr("classes.venue_added", name=" ".join(name.split())),
                     after=self.venue_name_edit.clear)

    @Slot()
    def _rename_venue(self) -> None:
        venue_id = self._selected_venue()
        if venue_id is None:
            self.message.setText(self.tr("classes.venue_pick_first"))
            return
        name = self.venue_name_edit.text()
        self._change(lambda: self._book.rename_venue(venue_id, name), self.tr("classes.venue_renamed"))

    @Slot()
    def _remove_venue(self) -> None:
        venue_id = self._selected_venue()
        if venue_id is None:
            self.message.setText(self.tr("classes.venue_pick_first"))
            return
        self._change(lambda: self._book.remove_venue(venue_id), self.tr("classes.venue_removed"))

    def _change(self, action: Callable[[], Any], done: str, *, session: bool = False,
                after: Callable[[], None] | None = None) -> None:
        def ok(_result: Any) -> None:
            self.message.setText(done)
            if after is not None:
                after()
            self.reload()
            if session:
                self.session_changed.emit()

        self.jobs.run(action, ok, lambda error: self.message.setText(problem_text(self, error)))
