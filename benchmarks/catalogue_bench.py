"""A city's catalogue: loading, ``validate`` and ``check`` per file at 23 / 230 / 2,300 scenarios,
the app's catalogue start, and a category page of 600 practices.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/catalogue_bench.py [--counts 23,230,2300] [--repeat 3]

The scenarios are copies of the bundled ones (new ids, their images beside
them). Everything runs in this process, so per-file figures do not include
Python's own start (``start_bench.py --scenarios N`` measures whole starts).

- **load**: ``load_all`` (the collector paused) against the same files loaded
  one by one with ``check_file`` and the collector running (what ``load_all``
  did before), interleaved, median of ``--repeat``; µs per file.
- **validate / check**: ``trainer validate`` / ``trainer check`` (readings
  included) run in-process; µs per file; median of ``--repeat`` (check: 1 run
  above 1,000 files, it plays every path).
- **catalogue start**: ``Library.load`` with no cache (a start after an update)
  and with the cache (a normal start); RSS growth of the cold load.
- **category page**: a ``ScenarioListPage`` of 600 practices built, laid out
  and painted (the cards it builds at once) against building all 600 cards
  (what the page did before); and showing it again on the way back from the
  player. Goal: ≤ 50 ms.

Goal for the scaling: per-file time at 2,300 within 1.2x of that at 23.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import io
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from trainer.content import bundled_content_dir  # noqa: E402


def generate(folder: Path, count: int) -> Path:
    """Write ``count`` scenarios, copies of the bundled ones with new ids."""
    content = bundled_content_dir()
    templates = sorted(p for p in content.rglob("*.yaml") if p.name != "pack.yaml")
    for images in content.rglob("images"):
        shutil.copytree(images, folder / "images", dirs_exist_ok=True)
    texts = [t.read_text(encoding="utf-8") for t in templates]
    for i in range(count):
        text = texts[i % len(texts)].replace("\nid: ", f"\nid: gen-{i}-", 1)
        (folder / f"s{i:05d}.yaml").write_text(text, encoding="utf-8")
    return folder


def timed(fn) -> float:
    gc.collect()
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def rss_mib() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def loading(folder: Path, count: int, repeat: int) -> dict[str, float]:
    from trainer.scenarios.loader import check_file, find_scenario_files, load_all

    def before() -> None:  # the old load_all: one file after another, the collector running
        kept = []
        for path in find_scenario_files([folder]):
            scenario, _ = check_file(path)
            kept.append(scenario)

    def now() -> None:
        scenarios, _ = load_all([folder])
        assert len(scenarios) == count

    old, new = [], []
    for _ in range(repeat):
        old.append(timed(before))
        new.append(timed(now))
    return {"before_us": statistics.median(old) / count * 1e6, "load_us": statistics.median(new) / count * 1e6}


def cli(folder: Path, count: int, command: str, repeat: int) -> float:
    from trainer.cli import main

    runs = []
    for _ in range(repeat):
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            runs.append(timed(lambda: main([command, str(folder)])))
    return statistics.median(runs) / count * 1e6


def catalogue_start(folder: Path, count: int, repeat: int) -> dict[str, float]:
    from trainer.app.library import Library

    cold, cached, grown = [], [], []
    for _ in range(repeat):
        cache = Path(tempfile.mkdtemp()) / "cache.json"
        gc.collect()
        before = rss_mib()
        cold.append(timed(lambda cache=cache: Library.load([folder], cache=cache)))
        library = Library.load([folder], cache=cache)
        grown.append(rss_mib() - before)
        del library
        cached.append(timed(lambda cache=cache: Library.load([folder], cache=cache)))
        shutil.rmtree(cache.parent, ignore_errors=True)
    return {"cold_us": statistics.median(cold) / count * 1e6, "cached_ms": statistics.median(cached) * 1000,
            "cold_rss_mib": statistics.median(grown)}


def category_page(repeat: int) -> dict[str, float]:
    from types import MappingProxyType

    from PySide6.QtWidgets import QApplication

    import trainer.app  # noqa: F401
    from trainer.app.library import CachedText, Library, ScenarioInfo
    from trainer.app.main_window import MainWindow
    from trainer.app.scenario_list import ScenarioListPage
    from trainer.app.settings import Settings

    app = QApplication.instance() or QApplication([])
    items = [ScenarioInfo(f"gen-{i:04d}", 1, CachedText(MappingProxyType({"ja": f"お店でスマホ払いの練習 {i}"})),
                          CachedText(MappingProxyType({"ja": "レジで QR コードを見せて、支払いを終えるまでの練習です。"})),
                          "cashless", 1 + i % 3, 5, "phone", f"/nowhere/{i}.yaml") for i in range(600)]
    library = Library(items)
    window = MainWindow(library, settings=Settings(text_size_chosen=True, read_aloud=False))
    window.resize(1280, 720)
    window.show()
    app.processEvents()

    def shown(build_all: bool) -> float:
        window.show_home()
        window._forget("list")
        app.processEvents()
        start = time.perf_counter()
        window.show_category("cashless")
        page = window._pages["list"]
        if build_all:
            page.build_all()
        app.processEvents()
        window.repaint()
        return (time.perf_counter() - start) * 1000

    lazy, eager, back = [], [], []
    for _ in range(repeat):
        eager.append(shown(True))
        lazy.append(shown(False))
        page = window._pages["list"]
        window.show_settings()
        app.processEvents()
        start = time.perf_counter()
        window.close_settings()
        app.processEvents()
        window.repaint()
        back.append((time.perf_counter() - start) * 1000)
        assert window._pages["list"] is page and isinstance(page, ScenarioListPage)
    window.close()
    return {"lazy_ms": statistics.median(lazy), "eager_ms": statistics.median(eager),
            "back_ms": statistics.median(back)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", default="23,230,2300", help="catalogue sizes (default 23,230,2300)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-check", action="store_true", help="leave out `trainer check` (slow at 2,300)")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["TRAINER_CONFIG_DIR"] = tempfile.mkdtemp(prefix="trainer-catalogue-")
    counts = [int(c) for c in args.counts.split(",")]
    rows = []
    for count in counts:
        with tempfile.TemporaryDirectory() as tmp:
            folder = generate(Path(tmp), count)
            row = {"count": count, **loading(folder, count, args.repeat)}
            row["validate_us"] = cli(folder, count, "validate", args.repeat)
            if not args.no_check:
                row["check_us"] = cli(folder, count, "check", 1 if count > 1000 else args.repeat)
            row.update(catalogue_start(folder, count, args.repeat))
            rows.append(row)
            print(f"{count:5d} scenarios: load before {row['before_us']:6.0f} µs/file, now {row['load_us']:6.0f} "
                  f"µs/file; validate {row['validate_us']:6.0f} µs/file; "
                  + (f"check {row['check_us']:6.0f} µs/file; " if "check_us" in row else "")
                  + f"cold catalogue {row['cold_us']:6.0f} µs/file (+{row['cold_rss_mib']:.0f} MiB); "
                  f"cached catalogue {row['cached_ms']:.1f} ms", flush=True)
    first, last = rows[0], rows[-1]
    print(f"per-file ratio {last['count']} / {first['count']} scenarios (goal <= 1.2x):")
    for key, name in (("before_us", "load, collector running (before)"), ("load_us", "load_all"),
                      ("validate_us", "validate"), ("check_us", "check"), ("cold_us", "cold catalogue start")):
        if key in first and key in last:
            print(f"  {name:34s} {last[key] / first[key]:.2f}x")
    page = category_page(args.repeat)
    print(f"category page, 600 practices: shown in {page['lazy_ms']:.0f} ms (all 600 cards built: "
          f"{page['eager_ms']:.0f} ms, {page['eager_ms'] / page['lazy_ms']:.1f}x); shown again after the settings "
          f"{page['back_ms']:.1f} ms (goal <= 50 ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
