"""``trainer list`` — every scenario the app offers, one per line: id, title, source.

The same scenarios as the app shows: the bundled ones and those of every
pack installed with ``trainer pack import`` (or the ``--content`` folders
given before the command, as for the app). Tab-separated, so a script can
cut the columns::

    scan-to-pay<TAB>お店のQRコードを読み取って払う<TAB>同梱
    town-tax<TAB>税金をスマホで払う<TAB>パック「まちのデジタル練習」(machi-basics)

Scenario files that cannot be loaded are listed on stderr (the app leaves
them out). Exit 0, or 1 when some file could not be loaded.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from trainer.cli._messages import both_ways
from trainer.words.catalogue import tr

HELP = both_ways("cli.list.help")


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--packs", metavar="DIR", help="the packs folder (default: the app's)")


def run(args: argparse.Namespace) -> int:
    from trainer.app.library import Library, imported_pack_folders, pack_title_for
    from trainer.content import bundled_content_dir
    from trainer.scenarios.problems import printable

    lang = args.lang
    own = getattr(args, "content", None)
    packs = [] if own else imported_pack_folders(Path(args.packs) if args.packs else None)
    folders = [Path(f) for f in own] if own else [bundled_content_dir(), *packs]
    library = Library.load(folders)  # exactly what the app loads (and the same cache)
    ids = {str(p.resolve()): p.name for p in packs}
    for item in sorted(library.scenarios, key=lambda s: s.id):
        title = pack_title_for(str(item.path))
        if title is not None:
            root = next((r for r in ids if Path(item.path).resolve().is_relative_to(r)), "")
            pack_id = ids.get(root, "")
            label = tr("cli.list.pack", lang, title=title.get(lang), id=pack_id)
        elif own:
            label = next((str(f) for f in own if Path(item.path).resolve().is_relative_to(Path(f).resolve())),
                         str(item.path))
        else:
            label = tr("cli.list.bundled", lang)
        print(printable(f"{item.id}\t{item.title.get(lang)}\t{label}"))
    for problem in library.problems[:20]:
        print(problem.format(lang), file=sys.stderr)
    count = len(library.scenarios)
    print(tr("cli.list.count", lang, n=count), file=sys.stderr)
    return 1 if library.problems else 0
