"""How long opening the record takes with a city's worth of events (issue #17 item 4, issue #12).

Builds a SQLite record with ``--events`` events (the same generator as
``progress_bench.py``), then times ``open_progress`` after a clean shutdown
(no full check: header and schema only) and after an unclean one (a stale
``.open-<pid>`` marker: ``PRAGMA quick_check`` runs in the background), and
how long that background check itself takes. Reports the median of
``--repeat`` opens each.

    PYTHONPATH=. python benchmarks/open_bench.py [--events 2000000] [--learners 20000]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from progress_bench import load_sqlite

from trainer.progress import open_progress
from trainer.progress.database import DB_FILENAME, check_sqlite_file


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=2_000_000)
    parser.add_argument("--learners", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        open_progress(data_dir_override=data).close()
        (data / DB_FILENAME).unlink()
        seconds = load_sqlite(data / DB_FILENAME, args.learners, args.events)
        size = (data / DB_FILENAME).stat().st_size / 2**20
        print(f"record: {args.events:,} events, {args.learners:,} learners, {size:.0f} MiB (built in {seconds:.0f} s)")
        open_progress(data_dir_override=data).close()  # migrate once
        for label, unclean in (("after a clean shutdown", False), ("after an unclean shutdown", True)):
            times = []
            for _ in range(args.repeat):
                if unclean:
                    (data / f"{DB_FILENAME}.open-999999999").write_text("0 0\n")
                started = time.perf_counter()
                progress = open_progress(data_dir_override=data)
                progress.learners.list_learners()  # what the learner page needs first
                times.append(time.perf_counter() - started)
                progress.close()
                (data / f"{DB_FILENAME}.open-999999999").unlink(missing_ok=True)
            print(f"open + learner list {label}: median {statistics.median(times) * 1000:.0f} ms")
        started = time.perf_counter()
        report = check_sqlite_file(data / DB_FILENAME, thorough=True, move_damaged=False)
        print(f"the full quick_check (now only in the background): {time.perf_counter() - started:.1f} s "
              f"({'ok' if report.ok else 'damaged'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
