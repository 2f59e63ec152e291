"""The start of a scenario: how to practise it (issue #15).

「やってみる」 is guided play (the instruction names what to press);
「ひとりで」 gives the task and short goals only, and the learner finds the
buttons. Each choice is a card saying what it means, and a large button on the
band at the bottom that never scrolls away; 「もどる」 goes back to the list. Nothing starts until one is pressed.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from trainer.app.pages import ScrollPage
from trainer.reading.ruby import plain
from trainer.scenarios.model import Scenario
from trainer.scenarios.modes import ALONE, TRY
from trainer.widgets.button import BigButton
from trainer.widgets.flow import FlowLayout
from trainer.widgets.labels import Box, TextBlock
from trainer.widgets.look import Look


class ModeChoicePage(ScrollPage):
    """「どのように練習しますか？」 with 「やってみる」 and 「ひとりで」."""

    chosen = Signal(str)
    """The mode picked (``modes.TRY`` or ``modes.ALONE``)."""
    back_requested = Signal()

    def __init__(self, scenario: Scenario, look: Look, parent: QWidget | None = None,
                 suggested: str = TRY) -> None:
        super().__init__(look, parent)
        self.scenario = scenario
        self.suggested = suggested if suggested in (TRY, ALONE) else TRY
        """Offered first (and as the main button): from the learner's record (``modes.suggest``)."""
        lang = look.lang
        back = BigButton(look.tr("nav.back"), look, icon="back", style="quiet")
        back.clicked.connect(self.back_requested)
        self.back = back
        row = QHBoxLayout()
        row.addWidget(back, 0)
        row.addStretch(1)
        self.body.addLayout(row)
        self.body.addWidget(TextBlock(plain(scenario.title.get(lang)), look, role="body", colour="muted", bold=True))
        self.heading(look.tr("modes.heading"))
        if self.suggested == ALONE:
            self.body.addWidget(TextBlock(look.tr("modes.suggest_alone"), look, colour="text", icon="star"))
        self.buttons: dict[str, BigButton] = {}
        holder = QWidget()
        row = FlowLayout(holder, spacing=look.px(12))
        order = (TRY, ALONE) if self.suggested == TRY else (ALONE, TRY)
        for mode in order:
            icon = "right" if mode == TRY else "star"
            style = "primary" if mode == self.suggested else "secondary"
            box = Box(look, fill="surface", border="border", padding=18)
            box.box_layout.addWidget(TextBlock(look.tr(f"modes.{mode}"), look, role="large", colour="surface_text",
                                               bold=True, icon=icon))
            box.box_layout.addWidget(TextBlock(look.tr(f"modes.{mode}_note"), look, colour="surface_text"))
            self.body.addWidget(box)
            button = BigButton(look.tr(f"modes.{mode}"), look, style=style, icon=icon)
            button.setAccessibleDescription(look.tr(f"modes.{mode}_note"))
            button.clicked.connect(lambda _=False, m=mode: self.chosen.emit(m))
            self.buttons[mode] = button
            row.addWidget(button)
        self.pin(holder)  # the two choices stay in view, however long the notes above
        self.body.addStretch(1)

    def first_tile(self) -> QWidget:
        """What has the focus when the page appears: the first choice."""
        return self.buttons[self.suggested]

    def spoken(self) -> list[str]:
        look = self.look
        order = (TRY, ALONE) if self.suggested == TRY else (ALONE, TRY)
        lead = [look.tr("modes.suggest_alone")] if self.suggested == ALONE else []
        return [look.tr("modes.heading"), *lead,
                *(f"{look.tr(f'modes.{m}')}。{look.tr(f'modes.{m}_note')}" for m in order)]
