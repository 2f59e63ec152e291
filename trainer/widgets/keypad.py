"""Big number keys for amounts, phone numbers and 4-digit PINs.

Keys are large (at least the target size), wrap their text, and are laid
out three to a row like a phone's dial pad. The pad only reports key
presses; the input it belongs to keeps the value.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QWidget

from trainer.widgets.arrow_nav import ArrowNavigator
from trainer.widgets.button import BigButton
from trainer.widgets.look import Look


class NumberPad(QWidget):
    """1–9, then 「1字消す」 0 「全部消す」, and an optional submit key."""

    digit = Signal(str)
    """A digit key was pressed (the digit)."""
    deleted = Signal()
    """「1字消す」 was pressed."""
    cleared = Signal()
    """「全部消す」 was pressed."""
    submitted = Signal()
    """The submit key (e.g. 「決定」) was pressed."""

    def __init__(self, look: Look, *, submit: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.keys: dict[str, BigButton] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(look.px(6))
        for index, digit in enumerate("123456789"):
            self._add(grid, look, digit, index // 3, index % 3)
        delete = self._key(look, look.tr("pad.delete"), "delete")
        delete.clicked.connect(self.deleted)
        grid.addWidget(delete, 3, 0)
        self._add(grid, look, "0", 3, 1)
        clear = self._key(look, look.tr("pad.clear"), "clear")
        clear.clicked.connect(self.cleared)
        grid.addWidget(clear, 3, 2)
        if submit:
            key = BigButton(submit, look, style="primary", role="large")
            key.clicked.connect(self.submitted)
            self.keys["submit"] = key
            grid.addWidget(key, 4, 0, 1, 3)
        for column in range(3):
            grid.setColumnStretch(column, 1)
        # arrow keys go by the grid (Down from 「3」 is 「6」), not by the order of the keys
        self._arrows = ArrowNavigator(list(self.keys.values()), self)

    def _key(self, look: Look, text: str, name: str) -> BigButton:
        key = BigButton(text, look, style="secondary", role="small", bold=True, compact=True)
        self.keys[name] = key
        return key

    def _add(self, grid: QGridLayout, look: Look, digit: str, row: int, column: int) -> None:
        key = BigButton(digit, look, style="secondary", role="title", bold=True, compact=True)
        key.clicked.connect(lambda _=False, d=digit: self.digit.emit(d))
        self.keys[digit] = key
        grid.addWidget(key, row, column)
