"""Shared pieces of the full-window pages: a page with a heading that
scrolls when the text is big, and a top navigation bar.

Room on a 1280×720 screen is short at 300 % text, so the page chrome grows
less than the text: a page heading is never more than one step above the
body text (``heading_role``), and the top bar's words grow up to
``NAV_MAX_SCALE`` (200 %) and then stay, so the bar is always one row high
and the page's own action stays on screen (see docs/decisions/player.md,
"Window and pages")."""

from __future__ import annotations

from enum import StrEnum
from typing import Protocol

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QBoxLayout, QFrame, QScrollArea, QVBoxLayout, QWidget

from trainer.widgets.accessibility import set_children, set_role
from trainer.widgets.button import BigButton
from trainer.widgets.flow import FlowLayout
from trainer.widgets.labels import TextBlock
from trainer.widgets.look import Look


class PageKind(StrEnum):
    """The window's pages (their values are the names ``MainWindow.page_changed`` gives)."""

    FIRST_START = "first-start"
    LEARNER = "learner"
    HOME = "home"
    LIST = "list"
    MODES = "modes"
    PLAYER = "player"
    FINISH = "finish"
    SETTINGS = "settings"
    INSTRUCTOR = "instructor"


class Page(Protocol):
    """What the window needs of a page a factory gives it (the learner choice, the instructor area):
    one ``done`` signal, after which the window goes on (home after the learner choice, the learner
    choice after the instructor area)."""

    @property
    def done(self) -> SignalInstance: ...

    def title_to_bar(self) -> str | None:
        """The page's question for the top bar at large text sizes (None: the app's name)."""
        ...


class PageWidget(QWidget):
    """A widget with the :class:`Page` protocol: the factories' pages derive from it."""

    done = Signal()
    """The page is finished: the window goes on."""

    def title_to_bar(self) -> str | None:
        return None


NAV_MAX_SCALE = 2.0
"""The top bar's words grow with the text size up to this scale, then stay."""
TITLE_ROOM = 32
"""Room kept beside the top bar's title and buttons at 100 %, in pixels."""


def heading_role(look: Look, role: str = "title") -> str:
    """The text role of a page heading at ``look``'s scale: ``role`` up to 150 %, then "large", and
    "body" from 250 % (a 102 px heading at 300 % would take a third of a 720 px screen)."""
    if look.scale >= 2.5:
        return "body"
    if look.scale >= 1.75:
        return "large"
    return role


def one_row_look(buttons: list[BigButton], width: int, full: Look, spacing: float = 10,
                 margins: float = 32) -> Look:
    """The largest look, up to ``full``, at which ``buttons`` (spaced ``spacing``, inside ``margins``
    written at 100 %) share one row ``width`` px wide; the buttons are set to it."""
    scales = sorted({full.scale, *(s for s in (1.75, 1.5, 1.25, 1.0) if s < full.scale)}, reverse=True)
    for scale in scales:
        look = full if scale == full.scale else full.with_(scale=scale)
        total = 0
        for button in buttons:
            button.set_look(look)
            total += button.sizeHint().width() + look.px(spacing)
        if total - look.px(spacing) + look.px(margins) <= width or scale == scales[-1]:
            return look
    return full


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
        viewport = QWidget()  # made here: asking Qt for its own would have PySide look up every widget class
        fill(viewport, look)
        self.setViewport(viewport)
        self.body = QVBoxLayout(self.content)
        # Margins and gaps grow less than the text: at 300 % the width is for words.
        margin = min(look.space.xxl, 40)
        self.body.setContentsMargins(margin, min(look.space.xl, 28), margin, margin)
        self.body.setSpacing(min(look.space.xl, 32))
        self.setWidget(self.content)
        self._pinned: QWidget | None = None
        self._stuck: bool | None = None
        self._top: QWidget | None = None
        set_children(self)

    def accessible_children(self) -> list[QWidget]:
        """What a screen reader meets, top to bottom: the question, the content, the main action
        and the scroll bar (the bands are not in the viewport, where Qt would look)."""
        bar = self.verticalScrollBar().parentWidget()
        return [w for w in (self._top, self.viewport(), self._pinned, bar) if w is not None]

    def pin(self, widget: QWidget) -> None:
        """Keep ``widget`` (the page's main action) in view at every text size: right below the
        content when all of it fits, else on a band at the bottom of the page that the content
        scrolls under (like a sticky footer)."""
        band = QWidget(self)
        fill(band, self.look, "surface")
        layout = QVBoxLayout(band)
        pad, side = min(self.look.space.lg, 16), min(self.look.space.xxl, 40)  # room for the buttons, not margins
        layout.setContentsMargins(side, pad, side, pad)
        layout.addWidget(widget)
        self._pinned = band
        self._stuck = None
        band.show()
        self._place_pinned()

    def pin_top(self, widget: QWidget) -> None:
        """Keep ``widget`` (the page's question) above the content at every text size, the way
        ``pin`` keeps the main action below it: the content scrolls under neither."""
        band = QWidget(self)
        fill(band, self.look)
        layout = QVBoxLayout(band)
        side = min(self.look.space.xxl, 40)
        layout.setContentsMargins(side, min(self.look.space.xl, 28), side, min(self.look.space.md, 14))
        layout.addWidget(widget)
        self._top = band
        band.show()
        self._place_pinned()

    @staticmethod
    def _height_for(widget: QWidget, width: int) -> int:
        layout = widget.layout()
        if layout is not None and layout.hasHeightForWidth():
            return layout.totalHeightForWidth(width)
        return widget.sizeHint().height()

    def _place_pinned(self) -> None:
        band, head = self._pinned, self._top
        if band is None and head is None:
            return
        width = self.width()
        above = 0 if head is None else self._height_for(head, width)
        if head is not None:
            head.setGeometry(0, 0, width, above)
            head.raise_()
        if band is None:
            self.setViewportMargins(0, above, 0, 0)
            return
        height = self._height_for(band, width)
        content = self._height_for(self.content, width)
        stuck = above + content + height > self.height()
        self.setViewportMargins(0, above, 0, height if stuck else 0)
        top = self.height() - height if stuck else above + content
        band.setGeometry(0, top, width, height)
        band.raise_()
        if stuck != self._stuck:
            self._stuck = stuck
            fill(band, self.look, "surface" if stuck else "window")

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place_pinned()

    def heading(self, text: str, role: str = "title", into: QBoxLayout | None = None) -> TextBlock:
        """The page's heading, added to the page (or to the row ``into``)."""
        block = set_role(TextBlock(text, self.look, role=heading_role(self.look, role), colour="text", bold=True),
                         "heading")
        (self.body if into is None else into).addWidget(block, 0 if into is None else 1)
        return block


class NavBar(QWidget):
    """The app's top bar: its name, 「はじめの画面へ」 and 「設定」 (and the buttons of
    the learner choice and the instructor area when those are installed).

    Its words grow with the text up to ``NAV_MAX_SCALE``; the name is left
    out when it would take a row of its own (the window title still has it),
    so the bar is one row high. It is hidden on the first-start page, which
    offers nothing to go to."""

    def __init__(self, look: Look, instructor: bool = False, learner: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if look.scale > NAV_MAX_SCALE:
            look = look.with_(scale=NAV_MAX_SCALE)
        self.look = look
        self._full = look
        fill(self, look, "surface")
        self.flow = FlowLayout(self, spacing=look.space.lg)
        pad = look.space.sm
        self.flow.setContentsMargins(look.space.xl, pad, look.space.xl, pad)
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

    def set_title(self, text: str | None) -> None:
        """Show ``text`` as the bar's title (a page's question at large sizes), or the app's name."""
        text = text or self.look.tr("app.title")
        if text != self.title.text():
            self.title.set_text(text)
            self._fit_title()

    def for_page(self, page: str) -> None:
        """Show the buttons that make sense on ``page`` (during play: only 「設定」;
        the player's own 「やめる」 leads back)."""
        self.home.setVisible(page not in ("home", "first-start", "learner", "player"))
        self.learner.setVisible(self._learner and page == "home")
        self.instructor.setVisible(self._instructor and page == "home")
        self.settings.setVisible(page not in ("settings", "first-start"))
        self.setVisible(page != "first-start")
        self._fit_title()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_title()

    def _buttons_width(self, look: Look) -> int:
        buttons = [b for b in (self.home, self.learner, self.instructor, self.settings) if not b.isHidden()]
        total = 0
        for button in buttons:
            button.set_look(look)
            total += button.sizeHint().width() + look.space.lg
        return total

    def _fit_buttons(self) -> None:
        """The largest size, up to the chosen one, at which the buttons share one row."""
        if self.width() <= 0:
            return
        shown = [b for b in (self.home, self.learner, self.instructor, self.settings) if not b.isHidden()]
        look = one_row_look(shown, self.width(), self._full)
        if look.scale != self.look.scale:
            self.look = look
            self.title.setVisible(False)
            self.flow.set_spacing(look.space.lg)
            pad = look.space.sm
            self.flow.setContentsMargins(look.space.xl, pad, look.space.xl, pad)
            self.flow.invalidate()
            self.updateGeometry()

    def _fit_title(self) -> None:
        self._fit_buttons()
        buttons = self._buttons_width(self.look)
        room = self.width() - self.look.px(TITLE_ROOM) - buttons
        show = room >= self.title.sizeHint().width() or self.width() == 0
        if show != self.title.isVisibleTo(self):
            self.title.setVisible(show)
            self.flow.invalidate()
            self.updateGeometry()  # the bar's height changes with the rows it needs
