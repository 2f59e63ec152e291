"""Run the benchmarks that measure the app as it is used, one after another.

    make bench                                   # or: .venv/bin/python benchmarks/run_all.py
    make bench BENCH_EVENTS=200000,2000000,10000000   # the record's scaling up to 10 M events (long)
    .venv/bin/python benchmarks/run_all.py --quick    # fewer runs, smaller sizes (a first look)

1. the real first frame and its memory against a bare window (``start_bench.py``),
   and the start with 2,300 scenarios (cached catalogue, and after an update);
2. the step change in {speech off/on} x {furigana off/on} x {100 %, 300 %} (``player_bench.py --matrix``);
3. the catalogue at 23 / 230 / 2,300 scenarios and the 600-card category page (``catalogue_bench.py``);
4. the record: one event's write, the reports at each of ``--events`` (default 0.2 and 2 M),
   30 writers (``progress_bench.py``; PostgreSQL from ``TRAINER_TEST_PG_URL``), and the city's
   report over the largest of ``--events`` (``city_report_bench.py``);
5. a day of practice: memory over 25 passes with speech and the record (``memory_bench.py``);
6. speech and readings (``speech_bench.py``) and plain loading (``loader_bench.py``).

Each script prints its own table (copy the figures into docs/performance.md).
The machine may be shared: the scripts interleave baseline and candidate and
report medians; the load average printed with a figure says how busy it was.
``make test`` never runs these.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs and smaller sizes")
    parser.add_argument("--events", default=os.environ.get("BENCH_EVENTS") or "200000,2000000",
                        help="event counts for the report scaling (default 200000,2000000)")
    args = parser.parse_args()
    quick = args.quick
    runs = ["--runs", "7" if quick else "21"]
    plan = [
        ["start_bench.py", *runs],
        ["start_bench.py", "--runs", "5" if quick else "11", "--scenarios", "2300"],
        ["start_bench.py", "--runs", "3" if quick else "5", "--scenarios", "2300", "--cold"],
        ["player_bench.py", "--matrix", "--repeat", "1" if quick else "3", "--rounds", "1" if quick else "2",
         *(["--scenarios", "6"] if quick else [])],
        ["catalogue_bench.py", "--counts", "23,230" if quick else "23,230,2300"],
        ["progress_bench.py", "--events", "200000" if quick else args.events],
        ["city_report_bench.py", "--events", "200000" if quick else str(max(int(n) for n in args.events.split(","))),
         *(["--learners", "2000"] if quick else [])],
        ["memory_bench.py", "--passes", "5" if quick else "25"],
        ["speech_bench.py", "--rounds", "1" if quick else "3"],
        ["loader_bench.py"],
    ]
    here = Path(__file__).resolve().parent
    failed = []
    for script, *extra in plan:
        print(f"\n=== {script} {' '.join(extra)} ===", flush=True)
        if subprocess.run([sys.executable, str(here / script), *extra], check=False).returncode != 0:
            failed.append(script)
    if failed:
        print(f"\nfailed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
