"""No literal pixel numbers through ``px``: spacings are ``look.space.*``, pen widths ``look.line.*``,
and the size of a drawn part is a named constant of its module (issue #16.6).

Walks every module under ``trainer/`` and fails on any call ``X.px(<number>)`` (any receiver,
negative numbers too). ``trainer/widgets/look.py`` defines the tokens and is the one file allowed."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "trainer"
ALLOWED = {Path("trainer/widgets/look.py")}


def _is_number(node: ast.expr) -> bool:
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        node = node.operand
    return (isinstance(node, ast.Constant) and isinstance(node.value, int | float)
            and not isinstance(node.value, bool))


def literal_px_calls(source: str, name: str = "<source>") -> list[str]:
    """``name:line: call`` for every ``X.px(<number literal>, …)`` in ``source``."""
    found = []
    for node in ast.walk(ast.parse(source, filename=name)):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "px"
                and node.args and _is_number(node.args[0])):
            found.append(f"{name}:{node.lineno}: {ast.unparse(node)}")
    return found


def test_the_check_finds_a_literal() -> None:
    source = "def f(look, self):\n    a = look.px(8)\n    b = self._look.px(-1.5)\n    c = look.px(SIDE)\n"
    assert literal_px_calls(source, "m.py") == ["m.py:2: look.px(8)", "m.py:3: self._look.px(-1.5)"]
    assert literal_px_calls("look.space.md + look.px(WIDTH) + px(3)\n") == []


def test_no_literal_px_calls_in_trainer() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(ROOT)
        if relative in ALLOWED:
            continue
        found += literal_px_calls(path.read_text(encoding="utf-8"), relative.as_posix())
    assert not found, ("literal pixels through px (use look.space.*, look.line.* or a named constant):\n"
                       + "\n".join(found))
