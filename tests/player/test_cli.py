"""``trainer shots`` draws every step to PNG; ``trainer --smoke`` starts the
real app, paints the first window and exits 0."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QImage

from trainer.cli import main
from trainer.content import bundled_content_dir


def test_shots_draws_every_step(tmp_path, qapp, capsys):
    out = tmp_path / "shots"
    assert main(["shots", "scan-to-pay", "--out", str(out), "--scale", "2", "--theme", "high-contrast"]) == 0
    files = sorted(out.glob("*.png"))
    from trainer.scenarios.loader import load

    scenario = load(bundled_content_dir() / "cashless" / "scan-to-pay.yaml")
    assert [f.stem for f in files] == [f"{n:02d}-{s.id}" for n, s in enumerate(scenario.steps, 1)]
    image = QImage(str(files[0]))
    assert (image.width(), image.height()) == (1280, 720), "the learner's main window, 1280x720 by default"
    assert image.pixelColor(5, image.height() // 2).name() == "#000000", "high contrast: black background"
    assert capsys.readouterr().out.splitlines() == [str(f) for f in files]


def test_shots_at_300_percent_have_the_whole_device_in_every_picture(tmp_path, qapp, monkeypatch):
    from trainer.cli import shots

    seen = []

    def save(window, path):
        player = window.player
        if player is not None:
            device = player.device
            where = QRect(device.mapTo(window, QPoint(0, 0)), device.size())
            seen.append((path.name, device.isVisible(), window.rect().contains(where), where.width() > 200))
        return path

    monkeypatch.setattr(shots, "_save", save)
    assert main(["shots", "mynaportal-login", "--out", str(tmp_path), "--scale", "3", "--window", "1280x720"]) == 0
    assert len(seen) >= 5
    assert all(visible and inside and big for _name, visible, inside, big in seen), seen


def test_shots_takes_a_file_and_hints_and_app_pages(tmp_path, qapp):
    path = bundled_content_dir() / "smartphone" / "open-an-app.yaml"
    out = tmp_path / "s"
    assert main(["shots", str(path), "--out", str(out), "--hints", "--app-pages", "--window", "1024x768"]) == 0
    names = {f.stem for f in out.glob("*.png")}
    assert "02-open-weather-hint3" in names and "app-home" in names and "app-settings" in names


def test_shots_explains_bad_arguments(tmp_path, qapp, capsys):
    assert main(["shots", "no-such-scenario", "--out", str(tmp_path)]) == 2
    assert main(["shots", "scan-to-pay", "--out", str(tmp_path), "--theme", "neon"]) == 2
    assert "neon" in capsys.readouterr().err


def test_smoke_starts_the_real_app_and_exits_0(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TRAINER_CONFIG_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-m", "trainer", "--smoke"], env=env, capture_output=True, text=True,
                            timeout=60, cwd=Path(__file__).resolve().parents[2])
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "settings.json").exists(), "a smoke run changes nothing"


def test_smoke_does_not_load_speech_or_the_database(tmp_path):
    code = ("import sys, os; from trainer.cli import main; rc = main(['--smoke']); "
            "heavy = [m for m in ('pyopenjtalk', 'sqlalchemy', 'pyttsx3') if m in sys.modules]; "
            "print(heavy); sys.exit(rc or (1 if heavy else 0))")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TRAINER_CONFIG_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
