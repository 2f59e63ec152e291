"""``trainer handout FILE --out FILE.pdf [--furigana]`` — a printable handout.

A4, large print: the title, what you will learn, then each step's screen
beside its instruction, with room for notes. Nothing is shown on screen.
Exit 0 done, 1 the scenario has problems, 2 a usage error.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from trainer.cli._messages import both_ways, missing_path, print_problems
from trainer.words.catalogue import tr

HELP = both_ways("cli.handout.help")


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="a scenario file")
    parser.add_argument("--out", required=True, metavar="FILE.pdf", help="the PDF to write")
    parser.add_argument("--furigana", action="store_true", help=both_ways("cli.handout.furigana"))


def run(args: argparse.Namespace) -> int:
    from trainer.scenarios.loader import check_file

    lang = args.lang
    path = Path(args.file)
    if not path.is_file():
        missing_path(path, lang)
        return 2
    scenario, problems = check_file(path)
    if scenario is None:
        print_problems(problems, lang)
        print(tr("cli.handout.refused", lang))
        return 1
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # nothing is shown
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    from trainer.authoring.handout import write_handout

    def quiet(_kind, _context, message: str) -> None:  # the offscreen platform's chatter
        if "propagateSizeHints" not in message:
            print(message, file=sys.stderr)

    qInstallMessageHandler(quiet)
    app = QApplication.instance() or QApplication([])  # noqa: F841 - must live while painting
    out = Path(args.out)
    try:
        pages = write_handout(scenario, out, lang=lang, furigana=args.furigana)
    except OSError as error:
        print(f"{out}: " + tr("cli.cannot_write", lang, reason=error.strerror), file=sys.stderr)
        return 2
    if not out.is_file() or out.stat().st_size == 0:
        print(f"{out}: " + tr("cli.handout.cannot_write_here", lang), file=sys.stderr)
        return 2
    print(f"{out}: " + tr("cli.handout.written", lang, pages=pages))
    return 0
