"""Every layer guarded: the import table in docs/architecture.md is the rule.

The table is read from the doc (so the doc cannot drift from the code), every
import of every module of ``trainer`` — at the top, inside a function, under
``TYPE_CHECKING`` — is checked against its row, and a few rules hold whatever
the table says (no widget imports the record, no Qt in the record or the
engine, nothing imports the app but the CLI and the preview, the authors'
tools use the engine's public names only).
"""

from __future__ import annotations

import ast
import re
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

import trainer

PACKAGE = Path(trainer.__file__).resolve().parent
DOC = PACKAGE.parent / "docs" / "architecture.md"
EVERYTHING = "*"


@dataclass(frozen=True)
class Import:
    source: str
    """The importing module (``trainer.app.player``)."""
    target: str
    """The module imported; ``from a import b`` is ``a.b`` when ``b`` is a module."""
    names: tuple[str, ...]
    """The names taken by ``from ... import``; empty for ``import a``."""
    line: int

    def __str__(self) -> str:
        return f"{self.source}:{self.line} imports {self.target}"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def is_module(name: str) -> bool:
    """True when ``name`` is a module or package of ``trainer``."""
    if not name.startswith("trainer"):
        return False
    path = PACKAGE.parent.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


@cache
def imports() -> tuple[Import, ...]:
    found: list[Import] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        source = module_name(path)
        package = source if path.name == "__init__.py" else source.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.extend(Import(source, alias.name, (), node.lineno) for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                if node.level:  # relative: resolve against the importing package
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    module = ".".join([*base, *([node.module] if node.module else [])])
                else:
                    module = node.module or ""
                names = tuple(alias.name for alias in node.names)
                submodules = [n for n in names if is_module(f"{module}.{n}")]
                found.extend(Import(source, f"{module}.{n}", (), node.lineno) for n in submodules)
                rest = tuple(n for n in names if n not in submodules)
                if rest or not submodules:
                    found.append(Import(source, module, rest, node.lineno))
    return tuple(found)


def every_module() -> list[str]:
    return sorted(module_name(path) for path in PACKAGE.rglob("*.py"))


@cache
def table() -> dict[str, tuple[str, ...]]:
    """Row (package or module) -> what it may import (``EVERYTHING``, ``trainer.…`` or a top-level module)."""
    rows: dict[str, tuple[str, ...]] = {}
    lines = DOC.read_text(encoding="utf-8").splitlines()
    start = lines.index("| package | what it is for | may import |")
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        assert len(cells) == 3, f"docs/architecture.md: a row of the layer table needs 3 cells: {line}"
        row = re.fullmatch(r"`([\w.]+)`", cells[0])
        assert row, f"docs/architecture.md: the first cell names one package in backticks: {cells[0]}"
        may = cells[2]
        allowed = re.findall(r"`([\w.]+)`", may)
        if may.startswith("everything"):
            allowed = [EVERYTHING]
        assert allowed or may == "nothing", f"docs/architecture.md: say 'nothing' or name the imports: {line}"
        rows[row.group(1)] = tuple(allowed)
    return rows


def row_of(module: str) -> str | None:
    """The most precise row for ``module`` (a module's own row beats its package's)."""
    best = None
    for row in table():
        if (module == row or module.startswith(row + ".")) and row != "trainer":
            best = row if best is None or len(row) > len(best) else best
    return best or ("trainer" if module == "trainer" else None)


def top_package(module: str) -> str:
    return ".".join(module.split(".")[:2])


def under(target: str, prefix: str) -> bool:
    return target == prefix or target.startswith(prefix + ".")


def allowed(imp: Import) -> bool:
    may = table()[row_of(imp.source) or ""]
    if EVERYTHING in may:
        return True
    root = imp.target.split(".")[0]
    if root != "trainer":
        return root in sys.stdlib_module_names or root == "__future__" or root in may
    if under(imp.target, top_package(imp.source)) and imp.target != "trainer":
        return True  # within its own package
    return any(under(imp.target, name) for name in may if name.startswith("trainer"))


def test_the_doc_has_a_row_for_every_package_and_top_level_module():
    assert {"trainer.scenarios", "trainer.authoring", "trainer.app", "trainer.widgets", "trainer.progress",
            "trainer.speech", "trainer.reading", "trainer.cli", "trainer.fonts"} <= set(table())
    homeless = [m for m in every_module() if row_of(m) is None]
    assert not homeless, f"add a row to the table in docs/architecture.md for: {homeless}"
    stale = [row for row in table() if not is_module(row)]
    assert not stale, f"the table in docs/architecture.md names modules that do not exist: {stale}"


def test_every_import_is_in_the_table():
    wrong = [f"{imp} — its row `{row_of(imp.source)}` in docs/architecture.md does not allow it"
             for imp in imports() if not allowed(imp)]
    assert not wrong, "\n".join(wrong)


def test_every_edge_of_the_table_is_real():
    """The table lists real edges only: each ``trainer.…`` it allows is imported by its row."""
    unused = []
    for row, may in table().items():
        for name in may:
            if name == EVERYTHING or not name.startswith("trainer"):
                continue
            if not any(row_of(imp.source) == row and under(imp.target, name) for imp in imports()):
                unused.append(f"{row} → {name}")
    assert not unused, f"docs/architecture.md allows edges nothing uses: {unused}"


QT = ("PySide6", "shiboken6")


def _allows(row: str, name: str) -> bool:
    may = table()[row]
    return EVERYTHING in may or any(under(name, m) or under(m, name) for m in may)


@pytest.mark.parametrize(("rows", "forbidden"), [
    (("trainer.widgets",), ("trainer.progress", "trainer.app", "trainer.cli", "trainer.authoring")),
    (("trainer.progress",), (*QT, "trainer.widgets", "trainer.app", "trainer.speech")),
    (("trainer.scenarios",), (*QT, "trainer.widgets", "trainer.app", "trainer.progress", "trainer.speech",
                              "sqlalchemy", "pyttsx3", "pyopenjtalk", "trainer.authoring")),
    (("trainer.authoring",), (*QT, "trainer.app", "trainer.widgets", "trainer.progress")),
])
def test_no_edit_of_the_table_can_allow_these(rows, forbidden):
    for row in rows:
        assert not [name for name in forbidden if _allows(row, name)], f"{row} must never import {forbidden}"
        for imp in imports():
            if row_of(imp.source) == row:
                assert not any(under(imp.target, name) for name in forbidden), str(imp)


def test_nothing_imports_the_app_but_the_cli_and_the_preview():
    importers = {imp.source: imp.target for imp in imports()
                 if under(imp.target, "trainer.app") and not under(imp.source, "trainer.app")}
    assert importers, "the CLI opens the app"
    assert all(under(source, "trainer.cli") or (source == "trainer.authoring.preview"
                                                and target == "trainer.app.player")
               for source, target in importers.items()), importers


def test_the_authors_tools_use_only_the_engines_public_names():
    private = []
    for imp in imports():
        if not under(imp.source, "trainer.authoring") or not under(imp.target, "trainer.scenarios"):
            continue
        if any(part.startswith("_") for part in imp.target.split(".")):
            private.append(str(imp))
        private.extend(f"{imp}: {name}" for name in imp.names if name.startswith("_"))
    for path in sorted((PACKAGE / "authoring").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        aliases = set(re.findall(r"from trainer\.scenarios import (\w+)(?: as (\w+))?", text))
        for module, alias in aliases:
            private.extend(f"{path.name}: {m.group(0)}"
                           for m in re.finditer(rf"\b{alias or module}\._\w+", text))
    assert not private, private


def test_the_guard_sees_real_edges():
    """The parser is not blind: it finds the edges the doc names (a test that cannot fail is a defect)."""
    edges = {(row_of(imp.source), top_package(imp.target)) for imp in imports()}
    assert ("trainer.speech", "trainer.reading") in edges
    assert ("trainer.progress", "trainer.scenarios") in edges
    assert ("trainer.authoring", "trainer.scenarios") in edges
    assert ("trainer.authoring.preview", "trainer.app") in edges
    assert not allowed(Import("trainer.widgets.look", "trainer.progress.store", (), 1))
    assert not allowed(Import("trainer.progress.store", "PySide6.QtCore", (), 1))
    assert not allowed(Import("trainer.scenarios.model", "PySide6", (), 1))
    assert allowed(Import("trainer.scenarios.model", "dataclasses", (), 1))
    assert allowed(Import("trainer.cli.shots", "trainer.app.main_window", (), 1))
