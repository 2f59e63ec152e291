"""Every broad ``except`` leaves a trace: it logs, re-raises, or hands the error on.

A learner never sees a traceback, so a handler that catches ``Exception`` (or
everything) keeps the app going — but the staff who help must be able to find
out what happened: the handler calls a logger (``logging``, not ``print``),
raises again, or passes the exception it caught to whoever reports it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import trainer

PACKAGE = Path(trainer.__file__).resolve().parent
LOGGERS = {"log", "logger", "logging", "_log"}


def _broad(handler: ast.ExceptHandler) -> bool:
    if handler.type is None:
        return True
    kinds = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return any(isinstance(k, ast.Name) and k.id in ("Exception", "BaseException") for k in kinds)


def _leaves_a_trace(handler: ast.ExceptHandler) -> bool:
    for node in ast.walk(ast.Module(body=handler.body, type_ignores=[])):
        if isinstance(node, ast.Raise):
            return True
        if handler.name and isinstance(node, ast.Name) and node.id == handler.name:
            return True  # handed on (to a reporter, a callback, a message)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = node.func.value
            name = owner.id if isinstance(owner, ast.Name) else owner.attr if isinstance(owner, ast.Attribute) else ""
            if name in LOGGERS:
                return True
    return False


def silent_handlers(root: Path) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.ExceptHandler) and _broad(node) and not _leaves_a_trace(node):
                found.append(f"{path.relative_to(root.parent)}:{node.lineno}: {text.splitlines()[node.lineno - 1].strip()}")
    return found


def test_no_broad_except_swallows_an_error_silently():
    found = silent_handlers(PACKAGE)
    assert not found, "log it (log.debug(..., exc_info=True) is enough), raise, or hand it on:\n" + "\n".join(found)


def test_the_scan_finds_a_silent_handler(tmp_path):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "m.py").write_text(
        "import logging\nlog = logging.getLogger('x')\n"
        "def a():\n    try:\n        pass\n    except Exception:\n        pass\n"
        "def b():\n    try:\n        pass\n    except Exception:\n        log.debug('x', exc_info=True)\n"
        "def c():\n    try:\n        pass\n    except Exception as exc:\n        report(exc)\n"
        "def d():\n    try:\n        pass\n    except:\n        return None\n", encoding="utf-8")
    assert [line.split(":")[1] for line in silent_handlers(tmp_path / "pkg")] == ["6", "21"]
