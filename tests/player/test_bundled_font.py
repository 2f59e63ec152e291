"""The font travels with the app: BIZ UD Gothic ships inside the package, with its licence,
and is used even on a machine that has no Japanese font at all."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from trainer import fonts, system_check

ROOT = Path(__file__).resolve().parents[2]


def test_the_font_files_and_their_licence_are_in_the_package():
    for path in fonts.paths():
        assert path.is_file() and path.stat().st_size > 1_000_000, path
        assert path.read_bytes()[:4] == b"\x00\x01\x00\x00"  # a TrueType file, not a Git LFS pointer
    licence = fonts.LICENCE.read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence and "BIZ UDGothic Project Authors" in licence


def test_registered_fonts_give_the_family_the_app_asks_for(qapp):
    from PySide6.QtGui import QFont, QFontInfo

    from trainer.widgets.look import pick_family

    assert fonts.FAMILY in fonts.register()
    assert pick_family() == fonts.FAMILY
    font = QFont(fonts.FAMILY)
    font.setPixelSize(22)
    assert QFontInfo(font).family() == fonts.FAMILY
    font.setBold(True)
    assert QFontInfo(font).bold()


def test_system_check_no_longer_asks_for_a_font_package():
    assert not any("font" in what.lower() for what, _ in system_check.missing_packages())


def private_fontconfig(tmp_path: Path) -> dict[str, str]:
    """An environment whose fontconfig knows only DejaVu (no Japanese font, no BIZ UD)."""
    fonts_dir = tmp_path / "fonts"
    fonts_dir.mkdir()
    for found in Path("/usr/share/fonts").rglob("DejaVuSans.ttf"):
        (fonts_dir / found.name).write_bytes(found.read_bytes())
    config = tmp_path / "fonts.conf"
    config.write_text(f"""<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><dir>{fonts_dir}</dir><cachedir>{tmp_path / "cache"}</cachedir></fontconfig>
""", encoding="utf-8")
    return {**os.environ, "FONTCONFIG_FILE": str(config), "QT_QPA_PLATFORM": "offscreen",
            "PYTHONPATH": str(ROOT), "TRAINER_CONFIG_DIR": str(tmp_path / "config")}


SCRIPT = textwrap.dedent("""
    import json
    from PySide6.QtGui import QFontDatabase, QFontInfo
    from PySide6.QtWidgets import QApplication
    import trainer.app
    from trainer.widgets.look import Look, pick_family
    app = QApplication([])
    before = sorted(QFontDatabase.families())
    family = pick_family()
    info = QFontInfo(Look(family=family).font("body"))
    print(json.dumps({"before": before, "family": family, "used": info.family()}))
""")


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fontconfig is Linux's")
def test_without_any_japanese_font_installed_the_app_still_uses_biz_ud_gothic(tmp_path):
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120,
                          env=private_fontconfig(tmp_path), cwd=ROOT)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert not any("BIZ" in name for name in found["before"]), found["before"]  # really no system copy
    assert found["family"] == found["used"] == fonts.FAMILY
