"""Make PySide6's per-import check cheap (a start-up cost, not a behaviour).

PySide6 hooks every import that happens after it is loaded: for a module it
has not seen, ``shibokensupport.feature.feature_imported`` asks whether the
module's source mentions ``PySide6`` (so that ``from __feature__ import …``
can apply to it). It finds that out with ``inspect.getsource(module)``,
which first looks the module up again among *all* loaded modules
(``inspect.getmodule``) and reads it through ``linecache``. For the ~70 of
our modules that the first frame imports that was 21–27 ms of a start of
~410 ms (the bare PySide6 window imports nothing after PySide6, so it never
pays it).

``install()`` replaces that question with the same question asked directly:
read the module's ``.py`` file and look for ``PySide6`` in it. The answer is
the same for a module that has a source file; anything else (no file, an
extension module, a file that cannot be read) goes to PySide's own check
unchanged. If a PySide6 version no longer has the hook, nothing is done.
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import Any

_installed = False


def _fast_check(original: Any):
    def mod_uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return bool(original(module))
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return bool(original(module))

    mod_uses_pyside.original = original  # type: ignore[attr-defined]
    return mod_uses_pyside


def install() -> bool:
    """Put the direct check in place (once); True when it is in place."""
    global _installed
    if _installed:
        return True
    feature = sys.modules.get("shibokensupport.feature")
    if feature is None:
        import PySide6.QtCore  # noqa: F401  (loads shiboken's support modules)

        feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or not callable(original):
        return False
    feature._mod_uses_pyside = _fast_check(original)  # type: ignore[attr-defined]  # shiboken's module, untyped
    _installed = True
    return True


def viewport_of(area: Any) -> Any:
    """``area.viewport()`` (a ``QAbstractScrollArea``'s), without PySide's costly first look at it.

    The viewport Qt makes by itself is a C++ object Python has not seen: the first time Python asks
    for it, PySide6 looks for its most derived class among *every* class of QtWidgets and, doing
    so, makes all their Python enums (~80, 25–30 ms, before the first frame when a first page asks
    for one). A ``QWidget`` made here and handed to ``setViewport`` is what Qt would have made
    itself (a plain widget), and Python knows it already. An area whose viewport Python has seen
    already is left as it is."""
    from PySide6.QtWidgets import QWidget

    own = getattr(area, "_own_viewport", None)
    if own is not None:
        return own
    own = QWidget()
    # Qt deletes the old viewport, and a scroll area's content widget with it: keep that out meanwhile.
    inner = area.takeWidget() if hasattr(area, "takeWidget") else None
    area.setViewport(own)
    if inner is not None:
        area.setWidget(inner)
    area._own_viewport = own
    return own
