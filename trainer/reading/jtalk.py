"""Lazy, quiet, thread-safe access to pyopenjtalk (pyopenjtalk-plus).

Importing pyopenjtalk takes about 0.3 s and prints a warning about ONNX
Runtime on stdout; both are kept out of the app's start: the module is
imported on first use (or by ``warm_up()`` in a background thread) with
just those two lines filtered out of stdout.

``FRONTEND_LOCK`` serialises the text analysis (a few ms per sentence);
synthesis has its own lock inside pyopenjtalk, so reading a text for
furigana on the UI thread never waits behind speech being synthesised.
"""

from __future__ import annotations

import io
import logging
import sys
import threading
from types import ModuleType
from typing import TextIO

log = logging.getLogger(__name__)

FRONTEND_LOCK = threading.RLock()
_IMPORT_LOCK = threading.Lock()
_module: ModuleType | None = None
_NOISE = ("Warning: ONNX Runtime is not installed", "Please install ONNX Runtime")


class _QuietStdout(io.TextIOBase):
    """Passes everything through to ``target`` except pyopenjtalk's ONNX notice."""

    def __init__(self, target: TextIO) -> None:
        super().__init__()
        self._target = target
        self._pending = ""

    def write(self, text: str) -> int:
        self._pending += text
        while "\n" in self._pending:
            line, self._pending = self._pending.split("\n", 1)
            if not line.startswith(_NOISE):
                self._target.write(line + "\n")
        return len(text)

    def flush(self) -> None:
        if self._pending and not self._pending.startswith(_NOISE):
            self._target.write(self._pending)
        self._pending = ""
        self._target.flush()


def module() -> ModuleType:
    """Return the pyopenjtalk module, importing it quietly on first call."""
    global _module
    if _module is not None:
        return _module
    with _IMPORT_LOCK:
        if _module is None:
            original = sys.stdout
            quiet = _QuietStdout(original) if original is not None else None
            if quiet is not None:
                sys.stdout = quiet
            try:
                import pyopenjtalk
            finally:
                if quiet is not None:
                    quiet.flush()
                    if sys.stdout is quiet:
                        sys.stdout = original
            _module = pyopenjtalk
    return _module


def available() -> bool:
    """True when pyopenjtalk can be imported (without importing it twice)."""
    try:
        module()
    except ImportError:
        return False
    return True


def warm_up_now(*, synthesis: bool = False, sudachi: bool = False) -> None:
    """Load the dictionary (and the voice, and Sudachi's dictionary) on the calling thread.

    pyopenjtalk-plus reads words written alike but read differently (a
    "homograph": 上手, 一日) with the Sudachi dictionary, which it loads on
    the first such word — about 90 MiB and 40–60 ms, on whichever thread
    asked (the UI thread, for furigana). ``sudachi=True`` loads it here,
    once, so that moment is chosen by the app; a later thread only makes
    its own small tokenizer.
    """
    try:
        jt = module()
        with FRONTEND_LOCK:
            jt.g2p_mapping("今日は1,000円です。")
        if sudachi:
            load_sudachi()
        if synthesis:
            jt.synthesize(jt.make_label(jt.run_frontend("あ")))
    except Exception:  # warming is best effort; real calls report errors
        log.debug("warming Open JTalk failed; real calls report their errors", exc_info=True)


def load_sudachi() -> bool:
    """Load the Sudachi dictionary pyopenjtalk-plus uses for homographs (once per process)."""
    try:
        from pyopenjtalk import utils
    except ImportError:
        return False
    getter = getattr(utils, "get_sudachi_tokenizer", None)
    if getter is None:  # another pyopenjtalk: nothing to load
        return False
    getter()
    return True


def sudachi_loaded() -> bool:
    """True once the Sudachi dictionary is in memory."""
    try:
        from pyopenjtalk import utils
    except ImportError:
        return False
    return getattr(utils, "_SUDACHI_DICTIONARY", None) is not None


def warm_up(*, synthesis: bool = False, sudachi: bool = False) -> threading.Thread:
    """Load the dictionary (and the voice) in a background thread; return it."""

    thread = threading.Thread(target=lambda: warm_up_now(synthesis=synthesis, sudachi=sudachi),
                              name="openjtalk-warm-up", daemon=True)
    thread.start()
    return thread
