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
own text size (percent). ``--profile TEXT`` profiles the phases whose name
has TEXT as a whole (cProfile); ``--stops TEXT`` shows, for those phases,
what the UI thread did in each of its longest stops alone: the Python
functions (cProfile of that one stop) and the Qt events it handled (receiver
class and event type, UI-thread CPU without the events inside them), e.g.

    .venv/bin/python benchmarks/instructor_bench.py --record /tmp/city.sqlite3 --stops open
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

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
        #: The UI thread's CPU in Python's full garbage collections (generation 2) within each gap.
        self.full_gc: list[float] = []
        self._last = (time.perf_counter(), time.thread_time())
        self._gc_last = FULL_GC_CPU[0]
        self.timer = QTimer()
        self.timer.setInterval(1)
        self.timer.timeout.connect(self._tick)
        #: Told each gap (wall, CPU) as it ends (``Stops``).
        self.on_gap: Callable[[float, float], None] | None = None

    def _tick(self) -> None:
        now = (time.perf_counter(), time.thread_time())
        self.gaps.append((now[0] - self._last[0], now[1] - self._last[1]))
        self.full_gc.append(FULL_GC_CPU[0] - self._gc_last)
        self._last, self._gc_last = now, FULL_GC_CPU[0]
        if self.on_gap is not None:
            self.on_gap(*self.gaps[-1])

    def start(self) -> None:
        self.gaps.clear()
        self.full_gc.clear()
        self._last, self._gc_last = (time.perf_counter(), time.thread_time()), FULL_GC_CPU[0]
        self.timer.start()

    def stop(self) -> None:
        self._tick()  # the gap up to now counts too
        self.timer.stop()


PROFILE: list[str] = []
"""``--profile``: the phases (parts of their names) whose UI-thread work is profiled and printed."""
STOPS: list[str] = []
"""``--stops``: the phases (parts of their names) whose longest stops are profiled one by one."""
KEEP_STOPS = 4
COLLECTIONS: list[tuple[int, float, int]] = []
"""``--gaps``: Python's garbage collections (generation, UI-thread CPU, objects freed) during the phase."""
FULL_GC_CPU = [0.0]
"""The UI thread's CPU in Python's full garbage collections so far."""


def watch_collections() -> None:
    """Note each garbage collection on the UI thread (``COLLECTIONS``, ``FULL_GC_CPU``). A full one
    (generation 2) goes over every Python object of the process (about 110,000 here: the modules of
    Qt, SQLAlchemy, Alembic, the app) and takes 50–130 ms under this machine's load, whatever runs;
    Python starts one when the objects that lived long have grown by a quarter since the last."""
    import gc
    import threading

    started: list[float] = []
    ui = threading.get_ident()

    def note(phase: str, info: dict[str, int]) -> None:
        if threading.get_ident() != ui:
            return
        if phase == "start":
            started[:] = [time.thread_time()]
        elif started:
            spent = time.thread_time() - started[0]
            COLLECTIONS.append((info["generation"], spent, info["collected"]))
            if info["generation"] == 2:
                FULL_GC_CPU[0] += spent

    gc.callbacks.append(note)


GAPS: list[bool] = []
"""``--gaps``: print each phase's longer stops in the order they came."""
STOP_AFTER: list[str] = []
"""``--stop-after``: the phase (part of its name) after which no other is measured."""


class EventTimes:
    """UI-thread CPU per Qt event (receiver class, event type), without the events handled inside it:
    ``QApplication.notify`` of the bench's own application class (``app_class``) reports to it."""

    def __init__(self) -> None:
        self.times: dict[tuple[str, str], list[float]] = {}
        self._inner: list[float] = []
        self.on = False

    def app_class(self):
        from PySide6.QtWidgets import QApplication

        times = self

        class TimedApplication(QApplication):
            def notify(self, receiver, event):  # Qt's name
                if not times.on:
                    return super().notify(receiver, event)
                kind = event.type()
                start = time.thread_time()
                times._inner.append(0.0)
                try:
                    return super().notify(receiver, event)
                finally:
                    spent = time.thread_time() - start
                    inner = times._inner.pop()
                    if times._inner:
                        times._inner[-1] += spent
                    key = (type(receiver).__name__, getattr(kind, "name", str(kind)))
                    entry = times.times.setdefault(key, [0.0, 0.0])
                    entry[0] += spent - inner
                    entry[1] += 1

        return TimedApplication

    def take(self) -> dict[tuple[str, str], list[float]]:
        taken, self.times = self.times, {}
        return taken


EVENTS = EventTimes()


class Stops:
    """cProfile and Qt event times of each stop between two heartbeats alone; keeps the longest (UI CPU)."""

    def __init__(self, beat: Heartbeat) -> None:
        import cProfile

        self._new = lambda: cProfile.Profile(time.thread_time)  # the UI thread's CPU, not the loaded machine's wall
        self.kept: list[tuple[float, float, Any, dict[tuple[str, str], list[float]]]] = []
        self._beat = beat
        self._profile = self._new()

    def __enter__(self) -> Stops:
        self._beat.on_gap = self._gap
        EVENTS.on = True
        EVENTS.take()
        self._profile.enable()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._profile.disable()
        self._beat.on_gap = None
        EVENTS.on = False

    def _gap(self, wall: float, cpu: float) -> None:
        self._profile.disable()
        events = EVENTS.take()
        self.kept.append((cpu, wall, self._profile, events))
        self.kept.sort(key=lambda k: -k[0])
        del self.kept[KEEP_STOPS:]
        self._profile = self._new()
        self._profile.enable()

    def print(self, name: str) -> None:
        import io
        import pstats

        for rank, (cpu, wall, profile, events) in enumerate(self.kept, 1):
            print(f"\n-- {name}: stop {rank}, {ms(cpu)} UI CPU ({ms(wall)} wall)")
            print("   Qt events (receiver, type: own UI CPU, count):")
            for (receiver, kind), (spent, count) in sorted(events.items(), key=lambda e: -e[1][0])[:12]:
                print(f"     {receiver}, {kind}: {ms(spent)} × {count:.0f}")
            out = io.StringIO()
            pstats.Stats(profile, stream=out).sort_stats(os.environ.get("BENCH_SORT", "tottime")).print_stats(
                int(os.environ.get("BENCH_STATS", "14")))
            print("\n".join("   " + line for line in out.getvalue().splitlines()
                            if line.strip() and not line.lstrip().startswith(("Ordered", "List reduced"))))


def measure(app, beat: Heartbeat, action: Callable[[], object], busy: Callable[[], bool],
            name: str = "") -> dict[str, float]:
    """Run ``action`` on the UI thread and the event loop until nothing is pending (plus a few passes)."""
    if any(part in name for part in PROFILE):
        import cProfile
        import pstats

        profile = cProfile.Profile()
        result = profile.runcall(_measure, app, beat, action, busy)
        print(f"\n-- profile: {name}")
        pstats.Stats(profile).sort_stats("tottime").print_stats(int(os.environ.get("BENCH_STATS", "18")))
        return result
    if any(part in name for part in STOPS):
        stops = Stops(beat)
        with stops:
            result = _measure(app, beat, action, busy)
        stops.print(name)
        return result
    return _measure(app, beat, action, busy)


def _measure(app, beat: Heartbeat, action: Callable[[], object], busy: Callable[[], bool]) -> dict[str, float]:
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
    if GAPS:
        print("   stops ≥ 3 ms of UI CPU, in order (CPU/wall ms):",
              " ".join(f"{c * 1e3:.0f}/{w * 1e3:.0f}" for w, c in beat.gaps if c >= 0.003))
        print("   Python's garbage collections meanwhile (generation: CPU ms, objects freed):",
              " ".join(f"{g}: {c * 1e3:.0f} ms, {n}" for g, c, n in COLLECTIONS if c >= 0.002) or "none over 2 ms")
    COLLECTIONS.clear()
    return {"settled": settled, "ui_cpu": time.thread_time() - cpu0, "gap": wall, "gap_cpu": cpu,
            "worst_cpu": max((c for _w, c in beat.gaps), default=0.0),
            "worst_cpu_no_gc": max((c - g for (_w, c), g in zip(beat.gaps, beat.full_gc, strict=True)), default=0.0),
            "full_gc": float(sum(1 for g in beat.full_gc if g > 0)),
            "over": float(sum(1 for w, _c in beat.gaps if w > FRAME_S))}


def run(record_file: Path, scale: int) -> list[tuple[str, dict[str, float]]]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication, QWidget

    # Nothing of the instructor area is imported before it is opened: as in the app, opening it imports it.
    from trainer.app.library import Library
    from trainer.app.main_window import MainWindow
    from trainer.app.progress_link import ProgressLink
    from trainer.app.settings import Settings
    from trainer.progress import open_progress
    from trainer.progress.database import DB_FILENAME

    watch_collections()
    app = QApplication.instance() or (EVENTS.app_class() if STOPS else QApplication)([])
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

        def area() -> Any:
            return window.findChild(QWidget, "instructorArea")  # the InstructorArea, once opened

        def busy() -> bool:
            found = area()
            return found is not None and found.jobs.busy

        def idle() -> None:
            until = time.perf_counter() + 1.0
            while time.perf_counter() < until:
                app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)

        def open_area() -> None:
            # The area's text size as AreaPrefs keeps it (trainer/app/instructor/common.py), written here
            # so that nothing of the area is imported before the click.
            (folder / "config").mkdir(parents=True, exist_ok=True)
            (folder / "config" / "instructor-area.json").write_text(json.dumps({"text_scale": scale}))
            window.show_instructor()

        def unlock() -> None:
            shown = area()
            assert shown is not None
            shown.gate.pin_edit.setText(PIN)
            shown.gate.unlock_button.click()

        def stopped() -> bool:
            return bool(STOP_AFTER) and any(STOP_AFTER[0] in done for done, _r in results)

        def phase(name: str, action: Callable[[], object], until: Callable[[], bool] = busy) -> None:
            if not stopped():
                if GAPS:
                    print(name)
                results.append((name, measure(app, beat, action, until, name)))

        if os.environ.get("BENCH_HEAP"):
            import collections
            import gc

            objects = gc.get_objects()
            print(f"tracked objects before opening: {len(objects):,}")
            for kind, n in collections.Counter(type(o).__qualname__ for o in objects).most_common(25):
                print(f"   {n:>9,} {kind}")
            sized = sorted(((len(o), type(o).__qualname__, repr(o)[:80]) for o in objects
                            if isinstance(o, (list, dict, set, tuple))), reverse=True)[:8]
            print("largest containers:", *sized, sep="\n   ")
            groups: dict[str, list[object]] = collections.defaultdict(list)
            for o in objects:
                groups[f"{type(o).__module__}.{type(o).__qualname__}"].append(o)
            spent = []
            for kind, members in groups.items():
                t = time.thread_time()
                gc.get_referents(*members)
                spent.append((time.thread_time() - t, len(members), kind))
            spent.sort(reverse=True)
            print("slowest to traverse (get_referents):", *(f"{a * 1e3:.1f} ms {n} {k}" for a, n, k in spent[:12]),
                  sep="\n   ")
            t = time.thread_time()
            gc.collect()
            print(f"a full collection now: {(time.thread_time() - t) * 1e3:.0f} ms; gc.get_count {gc.get_count()}")
            del objects
        phase("nothing (the control: 1 s of an idle window)", idle, lambda: False)
        phase("open the area (the PIN gate)", open_area)
        phase("unlock: the first page with 20,000 learners", unlock)
        if stopped():
            return results
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
    parser.add_argument("--stops", action="append", default=[],
                        help="show what each of the longest stops of the phases whose name has this text did "
                             "(Python profile and Qt events of that stop alone; repeatable)")
    parser.add_argument("--stop-after", help="measure no phase after the one whose name has this text")
    parser.add_argument("--gaps", action="store_true", help="print each phase's stops of 3 ms or more, in order")
    args = parser.parse_args()
    GAPS.extend([True] if args.gaps else [])
    STOP_AFTER.extend([args.stop_after] if args.stop_after else [])
    PROFILE.extend(args.profile)
    STOPS.extend(args.stops)
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
    cached = "on" if not sys.dont_write_bytecode or os.environ.get("PYTHONPYCACHEPREFIX") else "off (imports compile)"
    print(f"(Python's bytecode cache: {cached})")
    print("| action | until settled | UI-thread CPU | longest stop (wall / its CPU) | most CPU in one stop "
          "| the same, less full collections (their number) | stops > 1 frame |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for name, r in results:
        print(f"| {name} | {ms(r['settled'])} | {ms(r['ui_cpu'])} | {ms(r['gap'])} / {ms(r['gap_cpu'])} "
              f"| {ms(r['worst_cpu'])} | {ms(r['worst_cpu_no_gc'])} ({r['full_gc']:.0f}) | {r['over']:.0f} |")
    worst = max((r["worst_cpu"] for name, r in results[1:]), default=0.0)
    worst_no_gc = max((r["worst_cpu_no_gc"] for name, r in results[1:]), default=0.0)
    print(f"\nmost UI-thread CPU in one stop: {ms(worst)}, less Python's full collections {ms(worst_no_gc)} "
          f"(goal ≤ {ms(FRAME_S)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
