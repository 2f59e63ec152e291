"""The words of the `trainer` command line (sub-commands, their help and their messages)."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
}
