"""``trainer readings TEXT`` — show how a text will be read (furigana and speech).

Prints the text with each kanji word's reading in the scenario notation
(``都城《みやこのじょう》市《し》で``), ready to paste into a scenario and
correct; ``--table`` prints one word per line; ``--kana`` prints the whole
reading in kana on one line (what a kana-only voice is given).
``--readings FILE.yaml`` applies a scenario's ``readings:``. Words the
dictionary guessed are listed on stderr. Exit 0, or 2 for a usage error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from trainer.cli._messages import both_ways
from trainer.words.catalogue import tr

HELP = both_ways("cli.readings.help")



def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("text", metavar="TEXT", help=both_ways("cli.text_arg"))
    shape = parser.add_mutually_exclusive_group()
    shape.add_argument("--kana", action="store_true", help="the whole reading in katakana on one line")
    shape.add_argument("--table", action="store_true", help="one word per line: word, reading, who decided")
    parser.add_argument("--hiragana", action="store_true", help="with --kana: hiragana instead of katakana")
    parser.add_argument("--readings", metavar="FILE.yaml", help="a scenario (or a map) whose readings: to apply")


def load_readings(path: str, lang: str) -> dict[str, str]:
    """The ``readings:`` map of a scenario file (or a file that is just such a map).

    Raises ValueError with a message in ``lang`` when the file cannot be used.
    """
    import yaml

    from trainer.reading.kana import is_kana

    file = Path(path)
    if not file.is_file():
        raise ValueError(f"{path}: " + tr("cli.readings.not_found", lang))
    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise ValueError(f"{path}: " + tr("cli.readings.not_yaml", lang) + f" ({error})") from error
    if isinstance(data, dict) and isinstance(data.get("readings"), dict):
        data = data["readings"]
    elif isinstance(data, dict) and "readings" not in data and all(isinstance(v, str) for v in data.values()):
        pass
    else:
        raise ValueError(f"{path}: " + tr("cli.readings.no_map", lang))
    readings = {}
    for word, kana in data.items():
        if not isinstance(word, str) or not isinstance(kana, str) or not is_kana(kana):
            message = tr("cli.readings.not_kana", lang, word=word, kana=kana)
            print(f"{path}: {message}", file=sys.stderr)
            continue
        readings[word] = kana
    return readings


def reader_from(path: str | None, lang: str):
    """A Reader with the readings of ``path`` (a scenario or a readings file)
    as overrides; raises ValueError with a plain message when it is broken."""
    from trainer.reading.engine import Reader

    return Reader(load_readings(path, lang) if path else {})


def run(args: argparse.Namespace) -> int:
    lang = args.lang
    try:
        reader = reader_from(args.readings, lang)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    text = args.text
    if args.kana:
        print(reader.kana(text, hiragana=args.hiragana))
    elif args.table:
        for word in reader.words(text):
            if word.surface.isspace() or not word.pron.strip("、。？！ "):
                continue
            who = tr(f"cli.readings.source.{word.source}", lang) if word.source != "none" else ""
            mark = "  ?" if word.unsure else ""
            print(f"{word.surface}\t{word.kana}\t{who}{mark}")
    else:
        print(reader.annotate(text))
    unsure = reader.unsure(text)
    if unsure:
        words = tr("cli.readings.separator", lang).join(unsure)
        print(tr("cli.readings.guessed", lang, words=words), file=sys.stderr)
    return 0
