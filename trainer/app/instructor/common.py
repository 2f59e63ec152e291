"""What every page of the instructor area shares.

* :class:`Jobs` runs database work on one worker thread, in order, and hands
  the result back on the UI thread: the window never waits for the record
  (a PIN check, a report over two million events, a server far away).
* :class:`RowsModel` + :func:`table` — model/view tables with readable,
  bold, wrapped headers and numbers aligned right; :class:`ItemsModel`
  behind the long lists and choices (:class:`ItemList`, :func:`choices`):
  20,000 learners are one model reset, not 20,000 widget items.
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
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, cast

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QListView,
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
#: Least height of a table's header (and of one row) at 100 %, in pixels.
HEADER_HEIGHT = 44

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

    def soon(self, step: Callable[[], None]) -> None:
        """Run ``step`` on the UI thread in a later pass of the event loop (after what is waiting, a
        paint included); counted in ``busy`` like a job, so "wait until not busy" waits for it too.

        It is posted twice: the events posted before this pass of the event loop (the layout and the
        paint a click asked for) are handled in one go with anything posted alongside them; posted
        again from there, ``step`` comes after them, with the window's timers and paint in between."""
        self._post(lambda: self._post(step))

    def in_passes(self, steps: Iterator[object]) -> None:
        """Run ``steps`` (a generator: each ``yield`` ends a step) one step per later pass of the event
        loop (each posted as :meth:`soon` posts), counted in ``busy`` until the last; a step that finds its
        work done meanwhile (asked for at once) simply ends the generator."""

        def step() -> None:
            try:
                next(steps)
            except StopIteration:
                return
            self.soon(step)

        self.soon(step)

    def _post(self, step: Callable[[], None]) -> None:
        with self._lock:
            self._pending += 1
        self._finished.emit(lambda _none: step(), None, None, None)  # queued: handled on a later pass

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


_DISPLAY = Qt.ItemDataRole.DisplayRole.value
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole.value
_ROLES = frozenset({_DISPLAY, Qt.ItemDataRole.AccessibleTextRole.value, _ALIGNMENT})
_RIGHT = (Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value


class RowsModel(QAbstractTableModel):
    """A read-only table of plain values; numbers right-aligned; a value per row kept as ``key``."""

    def __init__(self, headers: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.headers = list(headers)
        self.rows: list[Sequence[Any]] = []
        self.keys: list[Any] = []
        #: Told the number of rows about to be shown (the view sizes its rows by it, see ``table``).
        self.before_reset: Callable[[int], None] | None = None

    def set_rows(self, rows: Sequence[Sequence[Any]], keys: Sequence[Any] | None = None) -> None:
        if self.before_reset is not None:
            self.before_reset(len(rows))
        self.beginResetModel()
        # A list made for the table on the worker thread is taken as it is (16,000 rows: no copy here).
        self.rows = rows if isinstance(rows, list) else [list(r) for r in rows]
        self.keys = list(keys) if keys is not None else [None] * len(self.rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        # Asked a dozen times per cell (one role each) whenever a row is measured or painted: the
        # roles this table has no answer for return at once, before the cell is looked up.
        if role not in _ROLES or not index.isValid():
            return None
        value = self.rows[index.row()][index.column()]
        if role == _ALIGNMENT:
            return _RIGHT if isinstance(value, int | float) else None
        return str(value)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def text(self, row: int, column: int) -> str:
        return str(self.rows[row][column])


#: A table with more rows than this has rows one line high (see ``table``).
FIT_ROWS = 200
#: A table's columns fit this many of its rows (and its header), once per reset.
FIT_COLUMNS_ROWS = 20


class Table(QTableView):
    """A :class:`QTableView` whose columns fit their contents when it is first shown, when its font or
    style changes (the area's style sheet adds padding to the headers) and when its rows are reset."""

    def __init__(self) -> None:
        super().__init__()
        self._fitted = False

    def fit_columns(self) -> None:
        """Size the columns once to the header's texts and the first ``FIT_COLUMNS_ROWS`` rows."""
        self._fitted = True
        self.resizeColumnsToContents()

    def showEvent(self, event: Any) -> None:
        if not self._fitted:
            self.fit_columns()  # now polished: the style sheet's padding counts
        super().showEvent(event)

    def changeEvent(self, event: Any) -> None:
        from PySide6.QtCore import QEvent

        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fitted = False  # fitted again when next shown (or reset)
            if self.isVisible():
                self.fit_columns()


def table(headers: Sequence[str], name: str, look: Look) -> tuple[QTableView, RowsModel]:
    """A model/view table: whole rows selected, bold headers that wrap instead of being cut."""
    view = Table()
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
    # Columns are sized to their contents once per reset of the rows (``fit_columns``), not kept
    # sized: a header in ResizeToContents mode asks the model for every cell of its first rows on
    # every layout pass (19,200 ``data()`` calls on the UI thread to show 16,000 class sessions).
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap)
    header.setFont(look.font("body", bold=True))
    header.setMinimumHeight(look.px(HEADER_HEIGHT))
    # Columns fit their header and the first FIT_COLUMNS_ROWS rows (the horizontal header's precision:
    # how many rows it looks at), and up to FIT_ROWS rows fit their wrapped text; a longer table
    # (16,000 class sessions, 20,000 learners) has rows one line high: sizing every row to its contents
    # asks the model for every cell of every row on the UI thread (seconds at 20,000 rows).
    header.setResizeContentsPrecision(FIT_COLUMNS_ROWS)
    rows = view.verticalHeader()

    def fit_rows(count: int) -> None:
        if count > FIT_ROWS:
            rows.setDefaultSectionSize(view.fontMetrics().height() + look.space.gap)
            rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        else:
            rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

    model.before_reset = fit_rows
    model.modelReset.connect(view.fit_columns)
    # Large text makes rows big; the table scrolls inside instead of widening the window.
    view.setMinimumSize(4 * look.px(MIN_TARGET_PX), 4 * look.px(MIN_TARGET_PX))
    view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    return view, model


KEY_ROLE = Qt.ItemDataRole.UserRole
"""The row's key (an id as text) in an :class:`ItemsModel`, as ``QComboBox.currentData()`` reads it."""
NAME_ROLE = Qt.ItemDataRole.UserRole + 1
"""The row's plain name (the text may add a group or a way to practise)."""


@dataclass(frozen=True)
class Item:
    """One row of a list or a choice: what is shown, its key, and the plain name."""

    text: str
    key: str = ""
    name: str = ""


class Items:
    """Rows for an :class:`ItemsModel` with the index of their keys, made where the rows are made
    (on the worker thread for 20,000 learners), so showing them costs the UI thread one reset."""

    def __init__(self, items: Sequence[Item]) -> None:
        self.items = list(items)
        self.rows: dict[str, int] = {}
        for row, item in enumerate(self.items):
            self.rows.setdefault(item.key, row)

    def __len__(self) -> int:
        return len(self.items)


class ItemsModel(QAbstractListModel):
    """A read-only list of :class:`Item` for a list view or a combo box. Any number of rows is one
    reset, and a key's row is found without a scan (``row_of``); the items are made off the UI thread."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.items: list[Item] = []
        self._rows: dict[str, int] = {}

    def set_items(self, items: Sequence[Item] | Items) -> None:
        """Show ``items`` (an :class:`Items` made on the worker thread brings its index of keys along)."""
        made = items if isinstance(items, Items) else Items(items)
        self.beginResetModel()
        self.items, self._rows = made.items, made.rows
        self.endResetModel()

    def row_of(self, key: object) -> int:
        """The first row with ``key`` (text), -1 when there is none."""
        return self._rows.get("" if key is None else str(key), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        item = self.items[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return item.text
        if role == KEY_ROLE:
            return item.key
        if role == NAME_ROLE:
            return item.name
        return None


class ItemList(QListView):
    """A long list (20,000 learners) on an :class:`ItemsModel`: rows of one height, laid out in
    batches, so showing or filling it never stops the window. ``current_changed(row)`` fires when the
    current row changes (-1: none)."""

    current_changed = Signal(int)

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setUniformItemSizes(True)
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(200)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.items = ItemsModel(self)
        self.setModel(self.items)
        self._quiet = False
        self.selectionModel().currentRowChanged.connect(self._current_row_changed)

    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._quiet:
            self.current_changed.emit(current.row() if current.isValid() else -1)

    def set_items(self, items: Sequence[Item] | Items, keep: object = None) -> None:
        """Show ``items``; the row with key ``keep`` stays current (quietly)."""
        self._quiet = True
        try:
            self.items.set_items(items)
            row = self.items.row_of(keep) if keep is not None else -1
            if row >= 0:
                self.setCurrentIndex(self.items.index(row))
        finally:
            self._quiet = False

    def count(self) -> int:
        return self.items.rowCount()

    def text(self, row: int) -> str:
        return self.items.items[row].text

    def setCurrentRow(self, row: int) -> None:  # as QListWidget
        self.setCurrentIndex(self.items.index(row))

    def current_item(self) -> Item | None:
        index = self.currentIndex()
        return self.items.items[index.row()] if index.isValid() and index.row() < len(self.items.items) else None


def choices(combo: QComboBox) -> ItemsModel:
    """Put ``combo``'s choices on an :class:`ItemsModel` (for long lists: 20,000 learners): its
    ``currentData()`` is the item's key. Fill it with :func:`set_choices`."""
    model = ItemsModel(combo)
    combo.setModel(model)
    view = combo.view()
    if isinstance(view, QListView):
        view.setUniformItemSizes(True)
    return model


def set_choices(combo: QComboBox, items: Sequence[Item] | Items, keep: object = None, *,
                first: bool = True) -> None:
    """Give ``combo`` (made with :func:`choices`) ``items``; the one with key ``keep`` stays chosen,
    else the first (``first``) or none. ``currentIndexChanged`` fires once at most, for the result."""
    model = combo.model()
    assert isinstance(model, ItemsModel), "set_choices needs a combo made with choices()"
    before = combo.currentIndex(), combo.currentData()
    combo.blockSignals(True)
    try:
        model.set_items(items)
        row = model.row_of(keep) if keep is not None else -1
        combo.setCurrentIndex(row if row >= 0 else (0 if items and first else -1))
    finally:
        combo.blockSignals(False)
    if (combo.currentIndex(), combo.currentData()) != before:
        combo.currentIndexChanged.emit(combo.currentIndex())


def selected_key(view: QTableView) -> Any:
    model = view.model()
    rows = view.selectionModel().selectedRows() if view.selectionModel() else []
    if not rows or not isinstance(model, RowsModel):
        return None
    row = rows[0].row()
    return model.keys[row] if 0 <= row < len(model.keys) else None


W = TypeVar("W", bound=QWidget)


def field(widget: W, name: str, look: Look) -> W:
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


def give_font(look: Look, root: QWidget) -> None:
    """Give Qt's own widgets the area's font: with the app's style sheet in force a parent's font does
    not reach its children, so each one under ``root`` that has no font of its own gets it. Done before
    ``root`` is in the window, it costs no layout or style pass there."""
    body = look.font("body")
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.testAttribute(Qt.WidgetAttribute.WA_SetFont):
            widget.setFont(body)


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
        #: Finishes the page at an index when it is asked for (set by :class:`LazyPages`).
        self.complete: Callable[[int], None] | None = None
        self.bar = Holder()
        self.bar.setAccessibleName(name)
        if look.scale >= CHOOSER_FROM_SCALE:
            self.chooser = field(QComboBox(), name, look)
            self.chooser.currentIndexChanged.connect(self.setCurrentIndex)
            bar_layout = QVBoxLayout(self.bar)
            bar_layout.setContentsMargins(0, 0, 0, 0)
            bar_layout.addWidget(self.chooser)
        else:
            self._flow = FlowLayout(self.bar, spacing=look.space.sm, stretch=True)
            # The page buttons are one choice of many: radio buttons in a group named like the area,
            # one Tab stop (the page shown), the arrow keys along them, Space or Enter shows a page.
            self._group = RadioGroup(self, self.bar, name)
            self._group.idClicked.connect(self.setCurrentIndex)
        self.stack = QStackedWidget()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(look.space.sm)
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
        from PySide6.QtWidgets import QVBoxLayout

        layout = cast(QVBoxLayout, self.layout())  # made in __init__
        layout.removeWidget(self.stack)
        self.stack.setParent(None)
        self.stack.setParent(self)
        layout.addWidget(self.stack, 1)
        self.stack.show()

    def currentWidget(self) -> QWidget | None:
        return self.widget(self.currentIndex())

    def widget(self, index: int) -> QWidget | None:
        """The page at ``index``, whole (a page still being built in steps is finished first)."""
        if self.complete is not None and 0 <= index < self.count():
            self.complete(index)
        return self.stack.widget(index)


class Page(QWidget):
    """Base of a page: its look, the area's job runner, a message line.

    A page made in parts leaves the rest in ``later_parts`` (one each on a later pass: ``LazyPages``,
    or :meth:`Jobs.in_passes`); an attribute named in ``LATER`` that a later part makes, asked for
    before it was made, finishes the page first (``finish``)."""

    LATER: frozenset[str] = frozenset()
    """The attributes the page's later parts make."""

    def __init__(self, look: Look, jobs: Jobs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.look = look
        self.jobs = jobs
        #: What is left to build of a page made in parts: one each on a later pass (``LazyPages``).
        self.later_parts: list[Callable[[], None]] = []

    def make(self, parts: list[Callable[[], None]], in_parts: bool) -> None:
        """Build the page from ``parts``: all now, or (``in_parts``: the area's pages) the first now and
        the others left in ``later_parts``, each for a later pass of the event loop (``LazyPages``)."""
        for part in parts[:1] if in_parts else parts:
            part()
        if in_parts:
            self.later_parts = parts[1:]

    def finish(self) -> None:
        """Build now what is left of a page made in parts."""
        while self.later_parts:
            self.later_parts.pop(0)()

    def __getattr__(self, name: str) -> Any:
        # Called only for an attribute not found: one a later part makes, asked for before it was made
        # (the parts are made in their order until it is there).
        made = self.__dict__
        if name in type(self).LATER:
            parts = made.get("later_parts") or []
            while parts and name not in made:
                parts.pop(0)()
            if name in made:
                return made[name]
        raise AttributeError(name)

    def tr(self, key: str, **args: object) -> str:  # type: ignore[override]  # the app's catalogue, not Qt's
        return self.look.tr(key, **args)

    def reload(self) -> None:
        """Load what the page shows again (off the UI thread)."""


class LazyPages:
    """The pages behind a :class:`PageTabs`, each built when it is first shown (or asked for) and
    loaded when built.

    Building a page with its tables under the app's style sheet takes a tenth of a second or more:
    built all at once, five pages (eight with the reports') stopped the window for seconds when
    the area opened. ``reload()`` loads the pages built so far again, and the page shown; the
    others load when they are built. ``live`` pages load themselves (the help board, while shown).

    With ``jobs``, a page shown for the first time is built in steps, one per pass of the event
    loop (made, and its ``later_parts`` if it is made in parts; given its fonts (``dress``) and put
    in its scroll area; put in its tab and shown;
    ``built`` told and loaded), so the window paints between them;
    ``ready(key)`` is called once the page shown is built. ``page(key)`` (a page asked for by
    name) still returns it whole at once, finishing any steps left.
    """

    def __init__(self, tabs: PageTabs, makers: dict[str, tuple[str, Callable[[], QWidget]]], *,
                 wrap: Callable[[str], bool] = lambda _key: True, may_load: Callable[[], bool] = lambda: True,
                 live: tuple[str, ...] = (), built: Callable[[QWidget], None] | None = None,
                 jobs: Jobs | None = None, ready: Callable[[str], None] | None = None,
                 dress: Callable[[QWidget], None] | None = None) -> None:
        from PySide6.QtWidgets import QVBoxLayout

        self.tabs = tabs
        self.keys = tuple(makers)
        self._makers = {key: make for key, (_text, make) in makers.items()}
        self._wrap = wrap
        self._may_load = may_load
        self._live = live
        self._on_built = built
        self._jobs = jobs
        self._ready = ready
        self._dress = dress
        self._built: dict[str, QWidget] = {}
        self._building: dict[str, Iterator[None]] = {}
        self._owed: set[str] = set()  # pages shown before they were built: ``ready`` when they are
        self._fresh: set[str] = set()
        self._holders: dict[str, QVBoxLayout] = {}
        for key, (text, _make) in makers.items():
            holder = QWidget()
            layout = QVBoxLayout(holder)
            layout.setContentsMargins(0, 0, 0, 0)
            self._holders[key] = layout
            tabs.addTab(holder, text)
        tabs.complete = self._complete

    def _complete(self, index: int) -> None:
        key = self.keys[index]
        if key in self._building:
            self.page(key)

    @property
    def building(self) -> bool:
        """True while a page is being built in steps."""
        return bool(self._building)

    def _steps(self, key: str) -> Iterator[None]:
        page = self._makers[key]()
        yield
        parts = getattr(page, "later_parts", [])
        while parts:  # a page made in parts: the rest of it, a part a pass
            parts.pop(0)()
            yield
        if self._dress is not None:
            self._dress(page)  # before it is in the window: no layout or style to redo for it
        shown = scrolling(page) if self._wrap(key) else page
        yield
        self._holders[key].addWidget(shown)
        shown.show()  # now, not on the next pass of the event loop (an empty page for a frame)
        yield
        self._built[key] = page
        if self._on_built is not None:
            self._on_built(page)

    def page(self, key: str) -> Any:
        """The page ``key``, built now if it was not yet, and loaded if it was not since the last reload."""
        page = self._built.get(key)
        if page is None:
            for _ in self._building.pop(key, None) or self._steps(key):
                pass
            page = self._built[key]
            self._finished(key)
        self._load(key, page)
        return page

    def _load(self, key: str, page: QWidget) -> None:
        if key not in self._fresh and key not in self._live and self._may_load():
            self._fresh.add(key)
            cast(Page, page).reload()  # every page the area builds is a Page

    def _step(self, key: str) -> None:
        steps = self._building.get(key)
        if steps is None:
            return  # finished at once meanwhile (asked for by name)
        try:
            next(steps)
        except StopIteration:
            del self._building[key]
            self._finished(key)
            return
        assert self._jobs is not None  # only stepped with jobs
        self._jobs.soon(lambda: self._step(key))

    def _finished(self, key: str) -> None:
        if key in self._owed and key == self.current_key():
            self._owed.discard(key)
            self._load(key, self._built[key])
            if self._ready is not None:
                self._ready(key)

    def built(self, key: str) -> QWidget | None:
        return self._built.get(key)

    def all_built(self) -> list[QWidget]:
        return [self._built[key] for key in self.keys if key in self._built]

    def key_of(self, page: QWidget) -> str:
        return next(key for key, built in self._built.items() if built is page)

    def current_key(self) -> str | None:
        index = self.tabs.currentIndex()
        return self.keys[index] if 0 <= index < len(self.keys) else None

    def show_current(self) -> None:
        """Build (and load) the page now shown: at once when it is built or there are no ``jobs``,
        else in steps (``ready`` follows)."""
        key = self.current_key()
        if key is None:
            return
        if key in self._built or self._jobs is None:
            self.page(key)
            if self._ready is not None:
                self._ready(key)
            return
        self._owed.add(key)
        if key not in self._building:
            self._building[key] = self._steps(key)
            self._jobs.soon(lambda: self._step(key))

    def reload(self) -> None:
        """Load the built pages again, and the page shown (built first if need be)."""
        self._fresh.clear()
        for key in list(self._built):
            self.page(key)
        self.show_current()
