"""A day of practice: memory over passes over the whole catalogue, with speech and the record.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/memory_bench.py [--passes 25]

One process plays every bundled scenario to its first finish, through the UI
(the autoplayer's clicks, keys, drags and phrases), ``--passes`` times, as a
chosen learner — so every run is recorded (an SQLite record in a temporary
folder) — with read-aloud on through the real ``SpeechService`` and Open
JTalk (the sound is synthesised, then dropped: this machine has no sound
device) and furigana on. The window is the real ``MainWindow`` with its
library loaded from the bundled folder as the app does.

Prints the resident memory (RSS) after every pass — after the first, every
module is imported and the reading dictionaries and the voice are loaded —
and the growth from pass 1 to the last. ``--trim`` also calls glibc's
``malloc_trim(0)`` after each pass and prints RSS after it: what it gives
back is the allocator's free-but-kept memory (fragmentation), what remains
is in use. ``--trace N`` adds tracemalloc: the Python heap after each pass
and the N source lines that grew most. Goal: at most 5 MiB of growth
over 25 passes. Also: the recorder's runs in memory and the narrator's
remembered texts at the end (both must stay bounded).
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def rss_mib() -> float:
    from trainer.app.first_frame import rss_kib  # the app's own reading of /proc

    return rss_kib() / 1024


def native_line() -> str:
    """Where RSS is: anonymous (the heaps) against file-backed (libraries, fonts, dictionaries), from
    /proc/self/smaps_rollup, and what glibc's malloc has handed out and holds free (mallinfo2)."""
    parts = []
    try:
        with open("/proc/self/smaps_rollup", encoding="ascii") as rollup:
            fields = dict(line.split(":", 1) for line in rollup if ":" in line and not line.startswith(" "))
        anon = int(fields["Anonymous"].split()[0]) / 1024
        rss = int(fields["Rss"].split()[0]) / 1024
        parts.append(f"anonymous {anon:.1f} MiB, file {rss - anon:.1f} MiB")
    except (OSError, KeyError, ValueError):
        pass
    info = mallinfo2()
    if info is not None:
        parts.append(f"malloc in use {info[0] / 2**20:.1f} MiB (of which mmap {info[1] / 2**20:.1f}), "
                     f"free in its arenas {info[2] / 2**20:.1f} MiB")
    return "; ".join(parts)


def mallinfo2() -> tuple[int, int, int] | None:
    """glibc's (bytes in use, of which in mmap'd blocks, bytes free but kept); None without glibc >= 2.33."""
    import ctypes

    class Info(ctypes.Structure):
        _fields_ = [(name, ctypes.c_size_t) for name in
                    ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
                     "fordblks", "keepcost")]

    try:
        function = ctypes.CDLL("libc.so.6").mallinfo2
    except (OSError, AttributeError):
        return None
    function.restype = Info
    info = function()
    return info.uordblks + info.hblkhd, info.hblkhd, info.fordblks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passes", type=int, default=25, help="passes over the catalogue (default 25)")
    parser.add_argument("--no-speech", action="store_true", help="read-aloud off")
    parser.add_argument("--trace", type=int, default=0, metavar="N",
                        help="also list the N source lines whose Python allocations grew most from pass "
                             "--trace-from to the last (tracemalloc; slower; Qt's own C++ memory is not seen)")
    parser.add_argument("--trace-from", type=int, default=2, metavar="P",
                        help="the pass after which the first tracemalloc snapshot is taken (default 2)")
    parser.add_argument("--trim", action="store_true",
                        help="after each pass also print RSS after glibc's malloc_trim(0) (memory the allocator "
                             "holds but no object uses is given back; what remains is kept)")
    parser.add_argument("--no-app-trim", action="store_true",
                        help="the app does not give the allocator's free memory back on its quiet pages "
                             "(lifetime.give_back_free_memory), to compare")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    work = Path(tempfile.mkdtemp(prefix="trainer-memory-"))
    os.environ["TRAINER_CONFIG_DIR"] = str(work)

    import shiboken6
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    import trainer.app  # noqa: F401
    from tests.player.autoplay import perform, routes
    from trainer.app.library import Library
    from trainer.app.main_window import MainWindow
    from trainer.app.progress_link import ProgressLink
    from trainer.app.settings import Settings
    from trainer.content import bundled_content_dir
    from trainer.progress import open_progress
    from trainer.reading import jtalk
    from trainer.speech.playback import AudioOut, AudioStream

    class Dropped(AudioStream):
        def write(self, pcm: bytes) -> None:
            pass

        def finish(self) -> None:
            pass

    class NoSound(AudioOut):
        name = "none"

        def open(self, rate, token):
            return Dropped()

    from trainer.widgets import lifetime

    app_trims = [0]
    if args.no_app_trim:
        lifetime._trim_function = None  # as where there is no glibc
    else:
        real_trim = lifetime._malloc_trim

        def counted_trim():
            app_trims[0] += 1
            return real_trim()

        lifetime._malloc_trim = counted_trim
    app = QApplication.instance() or QApplication([])
    library = Library.load([bundled_content_dir()], cache=work / "catalogue.json")
    speech = None
    if not args.no_speech:
        from trainer.speech.openjtalk import OpenJTalkBackend
        from trainer.speech.service import SpeechService

        speech = SpeechService(OpenJTalkBackend(audio_out=NoSound()))
        jtalk.warm_up_now(sudachi=True)
    progress = open_progress(data_dir_override=work / "data")
    learner = progress.learners.add_learner("記録 花子")
    window = MainWindow(library, settings=Settings(text_size_chosen=True, read_aloud=speech is not None,
                                                   furigana=True), speech=speech,
                        ask_quit=lambda parent, look: True)
    window.resize(1280, 860)
    window.show()
    link = ProgressLink(progress)
    window.attach_progress(link)
    link.choose(learner)
    window.show_home()
    app.processEvents()
    plans = []
    for item in library.scenarios:
        scenario = library.find(item.id)
        route = next(iter(routes(scenario).values()), None)
        if route:
            plans.append((item.id, [move.expect for move in route]))

    late = [0]
    stuck_runs = [0]

    def one_pass() -> None:
        for scenario_id, moves in plans:
            player = window.start(scenario_id)
            for expect in moves:
                try:
                    perform(player, expect)
                except (AssertionError, AttributeError):  # under heavy load a step may not be shown yet: wait
                    late[0] += 1
                    deadline = time.perf_counter() + 3
                    while time.perf_counter() < deadline:
                        app.processEvents()
                        time.sleep(0.01)
                    try:
                        perform(player, expect)
                    except (AssertionError, AttributeError) as stuck:  # the autoplayer's, not memory's: go on
                        print(f"  {scenario_id}: left at {expect.kind} {expect.target!r} ({stuck})", flush=True)
                        stuck_runs[0] += 1
                        break
                app.processEvents()
            app.processEvents()
            QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        progress.recorder.flush(30)

    trim = None
    if args.trim:
        import ctypes

        trim = ctypes.CDLL("libc.so.6").malloc_trim

    from trainer.reading import engine
    from trainer.widgets import icons, phrases, qr_code, text_layout

    def cache_sizes() -> str:
        """How full each bounded cache is (a cache still filling after pass 1 is growth that stops)."""
        sizes = {"x_positions": text_layout._x_positions.cache_info().currsize,
                 "measure": text_layout._measure.cache_info().currsize,
                 "drawable": text_layout._drawable.cache_info().currsize,
                 "phrases": phrases.phrase_starts.cache_info().currsize,
                 "icons": icons._pixmap.cache_info().currsize,
                 "qr": qr_code.qr_matrix.cache_info().currsize,
                 "analyses": len(engine._ANALYSES._items), "mappings": len(engine._mapping._items)}
        backend = getattr(speech, "_backend", None)
        clauses = getattr(backend, "_cache", None)
        if clauses is not None:
            sizes["clauses"] = len(clauses)
            sizes["clause MiB"] = round(sum(samples.nbytes for samples in clauses.values()) / 2**20, 1)
        return " ".join(f"{name} {size}" for name, size in sizes.items())

    def sample(number: int, seconds: float) -> float:
        gc.collect()
        rss = rss_mib()
        line = f"after pass {number}: RSS {rss:.1f} MiB"
        if trim is not None:
            took = time.perf_counter()
            trim(0)
            took = time.perf_counter() - took
            rss = rss_mib()
            line += f", after malloc_trim {rss:.1f} MiB (it took {took * 1000:.0f} ms)"
        heap = f", Python heap {tracemalloc.get_traced_memory()[0] / 2**20:.1f} MiB" if args.trace else ""
        print(f"{line}{heap} ({seconds:.0f} s wall, {time.process_time():.0f} s CPU so far)", flush=True)
        print(f"  caches: {cache_sizes()}", flush=True)
        dead = sum(1 for obj in gc.get_objects() if isinstance(obj, QObject) and not shiboken6.isValid(obj))
        print(f"  native: {native_line()}; wrappers of deleted Qt objects {dead}", flush=True)
        return rss

    started = time.perf_counter()
    one_pass()
    print(f"{len(plans)} scenarios a pass")
    if args.trace:
        import tracemalloc

        tracemalloc.start(1)
    first = sample(1, time.perf_counter() - started)
    before = None
    rss_by_pass = [first]
    for number in range(2, args.passes + 1):
        started = time.perf_counter()
        one_pass()
        if args.trace and number == args.trace_from:
            gc.collect()
            before = tracemalloc.take_snapshot()
        rss_by_pass.append(sample(number, time.perf_counter() - started))
    last = rss_by_pass[-1]
    growth = last - first
    print(f"growth over passes 2-{args.passes}: {growth:+.1f} MiB ({growth / max(1, args.passes - 1) * 1024:+.0f} KiB "
          f"per pass; goal <= 5 MiB over 25 passes)")
    print(f"RSS by pass: {' '.join(f'{rss:.0f}' for rss in rss_by_pass)}")
    if before is not None:
        after = tracemalloc.take_snapshot()
        grown = after.compare_to(before, "lineno")
        print(f"Python allocations, pass {args.trace_from} -> {args.passes}: "
              f"{sum(d.size_diff for d in grown) / 1024:+.0f} KiB in all; grew most:")
        for diff in grown[:args.trace]:
            print(f"  {diff.size_diff / 1024:+8.0f} KiB {diff.count_diff:+7d} blocks  {diff.traceback}")
    if trim is not None:  # what the caches hold at the end (each emptied in turn, then trimmed)
        from PySide6.QtGui import QPixmapCache

        def emptied(what: str, empty) -> None:
            gc.collect()
            trim(0)
            before_mib = rss_mib()
            empty()
            gc.collect()
            trim(0)
            print(f"  emptying {what} gave back {before_mib - rss_mib():.1f} MiB", flush=True)

        print(f"at the end (QPixmapCache limit {QPixmapCache.cacheLimit()} KiB):")
        emptied("Qt's pixmap cache (QPixmapCache)", QPixmapCache.clear)
        emptied("the text layout caches", lambda: [cache.cache_clear() for cache in (
            text_layout._x_positions, text_layout._measure, text_layout._drawable)])
        emptied("the icon pixmaps", icons._pixmap.cache_clear)
        emptied("the phrase starts", phrases.phrase_starts.cache_clear)
        emptied("the readings' analyses and mappings", lambda: (engine._ANALYSES._items.clear(),
                                                               engine._mapping._items.clear()))
    from trainer.scenarios.model import Scenario

    dead = sum(1 for obj in gc.get_objects() if isinstance(obj, QObject) and not shiboken6.isValid(obj))
    scenarios = sum(1 for obj in gc.get_objects() if isinstance(obj, Scenario))
    print(f"wrappers of deleted Qt objects alive: {dead}; Scenario objects alive: {scenarios}")
    print(f"the app gave free memory back {app_trims[0]} times")
    print(f"steps retried after waiting for the screen: {late[0]}; scenarios left unfinished: {stuck_runs[0]}")
    print(f"recorder runs in memory: {progress.recorder.attempts_in_memory}; "
          f"narrator texts remembered: {len(window.narrator.spoken)}")
    window.close()
    if speech is not None:
        speech.shutdown()
    progress.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
