"""Open JTalk backend: real WAV files, clause streaming, stopping, readings applied."""

from __future__ import annotations

import threading
import time

import numpy as np

from tests.speech.conftest import LONG_TEXT, check_playable
from trainer.reading.engine import Reader
from trainer.speech.audio import read_wav
from trainer.speech.base import CancelToken, SpeechEvents
from trainer.speech.openjtalk import OpenJTalkBackend
from trainer.speech.playback import AudioOut, AudioStream


class Recorder(SpeechEvents):
    def __init__(self) -> None:
        self.started_at: float | None = None
        self.got_started = threading.Event()
        self.all_marks = []

    def started(self) -> None:
        self.started_at = time.perf_counter()
        self.got_started.set()

    def marks(self, marks) -> None:
        self.all_marks.extend(marks)


class CountingOut(AudioOut):
    """Counts the chunks written, to see the streaming."""

    def __init__(self) -> None:
        self.writes: list[int] = []

    def open(self, rate, token) -> AudioStream:
        owner = self

        class Stream(AudioStream):
            def write(self, pcm: bytes) -> None:
                owner.writes.append(len(pcm))

            def finish(self) -> None:
                pass

        return Stream()


def test_to_wav_writes_real_48khz_speech(tmp_path):
    path = OpenJTalkBackend().to_wav("こんにちは。今日は580円のお買い物です。", tmp_path / "hello.wav")
    seconds = check_playable(path)
    assert 1.5 < seconds < 10
    assert read_wav(path).rate == 48000


def test_speak_streams_clause_by_clause_and_marks_words(wav_out):
    backend = OpenJTalkBackend(audio_out=CountingOut())
    events = Recorder()
    assert backend.speak(LONG_TEXT, events=events) is True
    assert len(backend.audio_out.writes) >= 5  # one write per clause, not one at the end
    plain = Reader().plain(LONG_TEXT)
    times = [mark.at_ms for mark in events.all_marks]
    assert times == sorted(times)
    assert all(m.offset >= 0 and m.offset + m.length <= len(plain) for m in events.all_marks)
    spoken = {plain[m.offset : m.offset + m.length] for m in events.all_marks}
    assert {"都城", "QRコード", "580"} <= spoken


def test_streamed_speech_is_as_long_as_the_whole(wav_out, tmp_path):
    backend = OpenJTalkBackend(audio_out=wav_out)
    backend.speak(LONG_TEXT)
    streamed = check_playable(wav_out.files[0])
    whole = check_playable(backend.to_wav(LONG_TEXT, tmp_path / "whole.wav"))
    assert 0.7 * whole < streamed < 1.3 * whole


def test_rate_and_volume_change_the_sound(tmp_path):
    backend = OpenJTalkBackend()
    normal = read_wav(backend.to_wav("ゆっくり話します", tmp_path / "a.wav"))
    backend.rate = 2.0
    fast = read_wav(backend.to_wav("ゆっくり話します", tmp_path / "b.wav"))
    backend.rate, backend.volume = 1.0, 0.25
    quiet = read_wav(backend.to_wav("ゆっくり話します", tmp_path / "c.wav"))
    assert fast.duration_ms < 0.75 * normal.duration_ms
    assert np.abs(quiet.samples).max() < 0.4 * np.abs(normal.samples).max()


def test_author_reading_changes_the_speech(tmp_path):
    plain = OpenJTalkBackend(Reader())
    overridden = OpenJTalkBackend(Reader({"都城": "とじょう"}))
    a = read_wav(plain.to_wav("都城", tmp_path / "a.wav"))
    b = read_wav(overridden.to_wav("都城", tmp_path / "b.wav"))
    assert b.duration_ms < a.duration_ms  # とじょう is shorter than みやこのじょう


def test_stop_during_a_long_utterance_ends_it_promptly(realtime_out):
    backend = OpenJTalkBackend(audio_out=realtime_out)
    events = Recorder()
    token = CancelToken()
    result = {}
    thread = threading.Thread(target=lambda: result.setdefault("done", backend.speak(LONG_TEXT, events=events,
                                                                                     token=token)))
    thread.start()
    assert events.got_started.wait(10)
    began = time.perf_counter()
    token.cancel()
    thread.join(2)
    assert not thread.is_alive()
    assert time.perf_counter() - began < 0.5
    assert result["done"] is False
    assert realtime_out.interrupted == [True]
    assert read_wav(realtime_out.files[0]).duration_ms < 5000
