"""docs/reliability.md names the test that proves each promise: every name it gives must be a real test,
so a renamed or removed test cannot leave a promise without its proof (issue #12, item 9)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "reliability.md"


def _test_functions() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in (ROOT / "tests").rglob("test_*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
                 and node.name.startswith("test_")}
        found.setdefault(path.name, set()).update(names)
    return found


def test_every_test_the_reliability_promises_name_exists():
    text = DOC.read_text(encoding="utf-8")
    functions = _test_functions()
    every = set().union(*functions.values())
    named = set(re.findall(r"::(test_[a-z0-9_]+)", text))
    assert len(named) > 30
    assert sorted(named - every) == []
    for file, function in re.findall(r"(test_[a-z0-9_]+\.py)::(test_[a-z0-9_]+)", text):
        assert function in functions.get(file, set()), f"{file}::{function}"


def test_every_item_of_the_issue_has_its_section():
    headings = re.findall(r"^## (\d)\. ", DOC.read_text(encoding="utf-8"), flags=re.M)
    assert headings == [str(n) for n in range(1, 9)]
    assert "## What is not guaranteed" in DOC.read_text(encoding="utf-8")
