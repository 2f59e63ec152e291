"""The player: one scenario, one step at a time, at the learner's pace.

Left (or above, with big text): the instruction pane. Right (or below): the
mock device showing the step's screen. At the bottom, always in the same
place: 「もう一度聞く」「ヒント」「やり直す」「やめる」.

The player owns a ``Run`` (the judge) and only shows what it decides:
praise and the next step, or the author's gentle explanation; hints in the
runner's order (text, highlight, demonstration). It never times anything.
Services come in through the constructor: a ``Narrator`` (speech, optional)
and run listeners (e.g. the progress recorder), which see every runner
event from the very first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from trainer.app import access
from trainer.app.narrator import Narrator
from trainer.app.panel import ControlBar, InstructionPanel
from trainer.app.quit_dialog import QuitDialog
from trainer.app.reflow import FitScroll, ReflowArea
from trainer.reading.ruby import plain
from trainer.scenarios.actions import Action, ActionKind
from trainer.scenarios.events import Judgement, RunEvent
from trainer.scenarios.model import Scenario, Step, Text
from trainer.scenarios.runner import OFFER_HINT, Run
from trainer.widgets.base import ElementContext
from trainer.widgets.devices import DeviceFrame, make_device
from trainer.widgets.hint_overlay import HintOverlay
from trainer.widgets.look import Look
from trainer.widgets.screen_view import ScreenView

Listener = Callable[[RunEvent], None]


def start_run(scenario: Scenario, snapshot: dict[str, Any] | None = None,
              listeners: Iterable[Listener] = ()) -> Run:
    """A started run (resumed from ``snapshot`` when given) whose listeners
    hear every event, ``RunStarted`` included."""
    listeners = tuple(listeners)

    class _ListenedRun(Run):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            for listener in listeners:
                self.subscribe(listener)

    if snapshot:
        return _ListenedRun.resume(scenario, snapshot)
    run = _ListenedRun(scenario)
    run.start()
    return run


class _DeviceHolder(QWidget):
    """Centres the device; passes "grow to fit" on to it when the panes are stacked."""

    def __init__(self, device: DeviceFrame) -> None:
        super().__init__()
        self.device = device

    def fit_content(self, fit: bool) -> None:
        self.device.fit_content(fit)


class Player(QWidget):
    """Plays one scenario through the UI."""

    finished = Signal(object)
    """The run reached a finish step (the ``Step``); the host shows the finish page."""
    left = Signal(dict)
    """The learner confirmed 「やめる」; carries the run's snapshot (ids only) to resume later."""
    step_shown = Signal(object)
    """A step's screen and text are on display (the ``Step``); after its first paint is queued."""

    def __init__(self, scenario: Scenario, look: Look, *, narrator: Narrator | None = None,
                 listeners: Iterable[Listener] = (), snapshot: dict[str, Any] | None = None,
                 ask_quit: Callable[[QWidget, Look], bool] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scenario = scenario
        self.look = look
        self.narrator = narrator or Narrator(None)
        self._ask_quit = ask_quit or QuitDialog.ask
        self.ctx = ElementContext(look, scenario.base_dir, scenario.readings, scenario.device)
        self.view: ScreenView | None = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(self.ctx.text(scenario.title))
        self.setAutoFillBackground(True)
        self._frame = QVBoxLayout(self)
        self._frame.setContentsMargins(0, 0, 0, 0)
        self._root: QWidget | None = None
        self._build()
        self.narrator.unavailable.connect(self._speech_failed)
        self.narrator.following.connect(self._follow_word)
        self.narrator.done.connect(self._reading_done)
        self.run = start_run(scenario, snapshot, listeners)
        self._show_step(self.run.current)

    # -- layout ---------------------------------------------------------------------
    def restyle(self, look: Look) -> None:
        """Draw everything again with ``look`` (text size, colours, language),
        keeping the run exactly where it is. Nothing is read aloud again."""
        self.look = look
        self.ctx = ElementContext(look, self.scenario.base_dir, self.scenario.readings, self.scenario.device)
        self.overlay.clear()
        self.overlay.deleteLater()
        if self._root is not None:
            self._frame.removeWidget(self._root)
            self._root.deleteLater()
        self._build()
        if not self.run.finished:
            self._show_step(self.run.current, speak=False)

    def _build(self) -> None:
        look = self.look
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, look.colour("window"))
        self.setPalette(palette)
        self._root = QWidget()
        self._frame.addWidget(self._root)
        outer = QVBoxLayout(self._root)
        outer.setContentsMargins(look.px(12), look.px(8), look.px(12), 0)
        outer.setSpacing(look.px(6))
        self.panel = InstructionPanel(look, self.ctx.text(self.scenario.title))
        self.panel.next_button.clicked.connect(lambda: self.act(Action(ActionKind.CONTINUE)))
        self.panel_scroll = FitScroll(self.panel)
        self.device: DeviceFrame = make_device(self.scenario.device, look)
        self.device.setMaximumWidth(self.device.preferred_width())
        holder = _DeviceHolder(self.device)
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, look.px(8))
        row.addStretch(1)
        row.addWidget(self.device, 100)
        row.addStretch(1)
        self.device_holder = holder
        self.controls = ControlBar(look)
        self.controls.repeat.clicked.connect(self.repeat)
        self.controls.hint.clicked.connect(self.give_hint)
        self.controls.restart.clicked.connect(self.restart_step)
        self.controls.quit.clicked.connect(self.quit)
        self.reflow = ReflowArea(self.panel_scroll, holder, self._wide_enough, middle=self.controls,
                                 home=outer)
        self.reflow.set_spacing(look.px(16))
        outer.addWidget(self.reflow, 1)
        self.overlay = HintOverlay(look, self)
        for bar in (self.device.scroll.verticalScrollBar(), self.reflow.verticalScrollBar(),
                    self.panel_scroll.verticalScrollBar()):
            bar.valueChanged.connect(self.overlay.update)
        if self.narrator.failed:
            self.panel.show_speech_notice()

    def _speech_failed(self, _message: str) -> None:
        self.panel.show_speech_notice()
        access.announce(self.panel.speech_notice, self.panel.speech_notice.text())
        self.panel_scroll.refit()

    def _follow_word(self, offset: int, length: int) -> None:
        highlight = getattr(self.panel.step_text, "highlightWord", None)
        if highlight is not None:
            highlight(offset, length)

    def _reading_done(self) -> None:
        clear = getattr(self.panel.step_text, "clearHighlight", None)
        if clear is not None:
            clear()

    def _wide_enough(self, width: int) -> bool:
        return width >= self.look.px(300) + self.device.minimum_width() + self.look.px(40)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self.overlay.isVisible():
            self.overlay.setGeometry(self.rect())

    # -- steps ----------------------------------------------------------------------
    @property
    def step(self) -> Step:
        return self.run.current

    def step_text(self, step: Step) -> str:
        """The raw text of ``step`` the learner reads (easy Japanese when chosen and written)."""
        if self.look.easy and step.easy is not None and self.look.lang == "ja":
            return self.ctx.raw(step.easy)
        return self.ctx.raw(step.say)

    def _show_step(self, step: Step, lead: Text | None = None, lead_kind: str = "praise",
                   speak: bool = True) -> None:
        self.overlay.clear()
        self.controls.hint.set_emphasis(False)
        if step.is_finish:
            self.narrator.stop()
            self.finished.emit(step)
            return
        raw = self.step_text(step)
        self.panel.set_step(len(self.run.path), raw, self.scenario.readings, step.only_explains)
        if lead is not None:
            self.panel.show_feedback(lead_kind, self.ctx.text(lead))
        else:
            self.panel.clear_feedback()
        self._build_screen(step)
        self.panel_scroll.refit()
        self.panel_scroll.verticalScrollBar().setValue(0)
        if not self.reflow.wide:
            self.reflow.verticalScrollBar().setValue(0)  # stacked: the new instructions come first
        if speak:
            self.narrator.say(self.ctx.raw(lead) if lead is not None else "", raw, follow=1)
        access.present_step(self, self.ctx.text(lead) if lead is not None and speak else "")
        self.step_shown.emit(step)

    def _build_screen(self, step: Step) -> None:
        view = ScreenView(step.screen, self.ctx)
        view.acted.connect(self.act)
        self.view = view
        self.device.show_screen(step.screen, view)

    # -- the learner's actions --------------------------------------------------------
    def act(self, action: Action) -> None:
        """Give ``action`` to the runner and show what it decided."""
        if self.run.finished:
            return
        feedback = self.run.judge(action)
        if feedback.judgement is Judgement.CORRECT and feedback.next_step is not None:
            self._show_step(feedback.next_step, feedback.text)
            return
        text = self.ctx.text(feedback.text) if feedback.text is not None else ""
        spoken = [self.ctx.raw(feedback.text) if feedback.text is not None else ""]
        if feedback.offer_hint:
            offer = self.ctx.text(OFFER_HINT)
            text = f"{text}\n{offer}"
            spoken.append(self.ctx.raw(OFFER_HINT))
            self.controls.hint.set_emphasis(True)
        self.panel.show_feedback("explain", text)
        access.present_feedback(self, text)
        self.narrator.say(*spoken)

    def repeat(self) -> None:
        """「もう一度聞く」: read the step's text again."""
        self.narrator.say(self.step_text(self.step), follow=0)

    def give_hint(self) -> None:
        """「ヒント」: the runner's next hint — text, then highlight, then demonstration."""
        self.controls.hint.set_emphasis(False)
        hint = self.run.next_hint()
        if hint is None:
            text = self.look.tr("player.no_more_hints")
            self.panel.show_feedback("hint", text)
            access.present_feedback(self, text)
            self.narrator.say(text)
            return
        target = self.view.target_widget(hint.target) if (self.view is not None and hint.target) else None
        if hint.text is not None:
            raw = self.ctx.raw(hint.text)
        elif hint.kind == "show":
            raw = self.look.tr("player.hint_show")
        else:
            raw = self.look.tr("player.hint_highlight")
        if target is not None and hint.kind in ("highlight", "show"):
            self.device.scroll.ensureWidgetVisible(target, 40, 40)
            if not self.reflow.wide:
                self.reflow.ensureWidgetVisible(target, 40, 40)
            if hint.kind == "highlight":
                self.overlay.highlight(target, self.device.scroll.viewport())
            else:
                self.overlay.demonstrate(target, self.device.scroll.viewport())
        self.panel.show_feedback("hint", plain(raw))
        access.present_hint(self, plain(raw), target, hint.kind)
        self.narrator.say(raw)

    def restart_step(self) -> None:
        """「やり直す」: the same step with a fresh screen (typed values cleared)."""
        self.run.restart_step()
        self.overlay.clear()
        self.controls.hint.set_emphasis(False)
        self._build_screen(self.step)
        text = self.look.tr("player.restarted")
        self.panel.show_feedback("notice", text)
        access.present_step(self, text)
        self.narrator.say(text, self.step_text(self.step))

    def quit(self) -> None:
        """「やめる」: ask gently; if confirmed, stop here (the snapshot resumes later)."""
        if self._ask_quit(self, self.look):
            self.narrator.stop()
            self.run.abandon()
            self.left.emit(self.run.snapshot())

    def snapshot(self) -> dict[str, Any]:
        return self.run.snapshot()
