"""Load and validate N generated scenarios, against plain PyYAML C-loader parsing.

    .venv/bin/python benchmarks/loader_bench.py [--count 500] [--repeat 5]

Goal (issue 2): our load + validate takes at most 2x the plain parse of the
same files, measured in the same run. Prints the best of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from trainer.content import bundled_content_dir
from trainer.scenarios.loader import check_file


def generate(folder: Path, count: int) -> list[Path]:
    """Write ``count`` scenarios, varied copies of the bundled ones."""
    content = bundled_content_dir()
    templates = sorted(p for p in content.rglob("*.yaml") if p.name != "pack.yaml")
    for images in content.rglob("images"):  # assets the templates name, beside the copies
        shutil.copytree(images, folder / "images", dirs_exist_ok=True)
    texts = [t.read_text(encoding="utf-8") for t in templates]
    paths = []
    for i in range(count):
        text = texts[i % len(texts)]
        text = text.replace("\nid: ", f"\nid: gen-{i}-", 1)
        path = folder / f"s{i:04d}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def best_of(repeat: int, fn) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths = generate(Path(tmp), args.count)
        size = sum(p.stat().st_size for p in paths)

        def plain() -> None:
            for p in paths:
                yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader)

        def ours() -> None:
            for p in paths:
                scenario, problems = check_file(p)
                assert scenario is not None, problems

        plain_s = best_of(args.repeat, plain)
        ours_s = best_of(args.repeat, ours)
    print(f"files: {args.count}  bytes: {size:,}")
    print(f"plain PyYAML CSafeLoader parse : {plain_s * 1000:8.1f} ms  ({plain_s / args.count * 1e6:6.0f} µs/file)")
    print(f"trainer load + validate        : {ours_s * 1000:8.1f} ms  ({ours_s / args.count * 1e6:6.0f} µs/file)")
    print(f"ratio                          : {ours_s / plain_s:8.2f}x  (goal ≤ 2.0x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
