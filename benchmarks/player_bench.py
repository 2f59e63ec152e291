"""Player benchmarks (a script, not timed assertions).

1. Cold start: ``trainer --smoke`` (start the real app, paint the first
   window, exit) against a bare PySide6 window painted the same way, both
   as fresh processes, interleaved, median of ``--runs``. Goal: at most 2x.
2. Peak memory (max RSS of each process, from ``os.wait4``). Goal: at most
   2x the bare window.
3. Step change: the learner acts through the UI (a click, keys, a drag or a
   phrase through QTest, as the autoplayer does it); the clock starts when
   the widget's ``Action`` reaches the runner (its ``ActionJudged`` event —
   a drag's many moves before that are not a step change) and stops when
   the next step's screen has been painted: judgement, building the new
   screen, layout, deleting the old one and painting. If Qt has not painted
   the new screen by the time the events are processed, a synchronous
   ``repaint()`` is added to the time. Every step of every bundled scenario, ``--repeat`` times;
   p50/p95. Goal: p95 at most 16 ms (one frame at 60 Hz).

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/player_bench.py``
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

BARE = """
import sys
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication(sys.argv[:1])
window = QWidget()
window.resize(1280, 860)
window.show()
app.processEvents()
window.grab()
sys.exit(0)
"""


def run_process(argv: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall time (s) and peak RSS (KiB) of one fresh process."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{argv} exited with {process.returncode}")
    return elapsed, usage.ru_maxrss


def cold_start(runs: int) -> dict[str, float]:
    config = tempfile.mkdtemp(prefix="trainer-bench-")
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
           "TRAINER_CONFIG_DIR": config}
    trainer = [sys.executable, "-m", "trainer", "--smoke"]
    bare = [sys.executable, "-c", BARE]
    run_process(trainer, env)  # warm the file cache and the scenario catalogue once
    run_process(bare, env)
    times: dict[str, list[float]] = {"bare": [], "trainer": []}
    memory: dict[str, list[int]] = {"bare": [], "trainer": []}
    for _ in range(runs):
        for name, argv in (("bare", bare), ("trainer", trainer)):
            elapsed, rss = run_process(argv, env)
            times[name].append(elapsed)
            memory[name].append(rss)
    return {
        "bare_s": statistics.median(times["bare"]), "trainer_s": statistics.median(times["trainer"]),
        "bare_mib": max(memory["bare"]) / 1024, "trainer_mib": max(memory["trainer"]) / 1024,
    }


def step_changes(repeat: int) -> list[float]:
    """Milliseconds from a learner's action to the next step painted, for every step of every scenario."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["TRAINER_CONFIG_DIR"] = tempfile.mkdtemp(prefix="trainer-bench-")
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    import trainer.app  # noqa: F401
    from tests.player.autoplay import CONTINUE, moves_from, perform
    from trainer.app.library import Library
    from trainer.app.main_window import MainWindow
    from trainer.app.settings import Settings
    from trainer.content import bundled_content_dir
    from trainer.scenarios.loader import load_all

    app = QApplication.instance() or QApplication([])

    class PaintSpy(QObject):
        """Notes when the new step's screen receives its first paint."""

        watched = None
        painted = False

        def eventFilter(self, obj, event):  # noqa: N802
            if event.type() == QEvent.Type.Paint and obj is self.watched:
                self.painted = True
            return False

    spy = PaintSpy()
    app.installEventFilter(spy)
    scenarios, _ = load_all([bundled_content_dir()])
    window = MainWindow(Library(scenarios), settings=Settings(text_size_chosen=True, read_aloud=False))
    window.resize(1280, 860)
    window.show()
    app.processEvents()
    samples: list[float] = []
    for _ in range(repeat):
        for scenario in scenarios:
            for step in scenario.steps:
                moves = moves_from(scenario, step)
                if not moves:
                    continue
                move = moves[0]
                if move.expect is not CONTINUE and move.expect.fields:
                    continue  # typing into fields first would be timed too; measure the plain ones
                player = window.start(scenario.id, snapshot={
                    "scenario_id": scenario.id, "scenario_version": scenario.version, "step_id": step.id})
                app.processEvents()
                QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
                shown = []
                judged: list[float] = []

                def watch(_step, player=player, shown=shown):
                    shown.append(_step)
                    spy.watched, spy.painted = player.view, False

                def note(event, judged=judged):
                    if type(event).__name__ == "ActionJudged" and event.next_step_id:
                        judged.append(time.perf_counter())

                player.step_shown.connect(watch)
                player.run.subscribe(note)
                perform(player, move.expect)  # the click (or keys, drag, phrase) through the UI
                if shown and not spy.painted:
                    window.repaint()
                end = time.perf_counter()
                if shown and judged:
                    elapsed = (end - judged[0]) * 1000
                    samples.append(elapsed)
                    SLOWEST.append((elapsed, scenario.id, step.id, move.expect.kind))
    window.close()
    return samples


SLOWEST: list[tuple[float, str, str, str]] = []
"""Every sample with its scenario, step and action kind (for finding slow screens)."""


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="cold starts of each kind (default 7)")
    parser.add_argument("--repeat", type=int, default=5, help="passes over every step (default 5)")
    args = parser.parse_args()
    start = cold_start(args.runs)
    ratio = start["trainer_s"] / start["bare_s"]
    memory = start["trainer_mib"] / start["bare_mib"]
    print(f"cold start   bare PySide6 window {start['bare_s'] * 1000:7.0f} ms   trainer --smoke "
          f"{start['trainer_s'] * 1000:7.0f} ms   ratio {ratio:.2f}x (goal <= 2x)")
    print(f"peak memory  bare PySide6 window {start['bare_mib']:7.1f} MiB  trainer --smoke "
          f"{start['trainer_mib']:7.1f} MiB  ratio {memory:.2f}x (goal <= 2x)")
    samples = step_changes(args.repeat)
    print(f"step change  {len(samples)} samples   p50 {percentile(samples, 0.5):.1f} ms   "
          f"p95 {percentile(samples, 0.95):.1f} ms   max {max(samples):.1f} ms (goal p95 <= 16 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
