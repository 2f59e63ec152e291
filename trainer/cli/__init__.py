"""The ``trainer`` command: with no sub-command it opens the app.

Sub-commands live one per module in this package; each module defines
``HELP`` (one line), ``register(parser)`` to add its arguments and
``run(args) -> int``. They are discovered by name, so adding a command never
touches this file. Modules import heavy libraries (Qt, SQLAlchemy, speech)
inside ``run`` only, so ``trainer validate`` starts fast.

Exit codes: 0 success, 1 a content problem was found, 2 a usage error.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

from trainer.i18n import detect_lang


def _command_modules():
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if not info.name.startswith("_"):
            yield info.name


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="trainer",
        description="デジタル生活の練習アプリ / Practise digital life safely.",
    )
    parser.add_argument("--lang", choices=("ja", "en"), help="language of messages (default: from the locale)")
    parser.add_argument("--smoke", action="store_true", help="start the app, paint the first window, exit 0")
    parser.add_argument("--content", action="append", metavar="DIR", help="scenario folder (default: bundled)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in _command_modules():
        module = importlib.import_module(f"trainer.cli.{name}")
        command = sub.add_parser(name.replace("_", "-"), help=module.HELP, description=module.HELP)
        command.add_argument("--lang", choices=("ja", "en"), default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        module.register(command)
        command.set_defaults(_run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse exits 2 on usage errors, 0 on --help
        return int(exit_.code or 0)
    args.lang = detect_lang(getattr(args, "lang", None))
    run = getattr(args, "_run", None)
    try:
        if run is None:
            from trainer.app.launch import launch

            return launch(args)
        return run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
