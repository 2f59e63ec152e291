"""A button on the mock screen: tap, or hold for a long press."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QWidget

from trainer.scenarios.actions import ActionKind
from trainer.scenarios.model import Element
from trainer.widgets.base import ElementContext, ElementWidget
from trainer.widgets.button import BigButton
from trainer.widgets.registry import element_widget

BUTTON_ROW_DEVICES = ("till",)
"""Devices whose screen puts buttons that follow one another side by side, each as wide as its
share of the row (a till's customer display answers 「いいえ」「はい」 on one row, like the real
terminal); their labels wrap within the button rather than the buttons stacking."""

@element_widget("button")
class ButtonElement(ElementWidget):
    """One button; ``style`` primary / secondary / danger / link."""

    def __init__(self, element: Element, ctx: ElementContext, parent: QWidget | None = None) -> None:
        super().__init__(element, ctx, parent)
        style = element.props.get("style", "secondary")
        self.button = BigButton(ctx.text(element.text("label")), self.look, style=style,
                                icon=element.props.get("icon"), long_press=True)
        self.button.clicked.connect(lambda: self.emit_action(ActionKind.TAP, element.id))
        self.button.long_pressed.connect(lambda: self.emit_action(ActionKind.LONG_PRESS, element.id))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        fill = style == "primary" or ctx.device in BUTTON_ROW_DEVICES
        layout.addWidget(self.button, 1 if fill else 0)
        if not fill:
            layout.addStretch(0)

    def target_widget(self, target: str):
        return self.button if target == self.element.id else None
