"""「見てみる」 (watch): the player plays the scenario itself, one step per 「次へ」.

On each step the instruction is read (by the player, as in every mode) and
the pointing hand of the hint overlay moves slowly to what the step asks
for; values to type appear key by key on the screen's own keys; a mistake
the author marked ``show: true`` is shown first — the hand on the wrong
thing and the mistake's own explanation, read aloud — and 「次へ」 then shows
the right way. Nothing moves on by itself: the hand stops on the target
and waits. 「次へ」 does the action through the real widgets (a click, the
Enter key, a drag of the card onto the reader, the camera moved onto the
code, a swipe — drags move visibly), so the runner judges it and the screen
changes exactly as for a learner. 「もう一度見る」 shows the step again on a
fresh screen. The learner's own taps on the device are not judged in this
mode (a short word says 「次へ」 goes on).

What to do at each step comes from ``trainer.scenarios.watch.demo_for``;
the words that describe it from ``trainer.widgets.watch_steps`` (also printed
on the handout).
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QInputMethodEvent, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget
from shiboken6 import isValid

from trainer.reading.ruby import plain
from trainer.scenarios import watch as plan
from trainer.scenarios.actions import Action, ActionKind
from trainer.scenarios.matching import default_speech_normaliser
from trainer.scenarios.model import Expectation, Mistake, Scenario, Step, Text
from trainer.scenarios.runner import PRAISES
from trainer.widgets.watch_steps import describe, describe_mistake
from trainer.words.catalogue import tr

if TYPE_CHECKING:
    from trainer.app.player import Player
    from trainer.widgets.screen_view import ScreenView

log = logging.getLogger("trainer.app")

HAND_MS = 1500
"""How long the hand takes to move to a target: slow enough to follow with the eyes."""
KEY_MS = 450
"""Between two keys typed."""
DRAG_MS = 70
"""Between two moves of a drag (``DRAG_STEPS`` of them)."""
DRAG_STEPS = 14
BODY_KINDS = ("insert", "take", "press", "look")
TEMPO = 1.0
"""Multiplies every wait above (1.0: the learner's pace; tests make it 0)."""
SWIPE_REACH = 60
"""Least distance a shown swipe travels from the centre at 100 %, in pixels."""


# -- events that a person's hand would make ------------------------------------------------------
def _mouse(widget: QWidget, kind: QEvent.Type, at: QPointF, buttons) -> None:
    glob = QPointF(widget.mapToGlobal(at.toPoint()))
    event = QMouseEvent(kind, at, glob, Qt.MouseButton.LeftButton, buttons, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


def click(widget: QWidget) -> None:
    """Press and release the left button at the middle of ``widget``."""
    centre = QPointF(widget.rect().center())
    _mouse(widget, QEvent.Type.MouseButtonPress, centre, Qt.MouseButton.LeftButton)
    _mouse(widget, QEvent.Type.MouseButtonRelease, centre, Qt.MouseButton.NoButton)


def key(widget: QWidget, code: Qt.Key, text: str = "") -> None:
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, code, Qt.KeyboardModifier.NoModifier, text))


def type_char(widget: QWidget, char: str) -> None:
    """One character as a keyboard (ASCII) or an input method (Japanese) gives it."""
    if char.isascii() and char.isprintable():
        code = Qt.Key(ord(char.upper())) if char.isalnum() else Qt.Key.Key_unknown
        key(widget, code, char)
    else:
        event = QInputMethodEvent("", [])
        event.setCommitString(char)
        QApplication.sendEvent(widget, event)


class WatchPlayer(QObject):
    """Drives one :class:`~trainer.app.player.Player` in watch mode."""

    ready = Signal()
    """The demonstration of this step (or of its mistake) is shown: 「次へ」 goes on."""

    def __init__(self, player: Player, tempo: float | None = None) -> None:
        super().__init__(player)
        self.player = player
        self.tempo = TEMPO if tempo is None else tempo
        """Multiplies every wait (tests make it small; 1.0 is the learner's pace)."""
        self.demo: plan.Demo | None = None
        self.phase = "idle"
        """``mistake`` (a mistake is shown), ``show`` (the hand is on its way), ``ready`` (waits for
        「次へ」), ``doing`` (the action is being done)."""
        self.acting = False
        """True while this player's own hand acts (the player judges only those actions)."""
        self._mistakes: list[Mistake] = []
        self.mistake: Mistake | None = None
        """The mistake shown now (phase ``mistake``)."""
        self._beats: deque[tuple[Callable[..., object], int]] = deque()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._beat)
        self._step: Step | None = None
        self._lead = ""
        self._generation = 0
        self._pointed: QWidget | None = None

    # -- what the player calls ------------------------------------------------------------------
    @property
    def scenario(self) -> Scenario:
        return self.player.scenario

    @property
    def lang(self) -> str:
        return self.player.look.lang

    def begin(self, step: Step, spoken: list[str] | None, follow: int, shown: list[str] | None = None,
              lead: Text | str | None = None) -> None:
        """``step`` is on screen: read ``spoken`` (and its first shown mistake) and start showing.
        ``shown`` are the texts above the step (what led here, where the learner has come)."""
        self._stop()
        self._step = step
        self.demo = plan.demo_for(self.scenario, step)
        generic = isinstance(lead, Text) and any(lead is p for p in PRAISES)
        shown = list(shown or [])
        self._lead = "\n".join(shown[1:] if generic and lead is not None else shown)
        if generic and spoken:  # 「よくできました」 for what the app did itself: not said
            spoken = ["", *spoken[1:]]
        self._mistakes = list(self.demo.mistakes) if self.demo is not None else []
        extra = self._next_mistake() if self._mistakes else self._start_show()
        if spoken is not None:
            self.player.narrator.say(*spoken, *extra, follow=follow)

    def next(self) -> None:
        """「次へ」: from a mistake to the right way; else do the action (finishing the showing first)."""
        if self.demo is None or self.phase == "doing":
            return
        if self.phase == "mistake":
            extra = self._next_mistake() if self._mistakes else self._start_show()
            self.player.narrator.say(*extra)
            return
        self._flush()
        self._do()

    def replay(self) -> None:
        """「もう一度見る」: the same step again, on a fresh screen, from its first mistake."""
        player = self.player
        if player.run.finished:
            return
        self._stop()
        player.run.restart_step()
        player.overlay.clear()
        player._build_screen(player.step)
        text = player.step_text(player.step)
        self.begin(player.step, [text], 0)

    def stop(self) -> None:
        self._stop()

    def pointed_on(self, view: QWidget | None) -> QWidget | None:
        """The widget the hand points at on ``view``'s screen (None: nothing there, or gone)."""
        widget = self._pointed
        if widget is None or view is None or not isValid(widget) or not view.isAncestorOf(widget):
            return None
        return widget

    def screen_rebuilt(self) -> None:
        """The player drew the step's screen again (a new size): show this phase again on it."""
        if self.demo is None or self.phase == "idle":
            return
        mistake = self.mistake
        self._stop()
        if mistake is not None:
            self._mistakes.insert(0, mistake)
            self._next_mistake()
        else:
            self._start_show()

    # -- phases ---------------------------------------------------------------------------------
    def _next_mistake(self) -> list[str]:
        """Show the next marked mistake: the hand on the wrong thing, its explanation."""
        step = cast(Step, self._step)  # mistakes are shown only for the step being watched
        mistake = self._mistakes.pop(0)
        self.mistake = mistake
        self.phase = "mistake"
        wrong = describe_mistake(step, mistake, self.lang)
        said = self.player.ctx.raw(mistake.say)
        text = tr("watch.mistake", self.lang, wrong=wrong, why=plain(said))
        self._feedback("explain", text)
        widget, clip = self._widget_for(plan.mistake_action(mistake).target)
        if widget is not None:
            self.player.overlay.demonstrate(widget, clip, duration=self._ms(HAND_MS))
        else:
            self.player.overlay.clear()
        self.ready.emit()
        return [tr("watch.mistake_said", self.lang, wrong=wrong), said, tr("watch.then_right", self.lang)]

    def _start_show(self) -> list[str]:
        """Show the right action: the hand moves, values are typed, then it waits on the target."""
        self.mistake = None
        demo, step = self.demo, self._step
        if demo is None or step is None:
            return []
        self.phase = "show"
        doing = describe(step, demo, self.lang)
        lines = [self._lead] if self._lead else []
        lines.append(tr("watch.hand", self.lang, does=doing) if demo.kind != "continue" else doing)
        self._feedback("notice", "\n".join(lines))
        self.player.overlay.clear()
        self._plan_show(demo)
        self._beat()
        return [doing] if demo.kind != "continue" else []

    def _plan_show(self, demo: plan.Demo) -> None:
        for field_id, value in demo.fields:
            self._plan_fill(field_id, value)
        kind = demo.kind
        if kind == "continue":
            return
        if kind == "enter":
            self._plan_fill(demo.target or "", demo.value or "")
            return
        if kind == "say":
            speaker = self._element("speaker")
            if speaker is not None and self._suggestion(speaker, demo.expect.phrases) is None:
                self._point(lambda: speaker.entry)
                self._type_into(lambda: speaker.entry, demo.value or "")
                self._point(lambda: speaker.say_button)
            elif speaker is not None:
                self._point(lambda: self._suggestion(speaker, demo.expect.phrases))
            return
        self._point(lambda: self._shown_widget(demo))

    def _shown_widget(self, demo: plan.Demo) -> QWidget | None:
        """What the hand goes to for ``demo``'s action (looked up when it sets off: the screen may
        have been drawn again since the step began)."""
        view, kind = self._view, demo.kind
        if self._on_body(demo.expect):
            thing = self._held_thing(demo.expect) if kind in ("insert", "place") else None
            return thing if thing is not None else self.player.device.part_widget(demo.target or "")
        if kind == "scan":
            return self._camera(demo.target)
        if kind == "place":
            return self._card(demo.target)
        if kind == "swipe":
            on = demo.expect.on  # on an element, else the screen as far as it is in view
            return view.target_widget(on) if on is not None else self.player.device.scroll_area.viewport()
        return view.target_widget(demo.target or "")

    def _do(self) -> None:
        """Do the step's action through the widgets (drags move, the camera turns, keys press)."""
        demo = self.demo
        if demo is None:
            return
        self.phase = "doing"
        kind, device = demo.kind, self.player.device
        if kind == "continue":
            self._act(lambda: self.player.act(Action(ActionKind.CONTINUE)))
            return
        if self._on_body(demo.expect):
            part = device.part_widget(demo.target or "")
            if kind in ("insert", "place"):
                thing = self._held_thing(demo.expect)
                if thing is not None and part is not None:
                    self._plan_drag(thing, thing.rect().center(),
                                    thing.mapFromGlobal(part.mapToGlobal(part.rect().center())))
            elif kind == "look" and part is not None:
                machine: Any = part  # a body part that looks: it has a face and a frame
                self._plan_drag(part, machine.face_centre().toPoint(), machine.frame_rect().center().toPoint())
            elif kind == "long-press" and part is not None:
                self._beats.append((lambda: self._act(lambda: self._hold(part)), 0))
            elif part is not None:
                self._beats.append((lambda: self._act(lambda: click(part)), 0))
        elif kind in ("tap", "choose"):
            self._beats.append((lambda: self._act(lambda: click(self._target(demo.target))), 0))
        elif kind == "long-press":
            self._beats.append((lambda: self._act(lambda: self._hold(self._target(demo.target))), 0))
        elif kind == "toggle":
            widget: Any = self._target(demo.target)  # a switch: it can be checked
            if ("on" if widget.isChecked() else "off") == (demo.value or "on"):
                self._beats.append((lambda: click(self._target(demo.target)), self._ms(KEY_MS)))  # undo first
            self._beats.append((lambda: self._act(lambda: click(self._target(demo.target))), 0))
        elif kind == "enter":
            def enter() -> None:
                field = self._input(demo.target or "").field
                field.setFocus()
                key(field, Qt.Key.Key_Return)

            self._beats.append((lambda: self._act(enter), 0))
        elif kind == "say":
            def say() -> None:
                speaker = self._element("speaker")
                click(self._suggestion(speaker, demo.expect.phrases) or speaker.say_button)

            self._beats.append((lambda: self._act(say), 0))
        elif kind == "scan":
            self._plan_scan(self._camera(demo.target))
        elif kind == "place":
            card = self._card(demo.target)
            table = self._card_element(demo.target).table
            self._plan_drag(card, card.rect().center(), card.mapFromParent(table.reader_rect().center()))
        elif kind == "swipe":
            self._plan_swipe(demo.target or "left", demo.expect.on)
        self._beat()

    # -- beats ------------------------------------------------------------------------------------
    def _ms(self, ms: int) -> int:
        return max(0, round(ms * self.tempo))

    def _beat(self) -> None:
        """Do the next beat and wait its time before the one after; when none is left, the hand
        waits on the target (phase ``ready``)."""
        generation = self._generation
        while self._beats:
            do, wait = self._beats.popleft()
            try:
                do()
            except Exception:  # a screen that changed under the hand: stop showing, never crash
                log.warning("watch mode could not show a step", exc_info=True)
                self._beats.clear()
                break
            if self._generation != generation:
                return  # the action led to the next step, which has begun its own showing
            if wait > 0:
                self._timer.start(wait)
                return
        if self.phase == "show":
            self.phase = "ready"
            self.ready.emit()

    def _flush(self) -> None:
        """Do at once what is left of the showing (the typing), without the waits."""
        self._timer.stop()
        generation = self._generation
        while self._beats and self._generation == generation:
            do, _wait = self._beats.popleft()
            try:
                do()
            except Exception:
                log.warning("watch mode could not show a step", exc_info=True)
                self._beats.clear()
        self.player.overlay.finish_animation()

    def _stop(self) -> None:
        self._generation += 1
        self._pointed = None
        self._timer.stop()
        self._beats.clear()
        self.phase = "idle"
        self.mistake = None

    def _act(self, do: Callable[[], object]) -> None:
        self.acting = True
        try:
            do()
        finally:
            self.acting = False

    def _point(self, find: Callable[[], QWidget | None]) -> None:
        def go() -> None:
            widget = find()
            if widget is None:
                return
            clip = self._clip_for(widget)
            self.player.overlay.demonstrate(widget, clip, duration=self._ms(HAND_MS))

        self._beats.append((go, self._ms(HAND_MS)))

    def _plan_fill(self, field_id: str, value: str) -> None:
        """Fill input ``field_id`` with ``value`` as a person would, a key at a time."""
        view = self._view
        widget: Any = next((w for w in view.elements if w.element.id == field_id), None)
        if widget is None:
            return
        kind = widget.element.type
        if kind == "input":
            self._point(lambda: widget.field)
            pad = widget.pad
            if pad is not None:
                if "clear" in pad.keys:
                    self._beats.append((lambda: click(pad.keys["clear"]), 0))
                else:
                    def empty() -> None:
                        while widget.field.text() and "delete" in pad.keys:
                            click(pad.keys["delete"])
                    self._beats.append((empty, 0))
                for char in value:
                    button = pad.keys.get(char)
                    if button is not None:
                        def press(b: QWidget = button) -> None:
                            self._hand_on(b)
                            click(b)
                        self._beats.append((press, self._ms(KEY_MS)))
                    else:
                        self._beats.append((lambda c=char: type_char(widget.field, c), self._ms(KEY_MS)))
            else:
                self._type_into(lambda: widget.field, value)
        elif kind == "checkbox":
            if ("on" if widget.box.isChecked() else "off") != value:
                self._point(lambda: widget.box)
                self._beats.append((lambda: click(widget.box), self._ms(KEY_MS)))
        elif kind == "choice-list":
            wanted = [v for v in value.split(",") if v]
            for option_id, button in widget.options.items():
                if (option_id in wanted) != button.isChecked():
                    def option(b: QWidget = button) -> QWidget:
                        return b
                    self._point(option)
                    self._beats.append((lambda b=button: click(b), self._ms(KEY_MS)))
        elif kind == "clerk-view" and value == "checked" and not widget.checked:
            self._point(lambda: widget.turn_button)
            self._beats.append((lambda: click(widget.turn_button), self._ms(KEY_MS)))

    def _type_into(self, find: Callable[[], QWidget], value: str) -> None:
        def empty() -> None:
            field = find()
            field.setFocus()
            if hasattr(field, "clear"):
                field.clear()

        self._beats.append((empty, 0))
        for char in value:
            self._beats.append((lambda c=char: type_char(find(), c), self._ms(KEY_MS)))

    def _plan_drag(self, widget: QWidget, start: QPoint, end: QPoint) -> None:
        """Press on ``widget`` at ``start``, move to ``end`` (the hand moves with the finger), release."""
        origin = QPointF(widget.mapToGlobal(start))
        travel = QPointF(end - start)
        overlay = self.player.overlay

        def at(fraction: float) -> QPointF:
            return origin + travel * fraction

        def send(kind: QEvent.Type, glob: QPointF, buttons) -> None:
            local = QPointF(widget.mapFromGlobal(glob.toPoint()))
            event = QMouseEvent(kind, local, glob, Qt.MouseButton.LeftButton, buttons, Qt.KeyboardModifier.NoModifier)
            overlay.set_tip(QPointF(overlay.mapFromGlobal(glob.toPoint())))
            QApplication.sendEvent(widget, event)

        self._beats.append((lambda: send(QEvent.Type.MouseButtonPress, at(0), Qt.MouseButton.LeftButton),
                            self._ms(DRAG_MS)))
        for index in range(1, DRAG_STEPS + 1):
            self._beats.append((lambda i=index: send(QEvent.Type.MouseMove, at(i / DRAG_STEPS),
                                                     Qt.MouseButton.LeftButton), self._ms(DRAG_MS)))
        self._beats.append((lambda: self._act(lambda: send(QEvent.Type.MouseButtonRelease, at(1),
                                                           Qt.MouseButton.NoButton)), 0))

    def _plan_swipe(self, direction: str, on: str | None) -> None:
        view = self._view
        widget: QWidget = view
        if on is not None:
            widget = view.target_widget(on) or view
        rect = widget.rect()
        centre = rect.center()
        reach = max(80, min(rect.width(), rect.height()) // 3)
        offset = {"left": QPoint(-reach, 0), "right": QPoint(reach, 0), "up": QPoint(0, -reach),
                  "down": QPoint(0, reach)}.get(direction, QPoint(-reach, 0))
        if widget is view:  # across the part of the screen in view (the events go to the screen itself)
            viewport = self.player.device.scroll_area.viewport()
            shown = QRect(view.mapFrom(viewport, QPoint(0, 0)), viewport.size()).intersected(rect)
            centre = shown.center()
            reach = max(self.player.device_look.px(SWIPE_REACH), min(shown.width(), shown.height()) // 3)
            offset = {"left": QPoint(-reach, 0), "right": QPoint(reach, 0), "up": QPoint(0, -reach),
                      "down": QPoint(0, reach)}.get(direction, QPoint(-reach, 0))
        self._plan_drag(widget, centre, centre + offset)

    def _plan_scan(self, finder) -> None:
        """Turn the camera onto the code with its arrow keys, one move at a time."""
        if finder is None:
            return

        def move() -> None:
            if finder.scanned or self.player.view is None or finder.window() is None:
                return
            x, y = finder.offset
            code = (Qt.Key.Key_Left if x > 0 else Qt.Key.Key_Right) if abs(x) >= abs(y) else (
                Qt.Key.Key_Up if y > 0 else Qt.Key.Key_Down)
            finder.setFocus()
            self._act(lambda: key(finder, code))
            if not finder.scanned and self.phase == "doing":
                self._beats.appendleft((move, self._ms(KEY_MS // 3)))

        self._beats.append((move, self._ms(KEY_MS // 3)))

    def _hold(self, widget: QWidget) -> None:
        widget.setFocus()
        key(widget, Qt.Key.Key_Menu)

    def _hand_on(self, widget: QWidget) -> None:
        self.player.overlay.demonstrate(widget, self._clip_for(widget), duration=self._ms(KEY_MS // 2))

    # -- finding things on the screen --------------------------------------------------------------
    def _clip_for(self, widget: QWidget) -> QWidget:
        """Scroll ``widget`` into view on the device's screen (and keep it there while the screen
        settles: the player reveals what the hand points at); the rectangle the hand stays in."""
        device = self.player.device
        viewport = device.scroll_area.viewport()
        self._pointed = widget
        self.player.overlay.hand_look = self.player.device_look.with_(scale=max(1.0, min(
            1.5, self.player.device_look.scale)))
        if viewport.isAncestorOf(widget):
            margin = min(self.player.device_look.space.xl, 40)
            device.scroll_area.ensureWidgetVisible(widget, margin, margin)  # only what is on screen is pointed at
            self.player.reveal()
            return viewport
        return device

    @property
    def _view(self) -> ScreenView:
        """The player's screen (a watched step is always on one)."""
        return cast("ScreenView", self.player.view)

    def _widget_for(self, target: str | None) -> tuple[QWidget | None, QWidget | None]:
        if not target or self.player.view is None:
            return None, None
        widget = self.player.view.target_widget(target) or self.player.device.part_widget(target)
        return (widget, self._clip_for(widget)) if widget is not None else (None, None)

    def _target(self, target: str | None) -> QWidget:
        widget = self._view.target_widget(target or "")
        if widget is None:
            raise LookupError(f"nothing called {target!r} on this screen")
        return widget

    def _on_body(self, expect: Expectation) -> bool:
        view, device = self._view, self.player.device
        return expect.target is not None and view.target_widget(expect.target) is None and (
            expect.kind in BODY_KINDS or device.part_widget(expect.target) is not None)

    def _held_thing(self, expect: Expectation):
        wanted = expect.value.values if expect.value is not None else ()
        return next((t for t in cast(Any, self.player.device).hand.things if not wanted or t.obj in wanted), None)

    def _element(self, kind: str):
        return next((w for w in self._view.elements if w.element.type == kind), None)

    def _input(self, field_id: str):
        return next(w for w in self._view.elements if w.element.type == "input" and w.element.id == field_id)

    def _camera(self, data: str | None):
        elements: list[Any] = self._view.elements  # the camera elements have a viewfinder
        cameras = [w for w in elements if w.element.type == "camera"
                   and (data is None or w.viewfinder.data == data)]
        return cameras[0].viewfinder if cameras else None

    def _card_element(self, card_id: str | None):
        return next((w for w in self._view.elements if w.element.type == "card"
                     and (card_id is None or w.element.id == card_id)), None)

    def _card(self, card_id: str | None):
        element = self._card_element(card_id)
        return element.table.card if element is not None else None

    @staticmethod
    def _suggestion(speaker, phrases: tuple[str, ...]):
        wanted = {default_speech_normaliser(p) for p in phrases}
        return next((b for b in speaker.suggestions if default_speech_normaliser(b.text()) in wanted), None)

    def _feedback(self, kind: str, text: str) -> None:
        from trainer.app import access

        self.player.panel.show_feedback(kind, text)
        access.present_feedback(self.player, text)
