"""Run every benchmark script in this folder, one after another.

    make bench          # or: .venv/bin/python benchmarks/run_all.py

Each script prints its own table; copy the figures into docs/performance.md.
Scripts that need a PostgreSQL server read TRAINER_TEST_PG_URL and say so
when it is not set.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def main() -> int:
    here = Path(__file__).resolve().parent
    failed = []
    for script in sorted(here.glob("*_bench.py")):
        print(f"\n=== {script.name} ===", flush=True)
        if subprocess.run([sys.executable, str(script)], check=False).returncode != 0:
            failed.append(script.name)
    if failed:
        print(f"\nfailed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
