"""The first screen: choose yourself from big name tiles, or practise as a guest.

``LearnerPicker`` shows one large button per learner (optionally one group
at a time), 「ゲストで練習（記録しません）」 for anyone who does not want to be
recorded, and 「先生・サポーター用」 for the instructor area. It only lists
and reports the choice; the app decides what happens next.

Text sizes come from the app's global font and stylesheet; this widget sets
no pixel font size. Every button is at least :data:`MIN_TARGET_PX` square,
has its visible text as accessible name, and works from the keyboard
(Tab to move, Enter or Space to choose).
"""

from __future__ import annotations

import logging
import uuid
from typing import Protocol

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from trainer.progress.learners import GroupInfo, LearnerInfo
from trainer.widgets.button import BigButton
from trainer.widgets.look import Look

log = logging.getLogger("trainer.app")

#: Smallest side of anything pressed, in pixels (WCAG asks 44; the app gives more).
MIN_TARGET_PX = 52
#: Name tiles per row.
COLUMNS = 3
#: With more learners than this (a shared city record) and no group chosen, ask for the group first.
MAX_TILES = 60

GUEST_TEXT = "ゲストで練習（記録しません）"
INSTRUCTOR_TEXT = "先生・サポーター用"
ALL_GROUPS_TEXT = "みんな"


class LearnerSource(Protocol):
    """What the picker needs: ``LearnerDirectory`` provides it."""

    def list_learners(self, group_id: uuid.UUID | None = None) -> list[LearnerInfo]: ...

    def list_groups(self) -> list[GroupInfo]: ...


class LearnerPicker(QWidget):
    """Big name tiles, a guest button and the instructor button."""

    learner_chosen = Signal(object)
    """Fires when a tile or the guest button is pressed: the learner's ``uuid.UUID``, or None for a guest."""

    instructor_requested = Signal()
    """Fires when 「先生・サポーター用」 is pressed."""

    def __init__(
        self, learners: LearnerSource, parent: QWidget | None = None, *, group_id: uuid.UUID | None = None,
        look: Look | None = None,
    ) -> None:
        super().__init__(parent)
        self._look = look or Look()
        self._learners = learners
        self._group_id = group_id
        self.setObjectName("learnerPicker")

        title = QLabel("あなたの名前を選んでください")
        title.setObjectName("pickerTitle")
        title.setWordWrap(True)
        font = title.font()
        font.setBold(True)
        title.setFont(font)

        self._groups_row = QGridLayout()
        self._group_buttons = QButtonGroup(self)
        self._group_buttons.setExclusive(True)

        # Title, classes, message and names scroll together, so at the largest
        # text sizes the page never needs more height than the window has.
        self._tiles = QWidget()
        self._grid = QGridLayout()
        self._grid.setSpacing(12)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self._tiles)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # not a Tab stop: its names are (the focus scrolls it)

        self.message = QLabel("")
        self.message.setObjectName("pickerMessage")
        self.message.setWordWrap(True)
        self.message.setVisible(False)

        self.guest_button = BigButton(GUEST_TEXT, self._look, style="secondary")
        self.guest_button.setObjectName("guestButton")
        self.guest_button.clicked.connect(self._choose_guest)
        self.instructor_button = BigButton(INSTRUCTOR_TEXT, self._look, style="quiet")
        self.instructor_button.setObjectName("instructorButton")
        self.instructor_button.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Minimum)
        self.instructor_button.clicked.connect(self.instructor_requested)

        # Always at hand below the names: side by side, stacked at the largest sizes.
        bottom = QHBoxLayout() if self._look.scale < 2.5 else QVBoxLayout()
        bottom.addWidget(self.guest_button, 3)
        bottom.addWidget(self.instructor_button, 2)

        content = QVBoxLayout(self._tiles)
        content.addWidget(title)
        content.addLayout(self._groups_row)
        content.addWidget(self.message)
        content.addLayout(self._grid)
        content.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(bottom)
        self.refresh()

    def _columns(self) -> int:
        """Fewer, wider tiles as the text grows, so a whole name fits (tiles wrap, never clip)."""
        return COLUMNS if self._look.scale < 1.75 else 2 if self._look.scale < 2.5 else 1

    @property
    def tiles(self) -> list[QAbstractButton]:
        """The learner tiles currently shown, in order."""
        return [
            w for w in self._tiles.findChildren(QAbstractButton) if w.property("learner_id") is not None
        ]

    @Slot()
    def refresh(self) -> None:
        """Load the groups and names again (after the instructor changed them)."""
        try:
            groups = self._learners.list_groups()
            if self._group_id is not None and all(g.id != self._group_id for g in groups):
                self._group_id = None
            learners = self._learners.list_learners(self._group_id)
        except Exception as exc:  # the shared database may be down: guests can still practise
            log.warning("learner list unavailable: %s", type(exc).__name__)
            groups, learners = [], []
            self.message.setText("名前の一覧を読み込めません。「ゲストで練習」はそのまま使えます。")
            self.message.setVisible(True)
        else:
            if self._group_id is None and len(learners) > MAX_TILES and groups:
                learners = []
                self.message.setText("人数が多いので、まず上のボタンでクラスを選んでください。")
                self.message.setVisible(True)
            elif learners:
                self.message.setVisible(False)
            else:
                self.message.setText(
                    "まだ名前が登録されていません。「先生・サポーター用」から登録できます。"
                    "「ゲストで練習」もできます。"
                )
                self.message.setVisible(True)
        self._show_groups(groups)
        self._show_tiles(learners)

    def _show_groups(self, groups: list[GroupInfo]) -> None:
        for button in self._group_buttons.buttons():
            self._group_buttons.removeButton(button)
            self._groups_row.removeWidget(button)
            button.deleteLater()
        if not groups:
            return
        choices: list[tuple[str, uuid.UUID | None]] = [(ALL_GROUPS_TEXT, None)]
        choices += [(g.name, g.id) for g in groups]
        columns = max(self._columns(), 2)
        for index, (text, group_id) in enumerate(choices):
            button = BigButton(text, self._look, style="secondary", indicator="radio")
            button.setChecked(group_id == self._group_id)
            button.setProperty("group_id", group_id)
            button.clicked.connect(lambda _=False, g=group_id: self.show_group(g))
            self._group_buttons.addButton(button)
            self._groups_row.addWidget(button, index // columns, index % columns)

    def _show_tiles(self, learners: list[LearnerInfo]) -> None:
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.deleteLater()
                widget.setParent(None)
        columns = self._columns()
        for index, learner in enumerate(learners):
            tile = BigButton(learner.display_name, self._look, style="tile", role="large")
            tile.setObjectName("learnerTile")
            tile.setMinimumHeight(self._look.target * (2 if self._look.scale < 1.75 else 1))
            tile.setProperty("learner_id", learner.id)
            tile.clicked.connect(lambda _=False, lid=learner.id: self.learner_chosen.emit(lid))
            self._grid.addWidget(tile, index // columns, index % columns)


    @Slot()
    def show_group(self, group_id: uuid.UUID | None) -> None:
        """Show only the learners of ``group_id`` (None: everyone)."""
        self._group_id = group_id
        self.refresh()

    @Slot()
    def _choose_guest(self) -> None:
        self.learner_chosen.emit(None)
