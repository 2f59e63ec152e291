"""``trainer board``: the live help board of the class open on the shared record.

Without options a window opens (behind the instructor PIN): everyone
practising in the open class — first name or nickname, practice, step,
raised hand, 「つまずいています」 after several wrong tries or hints on one step
— updated as the PCs write it (PostgreSQL tells the board of each change; on
SQLite it reads twice a second); 「対応しました」 answers a raised hand.
``--text`` prints the same in the terminal, again at each change (``--once``:
once, then exit).
The record is ``--url``, else ``TRAINER_DATABASE_URL``, the local setting,
or this PC's file. Exit codes: 0 fine, 1 the record cannot be read.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

from trainer.cli._messages import both_ways

HELP = both_ways("cli.board.help")


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--text", action="store_true", help="print the board in the terminal instead of a window")
    parser.add_argument("--once", action="store_true", help="with --text: print once and exit")
    parser.add_argument("--interval", type=float, default=0.5,
                        help="seconds between reads when the record cannot tell of changes (default 0.5)")
    parser.add_argument("--url", help="database URL (default: TRAINER_DATABASE_URL, setting, or this PC's file)")


def board_lines(board, book, lang: str, title=lambda sid: sid) -> list[str]:
    """The board as plain lines (the terminal's view)."""
    from trainer.app.report_export import kind_name
    from trainer.progress.classes import STATE_FINISHED, STATE_RESTING
    from trainer.words.catalogue import tr

    session, rows = board.current()
    if session is None:
        return [tr("board.no_class", lang)]
    lines = [tr("board.heading", lang, venue=session.venue, kind=kind_name(session.kind, lang))]
    if not rows:
        return [*lines, tr("board.empty", lang)]
    practising = sum(1 for r in rows if r.state not in (STATE_FINISHED, STATE_RESTING))
    lines.append(tr("board.summary", lang, n=practising, h=sum(r.hand_raised for r in rows),
                    s=sum(r.stuck for r in rows)))
    for number, row in enumerate(rows, 1):
        name = tr("board.guest", lang) if row.is_guest else tr("board.name", lang, name=row.name)
        if row.state == STATE_FINISHED:
            state = tr("board.state.finished", lang, n=row.finished_count)
        elif row.state == STATE_RESTING:
            state = tr("board.state.resting", lang)
        elif row.stuck:
            state = tr("board.state.stuck", lang)
        else:
            state = tr("board.state.practising", lang)
        parts = [f"{number:>2}.", name]
        if row.scenario_id:
            parts.append(title(row.scenario_id))
        if row.step_number:
            parts.append(tr("board.step", lang, n=row.step_number))
        parts.append(tr("board.tries", lang, m=row.mistakes, h=row.hints))
        parts.append(state)
        if row.hand_raised:
            parts.append(tr("board.hand_up", lang))
        lines.append("  ".join(parts))
    return lines


def run(args: argparse.Namespace) -> int:
    lang = getattr(args, "lang", "ja")
    from trainer.cli.report import _scenario_names
    from trainer.progress.classes import ClassBook, HelpBoard
    from trainer.progress.database import create_progress_engine, resolve_url

    engine = create_progress_engine(resolve_url(args.url).url)
    board, book = HelpBoard(engine), ClassBook(engine)
    title = _scenario_names(args, lang).title  # the practices' titles (their ids when the content is unreadable)
    try:
        if args.text:
            return _print(board, book, lang, args, title)
        return _window(engine, board, book, lang, title)
    finally:
        engine.dispose()


def _print(board, book, lang: str, args: argparse.Namespace, title=lambda sid: sid) -> int:
    from trainer.progress.classes import BOARD_MIN_GAP_S, BOARD_WATCHED_POLL_S, BoardWatch
    from trainer.words.catalogue import tr

    watch = None if args.once else BoardWatch(board.engine)  # PostgreSQL tells of each change
    try:
        while True:
            started = time.monotonic()
            try:
                lines = board_lines(board, book, lang, title)
            except Exception as exc:
                print(tr("ia.unreachable", lang) + f" ({type(exc).__name__})", file=sys.stderr)
                return 1
            if not args.once:
                print("\033[2J\033[H", end="")
            print("\n".join(lines), flush=True)
            if watch is None:
                return 0
            poll = BOARD_WATCHED_POLL_S if watch.listening else max(BOARD_MIN_GAP_S, args.interval)
            time.sleep(max(0.0, BOARD_MIN_GAP_S - (time.monotonic() - started)))
            watch.wait(max(0.0, poll - (time.monotonic() - started)))
    finally:
        if watch is not None:
            watch.close()


def _window(engine, board, book, lang: str, title=lambda sid: sid) -> int:
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from trainer.app.instructor.common import AreaPrefs
    from trainer.widgets.look import Look, pick_family
    from trainer.widgets.style import apply_look

    app = QApplication.instance() or QApplication(["trainer-board"])
    look = Look(scale=AreaPrefs.load().scale, family=pick_family(), lang=lang)
    assert isinstance(app, QApplication)
    apply_look(app, look)
    window = board_window(engine, board, book, look, title)
    window.resize(1280, 800)
    window.show()
    return app.exec()


def board_window(engine, board, book, look, title=None):
    """The board's window, behind the instructor PIN kept in the record."""
    from trainer.app.instructor.board import BoardWindow
    from trainer.progress.learners import LearnerDirectory
    from trainer.progress.pin import InstructorPin
    from trainer.progress.store import ProgressStore

    store = ProgressStore(engine)
    directory = LearnerDirectory(engine)
    # As in the app: a record with learners whose PIN row is gone never offers "choose a PIN" here either.
    pin = InstructorPin(store, has_learners=lambda: directory.count_learners() > 0)
    window = BoardWindow(board, book, pin, look, scenario_title=title)
    return window
