"""A button on the mock screen: tap, or hold for a long press."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QWidget

from trainer.scenarios.actions import ActionKind
from trainer.scenarios.model import Element
from trainer.widgets.base import ElementContext, ElementWidget
from trainer.widgets.button import BigButton
from trainer.widgets.elements.tiles import widest_phrase
from trainer.widgets.look import Look
from trainer.widgets.registry import element_widget

LEAST_WORDS_SCALE = 0.85
"""The smallest scale a button's words are drawn at to keep a word whole (its target stays 44 px)."""


def fit_words(button: BigButton, look: Look, width: int) -> None:
    """Draw ``button``'s words in ``look``, or a little smaller (steps of 0.05, down to three quarters
    of it and never under ``LEAST_WORDS_SCALE``) when in ``width`` its widest word (a BudouX phrase)
    would not stand whole on a line: on a phone's narrow screen at big text 「受信トレイに戻る」 was
    torn into 「受信ト / レイに戻る」. Only ever smaller, never back: in a row of buttons the width
    depends on the words' size, and growing back would go to and fro."""
    text = button.text()
    least = max(LEAST_WORDS_SCALE, round(look.scale * 0.75, 2))
    before = button.property("words_scale")
    scale = min(look.scale, before) if isinstance(before, float) else look.scale
    while True:
        button.set_look(look if scale == look.scale else look.with_(scale=scale))
        if widest_phrase(button._font(), text) + button._chrome_width() <= width or scale <= least:
            break
        scale = max(least, round(scale - 0.05, 2))
    button.setProperty("words_scale", float(scale))


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

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        fit_words(self.button, self.look, event.size().width())  # the row's width, not the button's own

    def target_widget(self, target: str):
        return self.button if target == self.element.id else None
