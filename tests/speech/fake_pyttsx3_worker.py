"""A stand-in for trainer.speech.pyttsx3_worker that misbehaves on request.

Speaks the same protocol. ``--mode``: ``ok`` writes a WAV (a tone as long
as the text) and appends the text it was given to ``--record``; ``hang``
never answers a save (like a stuck runAndWait); ``die`` exits on a save;
``drop`` answers "saved" without writing the file.
"""

from __future__ import annotations

import argparse
import json
import math
import struct
import sys
import wave


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mode", default="ok")
    parser.add_argument("--driver", default="fake")
    parser.add_argument("--record", help="append each text given to this file, one per line")
    args, _ = parser.parse_known_args()
    out = sys.stdout
    out.write(json.dumps({"event": "ready", "driver": args.driver, "rate": 200,
                          "voices": [{"id": "fake/ja", "name": "Japanese", "language": "ja"}]}) + "\n")
    out.flush()
    for line in sys.stdin:
        message = json.loads(line)
        if message.get("op") == "quit":
            return 0
        if args.mode == "hang":
            continue
        if args.mode == "die":
            return 3
        if args.mode == "ok":
            rate = 16000
            frames = int(rate * 0.05 * len(message["text"]))
            with wave.open(message["path"], "wb") as wav:
                wav.setnchannels(1)
                wav.setsampwidth(2)
                wav.setframerate(rate)
                wav.writeframes(b"".join(struct.pack("<h", int(8000 * math.sin(i / 8))) for i in range(frames)))
            if args.record:
                with open(args.record, "a", encoding="utf-8") as record:
                    record.write(message["text"] + "\n")
        out.write(json.dumps({"event": "saved", "id": message["id"], "bytes": 1}) + "\n")
        out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
