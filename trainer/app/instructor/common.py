"""What every page of the instructor area shares.

* :class:`Jobs` runs database work on one worker thread, in order, and hands
  the result back on the UI thread: the window never waits for the record
  (a PIN check, a report over two million events, a server far away).
* :class:`RowsModel` + :func:`table` — model/view tables with readable,
  bold, wrapped headers and numbers aligned right.
* :class:`AreaPrefs` — the area's own text size (default 100 %), kept on
  this PC apart from the learner's settings.
* small builders for fields, forms, labels and the app's big buttons.

Nothing here sets a pixel font size: the area's font comes from its own
``Look`` (see ``area.py``).
"""

from __future__ import annotations

import json
import logging
import queue
import threading
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QWidget,
)

from trainer.widgets.button import BigButton
from trainer.widgets.look import TEXT_SCALES, Look

log = logging.getLogger("trainer.app")

#: Smallest side of any control at 100 %, in pixels.
MIN_TARGET_PX = 52

Index = QModelIndex | QPersistentModelIndex


class Jobs(QObject):
    """Database work off the UI thread: ``run(work, done, failed)``, one job after another.

    ``done(result)`` / ``failed(exception)`` run on the UI thread. Jobs run in
    the order they were given, so "add, then reload" reloads after the add.
    """

    _finished = Signal(object, object, object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._queue: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._pending = 0
        self._lock = threading.Lock()
        self._idle = threading.Condition(self._lock)
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._thread = threading.Thread(target=self._work, name="instructor-jobs", daemon=True)
        self._thread.start()
        stop = self._queue
        self.destroyed.connect(lambda *_: stop.put(None))

    def run(
        self,
        work: Callable[[], Any],
        done: Callable[[Any], None] | None = None,
        failed: Callable[[BaseException], None] | None = None,
    ) -> None:
        with self._lock:
            self._pending += 1
        self._queue.put((work, done, failed))

    @property
    def busy(self) -> bool:
        return self._pending > 0

    def _work(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            work, done, failed = item
            try:
                result, error = work(), None
            except Exception as exc:  # handed to ``failed`` on the UI thread
                result, error = None, exc
            try:
                self._finished.emit(done, failed, result, error)
            except RuntimeError:  # the area is gone
                return

    def _deliver(self, done: Any, failed: Any, result: Any, error: Any) -> None:
        try:
            if error is not None:
                log.warning("instructor area: %s", type(error).__name__)
                if failed is not None:
                    failed(error)
            elif done is not None:
                done(result)
        except RuntimeError as exc:  # a widget deleted while its job ran
            log.info("instructor area: result for a closed page dropped (%s)", exc)
        finally:
            with self._lock:
                self._pending -= 1
                self._idle.notify_all()


class RowsModel(QAbstractTableModel):
    """A read-only table of plain values; numbers right-aligned; a value per row kept as ``key``."""

    def __init__(self, headers: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.headers = list(headers)
        self.rows: list[list[Any]] = []
        self.keys: list[Any] = []

    def set_rows(self, rows: Sequence[Sequence[Any]], keys: Sequence[Any] | None = None) -> None:
        self.beginResetModel()
        self.rows = [list(r) for r in rows]
        self.keys = list(keys) if keys is not None else [None] * len(self.rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        value = self.rows[index.row()][index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(value, int | float):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def text(self, row: int, column: int) -> str:
        return str(self.rows[row][column])


def table(headers: Sequence[str], name: str, look: Look) -> tuple[QTableView, RowsModel]:
    """A model/view table: whole rows selected, bold headers that wrap instead of being cut."""
    view = QTableView()
    model = RowsModel(headers, view)
    view.setModel(model)
    view.setAccessibleName(name)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setWordWrap(True)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap)
    header.setFont(look.font("body", bold=True))
    header.setMinimumHeight(look.px(44))
    # Large text makes rows big; the table scrolls inside instead of widening the window.
    view.setMinimumSize(4 * look.px(MIN_TARGET_PX), 4 * look.px(MIN_TARGET_PX))
    view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    return view, model


def selected_key(view: QTableView) -> Any:
    model = view.model()
    rows = view.selectionModel().selectedRows() if view.selectionModel() else []
    if not rows or not isinstance(model, RowsModel):
        return None
    row = rows[0].row()
    return model.keys[row] if 0 <= row < len(model.keys) else None


def field(widget: QWidget, name: str, look: Look) -> QWidget:
    widget.setAccessibleName(name)
    widget.setMinimumHeight(MIN_TARGET_PX)  # larger text makes it taller by itself
    if isinstance(widget, QComboBox):
        # A combo is as wide as its longest name by default: long names must not widen the window.
        widget.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        widget.setMinimumContentsLength(6)
        widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return widget


def form() -> QFormLayout:
    """Label and field side by side while they fit, the field under its label when they do not."""
    layout = QFormLayout()
    layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return layout


def scrolling(content: QWidget) -> QScrollArea:
    """``content`` scrolling up and down, so large text makes it taller, never the window bigger."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    # Not a Tab stop itself (it has no name to say): the focused control is scrolled into view
    # (trainer.widgets.focus.FocusKeeper), so the keys reach everything in it.
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    scroll.setWidget(content)
    return scroll


class Label(QLabel):
    """A label whose text can be selected (and read) from the keyboard, and that is a Tab stop only
    while it has text: an empty message line is nothing to land on (a screen reader would say
    nothing there)."""

    def setText(self, text: str) -> None:  # Qt's name
        super().setText(text)
        self._follow_text()

    def clear(self) -> None:
        super().clear()
        self._follow_text()

    def _follow_text(self) -> None:
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus if self.text() else Qt.FocusPolicy.NoFocus)


def label(text: str = "", *, name: str | None = None) -> QLabel:
    """A wrapping label that shows ``text`` as plain text (a learner's name is never markup)."""
    widget = Label()
    widget.setTextFormat(Qt.TextFormat.PlainText)
    widget.setWordWrap(True)
    widget.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByKeyboard | Qt.TextInteractionFlag.TextSelectableByMouse
    )
    widget.setText(text)
    if name:
        widget.setObjectName(name)
    return widget


def button(text: str, look: Look, *, style: str = "secondary") -> BigButton:
    """The app's big button: wraps its text at any size, named by its text, Enter presses it."""
    made = BigButton(text, look, style=style)
    made.setMinimumSize(MIN_TARGET_PX, MIN_TARGET_PX)
    policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    policy.setHeightForWidth(True)
    made.setSizePolicy(policy)
    return made


def uuid_of(value: object) -> uuid.UUID | None:
    """Ids travel through Qt item data as text ("" for none): Qt cannot compare Python objects."""
    return uuid.UUID(str(value)) if value else None


# -- the area's own text size ---------------------------------------------------------------

PREFS_FILENAME = "instructor-area.json"


@dataclass
class AreaPrefs:
    """The instructor area's text size on this PC (percent), apart from the learner's."""

    text_scale: int = 100
    path: Path | None = None

    @classmethod
    def load(cls, folder: Path | None = None) -> AreaPrefs:
        if folder is None:
            from trainer.app.settings import config_dir

            folder = config_dir()
        path = Path(folder) / PREFS_FILENAME
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            scale = int(raw.get("text_scale", 100))
        except (OSError, ValueError, TypeError, AttributeError):
            scale = 100
        return cls(min(TEXT_SCALES, key=lambda s: abs(s - scale)), path)

    @property
    def scale(self) -> float:
        return self.text_scale / 100

    def save(self) -> None:
        if self.path is None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_text(json.dumps({"text_scale": self.text_scale}), encoding="utf-8")
        except OSError as exc:  # a read-only folder: the size still applies now
            log.info("instructor area text size not saved: %s", type(exc).__name__)


#: From this text size on, the pages are chosen from a list (one row) instead of a row of buttons.
CHOOSER_FROM_SCALE = 2.0


class PageTabs(QWidget):
    """Tabs whose names are never cut.

    Up to 175 %: one big button per page, wrapping onto more rows when needed
    (a tab bar would scroll and cut names). From 200 %: a list to choose the
    page from, one row high, so the page itself keeps the room. The part of
    ``QTabWidget``'s interface the area uses: ``addTab``, ``count``, ``tabText``,
    ``currentIndex`` / ``setCurrentIndex``, ``currentWidget``, ``widget``, ``currentChanged``.
    """

    currentChanged = Signal(int)  # Qt naming, as QTabWidget

    def __init__(self, name: str, look: Look, parent: QWidget | None = None) -> None:
        from PySide6.QtWidgets import QStackedWidget, QVBoxLayout

        from trainer.widgets.accessibility import Holder
        from trainer.widgets.flow import FlowLayout
        from trainer.widgets.radio_group import RadioGroup

        super().__init__(parent)
        self.look = look
        self.setAccessibleName(name)
        self.buttons: list[BigButton] = []
        self._texts: list[str] = []
        self.chooser: QComboBox | None = None
        self.bar = Holder()
        self.bar.setAccessibleName(name)
        if look.scale >= CHOOSER_FROM_SCALE:
            self.chooser = field(QComboBox(), name, look)
            self.chooser.currentIndexChanged.connect(self.setCurrentIndex)
            bar_layout = QVBoxLayout(self.bar)
            bar_layout.setContentsMargins(0, 0, 0, 0)
            bar_layout.addWidget(self.chooser)
        else:
            self._flow = FlowLayout(self.bar, spacing=look.px(6), stretch=True)
            # The page buttons are one choice of many: radio buttons in a group named like the area,
            # one Tab stop (the page shown), the arrow keys along them, Space or Enter shows a page.
            self._group = RadioGroup(self, self.bar, name)
            self._group.idClicked.connect(self.setCurrentIndex)
        self.stack = QStackedWidget()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(look.px(6))
        layout.addWidget(self.bar)
        layout.addWidget(self.stack, 1)

    def addTab(self, widget: QWidget, text: str) -> int:
        index = len(self._texts)
        self._texts.append(text)
        self.stack.addWidget(widget)
        if self.chooser is not None:
            self.chooser.addItem(text, index)
            return index
        tab = BigButton(text, self.look, indicator="radio", compact=True)
        self._group.addButton(tab, index)
        self.buttons.append(tab)
        self._flow.addWidget(tab)
        if index == 0:
            tab.setChecked(True)
        self._pages_after_buttons()
        return index

    def count(self) -> int:
        return len(self._texts)

    def focus_current(self) -> None:
        """Give the focus to the control that shows the current page (its button, or the chooser)."""
        target = self.chooser if self.chooser is not None else (
            self.buttons[self.currentIndex()] if 0 <= self.currentIndex() < len(self.buttons) else None)
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def tabText(self, index: int) -> str:
        return self._texts[index]

    def currentIndex(self) -> int:
        return self.stack.currentIndex()

    def setCurrentIndex(self, index: int) -> None:
        if not 0 <= index < len(self._texts):
            return
        if self.chooser is not None:
            self.chooser.setCurrentIndex(index)
        else:
            self.buttons[index].setChecked(True)
        if index != self.stack.currentIndex():
            self.stack.setCurrentIndex(index)
            self.currentChanged.emit(index)

    def _pages_after_buttons(self) -> None:
        """Tab goes from the page buttons into the page shown, whichever button has the focus.

        A page is made before its button, so Qt's focus chain has the buttons after the pages.
        Giving the stack of pages its parent again moves it, with everything in it, to the end of
        the chain: after the buttons (``QWidget.setTabOrder`` cannot do it: it leaves out the
        widgets that are not focusable yet, such as an empty message line)."""
        layout = self.layout()
        layout.removeWidget(self.stack)
        self.stack.setParent(None)
        self.stack.setParent(self)
        layout.addWidget(self.stack, 1)
        self.stack.show()

    def currentWidget(self) -> QWidget | None:
        return self.stack.currentWidget()

    def widget(self, index: int) -> QWidget | None:
        return self.stack.widget(index)


class Page(QWidget):
    """Base of a page: its look, the area's job runner, a message line."""

    def __init__(self, look: Look, jobs: Jobs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.look = look
        self.jobs = jobs

    def tr(self, key: str, **args: object) -> str:
        return self.look.tr(key, **args)

    def reload(self) -> None:
        """Load what the page shows again (off the UI thread)."""
