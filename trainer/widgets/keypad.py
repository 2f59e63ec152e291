"""Big number keys for amounts, phone numbers and 4-digit PINs.

Keys are large (at least the target size), wrap their text, and are laid
out three to a row like a phone's dial pad. The pad only reports key
presses; the input it belongs to keeps the value.

Two layouts: amounts and PINs get 1–9, 「削除」 0 「全部消す」 (as a pay
app's or an ATM's pad); a phone number gets the phone's dialler — 1–9,
＊ 0 ＃, and the ⌫ 「削除」 key beside the number (held, it clears the number, as on
a real phone): the pad makes it, the field's row holds it (``beside_field``).
Every key's label stays on one line (``KeyButton``), smaller on a narrow key.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QWidget

from trainer.widgets.arrow_nav import ArrowNavigator
from trainer.widgets.button import BigButton
from trainer.widgets.keyboard import KeyButton
from trainer.widgets.look import Look

DIAL_KEYS = "123456789*0#"
"""The dialler's keys in order (＊ and ＃ are needed for #9110 and for menus on the phone)."""


class NumberPad(QWidget):
    """1–9, then 「削除」 0 「全部消す」 (or a dialler), and an optional submit key."""

    digit = Signal(str)
    """A digit key was pressed (the digit, or * / # on the dialler)."""
    deleted = Signal()
    """「1字消す」 (⌫) was pressed."""
    cleared = Signal()
    """「全部消す」 was pressed (on the dialler: ⌫ was held)."""
    submitted = Signal()
    """The submit key (e.g. 「決定」) was pressed."""

    def __init__(self, look: Look, *, submit: str | None = None, dialler: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.keys: dict[str, BigButton] = {}
        self.dialler = dialler
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(look.space.sm)
        if dialler:
            for index, digit in enumerate(DIAL_KEYS):
                self._add(grid, look, digit, index // 3, index % 3)
            delete: BigButton = KeyButton(look.tr("pad.delete"), look, style="quiet", icon="backspace",
                                          role="small", compact=True, long_press=True)
            delete.setToolTip(look.tr("pad.backspace"))
            delete.clicked.connect(self.deleted)
            delete.long_pressed.connect(self.cleared)
            self.keys["delete"] = delete
            self.beside_field: BigButton | None = delete  # the input puts it beside the number
            row = 4
        else:
            for index, digit in enumerate("123456789"):
                self._add(grid, look, digit, index // 3, index % 3)
            delete = self._key(look, look.tr("pad.delete"), "delete")
            delete.clicked.connect(self.deleted)
            grid.addWidget(delete, 3, 0)
            self._add(grid, look, "0", 3, 1)
            clear = self._key(look, look.tr("pad.clear"), "clear")
            clear.clicked.connect(self.cleared)
            grid.addWidget(clear, 3, 2)
            self.beside_field = None
            row = 4
        if submit:
            key = BigButton(submit, look, style="primary", role="large")
            key.clicked.connect(self.submitted)
            self.keys["submit"] = key
            if dialler:
                grid.addWidget(key, row, 1)
            else:
                grid.addWidget(key, row, 0, 1, 3)
        for column in range(3):
            grid.setColumnStretch(column, 1)
        # arrow keys go by the grid (Down from 「3」 is 「6」), not by the order of the keys
        self._arrows = ArrowNavigator(list(self.keys.values()), self)

    def _key(self, look: Look, text: str, name: str) -> BigButton:
        key = KeyButton(text, look, style="secondary", role="small", bold=True, compact=True)
        self.keys[name] = key
        return key

    def _add(self, grid: QGridLayout, look: Look, digit: str, row: int, column: int) -> None:
        shown = {"*": "＊", "#": "＃"}.get(digit, digit)
        key = KeyButton(shown, look, style="secondary", role="title", bold=True, compact=True)
        if digit in "*#":
            key.setToolTip(look.tr("pad.star" if digit == "*" else "pad.sharp"))
        key.clicked.connect(lambda _=False, d=digit: self.digit.emit(d))
        self.keys[digit] = key
        grid.addWidget(key, row, column)
