"""``trainer preview FILE [--step ID]`` — play a scenario file while writing it.

Opens the player at that step without recording anything and reloads
whenever the file is saved; problems in the file are shown in the window
with their file:line:column. Exit 0 when the window is closed, 2 for a
usage error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from trainer.cli._messages import both_ways, missing_path
from trainer.words.catalogue import tr

HELP = both_ways("cli.preview.help")
WINDOW_SIZE = (1100, 820)
"""The preview window's width and height asked for at 100 %, in pixels."""


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="a scenario file")
    parser.add_argument("--step", metavar="ID", help="start at this step")
    parser.add_argument("--text-size", type=int, default=100, metavar="PERCENT",
                        help="text size to try, 100-300 (default 100)")
    parser.add_argument("--furigana", action="store_true", help=both_ways("cli.preview.furigana"))


def run(args: argparse.Namespace) -> int:
    lang = args.lang
    path = Path(args.file)
    if not path.is_file():
        missing_path(path, lang)
        return 2
    if not 100 <= args.text_size <= 300:
        print("--text-size: " + tr("cli.preview.text_size", lang), file=sys.stderr)
        return 2
    from PySide6.QtWidgets import QApplication

    from trainer.app.window_fit import place_window, prepare_high_dpi
    from trainer.authoring.preview import PreviewWindow
    from trainer.widgets.look import Look, pick_family

    prepare_high_dpi()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    look = Look(scale=args.text_size / 100, family=pick_family(), lang=lang, furigana=args.furigana)
    window = PreviewWindow(path, look, args.step)
    place_window(window, requested=(look.px(WINDOW_SIZE[0]), look.px(WINDOW_SIZE[1])))  # shrunk to the screen if need be
    if getattr(args, "smoke", False):  # paint once and leave (used by tests)
        app.processEvents()
        window.close()
        window.deleteLater()
        return 0
    app.exec()
    return 0
