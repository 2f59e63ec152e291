"""``trainer speak TEXT`` — read a text aloud, or write it to a WAV file with ``--out``.

``--backend`` chooses the voice engine (default: the best Japanese voice
found); ``--readings FILE.yaml`` applies a scenario's ``readings:``. The
WAV file is mono 16-bit PCM. Exit 0 when done, 1 when speech failed (the
message says why, e.g. no sound device), 2 for a usage error.
"""

from __future__ import annotations

import argparse
import sys

from trainer.cli._messages import both_ways
from trainer.words.catalogue import tr

HELP = both_ways("cli.speak.help")


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("text", metavar="TEXT", help=both_ways("cli.text_arg"))
    parser.add_argument("--out", metavar="FILE.wav", help="write the speech to this WAV file instead of playing it")
    parser.add_argument("--backend", choices=("openjtalk", "pyttsx3", "silent"),
                        help="voice engine (default: the best Japanese voice available)")
    parser.add_argument("--voice", metavar="ID", help="voice id of the backend (see the settings)")
    parser.add_argument("--rate", type=float, default=1.0, help="speed 0.5–2.0 (default 1.0)")
    parser.add_argument("--volume", type=float, default=1.0, help="volume 0–1 (default 1.0)")
    parser.add_argument("--readings", metavar="FILE.yaml", help="a scenario (or a map) whose readings: to apply")


def run(args: argparse.Namespace) -> int:
    from trainer.cli.readings import reader_from
    from trainer.speech.base import CancelToken, SpeechError
    from trainer.speech.registry import choose_best_backend, create_backend

    lang = args.lang
    try:
        reader = reader_from(args.readings, lang)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    backend = create_backend(args.backend, reader) if args.backend else choose_best_backend(reader)
    try:
        backend.rate = args.rate
        backend.volume = args.volume
        if args.voice:
            backend.set_voice(args.voice)
    except ValueError as error:
        print(error, file=sys.stderr)
        backend.close()
        return 2
    token = CancelToken()
    try:
        if args.out:
            path = backend.to_wav(args.text, args.out)
            from trainer.speech.audio import read_wav

            seconds = read_wav(path).duration_ms / 1000
            print(tr("cli.speak.saved", lang, path=path, seconds=f"{seconds:.1f}", voice=backend.name))
        else:
            backend.speak(args.text, token=token)
    except SpeechError as error:
        print(error.message(lang), file=sys.stderr)
        if error.detail:
            print("  (" + error.detail.strip().splitlines()[-1] + ")", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        token.cancel()
        return 130
    except OSError as error:
        print(tr("cli.speak.not_saved", lang, error=error), file=sys.stderr)
        return 1
    finally:
        backend.close()
    return 0
