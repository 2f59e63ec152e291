"""What Qt keeps for the whole application is bounded (issue 17, item 5: memory over a day of practice)."""

from __future__ import annotations

from PySide6.QtGui import QPixmapCache


def test_the_window_bounds_qts_pixmap_cache(qtbot):
    """Qt's application-wide pixmap cache may hold 10 MiB by default; the window keeps it to 4 MiB."""
    from tests.player.test_pages_let_go import window_on_home
    from trainer.widgets.lifetime import PIXMAP_CACHE_KIB

    QPixmapCache.setCacheLimit(10240)  # Qt's default (another test may have set it already)
    window_on_home(qtbot)
    assert QPixmapCache.cacheLimit() == PIXMAP_CACHE_KIB <= 4096
