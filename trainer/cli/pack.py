"""``trainer pack export DIR --out pack.zip`` / ``trainer pack import pack.zip``.

Export checks the whole pack first and refuses an invalid one, listing the
problems. Import checks the archive and the pack before anything is
installed (see ``trainer.authoring.packs``); ``trainer pack list`` shows what is in.

Exit codes: 0 done, 1 the pack was refused (content), 2 a usage error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HELP = "シナリオのパックを書き出す・取り込む / export or import a scenario pack"


def register(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="pack_command", metavar="ACTION", required=True)
    export = sub.add_parser("export", help="パックを zip に書き出す / write a pack folder to a zip")
    export.add_argument("folder", metavar="DIR", help="the pack folder (with pack.yaml)")
    export.add_argument("--out", required=True, metavar="FILE", help="the zip to write")
    imp = sub.add_parser("import", help="zip のパックを取り込む / install a pack from a zip")
    imp.add_argument("archive", metavar="ZIP", help="the pack's zip file")
    imp.add_argument("--into", metavar="DIR", help="install under DIR (default: the app's packs folder)")
    imp.add_argument("--replace", action="store_true", help="install even if this or a newer version is in")
    listing = sub.add_parser("list", help="取り込んだパックの一覧 / list installed packs")
    listing.add_argument("--into", metavar="DIR", help="the packs folder (default: the app's)")
    for command in (export, imp, listing):
        command.add_argument("--lang", choices=("ja", "en"), default=argparse.SUPPRESS, help=argparse.SUPPRESS)


def _say(lang: str, ja: str, en: str, err: bool = False) -> None:
    print(en if lang == "en" else ja, file=sys.stderr if err else sys.stdout)


def run(args: argparse.Namespace) -> int:
    from trainer.authoring import packs
    from trainer.scenarios.problems import printable

    lang = args.lang
    if args.pack_command == "list":
        found = packs.installed_packs(args.into)
        for pack in found:
            print(printable(f"{pack.id}  v{pack.version}  {pack.title.get(lang)}  ({pack.author})  {pack.root}"))
        _say(lang, f"パック {len(found)} 件。", f"{len(found)} pack(s).")
        return 0
    if args.pack_command == "export":
        folder = Path(args.folder)
        if not folder.is_dir():
            _say(lang, f"{folder}: フォルダが見つかりません — 名前を確かめてください。",
                 f"{folder}: folder not found — check its name.", err=True)
            return 2
        try:
            pack, notes = packs.export_pack(folder, args.out)
        except packs.PackError as error:
            for problem in error.problems:
                print(problem.format(lang))
            _say(lang, f"書き出しませんでした: 問題 {len(error.problems)} 件を直してください。",
                 f"not exported: fix the {len(error.problems)} problem(s) above.")
            return 1
        except OSError as error:
            _say(lang, f"{args.out}: 書き込めません（{error.strerror}）。", f"{args.out}: cannot write ({error.strerror}).",
                 err=True)
            return 2
        for problem in notes:
            print(problem.format(lang))
        _say(lang, f"{args.out}: パック「{pack.title.get('ja')}」（{pack.id} 版 {pack.version}、シナリオ {len(pack.scenarios)} 件）を書き出しました。",
             f"{args.out}: exported pack '{pack.title.get('en')}' ({pack.id} v{pack.version}, {len(pack.scenarios)} scenario(s)).")
        return 0
    archive = Path(args.archive)
    if not archive.is_file():
        _say(lang, f"{archive}: ファイルが見つかりません — 名前を確かめてください。",
             f"{archive}: file not found — check its name.", err=True)
        return 2
    try:
        installed = packs.import_pack(archive, args.into, replace=args.replace)
        pack, where = installed
    except packs.PackError as error:
        for problem in error.problems[:50]:
            print(problem.format(lang))
        if len(error.problems) > 50:
            _say(lang, f"…ほかに問題が {len(error.problems) - 50} 件あります。", f"… and {len(error.problems) - 50} more.")
        _say(lang, "取り込みませんでした（何も入れていません）。", "not imported (nothing was installed).")
        return 1
    except OSError as error:  # the packs folder is read-only or full
        _say(lang, f"取り込めませんでした（{error.strerror or type(error).__name__}）。何も入れていません。",
             f"not imported ({error.strerror or type(error).__name__}); nothing was installed.", err=True)
        return 1
    _say(lang, printable(f"パック「{pack.title.get('ja')}」（{pack.id} 版 {pack.version}、シナリオ {len(pack.scenarios)} 件）を {where} に取り込みました。"),
         printable(f"installed pack '{pack.title.get('en')}' ({pack.id} v{pack.version}, {len(pack.scenarios)} scenario(s)) in {where}."))
    if installed.backup is not None:
        _say(lang, f"入れ替える前のパック（編集や追加したファイルも）は {installed.backup} に残しました。",
             f"the edition it replaced (with any edits and added files) was kept in {installed.backup}.")
    return 0
