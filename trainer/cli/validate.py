"""``trainer validate PATH...`` — check scenario files; one line per problem.

Exit 0 when every file is valid, 1 when any has a content problem, 2 for a
usage error (a path that does not exist).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from trainer.cli._messages import missing_path, print_problems

HELP = "シナリオのファイルを確かめる / check scenario files for mistakes"


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="scenario files or folders")


def run(args: argparse.Namespace) -> int:
    from trainer.scenarios.loader import load_all
    from trainer.scenarios.model import Severity

    lang = args.lang
    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        for path in missing:
            missing_path(path, lang, folder_too=True)
        return 2
    scenarios, problems = load_all(args.paths)
    print_problems(problems, lang)
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    files = len({p.where.path for p in problems if p.severity is Severity.ERROR})
    if lang == "en":
        print(f"{len(scenarios)} valid scenario(s), {errors} problem(s) in {files} file(s).")
    else:
        print(f"正しいシナリオ {len(scenarios)} 件、問題 {errors} 件（{files} ファイル）。")
    if not scenarios and not problems:
        print("シナリオ（.yaml）が見つかりません。" if lang != "en" else "no scenario files (.yaml) found.")
        return 1
    return 1 if errors else 0
