"""A machine's touch-screen menu: large tiles of equal weight in a grid
(the multi-copy machine's 「コピー」「プリント」「行政サービス」…).

No tile is coloured differently from the others, as on the real machines:
the learner finds the right one by reading. Arrow keys move between tiles;
Enter or Space presses one.
"""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGridLayout, QSizePolicy, QWidget

from trainer.scenarios.actions import ActionKind
from trainer.scenarios.model import Element
from trainer.widgets.arrow_nav import ArrowNavigator
from trainer.widgets.base import ElementContext, ElementWidget
from trainer.widgets.button import BigButton
from trainer.widgets.elements.speaker import screen_room
from trainer.widgets.phrases import phrase_starts
from trainer.widgets.registry import element_widget
from trainer.widgets.text_layout import text_size

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
        self._tallest = round(self.look.target * 1.5)
        self._least = max((widest_phrase(b._font(), b.text()) + b._chrome_width() + 1 for b in self.tiles.values()), default=0)
        """The narrowest a tile is without breaking a word of its label (「行政サー / ビス」)."""
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
        gap = self.grid.horizontalSpacing()
        tile = max(self.look.px(TILE_MIN_WIDTH), self._least)
        fits = max(1, (event.size().width() + gap) // max(1, tile + gap))
        self._arrange(min(wanted, fits))
        self._fit_rows()
        super().resizeEvent(event)

    def _fit_rows(self) -> None:
        """Tiles 1.5 targets tall, lower (never under one target) when that is what lets every row
        be on the screen at once: more rows, for fewer columns, should not push tiles out of view."""
        rows = -(-len(self.tiles) // max(1, self._columns))
        room = screen_room(self)
        tall = self._tallest
        if room is not None and rows:
            share = (room - (rows - 1) * self.grid.verticalSpacing()) // rows
            tall = max(self.look.target, min(tall, share))
        for button in self.tiles.values():
            if button.minimumHeight() != tall:
                button.setMinimumHeight(tall)

    def target_widget(self, target: str):
        return self.tiles.get(target) or super().target_widget(target)



def widest_phrase(font: QFont, text: str) -> int:
    """The width of ``text``'s widest phrase (BudouX's, a line of its own at each ``\\n``) on one line
    in ``font``: a column narrower than this breaks a word in two (「行政サー / ビス」)."""
    widest = 0
    for line in text.split("\n"):
        cuts = [0, *sorted(phrase_starts(line)), len(line)]
        for a, b in zip(cuts, cuts[1:], strict=False):
            if line[a:b].strip():
                widest = max(widest, text_size(font, line[a:b].strip())[0])
    return widest
