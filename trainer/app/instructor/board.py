"""The help board: who practises in the open class, raised hands first, and 「対応しました」.

It reads the board while it is on screen (one small indexed query, on the
area's worker thread): on PostgreSQL when the record says it changed
(``BoardWatch``: every PC's write notifies it), at most every
``BOARD_MIN_GAP_S`` and at least every ``BOARD_WATCHED_POLL_S``; on SQLite,
or while the notices cannot arrive, every ``BOARD_POLL_S`` (twice a second).
A row shows a first name or nickname only (a guest is 「ゲスト」), the
practice and step, a raised hand, and
「つまずいています」 when the same step has had several wrong tries or hints —
counts, never time on screen. 「対応しました」 lowers the chosen person's hand
(or the longest-waiting hand when nobody is chosen; the button names whom)
and records that a helper assisted on that step.

What a helper needs first stays at the top, above the table, so it is in
view at 300 % on a 1280×720 screen too: the class, the counts, who has a
hand up, and the button.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QVBoxLayout, QWidget

from trainer.app.instructor.classes import kind_text
from trainer.app.instructor.common import (
    HEADER_HEIGHT,
    Jobs,
    Page,
    button,
    label,
    scrolling,
    selected_key,
    table,
)
from trainer.progress.classes import (
    BOARD_MIN_GAP_S,
    STATE_FINISHED,
    STATE_RESTING,
    BoardRow,
    BoardWatch,
    ClassBook,
    HelpBoard,
    SessionInfo,
)
from trainer.widgets.look import Look


class _Notices(QObject):
    """The watch's notices, carried from its thread to the UI thread (a queued signal)."""

    changed = Signal(str)


class BoardPage(Page):
    """The live help board for one record (the open class)."""

    def __init__(
        self,
        board: HelpBoard,
        book: ClassBook,
        look: Look,
        jobs: Jobs,
        *,
        scenario_title: Callable[[str], str] | None = None,
        on_answered: Callable[[], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(look, jobs, parent)
        self._board = board
        self._book = book
        self._title = scenario_title or (lambda sid: sid)
        self._on_answered = on_answered
        self._session: SessionInfo | None = None
        self._rows: list[BoardRow] = []
        self._loading = False
        t = self.tr
        self.heading = label(name="boardHeading")
        self.heading.setFont(look.font("body", bold=True))
        self.summary = label(name="boardSummary")
        self.hands = label(name="boardHands")
        self.hands.setFont(look.font("body", bold=True))
        self.view, self.model = table(
            [t("board.col.name"), t("board.col.scenario"), t("board.col.step"), t("board.col.hand"),
             t("board.col.tries"), t("board.col.state")],
            t("tab.board"),
            look,
        )
        # Rows are big at large text: the table scrolls inside and needs no more than its header and a row.
        self.view.setMinimumHeight(3 * look.px(HEADER_HEIGHT))
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._name_button())
        self.answer_button = button(t("board.answer"), look, style="primary")
        self.answer_button.clicked.connect(self._answer)
        self.message = label(name="boardMessage")
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.hands)
        layout.addWidget(self.answer_button)
        layout.addWidget(self.message)
        layout.addWidget(self.view, 1)
        # Its interval is the watch's own (``BoardWatch.poll_s``), read when the page starts and at each read:
        # never a copy of the setting taken when this module was first imported.
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.reload)
        #: The record's notices (PostgreSQL) while the board is on screen; None while it is not.
        self.watch: BoardWatch | None = None
        watching: list[BoardWatch] = []  # the watch to stop if the page is deleted while on screen
        self._watching = watching

        def stop_watching(*_: Any) -> None:
            for watch in watching:
                watch.close(timeout=0)

        self.destroyed.connect(stop_watching)
        self._notices = _Notices(self)
        self._notices.changed.connect(self._told)
        self._again = False  # told of a change while a read was on its way: read once more after it
        self._last_read = float("-inf")
        self._gap = QTimer(self)  # a read told of too soon after the last one waits for the rest of the gap
        self._gap.setSingleShot(True)
        self._gap.timeout.connect(self.reload)

    def start(self) -> None:
        """Read now, then when the record changes (PostgreSQL) and every ``BOARD_POLL_S`` or
        ``BOARD_WATCHED_POLL_S`` (while the board is on screen)."""
        if self.watch is None:
            self.watch = watch = BoardWatch(self._board.engine)
            notices = self._notices

            def relay(session: str) -> None:
                try:
                    notices.changed.emit(session)
                except RuntimeError:  # the page is gone without being stopped: stop listening
                    watch.on_change = None
                    watch.close(timeout=0)

            watch.on_change = relay
            self._watching[:] = [watch]
        self.timer.setInterval(int(self.watch.poll_s() * 1000))
        self.reload()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        self._gap.stop()
        watch, self.watch = self.watch, None
        self._watching.clear()
        if watch is not None:
            watch.on_change = None
            watch.close(timeout=0)  # its thread ends by itself within a second; the UI never waits for it

    @Slot(str)
    def _told(self, session: str) -> None:
        if self.watch is None:
            return
        if session and self._session is not None and session != str(self._session.id):
            return  # another class (or another record's schema on the same server)
        if self._loading:
            self._again = True
            return
        wait = BOARD_MIN_GAP_S - (time.monotonic() - self._last_read)
        if wait > 0:
            if not self._gap.isActive():
                self._gap.start(int(wait * 1000) + 1)
            return
        self.reload()

    @property
    def rows(self) -> list[BoardRow]:
        return list(self._rows)

    def reload(self) -> None:
        if self._loading:
            return  # the last read is still on its way: never pile up
        self._loading = True
        self._last_read = time.monotonic()
        if self.watch is not None:  # told of changes: the timer is only the safety net
            interval = int(self.watch.poll_s() * 1000)
            if self.timer.interval() != interval:
                self.timer.setInterval(interval)
        self.jobs.run(self._board.current, self._show, self._failed)

    def _done(self) -> None:
        self._loading = False
        if self._again:
            self._again = False
            self._told("")

    def _failed(self, _error: BaseException) -> None:
        self._done()
        self.message.setText(self.tr("ia.unreachable"))

    def _show(self, loaded: tuple[SessionInfo | None, list[BoardRow]]) -> None:
        self._session, rows = loaded
        self._rows = rows
        if self.message.text() == self.tr("ia.unreachable"):
            self.message.clear()
        raised = [r for r in rows if r.hand_raised]
        if self._session is None:
            self.heading.setText(self.tr("board.no_class"))
            self.summary.clear()
        else:
            self.heading.setText(
                self.tr("board.where", venue=self._session.venue, kind=kind_text(self, self._session.kind))
            )
            practising = sum(1 for r in rows if r.state not in (STATE_FINISHED, STATE_RESTING))
            self.summary.setText(
                self.tr("board.summary_short", n=practising, s=sum(r.stuck for r in rows)) if rows
                else self.tr("board.empty")
            )
        self.hands.setText(
            self.tr("board.hands", h=len(raised),
                    names=self.tr("board.name_sep").join(self.name_of(r) for r in raised)) if raised else ""
        )
        self.hands.setVisible(bool(raised))
        selected = selected_key(self.view)
        self.model.set_rows([self._cells(r) for r in rows], [r.presence_id for r in rows])
        keys = [r.presence_id for r in rows]
        if selected in keys:
            self.view.selectRow(keys.index(selected))
        self.answer_button.setEnabled(bool(raised))
        self._name_button()
        self._done()

    def _target(self) -> BoardRow | None:
        """Whose hand 「対応しました」 lowers: the chosen person's, else the longest-waiting one."""
        chosen: uuid.UUID | None = selected_key(self.view)
        row = next((r for r in self._rows if r.presence_id == chosen), None)
        if row is None or not row.hand_raised:
            row = next((r for r in self._rows if r.hand_raised), None)
        return row

    def _name_button(self) -> None:
        row = self._target()
        text = self.tr("board.answer_for", name=self.name_of(row)) if row is not None else self.tr("board.answer")
        if self.answer_button.text() != text:
            self.answer_button.setText(text)

    def _cells(self, row: BoardRow) -> list[Any]:
        t = self.tr
        name = t("board.guest") if row.is_guest else t("board.name", name=row.name)
        if row.state == STATE_FINISHED:
            state = t("board.state.finished", n=row.finished_count)
        elif row.state == STATE_RESTING:
            state = t("board.state.resting")
        elif row.stuck:
            state = t("board.state.stuck")
        else:
            state = t("board.state.practising")
        return [
            name,
            self._title(row.scenario_id) if row.scenario_id else t("ia.none"),
            t("board.step", n=row.step_number) if row.step_number else t("ia.none"),
            t("board.hand_up") if row.hand_raised else "",
            t("board.tries", m=row.mistakes, h=row.hints),
            state,
        ]

    def name_of(self, row: BoardRow) -> str:
        return self.tr("board.guest") if row.is_guest else self.tr("board.name", name=row.name)

    @Slot()
    def _answer(self) -> None:
        row = self._target()
        if row is None:
            self.message.setText(self.tr("board.pick_first"))
            return
        presence, name = row.presence_id, self.name_of(row)

        def done(_ok: Any) -> None:
            self.message.setText(self.tr("board.answered", name=name))
            if self._on_answered is not None:
                self._on_answered()
            self.reload()

        self.jobs.run(lambda: self._board.acknowledge(presence), done,
                      lambda _e: self.message.setText(self.tr("ia.failed")))


class BoardWindow(QWidget):
    """``trainer board``: the help board in a window of its own (behind the instructor PIN)."""

    def __init__(self, board: HelpBoard, book: ClassBook, pin: Any, look: Look, *,
                 scenario_title: Callable[[str], str] | None = None, parent: QWidget | None = None) -> None:
        from PySide6.QtWidgets import QStackedWidget

        from trainer.app.instructor.pin_gate import PinGate
        from trainer.widgets.style import style_sheet

        super().__init__(parent)
        self.look = look
        self.setWindowTitle(look.tr("tab.board"))
        self.setFont(look.font("body"))
        self.setStyleSheet(style_sheet(look))
        self.jobs = Jobs(self)
        self.gate = PinGate(pin, look, self.jobs)
        self.page = BoardPage(board, book, look, self.jobs, scenario_title=scenario_title)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.gate)
        self.stack.addWidget(scrolling(self.page))  # large text makes it taller, never the window
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)
        self.gate.unlocked.connect(self._open)
        self.gate.closed.connect(self.close)
        self.gate.reset()

    def _open(self) -> None:
        self.stack.setCurrentIndex(1)
        self.page.start()
