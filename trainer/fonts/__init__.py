"""The app's own font: BIZ UD Gothic, shipped inside the package.

BIZ UD Gothic (Morisawa, a universal-design font made for legibility) is
licensed under the SIL Open Font License 1.1 (``OFL.txt`` beside the font
files). Shipping it means the app, its screenshots and its handouts look the
same on Windows, macOS and Linux, with or without any font installed.

``register()`` adds the bundled files to Qt's font database once per
process (after the ``QGuiApplication`` exists) and returns the family name.
This module imports Qt only inside ``register``.
"""

from __future__ import annotations

from pathlib import Path

FOLDER = Path(__file__).resolve().parent
FILES = ("BIZUDGothic-Regular.ttf", "BIZUDGothic-Bold.ttf")
FAMILY = "BIZ UDGothic"
"""The family name inside the files (what ``QFont`` is given)."""
LICENCE = FOLDER / "OFL.txt"

_registered: list[str] | None = None


def paths() -> list[Path]:
    """The bundled font files."""
    return [FOLDER / name for name in FILES]


def register() -> list[str]:
    """Add the bundled fonts to Qt's font database (once); return the families they hold.

    Needs a ``QGuiApplication``. A missing or unreadable file is skipped (the
    app falls back to the system's Japanese font, see ``look.pick_family``)."""
    global _registered
    if _registered is not None:
        return list(_registered)
    from PySide6.QtGui import QFontDatabase, QGuiApplication

    if QGuiApplication.instance() is None:
        raise RuntimeError("register the fonts after the QApplication is created")
    families: list[str] = []
    for path in paths():
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            continue
        for family in QFontDatabase.applicationFontFamilies(font_id):
            if family not in families:
                families.append(family)
    _registered = families
    return list(families)
