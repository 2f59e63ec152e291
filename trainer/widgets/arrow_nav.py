"""Arrow keys move the focus between tiles laid out in a grid.

``ArrowNavigator(tiles)`` watches each tile; Left / Right go to the
previous / next tile, Up / Down to the nearest tile in the row above or
below (by position on screen, so it follows the reflowed grid).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget


def neighbour(tiles: Sequence[QWidget], current: QWidget, key: int) -> QWidget | None:
    """The tile the arrow ``key`` leads to from ``current`` (None at an edge)."""
    if current not in tiles:
        return None
    index = list(tiles).index(current)
    if key == Qt.Key.Key_Left:
        return tiles[index - 1] if index > 0 else None
    if key == Qt.Key.Key_Right:
        return tiles[index + 1] if index + 1 < len(tiles) else None
    if key not in (Qt.Key.Key_Up, Qt.Key.Key_Down):
        return None
    direction = -1 if key == Qt.Key.Key_Up else 1
    here = current.geometry()
    rows = [t for t in tiles if (t.geometry().top() - here.top()) * direction > 0 and t.isVisible()]
    if not rows:
        return None
    nearest = min(abs(t.geometry().top() - here.top()) for t in rows)
    row = [t for t in rows if abs(t.geometry().top() - here.top()) == nearest]
    return min(row, key=lambda t: abs(t.geometry().center().x() - here.center().x()))


class ArrowNavigator(QObject):
    """Moves focus among ``tiles`` with the arrow keys."""

    def __init__(self, tiles: Sequence[QWidget], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tiles = list(tiles)
        for tile in self.tiles:
            tile.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        tiles = self.__dict__.get("tiles")  # absent while the page is being taken down
        press = cast(QKeyEvent, event)  # read only when it is a key press
        if (tiles and event.type() == QEvent.Type.KeyPress and watched in tiles
                and not press.modifiers() & Qt.KeyboardModifier.ShiftModifier):  # Shift+arrow: the key's own
            target = neighbour(tiles, cast(QWidget, watched), press.key())
            if target is not None:
                target.setFocus(Qt.FocusReason.TabFocusReason)
                return True
            if press.key() in (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down):
                return True  # at an edge: stay put rather than scroll away
        return False
