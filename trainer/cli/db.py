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

HELP = "記録のデータベースを準備・確認します / prepare or check the progress database"

_TEXT = {
    "ja": {
        "where": "データベース: {url}（{source}）",
        "sources": {"argument": "--url", "environment": "TRAINER_DATABASE_URL", "setting": "設定", "default": "このパソコン"},
        "current": "いまの版: {rev}",
        "head": "最新の版: {rev}",
        "none": "（まだ作られていません）",
        "up_to_date": "最新の状態です。",
        "pending": "まだ適用していない変更: {n}件（trainer db upgrade で適用します）",
        "upgraded": "最新の版にしました: {rev}",
        "waiting": "このパソコンで保存を待っている記録: {n}件",
        "unreachable": "データベースにつながりません（{error}）。",
        "damaged": "{message}",
        "bad_url": "データベースのURLが読めません: {url}",
    },
    "en": {
        "where": "Database: {url} ({source})",
        "sources": {"argument": "--url", "environment": "TRAINER_DATABASE_URL", "setting": "setting", "default": "this PC"},
        "current": "Current revision: {rev}",
        "head": "Newest revision: {rev}",
        "none": "(not created yet)",
        "up_to_date": "Up to date.",
        "pending": "Changes not applied yet: {n} (run: trainer db upgrade)",
        "upgraded": "Upgraded to the newest revision: {rev}",
        "waiting": "Records waiting to be saved on this PC: {n}",
        "unreachable": "Cannot reach the database ({error}).",
        "damaged": "{message}",
        "bad_url": "Cannot read the database URL: {url}",
    },
}


def register(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    for name, help_text in (
        ("upgrade", "最新の版にします / migrate to the newest schema"),
        ("status", "状態を表示します / show the schema revision and waiting records"),
    ):
        action = sub.add_parser(name, help=help_text, description=help_text)
        action.add_argument("--url", help="database URL (default: TRAINER_DATABASE_URL, setting, or this PC's file)")
        action.add_argument("--lang", choices=("ja", "en"), default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    reset = sub.add_parser("reset-pin", help="先生用の暗証番号を設定しなおします / set the instructor PIN again (recovery)")
    reset.add_argument("--url", help="database URL (default: TRAINER_DATABASE_URL, setting, or this PC's file)")
    reset.add_argument("--lang", choices=("ja", "en"), default=argparse.SUPPRESS, help=argparse.SUPPRESS)


def ask_pin(prompt: str) -> str:
    """Read a PIN without echo (tests replace this)."""
    import getpass

    return getpass.getpass(prompt)


def _reset_pin(engine, lang: str) -> int:
    from trainer.progress.pin import InstructorPin, PinFormatError, normalize_pin
    from trainer.progress.store import ProgressStore

    en = lang == "en"
    first = ask_pin("New PIN (4-8 digits): " if en else "新しい暗証番号（4〜8けた）: ")
    again = ask_pin("Once more: " if en else "もう一度: ")
    try:
        if normalize_pin(first) != normalize_pin(again):
            print("The two PINs differ; nothing changed." if en else "2つの暗証番号が同じではありません。何も変えていません。")
            return 1
    except PinFormatError as exc:
        print("A PIN is 4 to 8 digits; nothing changed." if en else exc.message_ja + "何も変えていません。")
        return 1
    store = ProgressStore(engine)
    try:
        InstructorPin(store).set(first, recovery=True)
    finally:
        store.close()
    print("The instructor PIN was set." if en else "先生用の暗証番号を設定しました。")
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

    t = _TEXT.get(getattr(args, "lang", "ja"), _TEXT["ja"])
    try:
        location = resolve_url(args.url)
    except (ArgumentError, ValueError):
        print(t["bad_url"].format(url=redact(args.url or "")))
        return 2
    print(t["where"].format(url=redact(location.url), source=t["sources"].get(location.source, location.source)))
    if location.sqlite_path is not None and args.db_command == "upgrade":
        report = check_sqlite_file(location.sqlite_path)
        if not report.ok:
            print(t["damaged"].format(message=report.message_ja if t is _TEXT["ja"] else report.message_en))
    if location.sqlite_path is not None and not location.sqlite_path.exists() and args.db_command == "status":
        print(t["current"].format(rev=t["none"]))
        print(t["head"].format(rev=migrate.head_revision()))
        print(t["pending"].format(n=len(migrate.revisions())))
        return 1
    engine = create_progress_engine(location.url)
    try:
        if args.db_command == "reset-pin":
            migrate.upgrade(engine)
            return _reset_pin(engine, getattr(args, "lang", "ja"))
        if args.db_command == "upgrade":
            migrate.upgrade(engine)
            print(t["upgraded"].format(rev=migrate.head_revision()))
            return 0
        state = migrate.status(engine)
        print(t["current"].format(rev=state.current or t["none"]))
        print(t["head"].format(rev=state.head))
        print(t["up_to_date"] if state.up_to_date else t["pending"].format(n=len(state.pending)))
        outbox_path = data_dir() / OUTBOX_FILENAME
        if outbox_path.exists():
            outbox = Outbox(outbox_path)
            try:
                print(t["waiting"].format(n=outbox.weight()))
            finally:
                outbox.close()
        return 0 if state.up_to_date else 1
    except Exception as exc:  # unreachable server, locked file, no permission ...
        cause = getattr(exc, "orig", None) or exc
        first_line = (str(cause).strip().splitlines() or [""])[0][:200]
        error = type(cause).__name__ + (f": {first_line}" if first_line else "")
        print(t["unreachable"].format(error=error))
        return 1
    finally:
        engine.dispose()
