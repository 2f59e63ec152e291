"""The top bar takes only the rows it shows.

Regression: at 300 % the app's name is left out to save a row, but the bar
kept the height of two rows: a blank band above the list and finish pages.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from trainer.app.library import Library
from trainer.app.main_window import MainWindow
from trainer.app.pages import PageWidget
from trainer.app.settings import Settings


def test_bar_without_its_title_is_one_row_high(qtbot):
    window = MainWindow(Library([]), settings=Settings(text_size_chosen=True, read_aloud=False, text_scale=300))
    qtbot.addWidget(window)
    window.resize(1024, 768)
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


@pytest.mark.parametrize("scale", [100, 150, 200, 250, 300])
@pytest.mark.parametrize("size", [(1280, 720), (1024, 768)])
def test_the_bar_is_one_row_on_every_page(qtbot, scale, size):
    """Its words grow up to 200 % and then stay (trainer.app.pages.NAV_MAX_SCALE), so even the home
    page's four buttons share one row."""
    window = MainWindow(Library([]), settings=Settings(text_size_chosen=True, read_aloud=False, text_scale=scale),
                        learner_page=lambda look: PageWidget(), instructor_page=lambda look: PageWidget())
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    for show in (window.show_home, lambda: window.show_category("smartphone"), window.show_settings):
        show()
        QApplication.processEvents()
        bar = window.nav
        buttons = [b for b in (bar.home, bar.learner, bar.instructor, bar.settings) if b.isVisible()]
        assert buttons
        tops = {b.geometry().top() for b in buttons}
        assert len(tops) == 1, f"{window.page_name}: buttons on {len(tops)} rows at {scale}% {size}"
        row = max(b.height() for b in buttons)
        margins = bar.flow.contentsMargins()
        assert bar.height() <= row + margins.top() + margins.bottom() + 2
