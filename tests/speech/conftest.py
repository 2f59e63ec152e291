"""Fixtures for speech tests: audio goes to WAV files, never to a speaker."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import numpy as np
import pytest

from trainer.speech.audio import read_wav
from trainer.speech.playback import WavFileOut

HERE = Path(__file__).parent
FAKE_WORKER = [sys.executable, str(HERE / "fake_pyttsx3_worker.py")]

LONG_TEXT = ("今日は都城市の駅前で、キャッシュレス決済の練習をします。まず、スマートフォンのアプリを開いて、"
             "QRコードを読み取ってください。金額に580円と入力したら、お店の人に画面を見せて確認してもらいます。"
             "最後に支払うボタンを押すと、支払いが終わります。")


def has_espeak() -> bool:
    """pyttsx3's Linux driver needs the espeak-ng library (installed with espeak-ng)."""
    if not sys.platform.startswith("linux"):
        return True
    return bool(shutil.which("espeak-ng") or shutil.which("espeak"))


needs_espeak = pytest.mark.skipif(not has_espeak(), reason="espeak-ng is not installed")


@pytest.fixture
def wav_out(tmp_path) -> WavFileOut:
    return WavFileOut(tmp_path / "heard")


@pytest.fixture
def realtime_out(tmp_path) -> WavFileOut:
    return WavFileOut(tmp_path / "heard", realtime=True)


def loudness(path: Path) -> float:
    """RMS of a WAV file's samples (0 for silence)."""
    samples = read_wav(path).samples.astype(np.float64)
    return float(np.sqrt(np.mean(samples**2))) if len(samples) else 0.0


def check_playable(path: Path) -> float:
    """Assert ``path`` is a real, non-silent 16-bit PCM WAV; return its duration in seconds."""
    import wave

    with wave.open(str(path), "rb") as wav:
        assert wav.getsampwidth() == 2
        assert wav.getnchannels() == 1
        assert wav.getnframes() > wav.getframerate() // 10, "less than 0.1 s of audio"
        seconds = wav.getnframes() / wav.getframerate()
    assert loudness(path) > 100, "the audio is silent"
    if shutil.which("sox"):
        import subprocess

        info = subprocess.run(["sox", "--i", str(path)], capture_output=True, text=True, timeout=30)
        assert info.returncode == 0, info.stderr
        assert "16-bit" in info.stdout
    return seconds
