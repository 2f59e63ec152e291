"""A layout that places items in rows and wraps to the next row when the
width runs out, so big text reflows instead of being clipped.

Items keep their preferred width (never more than the row) and get the
height they ask for at that width (``heightForWidth``). With ``stretch``
the items of each row share the row's spare width, which keeps a button
bar tidy; with ``fill_height`` the items of a row are all as tall as the
tallest (otherwise each keeps its own height, centred in the row). With
``uniform`` all items get equal columns (``balanced``: rows of equal length, or a last row at
most one short); without it, ``balanced`` shares the items out evenly over the rows the widths
need (5 buttons as 3 + 2, not 4 + 1) where they still fit.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget


class FlowLayout(QLayout):
    """Rows of items that wrap; supports height-for-width."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 8, stretch: bool = False,
                 centre: bool = False, uniform: bool = False, fill_height: bool = False,
                 balanced: bool = False) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self._stretch = stretch
        self._centre = centre
        self._uniform = uniform
        self._fill_height = fill_height
        self._balanced = balanced
        self._greedy: QWidget | None = None
        self._hfw: dict[int, int] = {}
        self.setContentsMargins(0, 0, 0, 0)

    def set_greedy(self, widget: QWidget | None) -> None:
        """Give the spare width of ``widget``'s row to ``widget`` (pushes the rest to the right)."""
        self._greedy = widget
        self.invalidate()

    # -- QLayout plumbing ------------------------------------------------
    def addItem(self, item: QLayoutItem) -> None:  # Qt API
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def set_spacing(self, spacing: int) -> None:
        self._spacing = spacing
        self.invalidate()

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        found = self._hfw.get(width)
        if found is None:
            found = self._hfw[width] = self._do_layout(QRect(0, 0, width, 0), apply=False)
        return found

    def invalidate(self) -> None:
        self._hfw.clear()
        super().invalidate()

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._do_layout(rect, apply=True)

    def sizeHint(self) -> QSize:
        width = 0
        height = 0
        for item in self._visible():
            hint = item.sizeHint()
            width += hint.width() + self._spacing
            height = max(height, hint.height())
        m = self.contentsMargins()
        return QSize(max(0, width - self._spacing) + m.left() + m.right(), height + m.top() + m.bottom())

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _visible(self) -> list[QLayoutItem]:
        return [i for i in self._items if not ((w := i.widget()) and w.isHidden())]

    # -- the layout itself -------------------------------------------------
    def _item_height(self, item: QLayoutItem, width: int) -> int:
        if item.hasHeightForWidth():
            return max(item.heightForWidth(width), item.minimumSize().height())
        return item.sizeHint().height()

    def _rows(self, width: int) -> list[list[tuple[QLayoutItem, int]]]:
        if self._uniform:
            return self._grid_rows(width)
        rows: list[list[tuple[QLayoutItem, int]]] = [[]]
        used = 0
        for item in self._visible():
            want = min(max(item.sizeHint().width(), item.minimumSize().width()), width)
            if rows[-1] and used + self._spacing + want > width:
                rows.append([])
                used = 0
            used += (self._spacing if rows[-1] else 0) + want
            rows[-1].append((item, want))
        rows = [r for r in rows if r]
        if self._balanced and len(rows) > 1:  # as many rows, but the items shared out evenly
            items = [pair for row in rows for pair in row]
            size, extra = divmod(len(items), len(rows))
            even, start = [], 0
            for index in range(len(rows)):
                count = size + (1 if index < extra else 0)
                even.append(items[start:start + count])
                start += count
            if all(sum(w for _, w in row) + self._spacing * (len(row) - 1) <= width for row in even):
                return even
        return rows

    def _grid_rows(self, width: int) -> list[list[tuple[QLayoutItem, int]]]:
        """Equal columns: as many as fit, each as wide as the widest item wants."""
        items = self._visible()
        if not items:
            return []
        want = min(width, max(max(i.sizeHint().width(), i.minimumSize().width()) for i in items))
        columns = max(1, (width + self._spacing) // (want + self._spacing))
        if self._balanced:  # 4 items: 4 in a row, else 2 + 2, never 3 + 1; 5 items: 5, 3 + 2, 2 + 2 + 1
            n = len(items)
            columns = max(c for c in range(1, min(columns, n) + 1) if n % c == 0 or n % c >= c - 1)
        column = (width - self._spacing * (columns - 1)) // columns
        return [[(item, column) for item in items[start:start + columns]]
                for start in range(0, len(items), columns)]

    def _do_layout(self, rect: QRect, apply: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        width = max(1, area.width())
        y = area.y()
        for row in self._rows(width):
            widths = [w for _, w in row]
            spare = width - sum(widths) - self._spacing * (len(row) - 1)
            if self._uniform:
                spare = 0
            greedy = [i for i, (item, _) in enumerate(row) if self._greedy is not None
                      and item.widget() is self._greedy]
            if greedy and spare > 0:
                widths[greedy[0]] += spare
                spare = 0
            if self._stretch and spare > 0:
                share, extra = divmod(spare, len(row))
                widths = [w + share + (1 if i < extra else 0) for i, w in enumerate(widths)]
                spare = 0
            heights = [self._item_height(item, w) for (item, _), w in zip(row, widths, strict=True)]
            row_height = max(heights)
            x = area.x() + (spare // 2 if self._centre and spare > 0 else 0)
            if apply:
                for (item, _), w, h in zip(row, widths, heights, strict=True):
                    if self._fill_height:
                        item.setGeometry(QRect(QPoint(x, y), QSize(w, row_height)))
                    else:
                        item.setGeometry(QRect(QPoint(x, y + (row_height - h) // 2), QSize(w, h)))
                    x += w + self._spacing
            y += row_height + self._spacing
        return max(0, y - self._spacing - area.y()) + m.top() + m.bottom()
