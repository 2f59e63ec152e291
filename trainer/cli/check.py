"""``trainer check PATH...`` — everything ``validate`` does, and more.

Also finds steps no path reaches, dead ends, loops and choices that lead
nowhere, actions whose target is not on the step's screen or does not answer
to that action, texts too long for large text sizes and words the reading
engine is unsure of; then plays every path to every finish with the real
runner. One line per problem, then a summary.

Exit 0 when there is no error (warnings are fine), 1 when any content
error, 2 for a usage error (a path that does not exist).
"""

from __future__ import annotations

import argparse
import gc
import logging
import time
from pathlib import Path

from trainer.cli._messages import both_ways, missing_path, print_problems
from trainer.words.catalogue import tr

log = logging.getLogger(__name__)

HELP = both_ways("cli.check.help")


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="scenario files or folders")
    parser.add_argument("--no-readings", action="store_true", help="skip the reading (furigana) check")


def reading_check():
    """A :data:`trainer.authoring.check.ReadingCheck` from the reading engine, or
    None when the engine (or its dictionary) is not available."""
    try:
        from trainer.reading.engine import Reader

        Reader({}).words("\u78ba\u8a8d")  # 確認: any word makes the engine load its dictionary
    except Exception:  # any failure: the check is skipped with a note
        log.debug("the reading engine cannot be used; the reading check is skipped", exc_info=True)
        return None

    def for_scenario(scenario):
        reader = Reader(scenario.readings)

        def unsure(text: str) -> list[tuple[str, str]]:
            seen: dict[str, str] = {}
            for word in reader.words(text):
                if word.unsure:
                    seen.setdefault(word.surface, word.kana)
            return list(seen.items())

        return unsure

    return for_scenario


def run(args: argparse.Namespace) -> int:
    from trainer.authoring.check import check_scenario
    from trainer.scenarios.loader import load_all
    from trainer.scenarios.model import Severity

    lang = args.lang
    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        for path in missing:
            missing_path(path, lang, folder_too=True)
        return 2
    started = time.perf_counter()
    readings = None if args.no_readings else reading_check()
    if readings is None and not args.no_readings:
        print(tr("cli.check.no_readings", lang))
    # The collector frees nothing while a file's thousands of nodes and steps are built and
    # played (they all stay alive until the end), yet it walks them all again and again:
    # paused, a 9,000-step file checks in half the time (benchmarks/check_bench.py).
    collecting = gc.isenabled()
    gc.disable()
    try:
        scenarios, problems = load_all(args.paths)
        paths = 0
        for scenario in scenarios:
            report = check_scenario(scenario, readings(scenario) if readings else None)
            problems.extend(report.problems)
            paths += len(report.paths)
    finally:
        if collecting:
            gc.enable()
    problems.sort(key=lambda p: (p.where.path, p.where.line, p.where.column))
    print_problems(problems, lang)
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    warnings = len(problems) - errors
    files = len({p.where.path for p in problems if p.severity is Severity.ERROR})
    seconds = time.perf_counter() - started
    ok = len({s.path for s in scenarios} - {p.where.path for p in problems if p.severity is Severity.ERROR})
    print(tr("cli.check.summary", lang, ok=ok, errors=errors, files=files, warnings=warnings, paths=paths,
             seconds=f"{seconds:.1f}"))
    if not scenarios and not problems:
        print(tr("cli.no_scenarios", lang))
        return 1
    return 1 if errors else 0
