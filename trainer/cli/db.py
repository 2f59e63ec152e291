"""``trainer db``: prepare (migrate) or check the progress database.

``trainer db upgrade [--url URL]`` brings SQLite or PostgreSQL to the newest
schema; ``trainer db status [--url URL]`` says where the record is, which
schema revision it has and how many records wait on this PC.
``trainer db reset-pin [--url URL]`` is the PIN recovery procedure
(docs/reliability.md): it asks for a new PIN twice on the terminal and sets
it, also on a record whose PIN row is missing (which the app itself refuses). Without
``--url``: ``TRAINER_DATABASE_URL``, then the local setting, then the SQLite
file in the user's data folder. Passwords in URLs are never printed.
Exit codes: 0 fine, 1 the database is not reachable or not up to date, 2 usage.
"""

from __future__ import annotations

import argparse

from trainer.cli._messages import both_ways
from trainer.words.catalogue import STRINGS, tr

HELP = both_ways("cli.db.help")

def register(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    for name, help_text in (
        ("upgrade", both_ways("cli.db.upgrade_help")),
        ("status", both_ways("cli.db.status_help")),
    ):
        action = sub.add_parser(name, help=help_text, description=help_text)
        action.add_argument("--url", help="database URL (default: TRAINER_DATABASE_URL, setting, or this PC's file)")
        action.add_argument("--lang", choices=("ja", "en"), default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    reset = sub.add_parser("reset-pin", help=both_ways("cli.db.reset_pin_help"))
    reset.add_argument("--url", help="database URL (default: TRAINER_DATABASE_URL, setting, or this PC's file)")
    reset.add_argument("--lang", choices=("ja", "en"), default=argparse.SUPPRESS, help=argparse.SUPPRESS)


def ask_pin(prompt: str) -> str:
    """Read a PIN without echo (tests replace this)."""
    import getpass

    return getpass.getpass(prompt)


def _reset_pin(engine, lang: str) -> int:
    from trainer.progress.pin import InstructorPin, PinFormatError, normalize_pin
    from trainer.progress.store import ProgressStore

    first = ask_pin(tr("cli.db.new_pin", lang))
    again = ask_pin(tr("cli.db.pin_again", lang))
    try:
        if normalize_pin(first) != normalize_pin(again):
            print(tr("cli.db.pins_differ", lang))
            return 1
    except PinFormatError as exc:
        print(tr("cli.db.pin_format", lang, why=exc.message_en if lang == "en" else exc.message_ja))
        return 1
    store = ProgressStore(engine)
    try:
        InstructorPin(store).set(first, recovery=True)
    finally:
        store.close()
    print(tr("cli.db.pin_set", lang))
    return 0


def run(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import ArgumentError

    from trainer.progress import migrate
    from trainer.progress.database import (
        OUTBOX_FILENAME,
        check_sqlite_file,
        create_progress_engine,
        data_dir,
        redact,
        resolve_url,
    )
    from trainer.progress.outbox import Outbox

    lang = getattr(args, "lang", "ja")
    try:
        location = resolve_url(args.url)
    except (ArgumentError, ValueError):
        print(tr("cli.db.bad_url", lang, url=redact(args.url or "")))
        return 2
    source = f"cli.db.source.{location.source}"
    print(tr("cli.db.where", lang, url=redact(location.url),
             source=tr(source, lang) if source in STRINGS else location.source))
    if location.sqlite_path is not None and args.db_command == "upgrade":
        report = check_sqlite_file(location.sqlite_path)
        if not report.ok:
            print(report.message_en if lang == "en" else report.message_ja)
    if location.sqlite_path is not None and not location.sqlite_path.exists() and args.db_command == "status":
        print(tr("cli.db.current", lang, rev=tr("cli.db.none", lang)))
        print(tr("cli.db.head", lang, rev=migrate.head_revision()))
        print(tr("cli.db.pending", lang, n=len(migrate.revisions())))
        return 1
    engine = create_progress_engine(location.url)
    try:
        if args.db_command == "reset-pin":
            migrate.upgrade(engine)
            return _reset_pin(engine, getattr(args, "lang", "ja"))
        if args.db_command == "upgrade":
            migrate.upgrade(engine)
            print(tr("cli.db.upgraded", lang, rev=migrate.head_revision()))
            return 0
        state = migrate.status(engine)
        print(tr("cli.db.current", lang, rev=state.current or tr("cli.db.none", lang)))
        print(tr("cli.db.head", lang, rev=state.head))
        print(tr("cli.db.up_to_date", lang) if state.up_to_date else tr("cli.db.pending", lang, n=len(state.pending)))
        outbox_path = data_dir() / OUTBOX_FILENAME
        if outbox_path.exists():
            outbox = Outbox(outbox_path)
            try:
                print(tr("cli.db.waiting", lang, n=outbox.weight()))
            finally:
                outbox.close()
        return 0 if state.up_to_date else 1
    except Exception as exc:  # unreachable server, locked file, no permission ...
        cause = getattr(exc, "orig", None) or exc
        first_line = (str(cause).strip().splitlines() or [""])[0][:200]
        error = type(cause).__name__ + (f": {first_line}" if first_line else "")
        print(tr("cli.db.unreachable", lang, error=error))
        return 1
    finally:
        engine.dispose()
