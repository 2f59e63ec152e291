"""Where the main window opens: on the screen it is on, never larger than it.

The decision is a small pure function (``plan_window``) so it can be tested
for any screen; ``place_window`` applies it to a real window. By default the
window opens maximized (the learner's settings can turn that off);
``trainer --window 1280x720`` opens a normal window of that size in logical
pixels, for reviewers and screenshots. Either way the window fits the
screen's available geometry (the desktop minus task bar and dock).

Display scaling is the operating system's: Qt 6 always scales by the
screen's device-pixel ratio, and ``prepare_high_dpi`` keeps fractional
ratios (Windows's 125 % and 150 %) as they are instead of rounding them to
whole numbers, so a 1920×1080 screen at 150 % is 1280×720 logical pixels,
the size the pages are designed for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from trainer.words.catalogue import tr

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

NORMAL_SIZE = (1280, 860)
"""A normal (not maximized) window's size when nothing else is asked, before fitting the screen."""
SMALLEST = (320, 240)
"""Nothing smaller is opened, whatever ``--window`` says."""


@dataclass(frozen=True)
class WindowPlan:
    """How to open the window: its normal geometry (x, y, width, height) and whether to maximize."""

    x: int
    y: int
    width: int
    height: int
    maximized: bool


def plan_window(available: tuple[int, int, int, int], *, requested: tuple[int, int] | None = None,
                maximized: bool = True) -> WindowPlan:
    """The window for a screen whose available geometry is ``available`` (x, y, width, height).

    ``requested`` (``--window``) gives a normal window of that size, shrunk to
    the screen; otherwise the window is maximized when ``maximized``, else a
    normal window of ``NORMAL_SIZE`` shrunk to the screen. A normal window is
    centred in the available area."""
    ax, ay, aw, ah = available
    aw, ah = max(1, aw), max(1, ah)
    if requested is not None:
        maximized = False
        want_w, want_h = requested
    else:
        want_w, want_h = NORMAL_SIZE
    width = min(aw, max(min(SMALLEST[0], aw), want_w))
    height = min(ah, max(min(SMALLEST[1], ah), want_h))
    return WindowPlan(ax + (aw - width) // 2, ay + (ah - height) // 2, width, height, maximized)


_SIZE = re.compile(r"^\s*(\d{2,5})\s*[xX×*]\s*(\d{2,5})\s*$")


def parse_size(text: str) -> tuple[int, int]:
    """``"1280x720"`` → (1280, 720). Raises ValueError with a plain message otherwise."""
    match = _SIZE.match(text or "")
    if not match:
        raise ValueError(f"「{text}」: " + tr("window.size_format", "ja") + " — " + tr("window.size_format", "en"))
    width, height = int(match.group(1)), int(match.group(2))
    if width < SMALLEST[0] or height < SMALLEST[1]:
        least = f"{SMALLEST[0]}x{SMALLEST[1]}"
        raise ValueError(f"「{text}」: " + tr("window.too_small", "ja", size=least) + " — "
                         + tr("window.too_small", "en", size=least))
    return width, height


def prepare_high_dpi() -> None:
    """Keep the OS's fractional display scaling (call before the QApplication exists)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)


def place_window(window: QWidget, *, requested: tuple[int, int] | None = None, maximized: bool = True) -> WindowPlan:
    """Size ``window`` for the screen it will open on, then show it (maximized or not)."""
    from PySide6.QtGui import QCursor, QGuiApplication

    # The screen the person is working on (where the pointer is), else the window's own.
    screen = QGuiApplication.screenAt(QCursor.pos()) or window.screen() or QGuiApplication.primaryScreen()
    area = screen.availableGeometry()
    plan = plan_window((area.x(), area.y(), area.width(), area.height()), requested=requested,
                       maximized=maximized)
    window.setGeometry(plan.x, plan.y, plan.width, plan.height)
    if plan.maximized:
        window.showMaximized()
        return plan
    window.showNormal()
    # The title bar and borders come on top of the size asked for: take them off, so the whole
    # window, frame included, stays on the screen.
    frame, inner = window.frameGeometry(), window.geometry()
    extra_w, extra_h = frame.width() - inner.width(), frame.height() - inner.height()
    if extra_w > 0 or extra_h > 0:
        width = min(plan.width, area.width() - extra_w)
        height = min(plan.height, area.height() - extra_h)
        window.resize(width, height)
        frame = window.frameGeometry()
        left = min(max(area.left(), frame.left()), area.right() + 1 - frame.width())
        top = min(max(area.top(), frame.top()), area.bottom() + 1 - frame.height())
        window.move(left, top)
    return plan
