"""Every cache the app keeps has a bound: a day of practice must not grow memory (issue 17, item 5).

A cache that keeps one entry per text, width, font or clause grows with
everything a learner sees unless it has a limit. The source is scanned for
``functools.cache`` / ``lru_cache(maxsize=None)`` (unbounded), and the caches
with a bound of their own are filled past it to see that they stop there.
"""

from __future__ import annotations

import ast
from collections import OrderedDict
from pathlib import Path

import numpy as np
import pytest

import trainer

PACKAGE = Path(trainer.__file__).resolve().parent


def _decorator_name(node: ast.expr) -> tuple[str, ast.Call | None]:
    call = node if isinstance(node, ast.Call) else None
    target = call.func if call is not None else node
    if isinstance(target, ast.Attribute):
        return target.attr, call
    if isinstance(target, ast.Name):
        return target.id, call
    return "", call


def _unbounded_caches() -> list[str]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for decorator in node.decorator_list:
                name, call = _decorator_name(decorator)
                where = f"{path.relative_to(PACKAGE.parent)}:{node.lineno} {node.name}"
                if name == "cache":
                    found.append(f"{where}: functools.cache has no bound")
                elif name == "lru_cache" and call is not None:
                    size = call.args[0] if call.args else next(
                        (k.value for k in call.keywords if k.arg == "maxsize"), None)
                    if isinstance(size, ast.Constant) and size.value is None:
                        found.append(f"{where}: lru_cache(maxsize=None) has no bound")
    return found


def test_no_function_cache_in_the_app_is_unbounded():
    assert _unbounded_caches() == []


def test_the_scan_sees_an_unbounded_cache(tmp_path, monkeypatch):
    """The scan itself: a package with ``@functools.cache`` and ``lru_cache(maxsize=None)`` is caught."""
    fake = tmp_path / "fake"
    fake.mkdir()
    (fake / "m.py").write_text("import functools\n\n@functools.cache\ndef a(x):\n    return x\n\n\n"
                               "@functools.lru_cache(maxsize=None)\ndef b(x):\n    return x\n\n\n"
                               "@functools.lru_cache(maxsize=64)\ndef c(x):\n    return x\n", encoding="utf-8")
    monkeypatch.setattr(__import__(__name__, fromlist=["PACKAGE"]), "PACKAGE", fake)
    found = _unbounded_caches()
    assert len(found) == 2 and " a:" in found[0] and " b:" in found[1]


def test_function_caches_stop_at_their_bound():
    from trainer.widgets import icons, phrases, qr_code, text_layout

    for cached in (text_layout._x_positions, text_layout._measure, text_layout._drawable, phrases.phrase_starts,
                   icons._pixmap, qr_code.qr_matrix):
        bound = cached.cache_parameters()["maxsize"]
        assert isinstance(bound, int) and 0 < bound <= 8192, cached


def test_the_shared_ruby_layouts_stop_at_their_bound():
    from trainer.widgets import ruby_label

    cache: OrderedDict = OrderedDict()
    for n in range(300):
        ruby_label._remember(cache, (n,), object(), 256)
    assert len(cache) == 256 and (0,) not in cache and (299,) in cache


class _Synthesised:
    """Stands in for the voice: ``size`` samples of silence per clause, counting the calls."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.calls = 0

    def __call__(self, speech: str, *, clause: bool = False) -> np.ndarray:
        self.calls += 1
        return np.zeros(self.size, dtype=np.int16)


@pytest.fixture
def backend():
    from trainer.speech.openjtalk import OpenJTalkBackend

    return OpenJTalkBackend(cache_clauses=8, cache_bytes=1_000_000)


def test_the_clause_cache_keeps_at_most_its_count(backend, monkeypatch):
    voice = _Synthesised(100)
    monkeypatch.setattr(backend, "_synthesise", voice)
    for n in range(20):
        backend._samples(f"文 {n}")
    assert backend.clauses_kept == (8, 8 * 100 * 2)
    backend._samples("文 19")  # the newest is kept: said again, it is not synthesised again
    assert voice.calls == 20


def test_the_clause_cache_keeps_at_most_its_bytes(backend, monkeypatch):
    """Long clauses (a paragraph read as one) fill the cache by size before they fill it by count."""
    monkeypatch.setattr(backend, "_synthesise", _Synthesised(200_000))  # 400 kB a clause
    for n in range(6):
        backend._samples(f"長い文 {n}")
    count, size = backend.clauses_kept
    assert count == 2 and size == 800_000


def test_a_clause_larger_than_the_whole_cache_is_not_kept(backend, monkeypatch):
    monkeypatch.setattr(backend, "_synthesise", _Synthesised(600_000))  # 1.2 MB > 1 MB
    backend._samples("とても長い文")
    assert backend.clauses_kept == (0, 0)
