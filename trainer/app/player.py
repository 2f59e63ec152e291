"""The player: one scenario, one step at a time, at the learner's pace.

In a landscape window, at every text size: on the left the instruction
column (its text scrolls when long; 「次へ」 and the control bar
「もう一度聞く」「ヒント」「やり直す」「やめる」 under it never scroll away); on the
right the mock device, as large as the height allows in its real
proportions, with a text size of its own (see ``DeviceFrame``). In a
portrait window: instructions, device, controls from top to bottom. When a
step appears, what it asks for is scrolled into view on the device's screen
(``reveal``). Geometry: ``trainer/app/reflow.py``.

The player owns a ``Run`` (the judge) and only shows what it decides:
praise and the next step, or the author's gentle explanation; hints in the
runner's order (text, highlight, demonstration). It never times anything.
Services come in through the constructor: a ``Narrator`` (speech, optional)
and run listeners (e.g. the progress recorder), which see every runner
event from the very first.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from functools import partial
from typing import Any

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from trainer.app import access
from trainer.app.narrator import Narrator
from trainer.app.panel import CARD_SIDE, ControlBar, InstructionPanel
from trainer.app.quit_dialog import QuitDialog
from trainer.app.readings_ahead import texts_ahead
from trainer.app.reflow import Split, split
from trainer.app.screens_ahead import CANDIDATES, ScreensAhead
from trainer.reading.ahead import AHEAD
from trainer.reading.ruby import plain
from trainer.scenarios import devices as device_kinds
from trainer.scenarios import modes
from trainer.scenarios.actions import Action, ActionKind
from trainer.scenarios.events import HintKind, Judgement, RunEvent
from trainer.scenarios.model import Scenario, Step, Text
from trainer.scenarios.runner import OFFER_HINT, Run
from trainer.scenarios.snapshot import Snapshot
from trainer.widgets.base import ElementContext
from trainer.widgets.devices import SMALLEST_SCALE, DeviceFrame, make_device
from trainer.widgets.hint_overlay import HintOverlay
from trainer.widgets.lifetime import release_when_deleted
from trainer.widgets.look import Look
from trainer.widgets.screen_view import ScreenView

Listener = Callable[[RunEvent], None]


def start_run(scenario: Scenario, snapshot: Snapshot | None = None,
              listeners: Iterable[Listener] = (), mode: str = modes.TRY) -> Run:
    """A started run (resumed from ``snapshot`` when given, in the snapshot's mode) whose
    listeners hear every event, ``RunStarted`` included."""
    if snapshot is not None:
        return Run.resume(scenario, snapshot, listeners=listeners)
    run = Run(scenario, mode=mode, listeners=listeners)
    run.start()
    return run


class DeviceStage(QWidget):
    """The device's place: the device as large as the room allows, in its real
    proportions, centred."""

    def __init__(self, device: DeviceFrame, margin: int) -> None:
        super().__init__()
        self.margin = margin
        self.device = device
        device.setParent(self)

    def set_device(self, device: DeviceFrame) -> None:
        old, self.device = self.device, device
        device.setParent(self)
        self.place()
        device.show()
        old.hide()
        release_when_deleted(old)
        old.deleteLater()

    def room(self) -> QSize:
        return QSize(max(1, self.width() - 2 * self.margin), max(1, self.height() - 2 * self.margin))

    def frame_for(self, device: DeviceFrame | None = None) -> QSize:
        return (device or self.device).frame_size(self.room())

    def place(self) -> None:
        size = self.frame_for()
        self.device.setGeometry(QRect(QPoint((self.width() - size.width()) // 2,
                                             (self.height() - size.height()) // 2), size))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.place()


class _Area(QWidget):
    """The player's parts, placed by ``arrange`` whenever the room changes."""

    def __init__(self, arrange: Callable[[], None]) -> None:
        super().__init__()
        self._arrange = arrange

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._arrange()


class Player(QWidget):
    """Plays one scenario through the UI."""

    finished = Signal(object)
    """The run reached a finish step (the ``Step``); the host shows the finish page."""
    left = Signal(object)
    """The learner confirmed 「やめる」; carries the run's ``Snapshot`` (ids only) to resume later."""
    step_shown = Signal(object)
    """A step's screen and text are on display (the ``Step``); after its first paint is queued."""

    def __init__(self, scenario: Scenario, look: Look, *, narrator: Narrator | None = None,
                 listeners: Iterable[Listener] = (), snapshot: Snapshot | Mapping[str, Any] | None = None,
                 ask_quit: Callable[[QWidget, Look], bool] | None = None,
                 parent: QWidget | None = None, mode: str = modes.TRY) -> None:
        super().__init__(parent)
        self.scenario = scenario
        self.mode = mode
        """``modes.TRY`` (the instruction names what to press) or ``modes.ALONE`` (task and goals only)."""
        self.tally = modes.Tally()
        """Slips and hints per step, for the finish page's summary of an on-your-own run."""
        self.look = look
        self.narrator = narrator or Narrator(None)
        self._ask_quit = ask_quit or QuitDialog.ask
        resume_from = Snapshot.of(snapshot)  # a stored form that cannot be read starts afresh
        self._device_name = self._first_device(scenario, resume_from)
        self.ctx = ElementContext(look, scenario.base_dir, scenario.readings, self._device_name)
        self.arrived: Text | None = None
        self.view: ScreenView | None = None
        self._action_revealed = False
        self._holding = False
        self._revealing = False  # a look at what is in view under way (``reveal``)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(self.ctx.text(scenario.title))
        self.setAutoFillBackground(True)
        self._frame = QVBoxLayout(self)
        self._frame.setContentsMargins(0, 0, 0, 0)
        self._root: QWidget | None = None
        self.ahead = ScreensAhead(self)
        """The next steps' screens and texts, built while the learner reads (``trainer.app.screens_ahead``)."""
        self._build()
        self.narrator.unavailable.connect(self._speech_failed)
        self.narrator.following.connect(self._follow_word)
        self.narrator.done.connect(self._reading_done)
        if resume_from is not None and resume_from.mode in modes.MODES:
            self.mode = resume_from.mode  # a resumed run goes on the way it was begun
        counted = (self.tally,) if self.mode == modes.ALONE else ()
        self.run = start_run(scenario, resume_from, (*listeners, *counted), self.mode)
        self.mode = self.run.mode
        self.watch: Any = None
        """In watch mode (「見てみる」) the ``WatchPlayer`` that plays each step through the widgets."""
        if self.mode == modes.WATCH:
            from trainer.app.watch import WatchPlayer

            self.watch = WatchPlayer(self)
            for bar in self._controls_by_scale.values():
                self._dress_controls(bar)
        self._show_step(self.run.current)

    # -- layout ---------------------------------------------------------------------
    def restyle(self, look: Look) -> None:
        """Draw everything again with ``look`` (text size, colours, language),
        keeping the run exactly where it is. Nothing is read aloud again."""
        self.look = look
        self.ahead.drop()
        self.ctx = ElementContext(look, self.scenario.base_dir, self.scenario.readings, self._device_name)
        self.overlay.clear()
        self.overlay.deleteLater()
        if self._root is not None:
            self._frame.removeWidget(self._root)
            self._root.hide()
            self._root.deleteLater()
        self.view = None
        self._build()
        if not self.run.finished:
            self._show_step(self.run.current, speak=False)
        self._arrange()

    def _build(self) -> None:
        look = self.look
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, look.colour("window"))
        self.setPalette(palette)
        self._root = _Area(self._arrange)
        self._frame.addWidget(self._root)
        margin = min(look.space.gap, 20)
        self._frame.setContentsMargins(margin, min(look.space.md, 12), margin, min(look.space.md, 12))
        self._controls_by_scale: dict[float, ControlBar] = {}
        self.controls = self._control_bar(look.scale)
        self.panel = InstructionPanel(look, self.ctx.text(self.scenario.title), action_look=self.controls.look)
        self.panel.setParent(self._root)
        self.panel.next_button.clicked.connect(self._continue)
        self.panel_scroll = self.panel.scroll_area
        self.device_look = look.with_(scale=1.0)
        self.device_ctx = self._device_context()
        self.device: DeviceFrame = make_device(self._device_name, self.device_look)
        self.device.acted.connect(self.act)
        self.stage = DeviceStage(self.device, min(look.space.sm, 10))
        self.stage.setParent(self._root)
        self.split: Split | None = None
        self._columns_ahead: dict[str, tuple[int, int]] = {}
        """Per device built ahead (``_prepare_device``): the instruction column's size its split gives."""
        self.overlay = HintOverlay(look, self)
        self._hook_scrolls()
        if self.narrator.failed:
            self.panel.show_speech_notice()

    def _device_context(self) -> ElementContext:
        return ElementContext(self.device_look, self.scenario.base_dir, self.scenario.readings,
                              self._device_name)

    @staticmethod
    def _first_device(scenario: Scenario, snapshot: Snapshot | None) -> str:
        """The device of the step the run starts (or resumes) at."""
        first = scenario.steps[0].device if scenario.steps else scenario.device
        if snapshot is not None and snapshot.scenario_id == scenario.id:
            return next((s.device for s in scenario.steps if s.id == snapshot.step_id), first)
        return first

    def _use_device(self, name: str) -> bool:
        """Put device ``name`` on the stage if another one is there; True when it changed."""
        if name == self._device_name:
            return False
        self._device_name = name
        self.ctx = ElementContext(self.look, self.scenario.base_dir, self.scenario.readings, name)
        # built ahead at the scale its frame will allow (``_prepare_device``), else at 100 % and fitted below
        device = self.ahead.take_device(name, self.look)
        self.device_look = device.look if device is not None else self.look.with_(scale=1.0)
        self.device_ctx = self._device_context()
        if device is None:
            device = make_device(name, self.device_look)
        device.acted.connect(self.act)
        self.stage.set_device(device)
        self.device = device
        self._hook_scrolls()
        self.view = None
        self._arrange()  # the new device's proportions share the room out again
        return True

    def arrival_text(self, step: Step) -> Text:
        """What is said on coming to ``step``'s device from another one (「ATMの前に来ました。」)."""
        if step.arrive is not None:
            return step.arrive
        kind = device_kinds.KINDS.get(step.device)
        return Text({"ja": kind.arrive_ja, "en": kind.arrive_en} if kind is not None else {"ja": ""})

    def _hook_scrolls(self) -> None:
        for bar in (self.device.scroll_area.verticalScrollBar(), self.device.scroll_area.horizontalScrollBar(),
                    self.panel_scroll.verticalScrollBar()):
            bar.valueChanged.connect(self.overlay.update)

    def _control_bar(self, scale: float) -> ControlBar:
        """The control bar drawn at ``scale`` (built once per scale, kept for resizes)."""
        bar = self._controls_by_scale.get(scale)
        if bar is None:
            bar = ControlBar(self.look.with_(scale=scale))
            bar.setParent(self._root)
            bar.hide()
            bar.repeat.clicked.connect(self.repeat)
            bar.hint.clicked.connect(self.give_hint)
            bar.restart.clicked.connect(self.restart_step)
            bar.quit.clicked.connect(self.quit)
            self._controls_by_scale[scale] = bar
            self._dress_controls(bar)
        return bar

    def _dress_controls(self, bar: ControlBar) -> None:
        """Watch mode: no hints (the app shows everything); 「やり直す」 becomes 「もう一度見る」."""
        if self.mode == modes.WATCH:
            bar.hint.hide()
            bar.restart.setText(bar.look.tr("watch.replay"))
            bar.restart.setAccessibleDescription(bar.look.tr("watch.replay_note"))

    def _continue(self) -> None:
        if self.watch is not None:  # watch mode: 「次へ」 shows the next thing, or does the step's action
            self.watch.next()
            return
        self.act(Action(ActionKind.CONTINUE))

    # -- where everything goes --------------------------------------------------------
    def _fit_controls(self, width: int, budget: int, use: bool = True) -> ControlBar:
        """The control bar at the largest scale (the learner's at most, 100 % at least) whose four
        labels fit on one line each and which takes at most ``budget`` pixels of height (put in
        place unless ``use`` is False)."""
        scale = self.look.scale
        while scale > 1.0 and not self._control_bar(scale).fits(width, budget):
            scale = max(1.0, scale - 0.25)
        bar = self._control_bar(scale)
        if use:
            self._use_controls(bar)
        return bar

    def _fit_row(self, width: int, budget: int, use: bool = True) -> int:
        """The control bar as one row across ``width`` at the largest scale (the learner's at
        most, 100 % at least) that fits within ``budget`` pixels of height; its height, or 0 (and
        the bar unchanged) when it does not fit in one row even at 100 % (put in place unless
        ``use`` is False)."""
        scale = self.look.scale
        while True:
            height = self._control_bar(scale).row_height(width)
            if height and height <= budget:
                if use:
                    self._use_controls(self._control_bar(scale))
                return height
            if scale <= 1.0:
                return 0
            scale = max(1.0, scale - 0.25)

    def _use_controls(self, bar: ControlBar) -> None:
        if bar is not self.controls:
            emphasis = self.controls.hint.emphasised
            self.controls.hide()
            self.controls = bar
            bar.hint.set_emphasis(emphasis)
            old = self.panel.next_button
            if self.panel.set_action_look(bar.look) is not old:
                self.panel.next_button.clicked.connect(self._continue)

    def _split_for(self, device: DeviceFrame, use: bool = True) -> Split | None:
        """Where everything goes with ``device`` on the stage (None while the player has no room);
        with ``use`` the control bar chosen on the way is put in place, without it nothing changes
        (a device prepared ahead asks what its frame will be)."""
        area = self._root
        if area is None or area.width() <= 1 or area.height() <= 1:
            return None
        look = self.look
        width, height = area.width(), area.height()
        wide = width >= height
        gap = min(look.space.wide, 24)
        budget = round(height * (0.3 if wide else 0.2))
        aspect = device.frame_aspect()
        line_limit = 34 * look.size("large") + 2 * min(look.px(CARD_SIDE), CARD_SIDE)

        def controls_height(column: int) -> int:
            return self._fit_controls(column, budget, use).height_for(column)

        def controls_row(across: int) -> int:
            return self._fit_row(across, round(height * 0.16), use)

        least = min(width // 2, self._control_bar(1.0).two_columns())
        options: dict[str, Any] = dict(device_aspect=aspect, scale=look.scale, line_limit=line_limit, gap=gap,
                       controls_height=controls_height, text_height=self.panel.needed_height, least=least,
                       device_least=self._device_least(device))
        chosen = split(width, height, controls_row=controls_row, **options)
        if chosen.controls.width() == width and chosen.wide:
            # the bar's row takes height from the device: not when that draws the device's own
            # text below 100 % while the bar in the column would not
            in_row = self._device_scale_in(chosen.stage, device)
            if in_row < 1.0:
                in_column = split(width, height, **options)
                if self._device_scale_in(in_column.stage, device) > in_row:
                    chosen = in_column
                else:
                    self._fit_row(width, round(height * 0.16), use)
        return chosen

    def _fitted_scale(self, device: DeviceFrame) -> float | None:
        """The text scale ``device`` would be given on the stage (``_fit_device``), changing nothing."""
        chosen = self._split_for(device, use=False)
        if chosen is None:
            return None
        return self._device_scale_in(chosen.stage, device)

    def _arrange(self) -> None:
        chosen = self._split_for(self.device)
        if chosen is None:
            return
        self.split = chosen
        self.panel.setGeometry(self.split.text)
        self.panel.fit_line(self.split.text.width(), self.split.text.height())  # a narrow column: step text that still gives a line
        self.controls.setGeometry(self.split.controls)
        self.controls.show()
        self.stage.setGeometry(self.split.stage)
        self.stage.place()  # the same room may hold a device of new proportions (a hand, a camera view)
        self.stage.show()
        self.panel.show()
        self._fit_device()
        self.reveal()

    def _device_scale_in(self, stage: QRect, device: DeviceFrame | None = None) -> float:
        """The device's own text scale on a stage of ``stage``'s size."""
        device = device or self.device
        margin = self.stage.margin
        room = QSize(max(1, stage.width() - 2 * margin), max(1, stage.height() - 2 * margin))
        return type(device).content_scale(device.frame_size(room), self.look.scale)

    def _device_least(self, device: DeviceFrame | None = None) -> int:
        """The stage width at which the device still draws its own text at 100 % (its screen
        holds ``screen_100`` pixels of line): the instruction column never takes that away."""
        kind = type(device or self.device)
        side, _ = kind.casing_100
        extras = getattr(kind, "extras", None)  # a body's parts beside it take their share of the width
        share = kind.aspect / (kind.aspect + extras.left() + extras.right()) if extras is not None else 1.0
        return round((kind.screen_100 + 2 * side) / share) + 2 * self.stage.margin + 2

    def _fit_device(self) -> None:
        """Give the device the text scale its frame allows; rebuild it when that changes."""
        frame = self.stage.frame_for()
        scale = type(self.device).content_scale(frame, self.look.scale)
        if scale == self.device_look.scale:
            return
        self.device_look = self.look.with_(scale=scale)
        self.device_ctx = self._device_context()
        device = make_device(self._device_name, self.device_look)
        device.acted.connect(self.act)
        self.stage.set_device(device)
        self.device = device
        self._hook_scrolls()
        if self.view is not None and not self.run.finished:
            self._build_screen(self.step)
            if self.watch is not None:  # the hand showed things on the screen drawn before
                self.watch.screen_rebuilt()

    def reveal(self) -> None:
        """Scroll the device's screen so that what the step asks for is in view, the way a helper
        holds the phone up: the fields to fill in first (with their keys, and with the thing to press
        after them, when all of that fits: a 「次へ」 half under the screen's edge looks like no button),
        and, once they hold what is asked or when there are none, the thing to press — all of it when
        it fits, else the first of it."""
        if self.view is None or self.run.finished or self.view.parentWidget() is None:
            return
        self._revealing = True
        try:
            self._lay_out_now()
            self._scroll_to(self._first_targets())
        finally:
            self._revealing = False

    def _first_targets(self) -> list[QWidget]:
        view = self.view
        assert view is not None, "only asked while a step's screen is shown"
        step = self.step
        pointed = self.watch.pointed_on(view) if self.watch is not None else None
        if pointed is not None:  # watch mode: what the hand points at is what must be in view
            return [pointed]
        inputs = [w for w in view.step_targets(step, inputs=True) if w.isVisibleTo(view)]
        presses = [w for w in view.step_targets(step) if w.isVisibleTo(view)]
        if inputs and not view.inputs_filled(step):
            whole = [part for w in inputs for part in view.whole_of(w)]
            # the field (with its label and keys), and the button after them: all in view when it fits
            for wanted in (whole + presses, inputs + presses, whole):
                if self._fits(wanted):
                    return wanted
            return inputs
        return presses

    @staticmethod
    def _lay_out_now() -> None:
        """Lay a new screen out now, not on the next pass of the event loop."""
        for _ in range(3):
            QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)

    def _inputs_changed(self) -> None:
        self._holding = False
        view = self.view
        if view is not None and not self._action_revealed and view.inputs_filled(self.step):
            self._action_revealed = True  # once: after that the learner's own scrolling wins
            self._scroll_to([w for w in view.step_targets(self.step) if w.isVisibleTo(view)])

    def _rects(self, widgets: list[QWidget]) -> list[QRect]:
        view = self.view
        assert view is not None, "only asked while a step's screen is shown"
        return [QRect(w.mapTo(view, QPoint(0, 0)), w.size()) for w in widgets]

    def _fits(self, widgets: list[QWidget]) -> bool:
        rects = self._rects(widgets)
        if not rects:
            return True
        top = min(r.top() for r in rects)
        bottom = max(r.bottom() for r in rects)
        return bottom - top + 1 + 2 * self._reveal_margin() <= self.device.scroll_area.viewport().height()

    def _reveal_margin(self) -> int:
        return min(self.device_look.space.gap, 24)

    def _scroll_to(self, widgets: list[QWidget]) -> None:
        rects = self._rects(widgets)
        if not rects:
            return
        scroll = self.device.scroll_area
        margin = self._reveal_margin()
        union = rects[0]
        for rect in rects[1:]:
            union = union.united(rect)
        for bar, first, span, room in (
                (scroll.verticalScrollBar(), rects[0].top(), (union.top(), union.bottom()),
                 scroll.viewport().height()),
                (scroll.horizontalScrollBar(), union.left(), (union.left(), union.right()),
                 scroll.viewport().width())):
            start, end = span
            if end - start + 1 + 2 * margin > room:  # not all of it fits: the first of it
                start, end = first, min(end, first + room - 2 * margin - 1)
            value = bar.value()
            if end + margin > value + room:
                value = end + margin - room + 1
            if start - margin < value:
                value = start - margin
            if bar is scroll.verticalScrollBar():  # no line of text cut in two at the top edge
                value = self.device.uncut_top(value, start, end, margin)
            bar.setValue(max(bar.minimum(), min(bar.maximum(), value)))

    def _speech_failed(self, _message: str) -> None:
        self.panel.show_speech_notice()
        access.announce(self.panel.speech_notice, self.panel.speech_notice.text())

    def _follow_word(self, offset: int, length: int) -> None:
        highlight = getattr(self.panel.step_text, "highlightWord", None)
        if highlight is not None:
            highlight(offset, length)

    def _reading_done(self) -> None:
        clear = getattr(self.panel.step_text, "clearHighlight", None)
        if clear is not None:
            clear()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if not self.overlay.isHidden():  # shown before the player was (watch mode's first step) too
            self.overlay.setGeometry(self.rect())

    # -- steps ----------------------------------------------------------------------
    @property
    def step(self) -> Step:
        return self.run.current

    def step_text(self, step: Step) -> str:
        """The raw text of ``step`` the learner reads (easy Japanese when chosen and written; on
        your own, the step's goal, never a text that names what to press)."""
        if self.mode == modes.ALONE:
            return self.ctx.raw(modes.instruction(self.scenario, step))
        if self.look.easy and step.easy is not None and self.look.lang == "ja":
            return self.ctx.raw(step.easy)
        return self.ctx.raw(step.say)

    def _steps_to_finish(self) -> dict[str, int]:
        found = self.__dict__.get("_to_finish")
        if found is None:
            from trainer.authoring.check import steps_to_finish

            found = self.__dict__["_to_finish"] = steps_to_finish(self.scenario)
        return found

    def _show_step(self, step: Step, given: Text | None = None, lead_kind: str = "praise",
                   speak: bool = True) -> None:
        self.ahead.stop()
        self.overlay.clear()
        self.controls.hint.set_emphasis(False)
        if step.is_finish:
            self.ahead.drop()
            if self.watch is not None:
                self.watch.stop()
            self.narrator.stop()
            self.finished.emit(step)
            return
        focus = QApplication.focusWidget()
        if focus is not None and self.isAncestorOf(focus):
            # the new step's text takes the focus (``access.present_step``); without this, the old screen
            # going (or the old text) would first hand it to the next widget in the chain, with its events
            focus.clearFocus()
        raw = self.step_text(step)
        if step.device != self._device_name:
            self.panel.leave_step()  # the new device's column takes the new step's text only
        self.arrived = self.arrival_text(step) if self._use_device(step.device) else None
        number = len(self.run.path)
        lead: Text | str | None = given
        if self.mode == modes.ALONE and given is not None:
            lead = modes.lead(given, step) or self.look.tr("alone.praise")
        elif self.mode == modes.ALONE and number == 1:  # on your own: the whole task first
            lead = self.look.tr("alone.task", task=self.ctx.raw(modes.task_of(self.scenario)))
            lead_kind = "notice"
        shown = [self.ctx.text(t) for t in (lead, self.arrived) if t is not None]
        with self.panel.changing():  # the card fitted once, to both
            if shown:  # the praise, then where the learner has come
                self.panel.show_feedback(lead_kind if lead is not None else "notice", "\n".join(shown))
            else:
                self.panel.clear_feedback()
            # after the message: the step text's size is chosen with the room the message leaves it
            explains = step.only_explains or self.mode == modes.WATCH
            self.panel.set_step(number, raw, self.scenario.readings, explains,
                                total=number + self._steps_to_finish().get(step.id, 1) - 1,
                                text_widget=self.ahead.take_text(raw, self.panel.look_for(raw, explains),
                                                                 self.scenario.readings))
        self._build_screen(step)
        self._read_ahead(step)
        self.panel_scroll.verticalScrollBar().setValue(0)
        spoken = [self.ctx.raw(lead) if lead is not None else ""]
        if self.arrived is not None:
            spoken.append(self.ctx.raw(self.arrived))
        if self.watch is None and speak:
            self.narrator.say(*spoken, raw, follow=len(spoken))
        # a screen reader hears what led here and where the learner has come (the device changed)
        announced = [self.ctx.text(t) for t in (lead, self.arrived) if t is not None] if speak else []
        access.present_step(self, "　".join(announced))
        if self.watch is not None:  # watch mode reads the same, then what the hand shows
            self.watch.begin(step, [*spoken, raw] if speak else None, len(spoken), shown, lead)
        self.step_shown.emit(step)

    def _read_ahead(self, step: Step) -> None:
        """With furigana on: the texts of the steps to come are analysed in the background while the
        learner reads this one (``trainer.reading.ahead``), so the next step change finds them ready."""
        if not self.look.furigana:
            return
        from trainer.widgets.labels import reader_for

        scenario, lang = self.scenario, self.look.lang
        AHEAD.prepare(reader_for(scenario.readings), lambda: texts_ahead(scenario, step, lang))

    def _build_screen(self, step: Step) -> None:
        """Show ``step``'s screen on the device, with what it asks for in view. A screen with keys (a
        phone's kana keyboard, a number pad) is drawn at the size its keys fit the screen's width at
        (``DeviceFrame.content_scale`` with ``keys``: the phone's text grows beyond that only where no keys are); and
        when what the step asks for (a field with its keys and the button after it) cannot all be in
        view at that size, the screen's content is drawn a little smaller (down to ``SMALLEST_SCALE``),
        as one zooms out on a phone."""
        def at(scale: float) -> ElementContext:
            return ElementContext(self.device_look.with_(scale=scale), self.scenario.base_dir,
                                  self.scenario.readings, self._device_name)

        self._show_view(step, self.device_ctx)
        self.device.settle()  # measured at its real size, also before the player is first shown
        scale = self.device_look.scale
        view = self.view
        assert view is not None, "just shown"
        if any(getattr(e, "pad", None) is not None or getattr(e, "keyboard", None) is not None
               for e in view.elements):
            keys = type(self.device).content_scale(self.stage.frame_for(), self.look.scale, keys=True)
            if keys < scale:
                scale = keys
                self._show_view(step, at(scale))
                self.device.settle()

        def need() -> int:
            """The height of the field(s) with their keys and the button after them, when that
            would fit at the smallest size; else of what ``reveal`` shows first."""
            view = self.view
            assert view is not None, "just shown"
            inputs = [w for w in view.step_targets(step, inputs=True) if w.isVisibleTo(view)]
            if self.watch is None and inputs and not view.inputs_filled(step):
                wanted = [part for w in inputs for part in view.whole_of(w)]
                wanted += [w for w in view.step_targets(step) if w.isVisibleTo(view)]
                rects = self._rects(wanted)
                height = max(r.bottom() for r in rects) - min(r.top() for r in rects) + 1
                if height * SMALLEST_SCALE <= room() * scale:
                    return height
            return self._first_need()

        def room() -> int:
            return self.device.scroll_area.viewport().height() - 2 * self._reveal_margin()

        for _ in range(3):  # the docked keys shrink too, so the room grows: a second look
            wanted, there = need(), room()
            if not wanted > there > 0 or scale <= SMALLEST_SCALE:
                break
            scale = max(SMALLEST_SCALE, min(round(scale - 0.05, 2), math.floor(scale * there / wanted * 20) / 20))
            self._show_view(step, at(scale))
            self.device.settle()
        self.reveal()
        self._holding = True
        self._prepare_ahead()
    def _show_view(self, step: Step, ctx: ElementContext) -> None:
        view = self.ahead.take_view(step, ctx) or ScreenView(step.screen, ctx)
        view.acted.connect(self.act)
        view.values_changed.connect(self._inputs_changed)
        view.installEventFilter(self)
        self._action_revealed = False
        self._holding = False
        self._painted = False
        self.view = view
        self.device.show_screen(step.screen, view)
        aspect = self.device.frame_aspect()
        self.device.set_body(step.body)
        if self.device.frame_aspect() != aspect:  # the hand holds something (or nothing now): room again
            self._arrange()
        self._lay_out_now()

    def _first_need(self) -> int:
        """The height of what the learner needs first on the screen (see ``reveal``)."""
        widgets = self._first_targets()
        rects = self._rects(widgets)
        return max(r.bottom() for r in rects) - min(r.top() for r in rects) + 1 if rects else 0

    def eventFilter(self, watched, event) -> bool:
        """While a new screen is settling (its pictures and text laid out after the first pass),
        keep what the step asks for in view; the learner's first touch ends that. Not again from
        inside a look already under way (its own layout passes reach here: a screen that kept
        asking for layout would nest looks until the stack ran out)."""
        if self._revealing:
            return False
        if watched is self.view and self._holding and event.type() in (QEvent.Type.Resize, QEvent.Type.Show,
                                                                        QEvent.Type.LayoutRequest):
            self.reveal()
        elif watched is self.view and self._holding and event.type() == QEvent.Type.Paint and not self._painted:
            self._painted = True  # the first paint comes after every layout: a last look
            self.reveal()
            self.narrator.release_when_idle()  # on screen: the next texts may be read ahead once the loop is idle
        return False

    def _steps_ahead(self) -> list[Step]:
        """The steps that can follow the current one, on any device (the likely ones first)."""
        step, found = self.step, []
        following = [self.scenario.step_after(step)] if (step.expect or step.only_explains) else []
        for choice in step.choices:
            if self.scenario.has_step(choice.next):
                following.append(self.scenario.step(choice.next))
        for candidate in following:
            if candidate is not None and not candidate.is_finish and candidate not in found:
                found.append(candidate)
        return found[:CANDIDATES]

    def _prepare_ahead(self) -> None:
        """Once the window has painted this step: build the next steps' screens and texts in the idle
        time while the learner reads (``trainer.app.screens_ahead``; not in watch mode)."""
        if self.watch is not None or self.run.finished:
            self.ahead.drop()
            return

        def screen(step: Step) -> None:
            if self.isVisible() and not self.run.finished:
                viewport = self.device.scroll_area.viewport()
                self.ahead.prepare_view(step, self.device_ctx, viewport.width(), viewport.height(), viewport)

        def text(step: Step) -> None:
            if not self.isVisible() or self.run.finished:  # (at the column's size then: a first step's
                return  # plan is made before the player is first arranged, and ``fit_line`` changes it)
            raw = self.step_text(step)
            column = self._columns_ahead.get(step.device) if step.device != self._device_name else None
            if column is None:  # the column as it is
                self.ahead.prepare_text(raw, self.panel.look_for(raw, step.only_explains), self.scenario.readings,
                                        self.panel.step_text.width(), self.panel_scroll.height(), self.panel.card)
                return
            width, height = column  # the column the other device's split gives (``_prepare_device``)
            margins = self.panel.layout_.contentsMargins()
            self.ahead.prepare_text(raw, self.panel.look_in_column(raw, step.only_explains, width, height),
                                    self.scenario.readings, width - margins.left() - margins.right(), height,
                                    self.panel.card)

        def other(step: Step) -> None:  # the frame of another device, at its fitted scale, and its first screen
            if self.isVisible() and not self.run.finished:
                device = self._prepare_device(step.device)
                if device is not None:
                    viewport = device.scroll_area.viewport()
                    ctx = ElementContext(device.look, self.scenario.base_dir, self.scenario.readings, step.device)
                    self.ahead.prepare_view(step, ctx, viewport.width(), viewport.height(), viewport)

        jobs: list[Callable[[], None]] = []
        other_device = ""
        for step in self._steps_ahead():
            if step.device == self._device_name:
                jobs += [partial(screen, step), partial(text, step)]
            elif not other_device or step.device == other_device:  # one other device at most
                other_device = step.device
                jobs += [partial(other, step), partial(text, step)]
            else:
                jobs.append(partial(text, step))
        self.ahead.plan(jobs, (self.panel.step_text, self.view))

    def _prepare_device(self, name: str) -> DeviceFrame | None:
        """Device ``name``'s frame built ahead (hidden on the stage) at the text scale the step change
        would fit it to (``_fit_device``), at the size it will have; None when there is no room yet."""
        found = self.ahead.prepared_device(name, self.look)
        if found is not None:
            return found
        device = make_device(name, self.look.with_(scale=1.0), self.stage)
        device.hide()
        chosen = self._split_for(device, use=False)  # the room the stage will have with it
        if chosen is None:
            release_when_deleted(device)
            device.deleteLater()
            return None
        # the column beside it: its message box measured now, its step texts built for it (``text`` above)
        self.panel.prepare_column(chosen.text.width())
        self._columns_ahead = {name: (chosen.text.width(), chosen.text.height())}
        margin = self.stage.margin
        room = QSize(max(1, chosen.stage.width() - 2 * margin), max(1, chosen.stage.height() - 2 * margin))
        scale = type(device).content_scale(device.frame_size(room), self.look.scale)
        if scale != device.look.scale:
            release_when_deleted(device)
            device.deleteLater()
            device = make_device(name, self.look.with_(scale=scale), self.stage)
            device.hide()
        device.resize(device.frame_size(room))
        layout = device.layout()
        if layout is not None:
            layout.activate()
        self.ahead.keep_device(name, self.look, device)
        return device

    # -- the learner's actions --------------------------------------------------------
    def act(self, action: Action) -> None:
        """Give ``action`` to the runner and show what it decided."""
        if self.run.finished:
            return
        if self.watch is not None and not self.watch.acting:
            text = self.look.tr("watch.only_next")  # watch mode judges only the app's own hand
            self.panel.show_feedback("notice", text)
            self.narrator.say(text)
            return
        self._holding = False
        feedback = self.run.judge(action)
        if feedback.judgement is Judgement.CORRECT and feedback.next_step is not None:
            AHEAD.hold()  # no reading ahead while the new step is built (until it is painted)
            self._show_step(feedback.next_step, feedback.text)
            return
        if self.mode == modes.ALONE:  # on your own: a short kind word, nothing that shows the way
            text = self.look.tr("alone.wrong")
            self.panel.show_feedback("explain", text)
            self.narrator.say(text)
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
        self._holding = False
        hint = self.run.next_hint()
        if hint is None:
            text = self.look.tr("player.no_more_hints")
            self.panel.show_feedback("hint", text)
            access.present_feedback(self, text)
            self.narrator.say(text)
            return
        target = self.view.target_widget(hint.target) if (self.view is not None and hint.target) else None
        part = self.device.part_widget(hint.target) if (target is None and hint.target) else None
        if hint.text is not None:
            raw = self.ctx.raw(hint.text)
        elif hint.kind is HintKind.SHOW:
            raw = self.look.tr("player.hint_show")
        else:
            raw = self.look.tr("player.hint_highlight")
        if part is not None and hint.kind in (HintKind.HIGHLIGHT, HintKind.SHOW):  # a slot, a tray, a key of the body
            if hint.kind is HintKind.HIGHLIGHT:
                self.overlay.highlight(part, self.device)
            else:
                self.overlay.demonstrate(part, self.device)
        elif target is not None and hint.kind in (HintKind.HIGHLIGHT, HintKind.SHOW):
            margin = min(self.device_look.space.xl, 40)
            self.device.scroll_area.ensureWidgetVisible(target, margin, margin)  # only what is on screen is pointed at
            if hint.kind is HintKind.HIGHLIGHT:
                self.overlay.highlight(target, self.device.scroll_area.viewport())
            else:
                self.overlay.demonstrate(target, self.device.scroll_area.viewport())
        self.panel.show_feedback("hint", plain(raw))
        access.present_hint(self, plain(raw), target if target is not None else part, hint.kind)
        self.narrator.say(raw)

    def restart_step(self) -> None:
        """「やり直す」: the same step with a fresh screen (typed values cleared); in watch mode
        「もう一度見る」 shows the step again."""
        if self.watch is not None:
            self.watch.replay()
            return
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
            if self.watch is not None:
                self.watch.stop()
            self.narrator.stop()
            self.run.abandon()
            self.left.emit(self.run.snapshot())

    def snapshot(self) -> Snapshot:
        return self.run.snapshot()
