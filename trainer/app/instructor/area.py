"""The instructor area: behind a PIN, the pages instructors and helpers live in.

``InstructorArea`` shows the PIN gate first, then tabs, one module each:

* 学習者とクラス (``learners.py``) — learners and groups;
* 教室の開催 (``classes.py``) — start / end / correct classes, the venues;
* 見守りボード (``board.py``) — who practises, raised hands, 「対応しました」;
* 報告とつまずき (``reports.py``) — the city's report (CSV, PDF), by learner, by practice;
* 書き出し・削除・保存 (``data.py``) — a learner's data, records waiting on this PC.

The area has its own text size (default 100 %, kept on this PC, apart from
the learner's), chosen at its top. Every word comes from the catalogue, in
the app's language. Database work runs on one worker thread (``Jobs``), so
the window never waits for the record. Unlocked, it locks itself after three
idle minutes (``idle_lock.py``). Dialogs go through the classmethods
:meth:`ask_save_path` and :meth:`ask_confirm` so tests can replace them.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from trainer.app.instructor.common import (
    AreaPrefs,
    Jobs,
    LazyPages,
    PageTabs,
    button,
    field,
    give_font,
    label,
)
from trainer.app.instructor.pin_gate import PinGate
from trainer.app.pages import PageWidget
from trainer.app.report_export import ScenarioNames
from trainer.progress.classes import ClassBook, HelpBoard
from trainer.progress.learners import LearnerDirectory
from trainer.progress.pin import InstructorPin
from trainer.progress.recorder import ProgressRecorder
from trainer.progress.reports import Reports
from trainer.widgets.look import TEXT_SCALES, Look
from trainer.widgets.style import style_sheet
from trainer.words.catalogue import tr

if TYPE_CHECKING:  # the pages' modules are imported a pass each once the gate is shown (``_PAGE_MODULES``)
    from trainer.app.instructor.board import BoardPage
    from trainer.app.instructor.classes import ClassesPage
    from trainer.app.instructor.data import DataPage
    from trainer.app.instructor.learners import LearnersPage
    from trainer.app.instructor.reports import ReportsPage

log = logging.getLogger("trainer.app")

_PAGE_MODULES = tuple(f"trainer.app.instructor.{name}" for name in ("learners", "classes", "board", "reports", "data"))
"""The pages' modules, imported one per pass of the event loop after the gate and the tabs are made
(opening the area imports only the gate's), or when a page is made before that."""

_TAB_NAMES = {"learners": "tab.learners", "classes": "tab.classes", "board": "tab.board", "reports": "tab.reports",
              "data": "tab.data"}
PAGES = tuple(_TAB_NAMES)
"""The area's pages in the order of its tabs (their names in the catalogue: ``_TAB_NAMES``)."""

_FILTERS = {"json": "JSON (*.json)", "csv": "CSV (*.csv)", "pdf": "PDF (*.pdf)"}


class InstructorArea(PageWidget):
    """PIN-protected area for instructors and supporters; ``done`` fires after ``closed`` (the window
    shows the learner choice)."""

    closed = Signal()
    """Fires when 「閉じる」 is pressed; the area locks itself again first."""

    unlocked = Signal()
    """Fires when the right PIN was entered (or a new PIN was set)."""

    learners_changed = Signal()
    """Fires after learners or groups were added, renamed, merged or removed (refresh the picker)."""

    session_changed = Signal()
    """Fires after a class was started or ended here (this PC's seat looks again at once)."""

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
        classes: ClassBook | None = None,
        board: HelpBoard | None = None,
        names: ScenarioNames | None = None,
        prefs: AreaPrefs | None = None,
        notice: Callable[[], str | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("instructorArea")
        self._base_look = look or Look()
        self.prefs = prefs or AreaPrefs.load()
        self._learners = learners
        self._pin = pin
        self._reports = reports
        self._recorder = recorder
        self._book = classes or ClassBook(reports.engine)
        self._board = board or HelpBoard(reports.engine)
        self._names = names or ScenarioNames(title=scenario_title or (lambda sid: sid))
        #: The record's own notice (a full disk, a damaged file set aside and its name), shown beside
        #: the waiting records so the instructor reads it too, not only the learner at the picker.
        self._notice = notice
        self.jobs = Jobs(self)
        self.closed.connect(self.done.emit)  # the Page protocol's signal: the window goes on
        self.stack = QStackedWidget()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self._build()
        from trainer.app.idle_lock import IdleLock

        self.idle_lock = IdleLock(self, self.lock, lambda: self.is_unlocked)
        """Locks the unlocked area after idle minutes (names must not stay open to the next person)."""
        self.lock()

    @property
    def look(self) -> Look:
        """The area's look: the app's theme and language, the area's own text size."""
        return self._base_look.with_(scale=self.prefs.scale)

    # -- dialogs (replaceable in tests) ------------------------------------------------------

    @classmethod
    def ask_save_path(cls, parent: QWidget | None, suggested_name: str, kind: str = "json") -> str | None:
        """Ask where to save a file; None when cancelled."""
        look = getattr(parent, "look", None)
        title = look.tr("ia.save_where") if isinstance(look, Look) else tr("ia.save_where")
        path, _ = QFileDialog.getSaveFileName(parent, title, str(Path.home() / suggested_name),
                                              _FILTERS.get(kind, _FILTERS["json"]))
        return path or None

    @classmethod
    def ask_confirm(cls, parent: QWidget | None, title: str, text: str) -> bool:
        """Ask a yes/no question; True only for an explicit yes."""
        look = getattr(parent, "look", None)
        look = look if isinstance(look, Look) else Look()
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=parent)
        box.setTextFormat(Qt.TextFormat.PlainText)
        yes = box.addButton(look.tr("ia.yes"), QMessageBox.ButtonRole.DestructiveRole)
        no = box.addButton(look.tr("ia.no"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(no)
        box.exec()
        return box.clickedButton() is yes

    def _save_path(self, parent: QWidget, name: str, kind: str) -> str | None:
        return type(self).ask_save_path(parent, name, kind)

    def _confirm(self, parent: QWidget, title: str, text: str) -> bool:
        return type(self).ask_confirm(parent, title, text)

    # -- building ------------------------------------------------------------------------------

    def _build(self) -> None:
        look = self.look
        self.setFont(look.font("body"))
        # Headers in bold so a table's columns read at a glance (the font itself follows the area).
        pad = look.space.sm
        self.setStyleSheet(
            style_sheet(look) + f"\nQHeaderView::section {{ font-weight: bold; padding: {pad}px {pad * 2}px; }}\n"
        )
        # The gate's "enter the PIN" now (its fonts before it is in the window: no layout or style to
        # redo for it), its "choose a PIN" on a later pass.
        self.gate = PinGate(self._pin, look, self.jobs, in_parts=True, dress=self._dress)
        self.gate.unlocked.connect(self._unlock)
        self.gate.closed.connect(self._close)
        self.stack.addWidget(self.gate)
        self._use_font(look, self)
        for name in InstructorArea._MAIN_PARTS:  # those of an earlier text size are gone
            self.__dict__.pop(name, None)
        self._main_built = False
        # The rest of the gate, then the tabs and the row under them, are made a part per pass of the
        # event loop while the PIN is typed (or at once when something asks for them): opening the
        # area shows the gate sooner, and no pass holds the window longer than a part takes.
        self._main_steps = self._main_parts()
        self.jobs.in_passes(self._later_parts(self.gate, self._main_steps))

    _MAIN_PARTS = frozenset({"tabs", "size_combo", "_lazy", "_bottom", "_main_layout"})

    def _later_parts(self, gate: PinGate, main: Iterator[None]) -> Iterator[None]:
        while gate.later_parts and gate is self.gate:  # (none left when something asked for them meanwhile)
            gate.later_parts.pop(0)()
            yield
        if main is self._main_steps:  # (not when the area was built again meanwhile: a new text size)
            yield from main
        for module in _PAGE_MODULES:
            importlib.import_module(module)  # (at once when already imported)
            yield

    def __getattr__(self, name: str) -> Any:
        # Called only for an attribute not found: the unlocked part, asked for before it was made.
        if name in InstructorArea._MAIN_PARTS and not self.__dict__.get("_main_built", True):
            self._build_main()
            return self.__dict__[name]
        raise AttributeError(name)

    def _build_main(self) -> None:
        """The unlocked part, now (what is left of it when it is being made in passes)."""
        for _ in self._main_steps:
            pass

    def _main_parts(self) -> Iterator[None]:
        """The unlocked part in parts, one per ``next``: the page tabs and, under them, the area's text
        size and 「閉じる」. Its attributes are set at the end, so a part made is never taken for the whole."""
        look = self.look
        tabs = PageTabs(look.tr("ia.title"), look)
        yield
        makers: dict[str, tuple[str, Callable[..., QWidget]]] = {
            key: (look.tr(name), lambda key=key: self._make(key)) for key, name in _TAB_NAMES.items()}
        lazy = LazyPages(
            tabs, makers,
            wrap=lambda key: key != "reports", may_load=lambda: self.is_unlocked, live=("board",),
            built=self._page_built, jobs=self.jobs, ready=self._page_ready, dress=self._dress)
        yield
        size_combo = field(QComboBox(), look.tr("ia.text_size"), look)
        for scale in TEXT_SCALES:
            size_combo.addItem(look.tr("ia.text_size_value", n=scale), scale)
        size_combo.setCurrentIndex(max(0, size_combo.findData(self.prefs.text_scale)))
        size_combo.currentIndexChanged.connect(lambda _i: self.set_text_scale(int(size_combo.currentData())))
        close = button(look.tr("ia.close"), look)
        close.clicked.connect(self._close)
        bottom_row = QWidget()  # one row under the tabs: the area's text size, and 「閉じる」
        bottom = QHBoxLayout(bottom_row)
        bottom.setContentsMargins(0, 0, 0, 0)
        bottom.addWidget(label(look.tr("ia.text_size")))
        bottom.addWidget(size_combo, 1)
        bottom.addWidget(close, 2)
        main = QWidget()
        main_layout = QVBoxLayout(main)
        main_layout.addWidget(tabs, 1)
        main_layout.addWidget(bottom_row)
        self._use_font(look, main)
        yield
        self.tabs, self._lazy, self.size_combo, self._bottom, self._main_layout = (
            tabs, lazy, size_combo, bottom_row, main_layout)
        self._main_built = True
        tabs.currentChanged.connect(self._tab_changed)
        self.stack.addWidget(main)

    def _make(self, key: str) -> QWidget:
        """Build the page ``key`` (one of ``PAGES``)."""
        from trainer.app.instructor.board import BoardPage
        from trainer.app.instructor.classes import ClassesPage
        from trainer.app.instructor.data import DataPage
        from trainer.app.instructor.learners import LearnersPage
        from trainer.app.instructor.reports import ReportsPage

        look = self.look
        page: QWidget
        if key == "learners":
            page = LearnersPage(self._learners, look, self.jobs, self._confirm)
            page.learners_changed.connect(self.learners_changed.emit)
        elif key == "classes":
            page = ClassesPage(self._book, look, self.jobs, in_parts=True)
            page.session_changed.connect(self.session_changed.emit)
        elif key == "board":
            page = BoardPage(self._board, self._book, look, self.jobs, scenario_title=self._names.title)
        elif key == "reports":
            page = ReportsPage(self._reports, self._book, self._learners, look, self.jobs,
                               ask_save_path=self._save_path, names=self._names, built=self._page_built,
                               dress=self._dress)
        else:
            page = DataPage(self._learners, self._recorder, look, self.jobs, ask_save_path=self._save_path,
                            notice=self._notice,
                            confirm_and_delete=lambda *args: self.learners_page.confirm_and_delete(*args))
        return page

    def _page(self, key: str) -> Any:
        return self._lazy.page(key)

    def _dress(self, page: QWidget) -> None:
        """Give a page just made the area's font (before it is in the window)."""
        self._use_font(self.look, page)

    def _page_built(self, page: QWidget) -> None:
        self._use_font(self.look, page)  # widgets a page made since (the reports' own pages: none)
        self._bottom_last()

    def _bottom_last(self) -> None:
        """Keep the text size and 「閉じる」 last in the Tab order: a page built later would otherwise
        come after them (Qt puts a new widget at the end of the window's focus chain)."""
        focus = QApplication.focusWidget()
        had_focus = self._bottom.isAncestorOf(focus) if focus else False
        self._main_layout.removeWidget(self._bottom)
        self._bottom.setParent(None)
        self._bottom.setParent(self._main_layout.parentWidget())
        self._main_layout.addWidget(self._bottom)
        self._bottom.show()
        if had_focus:
            self.size_combo.setFocus()

    @property
    def learners_page(self) -> LearnersPage:
        return self._page("learners")

    @property
    def classes_page(self) -> ClassesPage:
        return self._page("classes")

    @property
    def board_page(self) -> BoardPage:
        return self._page("board")

    @property
    def reports_page(self) -> ReportsPage:
        return self._page("reports")

    @property
    def data_page(self) -> DataPage:
        return self._page("data")

    def _use_font(self, look: Look, root: QWidget) -> None:
        give_font(look, root)

    def set_text_scale(self, scale: int) -> None:
        """Use ``scale`` % for the area's text from now on (kept on this PC); the open tab stays."""
        if scale == self.prefs.text_scale:
            return
        self.prefs.text_scale = scale
        self.prefs.save()
        unlocked, tab = self.is_unlocked, self.tabs.currentIndex()
        self._stop_board()
        while self.stack.count():
            old = cast(QWidget, self.stack.widget(0))  # there is one: the stack is not empty
            self.stack.removeWidget(old)
            old.deleteLater()
        self._build()
        if unlocked:
            self._build_main()
            self.stack.setCurrentIndex(1)
            self.tabs.setCurrentIndex(tab)
            self.reload()
            self.size_combo.setFocus()
        else:
            self.lock()

    # -- locking ---------------------------------------------------------------------------------

    @Slot()
    def lock(self) -> None:
        """Show the PIN gate again (it asks to choose a PIN when none exists yet)."""
        self._stop_board()
        self.idle_lock.stop()
        self.stack.setCurrentIndex(0)
        self.gate.reset()

    @property
    def is_unlocked(self) -> bool:
        return self.stack.currentIndex() == 1

    def _unlock(self) -> None:
        self._build_main()
        self.idle_lock.start()
        self.stack.setCurrentIndex(1)
        self.reload()
        self.tabs.focus_current()  # a named control (the shown page's button), not the tabs' container
        self.unlocked.emit()

    @Slot()
    def _close(self) -> None:
        self.lock()
        self.closed.emit()

    def hideEvent(self, event: Any) -> None:
        self._stop_board()
        super().hideEvent(event)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self.is_unlocked and self._current_key() == "board":
            self.board_page.start()

    # -- pages -----------------------------------------------------------------------------------

    def _current_key(self) -> str | None:
        return self._lazy.current_key()

    def _stop_board(self) -> None:
        if not self.__dict__.get("_main_built", False):
            return  # no pages yet
        board = self._lazy.built("board")
        if board is not None:
            cast("BoardPage", board).stop()  # the page "board" is one

    @property
    def pages(self) -> list[QWidget]:
        """The pages built so far, in the order of the tabs."""
        return self._lazy.all_built()

    def current_page(self) -> Any:
        key = self._current_key()
        return self._page(key) if key is not None else None

    def show_page(self, page: QWidget) -> None:
        self.tabs.setCurrentIndex(PAGES.index(self._lazy.key_of(page)))
        self.tabs.focus_current()  # the focus must not stay on a page that is no longer shown

    @Slot()
    def reload(self) -> None:
        """Load the pages again (off the UI thread): those built so far and the one shown; the others
        when they are first shown."""
        self._lazy.reload()
        self._tab_changed(self.tabs.currentIndex())

    def _tab_changed(self, _index: int) -> None:
        key = self._current_key()
        if key != "board" or not self.is_unlocked:
            self._stop_board()
        if key is not None and self.is_unlocked:
            self._lazy.show_current()  # built (in steps) and loaded when first shown; then _page_ready

    def _page_ready(self, key: str) -> None:
        """The page ``key`` is shown, built and loading: the board starts reading, the data page
        looks at the waiting records."""
        if not self.is_unlocked or key != self._current_key():
            return
        if key == "board":
            self.board_page.start()
        elif key == "data":
            self.data_page.refresh_pending()
