"""Say, in plain words, which optional system packages are missing.

Run by ``make run`` and ``make test``. The app runs without them; they make
it better (a system voice). Never fails. The font is not among them: BIZ UD
Gothic ships inside the package (``trainer/fonts``); a broken install that
lost those files is reported too.
"""

from __future__ import annotations

import shutil
import sys


def missing_packages() -> list[tuple[str, str]]:
    """Return (what, how to get it) for each optional package not found."""
    missing: list[tuple[str, str]] = []
    from trainer import fonts
    from trainer.words.catalogue import tr

    if not all(path.is_file() for path in fonts.paths()):
        missing.append((f"{tr('system.font', 'en')} ({tr('system.font', 'ja')})",
                        "reinstall the app: python -m pip install --force-reinstall ."))
    if sys.platform.startswith("linux") and not shutil.which("espeak-ng") and not shutil.which("espeak"):
        missing.append(("espeak-ng (system voice for pyttsx3)", "sudo apt-get install espeak-ng alsa-utils"))
    return missing


def main() -> int:
    for what, how in missing_packages():
        print(f"note: {what} is not installed — the app still runs. To add it: {how}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
