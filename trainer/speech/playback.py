"""Playing PCM audio without blocking the UI, stoppable at once.

PySide6-Essentials has no QtMultimedia, so sound goes to the system's own
player in a child process: ``paplay``/``pw-play``/``aplay`` on Linux (fed
through a pipe, so the first clause plays while the next is synthesised),
``afplay`` on macOS and ``winsound`` on Windows (one short file per
clause). Cancelling the utterance's token kills the player at once. When
there is no audio device the player fails and ``PlaybackError`` carries a
plain Japanese message; nothing else is raised.

``WavFileOut`` writes each utterance to a numbered WAV file instead, for
tests and machines without sound; with ``realtime=True`` it takes as long
as playing would, so interruption and responsiveness can be tested.
"""

from __future__ import annotations

import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from trainer.speech import messages
from trainer.speech.audio import Audio, write_wav
from trainer.speech.base import CancelToken, SpeechError


class PlaybackError(SpeechError):
    """The sound could not be played (no device, no player)."""


class AudioStream(ABC):
    """One utterance on its way to the speaker."""

    @abstractmethod
    def write(self, pcm: bytes) -> None:
        """Queue mono 16-bit PCM; may block while the device catches up."""

    @abstractmethod
    def finish(self) -> None:
        """Block until everything written was heard, or the token was cancelled."""

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release the device (after finish, or to abandon the stream)."""


class AudioOut(ABC):
    """Opens streams to a sound device."""

    name = "out"

    @abstractmethod
    def open(self, rate: int, token: CancelToken) -> AudioStream:
        """Start an utterance at ``rate`` Hz, mono 16-bit; cancelling ``token`` stops it."""


# -- a player process fed through a pipe (Linux) --------------------------------


class _PipeStream(AudioStream):
    def __init__(self, argv: Sequence[str], token: CancelToken) -> None:
        self._token = token
        try:
            self._proc = subprocess.Popen(list(argv), stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                          stderr=subprocess.PIPE)
        except OSError as error:
            raise PlaybackError(*messages.NO_PLAYER, detail=str(error)) from error
        token.on_cancel(self._kill)

    def _kill(self) -> None:
        if self._proc.poll() is None:
            self._proc.kill()

    def _failure(self) -> PlaybackError:
        try:
            self._proc.wait(timeout=2)
            detail = self._proc.stderr.read().decode(errors="replace") if self._proc.stderr else ""
        except (subprocess.TimeoutExpired, OSError, ValueError):
            detail = ""
        return PlaybackError(*messages.NO_DEVICE, detail=detail.strip()[-500:])

    def write(self, pcm: bytes) -> None:
        if self._token.cancelled:
            return
        assert self._proc.stdin is not None
        try:
            self._proc.stdin.write(pcm)
            self._proc.stdin.flush()
        except (BrokenPipeError, OSError, ValueError) as error:
            if self._token.cancelled:
                return
            raise self._failure() from error

    def finish(self) -> None:
        if self._token.cancelled:
            return
        try:
            assert self._proc.stdin is not None
            self._proc.stdin.close()
        except (BrokenPipeError, OSError):
            pass
        code = self._proc.wait()
        if code != 0 and not self._token.cancelled:
            raise self._failure()

    def close(self) -> None:
        self._token.discard(self._kill)
        self._kill()
        for pipe in (self._proc.stdin, self._proc.stderr):
            try:
                if pipe is not None:
                    pipe.close()
            except OSError:
                pass
        try:
            self._proc.wait(timeout=2)
        except subprocess.TimeoutExpired:  # pragma: no cover - killed processes end
            pass


class PipeOut(AudioOut):
    """Streams raw PCM into a player's stdin: ``argv_for(rate)`` builds its command line."""

    def __init__(self, name: str, argv_for: Callable[[int], list[str]]) -> None:
        self.name = name
        self._argv_for = argv_for

    def open(self, rate: int, token: CancelToken) -> AudioStream:
        return _PipeStream(self._argv_for(rate), token)


def aplay_out() -> PipeOut:
    """ALSA's ``aplay`` reading raw PCM from stdin."""
    return PipeOut("aplay", lambda rate: ["aplay", "-q", "-t", "raw", "-f", "S16_LE", "-c", "1", "-r", str(rate), "-"])


def paplay_out() -> PipeOut:
    """PulseAudio's ``paplay`` (also served by PipeWire)."""
    return PipeOut("paplay", lambda rate: ["paplay", "--raw", "--format=s16le", "--channels=1", f"--rate={rate}"])


def pw_play_out() -> PipeOut:
    """PipeWire's ``pw-play``."""
    return PipeOut("pw-play", lambda rate: ["pw-play", "--format", "s16", "--channels", "1", "--rate", str(rate), "-"])


# -- one file per clause, played in order (macOS, Windows) ---------------------------


class _ChunkStream(AudioStream):
    """Plays each written chunk from a temporary WAV file, in order, on its own thread."""

    def __init__(self, rate: int, token: CancelToken, play_file: Callable[[Path, float, CancelToken], None]) -> None:
        self._rate = rate
        self._token = token
        self._play_file = play_file
        self._chunks: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self._error: PlaybackError | None = None
        self._folder = Path(tempfile.mkdtemp(prefix="trainer-speech-"))
        self._thread = threading.Thread(target=self._run, name="chunk-player", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        index = 0
        while True:
            pcm = self._chunks.get()
            if pcm is None or self._token.cancelled:
                return
            index += 1
            samples = np.frombuffer(pcm, dtype="<i2")
            path = write_wav(self._folder / f"chunk-{index}.wav", Audio(samples, self._rate))
            try:
                self._play_file(path, 1000.0 * len(samples) / self._rate, self._token)
            except PlaybackError as error:
                self._error = error
                return
            except Exception as error:  # winsound raises RuntimeError without a device
                self._error = PlaybackError(*messages.NO_DEVICE, detail=repr(error))
                return

    def write(self, pcm: bytes) -> None:
        if self._error is not None:
            raise self._error
        self._chunks.put(pcm)

    def finish(self) -> None:
        self._chunks.put(None)
        while self._thread.is_alive() and not self._token.cancelled:
            self._thread.join(0.05)
        if self._error is not None and not self._token.cancelled:
            raise self._error

    def close(self) -> None:
        self._chunks.put(None)
        shutil.rmtree(self._folder, ignore_errors=True)


class ChunkFileOut(AudioOut):
    """Plays clause-sized WAV files one after another with ``play_file``."""

    def __init__(self, name: str, play_file: Callable[[Path, float, CancelToken], None]) -> None:
        self.name = name
        self._play_file = play_file

    def open(self, rate: int, token: CancelToken) -> AudioStream:
        return _ChunkStream(rate, token, self._play_file)


def _afplay(path: Path, duration_ms: float, token: CancelToken) -> None:
    proc = subprocess.Popen(["afplay", str(path)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    token.on_cancel(proc.kill)
    try:
        code = proc.wait()
    finally:
        token.discard(proc.kill)
    if code != 0 and not token.cancelled:
        detail = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
        raise PlaybackError(*messages.NO_DEVICE, detail=detail)


if sys.platform == "win32":  # pragma: no cover - winsound (and its types) exist on Windows only
    def _winsound(path: Path, duration_ms: float, token: CancelToken) -> None:
        import winsound

        def halt() -> None:
            winsound.PlaySound(None, winsound.SND_PURGE)

        winsound.PlaySound(str(path), winsound.SND_FILENAME | winsound.SND_ASYNC | winsound.SND_NODEFAULT)
        token.on_cancel(halt)
        try:
            token.wait(duration_ms / 1000 + 0.05)
        finally:
            token.discard(halt)


# -- files instead of a speaker -------------------------------------------------


class _WavFileStream(AudioStream):
    def __init__(self, owner: WavFileOut, rate: int, token: CancelToken) -> None:
        self._owner = owner
        self._rate = rate
        self._token = token
        self._parts: list[bytes] = []
        self.closed = False

    def write(self, pcm: bytes) -> None:
        if self._token.cancelled:
            return
        self._parts.append(pcm)
        if self._owner.realtime:
            self._token.wait(len(pcm) / 2 / self._rate)

    def finish(self) -> None:
        pass

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        samples = np.frombuffer(b"".join(self._parts), dtype="<i2")
        self._owner._done(Audio(samples.copy(), self._rate), self._token.cancelled)


class WavFileOut(AudioOut):
    """Writes each utterance to ``folder/utterance-NNN.wav`` (what was 'heard' so far).

    ``realtime=True`` makes writing take as long as listening would, so a
    stop in the middle cuts the file short, like a real speaker.
    """

    name = "wav-files"

    def __init__(self, folder: str | Path, *, realtime: bool = False) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.realtime = realtime
        self.files: list[Path] = []
        self.interrupted: list[bool] = []
        self.opened_at: list[float] = []
        self._lock = threading.Lock()

    def open(self, rate: int, token: CancelToken) -> AudioStream:
        with self._lock:
            self.opened_at.append(time.perf_counter())
        return _WavFileStream(self, rate, token)

    def _done(self, audio: Audio, interrupted: bool) -> None:
        with self._lock:
            path = self.folder / f"utterance-{len(self.files) + 1:03d}.wav"
            write_wav(path, audio)
            self.files.append(path)
            self.interrupted.append(interrupted)


class NoAudioOut(AudioOut):
    """Used when no player was found: every utterance fails with a plain message."""

    name = "none"

    def open(self, rate: int, token: CancelToken) -> AudioStream:
        raise PlaybackError(*messages.NO_PLAYER)


def _linux_out() -> AudioOut:
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    pulse = bool(os.environ.get("PULSE_SERVER")) or (runtime and Path(runtime, "pulse", "native").exists())
    if pulse and shutil.which("paplay"):
        return paplay_out()
    if runtime and Path(runtime, "pipewire-0").exists() and shutil.which("pw-play"):
        return pw_play_out()
    if shutil.which("aplay"):
        return aplay_out()
    if shutil.which("paplay"):
        return paplay_out()
    return NoAudioOut()


def default_audio_out() -> AudioOut:
    """The best way to play sound on this computer."""
    if sys.platform == "win32":
        return ChunkFileOut("winsound", _winsound)
    if sys.platform == "darwin":
        return ChunkFileOut("afplay", _afplay) if shutil.which("afplay") else NoAudioOut()
    return _linux_out()
