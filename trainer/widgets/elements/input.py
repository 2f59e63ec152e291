"""A field to type into, with the right keys beside it.

``keyboard: number`` / ``phone`` shows a number pad, ``pin`` a masked PIN
field (4 digits unless ``length`` says otherwise) with the same pad;
``text`` / ``email`` / ``password`` are ordinary fields that take the
computer's keyboard and its Japanese input method, with an on-screen
keyboard one press away. Enter in the field (or the ``submit`` key) sends
an ``enter`` action. What is typed stays in the widget: it leaves only
inside ``Action.fields`` / ``Action.value`` for the runner to judge.
"""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from trainer.scenarios.actions import ActionKind
from trainer.scenarios.model import Element
from trainer.widgets.base import ElementContext, ElementWidget
from trainer.widgets.button import BigButton
from trainer.widgets.keyboard import OnScreenKeyboard
from trainer.widgets.keypad import NumberPad
from trainer.widgets.labels import TextBlock
from trainer.widgets.registry import element_widget

PAD_KINDS = ("number", "pin", "phone")


class Field(QLineEdit):
    """A large single-line field (styled by the app's style sheet)."""

    def __init__(self, look, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFont(look.font("large"))
        self.setMinimumHeight(look.target)
        self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, True)


@element_widget("input")
class InputElement(ElementWidget):
    """A text, number, phone, PIN, password or e-mail field."""

    def __init__(self, element: Element, ctx: ElementContext, parent: QWidget | None = None) -> None:
        super().__init__(element, ctx, parent)
        look = self.look
        keyboard = element.props.get("keyboard", "text")
        self.keyboard_kind = keyboard
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(look.space.md)
        label = ctx.text(element.text("label")) if element.text("label") else ""
        placeholder = ctx.text(element.text("placeholder")) if element.text("placeholder") else ""
        if label:
            self.label = TextBlock(label, look, colour="screen_text", bold=True)
            layout.addWidget(self.label)
        self.field = Field(look)
        self.field.setAccessibleName(label or placeholder)
        if placeholder:
            self.field.setPlaceholderText(placeholder)
        if keyboard in ("pin", "password"):
            self.field.setEchoMode(QLineEdit.EchoMode.Password)
        length = element.props.get("length") or (4 if keyboard == "pin" else None)
        if length:
            self.field.setMaxLength(int(length))
        if keyboard in ("number", "pin"):
            self.field.setValidator(QRegularExpressionValidator(QRegularExpression(r"[0-9０-９]*"), self.field))
            self.field.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        elif keyboard == "phone":
            self.field.setValidator(QRegularExpressionValidator(QRegularExpression(r"[0-9０-９\-#*]*"), self.field))
            self.field.setInputMethodHints(Qt.InputMethodHint.ImhDialableCharactersOnly)
        elif keyboard == "email":
            self.field.setInputMethodHints(Qt.InputMethodHint.ImhEmailCharactersOnly)
        self.field.returnPressed.connect(self.submit)
        row = QHBoxLayout()
        row.setSpacing(look.space.md)
        row.addWidget(self.field, 1)
        unit = ctx.text(element.text("unit")) if element.text("unit") else ""
        if unit:
            row.addWidget(TextBlock(unit, look, role="large", colour="screen_text"), 0,
                          Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(row)
        if keyboard == "pin":
            layout.addWidget(TextBlock(look.tr("input.hidden"), look, role="small", colour="screen_muted"))
        submit = ctx.text(element.text("submit")) if element.text("submit") else None
        self.pad: NumberPad | None = None
        self.keyboard: OnScreenKeyboard | None = None
        self.submit_button: BigButton | None = None
        if keyboard in PAD_KINDS:
            self.pad = NumberPad(look, submit=submit, dialler=keyboard == "phone")
            self.pad.digit.connect(self._insert)
            self.pad.deleted.connect(self.field.backspace)
            self.pad.cleared.connect(self.field.clear)
            self.pad.submitted.connect(self.submit)
            if self.pad.beside_field is not None:  # the dialler's ⌫ beside the number, as on a phone
                row.addWidget(self.pad.beside_field, 0, Qt.AlignmentFlag.AlignVCenter)
            layout.addWidget(self.pad)
        else:
            buttons = QHBoxLayout()
            self.keyboard_button = BigButton(look.tr("kb.show"), look, style="secondary", icon="keyboard",
                                             indicator="check")
            buttons.addWidget(self.keyboard_button)
            if submit:
                self.submit_button = BigButton(submit, look, style="primary")
                self.submit_button.clicked.connect(self.submit)
                buttons.addWidget(self.submit_button)
            buttons.addStretch(1)
            layout.addLayout(buttons)
            self._layout = layout
            self.keyboard_button.toggled.connect(self.show_keyboard)
            self._phone = ctx.device == "phone"
            if self._phone:
                self.keyboard_button.setChecked(True)  # a phone shows its keyboard with the field

    def show_keyboard(self, show: bool = True) -> None:
        """Show (or hide) the on-screen keyboard; it is built the first time it is shown."""
        if self.keyboard is None:
            if not show:
                return
            self.keyboard = OnScreenKeyboard(self.look, latin_first=self.keyboard_kind in ("email", "password"),
                                             compact=self._phone)
            self.keyboard.closed.connect(lambda: self.keyboard_button.setChecked(False))
            self.keyboard.typed.connect(self._insert)
            self.keyboard.replaced.connect(self._replace_last)
            self.keyboard.deleted.connect(self.field.backspace)
            self._layout.addWidget(self.keyboard)
        self.keyboard.setVisible(show)
        # on a phone the keyboard's own 「閉じる」 puts it away; 「画面のキーボード」 brings it back
        self.keyboard_button.setVisible(not (show and self._phone))

    # -- editing --------------------------------------------------------------
    def _insert(self, text: str) -> None:
        self.field.insert(text)

    def _replace_last(self, text: str) -> None:
        self.field.backspace()
        self.field.insert(text)

    def submit(self) -> None:
        """Send what is typed as an ``enter`` action."""
        self.emit_action(ActionKind.ENTER, self.element.id, self.field.text())

    # -- protocol -------------------------------------------------------------
    def field_values(self) -> dict[str, str]:
        return {self.element.id: self.field.text()} if self.element.id else {}

    def target_widget(self, target: str):
        return self.field if target == self.element.id else None
