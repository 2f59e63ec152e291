"""The learner picker with a city's classes: what one refresh costs the UI thread.

Shows the real ``LearnerPicker`` (1280×860) on an in-memory source answered on a worker thread like
the record (200 classes and 20,000 learners by default: too many names to list, so the class chooser
is opened for the learner, as when the instructor area closes on a city's record), then refreshes it
a few times and notes the UI thread's CPU time (``time.thread_time``) of each refresh with the layout
and paint after it, and how many passes the page's ``FlowLayout``s made. ``--change`` renames a class
before each refresh (the instructor changed the classes); ``--learners 30`` keeps the chooser folded.

    .venv/bin/python benchmarks/picker_bench.py
    .venv/bin/python benchmarks/picker_bench.py --change
    .venv/bin/python benchmarks/picker_bench.py --learners 30
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def run(classes: int, learners: int, change: bool, repeat: int) -> list[tuple[float, int]]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    from trainer.app.learner_picker import LearnerPicker
    from trainer.progress.learners import GroupInfo, LearnerInfo
    from trainer.widgets import flow
    from trainer.widgets.look import Look

    app = QApplication.instance() or QApplication([])
    groups = [GroupInfo(uuid.uuid4(), f"教室 {i:03d} 月曜午前", 100) for i in range(classes)]
    people = [LearnerInfo(uuid.uuid4(), f"都城 {i}", None, None) for i in range(learners)]

    class Source:
        off_thread = True

        def list_groups(self) -> list[GroupInfo]:
            return list(groups)

        def list_learners(self, group_id: uuid.UUID | None = None) -> list[LearnerInfo]:
            return people

        def find_learners(self, group_id, text, limit) -> list[LearnerInfo]:
            return people[:limit]

    passes = [0]
    layout_once = flow.FlowLayout._do_layout

    def counted(self, rect, apply):
        passes[0] += 1
        return layout_once(self, rect, apply)

    flow.FlowLayout._do_layout = counted  # type: ignore[method-assign]
    flags = QEventLoop.ProcessEventsFlag.AllEvents

    def settle(seconds: float) -> None:
        until = time.perf_counter() + seconds
        while time.perf_counter() < until:
            app.processEvents(flags, 5)

    picker = LearnerPicker(Source(), look=Look())
    picker.resize(1280, 860)
    picker.show()
    settle(0.5)
    results = []
    answers = [0]
    picker.names_shown.connect(lambda: answers.__setitem__(0, answers[0] + 1))
    for index in range(repeat):
        if change:
            groups[0] = GroupInfo(groups[0].id, f"教室 改 {index}", 1)
        passes[0] = 0
        cpu0 = time.thread_time()
        waited = answers[0]
        picker.refresh()
        while answers[0] == waited:  # the answer comes from the worker thread
            app.processEvents(flags, 5)
        for _ in range(5):
            app.processEvents(flags, 5)
        picker.grab()  # painted
        results.append((time.thread_time() - cpu0, passes[0]))
        settle(0.2)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--classes", type=int, default=200)
    parser.add_argument("--learners", type=int, default=20_000)
    parser.add_argument("--change", action="store_true", help="rename a class before each refresh")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    results = run(args.classes, args.learners, args.change, args.repeat)
    load = os.getloadavg()[0]
    print(f"## the learner picker: {args.classes} classes, {args.learners:,} learners"
          f"{', a class renamed each time' if args.change else ''} (load average {load:.1f}, {os.cpu_count()} CPUs)")
    print("| refresh | UI-thread CPU (refresh, layout, paint) | FlowLayout passes |")
    print("| --- | --- | --- |")
    for index, (cpu, count) in enumerate(results, 1):
        print(f"| {index} | {cpu * 1e3:,.1f} ms | {count} |")
    cpus = sorted(c for c, _n in results)
    print(f"\nmedian {cpus[len(cpus) // 2] * 1e3:,.1f} ms of UI-thread CPU per refresh")


if __name__ == "__main__":
    main()
