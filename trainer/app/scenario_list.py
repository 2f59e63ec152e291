"""The practices of one category: title, what it teaches, level and minutes,
with 「はじめる」 and — when one was stopped half-way — 「続きから」.

A city's catalogue can hold hundreds of practices in one category, and a
card (a box, three texts, big buttons) takes about a millisecond to build.
So the page builds the first ``FIRST_CARDS`` at once — more than fill the
window at any text size — and the next ``MORE_CARDS`` whenever the learner
scrolls (or moves the focus with Tab) to within half a screen of the end. The
cards look exactly as before; the list simply grows as it is read. The
main window keeps the page and shows it again on the way back from the
player or the settings (``refresh`` asks again only whether the practice
just played can be continued).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from trainer.app.library import Library, ScenarioInfo
from trainer.app.pages import NAV_MAX_SCALE, ScrollPage
from trainer.reading.ruby import plain
from trainer.widgets.accessibility import name_in_context, set_role
from trainer.widgets.button import BigButton
from trainer.widgets.flow import FlowLayout
from trainer.widgets.labels import Box, TextBlock
from trainer.widgets.look import Look

if TYPE_CHECKING:
    from trainer.scenarios.model import Scenario

FIRST_CARDS = 6
"""Cards built with the page (a 1920×1080 window at the smallest text shows about five)."""
MORE_CARDS = 4
"""Cards added each time the learner nears the end of those built (a few ms each time)."""


class ScenarioListPage(ScrollPage):
    """The list of one category's scenarios."""

    start_requested = Signal(str, bool)
    """(scenario id, resume): 「はじめる」 (False) or 「続きから」 (True) was pressed."""
    back_requested = Signal()

    def __init__(self, library: Library, category: str, look: Look,
                 can_resume: Callable[[str], bool] = lambda _id: False, parent: QWidget | None = None,
                 mark: Callable[[str], str | None] | None = None) -> None:
        super().__init__(look, parent)
        self.library = library
        self.category = category
        self._can_resume = can_resume
        self._mark = mark or (lambda _id: None)
        self.marks: dict[str, TextBlock] = {}
        # 「もどる」 and the category's name share a row, the button in the top bar's size: at 300 % on a
        # 720 px screen a row each would push the first 「はじめる」 below the fold
        nav_look = look if look.scale <= NAV_MAX_SCALE else look.with_(scale=NAV_MAX_SCALE)
        back = BigButton(look.tr("nav.back"), nav_look, icon="back", style="quiet")
        back.clicked.connect(self.back_requested)
        self.back = back
        row = QHBoxLayout()
        row.setSpacing(look.space.xl)
        row.addWidget(back, 0, Qt.AlignmentFlag.AlignVCenter)
        self.heading(look.tr(f"cat.{category}"), into=row)
        self.body.addLayout(row)
        self.start_buttons: dict[str, BigButton] = {}
        self._resume: dict[str, tuple[BigButton, TextBlock]] = {}
        self._rows: dict[str, tuple[FlowLayout, Box, str]] = {}
        self.scenarios = library.in_category(category)
        """Every scenario of the category, in the order shown (cards are built for the first ``built``)."""
        self.built = 0
        if not self.scenarios:
            self.body.addWidget(TextBlock(look.tr("list.empty"), look, colour="muted"))
        self.body.addStretch(1)
        self.build_more(FIRST_CARDS)
        bar = self.verticalScrollBar()
        bar.valueChanged.connect(self._near_end)
        bar.rangeChanged.connect(self._near_end)

    @property
    def resume_buttons(self) -> dict[str, BigButton]:
        """The 「続きから」 buttons on show, by scenario id."""
        return {sid: button for sid, (button, _note) in self._resume.items() if not button.isHidden()}

    def build_more(self, count: int = MORE_CARDS) -> int:
        """Add the next ``count`` cards (fewer at the end); returns how many were added."""
        end = min(len(self.scenarios), self.built + count)
        added = end - self.built
        shown = self.content.isVisible()
        for scenario in self.scenarios[self.built:end]:
            card = self._card(scenario)
            self.body.insertWidget(self.body.count() - 1, card)  # before the stretch
            if shown:
                card.show()  # at once, so that Tab can move on to it
        self.built = end
        return added

    def build_all(self) -> None:
        """Build every card (for tests and screenshots of the whole list)."""
        self.build_more(len(self.scenarios))

    def refresh(self, changed: Iterable[str] = ()) -> None:
        """Ask again whether the ``changed`` scenarios can be continued and how far the learner got
        (the page is shown again)."""
        for scenario_id in changed:
            if scenario_id in self._rows:
                self._set_resumable(scenario_id, self._can_resume(scenario_id))
        for scenario_id in self._rows:  # marks are kept in memory (no waiting): all of them, in case they
            self._set_mark(scenario_id)  # arrived from the record after the page was built

    def _set_mark(self, scenario_id: str) -> None:
        """「済み」/「とちゅう」 from the learner's own record (hidden when there is none)."""
        mark = self.marks.get(scenario_id)
        if mark is None:
            return
        state = self._mark(scenario_id)  # "finished" / "in-progress" / None
        if state in ("finished", "in-progress"):
            mark.set_text(self.look.tr("mark.finished" if state == "finished" else "mark.in_progress"))
        mark.setHidden(state not in ("finished", "in-progress"))

    def _near_end(self, *_args: int) -> None:
        if self.built >= len(self.scenarios):
            return
        bar = self.verticalScrollBar()
        if bar.maximum() - bar.value() <= self.viewport().height() // 2:  # less than half a screen ahead
            self.build_more()

    def focusNextPrevChild(self, forward: bool) -> bool:
        # Tab from the last card built: build the next ones first, so the focus goes on to them.
        if forward and 0 < self.built < len(self.scenarios) and self.focusWidget() in self._last_card_buttons():
            self.build_more()
        return super().focusNextPrevChild(forward)

    def _last_card_buttons(self) -> tuple[QWidget, ...]:
        sid = self.scenarios[self.built - 1].id
        resume = self._resume.get(sid)
        return (self.start_buttons[sid],) + ((resume[0],) if resume else ())

    def _set_resumable(self, scenario_id: str, resumable: bool) -> None:
        found = self._resume.get(scenario_id)
        if found is None:
            if not resumable:
                return  # built only when needed: most practices were never stopped half-way
            found = self._resume[scenario_id] = self._resume_parts(scenario_id)
        button, note = found
        button.setHidden(not resumable)
        note.setHidden(not resumable)
        # Where there is something to resume, 「続きから」 is the main button (first, primary).
        self.start_buttons[scenario_id].set_style("secondary" if resumable else "primary")

    def _resume_parts(self, scenario_id: str) -> tuple[BigButton, TextBlock]:
        look = self.look
        row, box, title = self._rows[scenario_id]
        resume = BigButton(look.tr("list.resume"), look, style="primary", icon="history")
        name_in_context(resume, title, look.lang)
        resume.clicked.connect(lambda _=False, s=scenario_id: self.start_requested.emit(s, True))
        start = self.start_buttons[scenario_id]
        row.removeWidget(start)  # 「続きから」 first, then 「はじめる」
        row.addWidget(resume)
        row.addWidget(start)
        note = TextBlock(look.tr("list.resume_note"), look, role="small", colour="muted")
        box.box_layout.addWidget(note)
        return resume, note

    def _card(self, scenario: Scenario | ScenarioInfo) -> QWidget:
        look = self.look
        lang = look.lang
        box = Box(look, fill="surface", border="border", padding=18)
        title = plain(scenario.title.get(lang))
        # bold body text at 250 % and more is as big as a large title needs to be (see heading_role)
        title_role = "body" if look.scale >= 2.5 else "large"
        box.box_layout.addWidget(set_role(TextBlock(title, look, role=title_role, colour="surface_text", bold=True),
                                          "heading"))
        holder = QWidget()
        row = FlowLayout(holder, spacing=look.space.gap)
        box.box_layout.addWidget(holder)  # right under the title: in view at any text size
        mark = TextBlock("", look, role="body", colour="surface_text", bold=True)
        self.marks[scenario.id] = mark
        box.box_layout.addWidget(mark)
        self._set_mark(scenario.id)
        box.box_layout.addWidget(TextBlock(plain(scenario.summary.get(lang)), look, colour="surface_text"))
        meta = f"{look.tr('list.level', n=scenario.level)}　・　{look.tr('list.minutes', n=scenario.minutes)}"
        source = self.library.source_of(scenario) if hasattr(self.library, "source_of") else None
        if source is not None:  # an imported pack: say which
            meta += f"　・　{look.tr('list.source', name=plain(source.get(lang)))}"
        box.box_layout.addWidget(TextBlock(meta, look, role="small", colour="muted"))
        start = BigButton(look.tr("list.start"), look, style="primary", icon="right")
        name_in_context(start, title, look.lang)
        start.clicked.connect(lambda _=False, s=scenario.id: self.start_requested.emit(s, False))
        self.start_buttons[scenario.id] = start
        row.addWidget(start)
        self._rows[scenario.id] = (row, box, title)
        self._set_resumable(scenario.id, self._can_resume(scenario.id))
        return box
