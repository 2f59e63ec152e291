"""Helpers for the instructor-tool tests: small scenario files written on the fly."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

TINY = """\
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
"""

HEAD = """\
format: 1
id: {id}
version: 1
title: ちいさな練習
summary: 練習です。
category: smartphone
level: 1
minutes: 3
device: phone
"""


def scenario(steps: str, scenario_id: str = "tiny", extra: str = "") -> str:
    """A whole scenario file: the usual head, ``extra`` top keys, then ``steps:``."""
    return HEAD.format(id=scenario_id) + textwrap.dedent(extra) + "steps:\n" + textwrap.indent(
        textwrap.dedent(steps), "  ")


@pytest.fixture
def write(tmp_path: Path):
    """Write ``text`` to ``tmp_path/name`` and return the path."""

    def _write(text: str, name: str = "s.yaml") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return _write
