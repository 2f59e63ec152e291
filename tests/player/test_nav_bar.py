"""The top bar takes only the rows it shows.

Regression: at 300 % the app's name is left out to save a row, but the bar
kept the height of two rows: a blank band above the list and finish pages.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from trainer.app.library import Library
from trainer.app.main_window import MainWindow
from trainer.app.settings import Settings


def test_bar_without_its_title_is_one_row_high(qtbot):
    window = MainWindow(Library([]), settings=Settings(text_size_chosen=True, read_aloud=False, text_scale=300))
    qtbot.addWidget(window)
    window.resize(1280, 860)
    window.show()
    qtbot.waitExposed(window)
    window.show_category("smartphone")  # 「はじめの画面へ」 and 「設定」: no room for the name beside them
    bar = window.nav
    assert not bar.title.isVisible()
    row = max(bar.home.height(), bar.settings.height())
    margins = bar.flow.contentsMargins()
    one_row = row + margins.top() + margins.bottom() + 2
    QApplication.processEvents()  # one pass, as `trainer shots` does before it grabs
    assert bar.height() <= one_row, (bar.height(), one_row)
