"""Options to choose from, and tick boxes (consent and the like).

Choosing an option sends ``choose`` with the option's id; ticking a box
sends ``toggle`` with "on" or "off". Both also report their state as
input values, so a later ``tap: next, with: {pay-by: card}`` can be judged.
"""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QVBoxLayout, QWidget

from trainer.scenarios.actions import ActionKind
from trainer.scenarios.model import Element
from trainer.widgets.accessibility import set_role
from trainer.widgets.base import ElementContext, ElementWidget
from trainer.widgets.button import BigButton
from trainer.widgets.elements.buttons import fit_words
from trainer.widgets.labels import TextBlock
from trainer.widgets.radio_group import RadioGroup
from trainer.widgets.registry import element_widget


@element_widget("choice-list")
class ChoiceListElement(ElementWidget):
    """A list of options (one or many may be chosen)."""

    def __init__(self, element: Element, ctx: ElementContext, parent: QWidget | None = None) -> None:
        super().__init__(element, ctx, parent)
        look = self.look
        many = element.props.get("select") == "many"
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(look.space.md)
        label = ctx.text(element.text("label")) if element.text("label") is not None else ""
        if label:
            layout.addWidget(TextBlock(label, look, colour="screen_text", bold=True))
        self.options: dict[str, BigButton] = {}
        name = label or look.tr("a11y.choices")
        if many:  # tick boxes: each its own Tab stop, in a named group
            self._group = QButtonGroup(self)
            self._group.setExclusive(False)
            set_role(self, "group", name)
        else:  # radio buttons: one Tab stop, arrow keys inside (see RadioGroup)
            self._group = RadioGroup(self, self, name)
        for option in element.props.get("options", ()):
            text = ctx.text(option.get("label"))
            if option.get("note") is not None:
                text = f"{text}\n{ctx.text(option.get('note'))}"
            button = BigButton(text, look, style="plain", align_left=True,
                               indicator="check" if many else "radio")
            option_id = option["id"]
            button.clicked.connect(lambda _=False, o=option_id: self.emit_action(ActionKind.CHOOSE, o))
            self._group.addButton(button)
            self.options[option_id] = button
            layout.addWidget(button)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        # 「やまの / 農業協 / 同組合」 on a phone at big text: an option's words a little smaller,
        # whole; every option at the size of the one that needed the most, so the list reads as one
        width = event.size().width()
        for button in self.options.values():
            fit_words(button, self.look, width)
        least = min((b.property("words_scale") for b in self.options.values()), default=self.look.scale)
        for button in self.options.values():
            if button.property("words_scale") != least:
                button.setProperty("words_scale", least)
                fit_words(button, self.look, width)

    def chosen(self) -> list[str]:
        return [option_id for option_id, button in self.options.items() if button.isChecked()]

    def field_values(self) -> dict[str, str]:
        return {self.element.id: ",".join(self.chosen())} if self.element.id else {}

    def target_widget(self, target: str):
        if target in self.options:
            return self.options[target]
        if target == self.element.id and self.options:
            return next(iter(self.options.values()))
        return None


@element_widget("checkbox")
class CheckboxElement(ElementWidget):
    """A tick box with its label."""

    def __init__(self, element: Element, ctx: ElementContext, parent: QWidget | None = None) -> None:
        super().__init__(element, ctx, parent)
        self.box = BigButton(ctx.text(element.text("label")), self.look, style="plain", align_left=True,
                             indicator="check")
        self.box.setChecked(bool(element.props.get("checked", False)))
        self.box.clicked.connect(
            lambda: self.emit_action(ActionKind.TOGGLE, element.id, "on" if self.box.isChecked() else "off"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.box)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        fit_words(self.box, self.look, event.size().width())  # a word of its label whole on a narrow screen

    def field_values(self) -> dict[str, str]:
        return {self.element.id: "on" if self.box.isChecked() else "off"} if self.element.id else {}

    def target_widget(self, target: str):
        return self.box if target == self.element.id else None
