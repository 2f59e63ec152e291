"""Focus that is never lost and never hidden.

- ``FocusKeeper`` (one per application) scrolls whatever gets the focus
  into view in every scroll area around it, inner first — Down on the home
  page at 300 % or a Tab that wraps to the top never leaves the focus off
  screen — and draws the focus ring round focused text (the instruction
  of a step), which has no ring of its own.
- ``remember`` / ``restore`` carry the focus over a rebuild of the window
  (text size, colours, any setting): the control with the same name, the
  n-th of that name, else the one at the same place in the Tab order.
- ``first_stop`` is where a new page puts the focus: its first named Tab stop.
- ``order_tabs`` makes the Tab order follow the reading order of regions.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import cast

import shiboken6
from PySide6.QtCore import QEvent, QObject, QPoint, QRectF, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QScrollArea, QWidget

from trainer.widgets.lifetime import next_in_focus_chain  # (not nextInFocusChain: see there)

RING_PROPERTY = "a11y_ring"
"""Set on a focusable widget that paints no focus ring itself (text): the keeper draws one."""


def tab_stops(root: QWidget) -> list[QWidget]:
    """The widgets under ``root`` that Tab reaches, in Tab order (shown and enabled ones)."""
    stops: list[QWidget] = []
    seen: set[int] = set()
    widget = next_in_focus_chain(root)
    while widget is not None and widget is not root and id(widget) not in seen:
        seen.add(id(widget))
        if (root.isAncestorOf(widget) and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
                and widget.isEnabled() and widget.isVisibleTo(root) and not isinstance(widget, QAbstractScrollArea)):
            stops.append(widget)
        widget = next_in_focus_chain(widget)
    return stops


def first_stop(root: QWidget) -> QWidget | None:
    """The first Tab stop under ``root`` that has a name (what a screen reader can say)."""
    for widget in tab_stops(root):
        if widget.accessibleName():
            return widget
    return None


def focus_first(root: QWidget) -> QWidget:
    """Give the focus to ``root``'s first named Tab stop (else ``root``); return who got it."""
    target = first_stop(root) or root
    target.setFocus(Qt.FocusReason.OtherFocusReason)
    return target


def order_tabs(regions: Sequence[QWidget | None]) -> list[QWidget]:
    """Tab goes through the stops of ``regions`` region by region, each in its own order
    (a region that is itself a Tab stop comes first; a widget is taken once).

    The same as ``tab_stops`` of each region one after the other, but the window's focus chain
    (every widget of the window, ~150 on a player page) is walked once, not once per region."""
    present = [region for region in regions if region is not None]
    if not present:
        return []
    ring = _focus_ring(present[0])
    where = {id(widget): index for index, widget in enumerate(ring)}
    chain: list[QWidget] = []
    taken: set[int] = set()
    for region in present:
        own = [region] if region.focusPolicy() & Qt.FocusPolicy.TabFocus and region.isEnabled() else []
        start = where.get(id(region))
        stops = _stops_in(region, ring, start) if start is not None else tab_stops(region)
        for widget in own + stops:
            if id(widget) not in taken:
                taken.add(id(widget))
                chain.append(widget)
    for before, after in zip(chain, chain[1:], strict=False):
        QWidget.setTabOrder(before, after)
    return chain


_TAB_FOCUS = Qt.FocusPolicy.TabFocus.value


def _focus_ring(widget: QWidget) -> list[QWidget]:
    """The whole focus chain ``widget`` is on, starting with it (each widget once)."""
    ring = [widget]
    seen = {id(widget)}
    other = next_in_focus_chain(widget)
    while other is not None and other is not widget and id(other) not in seen:
        seen.add(id(other))
        ring.append(other)
        other = next_in_focus_chain(other)
    return ring


def _stops_in(root: QWidget, ring: list[QWidget], start: int) -> list[QWidget]:
    """``tab_stops(root)`` read from ``ring`` (``root`` is ``ring[start]``): the chain after it."""
    inside = {id(w) for w in root.findChildren(QWidget)}
    stops: list[QWidget] = []
    for widget in ring[start + 1:] + ring[:start]:
        if (id(widget) in inside and widget.focusPolicy().value & _TAB_FOCUS and widget.isEnabled()
                and widget.isVisibleTo(root) and not isinstance(widget, QAbstractScrollArea)):
            stops.append(widget)
    return stops


# -- keeping the focus over a rebuild ---------------------------------------------------------------
@dataclass(frozen=True)
class FocusMark:
    """Where the focus was: its name, which of that name, and its place among the Tab stops."""

    name: str
    nth: int
    index: int
    kind: str
    before: frozenset[int] = frozenset()
    """The widgets there were when the mark was taken: a rebuilt window prefers new ones (the old
    ones may still wait for their deletion)."""


def remember(root: QWidget) -> FocusMark | None:
    focused = QApplication.focusWidget()
    if focused is None or not (focused is root or root.isAncestorOf(focused)):
        return None
    stops = tab_stops(root)
    name = focused.accessibleName()
    same = [w for w in stops if w.accessibleName() == name]
    return FocusMark(name, same.index(focused) if focused in same else 0,
                     stops.index(focused) if focused in stops else -1, type(focused).__name__,
                     frozenset(_address(w) for w in root.findChildren(QWidget)))


def restore(root: QWidget, mark: FocusMark | None) -> QWidget | None:
    """Focus the control ``mark`` describes in the rebuilt ``root`` (None when nothing fits)."""
    if mark is None:
        return None
    if any(_address(w) not in mark.before and not w.isHidden() and not w.isVisibleTo(root)
           for w in root.findChildren(QWidget)):
        QApplication.processEvents()  # a rebuilt page shows its new parts on the next pass: let it
    focusable = list(_focusable(root))
    new = [w for w in focusable if _address(w) not in mark.before] or focusable
    candidates = [w for w in new if w.accessibleName() == mark.name and mark.name]
    target = None
    if candidates:
        target = candidates[min(mark.nth, len(candidates) - 1)]
    else:
        stops = [w for w in tab_stops(root) if _address(w) not in mark.before] or tab_stops(root)
        if 0 <= mark.index < len(stops):
            target = stops[mark.index]
    if target is not None:
        target.setFocus(Qt.FocusReason.OtherFocusReason)
    return target


def _address(widget: QWidget) -> int:
    """The C++ object's address: stable while it lives (a Python wrapper's id is not)."""
    return shiboken6.getCppPointer(widget)[0]


def _focusable(root: QWidget) -> Iterable[QWidget]:
    """Tab stops first, then widgets focusable by other means (a radio that is not the stop)."""
    stops = tab_stops(root)
    yield from stops
    for widget in root.findChildren(QWidget):
        if (widget not in stops and widget.focusPolicy() != Qt.FocusPolicy.NoFocus and widget.isEnabled()
                and widget.isVisibleTo(root)):
            yield widget


# -- the keeper ---------------------------------------------------------------------------------------
def scroll_into_view(widget: QWidget) -> None:
    """Scroll every scroll area round ``widget`` so that it shows (inner areas first): a control
    wholly; text (an instruction that has the focus) from its start, which is where it is read."""
    margin = 16
    text = bool(widget.property(RING_PROPERTY))
    parent = widget.parentWidget()
    while parent is not None:
        inner = parent.widget() if isinstance(parent, QScrollArea) else None
        if isinstance(parent, QScrollArea) and inner is not None and inner.isAncestorOf(widget):
            _show_in(parent, inner, widget, margin, text)
        parent = parent.parentWidget()


def _show_in(area: QScrollArea, inner: QWidget, widget: QWidget, margin: int, text: bool) -> None:
    """Scroll ``area`` the least that shows ``widget``. One taller (or wider) than the view, or
    text, only needs its start in view, with room below it — a long instruction is read from its
    first line (Qt's own ``ensureWidgetVisible`` centres it: the reader would start mid-sentence).
    ``inner``: the area's widget, which holds ``widget``."""
    top_left = widget.mapTo(inner, QPoint(0, 0))
    viewport = area.viewport()
    for bar, start, length, room in (
            (area.verticalScrollBar(), top_left.y(), widget.height(), viewport.height()),
            (area.horizontalScrollBar(), top_left.x(), widget.width(), viewport.width())):
        value = bar.value()
        end = start + length
        if start >= value and end <= value + room:
            continue  # already all in view: nothing moves
        if length + 2 * margin > room or text:
            if value <= start <= value + room - min(length, room // 4):
                continue  # its start shows, with room below it: it is read from there
            value = start - min(margin, max(0, room - length) // 2)
        elif start - margin < value:
            value = start - margin
        else:
            value = end + margin - room
        bar.setValue(max(bar.minimum(), min(bar.maximum(), value)))


class FocusRing(QWidget):
    """The focus ring drawn round focused text (a sibling laid over it, blind to the mouse)."""

    def __init__(self, target: QWidget, look) -> None:
        super().__init__(target.parentWidget())
        self.look = look
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.target = target
        self.follow()

    def follow(self) -> None:
        from trainer.widgets.button import focus_width

        pad = focus_width(self.look) + self.look.space.xxs
        self.setGeometry(self.target.geometry().adjusted(-pad, -pad, pad, pad))
        self.raise_()
        self.show()

    def paintEvent(self, event) -> None:
        from trainer.widgets.button import paint_focus_ring

        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint_focus_ring(painter, QRectF(self.rect()), self.look, self.look.space.sm)
        painter.end()


def look_near(widget: QWidget | None):
    """The ``Look`` the widget (or the nearest widget round it) is drawn with."""
    from trainer.widgets.look import Look

    while widget is not None:
        for name in ("look", "_look"):
            found = getattr(widget, name, None)
            if isinstance(found, Look):
                return found
        widget = widget.parentWidget()
    return None


class FocusKeeper(QObject):
    """Follows the focus through the whole application (see the module text)."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._watched: QWidget | None = None
        self._ring: FocusRing | None = None
        app.focusChanged.connect(self._changed)

    def _changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        self._unwatch()
        if new is None:
            return
        self._watched = new
        new.installEventFilter(self)
        scroll_into_view(new)
        if new.property(RING_PROPERTY):
            look = look_near(new)
            if look is not None and new.parentWidget() is not None:
                self._ring = FocusRing(new, look)

    def _unwatch(self) -> None:
        ring, self._ring = self._ring, None
        if ring is not None:
            try:
                ring.hide()
                ring.deleteLater()
            except RuntimeError:
                pass
        watched, self._watched = self._watched, None
        if watched is not None:
            try:
                watched.removeEventFilter(self)
            except RuntimeError:
                pass

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._watched and event.type() in (QEvent.Type.Resize, QEvent.Type.Move, QEvent.Type.Show):
            scroll_into_view(watched)  # laid out after it got the focus (a rebuilt page)
            if self._ring is not None:
                try:
                    self._ring.follow()
                except RuntimeError:
                    self._ring = None
        elif watched is self._watched and event.type() == QEvent.Type.Destroy:
            self._watched = None
        return False


_keeper: FocusKeeper | None = None


def install_keeper(app: QApplication | None = None) -> FocusKeeper | None:
    """Start the application's ``FocusKeeper`` (once)."""
    global _keeper
    app = app or cast("QApplication | None", QApplication.instance())  # the app of widgets
    if app is None:
        return None
    if _keeper is None or _keeper.parent() is not app:
        _keeper = FocusKeeper(app)
    return _keeper
