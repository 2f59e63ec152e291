"""How large the phone's own text is: per window and text size, the device's text scale, the body
text's pixel size on the phone's screen and the full-width characters a line of it holds.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/phone_text_figures.py

Not a timing: the figures of docs/decisions/player.md ("The phone's own text grows with the chosen
size"). Run it with ``PYTHONPATH`` set to another tree to get that tree's figures (the "before").
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
if "PYTHONPATH" not in os.environ:
    sys.path.insert(0, str(ROOT))

CASES = ("smartphone/open-an-app.yaml", "smartphone/typing-flick.yaml", "safety/parcel-sms.yaml",
         "government/mynaportal-login.yaml", "cashless/scan-to-pay.yaml")
"""Phone scenarios: the figures are for each one's first step on the phone."""
WINDOWS = ((1280, 720, (1.0, 2.0, 3.0)), (1920, 1080, (1.0, 3.0)))


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from tests.player.autoplay import settle
    from tests.player.conftest import start_at
    from tests.player.visibility import open_window
    from trainer.scenarios.loader import load

    app = QApplication.instance() or QApplication([])
    for path in CASES:
        scenario = load(ROOT / "content" / path)
        step = next(s for s in scenario.steps if s.device == "phone")
        for width, height, scales in WINDOWS:
            for scale in scales:
                window = open_window([scenario], (width, height), scale)
                window.start(scenario.id, snapshot=start_at(scenario, step.id))
                settle()
                player = window.player
                look = player.view.ctx.look  # the screen's own look (drawn smaller when it must)
                body = look.size("body")
                line = player.device.scroll_area.viewport().width() / body
                print(f"{path:34} {width}x{height} {scale:4.0%}: device {player.device_look.scale:4.0%}, "
                      f"screen {look.scale:4.0%}, body text {body:3d} px, {line:4.1f} characters across")
                window.deleteLater()
                app.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
