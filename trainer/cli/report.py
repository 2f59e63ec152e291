"""``trainer report``: the city's report for a period, as CSV (for Excel) or an A4 large-print PDF.

    trainer report --from 2026-04-01 --to 2027-03-31 --out report.csv
    trainer report --from 2026-04-01 --to 2027-03-31 --venue 中央公民館 --out report.pdf

Sessions by kind and venue, attendances (distinct learners per session,
summed; guests count once per visit), learners who finished each practice,
where people stumble, steps a helper assisted on. No learner names unless
``--names``. The record is ``--url``, else ``TRAINER_DATABASE_URL``, the
local setting, or this PC's file. Exit codes: 0 written, 1 the record cannot
be read or the file not written, 2 a usage error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
from pathlib import Path

from trainer.cli._messages import both_ways, say

log = logging.getLogger(__name__)

HELP = both_ways("cli.report.help")


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError as exc:
        raise argparse.ArgumentTypeError(value) from exc


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="date_from", required=True, metavar="DATE", help="first day (YYYY-MM-DD)")
    parser.add_argument("--to", dest="date_to", required=True, metavar="DATE", help="last day (YYYY-MM-DD)")
    parser.add_argument("--venue", help="only this venue")
    parser.add_argument("--out", required=True, metavar="FILE", help="FILE.csv or FILE.pdf")
    parser.add_argument("--names", action="store_true", help="include learners' names (off by default)")
    parser.add_argument("--url", help="database URL (default: TRAINER_DATABASE_URL, setting, or this PC's file)")


def run(args: argparse.Namespace) -> int:
    lang = getattr(args, "lang", "ja")
    dates = []
    for value in (args.date_from, args.date_to):
        try:
            dates.append(_date(value))
        except argparse.ArgumentTypeError:
            say("cli.report.bad_date", lang, err=True, value=value)
            return 2
    date_from, date_to = dates
    if date_to < date_from:
        say("cli.report.order", lang, err=True)
        return 2
    out = Path(args.out)
    kind = out.suffix.lower().lstrip(".")
    if kind not in ("csv", "pdf"):
        say("cli.report.bad_out", lang, err=True, path=out)
        return 2

    from trainer.progress.database import create_progress_engine, resolve_url
    from trainer.progress.reports import city_report

    engine = create_progress_engine(resolve_url(args.url).url)
    try:
        report = city_report(engine, date_from, date_to, venue=args.venue, with_names=args.names)
    except Exception as exc:  # unreachable server, an old schema, a locked file ...
        say("cli.report.unreachable", lang, err=True, error=type(exc).__name__)
        return 1
    finally:
        engine.dispose()
    names = _scenario_names(args, lang)
    try:
        if kind == "csv":
            from trainer.app.report_export import write_csv

            write_csv(report, out, lang, names)
        else:
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # nothing is shown
            from PySide6.QtGui import QGuiApplication

            from trainer.app.report_export import write_pdf

            app = QGuiApplication.instance() or QGuiApplication(["trainer-report"])  # noqa: F841 - fonts need it
            write_pdf(report, out, lang, names)
    except OSError as exc:
        say("cli.report.not_written", lang, err=True, path=out, error=type(exc).__name__)
        return 1
    say("cli.report.written", lang, path=out)
    return 0


def _scenario_names(args: argparse.Namespace, lang: str):
    """Titles and categories of the scenarios on offer (ids when the content cannot be read)."""
    from trainer.app.report_export import ScenarioNames

    try:
        from trainer.app.library import Library
        from trainer.content import bundled_content_dir

        folders = [Path(p) for p in (getattr(args, "content", None) or [])] or [bundled_content_dir()]
        return ScenarioNames.from_library(Library.load(folders), lang)
    except Exception:  # the report stands without titles
        log.debug("the scenario titles could not be loaded; the report uses ids", exc_info=True)
        return ScenarioNames()
