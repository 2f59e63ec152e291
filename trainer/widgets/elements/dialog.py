"""A small confirmation box on the mock screen, with its buttons."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from trainer.scenarios.actions import ActionKind
from trainer.scenarios.model import Element
from trainer.widgets.accessibility import set_role
from trainer.widgets.base import ElementContext, ElementWidget
from trainer.widgets.button import BigButton
from trainer.widgets.flow import FlowLayout
from trainer.widgets.labels import Box, TextBlock, make_text
from trainer.widgets.registry import element_widget


@element_widget("dialog")
class DialogElement(ElementWidget):
    """Title, text and buttons in a raised box."""

    def __init__(self, element: Element, ctx: ElementContext, parent: QWidget | None = None) -> None:
        super().__init__(element, ctx, parent)
        look = self.look
        box = Box(look, fill="screen", border="screen_text", padding=18, radius=16, border_width=3)
        title = ctx.text(element.text("title")) if element.text("title") is not None else ""
        set_role(box, "dialog", title or look.tr("a11y.dialog"), ctx.text(element.text("text")))
        if title:
            box.box_layout.addWidget(set_role(TextBlock(title, look, role="large", colour="screen_text",
                                                        bold=True), "heading"))
        box.box_layout.addWidget(make_text(ctx.raw(element.text("text")), look, colour="screen_text",
                                           readings=ctx.readings))
        holder = QWidget()
        flow = FlowLayout(holder, spacing=look.space.lg, stretch=True, fill_height=True)
        self.buttons: dict[str, BigButton] = {}
        for spec in element.props.get("buttons", ()):
            button = BigButton(ctx.text(spec.get("label")), look, style=spec.get("style") or "secondary",
                               long_press=True)
            button_id = spec["id"]
            button.clicked.connect(lambda _=False, b=button_id: self.emit_action(ActionKind.TAP, b))
            button.long_pressed.connect(lambda b=button_id: self.emit_action(ActionKind.LONG_PRESS, b))
            flow.addWidget(button)
            self.buttons[button_id] = button
        box.box_layout.addWidget(holder)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(box)

    def target_widget(self, target: str):
        if target in self.buttons:
            return self.buttons[target]
        return super().target_widget(target)
