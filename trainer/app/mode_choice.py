"""The start of a scenario: how to practise it (issue #15).

「見てみる」 is the app playing it (a hand shows each step, 「次へ」 goes on);
「やってみる」 is guided play (the instruction names what to press);
「ひとりで」 gives the task and short goals only, and the learner finds the
buttons. The suggested way comes first (from the learner's record, or the
way an instructor fixed for them). Each choice is a card saying what it means, and a large button on the
band at the bottom that never scrolls away; 「もどる」 goes back to the list. Nothing starts until one is pressed.
A press on a card chooses its way too: a learner presses the big card with the name on it first, and a
card that does nothing when pressed looks broken.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from trainer.app.pages import NAV_MAX_SCALE, ScrollPage, one_row_look
from trainer.reading.ruby import plain
from trainer.scenarios.model import Scenario
from trainer.scenarios.modes import ALONE, MODES, TRY, WATCH
from trainer.widgets.button import BigButton
from trainer.widgets.flow import FlowLayout
from trainer.widgets.labels import Box, TextBlock
from trainer.widgets.look import Look

_ICONS = {WATCH: "hand", TRY: "right", ALONE: "star"}


class _PressChooses(QObject):
    """Makes a whole card a mouse target: a press and release of the left button on it (its texts
    included: they leave mouse presses to the card) chooses the card's way. Keyboard and screen-reader
    users have the card's button on the band below, so the card takes no focus."""

    def __init__(self, card: QWidget, choose) -> None:
        super().__init__(card)
        self._choose = choose
        card.setCursor(Qt.CursorShape.PointingHandCursor)
        card.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress and event.button() == Qt.MouseButton.LeftButton:
            return True  # the card takes the press, so the release comes back to it
        if kind == QEvent.Type.MouseButtonRelease and event.button() == Qt.MouseButton.LeftButton:
            if watched.rect().contains(event.position().toPoint()):  # let go outside: changed their mind
                self._choose()
            return True
        return False


class ModeChoicePage(ScrollPage):
    """「どのように練習しますか？」 with 「見てみる」, 「やってみる」 and 「ひとりで」, the suggested one first."""

    chosen = Signal(str)
    """The mode picked (``modes.WATCH``, ``modes.TRY`` or ``modes.ALONE``)."""
    back_requested = Signal()

    def __init__(self, scenario: Scenario, look: Look, parent: QWidget | None = None,
                 suggested: str = TRY, fixed: bool = False) -> None:
        super().__init__(look, parent)
        self.scenario = scenario
        self.suggested = suggested if suggested in MODES else TRY
        """Offered first (and as the main button): from the learner's record (``modes.suggest``)."""
        self.fixed = fixed
        """True when an instructor fixed this learner's way (the note says so)."""
        self.order = (self.suggested, *(m for m in MODES if m != self.suggested))
        lang = look.lang
        # 「もどる」 grows like the top bar and shares its row with the scenario's name, so at 300 %
        # the question and the three choices are on screen at 1280×720 without scrolling
        back = BigButton(look.tr("nav.back"), look.with_(scale=min(look.scale, NAV_MAX_SCALE)), icon="back",
                         style="quiet")
        back.clicked.connect(self.back_requested)
        self.back = back
        row = QHBoxLayout()
        row.setSpacing(min(look.space.xl, 32))
        row.addWidget(back, 0, Qt.AlignmentFlag.AlignVCenter)
        self.title = TextBlock(plain(scenario.title.get(lang)), look, role="body", colour="muted", bold=True)
        row.addWidget(self.title, 1, Qt.AlignmentFlag.AlignVCenter)
        self.body.addLayout(row)
        self.question = self.heading(look.tr("modes.heading"))
        self.body.addWidget(TextBlock(self.note(), look, colour="text", icon="star"))
        self.buttons: dict[str, BigButton] = {}
        self.cards: dict[str, Box] = {}
        """The card saying what each way means; pressing it chooses that way too."""
        holder = QWidget()
        choices = FlowLayout(holder, spacing=look.space.gap)
        for mode in self.order:
            icon = _ICONS[mode]
            style = "primary" if mode == self.suggested else "secondary"
            box = Box(look, fill="surface", border="border", padding=18)
            box.box_layout.addWidget(TextBlock(look.tr(f"modes.{mode}"), look, role="large", colour="surface_text",
                                               bold=True, icon=icon))
            box.box_layout.addWidget(TextBlock(look.tr(f"modes.{mode}_note"), look, colour="surface_text"))
            self.body.addWidget(box)
            self.cards[mode] = box
            _PressChooses(box, lambda m=mode: self.chosen.emit(m))
            button = BigButton(look.tr(f"modes.{mode}"), look, style=style, icon=icon)
            button.setAccessibleDescription(look.tr(f"modes.{mode}_note"))
            button.clicked.connect(lambda _=False, m=mode: self.chosen.emit(m))
            self.buttons[mode] = button
            choices.addWidget(button)
        self.pin(holder)  # the choices stay in view, however long the notes above
        self.body.addStretch(1)
        self._full = look

    def resizeEvent(self, event) -> None:
        # the three choices on one row when the largest size up to the chosen one allows (at 300 %
        # on 1280×720 two rows of them would leave no room for the question above them)
        shown = [self.buttons[m] for m in self.order]
        width = self.width() - 2 * min(self._full.space.xxl, 40)
        full = self._full
        for scale in (full.scale, 2.5, 2.0):  # one_row_look tries 1.75 and below after the chosen size
            if scale <= self._full.scale:
                look = self._full.with_(scale=scale)
                for button in shown:
                    button.set_look(look)
                if sum(b.sizeHint().width() for b in shown) + look.space.gap * (len(shown) - 1) <= width:
                    full = look
                    break
        one_row_look(shown, width, full, spacing=12, margins=0)
        super().resizeEvent(event)

    def first_tile(self) -> QWidget:
        """What has the focus when the page appears: the first choice."""
        return self.buttons[self.suggested]

    def note(self) -> str:
        """Why the first way is offered first."""
        look = self.look
        if self.fixed:
            return look.tr("modes.fixed", mode=look.tr(f"modes.{self.suggested}"))
        return look.tr(f"modes.suggest_{self.suggested}")

    def spoken(self) -> list[str]:
        look = self.look
        return [look.tr("modes.heading"), self.note(),
                *(f"{look.tr(f'modes.{m}')}。{look.tr(f'modes.{m}_note')}" for m in self.order)]
