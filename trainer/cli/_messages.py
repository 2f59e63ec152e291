"""Messages several sub-commands share (this module is not a command)."""

from __future__ import annotations

import sys
from pathlib import Path

from trainer.words.catalogue import tr


def missing_path(path: Path | str, lang: str, folder_too: bool = False) -> None:
    """Say on stderr that ``path`` does not exist, and what to check."""
    what = tr("cli.what.file_or_folder" if folder_too else "cli.what.file", lang)
    print(tr("cli.not_found", lang, path=path, what=what), file=sys.stderr)


def both_ways(key: str) -> str:
    """A help line in both languages, ``ja / en`` (the parser is built before the language is known)."""
    return f"{tr(key, 'ja')} / {tr(key, 'en')}"


def say(key: str, lang: str, *, err: bool = False, **fields: object) -> None:
    """Print the catalogue's ``key`` in ``lang`` (on stderr with ``err``)."""
    print(tr(key, lang, **fields), file=sys.stderr if err else sys.stdout)


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
        print(printable(tr("cli.more_problems", lang, where=where, n=n)), file=out)
    return left
