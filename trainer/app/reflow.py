"""Two panes side by side when there is room, one above the other when the
text is big: nothing is squeezed, everything can be scrolled to.

``FitScroll`` is a scroll area that can also take the full height of its
content (used for the instruction pane when the panes are stacked, so there
is only one scroll bar to deal with).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QBoxLayout, QFrame, QScrollArea, QWidget


class FitScroll(QScrollArea):
    """A frameless, vertical-only scroll area that can grow to fit its content."""

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setWidget(content)
        self._fit = False

    def set_fit(self, fit: bool) -> None:
        self._fit = fit
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff if fit
                                        else Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.refit()

    def refit(self) -> None:
        if self._fit and self.widget() is not None:
            width = max(1, self.viewport().width())
            content = self.widget()
            needed = content.heightForWidth(width) if content.hasHeightForWidth() else content.sizeHint().height()
            self.setMinimumHeight(needed + 2 * self.frameWidth())
        else:
            self.setMinimumHeight(0)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self._fit and event.oldSize().width() != event.size().width():
            self.refit()


class ReflowArea(QScrollArea):
    """``first`` and ``second`` side by side (wide) or stacked (narrow).

    ``middle`` (the player's control bar) sits in the ``home`` layout, under
    the area, when the panes are side by side; when they are stacked it
    moves between them, right under the instructions, so that everything
    scrolls together and nothing is squeezed off the screen."""

    def __init__(self, first: FitScroll, second: QWidget, wide_enough, middle: QWidget | None = None,
                 home: QBoxLayout | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.first = first
        self.second = second
        self.middle = middle
        self.home = home
        self._wide_enough = wide_enough
        inner = QWidget()
        inner.setObjectName("reflow-inner")
        self.box = QBoxLayout(QBoxLayout.Direction.LeftToRight, inner)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.addWidget(first, 5)
        self.box.addWidget(second, 6)
        self.setWidget(inner)
        self.wide: bool | None = None
        if middle is not None and home is not None:
            home.addWidget(middle)

    def set_spacing(self, spacing: int) -> None:
        self.box.setSpacing(spacing)

    def resizeEvent(self, event) -> None:  # noqa: N802
        self.arrange(event.size().width(), event.size().height())
        super().resizeEvent(event)

    def arrange(self, width: int | None = None, height: int | None = None) -> None:
        width = self.width() if width is None else width
        height = self.height() if height is None else height
        wide = bool(self._wide_enough(width))
        if wide != self.wide:
            self.wide = wide
            self.box.setDirection(QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom)
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff if wide
                                            else Qt.ScrollBarPolicy.ScrollBarAsNeeded)
            self.first.set_fit(not wide)
            self.box.setStretchFactor(self.first, 5 if wide else 0)
            self.box.setStretchFactor(self.second, 6 if wide else 1)
            fit = getattr(self.second, "fit_content", None)
            if fit is not None:
                fit(not wide)
            self._place_middle(wide)
        if not wide:
            self.first.refit()

    def _place_middle(self, wide: bool) -> None:
        if self.middle is None or self.home is None:
            return
        if wide:
            self.box.removeWidget(self.middle)
            self.home.addWidget(self.middle)
        else:
            self.home.removeWidget(self.middle)
            self.box.insertWidget(1, self.middle)
