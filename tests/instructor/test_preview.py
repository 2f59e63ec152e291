"""``trainer preview``: plays a file from a step, reloads on save (even when the
editor replaces the file), shows problems in the window and never crashes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.instructor.conftest import TINY
from trainer.cli import main

pytest.importorskip("trainer.app.player", reason="the player is not in this checkout yet")

from trainer.authoring.preview import PreviewWindow
from trainer.widgets.look import Look

TWO_STEPS = TINY.replace("  - id: done\n", """\
  - id: second
    say: 二つめのステップです。
    screen:
      elements:
        - {type: button, id: ok, label: はい}
    expect: {tap: ok}
  - id: done
""")


def save_like_an_editor(path: Path, text: str) -> None:
    """Write a new file and rename it over the old one (what many editors do)."""
    temp = path.with_name(f".{path.name}.tmp")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, path)


@pytest.fixture
def window(qtbot, tmp_path):
    def _open(text: str = TWO_STEPS, step: str | None = None) -> PreviewWindow:
        path = tmp_path / "s.yaml"
        path.write_text(text, encoding="utf-8")
        win = PreviewWindow(path, Look(), step)
        qtbot.addWidget(win)
        win.resize(1000, 760)
        win.show()
        return win

    return _open


def test_opens_at_the_chosen_step_and_records_nothing(window):
    win = window(step="second")
    assert not win.showing_problems()
    assert win.player.step.id == "second"
    assert win.player.run.snapshot().step_id == "second"
    assert win.player.run._listeners == []  # no progress recorder, nothing kept


def test_an_unknown_step_starts_at_the_first(window):
    win = window(step="nowhere")
    assert win.player.step.id == "press"


def test_reloads_when_the_file_is_saved_in_place(qtbot, window):
    win = window(step="second")
    path = win.path
    with qtbot.waitSignal(win.reloaded, timeout=5000) as blocker:
        path.write_text(TWO_STEPS.replace("二つめのステップです。", "書きかえました。"), encoding="utf-8")
    assert blocker.args == [True]
    assert win.scenario.step("second").say.get("ja") == "書きかえました。"
    assert win.player.step.id == "second"


def test_reloads_when_an_editor_replaces_the_file(qtbot, window):
    win = window(step="second")
    for round_ in range(3):  # the watch must survive every replacement
        with qtbot.waitSignal(win.reloaded, timeout=5000):
            save_like_an_editor(win.path, TWO_STEPS.replace("二つめのステップです。", f"版 {round_}"))
        assert win.scenario.step("second").say.get("ja") == f"版 {round_}"
        assert str(win.path) in win.watcher.files()


def test_a_broken_file_shows_its_problems_then_recovers(qtbot, window):
    win = window()
    with qtbot.waitSignal(win.reloaded, timeout=5000) as blocker:
        save_like_an_editor(win.path, TWO_STEPS.replace("level: 1", "level: 9"))
    assert blocker.args == [False]
    assert win.showing_problems()
    assert win.problems == [f"{win.path}:7:8: 「level」は 1 から 3 までの数にしてください（いまは 9）。"]
    assert f"{win.path}:7:8:" in win.error_text.text()
    with qtbot.waitSignal(win.reloaded, timeout=5000) as blocker:
        save_like_an_editor(win.path, "format: 1\nid: [\n")
    assert win.showing_problems() and "YAML" in win.problems[0]
    with qtbot.waitSignal(win.reloaded, timeout=5000) as blocker:
        save_like_an_editor(win.path, TWO_STEPS)
    assert blocker.args == [True]
    assert not win.showing_problems()


def test_a_file_broken_from_the_start_and_a_deleted_file(qtbot, window):
    win = window(TINY.replace("say: よくできました。", "say: ''"))
    assert win.showing_problems()
    with qtbot.waitSignal(win.reloaded, timeout=5000):
        win.path.unlink()
    assert win.showing_problems()
    assert "見つかりません" in win.problems[0]
    with qtbot.waitSignal(win.reloaded, timeout=5000):
        win.path.write_text(TINY, encoding="utf-8")
    assert not win.showing_problems()


def test_playing_to_the_end_then_again(qtbot, window):
    from trainer.scenarios.actions import Action

    win = window(TINY)
    win.player.act(Action.tap("next"))
    assert win.stack.currentWidget() is win.finish_page
    assert "よくできました" in win.finish_text.text()
    with qtbot.waitSignal(win.reloaded, timeout=5000):
        win.again.click()
    assert win.player.step.id == "press"


def test_cli_opens_the_window(qapp, tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(TINY, encoding="utf-8")
    assert main(["--smoke", "preview", str(path), "--step", "press", "--text-size", "150"]) == 0


def test_cli_usage_errors(tmp_path):
    assert main(["preview", str(tmp_path / "missing.yaml")]) == 2
    path = tmp_path / "s.yaml"
    path.write_text(TINY, encoding="utf-8")
    assert main(["preview", str(path), "--text-size", "50"]) == 2
