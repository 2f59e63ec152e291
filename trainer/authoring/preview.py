"""The instructor's live preview of one scenario file.

``PreviewWindow`` plays the file in the real player, starting at a chosen
step, and records nothing (no listeners: no progress, no events kept). It
watches the file: every save reloads it and comes back to the step on show.
Editors often save by writing a new file and renaming it over the old one,
which makes the watcher forget the path — so the folder is watched too and
the path is added again each time. A file with problems shows them in the
window, each with its ``file:line:column`` and how to fix it; nothing an
author writes can crash the preview.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QFileSystemWatcher, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from trainer.reading.ruby import plain
from trainer.scenarios.loader import check_file
from trainer.scenarios.model import Scenario, Step
from trainer.widgets.look import Look
from trainer.words.catalogue import tr

if TYPE_CHECKING:
    from trainer.app.player import Player

log = logging.getLogger(__name__)

RELOAD_DELAY_MS = 150
"""Wait this long after a change before reading: an editor's save can be several writes."""



class PreviewWindow(QWidget):
    """Plays ``path`` from ``step_id`` and reloads it whenever it is saved."""

    reloaded = Signal(bool)
    """Fires after every (re)load: True when the scenario is on show, False when its problems are."""

    def __init__(self, path: Path | str, look: Look, step_id: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = Path(path).resolve()
        self.look = look
        self.step_id = step_id
        self.scenario: Scenario | None = None
        self.player: Player | None = None
        self.problems: list[str] = []
        self.loads = 0
        self._at_finish = False
        self.setWindowTitle(tr("preview.title", self.look.lang, name=self.path.name))
        self._build()
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._changed)
        self.watcher.directoryChanged.connect(self._changed)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RELOAD_DELAY_MS)
        self._timer.timeout.connect(self.reload)
        self._watch()
        self.reload()

    # -- layout -------------------------------------------------------------------
    def _build(self) -> None:
        look = self.look
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, look.colour("window"))
        palette.setColor(QPalette.ColorRole.WindowText, look.colour("text"))
        self.setPalette(palette)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        bar = QWidget()
        bar.setAutoFillBackground(True)
        bar_palette = bar.palette()
        bar_palette.setColor(QPalette.ColorRole.Window, look.colour("header"))
        bar_palette.setColor(QPalette.ColorRole.WindowText, look.colour("header_text"))
        bar.setPalette(bar_palette)
        row = QHBoxLayout(bar)
        row.setContentsMargins(look.space.gap, look.space.sm, look.space.gap, look.space.sm)
        self.banner = QLabel(tr("preview.banner", self.look.lang))
        self.banner.setFont(look.font("small", bold=True))
        self.status = QLabel("")
        self.status.setFont(look.font("small"))
        row.addWidget(self.banner, 1)
        row.addWidget(self.status)
        outer.addWidget(bar)
        self.stack = QStackedWidget()
        outer.addWidget(self.stack, 1)
        # the page for problems
        self.error_page = QScrollArea()
        self.error_page.setWidgetResizable(True)
        holder = QWidget()
        column = QVBoxLayout(holder)
        margin = look.space.xxl
        column.setContentsMargins(margin, margin, margin, margin)
        self.error_title = QLabel("")
        self.error_title.setFont(look.font("large", bold=True))
        self.error_title.setWordWrap(True)
        self.error_text = QLabel("")
        self.error_text.setFont(look.font("body"))
        self.error_text.setWordWrap(True)
        self.error_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_hint = QLabel(tr("preview.fix", self.look.lang))
        self.error_hint.setFont(look.font("body"))
        self.error_hint.setWordWrap(True)
        column.setSpacing(look.space.wide)
        for widget in (self.error_title, self.error_text, self.error_hint):
            column.addWidget(widget)
        column.addStretch(1)
        self.error_page.setWidget(holder)
        self.stack.addWidget(self.error_page)
        # the page shown at a finish
        self.finish_page = QWidget()
        finish_column = QVBoxLayout(self.finish_page)
        finish_column.setContentsMargins(margin, margin, margin, margin)
        self.finish_text = QLabel("")
        self.finish_text.setFont(look.font("large"))
        self.finish_text.setWordWrap(True)
        self.again = QPushButton(tr("preview.again", self.look.lang))
        self.again.setFont(look.font("button", bold=True))
        self.again.setMinimumHeight(look.target)
        self.again.clicked.connect(self._start_over)
        finish_column.addWidget(self.finish_text)
        finish_column.addWidget(self.again, 0, Qt.AlignmentFlag.AlignLeft)
        finish_column.addStretch(1)
        self.stack.addWidget(self.finish_page)

    # -- watching -----------------------------------------------------------------
    def _watch(self) -> None:
        """(Re-)add the file and its folder: a rename-over save drops the file."""
        watched = set(self.watcher.files()) | set(self.watcher.directories())
        for target in (self.path, self.path.parent):
            if str(target) not in watched and target.exists():
                self.watcher.addPath(str(target))

    @Slot(str)
    def _changed(self, _path: str) -> None:
        self._watch()
        self._timer.start()

    # -- loading ------------------------------------------------------------------
    @Slot()
    def reload(self) -> None:
        """Read the file again and show it (or its problems). Never raises."""
        self._watch()
        self.loads += 1
        stamp = time.strftime("%H:%M:%S")
        try:
            if not self.path.is_file():
                self._show_problems([f"{self.path}: " + tr("preview.gone", self.look.lang)])
                return
            scenario, problems = check_file(self.path)
            if scenario is None:
                self._show_problems([p.format(self.look.lang) for p in problems])
                return
            self.scenario = scenario
            step = self._start_step(scenario)
            self._show_player(scenario, step)
            self.status.setText(tr("preview.loaded", self.look.lang, time=stamp, step=step.id))
            self.reloaded.emit(True)
        except Exception as error:  # an author's file must never crash the preview
            log.debug("the preview could not show %s", self.path, exc_info=True)
            self._show_problems([f"{self.path}: " + tr("preview.crash", self.look.lang, error=f"{type(error).__name__}: {error}")])

    def _start_step(self, scenario: Scenario) -> Step:
        """The step to show: where the player is now if it still exists, else the chosen one."""
        current = None
        if self.player is not None and not self._at_finish:
            try:
                current = self.player.step.id
            except Exception:
                log.debug("the player's current step could not be read", exc_info=True)
                current = None
        for wanted in (current, self.step_id):
            if wanted and any(s.id == wanted for s in scenario.steps):
                return scenario.step(wanted)
        return scenario.steps[0]

    def _show_player(self, scenario: Scenario, step: Step) -> None:
        from trainer.app.player import Player

        snapshot = {"scenario_id": scenario.id, "scenario_version": scenario.version, "step_id": step.id,
                    "hint_level": 0, "path": []}
        # no listeners: a preview records nothing; 「やめる」 just starts over
        player = Player(scenario, self.look, snapshot=snapshot, ask_quit=lambda *_: True)
        player.finished.connect(self._finished)
        player.left.connect(lambda _snapshot: self._start_over())
        for index in reversed(range(self.stack.count())):
            old = self.stack.widget(index)
            if old is not None and old not in (self.error_page, self.finish_page):
                self.stack.removeWidget(old)
                old.deleteLater()
        self.player = player
        self._at_finish = False
        self.stack.addWidget(player)
        self.stack.setCurrentWidget(player)
        if step.is_finish:
            self._finished(step)

    def _show_problems(self, lines: list[str]) -> None:
        self.problems = lines
        self.error_title.setText(tr("preview.problems", self.look.lang, n=len(lines)))
        self.error_text.setText("\n\n".join(lines))
        self.stack.setCurrentWidget(self.error_page)
        self.status.setText(time.strftime("%H:%M:%S"))
        self.reloaded.emit(False)

    @Slot(object)
    def _finished(self, step: Step) -> None:
        text = step.say.get(self.look.lang)
        self.finish_text.setText(tr("preview.finished", self.look.lang, outcome=step.finish, text=plain(text)))
        self.stack.setCurrentWidget(self.finish_page)
        self._at_finish = True  # the next load starts at the chosen step again

    @Slot()
    def _start_over(self) -> None:
        self._at_finish = True
        self.reload()

    def showing_problems(self) -> bool:
        return self.stack.currentWidget() is self.error_page
