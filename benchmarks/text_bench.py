"""What phrase-aware Japanese line breaking costs.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/text_bench.py

For every step text of the bundled scenarios (plain, Japanese): the BudouX
parse alone (cold: its cache cleared), a cold measurement at 300 % (66 px)
at four widths with phrase breaks, the same with Qt's breaks only (what the
app did before), and a warm (cached) measurement. Also the one-off cost of
loading the BudouX model. Prints a table; the figures go to
docs/decisions/player.md ("Window and pages").
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> int:
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])  # noqa: F841
    import trainer.app  # noqa: F401
    from trainer import fonts
    from trainer.content import bundled_content_dir
    from trainer.reading.ruby import plain
    from trainer.scenarios.loader import load_all
    from trainer.widgets import phrases, text_layout

    fonts.register()
    started = time.perf_counter()
    phrases._get_parser()
    model_ms = (time.perf_counter() - started) * 1000
    scenarios, _ = load_all([bundled_content_dir()])
    texts = sorted({plain(step.say.get("ja")) for s in scenarios for step in s.steps if step.say})
    font = QFont(fonts.FAMILY)
    font.setPixelSize(66)
    widths = (66 * 8, 66 * 12, 66 * 16, 66 * 24)

    def per_text(run) -> list[float]:
        found = []
        for text in texts:
            begin = time.perf_counter()
            run(text)
            found.append((time.perf_counter() - begin) * 1000)
        return found

    phrases.phrase_starts.cache_clear()
    parse = per_text(phrases.phrase_starts)

    def cold(text: str) -> None:
        for width in widths:
            text_layout._layout(font, text, width, text_layout.Qt.AlignmentFlag.AlignLeft)

    phrases.phrase_starts.cache_clear()
    with_phrases = per_text(cold)
    real = phrases.phrase_starts
    text_layout.phrase_starts = lambda _text: frozenset()
    qt_only = per_text(cold)
    text_layout.phrase_starts = real
    text_layout._measure.cache_clear()
    for text in texts:
        for width in widths:
            text_layout.text_size(font, text, width)
    warm = per_text(lambda t: [text_layout.text_size(font, t, w) for w in widths])

    def row(name: str, values: list[float]) -> str:
        ordered = sorted(values)
        p95 = ordered[int(len(ordered) * 0.95) - 1]
        return f"| {name} | {statistics.median(values):.3f} | {p95:.3f} | {max(values):.3f} |"

    print(f"{len(texts)} step texts; BudouX model load {model_ms:.0f} ms (once, at the first Japanese text)")
    print("| per text (ms) | median | p95 | max |")
    print("| --- | --- | --- | --- |")
    print(row("BudouX parse (cold)", parse))
    print(row("layout at 4 widths, 66 px, phrase breaks (cold)", with_phrases))
    print(row("layout at 4 widths, 66 px, Qt breaks only (cold)", qt_only))
    print(row("text_size at 4 widths (cached)", warm))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
