"""pyttsx3 in its own process: ``python -m trainer.speech.pyttsx3_worker``.

pyttsx3 is kept out of the app's process because of its traps:

- ``runAndWait()`` can hang for ever (reported on macOS, Windows and the
  Raspberry Pi: nateshmbhat/pyttsx3#22, #126, #224);
- with the espeak driver a second ``say``/``save_to_file`` queued before
  ``runAndWait`` replaces the first, so one utterance is silently dropped;
  a ``say`` after a ``save_to_file`` goes to the old file; a second
  ``runAndWait`` repeats the last utterance;
- with espeak, ``runAndWait`` can return before the file is written
  (espeak synthesises on its own thread): the file is missing or cut short;
- ``pyttsx3.init()`` caches one engine per driver name, so a broken
  engine cannot be replaced by calling ``init`` again;
- the espeak driver prints "Audio saved to ..." on stdout after each file;
- the espeak driver's own synthesis (espeak-ng's asynchronous mode, in
  process) now and then ends a message early: the same 22 s text came back
  as 15.9 s in about one start in three, "finished" and all. espeak-ng's own
  command line, synchronous, never did (12 of 12). So where the driver is
  espeak and ``espeak-ng`` (or ``espeak``) is on the PATH, the file is made
  by that command, with the same voice, speed and volume.

So this worker renders exactly one utterance per ``runAndWait``, always to
a WAV file (the app plays it, so it can stop it at once), waits for
pyttsx3's "finished-utterance" notice before answering, and talks JSON
lines on a private copy of stdout while stray prints go to stderr. The
parent kills it when it hangs and starts a new one (a fresh engine cache).

Protocol, one JSON object per line. The worker first sends
``{"event": "ready", "driver": ..., "voices": [{"id", "name", "language"}], "rate": wpm}``.
Requests: ``{"op": "save", "id": n, "text": ..., "path": ..., "voice": id|null, "wpm": n}``
→ ``{"event": "saved", "id": n, "bytes": size}`` or
``{"event": "error", "id": n, "message": ...}``; ``{"op": "quit"}`` ends it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from typing import Any, TextIO

FINISH_TIMEOUT_S = 60.0


def _send(channel: TextIO, **message: object) -> None:
    channel.write(json.dumps(message, ensure_ascii=False) + "\n")
    channel.flush()


def _language(voice: Any) -> str:
    for language in getattr(voice, "languages", None) or []:
        if isinstance(language, bytes):
            language = language.decode(errors="ignore")
        language = str(language).strip("\x00\x05 ")
        if language:
            return language
    return ""


def _voices(engine: Any) -> list[dict[str, str]]:
    result = []
    for voice in engine.getProperty("voices") or []:
        result.append({"id": str(voice.id), "name": str(voice.name or voice.id), "language": _language(voice)})
    return result


def espeak_command(driver: str) -> str | None:
    """The espeak command line that stands in for the espeak driver (None: use the driver)."""
    if "espeak" not in driver:
        return None
    return shutil.which("espeak-ng") or shutil.which("espeak")


def _render_with_command(command: str, text: str, message: dict[str, Any]) -> int:
    """Make the file with espeak's command line (synchronous: the file is whole when it exits)."""
    path = message["path"]
    argv = [command, "-v", str(message.get("voice") or "ja"), "-s", str(int(message.get("wpm") or 150)),
            "-a", "100", "-w", path, "--stdin"]
    done = subprocess.run(argv, input=text.encode("utf-8"), capture_output=True, timeout=FINISH_TIMEOUT_S,
                          check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{os.path.basename(command)} failed: {done.stderr.decode(errors='replace')[:200]}")
    return os.path.getsize(path) if os.path.exists(path) else 0


def _render_with_engine(engine: Any, finished: threading.Event, text: str, message: dict[str, Any]) -> int:
    path = message["path"]
    if message.get("voice"):
        engine.setProperty("voice", message["voice"])
    engine.setProperty("rate", int(message.get("wpm") or 150))
    engine.setProperty("volume", 1.0)
    finished.clear()
    engine.save_to_file(text, path)
    engine.runAndWait()
    # espeak synthesises on its own thread: runAndWait may return before the file is written.
    if not finished.wait(FINISH_TIMEOUT_S):
        raise TimeoutError("the engine did not finish the utterance")
    return _settled_size(path)


def _save(engine: Any, finished: threading.Event, message: dict[str, Any], command: str | None = None) -> int:
    path = message["path"]
    if os.path.exists(path):
        os.remove(path)
    text = str(message.get("text") or "").strip()
    if not text:  # runAndWait with nothing queued never returns
        raise ValueError("empty text")
    if command is not None:
        size = _render_with_command(command, text, message)
    else:
        size = _render_with_engine(engine, finished, text, message)
    if size <= 44:
        raise RuntimeError("the engine produced no audio (utterance dropped)")
    return size


START_TIMEOUT_S = 5.0
"""How long a file with no audio yet (absent, or its header only) is waited for after the engine
says it finished, before the utterance counts as dropped."""


def _settled_size(path: str, poll_s: float = 0.05) -> int:
    """The file's size once it stops growing: under load espeak reports the utterance finished
    while its last buffers are still being written (a 22 s text was once cut at 16 s), and
    sometimes before it has written any audio at all — a file still at its header has not
    settled, it has not begun."""
    start = time.monotonic()
    deadline = start + FINISH_TIMEOUT_S
    size = -1
    while True:
        now = os.path.getsize(path) if os.path.exists(path) else 0
        elapsed = time.monotonic() - start
        if now <= 44 and elapsed < START_TIMEOUT_S:
            size = now
        elif now == size or time.monotonic() > deadline:
            return now
        size = now
        time.sleep(poll_s)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--driver", default=None, help="pyttsx3 driver name (default: the platform's)")
    args = parser.parse_args(argv)

    protocol = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)  # anything printed by pyttsx3 or a driver goes to stderr
    sys.stdout = sys.stderr
    try:
        import pyttsx3

        engine = pyttsx3.init(args.driver)
        finished = threading.Event()
        engine.connect("finished-utterance", lambda **_: finished.set())
        voices = _voices(engine)
        rate = engine.getProperty("rate")
    except Exception as error:
        _send(protocol, event="error", id=0, message=f"init failed: {error!r}")
        return 1
    driver = getattr(engine, "driver_name", None) or args.driver or ""
    command = espeak_command(str(driver))
    _send(protocol, event="ready", driver=str(driver), voices=voices, rate=int(rate or 0))

    for line in sys.stdin:
        if not line.strip():
            continue
        message = json.loads(line)
        if message.get("op") == "quit":
            break
        if message.get("op") != "save":
            _send(protocol, event="error", id=message.get("id", 0), message=f"unknown op {message.get('op')!r}")
            continue
        try:
            size = _save(engine, finished, message, command)
        except Exception as error:
            _send(protocol, event="error", id=message["id"], message=repr(error))
        else:
            _send(protocol, event="saved", id=message["id"], bytes=size)
    return 0


if __name__ == "__main__":
    sys.exit(main())
