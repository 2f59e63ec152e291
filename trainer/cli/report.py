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
import sys
from pathlib import Path

log = logging.getLogger(__name__)

HELP = "市への報告をCSVかPDFで書き出します / write the city's report as CSV or PDF"

_TEXT = {
    "ja": {
        "bad_date": "{value}: 日付が読めません — 2026-04-01 のように書いてください。",
        "order": "--to の日付が --from より前です — 期間の始めと終わりを確かめてください。",
        "bad_out": "{path}: 書き出す形式がわかりません — 名前を .csv か .pdf で終えてください。",
        "written": "書き出しました: {path}",
        "unreachable": "記録のデータベースにつながりません（{error}）。",
        "not_written": "{path}: 書き出せませんでした（{error}）— 保存する場所を確かめてください。",
    },
    "en": {
        "bad_date": "{value}: not a date — write it like 2026-04-01.",
        "order": "--to is before --from — check the start and end of the period.",
        "bad_out": "{path}: unknown format — end the name with .csv or .pdf.",
        "written": "Written: {path}",
        "unreachable": "Cannot reach the record's database ({error}).",
        "not_written": "{path}: could not be written ({error}) — check the place to save.",
    },
}


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
    t = _TEXT.get(lang, _TEXT["ja"])
    dates = []
    for value in (args.date_from, args.date_to):
        try:
            dates.append(_date(value))
        except argparse.ArgumentTypeError:
            print(t["bad_date"].format(value=value), file=sys.stderr)
            return 2
    date_from, date_to = dates
    if date_to < date_from:
        print(t["order"], file=sys.stderr)
        return 2
    out = Path(args.out)
    kind = out.suffix.lower().lstrip(".")
    if kind not in ("csv", "pdf"):
        print(t["bad_out"].format(path=out), file=sys.stderr)
        return 2

    from trainer.progress.database import create_progress_engine, resolve_url
    from trainer.progress.reports import city_report

    engine = create_progress_engine(resolve_url(args.url).url)
    try:
        report = city_report(engine, date_from, date_to, venue=args.venue, with_names=args.names)
    except Exception as exc:  # unreachable server, an old schema, a locked file ...
        print(t["unreachable"].format(error=type(exc).__name__), file=sys.stderr)
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
        print(t["not_written"].format(path=out, error=type(exc).__name__), file=sys.stderr)
        return 1
    print(t["written"].format(path=out))
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
