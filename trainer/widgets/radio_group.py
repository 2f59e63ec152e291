"""Exclusive choices that behave as radio buttons do, for every way of using the app.

``RadioGroup`` is a ``QButtonGroup`` of ``BigButton(indicator="radio")``
that also

- names the widget holding the options as a group (role Grouping, named
  after its heading, so three 「ふつう」 in three groups can be told apart);
- makes only one option a Tab stop — the chosen one, else the one last
  visited, else the first — so Tab enters the group and Tab leaves it;
- moves the focus with the arrow keys (Up / Left back, Down / Right on,
  round at the ends; Home and End go to the first and the last). Moving
  does not choose: Space or Enter chooses. Choosing here can be judged at
  once (a practice question) or redraw the whole window (a setting), so
  choosing is always the learner's own deliberate press.

Switch scanning and the keyboard test walk the same Tab stops.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QButtonGroup, QWidget

from trainer.widgets.accessibility import set_role

BACK = (Qt.Key.Key_Up, Qt.Key.Key_Left)
ON = (Qt.Key.Key_Down, Qt.Key.Key_Right)


class RadioGroup(QButtonGroup):
    """Radio buttons with one Tab stop, arrow keys inside, and a named group."""

    def __init__(self, parent: QObject, holder: QWidget | None = None, name: str = "") -> None:
        super().__init__(parent)
        self.setExclusive(True)
        self._current: QAbstractButton | None = None
        if holder is not None:
            set_role(holder, "radio-group", name)
        self.buttonToggled.connect(self._toggled)

    # -- members --------------------------------------------------------------
    def addButton(self, button: QAbstractButton, id: int = -1) -> None:  # Qt API
        super().addButton(button, id)
        button.setAutoExclusive(True)  # the group decides; this makes Qt call it a radio button
        button.installEventFilter(self)
        self._update_stops()

    @property
    def tab_stop(self) -> QAbstractButton | None:
        """The one option Tab lands on."""
        buttons = self.buttons()
        if not buttons:
            return None
        checked = self.checkedButton()
        if checked is not None:
            return checked
        if self._current in buttons:
            return self._current
        return buttons[0]

    def _update_stops(self) -> None:
        stop = self.tab_stop
        for button in self.buttons():
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus if button is stop else Qt.FocusPolicy.ClickFocus)

    def _toggled(self, button: QAbstractButton, on: bool) -> None:
        if on:
            self._current = button
        self._update_stops()

    # -- keys -----------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.FocusIn and watched in self.buttons():
            self._current = watched
            if self.checkedButton() is None:
                self._update_stops()
            return False
        if kind != QEvent.Type.KeyPress or watched not in self.buttons():
            return False
        press = cast(QKeyEvent, event)
        key = press.key()
        if press.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        buttons = [b for b in self.buttons() if b.isVisibleTo(b.window()) and b.isEnabled()]
        if watched not in buttons or key not in (*BACK, *ON, Qt.Key.Key_Home, Qt.Key.Key_End):
            return False
        index = buttons.index(watched)
        if key == Qt.Key.Key_Home:
            target = buttons[0]
        elif key == Qt.Key.Key_End:
            target = buttons[-1]
        else:
            target = buttons[(index + (1 if key in ON else -1)) % len(buttons)]
        target.setFocus(Qt.FocusReason.TabFocusReason)
        return True
