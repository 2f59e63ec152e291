"""``trainer speak TEXT --out FILE.wav`` writes real, playable speech."""

from __future__ import annotations

import sys

import pytest

from tests.speech.conftest import check_playable, needs_espeak
from trainer.cli import main
from trainer.speech.audio import read_wav


def test_speak_writes_openjtalk_wav(tmp_path, capsys):
    out = tmp_path / "hello.wav"
    assert main(["--lang", "en", "speak", "こんにちは、｜都城《みやこのじょう》です。", "--out", str(out)]) == 0
    assert check_playable(out) > 1.0
    assert read_wav(out).rate == 48000
    assert "saved" in capsys.readouterr().out


@needs_espeak
def test_speak_writes_pyttsx3_wav(tmp_path):
    out = tmp_path / "espeak.wav"
    assert main(["speak", "こんにちは", "--out", str(out), "--backend", "pyttsx3"]) == 0
    assert check_playable(out) > 0.3


def test_speak_rate_changes_the_length(tmp_path):
    slow, fast = tmp_path / "slow.wav", tmp_path / "fast.wav"
    assert main(["speak", "ゆっくり話します", "--out", str(slow), "--rate", "0.5"]) == 0
    assert main(["speak", "ゆっくり話します", "--out", str(fast), "--rate", "2"]) == 0
    assert read_wav(slow).duration_ms > 2 * read_wav(fast).duration_ms


def test_speak_bad_rate_is_a_usage_error(tmp_path, capsys):
    assert main(["speak", "あ", "--out", str(tmp_path / "x.wav"), "--rate", "5"]) == 2
    assert "rate" in capsys.readouterr().err


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="checks the Linux players")
def test_speak_without_out_plays_or_says_why_not(capsys):
    code = main(["--lang", "ja", "speak", "はい"])
    if code == 1:  # no sound device here: a plain message, no traceback
        err = capsys.readouterr().err
        assert "音が出せませんでした" in err or "仕組みが見つかりません" in err
        assert "Traceback" not in err
    else:
        assert code == 0
