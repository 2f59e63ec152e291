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

A smaller sample that finishes in minutes: ``--scenarios N`` takes N of the
bundled scenarios spread over the catalogue (every k-th by id), every step of
each. ``--tree DIR`` runs another source tree's app (say, main before a
change); ``--compare DIR`` runs this tree and DIR in fresh processes,
interleaved (``--rounds`` times), and prints both side by side with the ratio:

    player_bench.py --steps-only --speech --furigana --scale 300 --scenarios 6 --repeat 1 --compare /tmp/before
"""

from __future__ import annotations

import argparse
import json
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


def spread(items: list, count: int) -> list:
    """``count`` of ``items`` spread evenly over them (all when ``count`` is 0 or too large)."""
    if count <= 0 or count >= len(items):
        return list(items)
    return [items[round(i * (len(items) - 1) / max(1, count - 1))] for i in range(count)] if count > 1 else items[:1]


def step_changes(repeat: int, *, speech: bool = False, furigana: bool = False, scale: int = 100,
                 size: tuple[int, int] = (1280, 860), profile: str | None = None, scenarios_count: int = 0,
                 tree: Path = ROOT, read_ms: int = 0, phases: bool = False) -> list[float]:
    """Milliseconds from a learner's action to the next step painted, for every step of every scenario.

    ``speech``: read-aloud on, through the real ``SpeechService`` with Open JTalk
    (sound to WAV files paced in real time — this machine has no sound device —
    so synthesis works exactly as with a speaker); ``furigana``: furigana on;
    ``scale``: the text size in per cent; ``profile``: write a ``cProfile`` of the timed part alone
    (the action, the step change, the paint) to that file; ``read_ms``: the learner reads each step
    for that long (the event loop runs, idle) before acting — 0 acts in the very pass the step appeared,
    which no learner does, but which earlier figures were measured with; ``phases``: time the parts of
    each step change too (``PHASES``)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["TRAINER_CONFIG_DIR"] = tempfile.mkdtemp(prefix="trainer-bench-")
    sys.path.insert(0, str(tree))
    from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
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
        """Notes when the new step's screen receives its first paint.

        It watches that screen alone: an application-wide filter would see every event of every
        widget, and PySide would wrap each for Python — a cost of the benchmark, not of the app."""

        watched = None
        painted = False

        def watch(self, view) -> None:
            self.watched, self.painted = view, False
            view.installEventFilter(self)

        def eventFilter(self, obj, event):
            if obj is self.watched and event.type() == QEvent.Type.Paint:
                self.painted = True
                obj.removeEventFilter(self)
            return False

    spy = PaintSpy()
    if phases:
        _time_phases()
    scenarios, _ = load_all([bundled_content_dir()])
    scenarios = spread(sorted(scenarios, key=lambda s: s.id), scenarios_count)
    service = None
    if speech:
        from trainer.reading import jtalk
        from trainer.speech.openjtalk import OpenJTalkBackend
        from trainer.speech.playback import WavFileOut
        from trainer.speech.service import SpeechService

        service = SpeechService(OpenJTalkBackend(audio_out=WavFileOut(Path(tempfile.mkdtemp()), realtime=True)))
        jtalk.warm_up_now(sudachi=True)  # as the app does after its first frame
    settings = Settings(text_size_chosen=True, read_aloud=speech, furigana=furigana, text_scale=scale)
    window = MainWindow(Library(scenarios), settings=settings, speech=service)
    window.resize(*size)
    window.show()
    app.processEvents()
    if service is not None:  # let the voice load, as it has long before a learner's first step
        deadline = time.perf_counter() + 5
        while time.perf_counter() < deadline:
            app.processEvents()
            time.sleep(0.01)
    samples: list[float] = []
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
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
                if read_ms > 0:  # the learner reads (and listens to) the step: the event loop waits for them
                    loop = QEventLoop()
                    QTimer.singleShot(read_ms, loop.quit)
                    loop.exec()
                shown = []
                judged: list[float] = []

                def watch(_step, player=player, shown=shown):
                    shown.append(_step)
                    spy.watch(player.view)

                def note(event, judged=judged):
                    if type(event).__name__ == "ActionJudged" and event.next_step_id:
                        judged.append(time.perf_counter())
                        judged.append(time.thread_time())

                player.step_shown.connect(watch)
                player.run.subscribe(note)
                device_before = getattr(player, "_device_name", "")
                CURRENT.clear()
                if profiler is not None:
                    profiler.enable()
                perform(player, move.expect)  # the click (or keys, drag, phrase) through the UI
                if shown and not spy.painted:
                    window.repaint()
                if profiler is not None:
                    profiler.disable()
                end = time.perf_counter()
                cpu_end = time.thread_time()
                if shown and judged:
                    PREPARED.append(bool(getattr(getattr(player, "ahead", None), "used", 0)))
                    elapsed = (end - judged[0]) * 1000
                    samples.append(elapsed)
                    CPU_MS.append((cpu_end - judged[1]) * 1000)
                    SLOWEST.append((elapsed, scenario.id, step.id, move.expect.kind, CPU_MS[-1]))
                    moved = getattr(player, "_device_name", "") != device_before
                    if moved:
                        DEVICE_CHANGES.append((CPU_MS[-1], bool(getattr(player.ahead, "devices_used", 0))))
                    if phases:
                        PHASES.append((moved, CPU_MS[-1], dict(CURRENT)))
    window.close()
    if service is not None:
        service.shutdown()
    if profiler is not None:
        profiler.dump_stats(profile)
    return samples


CPU_MS: list[float] = []
"""The UI thread's own CPU time of each sample (what other processes on a shared machine cannot inflate;
the wall time also holds waiting for the CPUs and for the GIL)."""
PREPARED: list[bool] = []
"""Per sample: the step change took a screen prepared ahead (``trainer.app.screens_ahead``)."""
SLOWEST: list[tuple[float, str, str, str, float]] = []
"""Every sample with its scenario, step, action kind and UI CPU (for finding slow screens)."""
DEVICE_CHANGES: list[tuple[float, bool]] = []
"""The samples whose step came on another device: UI CPU, and whether its frame had been built ahead."""


PHASE_NAMES = (
    "trainer.app.player:Player.act", "trainer.scenarios.runner:Run.judge", "trainer.app.player:Player._show_step",
    "trainer.app.player:Player._use_device", "trainer.app.player:DeviceStage.set_device",
    "trainer.app.player:Player._arrange", "trainer.app.player:Player._split_for",
    "trainer.app.player:Player._fit_device", "trainer.app.panel:InstructionPanel.fit_line",
    "trainer.app.panel:InstructionPanel.set_step", "trainer.app.panel:InstructionPanel.show_feedback",
    "trainer.app.panel:InstructionPanel.clear_feedback", "trainer.app.panel:InstructionPanel._show_text",
    "trainer.app.player:Player._build_screen", "trainer.app.player:Player._show_view",
    "trainer.widgets.devices:DeviceFrame.show_screen", "trainer.widgets.devices:DeviceFrame.set_body",
    "trainer.app.player:Player._lay_out_now", "trainer.app.player:Player.reveal",
    "trainer.app.player:Player._prepare_ahead", "trainer.app.player:Player._read_ahead",
    "trainer.app.access:present_step", "trainer.app.narrator:Narrator.say",
    "PySide6.QtWidgets:QApplication.processEvents", "PySide6.QtWidgets:QApplication.sendPostedEvents",
    "trainer.app.panel:InstructionPanel._look_for", "trainer.app.panel:InstructionPanel._fit_feedback",
    "trainer.app.panel:make_text", "trainer.app.reflow:FitScroll.refit", "trainer.app.access:order_player_tabs",
    "trainer.app.access:show_gesture_tools", "trainer.widgets.focus:FocusRing.__init__",
    "trainer.widgets.focus:FocusKeeper._changed",
    "PySide6.QtWidgets:QScrollArea.takeWidget", "PySide6.QtWidgets:QScrollArea.setWidget",
    "trainer.widgets.ruby_label:RubyLabel.paintEvent", "trainer.widgets.button:BigButton.paintEvent",
    "trainer.widgets.labels:TextBlock.paintEvent", "trainer.app.panel:_Card.paintEvent",
)
"""What ``--phases`` times (module:qualified name); a name the measured tree lacks is left out."""
CURRENT: dict[str, float] = {}
"""The UI CPU (ms) of each phase in the sample being taken (inclusive: a phase inside another counts in both)."""
PHASES: list[tuple[bool, float, dict[str, float]]] = []
"""Per sample: whether it went to another device, its UI CPU, and its phases' CPU."""


def _time_phases() -> None:
    """Wrap every ``PHASE_NAMES`` callable with a thread-CPU clock adding to ``CURRENT``."""
    import functools
    import importlib
    import inspect

    for name in PHASE_NAMES:
        module_name, qualified = name.split(":")
        try:
            owner = importlib.import_module(module_name)
            *path, attr = qualified.split(".")
            for part in path:
                owner = getattr(owner, part)
            original = getattr(owner, attr)
        except (ImportError, AttributeError):
            continue
        label = qualified

        def timed(*args, __original=original, __label=label, **kwargs):
            start = time.thread_time()
            try:
                return __original(*args, **kwargs)
            finally:
                CURRENT[__label] = CURRENT.get(__label, 0.0) + (time.thread_time() - start) * 1000

        functools.update_wrapper(timed, original)
        found = inspect.getattr_static(owner, attr)
        if isinstance(owner, type) and (isinstance(found, staticmethod) or type(found).__name__ == "builtin_function_or_method"):
            setattr(owner, attr, staticmethod(timed))
        else:
            setattr(owner, attr, timed)
        if module_name == "trainer.app.access":  # the player calls it through its module
            import trainer.app.access as access_module

            setattr(access_module, attr, timed)


def print_phases() -> None:
    for title, rows in (("same device", [p for p in PHASES if not p[0]]), ("another device", [p for p in PHASES if p[0]])):
        if not rows:
            continue
        print(f"  phases, {title} ({len(rows)} samples; UI CPU ms, mean / p95 / max, inclusive):")
        names = sorted({n for _, _, found in rows for n in found}, key=lambda n: -sum(r[2].get(n, 0) for r in rows))
        for name in names:
            values = [r[2].get(name, 0.0) for r in rows]
            print(f"    {name:42s} {statistics.mean(values):6.2f} {percentile(values, 0.95):6.2f} {max(values):6.2f}")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


MATRIX = [(speech, furigana, scale) for scale in (100, 300) for furigana in (False, True) for speech in (False, True)]


def matrix(repeat: int, size: str, rounds: int = 2, scenarios_count: int = 0) -> int:
    """Every {speech} x {furigana} x {100 %, 300 %} case, each in a fresh process doing ``repeat`` passes
    (the first pass builds the caches, as a learner's first practice does), in ``rounds`` interleaved rounds."""
    rows: dict[tuple[bool, bool, int], dict[str, list[float]]] = {case: {"wall": [], "cpu": []} for case in MATRIX}
    loads = []
    for _ in range(rounds):
        for speech, furigana, scale in MATRIX:
            loads.append(os.getloadavg()[0])
            found = one_case(ROOT, repeat, speech, furigana, scale, size, scenarios_count)
            rows[(speech, furigana, scale)]["wall"] += found["wall"]
            rows[(speech, furigana, scale)]["cpu"] += found["cpu"]
    base = rows[(False, False, 100)]
    print(f"step change matrix ({size}, {scenarios_count or 'all'} scenarios, {rounds} interleaved round(s) of "
          f"{repeat} pass(es), "
          f"{len(base['wall'])} samples each; "
          f"load average {min(loads):.1f}-{max(loads):.1f} on {os.cpu_count()} CPUs; goal p95 <= 16 ms, max <= 33 ms)")
    print("  speech  furigana  text   wall p50  p95     max     ratio p95 | UI CPU p50  p95    ratio p95")
    for speech, furigana, scale in MATRIX:
        wall, cpu = rows[(speech, furigana, scale)]["wall"], rows[(speech, furigana, scale)]["cpu"]
        print(f"  {'on ' if speech else 'off'}     {'on ' if furigana else 'off'}       {scale:3d} %  "
              f"{percentile(wall, 0.5):6.1f}  {percentile(wall, 0.95):6.1f}  {max(wall):6.1f}  "
              f"{percentile(wall, 0.95) / percentile(base['wall'], 0.95):5.2f}x    | "
              f"{percentile(cpu, 0.5):6.1f}  {percentile(cpu, 0.95):6.1f}  "
              f"{percentile(cpu, 0.95) / percentile(base['cpu'], 0.95):5.2f}x")
    return 0


def one_case(tree: Path, repeat: int, speech: bool, furigana: bool, scale: int, size: str,
             scenarios_count: int, read_ms: int = 0) -> dict[str, list[float]]:
    """One step-change case in a fresh process of ``tree``'s app."""
    argv = [sys.executable, __file__, "--steps-only", "--repeat", str(repeat), "--scale", str(scale),
            "--size", size, "--scenarios", str(scenarios_count), "--tree", str(tree), "--json",
            "--read-ms", str(read_ms)]
    argv += ["--speech"] if speech else []
    argv += ["--furigana"] if furigana else []
    out = subprocess.run(argv, capture_output=True, text=True, cwd=tree, check=True,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(tree)}).stdout
    return json.loads(out.strip().splitlines()[-1])


def compare(other: Path, args: argparse.Namespace) -> int:
    """This tree and ``other``, the same case, fresh processes interleaved ``args.rounds`` times."""
    trees = {"this tree": ROOT, str(other): other}
    found: dict[str, dict[str, list[float]]] = {name: {"wall": [], "cpu": []} for name in trees}
    loads = []
    for _ in range(args.rounds):
        for name, tree in trees.items():
            loads.append(os.getloadavg()[0])
            one = one_case(tree, args.repeat, args.speech, args.furigana, args.scale, args.size, args.scenarios,
                           args.read_ms)
            found[name]["wall"] += one["wall"]
            found[name]["cpu"] += one["cpu"]
    what = (f"speech {'on' if args.speech else 'off'}, furigana {'on' if args.furigana else 'off'}, "
            f"{args.scale} %, reading {args.read_ms} ms")
    print(f"step change ({what}, {args.size}, {args.scenarios or 'all'} scenarios, {args.rounds} interleaved "
          f"round(s) of {args.repeat} pass(es); load average {min(loads):.1f}-{max(loads):.1f} on "
          f"{os.cpu_count()} CPUs; goal p95 <= 16 ms, max <= 33 ms)")
    print("  tree                     n    wall p50   p95     max  | UI CPU p50   p95     max")
    for name, rows in found.items():
        wall, cpu = rows["wall"], rows["cpu"]
        print(f"  {name[-22:]:22s} {len(wall):4d}  {percentile(wall, 0.5):7.1f} {percentile(wall, 0.95):7.1f} "
              f"{max(wall):7.1f}  | {percentile(cpu, 0.5):7.1f} {percentile(cpu, 0.95):7.1f} {max(cpu):7.1f}")
    this, that = found["this tree"], found[str(other)]
    print(f"  ratio this / other: wall p95 {percentile(this['wall'], 0.95) / percentile(that['wall'], 0.95):.2f}x, "
          f"UI CPU p95 {percentile(this['cpu'], 0.95) / percentile(that['cpu'], 0.95):.2f}x")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="cold starts of each kind (default 7)")
    parser.add_argument("--repeat", type=int, default=5, help="passes over every step (default 5)")
    parser.add_argument("--speech", action="store_true", help="read-aloud on (Open JTalk, paced WAV output)")
    parser.add_argument("--furigana", action="store_true", help="furigana on")
    parser.add_argument("--scale", type=int, default=100, help="text size in per cent (default 100)")
    parser.add_argument("--size", default="1280x860", help="window size (default 1280x860)")
    parser.add_argument("--steps-only", action="store_true", help="only the step change")
    parser.add_argument("--matrix", action="store_true",
                        help="the step change for speech off/on x furigana off/on x 100/300 %%")
    parser.add_argument("--slowest", type=int, default=0, help="also list the N slowest step changes")
    parser.add_argument("--rounds", type=int, default=2, help="--matrix: interleaved rounds (default 2)")
    parser.add_argument("--profile", metavar="FILE", help="write a cProfile of the timed part to FILE")
    parser.add_argument("--scenarios", type=int, default=0,
                        help="only N scenarios spread over the catalogue (default: all); every step of each")
    parser.add_argument("--tree", type=Path, default=ROOT, help="the source tree whose app is measured")
    parser.add_argument("--compare", type=Path, metavar="DIR",
                        help="--steps-only: also measure the tree DIR, interleaved fresh processes, side by side")
    parser.add_argument("--read-ms", type=int, default=0,
                        help="the learner reads each step this long before acting (default 0: at once)")
    parser.add_argument("--phases", action="store_true",
                        help="also time the parts of each step change (UI CPU per phase, same device and another)")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    size = tuple(int(v) for v in args.size.lower().split("x"))
    if args.matrix:
        return matrix(args.repeat, args.size, args.rounds, args.scenarios)
    if args.compare is not None:
        return compare(args.compare.resolve(), args)
    if not args.steps_only:
        start = cold_start(args.runs)
        ratio = start["trainer_s"] / start["bare_s"]
        memory = start["trainer_mib"] / start["bare_mib"]
        print(f"cold start   bare PySide6 window {start['bare_s'] * 1000:7.0f} ms   trainer --smoke "
              f"{start['trainer_s'] * 1000:7.0f} ms   ratio {ratio:.2f}x (goal <= 2x)")
        print(f"peak memory  bare PySide6 window {start['bare_mib']:7.1f} MiB  trainer --smoke "
              f"{start['trainer_mib']:7.1f} MiB  ratio {memory:.2f}x (goal <= 2x)")
    samples = step_changes(args.repeat, speech=args.speech, furigana=args.furigana, scale=args.scale, size=size,
                           profile=args.profile, scenarios_count=args.scenarios, tree=args.tree.resolve(),
                           read_ms=args.read_ms, phases=args.phases)
    if args.json:
        print(json.dumps({"wall": samples, "cpu": CPU_MS}))
        return 0
    what = f"speech {'on' if args.speech else 'off'}, furigana {'on' if args.furigana else 'off'}, {args.scale} %"
    print(f"step change  ({what}) {len(samples)} samples   p50 {percentile(samples, 0.5):.1f} ms   "
          f"p95 {percentile(samples, 0.95):.1f} ms   max {max(samples):.1f} ms (goal p95 <= 16 ms)")
    print(f"  UI thread CPU per step change: p50 {percentile(CPU_MS, 0.5):.1f} ms   p95 {percentile(CPU_MS, 0.95):.1f} ms"
          f"   max {max(CPU_MS):.1f} ms   (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")
    print(f"  step changes that took a screen prepared ahead: {sum(PREPARED)} of {len(PREPARED)}")
    if DEVICE_CHANGES:
        cpu = [c for c, _ in DEVICE_CHANGES]
        print(f"  to another device: {len(cpu)} samples, UI CPU p50 {percentile(cpu, 0.5):.1f} ms   "
              f"max {max(cpu):.1f} ms; its frame built ahead in {sum(p for _, p in DEVICE_CHANGES)}")
    for elapsed, scenario_id, step_id, kind, cpu_ms in sorted(SLOWEST, reverse=True)[:args.slowest]:
        print(f"  {elapsed:6.1f} ms  (UI CPU {cpu_ms:5.1f})  {scenario_id} / {step_id} ({kind})")
    if args.phases:
        print_phases()
    return 0


if __name__ == "__main__":
    sys.exit(main())
