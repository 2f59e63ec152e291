"""``emit(signal, *args)``: emit a Qt signal without PySide6 6.12.0's reference bug.

In PySide6 6.12.0, ``SignalInstance.emit()`` returns ``True`` without
taking a reference to it, so every emit from Python lowers ``True``'s
reference count by one; after a few thousand emits Python aborts with
"Fatal Python error: bool_dealloc: deallocating True or False". 6.11.3 is
fine. The probe below finds out once, at import, whether this Qt has the
bug, and ``emit`` gives the reference back only then.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal

_PROBES = 8


class _Probe(QObject):
    ping = Signal()


def _emit_drops_true() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(_PROBES):
        probe.ping.emit()
    dropped = before - sys.getrefcount(True)
    if dropped >= _PROBES:  # give back what the probe took
        for _ in range(dropped):
            _incref(True)
        return True
    return False


_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]
_incref.restype = None

EMIT_DROPS_TRUE = _emit_drops_true()
"""True when this PySide6 has the bug (6.12.0)."""


def emit(signal, *args: object) -> None:
    """``signal.emit(*args)``, keeping ``True``'s reference count right."""
    signal.emit(*args)
    if EMIT_DROPS_TRUE:
        _incref(True)
