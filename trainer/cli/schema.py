"""``trainer schema`` — print the JSON Schema of the scenario format.

Editors use it to complete keys, show what each key means and underline
mistakes while an instructor types (see docs/authoring.md, "VS Code").
``--markdown`` prints the element reference of docs/authoring.md instead.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from trainer.cli._messages import both_ways
from trainer.words.catalogue import tr

HELP = both_ways("cli.schema.help")


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", metavar="FILE", help="write to FILE instead of the screen")
    parser.add_argument("--markdown", action="store_true",
                        help="print the reference of keys and element kinds (Markdown) instead")


def run(args: argparse.Namespace) -> int:
    lang = args.lang
    if args.markdown:
        from trainer.authoring.docgen import reference

        text = reference(lang)
    else:
        from trainer.authoring.schema import build_schema

        text = json.dumps(build_schema(lang), ensure_ascii=False, indent=2) + "\n"
    if args.out:
        out = Path(args.out)
        try:
            out.write_text(text, encoding="utf-8")
        except OSError as error:
            reason = error.strerror or type(error).__name__
            print(f"{out}: " + tr("cli.schema.cannot_write", lang, reason=reason), file=sys.stderr)
            return 2
        print(f"{out}: " + tr("cli.schema.written", lang))
    else:
        sys.stdout.write(text)
    return 0
