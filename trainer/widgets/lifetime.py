"""Let go of a put-away widget's Python attributes once Qt has deleted it.

A page, a player or a step's screen that has been put away (``deleteLater``)
can leave its Python wrapper behind after Qt deletes the widget: PySide keeps
some wrappers of deleted window parts alive. With the wrapper stay its
attributes — the scenario, the run, the element widgets and what they hold —
so over a day of practice memory grew by about a scenario per practice
(``benchmarks/memory_bench.py``). ``release_when_deleted`` empties the
attributes when the widget is destroyed, and those of the deleted widgets
they named, so what is left is at most empty wrappers. Objects that are
still alive (the window, the narrator, a shared look) are never touched.
"""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtCore import QObject

DEPTH = 12
"""How far down the attributes of deleted widgets are followed (a page, its parts, their parts …)."""


def release_when_deleted(widget: QObject, *, keep_own: bool = False) -> None:
    """Empty ``widget``'s Python attributes (and those of the deleted widgets they hold) when Qt deletes it.

    ``keep_own``: keep ``widget``'s own attributes (others may still ask a finished player about its
    run) and empty only those of the deleted widgets they hold."""
    state = widget.__dict__
    widget.destroyed.connect(lambda *_args: let_go(state, keep_own=keep_own))


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
