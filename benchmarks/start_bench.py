"""The real first frame: ``trainer`` as a learner starts it, against a bare PySide6 window.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/start_bench.py [--runs 21] [--scenarios 23]

Both are fresh processes, interleaved (bare, trainer, bare, trainer …) so the
load other work puts on the machine falls on both alike; medians of
``--runs``. The clock runs from just before the process is started to the
moment its window's first paint has been drawn (``trainer.app.first_frame``:
the next turn of the event loop after the window's first paint event; the
bare window measures the very same way). This is the real app — settings,
the catalogue, the main window, the crash guard, the record and speech
scheduled as in use — not ``--smoke``. Also: resident memory at that moment
(goal: at most 2x the bare window) and, with ``--later-ms``, once the record,
speech and readings have warmed up.

``--scenarios N`` starts with a catalogue of N scenarios (copies of the
bundled ones) instead of the bundled 23: ``--cold`` clears the catalogue
cache before every start (a start after an update), otherwise the cache is
warm (a normal start).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BARE = """
import json, os, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

def rss():
    for line in open('/proc/self/status'):
        if line.startswith('VmRSS:'):
            return int(line.split()[1])

def note():
    with open(os.environ['TRAINER_BENCH_FRAME'], 'a') as out:
        out.write(json.dumps({'first_frame': time.monotonic(), 'rss_kib': rss(),
                              'cpu_s': time.process_time()}) + '\\n')
    os._exit(0)

class Watch(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            QTimer.singleShot(0, note)
        return False

app = QApplication(sys.argv[:1])
window = QWidget()
window.resize(1280, 860)
watch = Watch()
window.installEventFilter(watch)
window.show()
sys.exit(app.exec())
"""


def one_start(argv: list[str], env: dict[str, str]) -> tuple[float, int, int | None, float]:
    """(ms to the first frame, RSS KiB then, RSS KiB later or None, CPU ms until the frame) of one process.

    It runs in the tree named by ``PYTHONPATH`` (``python -m`` puts the working folder first on
    ``sys.path``, so the folder decides which tree's ``trainer`` is started)."""
    with tempfile.NamedTemporaryFile(prefix="frame-", suffix=".jsonl", delete=False) as handle:
        target = handle.name
    env = {**env, "TRAINER_BENCH_FRAME": target}
    try:
        start = time.monotonic()
        code = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              cwd=env.get("PYTHONPATH") or ROOT,
                              timeout=120, check=False).returncode
        lines = [json.loads(line) for line in Path(target).read_text().splitlines() if line.strip()]
    finally:
        os.unlink(target)
    if code != 0 or not lines:
        raise SystemExit(f"{argv} exited with {code} without noting its first frame")
    later = lines[1]["rss_kib"] if len(lines) > 1 else None
    # The CPU time counts from the interpreter's start; the few ms before it (exec, loading Python) are
    # the same for both.
    return (lines[0]["first_frame"] - start) * 1000, lines[0]["rss_kib"], later, lines[0]["cpu_s"] * 1000


def catalogue(count: int, folder: Path) -> Path | None:
    """A content folder of ``count`` scenarios (None: the bundled ones)."""
    from trainer.content import bundled_content_dir

    if count <= 0:
        return None
    bundled = bundled_content_dir()
    templates = sorted(p for p in bundled.rglob("*.yaml") if p.name != "pack.yaml")
    if count == len(templates):
        return None
    for images in bundled.rglob("images"):
        shutil.copytree(images, folder / "images", dirs_exist_ok=True)
    texts = [t.read_text(encoding="utf-8") for t in templates]
    for i in range(count):
        text = texts[i % len(texts)].replace("\nid: ", f"\nid: gen-{i}-", 1)
        (folder / f"s{i:05d}.yaml").write_text(text, encoding="utf-8")
    return folder


def measure(runs: int, scenarios: int = 0, cold: bool = False, later_ms: int = 0,
            compare: str | None = None) -> dict[str, float]:
    work = Path(tempfile.mkdtemp(prefix="trainer-start-"))
    config = work / "config"
    config.mkdir()
    (config / "settings.json").write_text(json.dumps({"text_size_chosen": True}), encoding="utf-8")
    content = catalogue(scenarios, work / "content")
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
           "TRAINER_CONFIG_DIR": str(config), "PYTHONPATH": str(ROOT)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed app has its .pyc files; the warm-up run writes them
    if later_ms:
        env["TRAINER_BENCH_QUIT_MS"] = str(later_ms)
    trainer = [sys.executable, "-m", "trainer"] + (["--content", str(content)] if content else [])
    bare = [sys.executable, "-c", BARE]
    kinds = [("bare", bare, env), ("trainer", trainer, env)]
    if compare:  # another tree of the app (say, before a change), run the same way, interleaved
        # Its own settings folder: the catalogue cache names the content folders, and the two trees'
        # bundled folders differ, so a shared cache would make every start of either a cold one.
        other_config = work / "config-other"
        shutil.copytree(config, other_config)
        other_env = {**env, "PYTHONPATH": str(Path(compare).resolve()), "TRAINER_CONFIG_DIR": str(other_config)}
        kinds.append(("other", trainer, other_env))
        one_start(trainer, other_env)
    cache = config / "catalogue-cache.json"
    one_start(trainer, env)  # warm the file cache, the catalogue cache and the record once
    one_start(bare, env)
    times: dict[str, list[float]] = {name: [] for name, _a, _e in kinds}
    cpu: dict[str, list[float]] = {name: [] for name, _a, _e in kinds}
    memory: dict[str, list[int]] = {name: [] for name, _a, _e in kinds}
    later: list[int] = []
    for _ in range(runs):
        for name, argv, run_env in kinds:
            if name != "bare" and cold:
                cache.unlink(missing_ok=True)
            elapsed, rss, after, used = one_start(argv, run_env)
            times[name].append(elapsed)
            cpu[name].append(used)
            memory[name].append(rss)
            if after is not None and name == "trainer":
                later.append(after)
    shutil.rmtree(work, ignore_errors=True)
    result = {"bare_ms": statistics.median(times["bare"]), "trainer_ms": statistics.median(times["trainer"]),
              "bare_cpu_ms": statistics.median(cpu["bare"]), "trainer_cpu_ms": statistics.median(cpu["trainer"]),
              "load": os.getloadavg()[0],
              "bare_mib": statistics.median(memory["bare"]) / 1024,
              "trainer_mib": statistics.median(memory["trainer"]) / 1024}
    if later:
        result["later_mib"] = statistics.median(later) / 1024
    if compare:
        result.update(other_ms=statistics.median(times["other"]), other_cpu_ms=statistics.median(cpu["other"]),
                      other_mib=statistics.median(memory["other"]) / 1024)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="starts of each kind (default 21)")
    parser.add_argument("--scenarios", type=int, default=0, help="catalogue size (default: the bundled ones)")
    parser.add_argument("--cold", action="store_true", help="no catalogue cache (a start after an update)")
    parser.add_argument("--later-ms", type=int, default=0,
                        help="also note memory this long after the first frame (record, speech, readings warm)")
    parser.add_argument("--compare", metavar="DIR",
                        help="also start the app from another source tree (e.g. before a change), interleaved")
    args = parser.parse_args()
    r = measure(args.runs, args.scenarios, args.cold, args.later_ms, args.compare)
    what = f"{args.scenarios or 'bundled'} scenarios, {'cold' if args.cold else 'cached'} catalogue"
    print(f"first frame ({what}, median of {args.runs}, interleaved)")
    print(f"  bare PySide6 window {r['bare_ms']:7.0f} ms   trainer {r['trainer_ms']:7.0f} ms   "
          f"ratio {r['trainer_ms'] / r['bare_ms']:.2f}x (goal <= 1.5x)")
    print(f"  CPU until the frame {r['bare_cpu_ms']:7.0f} ms   trainer {r['trainer_cpu_ms']:7.0f} ms   "
          f"ratio {r['trainer_cpu_ms'] / r['bare_cpu_ms']:.2f}x (all threads; less moved by other work; "
          f"load average {r['load']:.1f})")
    print(f"  RSS at first frame  {r['bare_mib']:7.1f} MiB  trainer {r['trainer_mib']:7.1f} MiB  "
          f"ratio {r['trainer_mib'] / r['bare_mib']:.2f}x (goal <= 2x)")
    if "other_ms" in r:
        print(f"  the other tree ({args.compare}): first frame {r['other_ms']:.0f} ms = "
              f"{r['other_ms'] / r['bare_ms']:.2f}x bare, CPU {r['other_cpu_ms']:.0f} ms = "
              f"{r['other_cpu_ms'] / r['bare_cpu_ms']:.2f}x, RSS {r['other_mib']:.1f} MiB = "
              f"{r['other_mib'] / r['bare_mib']:.2f}x")
    if "later_mib" in r:
        print(f"  RSS {args.later_ms} ms after the first frame (record, speech, readings warm): "
              f"{r['later_mib']:.1f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
