"""The practices of one category: title, what it teaches, level and minutes,
with 「はじめる」 and — when one was stopped half-way — 「続きから」."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from trainer.app.library import Library
from trainer.app.pages import ScrollPage
from trainer.reading.ruby import plain
from trainer.scenarios.model import Scenario
from trainer.widgets.button import BigButton
from trainer.widgets.flow import FlowLayout
from trainer.widgets.labels import Box, TextBlock
from trainer.widgets.look import Look


class ScenarioListPage(ScrollPage):
    """The list of one category's scenarios."""

    start_requested = Signal(str, bool)
    """(scenario id, resume): 「はじめる」 (False) or 「続きから」 (True) was pressed."""
    back_requested = Signal()

    def __init__(self, library: Library, category: str, look: Look,
                 can_resume: Callable[[str], bool] = lambda _id: False, parent: QWidget | None = None) -> None:
        super().__init__(look, parent)
        self.category = category
        self._library = library
        back = BigButton(look.tr("nav.back"), look, icon="back", style="quiet")
        back.clicked.connect(self.back_requested)
        self.back = back
        row = QHBoxLayout()
        row.addWidget(back, 0)
        row.addStretch(1)
        self.body.addLayout(row)
        self.heading(look.tr(f"cat.{category}"))
        self.start_buttons: dict[str, BigButton] = {}
        self.resume_buttons: dict[str, BigButton] = {}
        scenarios = library.in_category(category)
        if not scenarios:
            self.body.addWidget(TextBlock(look.tr("list.empty"), look, colour="muted"))
        for scenario in scenarios:
            self.body.addWidget(self._card(scenario, can_resume(scenario.id)))
        self.body.addStretch(1)

    def _card(self, scenario: Scenario, resumable: bool) -> QWidget:
        look = self.look
        lang = look.lang
        box = Box(look, fill="surface", border="border", padding=18)
        title = plain(scenario.title.get(lang))
        box.box_layout.addWidget(TextBlock(title, look, role="large", colour="surface_text", bold=True))
        box.box_layout.addWidget(TextBlock(plain(scenario.summary.get(lang)), look, colour="surface_text"))
        meta = f"{look.tr('list.level', n=scenario.level)}　・　{look.tr('list.minutes', n=scenario.minutes)}"
        source = self._library.source_of(scenario) if hasattr(self._library, "source_of") else None
        if source is not None:  # an imported pack: say which
            meta += f"　・　{look.tr('list.source', name=plain(source.get(lang)))}"
        box.box_layout.addWidget(TextBlock(meta, look, role="small", colour="muted"))
        holder = QWidget()
        row = FlowLayout(holder, spacing=look.px(12))
        start = BigButton(look.tr("list.start"), look, style="primary", icon="right")
        start.setAccessibleDescription(title)
        start.clicked.connect(lambda _=False, s=scenario.id: self.start_requested.emit(s, False))
        self.start_buttons[scenario.id] = start
        row.addWidget(start)
        if resumable:
            resume = BigButton(look.tr("list.resume"), look, style="secondary", icon="history")
            resume.setAccessibleDescription(title)
            resume.clicked.connect(lambda _=False, s=scenario.id: self.start_requested.emit(s, True))
            self.resume_buttons[scenario.id] = resume
            row.addWidget(resume)
        box.box_layout.addWidget(holder)
        if resumable:
            box.box_layout.addWidget(TextBlock(look.tr("list.resume_note"), look, role="small", colour="muted"))
        return box
