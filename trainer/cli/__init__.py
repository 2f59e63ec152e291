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

from trainer.cli._messages import both_ways
from trainer.i18n import detect_lang


def _command_modules():
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if not info.name.startswith("_"):
            yield info.name


def _window_size(text: str) -> tuple[int, int]:
    from trainer.app.window_fit import parse_size

    try:
        return parse_size(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole parser; with ``only``, just that sub-command's module is
    imported (the others are listed by name), which keeps start-up fast;
    ``only=""`` (open the app) builds no sub-command parser."""
    parser = argparse.ArgumentParser(
        prog="trainer",
        description=both_ways("cli.description"),
    )
    parser.add_argument("--lang", choices=("ja", "en"), help="language of messages (default: from the locale)")
    parser.add_argument("--smoke", action="store_true", help="start the app, paint the first window, exit 0")
    parser.add_argument("--content", action="append", metavar="DIR", help="scenario folder (default: bundled)")
    parser.add_argument("--window", type=_window_size, metavar="WxH",
                        help="open a normal window of this size in logical pixels, e.g. 1280x720 "
                             "(default: maximized; never larger than the screen)")
    if only == "":  # opening the app: no sub-command parsers at all (they cost a first frame's ~5-10 ms)
        return parser
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in _command_modules():
        if only is not None and name.replace("_", "-") != only:
            sub.add_parser(name.replace("_", "-"))
            continue
        module = importlib.import_module(f"trainer.cli.{name}")
        command = sub.add_parser(name.replace("_", "-"), help=module.HELP, description=module.HELP)
        command.add_argument("--lang", choices=("ja", "en"), default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        module.register(command)
        command.set_defaults(_run=module.run)
    return parser


def _requested_command(argv: list[str]) -> str | None:
    """The sub-command named in ``argv``; "" when there is none (open the app);
    None when every module must be loaded (``--help`` lists them all)."""
    takes_value = {"--lang", "--content", "--window"}
    skip = False
    for arg in argv:
        if skip:
            skip = False
            continue
        if arg in takes_value:
            skip = True
        elif arg in ("-h", "--help"):
            return None
        elif not arg.startswith("-"):
            return arg
    return ""


def main(argv: Sequence[str] | None = None) -> int:
    # Not list(): importing the ``trainer list`` command binds ``list`` in this package's namespace.
    argv = [*(sys.argv[1:] if argv is None else argv)]
    parser = build_parser(only=_requested_command(argv))
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse exits 2 on usage errors, 0 on --help
        return int(exit_.code or 0)
    args.lang = detect_lang(getattr(args, "lang", None))
    run = getattr(args, "_run", None)
    try:
        if run is None:
            import gc

            collecting = gc.isenabled()
            gc.disable()  # paused from here (PySide's import) to the first frame: see launch.pause_collector
            from trainer.app.launch import launch

            return launch(args, collector_was_enabled=collecting)
        return run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
