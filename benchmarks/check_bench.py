"""How ``trainer check`` grows with the number of steps in one file (issue #12: 9,000 steps < 5 s).

Writes linear scenarios of N steps (each step: a screen with a button and a
tap on it; the broken variant taps a button that is not there) and times ``trainer check --no-readings``
on each in a fresh process. Also prints how many lines the output has.

    PYTHONPATH=. python benchmarks/check_bench.py [--steps 1000 3000 9000]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEADER = """format: 1
id: long-{n}
version: 1
title: {{ja: ながい練習, en: A long practice}}
summary: {{ja: とても長い練習です。, en: A very long practice.}}
task: {{ja: 最後まで進んでください。, en: Go on to the end.}}
category: smartphone
level: 1
minutes: 5
device: phone
steps:
"""

# Compact (flow style) so that 9,000 steps fit the 1 MiB file limit.
STEP = "  - {{id: s{i}, say: つぎ, screen: {{elements: [{{type: button, id: n, label: つぎ}}]}}, expect: {{tap: n}}}}\n"
LAST = "  - {id: end, finish: success, say: できました}\n"


def write(folder: Path, n: int, broken: bool = False) -> Path:
    path = folder / f"long-{n}.yaml"
    body = "".join(STEP.format(i=i) for i in range(n)) + LAST
    if broken:  # every step names a target that is not on its screen: one problem per step
        body = body.replace("expect: {tap: n}", "expect: {tap: x}")
    path.write_text(HEADER.format(n=n) + body, encoding="utf-8")
    return path


def time_check(path: Path) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system of the child: what a quiet PC would see) and lines."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "trainer", "check", "--no-readings", "--lang", "en", str(path)],
                          capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, len(done.stdout.splitlines())


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--steps", type=int, nargs="+", default=[1000, 3000, 9000])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for n in args.steps:
            for broken in (False, True):
                wall, cpu, lines = time_check(write(folder, n, broken))
                kind = "broken" if broken else "valid"
                print(f"{n:>6} steps ({kind:>6}): {wall:6.2f} s wall, {cpu:5.2f} s CPU, {lines} output line(s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
