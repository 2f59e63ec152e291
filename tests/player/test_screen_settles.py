"""A step's screen settles: once laid out, it asks for no further layout passes of its own.

A part that resizes itself to the width it is given (the photo camera's bar of buttons) and grows
back when given more could swing for ever with the screen's scroll bar (a smaller bar: no scroll
bar, more width; a bigger bar: a scroll bar, less width), each swing a layout pass in which the
player looks again at what is in view, until the stack ran out (a crash in keyboard-only play)."""
import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from tests.player.conftest import window_at


class _Count(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.layouts = 0

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            self.layouts += 1
        return False


@pytest.mark.parametrize("size", [(1280, 720), (1280, 860), (1920, 1080)])
@pytest.mark.parametrize("scale", [2.0, 3.0])
def test_the_camera_screen_stops_laying_itself_out(qtbot, size, scale):
    window, player = window_at(qtbot, "phone-and-camera", "shoot", size=size, scale=scale)
    view = player.view
    assert view is not None
    for _ in range(5):  # let whatever settling is due run its course
        QApplication.processEvents()
    count = _Count()
    parts = [view, *view.findChildren(QObject)]
    for part in parts:
        part.installEventFilter(count)
    for _ in range(10):
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        QApplication.processEvents()
    for part in parts:
        part.removeEventFilter(count)
    assert count.layouts == 0, f"{count.layouts} more layout passes asked for by a screen already laid out"
