"""Messages several sub-commands share (this module is not a command)."""

from __future__ import annotations

import sys
from pathlib import Path


def missing_path(path: Path | str, lang: str, folder_too: bool = False) -> None:
    """Say on stderr that ``path`` does not exist, and what to check."""
    if lang == "en":
        what = "the file or folder name" if folder_too else "the file name"
        print(f"{path}: not found — check {what}.", file=sys.stderr)
    else:
        what = "ファイルかフォルダの名前" if folder_too else "ファイルの名前"
        print(f"{path}: 見つかりません — {what}を確かめてください。", file=sys.stderr)
