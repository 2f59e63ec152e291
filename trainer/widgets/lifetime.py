"""Let go of a put-away widget's Python attributes once Qt has deleted it.

A page, a player or a step's screen that has been put away (``deleteLater``)
can leave its Python wrapper behind after Qt deletes the widget: PySide keeps
some wrappers of deleted window parts alive. With the wrapper stay its
attributes — the scenario, the run, the element widgets and what they hold —
so over a day of practice memory grew by about a scenario per practice
(``benchmarks/memory_bench.py``). ``release_when_deleted`` empties the
attributes when the widget is destroyed, and those of its parts and of the
deleted widgets they named, so what is left is at most empty wrappers.
Objects that are still alive (the window, the narrator, a shared look) are
never touched. ``put_away`` is how a page or a part is thrown away: hidden,
left where it is, deleted later and let go of (it is not taken out of its
layout first, which would have PySide keep its wrapper for good).
"""

from __future__ import annotations

import gc
import weakref
from typing import Any

import shiboken6
from PySide6.QtCore import QAbstractEventDispatcher, QObject, QTimer
from PySide6.QtWidgets import QWidget

DEPTH = 12
"""How far down the attributes of deleted widgets are followed (a page, its parts, their parts …)."""


def release_when_deleted(widget: QObject, *, keep_own: bool = False) -> None:
    """Empty ``widget``'s Python attributes, and those of every Python-made part of it, when Qt deletes it.

    ``keep_own``: keep ``widget``'s own attributes (others may still ask a finished player about its
    run) and empty only those of the deleted widgets below it and of those they hold.

    The parts are noted now (``parts_below``: the wrappers PySide knows as its children, and theirs),
    and emptied one event-loop pass after ``destroyed``: Qt sends ``destroyed`` *before* it deletes the
    children, so at that moment every part is still alive and would be left as it is — a text block's
    fonts and layouts, a device body's drag state, each kept by the wrapper PySide leaves behind."""
    state = widget.__dict__
    parts = [weakref.ref(part) for part in parts_below(widget)]

    def deleted(*_args: object) -> None:
        let_go(state, keep_own=keep_own)
        QTimer.singleShot(0, lambda: _let_go_parts(parts))

    widget.destroyed.connect(deleted)


def parts_below(widget: QObject) -> list[QObject]:
    """The Python wrappers of ``widget``'s descendants that exist now (none is made: Qt's own children
    without a wrapper are not asked for), found through PySide's parent bookkeeping."""
    found: list[QObject] = []
    seen = {id(widget)}
    todo = [widget]
    while todo:
        for child in gc.get_referents(todo.pop()):
            if isinstance(child, QObject) and id(child) not in seen and shiboken6.isValid(child):
                seen.add(id(child))
                found.append(child)
                todo.append(child)
    return found


def _let_go_parts(parts: list[weakref.ref[QObject]]) -> None:
    for ref in parts:
        part = ref()
        if part is not None and not shiboken6.isValid(part):  # deleted with the widget (a part moved elsewhere lives on)
            inner = getattr(part, "__dict__", None)
            if inner:
                let_go(inner)


def put_away(widget: QWidget, *, keep_own: bool = False, when_idle: bool = False) -> None:
    """Hide ``widget`` and have Qt delete it later, leaving it where it is until then (its parent takes
    it out of its layout when it is deleted); its attributes are let go of then (``release_when_deleted``).

    ``when_idle``: delete it only once the event loop has nothing left to do — a screen just replaced by
    the next step's is deleted after the new step has been painted, not between the learner's press and
    that paint (deleting a screen's element widgets takes 1–5 ms of the UI thread, more under load).
    Without an event loop that ever waits (tests that only call ``processEvents``), the widgets put away
    before are deleted with the next one, so at most one is ever left waiting.

    Not ``removeWidget``/``takeWidget`` first: those hand the wrapper to Python, and if PySide meets the
    widget again before its deletion (``nextInFocusChain`` walks through it: the next page's
    ``focus_first``, the Tab order, a focus change) it binds the wrapper to its Qt parent once more in a
    way its deletion does not undo — the wrapper of the deleted widget then stays alive for good, held
    from C (about 170 wrappers a pass over the catalogue; ``tests/player/test_pages_let_go.py``)."""
    widget.hide()
    release_when_deleted(widget, keep_own=keep_own)
    if not when_idle:
        widget.deleteLater()
        return
    _delete_waiting()  # (an idle moment came and went, or none will come: do not let them pile up)
    _WAITING.append(widget)
    if not _idle_hooked:
        dispatcher = QAbstractEventDispatcher.instance()
        if dispatcher is None:
            _delete_waiting()
            return
        dispatcher.aboutToBlock.connect(_delete_waiting)
        _idle_hooked.append(True)


_WAITING: list[QWidget] = []
"""Widgets put away ``when_idle``, hidden, to be deleted when the event loop is next idle."""
_idle_hooked: list[bool] = []


def _delete_waiting() -> None:
    if not _WAITING:
        return
    waiting = list(_WAITING)
    _WAITING.clear()
    for widget in waiting:
        if shiboken6.isValid(widget):
            widget.deleteLater()


def next_in_focus_chain(widget: QWidget) -> QWidget | None:
    """``widget.nextInFocusChain()``, without PySide's side effect that kept deleted pages' wrappers for good.

    PySide binds what a method like ``nextInFocusChain`` returns to the widget it was asked of, as if that
    widget were its parent (shiboken's return-value heuristic). A walk along the focus chain (the first Tab
    stop of a new page, the Tab order of the player) so binds every widget of the window to the one before
    it in the chain — across pages. When that one is deleted first (the previous page's last button), the
    wrapper keeps an extra reference "for the C++ object"; the next walk binds it again, and when the widget
    is then deleted while its new "parent" lives, shiboken drops that binding's reference but not the extra
    one: the wrapper stays alive, held from C, for good (each finish page and each device body, ~100
    wrappers a pass over the catalogue; ``tests/player/test_pages_let_go.py``). So the answer is bound back
    at once to its real Qt parent, which outlives it or is deleted with it (``keep_with_qt_parent``)."""
    other = widget.nextInFocusChain()
    if other is not None:
        keep_with_qt_parent(other)
    return other


def keep_with_qt_parent(widget: QWidget) -> None:
    """Make ``widget``'s Qt parent its parent in PySide's bookkeeping too (what ``addWidget`` or a parent
    given to the constructor do); nothing for a window (no parent) or where shiboken's call is not found."""
    parent = widget.parentWidget()  # (no binding: PySide marks this one as not giving a child)
    if parent is None:
        return
    bind = _shiboken_set_parent()
    if bind is not None:
        bind(parent, widget)


_set_parent: Any = False


def _shiboken_set_parent() -> Any:
    """shiboken's own ``Shiboken::Object::setParent(parent, child)`` (the call its generated bindings make;
    in its public header ``basewrapper.h``), called holding the GIL; None where it is not found."""
    global _set_parent
    if _set_parent is False:
        _set_parent = None
        import ctypes
        import pathlib

        folder = pathlib.Path(shiboken6.__file__).parent
        names = ("_ZN8Shiboken6Object9setParentEP7_objectS2_",  # Itanium C++ ABI (Linux, macOS)
                 "?setParent@Object@Shiboken@@YAXPEAU_object@@0@Z")  # MSVC (Windows)
        for library in sorted(folder.glob("*shiboken6*")):
            if library.suffix in (".py", ".pyi") or library.is_dir():
                continue
            try:
                loaded = ctypes.PyDLL(str(library))
            except OSError:
                continue
            for name in names:
                function = getattr(loaded, name, None)
                if function is not None:
                    function.argtypes = [ctypes.py_object, ctypes.py_object]
                    function.restype = None
                    _set_parent = function
                    return _set_parent
    return _set_parent


def let_go(state: dict[str, Any], depth: int = 0, *, keep_own: bool = False) -> None:
    """Empty ``state`` (a deleted widget's attributes) and, below it, those of deleted widgets it names."""
    values = list(state.values())
    if not keep_own:
        state.clear()
    if depth >= DEPTH:
        return
    for value in values:
        if isinstance(value, (list, tuple, set, frozenset)):
            items = value
        elif isinstance(value, dict):
            items = list(value.values())
        else:
            items = (value,)
        for item in items:
            if isinstance(item, QObject) and not shiboken6.isValid(item):
                inner = getattr(item, "__dict__", None)
                if inner:
                    let_go(inner, depth + 1)


PIXMAP_CACHE_KIB = 4096
"""Qt's application-wide pixmap cache (the style's drawn frames and fills, icons' pixmaps) is kept to this
many KiB; Qt's default is 10,240. After four passes over the catalogue it held 1.3 MiB (emptying it gave
that back), so 4 MiB costs no redrawing, and what it could still grow by over a day is a third of Qt's."""


def bound_qt_caches() -> None:
    """Bound what Qt keeps for the whole application (``PIXMAP_CACHE_KIB``); never raises a lower limit."""
    from PySide6.QtGui import QPixmapCache

    if QPixmapCache.cacheLimit() > PIXMAP_CACHE_KIB:
        QPixmapCache.setCacheLimit(PIXMAP_CACHE_KIB)


TRIM_EVERY_S = 30.0
"""The least time between two ``give_back_free_memory`` calls that do anything (it walks the whole heap)."""
_last_trim = [float("-inf")]


def give_back_free_memory(now: float | None = None) -> bool:
    """Hand the C allocator's free pages back to the system (glibc's ``malloc_trim(0)``), at most every
    ``TRIM_EVERY_S`` seconds; False where there is no glibc or it was done just now.

    glibc keeps freed memory in its arenas for reuse; after a scenario's pages, layouts and speech
    are put away most of it is free but still counted as the process's memory, and over a day of
    practice it rises with the pages built and thrown away. Called at a quiet moment (the home page
    shown after a practice), never while a step is on screen: it takes a few ms."""
    import time

    moment = time.monotonic() if now is None else now
    if moment - _last_trim[0] < TRIM_EVERY_S:
        return False
    trim = _malloc_trim()
    if trim is None:
        return False
    _last_trim[0] = moment
    trim(0)
    return True


def _malloc_trim() -> Any:
    global _trim_function
    if _trim_function is False:
        import ctypes
        import ctypes.util

        try:
            libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
            _trim_function = libc.malloc_trim
            _trim_function.argtypes = [ctypes.c_size_t]
            _trim_function.restype = ctypes.c_int
        except (OSError, AttributeError):  # not glibc (macOS, Windows, musl): nothing to give back this way
            _trim_function = None
    return _trim_function


_trim_function: Any = False
