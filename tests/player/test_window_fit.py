"""The main window fits the screen it opens on: maximized by default, ``--window WxH`` for
reviewers, never larger than the screen's available area, fractional display scaling kept."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from trainer.app.settings import Settings, SettingsStore
from trainer.app.window_fit import NORMAL_SIZE, parse_size, plan_window
from trainer.cli import build_parser

ROOT = Path(__file__).resolve().parents[2]


def test_maximized_by_default_with_a_normal_size_that_fits():
    plan = plan_window((0, 0, 1366, 728))
    assert plan.maximized
    assert (plan.width, plan.height) == (1280, 728)  # the size it returns to when un-maximized
    assert Settings().maximized is True


@pytest.mark.parametrize(("available", "requested", "expected"), [
    ((0, 0, 1920, 1040), (1280, 720), (320, 160, 1280, 720)),
    ((0, 0, 1366, 728), (1920, 1080), (0, 0, 1366, 728)),       # shrunk to the screen, never larger
    ((1920, 30, 1280, 690), (1024, 768), (2048, 30, 1024, 690)),  # a second screen, under a top bar
    ((0, 0, 800, 600), (100, 100), (240, 180, 320, 240)),        # never smaller than 320×240
])
def test_a_requested_window_is_normal_centred_and_inside_the_screen(available, requested, expected):
    plan = plan_window(available, requested=requested, maximized=True)
    assert not plan.maximized
    assert (plan.x, plan.y, plan.width, plan.height) == expected
    ax, ay, aw, ah = available
    assert ax <= plan.x and plan.x + plan.width <= ax + aw
    assert ay <= plan.y and plan.y + plan.height <= ay + ah


def test_the_setting_can_ask_for_a_normal_window():
    plan = plan_window((0, 0, 1024, 768), maximized=False)
    assert not plan.maximized
    assert (plan.width, plan.height) == (min(NORMAL_SIZE[0], 1024), min(NORMAL_SIZE[1], 768))


def test_maximized_is_kept_in_the_settings_file(tmp_path):
    store = SettingsStore(tmp_path)
    store.save(Settings(maximized=False))
    assert store.load().maximized is False
    assert json.loads((tmp_path / "settings.json").read_text(encoding="utf-8"))["maximized"] is False


def test_window_option_is_parsed_and_bad_values_get_a_plain_message(capsys):
    assert parse_size("1280x720") == (1280, 720)
    assert parse_size(" 1024×768 ") == (1024, 768)
    assert build_parser(only="").parse_args(["--window", "1280x720"]).window == (1280, 720)
    for bad in ("big", "1280", "10x10"):
        with pytest.raises(ValueError):
            parse_size(bad)
    with pytest.raises(SystemExit):
        build_parser(only="").parse_args(["--window", "wide"])
    err = capsys.readouterr().err
    assert "1280x720" in err and "Traceback" not in err


SCRIPT = textwrap.dedent("""
    import json, sys
    from trainer.app.window_fit import place_window, prepare_high_dpi
    prepare_high_dpi()
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication
    import trainer.app
    from trainer.app.library import Library
    from trainer.app.main_window import MainWindow
    from trainer.app.settings import Settings
    app = QApplication([])
    requested = tuple(json.loads(sys.argv[1])) if sys.argv[1] != "null" else None
    window = MainWindow(Library([]), settings=Settings(text_size_chosen=True, read_aloud=False, text_scale=300))
    before = window.size()
    place_window(window, requested=requested, maximized=sys.argv[2] == "1")
    app.processEvents()
    area = window.screen().availableGeometry()
    print(json.dumps({"before": [before.width(), before.height()], "inner": [window.width(), window.height()],
                      "frame": [window.frameGeometry().x(), window.frameGeometry().y(),
                                window.frameGeometry().width(), window.frameGeometry().height()],
                      "area": [area.x(), area.y(), area.width(), area.height()],
                      "maximized": window.isMaximized(), "ratio": window.screen().devicePixelRatio(),
                      "policy": QGuiApplication.highDpiScaleFactorRoundingPolicy().name}))
""")


def open_on_screen(tmp_path, requested, maximized, width=1366, height=768, dpr=1.5) -> dict:
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": width,
                                               "height": height, "logicalDpi": 96, "dpr": dpr}]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}", "PYTHONPATH": str(ROOT),
           "TRAINER_CONFIG_DIR": str(tmp_path / "config")}
    done = subprocess.run([sys.executable, "-c", SCRIPT, json.dumps(requested), "1" if maximized else "0"],
                          capture_output=True, text=True, env=env, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.slow
def test_the_real_window_on_a_small_scaled_screen(tmp_path):
    opened = open_on_screen(tmp_path, None, True)
    assert opened["maximized"]
    assert opened["frame"][2:] == opened["area"][2:] == [1366, 768]
    assert opened["before"][0] <= 1366 and opened["before"][1] <= 768  # even before it is placed
    assert opened["ratio"] == 1.5 and opened["policy"] == "PassThrough"  # 150 % is kept, not rounded to 200 %
    opened = open_on_screen(tmp_path, [1920, 1080], False)
    assert not opened["maximized"]
    assert opened["frame"] == [0, 0, 1366, 768]  # 300 % text does not push the window past the screen
    opened = open_on_screen(tmp_path, [1024, 700], False)
    assert opened["inner"] == [1024, 700]  # what the pages get: the size asked for
