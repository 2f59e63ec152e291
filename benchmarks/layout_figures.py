"""How much of the player a learner gets at big text: per device and window, the characters of
step text a line, the control bar's text size and the device's own text size.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/layout_figures.py

Not a timing: the figures of docs/decisions/player.md ("The column at 300 %"). Run it with
``PYTHONPATH`` set to another tree to get that tree's figures (the "before" column).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
if "PYTHONPATH" not in os.environ:
    sys.path.insert(0, str(ROOT))

CASES = (("government/konbini-juminhyo.yaml", 2), ("smartphone/typing-flick.yaml", 1),
         ("safety/fake-virus-warning.yaml", 1), ("cashless/scan-to-pay.yaml", 3),
         ("cashless/charge-and-limit.yaml", 4))
"""A scenario and the index of a step on each device: kiosk, phone, PC, till, ATM."""


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from trainer.app.library import Library
    from trainer.app.main_window import MainWindow
    from trainer.app.settings import Settings
    from trainer.scenarios.loader import load

    app = QApplication.instance() or QApplication([])
    for path, index in CASES:
        scenario = load(ROOT / "content" / path)
        step = scenario.steps[index]
        for size in ((1280, 720), (1920, 1080)):
            for scale in (1.0, 1.5, 2.0, 3.0):
                window = MainWindow(Library([scenario]), settings=Settings(
                    text_scale=round(scale * 100), text_size_chosen=True, read_aloud=False))
                window.resize(*size)
                window.show()
                window.start(scenario.id, snapshot={
                    "scenario_id": scenario.id, "scenario_version": scenario.version, "step_id": step.id,
                    "path": [s.id for s in scenario.steps[:index + 1]]})
                app.processEvents()
                player = window.player
                text_look = getattr(player.panel, "text_look", player.look)  # the step text's own size
                line = player.panel.step_text.width() / text_look.size("large")
                print(f"{player.device.name:8} {size[0]}x{size[1]} {scale:4.0%}: {line:4.1f} characters a line "
                      f"at {text_look.scale:4.0%}, "
                      f"bar {player.controls.look.scale:4.0%}, device text {player.device_look.scale:4.0%}")
                window.close()
                window.deleteLater()
                app.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
