"""Work around a reference-count bug of PySide6 6.12 on Python 3.11.

In this PySide6 build every Qt function that returns nothing (``update()``,
``setText()``, every ``QPainter`` call ...) hands back ``None`` without
taking a reference, and signal ``emit()`` does the same with ``True`` /
``False``. On Python 3.12+ those objects are immortal and nothing happens;
on 3.11 each call takes one reference away, and after a few thousand calls
Python aborts with "deallocating None". A single screen paint makes
hundreds of such calls, so the app would crash within seconds.

``ensure()`` checks whether the running PySide6 has the bug (a cheap probe)
and, if so, gives ``None``, ``True`` and ``False`` a reference count so large
(2**60) that no session can use it up — the same thing Python 3.12 does by
making them immortal. It is idempotent and does nothing on 3.12+.
Imported by ``trainer.widgets`` and ``trainer.app``, so every window is safe.
"""

from __future__ import annotations

import ctypes
import sys

RESERVE = 1 << 60
_PROBE_CALLS = 64


def has_bug() -> bool:
    """True when a void PySide6 call takes a reference from ``None``."""
    if sys.version_info >= (3, 12):
        return False
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(_PROBE_CALLS):
        probe.setObjectName("probe")
    return sys.getrefcount(None) < before - _PROBE_CALLS // 2


def ensure() -> bool:
    """Protect ``None``, ``True`` and ``False`` if needed; True when protection is on."""
    if sys.version_info >= (3, 12):
        return False
    if sys.getrefcount(None) > RESERVE // 2:
        return True
    if not has_bug():
        return False
    for singleton in (None, True, False):
        count = ctypes.c_ssize_t.from_address(id(singleton))
        if count.value < RESERVE:
            count.value += RESERVE
    return True


ensure()

# The same first import also makes PySide6's per-import check cheap (see pyside_imports).
from trainer.widgets import pyside_imports as _pyside_imports  # noqa: E402

_pyside_imports.install()
