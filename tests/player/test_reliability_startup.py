"""Start-up never fails: a log folder that cannot be made, a bad settings file, a bad environment
variable; the crash guard is installed before anything else loads (issue #12)."""

from __future__ import annotations

import argparse
import logging
import os
import subprocess
import sys

import pytest

from trainer.app.settings import Settings, SettingsStore


def _smoke(env_extra: dict[str, str], tmp_path) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": os.getcwd(),
           "TRAINER_CONFIG_DIR": str(tmp_path / "config"), **env_extra}
    return subprocess.run([sys.executable, "-m", "trainer", "--smoke"], capture_output=True, text=True,
                          env=env, timeout=180)


def test_a_log_folder_that_cannot_be_made_does_not_stop_the_app(tmp_path):
    blocker = tmp_path / "state-is-a-file"
    blocker.write_text("not a folder")
    done = _smoke({"XDG_STATE_HOME": str(blocker), "XDG_CACHE_HOME": str(blocker)}, tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("content", ['{"text_scale": 1e400}', '{"text_scale": -1e400, "rate": NaN}',
                                     '{"volume": 1e999, "rate": "fast"}', "[" * 100_000, '{"text_scale": true}',
                                     '{"text_scale": 1' + "0" * 400 + "}"])
def test_a_bad_settings_file_gives_the_defaults(tmp_path, content):
    (tmp_path / "settings.json").write_text(content, encoding="utf-8")
    loaded = SettingsStore(tmp_path).load()
    assert loaded.text_scale in (100, 125, 150, 175, 200, 250, 300) or loaded == Settings()
    assert 0.5 <= loaded.rate <= 2.0 and 0.0 <= loaded.volume <= 1.0


def test_the_app_starts_with_1e400_in_its_settings(tmp_path):
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "settings.json").write_text('{"text_scale": 1e400}', encoding="utf-8")
    done = _smoke({}, tmp_path)
    assert done.returncode == 0, done.stderr


def test_settings_that_cannot_be_saved_are_not_a_crash(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert SettingsStore(blocker / "config").save(Settings(text_scale=200)) is False


def test_a_bad_database_url_in_the_environment_does_not_stop_recording(tmp_path, monkeypatch):
    from trainer.progress import open_progress

    monkeypatch.setenv("TRAINER_DATABASE_URL", "this is :// not a url")
    progress = open_progress(data_dir_override=tmp_path / "data")
    try:
        assert progress.location.is_sqlite and progress.location.source == "default"
        progress.learners.add_learner("だいじょうぶ")
    finally:
        progress.close()


def test_a_data_folder_that_is_a_file_is_try_later(tmp_path):
    from trainer.progress import open_progress

    blocker = tmp_path / "data"
    blocker.write_text("a file")
    progress = open_progress(data_dir_override=blocker, spill_dirs=[tmp_path / "spill"])
    try:
        assert progress.notice_ja and "いまは記録のファイルに書き込めません" in progress.notice_ja
    finally:
        progress.close()


def test_the_crash_guard_is_installed_before_the_scenarios_load(tmp_path, monkeypatch, qapp):
    from trainer.app import crash_guard, launch
    from trainer.app.library import Library

    monkeypatch.setenv("TRAINER_CONFIG_DIR", str(tmp_path / "config"))
    seen = []

    def broken_load(cls, folders, cache=None):
        seen.append(sys.excepthook)
        raise RuntimeError("a bug while loading the catalogue")

    monkeypatch.setattr(Library, "load", classmethod(broken_load))
    monkeypatch.setattr(crash_guard, "log_file", lambda folder=None: tmp_path / "trainer.log")
    args = argparse.Namespace(lang="ja", smoke=True, content=None)
    assert launch.launch(args) == 0  # the window still opens (empty)
    assert seen and isinstance(seen[0], crash_guard.CrashGuard)
    logged = (tmp_path / "trainer.log").read_text(encoding="utf-8")
    assert "a bug while loading the catalogue" in logged
    for handler in list(logging.getLogger("trainer").handlers):
        if getattr(handler, "baseFilename", None) == str(tmp_path / "trainer.log"):
            logging.getLogger("trainer").removeHandler(handler)
            handler.close()


def test_bad_environment_variables_do_not_stop_the_app(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    done = _smoke({"TRAINER_DATA_DIR": str(blocker), "TRAINER_PACKS_DIR": str(blocker), "TRAINER_LANG": "xx",
                   "TRAINER_DATABASE_URL": "::: not a url", "TRAINER_CONFIG_DIR": str(blocker / "config"),
                   "XDG_CACHE_HOME": str(blocker)}, tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
