"""The scenario engine stays pure Python: no Qt, no speech, no database."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import trainer.scenarios

FORBIDDEN = ("PySide6", "shiboken6", "pyttsx3", "sqlalchemy", "alembic", "pyopenjtalk",
             "trainer.widgets", "trainer.app", "trainer.speech", "trainer.progress")
ENGINE = Path(trainer.scenarios.__file__).parent


def imported_names(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_engine_source_imports_nothing_forbidden():
    files = sorted(ENGINE.glob("*.py"))
    assert len(files) >= 6
    for path in files:
        bad = [n for n in imported_names(path) if n.split(".")[0] in FORBIDDEN or n.startswith(FORBIDDEN)]
        assert not bad, f"{path.name} imports {bad}"


def test_loading_and_running_pulls_in_nothing_forbidden():
    code = (
        "import sys, trainer.scenarios as s\n"
        "from trainer.content import bundled_content_dir\n"
        "scs, _ = s.load_all([bundled_content_dir()])\n"
        "r = s.Run(scs[0]); r.start(); r.next_hint()\n"
        f"bad = [m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r} or m.startswith({FORBIDDEN!r})]\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_model_alone_does_not_load_yaml_or_the_runner():
    """The app's catalogue imports the model at start-up; the loader, YAML and
    the runner load only when a scenario is opened (start-up speed)."""
    code = (
        "import sys, trainer.scenarios.model\n"
        "heavy = [m for m in ('yaml', 'trainer.scenarios.loader', 'trainer.scenarios.runner') if m in sys.modules]\n"
        "print(heavy); sys.exit(1 if heavy else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    from trainer.scenarios import Run, load  # the package's names still resolve on first use

    assert callable(load) and Run.__name__ == "Run"
