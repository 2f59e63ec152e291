"""The first screen: choose yourself from big name tiles, or practise as a guest.

``LearnerPicker`` shows one large button per learner (optionally one class
at a time), 「ゲストで練習（記録しません）」 for anyone who does not want to be
recorded, and 「先生・サポーター用」 for the instructor area. It only lists
and reports the choice; the app decides what happens next.

Names come first: the heading and the name tiles scroll together, the
classes are folded away behind one button (「クラス：みんな」) beside the
heading, and the guest and instructor buttons sit on a band at the bottom
that never scrolls away, in smaller text than the names. Those buttons grow
with the text size up to 200 % like the top bar, the names up to 300 %; from
200 % the question moves up into the top bar. So on a 1280×720 screen the
first name, the guest button and the instructor button are all in view at
every size.

A city's record has thousands of names: the picker never lists them all.
It asks for at most :data:`MAX_TILES` + 1 names (a class's, or those
containing what was typed in 「名前でさがす」, which appears as soon as there
are more), and a source that reads a record (``off_thread``) is asked on a
worker thread: the page is on screen at once, says it is reading the names,
and the guest and instructor buttons work meanwhile. A page made before the
record is open (``learners=None``) gets its source later (:meth:`set_source`);
what was typed in the search box by then is kept and asked for.

A city's record also has hundreds of classes: their buttons are made only when the class chooser is
opened, all while their holder is hidden (laid out once, not once per button), and kept when a refresh
brings the same classes (renamed in place when they changed).

Every word comes from the app's catalogue (``trainer.words.catalogue``).
Every button is at least :data:`MIN_TARGET_PX` square, has its visible text
as accessible name, and works from the keyboard (Tab to move, Enter or Space
to choose).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QGridLayout,
    QLineEdit,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from trainer.app.pages import NAV_MAX_SCALE, PageWidget, fill, heading_role, one_row_look
from trainer.widgets.button import BigButton
from trainer.widgets.flow import FlowLayout
from trainer.widgets.labels import Box, TextBlock
from trainer.widgets.look import Look
from trainer.widgets.pyside_imports import viewport_of

if TYPE_CHECKING:  # not at run time: the page is shown before the record (SQLAlchemy) is imported
    import uuid  # (in annotations only: the module and ``platform`` cost ~4 ms before the first frame)

    from trainer.progress.learners import GroupInfo, LearnerInfo

log = logging.getLogger("trainer.app")

#: Smallest side of anything pressed, in pixels (WCAG asks 44; the app gives more).
MIN_TARGET_PX = 52
#: Name tiles per row.
COLUMNS = 3
#: With more learners than this (a shared city record) and no group chosen, ask for the group first.
MAX_TILES = 60
#: Room beside the search field's words at 100 %, in pixels, so they are never cut.
SEARCH_ROOM = 40

class LearnerSource(Protocol):
    """What the picker needs: ``LearnerDirectory`` provides it."""

    def list_learners(self, group_id: uuid.UUID | None = None) -> list[LearnerInfo]: ...

    def list_groups(self) -> list[GroupInfo]: ...


@dataclass(frozen=True)
class _Found:
    """One answer from the source: the groups, the group shown, and at most MAX_TILES + 1 names."""

    generation: int
    groups: list[GroupInfo] | None  # None: the source could not answer
    group_id: uuid.UUID | None
    learners: list[LearnerInfo]


class _Answers(QObject):
    found = Signal(object)
    """A ``_Found``, delivered on the UI thread."""


class LearnerPicker(PageWidget):
    """Big name tiles, a folded class choice, a guest button and the instructor button; ``done``
    fires after ``learner_chosen`` (the window goes home)."""

    learner_chosen = Signal(object)
    """Fires when a tile or the guest button is pressed: the learner's ``uuid.UUID``, or None for a guest."""

    instructor_requested = Signal()
    """Fires when 「先生・サポーター用」 is pressed."""

    names_shown = Signal()
    """Fires each time the source's answer is on the page (names, classes or a message)."""

    def __init__(
        self, learners: LearnerSource | None, parent: QWidget | None = None, *, group_id: uuid.UUID | None = None,
        look: Look | None = None,
    ) -> None:
        super().__init__(parent)
        look = self._look = look or Look()
        self._learners = learners
        self._group_id = group_id
        self._groups: list[GroupInfo] = []
        self._generation = 0
        self._focus_first = False
        self.loaded = False
        self._notice = ""
        """True once the source has answered (names, classes or a message are shown)."""
        self._answers = _Answers(self)
        self._answers.found.connect(self._take, Qt.ConnectionType.QueuedConnection)
        self.setObjectName("learnerPicker")
        fill(self, look)
        # The names are the page's point and grow to 300 %; the buttons around them grow like the top bar.
        chrome = look.with_(scale=min(look.scale, NAV_MAX_SCALE))

        # Heading and the class button, then (folded) the classes, a message, the names: they scroll
        # together, so the page never needs more height than the window has.
        self._tiles = QWidget()
        fill(self._tiles, look)
        top = QWidget()
        top_row = FlowLayout(top, spacing=look.space.gap)
        self.title = TextBlock(look.tr("picker.title"), look, role=heading_role(look, "heading"),
                               colour="text", bold=True)
        self.title.setObjectName("pickerTitle")
        top_row.addWidget(self.title)
        top_row.set_greedy(self.title)
        self.class_button = BigButton(look.tr("picker.class", name=look.tr("picker.all")), chrome,
                                      style="secondary", icon="person", role="small")
        self.class_button.setObjectName("classButton")
        self.class_button.setCheckable(True)
        self.class_button.toggled.connect(self._fold_classes)
        top_row.addWidget(self.class_button)
        self._top_row = top_row

        self._chrome = chrome
        self.classes = Box(chrome, fill="surface", border="border", padding=12)
        self._class_heading = TextBlock(look.tr("picker.choose_class"), chrome, role="body",
                                        colour="surface_text", bold=True)
        self.classes.box_layout.addWidget(self._class_heading)
        holder = QWidget()
        self._groups_row = FlowLayout(holder, spacing=chrome.space.lg)
        self.classes.box_layout.addWidget(holder)
        self.classes.setVisible(False)
        self._group_buttons = QButtonGroup(self)
        self._group_buttons.setExclusive(True)

        self.message = TextBlock("", chrome, colour="text", box="surface", border="border")
        self.message.setObjectName("pickerMessage")
        self.message.setVisible(False)

        # With more names than tiles: type part of your name (kept while the record warms up).
        self.search = QLineEdit()
        self.search.setObjectName("pickerSearch")
        self.search.setPlaceholderText(look.tr("picker.search"))
        self.search.setAccessibleName(look.tr("picker.search"))
        self.search.setMinimumHeight(MIN_TARGET_PX)
        self.search.setFont(chrome.font("large"))
        self.search.setMinimumWidth(self.search.fontMetrics().horizontalAdvance(look.tr("picker.search"))
                                    + chrome.px(SEARCH_ROOM))  # the words in it are never cut
        self.search.setVisible(False)
        # Each key asks again (off the UI thread for a record; an answer to an older question is dropped).
        self.search.textEdited.connect(lambda _text: self.refresh())
        top_row.addWidget(self.search)

        self._grid = QGridLayout()
        self._grid.setSpacing(look.space.gap)
        content = QVBoxLayout(self._tiles)
        margin = chrome.space.xl
        gap = min(chrome.space.gap, 16)  # the rows' gaps stop growing: at 300 % the first name needs the height
        content.setContentsMargins(margin, gap, margin, margin)
        content.setSpacing(gap)
        # The search box stands in the first row (beside the class button) and the message under it
        # is short and in the chrome's size, so at 300 % on 1280×720 the box and the first classes
        # or names are in view without scrolling.
        content.addWidget(top)
        content.addWidget(self.message)
        content.addWidget(self.classes)
        content.addLayout(self._grid)
        content.addStretch(1)
        self.scroll_area = QScrollArea()
        fill(viewport_of(self.scroll_area), look)  # (not viewport(): see viewport_of)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(self._tiles)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # not a Tab stop: its names are (the focus scrolls it)

        # Always at hand below the names, smaller than them: one row on a 1280-wide screen at every size.
        self.guest_button = BigButton(look.tr("picker.guest"), chrome, style="secondary", role="body")
        self.guest_button.setAccessibleDescription(look.tr("picker.guest_note"))
        self.guest_button.setObjectName("guestButton")
        self.guest_button.clicked.connect(self._choose_guest)
        self.instructor_button = BigButton(look.tr("picker.instructor"), chrome, style="quiet", role="small")
        self.instructor_button.setObjectName("instructorButton")
        self.instructor_button.clicked.connect(self.instructor_requested)
        band = QWidget()
        fill(band, look, "surface")
        bottom = FlowLayout(band, spacing=chrome.space.gap)
        bottom.setContentsMargins(margin, chrome.space.md, margin, chrome.space.md)
        bottom.addWidget(self.guest_button)
        bottom.addWidget(self.instructor_button)
        self.bottom = band
        self._bottom_row = bottom
        band.installEventFilter(self)  # when the band is resized: keep its two buttons on one row

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(band)
        self.refresh()

    def eventFilter(self, watched, event) -> bool:
        if watched is self.bottom and event.type() == QEvent.Type.Resize:
            look = one_row_look([self.guest_button, self.instructor_button], self.bottom.width(), self._chrome,
                                spacing=12, margins=32)
            margin = look.space.xl
            self._bottom_row.setContentsMargins(margin, look.space.md, margin, look.space.md)
            self._bottom_row.set_spacing(look.space.gap)
        return super().eventFilter(watched, event)

    def _chosen(self, learner_id: uuid.UUID | None) -> None:
        self.learner_chosen.emit(learner_id)
        self.done.emit()

    def title_to_bar(self) -> str | None:
        """From 200 % the question goes up into the window's top bar (which has room beside 「設定」),
        leaving the page's first row to the class button and the names; returns it (None below 200 %)."""
        if self._look.scale < 2.0:
            return None
        self.title.setVisible(False)
        self._top_row.set_greedy(self.search)  # the first row: the class button and a wide search box
        return self.title.text()

    def _columns(self) -> int:
        """Fewer, wider tiles as the text grows, so a whole name fits (tiles wrap, never clip)."""
        return COLUMNS if self._look.scale < 1.75 else 2 if self._look.scale < 2.5 else 1

    @property
    def tiles(self) -> list[QAbstractButton]:
        """The learner tiles currently shown, in order."""
        return [
            w for w in self._tiles.findChildren(QAbstractButton) if w.property("learner_id") is not None
        ]

    @property
    def off_thread(self) -> bool:
        """True when the source reads a record: it is asked on a worker thread."""
        return bool(getattr(self._learners, "off_thread", False))

    def set_source(self, learners: LearnerSource) -> None:
        """The record is open: ask it for the names (what was typed meanwhile is kept)."""
        self._learners = learners
        self.refresh()

    def first_stop(self) -> QWidget | None:
        """The page's first named Tab stop while the record opens (only the guest and instructor buttons
        are shown then): the guest button, found without walking Qt's focus chain, whose scroll-bar
        holders would have PySide look over every QtWidgets class before the first frame (see
        ``pyside_imports.viewport_of``). None once the record is there (``focus_first`` finds it)."""
        return self.guest_button if self._learners is None else None

    @Slot()
    def refresh(self) -> None:
        """Load the groups and names again (after the instructor changed them, or a search)."""
        self._generation += 1
        generation = self._generation
        source = self._learners
        if source is None:  # the record is still opening: the guest and instructor buttons work
            self._say(self._look.tr("picker.warming"))
            self.class_button.setVisible(False)
            return
        group_id, text = self._group_id, self.search.text().strip()
        if not self.off_thread:
            self._take(_ask(source, generation, group_id, text))
            return
        if not self.loaded:
            self._say(self._look.tr("picker.loading"))
        answers = self._answers

        def work() -> None:
            found = _ask(source, generation, group_id, text)
            try:
                answers.found.emit(found)
            except RuntimeError:  # the page is gone
                pass

        threading.Thread(target=work, name="learner-names", daemon=True).start()

    @Slot(object)
    def _take(self, found: _Found) -> None:
        if found.generation != self._generation:  # a later question is on its way
            return
        look = self._look
        self.loaded = True
        text = self.search.text().strip()
        learners = found.learners
        if found.groups is None:  # the shared database may be down: guests can still practise
            groups: list[GroupInfo] = []
            self._say(look.tr("picker.unavailable"))
        else:
            groups = self._groups = found.groups  # before the class button opens them
            self._group_id = found.group_id
            many = len(learners) > MAX_TILES
            self.search.setVisible(many or bool(text))
            # the message above the classes asks for a class itself: their box needs no heading then
            self._class_heading.setVisible(not (many and self._group_id is None and not text and groups))
            if many and self._group_id is None and not text:
                learners = []
                self._say(look.tr("picker.too_many") if groups else look.tr("picker.type_name"))
                if groups:
                    self._opening_for_many = True  # (the focus stays where it is: in the search box, say)
                    try:
                        self.class_button.setChecked(True)
                    finally:
                        self._opening_for_many = False
                    self._opened_for_many = True
            elif many:
                learners = learners[:MAX_TILES]
                self._say(look.tr("picker.more_names"))
            elif learners:
                self._say(None)
            elif text:
                self._say(look.tr("picker.none_found"))
            else:
                self._say(look.tr("picker.empty"))
        self._groups = groups
        if learners and self._opened_for_many:  # names found by a search: the names come first again
            self._opened_for_many = False
            self.class_button.setChecked(False)
        self._show_groups(groups)
        self._show_tiles(learners)
        tiles_layout = self._tiles.layout()
        if self.isVisible() and tiles_layout is not None:  # the tiles take their heights now, not a pass later
            tiles_layout.activate()
        if self._focus_first:
            self._focus_first = False
            tiles = self.tiles
            (tiles[0] if tiles else self.class_button).setFocus()  # the chosen class's names, not the top bar
        self.names_shown.emit()

    def set_notice(self, text: str | None) -> None:
        """A notice from the record (kept above the picker's own messages until changed)."""
        self._notice = text or ""
        self._say(self._said)

    _said: str | None = None
    _opened_for_many = False
    """The classes were opened for the learner (too many names to list): folded again when a search
    finds names."""
    _opening_for_many = False
    """True while the classes are being opened that way (the focus is left where it is)."""

    def _say(self, text: str | None) -> None:
        self._said = text
        shown = "\n".join(t for t in (self._notice, text) if t)
        self.message.set_text(shown)
        self.message.setVisible(bool(shown))

    def _fold_classes(self, open_: bool) -> None:
        if open_:
            self._sync_group_buttons()  # made when first opened (folded by default): 200 classes, 200 buttons
        self.classes.setVisible(open_ and bool(self._groups))
        if open_ and not self._opening_for_many:  # opened by the learner: the chosen class has the focus
            checked = self._group_buttons.checkedButton()
            if checked is not None:
                checked.setFocus()

    def _show_groups(self, groups: list[GroupInfo]) -> None:
        self.class_button.setVisible(bool(groups))
        current = next((g.name for g in groups if g.id == self._group_id), self._look.tr("picker.all"))
        self.class_button.setText(self._look.tr("picker.class", name=current))
        if not groups:
            self._clear_group_buttons()
            self.class_button.setChecked(False)
            self.classes.setVisible(False)
            return
        if self.class_button.isChecked():  # folded, they are made (or checked) when the chooser opens
            self._sync_group_buttons()

    _groups_made: tuple[tuple[object, str], ...] | None = None
    """The classes (ids and names) the class buttons were made for; None: no buttons."""

    group_buttons_made = 0
    """How many class buttons were made (a test counts them: unchanged classes are not made again)."""

    def _clear_group_buttons(self) -> None:
        for button in self._group_buttons.buttons():
            self._group_buttons.removeButton(button)
            self._groups_row.removeWidget(button)
            button.deleteLater()
        self._groups_made = None

    def _sync_group_buttons(self) -> None:
        """One radio button per class (and 「全員」), made again only when the classes changed; the
        chosen one checked."""
        groups = self._groups
        made = tuple((g.id, g.name) for g in groups)
        if made != self._groups_made:
            # Made while their holder is hidden: a child shown in a shown widget makes Qt lay out its
            # parents at once, so 200 buttons added to the open chooser were 200 passes of its
            # FlowLayout over up to 200 buttons (0.6–1 s of UI CPU); hidden, they are laid out once.
            holder = self._groups_row.parentWidget()
            shown = holder is not None and not holder.isHidden()
            if holder is not None:
                holder.setVisible(False)
            choices: list[tuple[str, uuid.UUID | None]] = [(self._look.tr("picker.all"), None)]
            choices += [(g.name, g.id) for g in groups]
            buttons = self._group_buttons.buttons()
            for button in buttons[len(choices):]:  # fewer classes: the last buttons go
                self._group_buttons.removeButton(button)
                self._groups_row.removeWidget(button)
                button.deleteLater()
            for index, (text, group_id) in enumerate(choices):
                if index < len(buttons):  # the buttons already made are given the new names
                    button = buttons[index]
                    if button.text() != text:
                        button.setText(text)
                else:
                    button = BigButton(text, self._chrome, style="secondary", indicator="radio", role="body")
                    self.group_buttons_made += 1
                    button.clicked.connect(lambda _=False, b=button: self.show_group(b.property("group_id")))
                    self._group_buttons.addButton(button)
                    self._groups_row.addWidget(button)
                button.setProperty("group_id", group_id)
            self._groups_made = made
            if holder is not None and shown:
                holder.setVisible(True)
        for button in self._group_buttons.buttons():
            if button.property("group_id") == self._group_id:
                button.setChecked(True)  # (exclusive: the one checked before is unchecked)

    def _show_tiles(self, learners: list[LearnerInfo]) -> None:
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
                widget.setParent(None)
        columns = self._columns()
        for column in range(COLUMNS):  # equal columns: a long name wraps in its own tile, never squeezes others
            self._grid.setColumnStretch(column, 1 if column < columns else 0)
        for index, learner in enumerate(learners):
            tile = BigButton(learner.display_name, self._look, style="tile", role="large")
            policy = tile.sizePolicy()
            policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
            tile.setSizePolicy(policy)
            tile.setObjectName("learnerTile")
            tile.setMinimumHeight(self._look.target * (2 if self._look.scale < 1.75 else 1))
            tile.setProperty("learner_id", learner.id)
            tile.clicked.connect(lambda _=False, lid=learner.id: self._chosen(lid))
            self._grid.addWidget(tile, index // columns, index % columns)
            if self.isVisible():
                tile.show()  # now, not on the next pass of the event loop: it may take the focus at once

    @Slot()
    def show_group(self, group_id: uuid.UUID | None) -> None:
        """Show only the learners of ``group_id`` (None: everyone); the classes fold away again."""
        self._group_id = group_id
        self._focus_first = True  # when the names are there
        self.refresh()
        self.class_button.setChecked(False)

    @Slot()
    def _choose_guest(self) -> None:
        self._chosen(None)


def _ask(source: Any, generation: int, group_id: uuid.UUID | None, text: str) -> _Found:
    """The groups and at most MAX_TILES + 1 names (no Qt: runs on a worker thread for a record)."""
    try:
        groups = source.list_groups()
        if group_id is not None and all(g.id != group_id for g in groups):
            group_id = None
        find = getattr(source, "find_learners", None)
        if find is not None:
            learners = find(group_id, text or None, MAX_TILES + 1)
        else:
            needle = text.casefold()
            learners = [x for x in source.list_learners(group_id) if needle in x.display_name.casefold()]
    except Exception as exc:
        log.warning("learner list unavailable: %s", type(exc).__name__)
        return _Found(generation, None, None, [])
    return _Found(generation, groups, group_id, learners)
