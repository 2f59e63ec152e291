"""The instructor area on a city's record: does the window ever stop?

Opens the real window's instructor area on a seeded record (20,000 learners,
2,000,000 events by default, made like ``progress_bench.py`` makes its
record), unlocks it with the PIN and shows each of its pages in turn, while
a 1 ms timer on the UI thread notes every gap between its ticks. The longest
gap is how long the window could not paint or react. Each gap is also
measured in CPU time of the UI thread (``time.thread_time``): a long gap with
little CPU is the loaded machine taking the core away, a long gap with as
much CPU is work done on the UI thread. Goal: no gap longer than one frame
(16.7 ms) of UI-thread CPU; queries run on the area's worker thread.

    .venv/bin/python benchmarks/instructor_bench.py
    .venv/bin/python benchmarks/instructor_bench.py --learners 2000 --events 200000
    .venv/bin/python benchmarks/instructor_bench.py --record /tmp/city.sqlite3   # made once, kept

``--record PATH`` keeps the seeded record at PATH and uses it as it is when
it exists (seeding 2 M events takes minutes). ``--scale`` sets the area's
own text size (percent).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

FRAME_S = 1 / 60
PIN = "4321"


class Heartbeat:
    """A 1 ms timer on the UI thread; each tick notes the wall and UI-thread CPU time since the last."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.gaps: list[tuple[float, float]] = []
        self._last = (time.perf_counter(), time.thread_time())
        self.timer = QTimer()
        self.timer.setInterval(1)
        self.timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = (time.perf_counter(), time.thread_time())
        self.gaps.append((now[0] - self._last[0], now[1] - self._last[1]))
        self._last = now

    def start(self) -> None:
        self.gaps.clear()
        self._last = (time.perf_counter(), time.thread_time())
        self.timer.start()

    def stop(self) -> None:
        self._tick()  # the gap up to now counts too
        self.timer.stop()


PROFILE: list[str] = []
"""``--profile``: the phases (parts of their names) whose UI-thread work is profiled and printed."""


def measure(app, beat: Heartbeat, action: Callable[[], object], busy: Callable[[], bool],
            name: str = "") -> dict[str, float]:
    """Run ``action`` on the UI thread and the event loop until nothing is pending (plus a few passes)."""
    if any(part in name for part in PROFILE):
        import cProfile
        import pstats

        profile = cProfile.Profile()
        result = profile.runcall(measure, app, beat, action, busy)
        print(f"\n-- profile: {name}")
        pstats.Stats(profile).sort_stats("tottime").print_stats(int(os.environ.get("BENCH_STATS", "18")))
        return result
    from PySide6.QtCore import QEventLoop

    flags = QEventLoop.ProcessEventsFlag.AllEvents
    beat.start()
    wall0, cpu0 = time.perf_counter(), time.thread_time()
    action()
    app.processEvents(flags, 5)
    while busy() and time.perf_counter() - wall0 < 300:
        app.processEvents(flags, 5)
    settled = time.perf_counter() - wall0
    until = time.perf_counter() + 0.2  # what a page does after its results arrived (layout, paint)
    while time.perf_counter() < until:
        app.processEvents(flags, 5)
    beat.stop()
    wall, cpu = max(beat.gaps, default=(0.0, 0.0))
    return {"settled": settled, "ui_cpu": time.thread_time() - cpu0, "gap": wall, "gap_cpu": cpu,
            "worst_cpu": max((c for _w, c in beat.gaps), default=0.0),
            "over": float(sum(1 for w, _c in beat.gaps if w > FRAME_S))}


def run(record_file: Path, scale: int) -> list[tuple[str, dict[str, float]]]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    from trainer.app.instructor import InstructorArea
    from trainer.app.instructor.common import AreaPrefs
    from trainer.app.library import Library
    from trainer.app.main_window import MainWindow
    from trainer.app.progress_link import ProgressLink
    from trainer.app.settings import Settings
    from trainer.progress import open_progress
    from trainer.progress.database import DB_FILENAME

    app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp(prefix="instructor-bench-"))
    os.environ["TRAINER_CONFIG_DIR"] = str(folder / "config")
    (folder / "record").mkdir()
    os.link(record_file, folder / "record" / DB_FILENAME) if record_file.stat().st_dev == folder.stat().st_dev \
        else shutil.copy2(record_file, folder / "record" / DB_FILENAME)
    results: list[tuple[str, dict[str, float]]] = []
    beat = Heartbeat()
    record = open_progress(data_dir_override=folder / "record", background_check=False)
    try:
        record.pin.set(PIN, recovery=True)  # a seeded record has learners but no PIN yet
        window = MainWindow(Library([]), settings=Settings(read_aloud=False, text_size_chosen=True))
        window.resize(1280, 860)
        window.show()
        link = ProgressLink(record)
        window.attach_progress(link)
        for _ in range(20):
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)

        def area() -> InstructorArea | None:
            return window.findChild(InstructorArea)

        def busy() -> bool:
            found = area()
            return found is not None and found.jobs.busy

        def idle() -> None:
            until = time.perf_counter() + 1.0
            while time.perf_counter() < until:
                app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)

        def open_area() -> None:
            prefs = AreaPrefs(scale, folder / "config" / "instructor-area.json")
            prefs.save()
            window.show_instructor()

        def unlock() -> None:
            shown = area()
            assert shown is not None
            shown.gate.pin_edit.setText(PIN)
            shown.gate.unlock_button.click()

        def phase(name: str, action: Callable[[], object], until: Callable[[], bool] = busy) -> None:
            results.append((name, measure(app, beat, action, until, name)))

        phase("nothing (the control: 1 s of an idle window)", idle, lambda: False)
        phase("open the area (the PIN gate)", open_area)
        phase("unlock: the first page with 20,000 learners", unlock)
        shown = area()
        assert shown is not None and shown.is_unlocked, "the area did not unlock"
        for index in [*range(1, shown.tabs.count()), 0]:
            name = shown.tabs.tabText(index)
            phase(f"show 「{name}」", lambda i=index: shown.tabs.setCurrentIndex(i))
        reports = shown.reports_page
        shown.show_page(reports)
        for index in range(1, reports.tabs.count()):
            name = reports.tabs.tabText(index)
            phase(f"reports: 「{name}」", lambda i=index: reports.tabs.setCurrentIndex(i))
        phase("reports: the city's report, two years",
              lambda: (reports.tabs.setCurrentIndex(0), reports.city.from_edit.setText("2026-04-01"),
                       reports.city.to_edit.setText("2028-03-31"), reports.city.count()))
        phase("close the area (back to the learner choice)", shown.closed.emit, lambda: False)
        window.close()
        link.close()
    finally:
        record.close()
        shutil.rmtree(folder, ignore_errors=True)
    return results


def ms(seconds: float) -> str:
    return f"{seconds * 1e3:,.1f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--learners", type=int, default=20_000)
    parser.add_argument("--events", type=int, default=2_000_000)
    parser.add_argument("--record", help="the seeded record's file: used as it is when it exists, else made and kept")
    parser.add_argument("--scale", type=int, default=100, help="the area's text size, percent (default 100)")
    parser.add_argument("--profile", action="append", default=[],
                        help="profile the phases whose name has this text (repeatable), e.g. --profile 教室")
    args = parser.parse_args()
    PROFILE.extend(args.profile)
    from progress_bench import load_sqlite

    with tempfile.TemporaryDirectory() as tmp:
        record_file = Path(args.record) if args.record else Path(tmp) / "record.sqlite3"
        if not record_file.exists():
            print(f"seeding {args.learners:,} learners, {args.events:,} events …", flush=True)
            seconds = load_sqlite(record_file, args.learners, args.events)
            print(f"seeded in {seconds:,.0f} s", flush=True)
        results = run(record_file, args.scale)
    print(f"\n## the instructor area at {args.scale} % on {record_file.name} "
          f"(load average {os.getloadavg()[0]:.1f}, {os.cpu_count()} CPUs)")
    print("| action | until settled | UI-thread CPU | longest stop (wall / its CPU) | most CPU in one stop "
          "| stops > 1 frame |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, r in results:
        print(f"| {name} | {ms(r['settled'])} | {ms(r['ui_cpu'])} | {ms(r['gap'])} / {ms(r['gap_cpu'])} "
              f"| {ms(r['worst_cpu'])} | {r['over']:.0f} |")
    worst = max((r["worst_cpu"] for name, r in results[1:]), default=0.0)
    print(f"\nmost UI-thread CPU in one stop: {ms(worst)} (goal ≤ {ms(FRAME_S)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
