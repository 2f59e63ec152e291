"""The home screen: large tiles for the six kinds of practice.

Each tile is a picture and a word (キャッシュレス, ネットショッピング …) and
how many practices it holds. Arrow keys move between tiles, Enter opens.

At large text sizes the first tile must still be on a 1280×720 screen: from
175 % the motto moves below the tiles, and from 200 % a tile's picture sits
beside its words instead of above them (a tile half as tall).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from trainer.app.library import CATEGORY_ICONS, Library
from trainer.app.pages import ScrollPage
from trainer.widgets.arrow_nav import ArrowNavigator
from trainer.widgets.button import BigButton
from trainer.widgets.flow import FlowLayout
from trainer.widgets.labels import TextBlock
from trainer.widgets.look import Look


class HomePage(ScrollPage):
    """Category tiles."""

    category_chosen = Signal(str)
    """A tile was pressed (the category id)."""

    def __init__(self, library: Library, look: Look, parent: QWidget | None = None,
                 learner_name: str | None = None) -> None:
        super().__init__(look, parent)
        self.learner_heading: TextBlock | None = None
        if learner_name:  # the chosen learner's own home
            self.learner_heading = self.heading(look.tr("home.learner", name=learner_name), role="large")
        self.heading(look.tr("home.heading"))
        motto = TextBlock(look.tr("app.motto"), look, colour="muted")
        motto_last = look.scale >= 1.75
        if not motto_last:
            self.body.addWidget(motto)
        grid_holder = QWidget()
        grid = FlowLayout(grid_holder, spacing=look.space.xl, uniform=True, fill_height=True)
        self.tiles: dict[str, BigButton] = {}
        for category in library.categories():
            count = len(library.in_category(category))
            text = f"{look.tr(f'cat.{category}')}\n{look.tr('home.count', n=count)}"
            tile = BigButton(text, look, style="tile", icon=CATEGORY_ICONS.get(category),
                             icon_top=look.scale < 2.0, role="large")
            tile.clicked.connect(lambda _=False, c=category: self.category_chosen.emit(c))
            grid.addWidget(tile)
            self.tiles[category] = tile
        self._arrows = ArrowNavigator(list(self.tiles.values()), self)
        self.body.addWidget(grid_holder)
        if motto_last:
            self.body.addWidget(motto)
        self.body.addStretch(1)

    def first_tile(self) -> BigButton:
        return next(iter(self.tiles.values()))
