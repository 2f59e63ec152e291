"""Shared pieces of the full-window pages: a page with a heading that
scrolls when the text is big, and a top navigation bar."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from trainer.widgets.button import BigButton
from trainer.widgets.labels import TextBlock
from trainer.widgets.look import Look


def fill(widget: QWidget, look: Look, role: str = "window") -> None:
    widget.setAutoFillBackground(True)
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.Window, look.colour(role))
    widget.setPalette(palette)


class ScrollPage(QScrollArea):
    """A page whose content scrolls vertically and reflows horizontally."""

    def __init__(self, look: Look, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.look = look
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.content = QWidget()
        fill(self.content, look)
        fill(self.viewport(), look)
        self.body = QVBoxLayout(self.content)
        margin = look.px(24)
        self.body.setContentsMargins(margin, look.px(16), margin, margin)
        self.body.setSpacing(look.px(16))
        self.setWidget(self.content)

    def heading(self, text: str, role: str = "title") -> TextBlock:
        block = TextBlock(text, self.look, role=role, colour="text", bold=True)
        self.body.addWidget(block)
        return block


class NavBar(QWidget):
    """The app's top bar: its name, and 「はじめの画面へ」 and 「設定」 (and the
    instructor's button when the instructor area is installed)."""

    def __init__(self, look: Look, instructor: bool = False, learner: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        fill(self, look, "surface")
        row = QHBoxLayout(self)
        pad = look.px(8)
        row.setContentsMargins(look.px(16), pad, look.px(16), pad)
        row.setSpacing(look.px(10))
        self.title = TextBlock(look.tr("app.title"), look, role="body", colour="surface_text", bold=True)
        row.addWidget(self.title, 1, Qt.AlignmentFlag.AlignVCenter)
        self.home = BigButton(look.tr("nav.home"), look, icon="home", style="quiet")
        self.learner = BigButton(look.tr("nav.learner"), look, icon="person", style="quiet")
        self.instructor = BigButton(look.tr("nav.instructor"), look, icon="document", style="quiet")
        self.settings = BigButton(look.tr("nav.settings"), look, icon="settings", style="quiet")
        for button in (self.home, self.learner, self.instructor, self.settings):
            row.addWidget(button, 0)
        self.learner.setVisible(learner)
        self.instructor.setVisible(instructor)
        self._instructor = instructor
        self._learner = learner

    def for_page(self, page: str) -> None:
        """Show the buttons that make sense on ``page``."""
        self.home.setVisible(page not in ("home", "first-start", "learner"))
        self.learner.setVisible(self._learner and page == "home")
        self.instructor.setVisible(self._instructor and page in ("home", "learner"))
        self.settings.setVisible(page not in ("settings", "first-start"))
