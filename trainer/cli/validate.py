"""``trainer validate PATH...`` — check scenario files; one line per problem.

Exit 0 when every file is valid, 1 when any has a content problem, 2 for a
usage error (a path that does not exist).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from trainer.cli._messages import both_ways, missing_path, print_problems
from trainer.words.catalogue import tr

HELP = both_ways("cli.validate.help")


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
    print(tr("cli.validate.summary", lang, ok=len(scenarios), errors=errors, files=files))
    if not scenarios and not problems:
        print(tr("cli.no_scenarios", lang))
        return 1
    return 1 if errors else 0
