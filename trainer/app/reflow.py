"""Where the player's parts go: pure geometry, decided from the room there is.

In a landscape window (wider than tall) the instruction column and the
device stand side by side at every text size. The control bar runs in one
row along the bottom of the whole player beside a landscape device when its
five buttons fit there (its text as large as the chosen size allows in that
row), else — and always beside a phone, which needs the whole height — at the
bottom of the instruction column; it never scrolls. The device takes the
height there is and, keeping its real proportions, the width that follows
(a phone is narrow, a kiosk or a computer wide); the column gets the rest,
but never less than about a third of the width — half of it at 300 %,
so that beside a kiosk a line still holds 6 large characters (it held 4) — and
never more than a comfortable line length. (Why not a strip above a
landscape device: see docs/decisions/player.md, "The column at 300 %".)

In a portrait window the instructions come first (at most a third of the
height; they scroll), the control bar last, and the device gets the middle,
which is most of the height.

``FitScroll`` is the frameless vertical scroll area the instructions sit in.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QRect, QSize, Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget


class FitScroll(QScrollArea):
    """A frameless, vertical-only scroll area whose content is always as wide as the view and as
    tall as its text needs at that width (Qt's own resizing loses height-for-width when the
    scroll bar comes and goes, and the text would be cut)."""

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setWidget(content)
        self.viewport().setAutoFillBackground(False)
        content.setAutoFillBackground(False)
        content.installEventFilter(self)

    def refit(self) -> None:
        content = self.widget()
        if content is None:
            return
        width = max(1, self.viewport().width())
        needed = content.heightForWidth(width) if content.hasHeightForWidth() else content.sizeHint().height()
        size = QSize(width, max(self.viewport().height(), needed))
        if content.size() != size:
            content.resize(size)

    def sizeHint(self) -> QSize:
        """As tall as the content needs at the view's width (not Qt's fixed guess of a few lines):
        a layout that puts something under the instructions (「次へ」) puts it right under them, the
        way one reads, and lets them scroll only when the column is too short."""
        hint = super().sizeHint()
        content = self.widget()
        if content is None:
            return hint
        width = max(1, self.viewport().width())
        needed = content.heightForWidth(width) if content.hasHeightForWidth() else content.sizeHint().height()
        return QSize(hint.width(), needed + 2 * self.frameWidth())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.refit()

    def eventFilter(self, watched, event) -> bool:
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.refit()
            self.updateGeometry()  # the content's height is this area's wish
        return super().eventFilter(watched, event)


@dataclass(frozen=True)
class Split:
    """The player's parts: side by side (``wide``) or stacked."""

    wide: bool
    text: QRect
    controls: QRect
    stage: QRect


def column_width(width: int, height: int, device_aspect: float, scale: float, line_limit: int,
                 gap: int, least: int = 0, device_least: int = 0) -> int:
    """The instruction column's width beside a device of ``device_aspect`` (width / height,
    its stage margins included) that takes the whole ``height``; at least ``least`` (the
    control bar's two columns) and about a third of the width, more as the text grows — but
    never so much that the device gets less than ``device_least`` (the width at which its own
    text is still drawn at 100 %)."""
    share = round(width * min(0.52, 0.34 + 0.09 * (scale - 1)))
    if device_least:
        share = min(share, max(round(width * 0.34), width - gap - device_least))
    least = max(least, share)
    most = max(least, min(round(width * 0.62), line_limit))
    wanted = width - gap - round(height * device_aspect)
    return max(least, min(most, wanted))


def split(width: int, height: int, *, device_aspect: float, scale: float, line_limit: int, gap: int,
          controls_height, text_height, least: int = 0, controls_row=None, device_least: int = 0) -> Split:
    """Place the parts in ``width`` × ``height``.

    ``controls_height(w)`` is the control bar's height at width ``w``; ``text_height(w)`` the
    instructions' full height (used when stacked, where they get at most a third);
    ``controls_row(w)`` (optional) the bar's height in one row across ``w``, or 0 when its
    buttons do not fit in one row there; ``device_least`` the stage width below which the device's
    own text would be drawn smaller than 100 %."""
    width, height = max(1, width), max(1, height)
    # a landscape device leaves height to spare below it; a phone wants all of it
    row = controls_row(width) if controls_row is not None and width >= height and device_aspect >= 1 else 0
    if row and row <= height // 4:
        above = max(1, height - row - gap)
        column = column_width(width, height - row, device_aspect, scale, line_limit, gap, 0, device_least)
        text = QRect(0, 0, column, above)
        controls = QRect(0, height - row, width, row)
        # the stage's own margin is the gap above the bar: every pixel of height is the device's
        stage = QRect(column + gap, 0, max(1, width - column - gap), max(1, height - row))
        return Split(True, text, controls, stage)
    if width >= height:
        column = column_width(width, height, device_aspect, scale, line_limit, gap, least, device_least)
        bar = min(controls_height(column), height // 2)
        text = QRect(0, 0, column, max(1, height - bar - gap))
        controls = QRect(0, height - bar, column, bar)
        stage = QRect(column + gap, 0, max(1, width - column - gap), height)
        return Split(True, text, controls, stage)
    bar = min(controls_height(width), height // 4)
    text_h = max(1, min(text_height(width), height // 3))
    text = QRect(0, 0, width, text_h)
    controls = QRect(0, height - bar, width, bar)
    stage = QRect(0, text_h + gap, width, max(1, height - text_h - bar - 2 * gap))
    return Split(False, text, controls, stage)
