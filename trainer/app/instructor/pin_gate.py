"""The PIN gate: choose the instructor PIN the first time, ask for it after that.

4–8 digits (full-width digits from a Japanese input method are accepted),
masked, stored as a salted hash by ``progress.pin``. Checking a PIN runs
scrypt — on the area's worker thread, so the window never stalls.

Guessing is slowed (``InstructorPin``: after three wrong tries each next try
waits 2, 4, 8 … s, and the page says how long). A record that has learners
but lost its PIN row never offers "choose a PIN": that would let anyone in;
the page says how the person in charge recovers it (docs/reliability.md).
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QRegularExpression, Qt, Signal, Slot
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QLineEdit, QStackedWidget, QVBoxLayout, QWidget

from trainer.app.instructor.common import Jobs, Page, button, field, form, label, scrolling
from trainer.progress.pin import (
    PIN_MAX_DIGITS,
    InstructorPin,
    PinFormatError,
    PinRecoveryNeeded,
    normalize_pin,
)
from trainer.widgets.look import Look


def pin_edit(name: str, look: Look) -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(PIN_MAX_DIGITS)
    edit.setValidator(QRegularExpressionValidator(QRegularExpression("[0-9０-９]{0,8}"), edit))
    edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhSensitiveData)
    field(edit, name, look)
    return edit


class PinGate(Page):
    """Two pages in one: "choose a PIN" (none stored yet) and "enter the PIN".

    ``in_parts`` (the area's gate): both are made on later passes (``later_parts``): "enter the PIN",
    the page nearly always needed, first, then "choose a PIN"; each at once when it is shown (the record
    has no PIN yet) or anything asks for one of its fields. ``dress(widget)`` gives a page its fonts
    before it is shown."""

    unlocked = Signal()
    """The right PIN was entered (or a new PIN was set)."""
    closed = Signal()
    """「閉じる」 was pressed."""

    LATER = frozenset({"pin_edit", "unlock_button", "pin_message",
                       "new_pin_edit", "new_pin_again_edit", "set_pin_button", "set_pin_message"})

    def __init__(self, pin: InstructorPin, look: Look, jobs: Jobs, parent: QWidget | None = None, *,
                 in_parts: bool = False, dress: Callable[[QWidget], None] | None = None) -> None:
        super().__init__(look, jobs, parent)
        self._pin = pin
        self._dress = dress
        self._checking = False
        self._focus_when_made = False  # the PIN field is to have the focus once it is made
        self.stack = QStackedWidget()
        self._holders: list[QVBoxLayout] = []
        for _page in range(2):  # 0: choose a PIN, 1: enter the PIN (filled by their parts)
            holder = QWidget()
            holder_layout = QVBoxLayout(holder)
            holder_layout.setContentsMargins(0, 0, 0, 0)
            self._holders.append(holder_layout)
            self.stack.addWidget(holder)
        self.stack.setCurrentIndex(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.later_parts = [lambda: self._put(1, self._build_enter_page), lambda: self._put(0, self._build_set_page)]
        if not in_parts:
            self.finish()

    def _put(self, index: int, build: Callable[[], QWidget]) -> None:
        shown = scrolling(build())
        if self._dress is not None:
            self._dress(shown)
        self._holders[index].addWidget(shown)
        shown.show()  # now, not on the next pass of the event loop
        if index == 1 and self._focus_when_made:
            self._focus_pin()

    def _focus_pin(self) -> None:
        """The focus to the PIN field, now or (the gate still in parts) once it is made."""
        made = "pin_edit" in self.__dict__
        self._focus_when_made = not made
        if made and self.stack.currentIndex() == 1:
            self.pin_edit.setFocus()

    def _build_set_page(self) -> QWidget:
        page = QWidget()
        self.new_pin_edit = pin_edit(self.tr("pin.new"), self.look)
        self.new_pin_again_edit = pin_edit(self.tr("pin.again"), self.look)
        self.set_pin_button = button(self.tr("pin.set"), self.look)
        self.set_pin_button.clicked.connect(self._set_pin)
        self.new_pin_again_edit.returnPressed.connect(self._set_pin)
        self.new_pin_edit.returnPressed.connect(self.new_pin_again_edit.setFocus)
        self.set_pin_message = label(name="setPinMessage")
        rows = form()
        rows.addRow(self.tr("pin.new"), self.new_pin_edit)
        rows.addRow(self.tr("pin.again"), self.new_pin_again_edit)
        layout = QVBoxLayout(page)
        layout.addWidget(label(self.tr("pin.set_intro")))
        layout.addLayout(rows)
        layout.addWidget(self.set_pin_message)
        layout.addWidget(self.set_pin_button)
        layout.addWidget(self._close_button())
        layout.addStretch(1)
        return page

    def _build_enter_page(self) -> QWidget:
        page = QWidget()
        self.pin_edit = pin_edit(self.tr("pin.pin"), self.look)
        self.unlock_button = button(self.tr("pin.open"), self.look)
        self.unlock_button.clicked.connect(self._check_pin)
        self.pin_edit.returnPressed.connect(self._check_pin)
        self.pin_message = label(name="pinMessage")
        rows = form()
        rows.addRow(self.tr("pin.pin"), self.pin_edit)
        layout = QVBoxLayout(page)
        layout.addWidget(label(self.tr("pin.enter_intro")))
        layout.addLayout(rows)
        layout.addWidget(self.pin_message)
        layout.addWidget(self.unlock_button)
        layout.addWidget(self._close_button())
        layout.addStretch(1)
        return page

    def _close_button(self):
        made = button(self.tr("ia.close"), self.look)
        made.clicked.connect(self.closed.emit)
        return made

    @property
    def asks_for_new_pin(self) -> bool:
        return self.stack.currentIndex() == 0

    def reset(self) -> None:
        """Empty the fields and show the right page (asks the record whether a PIN exists)."""
        made = self.__dict__  # "choose a PIN" may not be made yet: nothing of it to empty then
        for name in ("pin_edit", "new_pin_edit", "new_pin_again_edit", "pin_message", "set_pin_message"):
            if name in made:
                made[name].clear()
        self.stack.setCurrentIndex(1)
        self._focus_pin()
        self._checking = False
        pin = self._pin
        self.jobs.run(lambda: (pin.is_set(), pin.needs_recovery()), self._show_page, self._unreachable)

    def _show_page(self, state: tuple[bool, bool]) -> None:
        has_pin, needs_recovery = state
        asks = has_pin or needs_recovery  # a lost PIN on a record with learners is never chosen anew here
        if not asks:
            self.finish()  # "choose a PIN", if it is still to be made
        self.stack.setCurrentIndex(1 if asks else 0)
        if needs_recovery:
            self.pin_message.setText(self.tr("pin.recovery"))
        if asks:
            self._focus_pin()
        else:
            self.new_pin_edit.setFocus()

    def _unreachable(self, _error: BaseException) -> None:
        self.stack.setCurrentIndex(1)
        self.pin_message.setText(self.tr("ia.unreachable"))

    @Slot()
    def _set_pin(self) -> None:
        first, again = self.new_pin_edit.text(), self.new_pin_again_edit.text()
        try:
            normalized = normalize_pin(first)
        except PinFormatError:
            self.set_pin_message.setText(self.tr("pin.format"))
            return
        try:
            again_normalized: str | None = normalize_pin(again)
        except PinFormatError:
            again_normalized = None
        if again_normalized != normalized:
            self.set_pin_message.setText(self.tr("pin.mismatch"))
            self.new_pin_again_edit.clear()
            self.new_pin_again_edit.setFocus()
            return
        self.set_pin_message.setText(self.tr("ia.loading"))
        self.jobs.run(lambda: self._pin.set(normalized), lambda _r: self._opened(), self._not_saved)

    def _not_saved(self, error: BaseException) -> None:
        if isinstance(error, PinRecoveryNeeded):  # someone removed the PIN row meanwhile
            self.set_pin_message.setText(self.tr("pin.recovery"))
            return
        own = getattr(error, "message_ja" if self.look.lang == "ja" else "message_en", None)
        self.set_pin_message.setText(own if isinstance(own, str) and own else self.tr("pin.not_saved"))

    @Slot()
    def _check_pin(self) -> None:
        if self._checking:
            return
        text = self.pin_edit.text()
        self.pin_edit.clear()
        self._checking = True
        self.pin_message.setText(self.tr("ia.loading"))
        pin = self._pin

        def work() -> tuple[bool, float, bool]:
            if pin.check(text):
                return True, 0.0, False
            return False, pin.wait_seconds(), pin.needs_recovery()

        self.jobs.run(work, self._checked, self._check_failed)

    def _checked(self, result: tuple[bool, float, bool]) -> None:
        self._checking = False
        ok, wait, needs_recovery = result
        if not ok:
            if needs_recovery:
                self.pin_message.setText(self.tr("pin.recovery"))
            elif wait > 0:
                self.pin_message.setText(self.tr("pin.wait", n=math.ceil(wait)))
            else:
                self.pin_message.setText(self.tr("pin.wrong"))
            self.pin_edit.setFocus()
            return
        self._opened()

    def _check_failed(self, _error: BaseException) -> None:
        self._checking = False
        self.pin_message.setText(self.tr("ia.unreachable"))

    def _opened(self) -> None:
        self.pin_message.clear()
        if "set_pin_message" in self.__dict__:
            self.set_pin_message.clear()
        self.unlocked.emit()
