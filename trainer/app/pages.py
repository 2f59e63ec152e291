"""Shared pieces of the full-window pages: a page with a heading that
scrolls when the text is big, and a top navigation bar."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from trainer.widgets.accessibility import set_role
from trainer.widgets.button import BigButton
from trainer.widgets.flow import FlowLayout
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
        block = set_role(TextBlock(text, self.look, role=role, colour="text", bold=True), "heading")
        self.body.addWidget(block)
        return block


class NavBar(QWidget):
    """The app's top bar: its name, 「はじめの画面へ」 and 「設定」 (and the buttons of
    the learner choice and the instructor area when those are installed).

    It wraps onto more rows when the text is big; the name is left out when
    it would take a row of its own (the window title still has it)."""

    def __init__(self, look: Look, instructor: bool = False, learner: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.look = look
        fill(self, look, "surface")
        self.flow = FlowLayout(self, spacing=look.px(10))
        pad = look.px(6)
        self.flow.setContentsMargins(look.px(16), pad, look.px(16), pad)
        self.title = TextBlock(look.tr("app.title"), look, role="body", colour="surface_text", bold=True)
        self.flow.addWidget(self.title)
        self.flow.set_greedy(self.title)
        self.home = BigButton(look.tr("nav.home"), look, icon="home", style="quiet", compact=True)
        self.learner = BigButton(look.tr("nav.learner"), look, icon="person", style="quiet", compact=True)
        self.instructor = BigButton(look.tr("nav.instructor"), look, icon="document", style="quiet", compact=True)
        self.settings = BigButton(look.tr("nav.settings"), look, icon="settings", style="quiet", compact=True)
        for button in (self.home, self.learner, self.instructor, self.settings):
            self.flow.addWidget(button)
        self.learner.setVisible(learner)
        self.instructor.setVisible(instructor)
        self._instructor = instructor
        self._learner = learner
        policy = self.sizePolicy()
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def for_page(self, page: str) -> None:
        """Show the buttons that make sense on ``page`` (during play: only 「設定」;
        the player's own 「やめる」 leads back)."""
        self.home.setVisible(page not in ("home", "first-start", "learner", "player"))
        self.learner.setVisible(self._learner and page == "home")
        self.instructor.setVisible(self._instructor and page == "home")
        self.settings.setVisible(page not in ("settings", "first-start"))
        self._fit_title()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_title()

    def _fit_title(self) -> None:
        buttons = sum(b.sizeHint().width() + self.look.px(10) for b in
                      (self.home, self.learner, self.instructor, self.settings) if not b.isHidden())
        room = self.width() - self.look.px(32) - buttons
        show = room >= self.title.sizeHint().width() or self.width() == 0
        if show != self.title.isVisibleTo(self):
            self.title.setVisible(show)
            self.flow.invalidate()
            self.updateGeometry()  # the bar's height changes with the rows it needs
