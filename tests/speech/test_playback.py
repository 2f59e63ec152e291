"""Sound output: failures become plain messages, cancelling kills the player at once."""

from __future__ import annotations

import sys
import threading
import time

import numpy as np
import pytest

from trainer.speech.base import CancelToken
from trainer.speech.playback import PipeOut, PlaybackError, WavFileOut, default_audio_out

TENTH_SECOND = np.zeros(4800, dtype=np.int16).tobytes()


def test_a_player_without_device_fails_with_a_japanese_message():
    failing = PipeOut("broken", lambda rate: [sys.executable, "-c",
                                              "import sys; sys.stderr.write('audio open error'); sys.exit(1)"])
    token = CancelToken()
    stream = failing.open(48000, token)
    with pytest.raises(PlaybackError) as caught:
        stream.write(TENTH_SECOND * 20)  # more than a pipe buffer: the write itself notices
        stream.finish()
    stream.close()
    assert "音が出せません" in caught.value.message_ja
    assert "audio open error" in caught.value.detail
    assert caught.value.message("en").startswith("Could not play sound")


def test_a_missing_player_program_fails_with_a_japanese_message():
    missing = PipeOut("missing", lambda rate: ["no-such-player-here"])
    with pytest.raises(PlaybackError) as caught:
        missing.open(48000, CancelToken())
    assert "見つかりません" in caught.value.message_ja


def test_the_system_player_plays_or_reports_never_raises_anything_else():
    out = default_audio_out()
    token = CancelToken()
    try:
        stream = out.open(48000, token)
        try:
            stream.write(TENTH_SECOND)
            stream.finish()
        finally:
            stream.close()
    except PlaybackError as error:
        assert error.message_ja


def test_cancel_kills_a_playing_player_at_once():
    # A player that takes the audio and then "plays" for 30 s.
    slow = PipeOut("slow", lambda rate: [sys.executable, "-c",
                                         "import sys, time; sys.stdin.buffer.read(); time.sleep(30)"])
    token = CancelToken()
    stream = slow.open(48000, token)
    stream.write(TENTH_SECOND)
    done = threading.Event()

    def play():
        stream.finish()
        done.set()

    threading.Thread(target=play, daemon=True).start()
    assert not done.wait(0.3), "finish() returned before the audio was played"
    began = time.perf_counter()
    token.cancel()
    assert done.wait(2)
    assert time.perf_counter() - began < 0.5
    stream.close()


def test_wav_file_out_records_each_utterance_and_a_cut(tmp_path):
    out = WavFileOut(tmp_path, realtime=True)
    token = CancelToken()
    stream = out.open(48000, token)
    stream.write(TENTH_SECOND)
    token.cancel()
    stream.write(TENTH_SECOND)  # ignored after the cancel
    stream.close()
    assert out.interrupted == [True]
    assert out.files[0].stat().st_size == 44 + len(TENTH_SECOND)


def test_cancel_token_runs_callbacks_once_even_late():
    token = CancelToken()
    calls = []
    token.on_cancel(lambda: calls.append("early"))
    token.cancel()
    token.cancel()
    token.on_cancel(lambda: calls.append("late"))
    assert calls == ["early", "late"]
    assert token.cancelled and token.wait(0)
