"""Say, in plain words, which optional system packages are missing.

Run by ``make run`` and ``make test``. The app runs without them; they make
it better (a clear universal-design font, a system voice). Never fails.
"""

from __future__ import annotations

import shutil
import subprocess
import sys

FONT_FAMILY = "BIZ UDGothic"


def missing_packages() -> list[tuple[str, str]]:
    """Return (what, how to get it) for each optional package not found."""
    missing: list[tuple[str, str]] = []
    if sys.platform.startswith("linux"):
        fonts = ""
        if shutil.which("fc-list"):
            try:
                fonts = subprocess.run(
                    ["fc-list", ":", "family"], capture_output=True, text=True, timeout=10
                ).stdout
            except (OSError, subprocess.SubprocessError):
                fonts = ""
        if "BIZ UD" not in fonts:
            missing.append(
                ("BIZ UD Gothic font (読みやすいフォント)", "sudo apt-get install fonts-morisawa-bizud-gothic")
            )
        if not shutil.which("espeak-ng") and not shutil.which("espeak"):
            missing.append(("espeak-ng (system voice for pyttsx3)", "sudo apt-get install espeak-ng alsa-utils"))
    return missing


def main() -> int:
    for what, how in missing_packages():
        print(f"note: {what} is not installed — the app still runs. To add it: {how}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
