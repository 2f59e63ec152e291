"""The finish screen: what happened, what was learned, and where next.

Every ending is a good ending: ``success`` (できました！), ``safe`` (安全に
終われました) and ``risky`` (練習なのでだいじょうぶです — with what to do if it
ever happens for real). 「もう一度」 starts again; 「ほかの練習へ」 goes back.
Those two buttons stay on a band at the bottom of the page, outside the part
that scrolls, so they are in view at every text size.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QHBoxLayout, QWidget

from trainer.app.pages import ScrollPage, heading_role
from trainer.reading.ruby import plain
from trainer.scenarios import modes
from trainer.scenarios.model import Scenario, Step
from trainer.widgets.accessibility import set_role
from trainer.widgets.button import BigButton
from trainer.widgets.flow import FlowLayout
from trainer.widgets.icons import paint_icon
from trainer.widgets.labels import Box, TextBlock, make_text
from trainer.widgets.look import Look

OUTCOME_ICONS = {"success": "star", "safe": "shield", "risky": "leaf"}
EMBLEM_SIDE = 96
"""The outcome picture's side at 100 %, in pixels."""
EMBLEM_MAX = 160
"""A picture, not text: its side never grows past this many pixels."""
BIG_TEXT = 1.75
"""From this text scale the page is short of height (six lines of 300 % text fill a 720 px window):
the picture stays at its 100 % side, the scenario's title is small and the ending is drawn as large
as the heading, not larger, so the ending's first words are in view above the pinned buttons."""


class Emblem(QWidget):
    """A large friendly picture for the outcome (never a cross)."""

    def __init__(self, icon: str, look: Look, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._icon, self._look = icon, look
        side = EMBLEM_SIDE if look.scale >= BIG_TEXT else min(look.px(EMBLEM_SIDE), EMBLEM_MAX)
        self.setFixedSize(QSize(side, side))

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(self._look.colour("praise"))
        painter.setPen(self._look.colour("praise_text"))
        rect = QRectF(self.rect()).adjusted(2, 2, -2, -2)
        painter.drawEllipse(rect)
        inset = rect.width() * 0.22
        paint_icon(painter, rect.adjusted(inset, inset, -inset, -inset), self._icon,
                   self._look.colour("praise_text"), stroke=2.0)
        painter.end()


class FinishPage(ScrollPage):
    """Shown when a run reaches a finish step."""

    again_requested = Signal()
    others_requested = Signal()
    practise_requested = Signal()
    """「やってみる で練習」 (after an on-your-own run that needed hints): the same scenario, guided."""

    def __init__(self, scenario: Scenario, step: Step, look: Look, parent: QWidget | None = None,
                 summary: modes.Summary | None = None, watched: bool = False) -> None:
        super().__init__(look, parent)
        self.scenario = scenario
        self.step = step
        self.summary = summary
        self.watched = watched
        """The run was watched (「見てみる」): the page offers 「やってみる」 next."""
        """How an on-your-own run went (None after guided play)."""
        outcome = step.finish or "success"
        lang = look.lang
        row = QHBoxLayout()
        row.setSpacing(look.space.xl)
        row.addWidget(Emblem(OUTCOME_ICONS.get(outcome, "star"), look), 0, Qt.AlignmentFlag.AlignVCenter)
        self.headline = set_role(TextBlock(look.tr(f"finish.{outcome}"), look, role=heading_role(look),
                                           colour="text", bold=True), "heading")
        row.addWidget(self.headline, 1, Qt.AlignmentFlag.AlignVCenter)
        self.body.addLayout(row)
        big = look.scale >= BIG_TEXT
        if big:  # the heading, its title and the ending read as one block: the height is for words
            self.body.setSpacing(min(look.space.md, 16))
        self.title = TextBlock(plain(scenario.title.get(lang)), look, role="small" if big else "body", colour="muted")
        self.body.addWidget(self.title)
        self.ending = make_text(step.say.get(lang), look, role=heading_role(look, "large"), colour="text",
                                readings=scenario.readings)
        self.body.addWidget(self.ending)
        self.learned: list[TextBlock] = []
        if step.learned:
            box = Box(look, fill="surface", border="border", padding=18)
            box.box_layout.addWidget(TextBlock(look.tr("finish.learned"), look, role="large",
                                               colour="surface_text", bold=True))
            for text in step.learned:
                item = TextBlock(plain(text.get(lang)), look, colour="surface_text", icon="check")
                self.learned.append(item)
                box.box_layout.addWidget(item)
            self.body.addWidget(box)
        self.summary_lines: list[TextBlock] = []
        if summary is not None or watched:
            box = Box(look, fill="surface", border="border", padding=18)
            for line in self.summary_texts():
                item = TextBlock(line, look, colour="surface_text", icon="info" if self.summary_lines else "star")
                self.summary_lines.append(item)
                box.box_layout.addWidget(item)
            self.body.addWidget(box)
        holder = QWidget()
        buttons = FlowLayout(holder, spacing=look.space.gap)
        alone = summary is not None
        again = "finish.again_alone" if alone else "watch.replay" if watched else "finish.again"
        self.again = BigButton(look.tr(again), look, style="secondary", icon="repeat")
        self.others = BigButton(look.tr("finish.other"), look, style="primary", icon="home")
        self.again.clicked.connect(self.again_requested)
        self.others.clicked.connect(self.others_requested)
        self.practise: BigButton | None = None
        if summary is not None and summary.suggestion == modes.TRY:  # (alone)
            self.practise = BigButton(look.tr("finish.practise_try"), look, style="secondary", icon="right")
            self.practise.clicked.connect(self.practise_requested)
        elif watched:  # seen it: now do it
            self.practise = BigButton(look.tr("finish.practise_watched"), look, style="secondary", icon="right")
            self.practise.clicked.connect(self.practise_requested)
        buttons.addWidget(self.others)
        if self.practise is not None:
            buttons.addWidget(self.practise)
        buttons.addWidget(self.again)
        self.pin(holder)  # where to go next stays on screen, however long the text above
        self.body.addStretch(1)

    def summary_texts(self) -> list[str]:
        """An on-your-own run in plain words: alone or with N hints, the hardest step, what next."""
        summary, look = self.summary, self.look
        if summary is None:
            return [look.tr("finish.watched")] if self.watched else []
        lines = [look.tr("finish.alone_done") if summary.alone else look.tr("finish.alone_hints", n=summary.hints)]
        if summary.hardest is not None and self.scenario.has_step(summary.hardest):
            hardest = modes.instruction(self.scenario, self.scenario.step(summary.hardest))
            lines.append(look.tr("finish.alone_hardest", step=plain(hardest.get(look.lang))))
        lines.append(look.tr(f"finish.alone_next_{summary.suggestion}"))
        return lines

    def spoken(self) -> list[str]:
        """What is read aloud when the page appears (raw texts)."""
        lang = self.look.lang
        return [self.look.tr(f"finish.{self.step.finish or 'success'}"), self.step.say.get(lang),
                *(t.get(lang) for t in self.step.learned), *self.summary_texts()]
