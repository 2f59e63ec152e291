"""Helpers for the instructor-tool tests: small scenario files written on the fly."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tests.scenarios.conftest import MINIMAL

TINY = MINIMAL  # the same smallest valid scenario the loader tests use

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
task: 先へ進んでください。
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
