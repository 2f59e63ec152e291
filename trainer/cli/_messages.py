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


#: At most this many problems are printed per file, and this many in all; the rest are counted.
MAX_PER_FILE = 50
MAX_TOTAL = 500


def print_problems(problems, lang: str, file=None) -> int:
    """Print problems one per line, capped per file and in all (a 9,000-step file with one
    mistake per step must not print 29 MB); returns how many were left out."""
    out = file or sys.stdout
    per_file: dict[str, int] = {}
    shown = left = 0
    left_by_file: dict[str, int] = {}
    for problem in problems:
        where = getattr(getattr(problem, "where", None), "path", None) or str(getattr(problem, "where", ""))
        count = per_file.get(where, 0)
        if count >= MAX_PER_FILE or shown >= MAX_TOTAL:
            left += 1
            left_by_file[where] = left_by_file.get(where, 0) + 1
            continue
        per_file[where] = count + 1
        shown += 1
        print(problem.format(lang), file=out)
    from trainer.scenarios.problems import printable

    for where, n in left_by_file.items():
        if lang == "en":
            print(printable(f"{where}: … and {n} more problem(s) not shown — fix the ones above first."), file=out)
        else:
            print(printable(f"{where}: …ほかに問題が {n} 件あります（表示を省きました）— まず上の問題を直してください。"),
                  file=out)
    return left
