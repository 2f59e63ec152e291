"""``trainer validate``: exit codes, one line per problem, a summary line."""

from __future__ import annotations

from tests.scenarios.conftest import MINIMAL
from trainer.cli import main
from trainer.content import bundled_content_dir


def test_bundled_content_is_valid(capsys):
    assert main(["validate", str(bundled_content_dir())]) == 0
    out = capsys.readouterr().out
    assert "問題 0 件" in out


def test_broken_file_exits_1_with_position(write, capsys):
    path = write(MINIMAL.replace("level: 1", "level: 9").replace("category: smartphone", "category: smartfone"))
    assert main(["validate", "--lang", "en", str(path)]) == 1
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].startswith(f"{path}:6:11: ") and "did you mean 'smartphone'" in lines[0]
    assert lines[1].startswith(f"{path}:7:8: ") and "between 1 and 3" in lines[1]
    assert lines[-1] == "0 valid scenario(s), 2 problem(s) in 1 file(s)."


def test_missing_path_is_a_usage_error(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "nope.yaml")]) == 2
    assert "見つかりません" in capsys.readouterr().err


def test_no_arguments_is_a_usage_error(capsys):
    assert main(["validate"]) == 2


def test_lang_follows_the_locale(write, capsys, monkeypatch):
    monkeypatch.delenv("TRAINER_LANG", raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    path = write(MINIMAL.replace("level: 1", "level: 9"))
    assert main(["validate", str(path)]) == 1
    assert "must be between 1 and 3" in capsys.readouterr().out
