"""``trainer pack export DIR --out pack.zip`` / ``trainer pack import pack.zip``.

Export checks the whole pack first and refuses an invalid one, listing the
problems. Import checks the archive and the pack before anything is
installed (see ``trainer.authoring.packs``); ``trainer pack list`` shows what is in.

Exit codes: 0 done, 1 the pack was refused (content), 2 a usage error.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from trainer.cli._messages import both_ways, say
from trainer.words.catalogue import tr

HELP = both_ways("cli.pack.help")


def register(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="pack_command", metavar="ACTION", required=True)
    export = sub.add_parser("export", help=both_ways("cli.pack.export_help"))
    export.add_argument("folder", metavar="DIR", help="the pack folder (with pack.yaml)")
    export.add_argument("--out", required=True, metavar="FILE", help="the zip to write")
    imp = sub.add_parser("import", help=both_ways("cli.pack.import_help"))
    imp.add_argument("archive", metavar="ZIP", help="the pack's zip file")
    imp.add_argument("--into", metavar="DIR", help="install under DIR (default: the app's packs folder)")
    imp.add_argument("--replace", action="store_true", help="install even if this or a newer version is in")
    listing = sub.add_parser("list", help=both_ways("cli.pack.list_help"))
    listing.add_argument("--into", metavar="DIR", help="the packs folder (default: the app's)")
    for command in (export, imp, listing):
        command.add_argument("--lang", choices=("ja", "en"), default=argparse.SUPPRESS, help=argparse.SUPPRESS)


def run(args: argparse.Namespace) -> int:
    from trainer.authoring import packs
    from trainer.scenarios.problems import printable

    lang = args.lang
    if args.pack_command == "list":
        found = packs.installed_packs(args.into)
        for pack in found:
            print(printable(f"{pack.id}  v{pack.version}  {pack.title.get(lang)}  ({pack.author})  {pack.root}"))
        say("cli.pack.count", lang, n=len(found))
        return 0
    if args.pack_command == "export":
        folder = Path(args.folder)
        if not folder.is_dir():
            say("cli.pack.no_folder", lang, path=folder, err=True)
            return 2
        try:
            pack, notes = packs.export_pack(folder, args.out)
        except packs.PackError as error:
            for problem in error.problems:
                print(problem.format(lang))
            say("cli.pack.not_exported", lang, n=len(error.problems))
            return 1
        except OSError as error:
            say("cli.pack.cannot_write", lang, path=args.out, reason=error.strerror, err=True)
            return 2
        for problem in notes:
            print(problem.format(lang))
        say("cli.pack.exported", lang, path=args.out, title=pack.title.get(lang), id=pack.id, version=pack.version,
            n=len(pack.scenarios))
        return 0
    archive = Path(args.archive)
    if not archive.is_file():
        say("cli.pack.no_file", lang, path=archive, err=True)
        return 2
    try:
        installed = packs.import_pack(archive, args.into, replace=args.replace)
        pack, where = installed.pack, installed.folder
    except packs.PackError as error:
        for problem in error.problems[:50]:
            print(problem.format(lang))
        if len(error.problems) > 50:
            say("cli.pack.more", lang, n=len(error.problems) - 50)
        say("cli.pack.not_imported", lang)
        return 1
    except OSError as error:  # the packs folder is read-only or full
        say("cli.pack.cannot_import", lang, reason=error.strerror or type(error).__name__, err=True)
        return 1
    print(printable(tr("cli.pack.installed", lang, title=pack.title.get(lang), id=pack.id, version=pack.version,
                       n=len(pack.scenarios), where=where)))
    if installed.backup is not None:
        say("cli.pack.backup", lang, path=installed.backup)
    return 0
