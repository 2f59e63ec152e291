"""Helpers to write small scenario files for loader tests."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

MINIMAL = """\
format: 1
id: tiny
version: 1
title: ちいさな練習
summary: ボタンを押すだけの練習です。
category: smartphone
level: 1
minutes: 3
device: phone
steps:
  - id: press
    say: 「次へ」を押しましょう。
    screen:
      elements:
        - {type: button, id: next, label: 次へ}
        - {type: button, id: back, label: 戻る}
    expect: {tap: next}
  - id: done
    finish: success
    say: よくできました。
task: 先へ進んでください。
"""


@pytest.fixture
def write(tmp_path: Path):
    """Write ``text`` (dedented) to a scenario file and return its path."""

    def _write(text: str, name: str = "s.yaml", raw: bytes | None = None) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if raw is not None:
            path.write_bytes(raw)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return _write
