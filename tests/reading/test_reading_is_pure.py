"""trainer.reading needs no Qt, and loads pyopenjtalk only when used, quietly."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import trainer.reading

PACKAGE = Path(trainer.reading.__file__).parent


def test_no_qt_or_speech_imports():
    for path in sorted(PACKAGE.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert not name.startswith(("PySide6", "shiboken6", "pyttsx3", "trainer.speech",
                                            "trainer.widgets")), f"{path.name} imports {name}"


def test_pyopenjtalk_is_imported_lazily_and_silently():
    code = (
        "import sys\n"
        "from trainer.reading import Reader\n"
        "r = Reader()\n"
        "assert 'pyopenjtalk' not in sys.modules, 'imported too early'\n"
        "print(r.kana('今日'))\n"
        "assert 'pyopenjtalk' in sys.modules\n"
    )
    result = subprocess.run([sys.executable, "-W", "error", "-c", code], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "キョー\n"
    assert "ONNX" not in result.stderr
