"""The next step's screen, built while the learner reads this one.

A step change used to build the new screen's element widgets, shape their
text for the first time and answer ``QScrollArea.setWidget``'s size
questions all at once, between the learner's press and the next paint. But
a learner reads every step (and listens to it) before acting, and the
window is idle meanwhile. ``ScreensAhead`` uses that idle time: once the
window has painted the current step (the first paint of its instruction
text or of its screen), it builds, in small pieces on the UI thread, one
each time the event loop has nothing left to do and is about to wait
(``QAbstractEventDispatcher.aboutToBlock``, then a zero-delay single shot),
so a press or a paint that comes in between is always handled first:

1. the ``ScreenView`` of each step that can come next on the same device
   (the step after this one, and the steps its ``choices:`` lead to — at
   most ``CANDIDATES``), with the device's current ``ElementContext``;
2. that view laid out at the width of the device's screen, and its first
   screenful drawn once into a pixmap (so its text is shaped and its
   glyphs are in Qt's cache);
3. the instruction text widget of that step (``make_text``), measured at
   the instruction column's width and drawn once the same way;
4. for a step on another device (one other device at most): that device's
   frame, built hidden on the stage at the text scale the step change would
   fit it to and at the size it will have there (``Player._prepare_device``),
   and that step's screen built hidden in the frame's viewport.

The step change then swaps the prepared widgets in (``take_view``,
``take_text``) instead of building them. A prepared widget is used only for
exactly what it was built for — the same step, the same ``Screen`` object,
an equal ``ElementContext`` (look, text size, device, readings); the same
raw text, look and readings for the instruction — and it is built by the
very same calls as a fresh one, so what the learner sees, hears, and what a
screen reader finds is the same (``tests/player/test_screens_ahead.py``
compares prepared and fresh screens for every step of several scenarios).

Everything prepared is dropped (deleted) when a step change takes something
else: the learner went another way, the device changed, the text size or the
window changed the device's own scale, the step was restarted; so is a
frame built for another device that the step change does not come to. One it
comes to is checked as always (``Player._fit_device`` builds it again if the
room gives another scale after all). Nothing is prepared in watch mode or for
a finish step.
The timer here is never on the learner: it only fills idle time, and nothing
waits for it.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractEventDispatcher, QEvent, QObject, QPoint, QRect, QTimer
from PySide6.QtGui import QPixmap, QRegion
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from trainer.reading.ahead import AHEAD
from trainer.scenarios.model import Screen, Step
from trainer.widgets.base import ElementContext
from trainer.widgets.labels import make_text
from trainer.widgets.lifetime import release_when_deleted
from trainer.widgets.screen_view import ScreenView

if TYPE_CHECKING:
    from trainer.widgets.devices import DeviceFrame
    from trainer.widgets.look import Look

CANDIDATES = 3
"""Steps prepared at most after one step (the next one and the first branches of a choice)."""
READINGS_WAIT = 40
"""Times the preparation looks again (``READINGS_PAUSE_MS`` apart) while the background reader still
has texts of the coming steps waiting: the labels then find their furigana ready instead of
analysing them on the UI thread too."""
READINGS_PAUSE_MS = 15


@dataclasses.dataclass
class _View:
    step_id: str
    screen: Screen
    ctx: ElementContext
    view: ScreenView


@dataclasses.dataclass
class _Device:
    name: str
    look: Look
    device: DeviceFrame


@dataclasses.dataclass
class _Text:
    raw: str
    look: Look
    readings: Mapping[str, str]
    widget: QWidget


def _drop(widget: QWidget) -> None:
    if not isValid(widget):  # its parent (the device's screen, on a restyle) has gone already
        return
    widget.hide()
    release_when_deleted(widget)
    widget.deleteLater()


def _drop_all(views: list[_View], texts: list[_Text]) -> None:
    """Delete every prepared widget in ``views`` and ``texts`` (they have no parent to do it)."""
    for prepared in views:
        _drop(prepared.view)
    for text in texts:
        _drop(text.widget)
    views.clear()
    texts.clear()


def _draw_once(widget: QWidget, width: int, height: int) -> None:
    """Lay ``widget`` out at ``width`` and draw its top ``height`` pixels into a throw-away pixmap."""
    want = widget.heightForWidth(width) if widget.hasHeightForWidth() else widget.sizeHint().height()
    widget.resize(width, max(1, want))
    layout = widget.layout()
    if layout is not None:
        layout.activate()
    height = max(1, min(height, widget.height()))
    pixmap = QPixmap(width, height)
    widget.render(pixmap, QPoint(0, 0), QRegion(QRect(0, 0, width, height)))


class ScreensAhead(QObject):
    """Prepares the screens (and instruction texts) of the steps that can come next."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._views: list[_View] = []
        self._texts: list[_Text] = []
        self._devices: list[_Device] = []
        self._work: list[Callable[[], None]] = []
        self._waited = 0
        self._watched: list[QWidget] = []
        self._armed = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._next_piece)
        dispatcher = QAbstractEventDispatcher.instance()
        if dispatcher is not None:
            dispatcher.aboutToBlock.connect(self._idle)
        self.used = 0
        """Prepared screens the step changes took (for tests and benchmarks)."""
        self.devices_used = 0
        """Device frames built ahead that the step changes took (for tests and benchmarks)."""
        # the prepared widgets have no parent: they go when this object (the player's child) goes
        self.destroyed.connect(functools.partial(_drop_all, self._views, self._texts))

    # -- planning ---------------------------------------------------------------------
    def plan(self, jobs: list[Callable[[], None]], painted: tuple[QWidget | None, ...] = ()) -> None:
        """Do ``jobs`` (each a short piece of preparation), instead of what was planned before, one
        each time the event loop has nothing else to do and is about to wait for the learner; when
        one of ``painted`` is shown, only after it has been painted (the step is on screen)."""
        self.stop()
        self._work = list(jobs)
        self._waited = 0
        if not self._work:
            return
        shown = [w for w in painted if w is not None and w.isVisible()]
        for widget in shown:
            widget.installEventFilter(self)
        self._watched = shown
        self._armed = not shown

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and watched in self._watched:
            self._unwatch()
            self._armed = True  # the step is being painted: prepare when the loop is idle next
        return False

    def _unwatch(self) -> None:
        for widget in self._watched:
            widget.removeEventFilter(self)
        self._watched = []

    def stop(self) -> None:
        """No more preparation (a step change is under way, or the player goes away)."""
        self._work = []
        self._armed = False
        self._unwatch()
        self._timer.stop()

    def _idle(self) -> None:
        """The event loop is about to wait (nothing to paint, no input): one piece of work next."""
        if self._armed and self._work and not self._timer.isActive():
            self._timer.start(0)

    def _next_piece(self) -> None:
        if not self._work or not self._armed:
            return
        if AHEAD.waiting() and self._waited < READINGS_WAIT:
            self._waited += 1
            self._timer.start(READINGS_PAUSE_MS)
            return
        job = self._work.pop(0)
        job()

    # -- the prepared widgets -----------------------------------------------------------
    def has_view(self, step: Step) -> bool:
        return any(p.step_id == step.id for p in self._views)

    def prepare_view(self, step: Step, ctx: ElementContext, width: int, height: int,
                     home: QWidget | None = None) -> None:
        """Build ``step``'s screen with ``ctx`` and draw its first ``height`` pixels at ``width``;
        ``home``: the widget it will be shown in (the device's viewport). It is built there, hidden,
        so the step change does not move it into the window (Qt resolves a moved widget's font,
        palette and style again, all of its children too)."""
        if any(p.step_id == step.id and p.screen is step.screen and p.ctx == ctx for p in self._views):
            return
        view = ScreenView(step.screen, ctx)
        if home is not None:
            view.hide()
            view.setParent(home)
        if width > 0 and height > 0:
            _draw_once(view, width, height)
        self._views.append(_View(step.id, step.screen, ctx, view))

    def prepare_text(self, raw: str, look: Look, readings: Mapping[str, str], width: int, height: int,
                     home: QWidget | None = None) -> None:
        """Build the instruction text widget for ``raw`` as ``InstructionPanel.set_step`` would;
        ``home``: the widget it will be shown in (the instruction card), where it is built hidden."""
        if any(p.raw == raw and p.look == look and p.readings == readings for p in self._texts):
            return
        widget = make_text(raw, look, role="large", colour="surface_text", readings=readings)
        if home is not None:
            widget.hide()
            widget.setParent(home)
        if width > 0 and height > 0:
            _draw_once(widget, width, height)
        self._texts.append(_Text(raw, look, readings, widget))

    def take_view(self, step: Step, ctx: ElementContext) -> ScreenView | None:
        """The screen prepared for ``step`` with ``ctx``, or None; every other prepared screen is dropped."""
        found = None
        for prepared in self._views:
            if found is None and prepared.step_id == step.id and prepared.screen is step.screen \
                    and prepared.ctx == ctx:
                found = prepared.view
            else:
                _drop(prepared.view)
        self._views.clear()
        self.drop_devices()  # a device frame not taken by this step change has had its chance
        if found is not None:
            self.used += 1
        return found

    def take_text(self, raw: str, look: Look, readings: Mapping[str, str]) -> QWidget | None:
        """The instruction text prepared for ``raw``, or None; every other prepared text is dropped."""
        found = None
        for prepared in self._texts:
            if found is None and prepared.raw == raw and prepared.look == look and prepared.readings == readings:
                found = prepared.widget
            else:
                _drop(prepared.widget)
        self._texts.clear()
        return found

    def keep_device(self, name: str, look: Look, device: DeviceFrame) -> None:
        """Keep ``device`` (the frame of device ``name``, built ahead for the player's ``look``) for
        the step change that comes to it; only one other device is kept."""
        self.drop_devices()
        self._devices.append(_Device(name, look, device))

    def prepared_device(self, name: str, look: Look) -> DeviceFrame | None:
        return next((p.device for p in self._devices if p.name == name and p.look == look and isValid(p.device)),
                    None)

    def take_device(self, name: str, look: Look) -> DeviceFrame | None:
        """The frame prepared for device ``name`` with the player's ``look``, or None; a frame
        prepared for another device is dropped."""
        found = self.prepared_device(name, look)
        self._devices = [p for p in self._devices if p.device is not found]
        self.drop_devices()
        if found is not None:
            self.devices_used += 1
        return found

    def drop_devices(self) -> None:
        for prepared in self._devices:
            _drop(prepared.device)
        self._devices.clear()

    def drop(self) -> None:
        """Delete everything prepared and stop preparing."""
        self.stop()
        _drop_all(self._views, self._texts)
        self.drop_devices()
