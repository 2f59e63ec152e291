"""A machine's touch-screen menu: large tiles of equal weight in a grid
(the multi-copy machine's 「コピー」「プリント」「行政サービス」…).

No tile is coloured differently from the others, as on the real machines:
the learner finds the right one by reading. Arrow keys move between tiles;
Enter or Space presses one.
"""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QSizePolicy, QWidget

from trainer.scenarios.actions import ActionKind
from trainer.scenarios.model import Element
from trainer.widgets.arrow_nav import ArrowNavigator
from trainer.widgets.base import ElementContext, ElementWidget
from trainer.widgets.button import BigButton
from trainer.widgets.registry import element_widget

TILE_MIN_WIDTH = 120
"""Narrowest a menu tile may be at 100 %, in pixels (decides the columns)."""


@element_widget("menu-tiles")
class MenuTilesElement(ElementWidget):
    """Equal tiles in rows of ``columns`` (fewer when the screen is narrow)."""

    def __init__(self, element: Element, ctx: ElementContext, parent: QWidget | None = None) -> None:
        super().__init__(element, ctx, parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        gap = self.look.space.lg
        self.grid.setHorizontalSpacing(gap)
        self.grid.setVerticalSpacing(gap)
        self.tiles: dict[str, BigButton] = {}
        for tile in element.props.get("tiles", ()):
            label = ctx.text(tile.get("label"))
            note = ctx.text(tile.get("note")) if tile.get("note") is not None else ""
            button = BigButton(f"{label}\n{note}" if note else label, self.look, style="tile")
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            button.setMinimumHeight(round(self.look.target * 1.5))
            tile_id = tile["id"]
            button.clicked.connect(lambda _=False, t=tile_id: self.emit_action(ActionKind.TAP, t))
            self.tiles[tile_id] = button
        self._columns = 0
        self._arrange(int(element.props.get("columns", 2) or 2))
        self._arrows = ArrowNavigator(list(self.tiles.values()), self)

    def _arrange(self, columns: int) -> None:
        columns = max(1, columns)
        if columns == self._columns:
            return
        self._columns = columns
        for button in self.tiles.values():
            self.grid.removeWidget(button)
        for index, button in enumerate(self.tiles.values()):
            self.grid.addWidget(button, index // columns, index % columns)
        for column in range(max(columns, self.grid.columnCount())):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)

    def resizeEvent(self, event) -> None:
        wanted = int(self.element.props.get("columns", 2) or 2)
        fits = max(1, event.size().width() // max(1, self.look.px(TILE_MIN_WIDTH)))
        self._arrange(min(wanted, fits))
        super().resizeEvent(event)

    def target_widget(self, target: str):
        return self.tiles.get(target) or super().target_widget(target)
