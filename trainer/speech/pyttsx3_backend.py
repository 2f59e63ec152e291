"""The system's voices through pyttsx3 (SAPI5, macOS voices, espeak-ng), in a child process.

The engine runs in ``trainer.speech.pyttsx3_worker`` (see there for the
pyttsx3 traps this avoids). Each utterance is rendered to a WAV file and
played by ``playback`` so it can be stopped at once and a missing sound
device is reported. A worker that does not answer in time is killed and a
fresh one is started for the next utterance.

espeak-ng's Japanese voice reads kana only (kanji come out as "Chinese
letter"), so it gets ``Reader.kana(text)``; a Japanese system voice (SAPI5
Haruka, macOS Kyoko) gets the text with the author's readings applied.
"""

from __future__ import annotations

import collections
import json
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from trainer.reading.engine import Reader
from trainer.speech import messages
from trainer.speech.audio import Audio, read_wav, scale
from trainer.speech.base import CancelToken, SpeechBackend, SpeechError, SpeechEvents, Voice
from trainer.speech.playback import AudioOut

WORKER_ARGV = (sys.executable, "-m", "trainer.speech.pyttsx3_worker")
ESPEAK_JAPANESE_WPM = 150
"""espeak-ng's normal speed for Japanese kana, in words per minute; ``rate`` scales it."""


class _Cancelled(Exception):
    """The utterance was stopped while the worker was rendering it."""


class _WorkerDied(SpeechError):
    """The worker process ended without answering."""

    def __init__(self) -> None:
        super().__init__(*messages.ENGINE_BROKEN, detail="the pyttsx3 worker ended unexpectedly")


class _Worker:
    """One worker process and the replies it has sent."""

    def __init__(self, argv: Sequence[str], ready_timeout: float) -> None:
        try:
            self.proc = subprocess.Popen(list(argv), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                         stderr=subprocess.PIPE, text=True, encoding="utf-8")
        except OSError as error:
            raise SpeechError(*messages.NO_VOICE, detail=str(error)) from error
        self.replies: queue.SimpleQueue[dict[str, Any] | None] = queue.SimpleQueue()
        self.stderr: collections.deque[str] = collections.deque(maxlen=20)
        self._readers = [threading.Thread(target=self._read_replies, name="pyttsx3-replies", daemon=True),
                         threading.Thread(target=self._read_stderr, name="pyttsx3-stderr", daemon=True)]
        for reader in self._readers:
            reader.start()
        ready = self.next_reply(ready_timeout, None)
        if ready is None or ready.get("event") != "ready":
            self.kill()
            raise SpeechError(*messages.NO_VOICE, detail=str(ready or list(self.stderr)))
        self.driver = str(ready.get("driver") or "")
        self.default_wpm = int(ready.get("rate") or 0)
        self.voices = [Voice(v["id"], v["name"], v.get("language", "")) for v in ready.get("voices", [])]

    def _read_replies(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            try:
                self.replies.put(json.loads(line))
            except json.JSONDecodeError:
                self.stderr.append(line)
        self.replies.put(None)

    def _read_stderr(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.stderr.append(line.rstrip())

    def next_reply(self, timeout: float, token: CancelToken | None) -> dict[str, Any] | None:
        """The next reply; None if the worker ended. Raises TimeoutError or _Cancelled."""
        deadline = time.monotonic() + timeout
        while True:
            if token is not None and token.cancelled:
                raise _Cancelled
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError
            try:
                return self.replies.get(timeout=min(remaining, 0.05))
            except queue.Empty:
                continue

    def send(self, message: dict[str, Any]) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps(message, ensure_ascii=False) + "\n")
        self.proc.stdin.flush()

    def alive(self) -> bool:
        return self.proc.poll() is None

    def kill(self) -> None:
        """End the process and close its pipes (the reader threads see the end first)."""
        if self.proc.poll() is None:
            self.proc.kill()
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:  # pragma: no cover - a killed process ends
            pass
        for reader in self._readers:
            if reader is not threading.current_thread():
                reader.join(timeout=2)
        for pipe in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            try:
                if pipe is not None:
                    pipe.close()
            except OSError:
                pass

    def quit(self) -> None:
        """Ask the worker to end; kill it if it does not within 2 s."""
        try:
            self.send({"op": "quit"})
            self.proc.wait(timeout=2)
        except (OSError, ValueError, subprocess.TimeoutExpired):
            pass
        self.kill()


class Pyttsx3Backend(SpeechBackend):
    """System voices via pyttsx3, rendered by a worker process and played by us."""

    name = "pyttsx3"

    def __init__(self, reader: Reader | None = None, *, audio_out: AudioOut | None = None,
                 driver: str | None = None, worker_argv: Sequence[str] | None = None,
                 ready_timeout: float = 20.0, timeout: float = 10.0) -> None:
        super().__init__(reader, audio_out=audio_out)
        argv = list(worker_argv or WORKER_ARGV)
        self.worker_argv = argv + (["--driver", driver] if driver else [])
        self.ready_timeout = ready_timeout
        self.timeout = timeout
        """Seconds an utterance may take to render (plus 0.05 s per character) before the worker is killed."""
        self._worker: _Worker | None = None
        self._lock = threading.Lock()
        self._next_id = 0
        self._folder = Path(tempfile.mkdtemp(prefix="trainer-pyttsx3-"))

    @staticmethod
    def available() -> bool:
        """True when pyttsx3 is installed (not whether it has a voice)."""
        from importlib.util import find_spec

        return find_spec("pyttsx3") is not None

    # -- the worker -----------------------------------------------------------

    def _ensure_worker(self) -> _Worker:
        if self._worker is None or not self._worker.alive():
            if self._worker is not None:
                self._worker.kill()
            self._worker = None
            self._worker = _Worker(self.worker_argv, self.ready_timeout)
        return self._worker

    @property
    def worker_pid(self) -> int | None:
        """The worker's process id, None when none runs."""
        worker = self._worker
        return worker.proc.pid if worker is not None and worker.alive() else None

    def warm_up(self) -> None:
        with self._lock:
            try:
                self._ensure_worker()
            except SpeechError:
                pass

    def voices(self) -> list[Voice]:
        with self._lock:
            try:
                return list(self._ensure_worker().voices)
            except SpeechError:
                return []

    @property
    def driver(self) -> str:
        """The pyttsx3 driver in use ("espeak", "sapi5", "nsss" ...), "" before the first use."""
        worker = self._worker
        return worker.driver if worker is not None else ""

    def _uses_espeak(self, worker: _Worker) -> bool:
        return worker.driver == "espeak" or not worker.driver and sys.platform.startswith("linux")

    def _voice_for(self, worker: _Worker) -> str | None:
        if self.voice_id is not None:
            return self.voice_id
        japanese = [v for v in worker.voices if v.japanese]
        return japanese[0].id if japanese else None

    def _render(self, text: str, kana: str | None, token: CancelToken | None) -> Audio:
        with self._lock:
            try:
                path = self._render_once(text, kana, token)
            except _WorkerDied:  # it crashed since the last utterance: one more try with a new one
                path = self._render_once(text, kana, token)
        try:
            audio = _read_audio(path)
        finally:
            path.unlink(missing_ok=True)
        return Audio(scale(audio.samples, self.volume), audio.rate)

    def _render_once(self, text: str, kana: str | None, token: CancelToken | None) -> Path:
        """Have the worker write one WAV file; return its path. Call with the lock held."""
        worker = self._ensure_worker()
        if self._uses_espeak(worker):
            spoken = kana if kana is not None else self.reader.kana(text)
            wpm = round(ESPEAK_JAPANESE_WPM * self.rate)
        else:
            spoken = kana if kana is not None else self.reader.speech_text(text)
            wpm = round((worker.default_wpm or 200) * self.rate)
        if not spoken.strip():
            raise SpeechError(*messages.ENGINE_BROKEN, detail="nothing to say")
        self._next_id += 1
        request_id = self._next_id
        path = self._folder / f"utterance-{request_id}.wav"
        try:
            worker.send({"op": "save", "id": request_id, "text": spoken, "path": str(path),
                         "voice": self._voice_for(worker), "wpm": wpm})
        except (OSError, ValueError):
            self._drop_worker()
            raise _WorkerDied from None
        deadline = self.timeout + 0.05 * len(spoken)
        while True:
            try:
                reply = worker.next_reply(deadline, token)
            except TimeoutError:
                self._drop_worker()
                raise SpeechError(*messages.TOO_SLOW, detail="pyttsx3 worker did not answer") from None
            if reply is None:
                self._drop_worker()
                raise _WorkerDied
            if reply.get("id") == request_id:
                break
        if reply.get("event") != "saved":
            raise SpeechError(*messages.ENGINE_BROKEN, detail=str(reply.get("message")))
        return path

    def _drop_worker(self) -> None:
        if self._worker is not None:
            self._worker.kill()
            self._worker = None

    # -- speech ---------------------------------------------------------------

    def synthesize(self, text: str, *, kana: str | None = None) -> Audio:
        return self._render(text, kana, None)

    def speak(self, text: str, *, kana: str | None = None, events: SpeechEvents | None = None,
              token: CancelToken | None = None) -> bool:
        events = events or SpeechEvents()
        token = token or CancelToken()
        try:
            audio = self._render(text, kana, token)
        except _Cancelled:
            return False
        if token.cancelled:
            return False
        return self._play(audio, text, kana, events, token)

    def close(self) -> None:
        super().close()
        with self._lock:
            if self._worker is not None:
                self._worker.quit()
                self._worker = None
        shutil.rmtree(self._folder, ignore_errors=True)


def _read_audio(path: Path) -> Audio:
    """Read the worker's file; macOS voices write AIFF whatever the name says."""
    with open(path, "rb") as head:
        magic = head.read(4)
    if magic == b"FORM" and shutil.which("afconvert"):  # pragma: no cover - macOS only
        converted = path.with_suffix(".converted.wav")
        subprocess.run(["afconvert", "-f", "WAVE", "-d", "LEI16", str(path), str(converted)], check=True,
                       capture_output=True, timeout=30)
        try:
            return read_wav(converted)
        finally:
            converted.unlink(missing_ok=True)
    return read_wav(path)
