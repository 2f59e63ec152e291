"""pyttsx3 (espeak-ng here) in its own process: real audio, and its traps.

The first four tests pin pyttsx3 2.99's own traps with the espeak driver
(run in a child process, as the app does); if one starts failing, pyttsx3
changed and the worker's workarounds may be simplified. ``runAndWait``
never returning is reported for macOS, Windows and Raspberry Pi
(nateshmbhat/pyttsx3#22, #126, #224) but does not happen with espeak-ng
here, so a fake worker plays that part. The others check our backend
survives all of them.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.speech.conftest import FAKE_WORKER, LONG_TEXT, check_playable, needs_espeak
from trainer.speech.base import CancelToken, SpeechError, SpeechEvents
from trainer.speech.pyttsx3_backend import Pyttsx3Backend

pytestmark = needs_espeak


def run_python(code: str, timeout: float) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout)


def test_trap_engines_are_cached_per_driver():
    result = run_python("import pyttsx3; print(pyttsx3.init() is pyttsx3.init())", 60)
    assert result.stdout.strip().endswith("True"), result.stderr


def test_trap_a_second_queued_utterance_replaces_the_first(tmp_path):
    first, second = tmp_path / "1.wav", tmp_path / "2.wav"
    code = (
        "import pyttsx3\n"
        "e = pyttsx3.init()\n"
        f"e.save_to_file('one', {str(first)!r})\n"
        f"e.save_to_file('two', {str(second)!r})\n"
        "e.runAndWait()\n"
    )
    result = run_python(code, 60)
    assert result.returncode == 0, result.stderr
    assert second.exists()
    assert not first.exists(), "pyttsx3 now keeps both: the one-utterance-per-runAndWait rule may be relaxed"


def test_trap_say_after_save_to_file_goes_to_the_old_file(tmp_path):
    saved = tmp_path / "saved.wav"
    code = (
        "import os, pyttsx3\n"
        "e = pyttsx3.init()\n"
        f"e.save_to_file('one', {str(saved)!r})\n"
        "e.runAndWait()\n"
        f"os.remove({str(saved)!r})\n"
        "e.say('two')\n"
        "e.runAndWait()\n"
    )
    result = run_python(code, 60)
    assert result.returncode == 0, result.stderr
    assert saved.exists(), "say() is spoken again: the worker could use say() for system voices"


def test_trap_a_second_run_and_wait_repeats_the_last_utterance(tmp_path):
    saved = tmp_path / "saved.wav"
    code = (
        "import os, pyttsx3\n"
        "e = pyttsx3.init()\n"
        f"e.save_to_file('one', {str(saved)!r})\n"
        "e.runAndWait()\n"
        f"os.remove({str(saved)!r})\n"
        "e.runAndWait()\n"
    )
    result = run_python(code, 60)
    assert result.returncode == 0, result.stderr
    assert saved.exists(), "runAndWait no longer repeats: fine, the worker never relies on it"


def test_real_espeak_writes_a_playable_wav(tmp_path):
    backend = Pyttsx3Backend()
    try:
        path = backend.to_wav("今日は都城市で580円の買い物をしました。", tmp_path / "espeak.wav")
        seconds = check_playable(path)
        assert 1.0 < seconds < 15
        assert backend.driver == "espeak"
        assert any(v.japanese for v in backend.voices())
    finally:
        backend.close()


def test_a_long_first_utterance_is_complete():
    """espeak's runAndWait may return before the file is written; the worker waits for the end."""
    durations = []
    for _ in range(4):  # the driver's own synthesis cut it in about one start in three
        backend = Pyttsx3Backend()
        try:
            durations.append(backend.synthesize(LONG_TEXT).duration_ms)
        finally:
            backend.close()
    assert len(set(durations)) == 1, durations
    assert durations[0] > 20_000


def test_two_utterances_in_a_row_both_produce_audio(wav_out):
    backend = Pyttsx3Backend(audio_out=wav_out)
    try:
        assert backend.speak("一つ目のおしらせです。") is True
        assert backend.speak("二つ目は、もう少し長いおしらせです。") is True
    finally:
        backend.close()
    assert len(wav_out.files) == 2
    first, second = (check_playable(path) for path in wav_out.files)
    assert second > first


def test_espeak_is_given_kana_and_the_authors_reading(tmp_path):
    record = tmp_path / "texts.txt"
    from trainer.reading.engine import Reader

    backend = Pyttsx3Backend(Reader({"都城": "みやこんじょ"}), driver="espeak",
                             worker_argv=[*FAKE_WORKER, "--record", str(record)])
    try:
        backend.synthesize("今日は都城市でPINを入れる")
    finally:
        backend.close()
    assert record.read_text(encoding="utf-8").splitlines() == ["キョーワミヤコンジョシデピンヲイレル"]


def test_a_japanese_system_voice_gets_the_text_not_kana(tmp_path):
    record = tmp_path / "texts.txt"
    backend = Pyttsx3Backend(driver="sapi5", worker_argv=[*FAKE_WORKER, "--record", str(record)])
    try:
        backend.synthesize("｜都城《みやこのじょう》市の￥5,000")
    finally:
        backend.close()
    assert record.read_text(encoding="utf-8").splitlines() == ["ミヤコノジョウ市の5,000円"]


def test_a_hanging_engine_is_killed_and_the_next_utterance_works(wav_out):
    backend = Pyttsx3Backend(audio_out=wav_out, worker_argv=[*FAKE_WORKER, "--mode", "hang"], timeout=0.5)
    try:
        began = time.perf_counter()
        with pytest.raises(SpeechError) as caught:
            backend.speak("止まってしまう声")
        assert time.perf_counter() - began < 5
        assert "時間がかかりすぎた" in caught.value.message_ja
        assert backend.worker_pid is None, "the stuck worker was not killed"
        backend.worker_argv = [*FAKE_WORKER, "--mode", "ok"]
        assert backend.speak("次は大丈夫") is True
    finally:
        backend.close()
    assert len(wav_out.files) == 1


def test_a_crashed_worker_is_replaced(wav_out):
    backend = Pyttsx3Backend(audio_out=wav_out)
    try:
        backend.speak("はじめ")
        pid = backend.worker_pid
        assert pid is not None
        os.kill(pid, signal.SIGKILL)
        assert backend.speak("つぎ") in (True,)
        assert backend.worker_pid not in (None, pid)
    finally:
        backend.close()
    assert len(wav_out.files) == 2


def test_a_dying_worker_is_reported_plainly():
    backend = Pyttsx3Backend(worker_argv=[*FAKE_WORKER, "--mode", "die"])
    try:
        with pytest.raises(SpeechError) as caught:
            backend.synthesize("あ")
        assert caught.value.message_ja.endswith("文字で続けられます。")
    finally:
        backend.close()


def test_stop_during_a_long_utterance_ends_it_promptly(realtime_out):
    backend = Pyttsx3Backend(audio_out=realtime_out)
    started = threading.Event()

    class Events(SpeechEvents):
        def started(self) -> None:
            started.set()

    token = CancelToken()
    thread = threading.Thread(target=backend.speak, args=(LONG_TEXT,), kwargs={"events": Events(), "token": token})
    try:
        thread.start()
        assert started.wait(20)
        began = time.perf_counter()
        token.cancel()
        thread.join(2)
        assert not thread.is_alive()
        assert time.perf_counter() - began < 0.5
    finally:
        backend.close()
    assert realtime_out.interrupted == [True]


def test_the_worker_keeps_stray_prints_off_the_protocol(tmp_path):
    """pyttsx3's espeak driver prints 'Audio saved to ...' on stdout after each file (the driver
    itself speaks here: no espeak command on the PATH)."""
    env = {**os.environ, "PATH": str(tmp_path)}
    proc = subprocess.Popen([sys.executable, "-m", "trainer.speech.pyttsx3_worker"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    path = Path(tmp_path) / "x.wav"
    request = json.dumps({"op": "save", "id": 1, "text": "テスト", "path": str(path), "voice": "jpx/ja", "wpm": 150})
    out, err = proc.communicate(request + '\n{"op": "quit"}\n', timeout=60)
    lines = out.splitlines()
    assert lines[0].startswith('{"event": "ready"')
    assert lines[1].startswith('{"event": "saved", "id": 1')
    assert len(lines) == 2
    assert "Audio saved" in err


def test_the_espeak_driver_gives_way_to_espeaks_own_command_line(monkeypatch):
    from trainer.speech import pyttsx3_worker

    monkeypatch.setattr(pyttsx3_worker.shutil, "which", lambda name: f"/usr/bin/{name}" if name == "espeak-ng" else None)
    assert pyttsx3_worker.espeak_command("espeak") == "/usr/bin/espeak-ng"
    assert pyttsx3_worker.espeak_command("sapi5") is None
    assert pyttsx3_worker.espeak_command("nsss") is None
    monkeypatch.setattr(pyttsx3_worker.shutil, "which", lambda name: None)
    assert pyttsx3_worker.espeak_command("espeak") is None  # no command: the driver itself
