"""Scenario packs: a folder of scenarios and their pictures, shared as one zip.

A pack is a folder with a ``pack.yaml`` manifest at its top::

    format: 1                       # version of the pack format
    id: machi-basics                # lowercase-kebab, unique
    version: 1                      # bump when you share a new edition
    title: {ja: まちのデジタル練習, en: Digital practice in town}
    author: 都城市 デジタル推進課
    summary: QR決済と詐欺SMSの練習です。   # optional
    scenarios:                      # every scenario file in the pack
      - cashless/scan-to-pay.yaml
      - safety/parcel-sms.yaml

``export_pack`` checks the whole pack (manifest, every scenario, file
limits) and refuses an invalid one. ``import_pack`` trusts nothing in the
archive: it checks every entry's name, type and size on the headers, then
decompresses each entry itself while counting bytes (a header can lie), into
a temporary folder beside the packs folder; it validates the pack there and
only then moves it into place with a rename, so a refused pack leaves no
trace. Pure Python, no Qt.
"""

from __future__ import annotations

import os
import shutil
import stat
import struct
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from trainer.pack_folder import PACKS_ENV, packs_dir
from trainer.scenarios.loader import Walker, check_file
from trainer.scenarios.model import Severity, Text, Where, as_member
from trainer.scenarios.problems import Problem, known, printable
from trainer.scenarios.yamlsource import compose, read_source
from trainer.words.catalogue import tr

MANIFEST = "pack.yaml"
PACK_FORMAT = 1
MANIFEST_KEYS = ("format", "id", "version", "title", "summary", "author", "scenarios")
MANIFEST_REQUIRED = ("format", "id", "version", "title", "author", "scenarios")

MiB = 1024 * 1024
MAX_TOTAL_BYTES = 50 * MiB
"""Everything in a pack, uncompressed."""
MAX_FILES = 2_000
MAX_FILE_BYTES = 10 * MiB
MAX_RATIO = 100
"""Uncompressed : compressed, per entry. Above it an entry is a zip bomb."""
RATIO_FLOOR_BYTES = 64 * 1024
"""Entries smaller than this are not judged by ratio: a few kilobytes of
blank lines compress very well and cannot hurt (the size limits still hold)."""
STREAM_RATIO_FLOOR_BYTES = 1 * MiB
"""While streaming, the ratio so far is judged once this much came out (a
sound may start with a second of silence, which compresses to nothing); the
whole entry's true ratio is judged again at its end."""
CHUNK = 64 * 1024

_LOCAL_HEADER = struct.Struct("<4s5H3L2H")
_LOCAL_SIGNATURE = b"PK\x03\x04"


# -- problems ---------------------------------------------------------------

@dataclass(frozen=True)
class PackProblem:
    """Something wrong with a pack archive as a whole or one of its entries."""

    where: str
    """The archive, or ``archive:entry``."""
    code: str
    args: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    severity: Severity = Severity.ERROR

    def __post_init__(self) -> None:
        as_member(self, "severity", Severity)

    def message(self, lang: str = "ja") -> str:
        return Problem(Where(self.where, 1, 1), self.code, self.args).message(lang)

    def format(self, lang: str = "ja") -> str:
        return printable(f"{self.where}: {self.message(lang)}")


AnyProblem = Problem | PackProblem


class PackError(Exception):
    """A pack was refused; ``problems`` say why (print each with ``format``)."""

    def __init__(self, problems: list[AnyProblem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


#: Longest name of one file or folder in bytes (ext4, NTFS and APFS all stop at 255).
MAX_NAME_BYTES = 255
#: Longest path inside a pack, in characters (Windows' classic limit is 260 for the whole path).
MAX_PATH_CHARS = 160
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}
_WINDOWS_BAD_CHARS = set('<>:"|?*')


_NAME_REASON_LIMITS = {"too-long-path": MAX_PATH_CHARS, "too-long-name": MAX_NAME_BYTES}
"""The limit each reason names (``pack.name_reason.<why>`` in the catalogue)."""


def _size(n: int) -> str:
    return f"{n / MiB:.1f} MiB" if n >= MiB else f"{n / 1024:.0f} KiB"


assert all(known(code) for code in (
    "pack-not-zip", "pack-unsafe-path", "pack-symlink", "pack-too-many-files", "pack-too-big",
    "pack-file-too-big", "pack-bomb", "pack-damaged", "pack-encrypted", "pack-method", "pack-duplicate",
    "pack-no-manifest", "pack-unlisted", "pack-installed", "pack-no-scenarios", "pack-bad-name", "pack-name-clash",
    "pack-cannot-store")), "pack messages missing"


# -- the manifest and the folder ---------------------------------------------

@dataclass(frozen=True)
class Pack:
    """A checked pack folder."""

    id: str
    version: int
    title: Text
    author: str
    scenarios: tuple[str, ...]
    """Scenario files, relative to ``root`` (forward slashes)."""
    root: Path
    summary: Text | None = None
    scenario_ids: tuple[str, ...] = ()


def read_manifest(root: Path, shown: str | None = None) -> tuple[Pack | None, list[Problem]]:
    """Read ``root/pack.yaml`` with positions; the pack (None if any error) and problems."""
    shown_path = f"{shown or root}/{MANIFEST}"
    source = read_source(root / MANIFEST, shown_path)
    if source.text is None:
        return None, source.problems
    node, problems = compose(source.text, shown_path)
    if node is None:
        return None, problems
    w = Walker(shown_path, root)
    found = w.mapping(node, "pack", MANIFEST_KEYS, MANIFEST_REQUIRED, where_ja="pack.yaml", where_en="pack.yaml")
    if found is None:
        return None, w.problems
    get = {k: v for k, (_, v) in found.items()}
    if "format" in get:
        fmt = w.integer(get["format"], "format")
        if fmt is not None and fmt != PACK_FORMAT:
            w.problem(get["format"], "bad-format", want=PACK_FORMAT, value=fmt)
    pack_id = w.ident(get["id"], "id") if "id" in get else None
    version = w.integer(get["version"], "version", 1, 10_000) if "version" in get else None
    title = w.text(get["title"], "title") if "title" in get else None
    summary = w.text(get["summary"], "summary") if "summary" in get else None
    author = w.string(get["author"], "author") if "author" in get else None
    files: list[str] = []
    if "scenarios" in get:
        items = w.sequence(get["scenarios"], "scenarios")
        for item in items:
            value = w.asset(item, "scenarios")
            if value is not None:
                files.append(PurePosixPath(Path(value).as_posix()).as_posix())
        if not items and getattr(get["scenarios"], "id", None) == "sequence":
            w.problem(get["scenarios"], "pack-no-scenarios")
    problems = sorted(w.problems, key=lambda p: (p.where.line, p.where.column))
    if any(p.severity is Severity.ERROR for p in problems):
        return None, problems
    assert pack_id and version and title and author is not None
    return Pack(pack_id, version, title, author, tuple(files), root, summary), problems


def _files(root: Path) -> Iterator[Path]:
    """Every file and link in ``root`` (hidden files and folders skipped)."""
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d != "__pycache__")
        here = Path(dirpath)
        for name in sorted(filenames):
            if not name.startswith("."):
                yield here / name
        for name in dirnames:
            if (here / name).is_symlink():
                yield here / name


def check_pack(root: Path, shown: str | None = None, skip: Path | None = None) -> tuple[Pack | None, list[AnyProblem]]:
    """Check a pack folder: manifest, every listed scenario, no unlisted
    scenario, no links, sizes within the limits. ``shown`` names the folder in
    messages (e.g. the zip it came from)."""
    label = shown or str(root)
    if not (root / MANIFEST).is_file():
        return None, [PackProblem(label, "pack-no-manifest")]
    pack, manifest_problems = read_manifest(root, label)
    problems: list[AnyProblem] = list(manifest_problems)
    total = 0
    count = 0
    for path in _files(root):
        if skip is not None and path.resolve() == skip.resolve():
            continue
        relative = path.relative_to(root).as_posix()
        if path.is_symlink():
            problems.append(PackProblem(f"{label}/{relative}", "pack-symlink", {"member": relative}))
            continue
        count += 1
        size = path.stat().st_size
        total += size
        if size > MAX_FILE_BYTES:
            problems.append(PackProblem(f"{label}/{relative}", "pack-file-too-big", {
                "member": relative, "size": _size(size), "limit": _size(MAX_FILE_BYTES)}))
        if (pack is not None and path.suffix in (".yaml", ".yml") and relative != MANIFEST
                and relative not in pack.scenarios):
            problems.append(Problem(Where(f"{label}/{relative}", 1, 1), "pack-unlisted"))
    if count > MAX_FILES:
        problems.append(PackProblem(label, "pack-too-many-files", {"count": count, "limit": MAX_FILES}))
    if total > MAX_TOTAL_BYTES:
        problems.append(PackProblem(label, "pack-too-big", {"size": _size(total), "limit": _size(MAX_TOTAL_BYTES)}))
    if pack is None:
        return None, problems
    ids: dict[str, str] = {}
    for relative in pack.scenarios:
        scenario, found = check_file(root / relative, f"{label}/{relative}")
        problems.extend(found)
        if scenario is None:
            continue
        if scenario.id in ids:
            problems.append(Problem(Where(scenario.path, 1, 1), "duplicate-scenario",
                                    {"id": scenario.id, "other": ids[scenario.id]}))
        ids.setdefault(scenario.id, scenario.path)
    if any(p.severity is Severity.ERROR for p in problems):
        return None, problems
    return Pack(pack.id, pack.version, pack.title, pack.author, pack.scenarios, root, pack.summary,
                tuple(ids)), problems


# -- export -------------------------------------------------------------------

def export_pack(root: Path | str, out: Path | str) -> tuple[Pack, list[AnyProblem]]:
    """Check the pack in ``root`` and write it to the zip ``out`` (replaced
    atomically). Raises :class:`PackError` when the pack is invalid."""
    root, out = Path(root), Path(out)
    pack, problems = check_pack(root, skip=out)
    if pack is None:
        raise PackError(problems)
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=".pack-", suffix=".zip", dir=out.parent)
    os.close(handle)
    try:
        with zipfile.ZipFile(temp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for path in _files(root):
                if path.resolve() == out.resolve() or path.is_symlink():
                    continue
                info = zipfile.ZipInfo(path.relative_to(root).as_posix(), date_time=(1980, 1, 1, 0, 0, 0))
                info.external_attr = (stat.S_IFREG | 0o644) << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, path.read_bytes())
        os.replace(temp, out)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
    return pack, [p for p in problems if p.severity is not Severity.ERROR]


# -- import -------------------------------------------------------------------

# PACKS_ENV and packs_dir live in a module of their own: the app asks for them at every start.


def _unsafe_name(name: str) -> bool:
    if not name or "\x00" in name or any(ord(ch) < 32 for ch in name):
        return True
    unified = name.replace("\\", "/")
    if unified.startswith("/") or (len(unified) >= 2 and unified[1] == ":") or unified.startswith("//"):
        return True
    parts = unified.rstrip("/").split("/")
    return any(part in ("", ".", "..") for part in parts) or any(":" in part for part in parts)


def _unstorable(name: str) -> str | None:
    """Why ``name`` (already known to be safe) cannot be stored on every PC, or None."""
    unified = name.replace("\\", "/").rstrip("/")
    if len(unified) > MAX_PATH_CHARS:
        return "too-long-path"
    for part in unified.split("/"):
        if len(part.encode("utf-8")) > MAX_NAME_BYTES:
            return "too-long-name"
        if part.split(".")[0].casefold() in _WINDOWS_RESERVED:
            return "reserved"
        if part.endswith((".", " ")) or _WINDOWS_BAD_CHARS.intersection(part):
            return "bad-char"
    return None


def inspect_archive(archive: zipfile.ZipFile, label: str) -> list[zipfile.ZipInfo]:
    """Check every entry on the headers; return the files to extract."""
    infos = archive.infolist()
    problems: list[AnyProblem] = []

    def refuse(info: zipfile.ZipInfo, code: str, **args: Any) -> None:
        problems.append(PackProblem(f"{label}:{info.filename}", code, {"member": info.filename, **args}))

    if len(infos) > MAX_FILES:
        raise PackError([PackProblem(label, "pack-too-many-files", {"count": len(infos), "limit": MAX_FILES})])
    seen: set[str] = set()
    files: list[zipfile.ZipInfo] = []
    total = 0
    for info in infos:
        name = info.filename
        mode = info.external_attr >> 16
        if _unsafe_name(name):
            refuse(info, "pack-unsafe-path")
            continue
        why = _unstorable(name)
        if why is not None:
            reason = f"pack.name_reason.{why}"
            limit = _NAME_REASON_LIMITS.get(why, 0)
            refuse(info, "pack-bad-name", reason_ja=tr(reason, "ja", n=limit), reason_en=tr(reason, "en", n=limit))
            continue
        if stat.S_ISLNK(mode):
            refuse(info, "pack-symlink")
            continue
        key = name.replace("\\", "/").rstrip("/").casefold()
        if key in seen:
            refuse(info, "pack-duplicate")
            continue
        seen.add(key)
        if info.is_dir():
            continue
        if stat.S_IFMT(mode) and not stat.S_ISREG(mode):
            refuse(info, "pack-symlink")
            continue
        if info.flag_bits & 0x1:
            refuse(info, "pack-encrypted")
            continue
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            refuse(info, "pack-method")
            continue
        if info.file_size > MAX_FILE_BYTES:
            refuse(info, "pack-file-too-big", size=_size(info.file_size), limit=_size(MAX_FILE_BYTES))
            continue
        if info.file_size > RATIO_FLOOR_BYTES and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            refuse(info, "pack-bomb", ratio=info.file_size // max(info.compress_size, 1), limit=MAX_RATIO)
            continue
        total += info.file_size
        files.append(info)
    if total > MAX_TOTAL_BYTES:
        problems.append(PackProblem(label, "pack-too-big", {"size": _size(total), "limit": _size(MAX_TOTAL_BYTES)}))
    folders: set[str] = set()
    for info in files:  # a file whose name is also a folder of another entry ("a" and "a/b")
        parts = info.filename.replace("\\", "/").casefold().split("/")
        folders.update("/".join(parts[:i]) for i in range(1, len(parts)))
    for info in files:
        if info.filename.replace("\\", "/").casefold() in folders:
            refuse(info, "pack-name-clash")
    if problems:
        raise PackError(problems)
    return files


class _Budget:
    """Bytes written so far, across the whole archive."""

    def __init__(self) -> None:
        self.total = 0


def _extract_one(handle: Any, info: zipfile.ZipInfo, target: Path, label: str, budget: _Budget) -> None:
    """Decompress one entry ourselves, counting every byte: never trust the header."""
    where = f"{label}:{info.filename}"

    def refuse(code: str, **args: Any) -> PackError:
        return PackError([PackProblem(where, code, {"member": info.filename, **args})])

    handle.seek(info.header_offset)
    header = handle.read(_LOCAL_HEADER.size)
    if len(header) != _LOCAL_HEADER.size or header[:4] != _LOCAL_SIGNATURE:
        raise refuse("pack-damaged")
    fields = _LOCAL_HEADER.unpack(header)
    name_length, extra_length = fields[-2], fields[-1]
    handle.seek(info.header_offset + _LOCAL_HEADER.size + name_length + extra_length)
    inflate = zlib.decompressobj(-15) if info.compress_type == zipfile.ZIP_DEFLATED else None
    left = info.compress_size
    consumed = produced = 0
    crc = 0
    with open(target, "xb") as out:

        def emit(data: bytes) -> None:
            nonlocal produced, crc
            produced += len(data)
            budget.total += len(data)
            if produced > STREAM_RATIO_FLOOR_BYTES and produced > MAX_RATIO * max(consumed, 1):
                raise refuse("pack-bomb", ratio=produced // max(consumed, 1), limit=MAX_RATIO)
            if produced > info.file_size:  # the header said less: it lies
                raise refuse("pack-damaged")
            if produced > MAX_FILE_BYTES:
                raise refuse("pack-file-too-big", size=_size(produced), limit=_size(MAX_FILE_BYTES))
            if budget.total > MAX_TOTAL_BYTES:
                raise PackError([PackProblem(label, "pack-too-big", {
                    "size": _size(budget.total), "limit": _size(MAX_TOTAL_BYTES)})])
            crc = zlib.crc32(data, crc)
            out.write(data)

        while left > 0:
            chunk = handle.read(min(CHUNK, left))
            if not chunk:
                raise refuse("pack-damaged")
            left -= len(chunk)
            if inflate is None:
                consumed += len(chunk)
                emit(chunk)
                continue
            data = chunk
            while data and not inflate.eof:
                before = len(data)
                try:
                    piece = inflate.decompress(data, CHUNK)
                except zlib.error as error:
                    raise refuse("pack-damaged") from error
                data = inflate.unconsumed_tail
                consumed += before - len(data) - (len(inflate.unused_data) if inflate.eof else 0)
                emit(piece)
            if inflate.eof:
                break
        if inflate is not None:
            while not inflate.eof:  # output still held back by max_length
                piece = inflate.decompress(b"", CHUNK)
                if not piece:
                    break
                emit(piece)
            if not inflate.eof:
                raise refuse("pack-damaged")
    if produced > RATIO_FLOOR_BYTES and produced > MAX_RATIO * max(consumed, 1):  # the true ratio
        raise refuse("pack-bomb", ratio=produced // max(consumed, 1), limit=MAX_RATIO)
    if produced != info.file_size or crc != info.CRC:
        raise refuse("pack-damaged")


def extract_archive(path: Path, dest: Path, label: str | None = None) -> None:
    """Check and extract the zip ``path`` into the empty folder ``dest``."""
    label = label or path.name
    try:
        if not zipfile.is_zipfile(path):
            raise PackError([PackProblem(label, "pack-not-zip", {"name": path.name})])
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile, zipfile.LargeZipFile) as error:
        raise PackError([PackProblem(label, "pack-not-zip", {"name": path.name})]) from error
    with archive, open(path, "rb") as handle:
        files = inspect_archive(archive, label)
        budget = _Budget()
        base = dest.resolve()
        for info in files:
            target = (dest / info.filename.replace("\\", "/")).resolve()
            if base not in target.parents:  # belt and braces after _unsafe_name
                raise PackError([PackProblem(f"{label}:{info.filename}", "pack-unsafe-path",
                                             {"member": info.filename})])
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                _extract_one(handle, info, target, label, budget)
            except OSError as error:  # anything this PC's file system still refuses
                raise PackError([PackProblem(f"{label}:{info.filename}", "pack-cannot-store", {
                    "member": info.filename, "reason": error.strerror or type(error).__name__})]) from error


def _find_root(folder: Path) -> Path | None:
    """The pack's top: ``pack.yaml`` at the top, or in the one folder there
    (what "send to compressed folder" makes)."""
    if (folder / MANIFEST).is_file():
        return folder
    entries = [p for p in folder.iterdir()]
    if len(entries) == 1 and entries[0].is_dir() and (entries[0] / MANIFEST).is_file():
        return entries[0]
    return None


#: Hidden folder beside the packs holding what an upgrade or ``--replace`` replaced.
BACKUPS = ".backups"
#: Backups kept per pack id (the oldest go first).
KEEP_BACKUPS = 3
#: An ``.incoming-*`` folder older than this with no journal is a killed import's leftover (s).
LEFTOVER_AGE_S = 600
_JOURNAL_PREFIX = ".journal-"


@dataclass(frozen=True)
class Installed:
    """What :func:`import_pack` did: unpacks as ``pack, folder`` (``backup`` is an attribute)."""

    pack: Pack
    folder: Path
    #: Where the replaced edition was kept (None when nothing was replaced).
    backup: Path | None = None

    def __iter__(self) -> Iterator[Pack | Path]:
        return iter((self.pack, self.folder))


def _write_journal(packs: Path, pack_id: str, data: dict[str, str]) -> Path:
    import json

    journal = packs / f"{_JOURNAL_PREFIX}{pack_id}.json"
    part = journal.with_name(journal.name + ".part")
    with open(part, "w", encoding="utf-8") as fh:
        json.dump(data, fh)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(part, journal)
    return journal


def recover_packs(into: Path | str | None = None) -> list[str]:
    """Finish or undo an import that was interrupted between its renames; clean leftovers.

    Each install writes a journal first (``.journal-<id>.json``: the checked
    new folder, the backup of the old one). At the next start: if the pack
    folder is in place the journal is just removed; else the checked new
    folder is moved in (completed); else the backup is put back (rolled
    back). ``.incoming-*`` folders that no journal names, and journals torn
    while being written (``.journal-*.json.part``), older than
    :data:`LEFTOVER_AGE_S` are removed. Returns what was done, for the log.
    """
    import json
    import time

    packs = (Path(into) if into is not None else packs_dir()).absolute()
    done: list[str] = []
    if not packs.is_dir():
        return done
    kept: set[str] = set()
    for journal in sorted(packs.glob(_JOURNAL_PREFIX + "*.json")):
        try:
            data = json.loads(journal.read_text(encoding="utf-8"))
            final = packs / str(data["id"])
            staged = Path(data["staged"]) if data.get("staged") else None
            backup = Path(data["backup"]) if data.get("backup") else None
        except (OSError, ValueError, KeyError, TypeError):
            continue
        try:
            if final.exists():
                done.append(f"{final.name}: installed")
            elif staged is not None and (staged / MANIFEST).is_file():
                os.replace(staged, final)
                done.append(f"{final.name}: import completed")
            elif backup is not None and backup.is_dir():
                shutil.copytree(backup, final)
                done.append(f"{final.name}: rolled back to the previous edition")
            journal.unlink()
        except OSError:
            continue
    for journal in packs.glob(_JOURNAL_PREFIX + "*.json"):  # still there: keep what it names
        try:
            named = json.loads(journal.read_text(encoding="utf-8")).get("staged") or ""
            kept.add(Path(named).parts[len(packs.parts)] if named else "")
        except (OSError, ValueError, IndexError, AttributeError):
            pass
    now = time.time()
    for torn in packs.glob(_JOURNAL_PREFIX + "*.json.part"):  # killed while writing its journal: no rename
        try:                                                    # had happened yet, so it names nothing
            if now - torn.stat().st_mtime >= LEFTOVER_AGE_S:
                torn.unlink()
                done.append(f"{torn.name}: leftover removed")
        except OSError:
            continue
    for leftover in packs.glob(".incoming-*"):
        try:
            if leftover.name in kept or now - leftover.stat().st_mtime < LEFTOVER_AGE_S:
                continue
            shutil.rmtree(leftover)
            done.append(f"{leftover.name}: leftover removed")
        except OSError:
            continue
    return done


def _backup_folder(packs: Path, installed: Pack | None, pack_id: str) -> Path:
    import datetime as dt

    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    version = installed.version if installed is not None else 0
    base = packs / BACKUPS / f"{pack_id}-v{version}-{stamp}"
    target, n = base, 1
    while target.exists():
        n += 1
        target = base.with_name(f"{base.name}-{n}")
    target.parent.mkdir(parents=True, exist_ok=True)
    return target


def _prune_backups(packs: Path, pack_id: str) -> None:
    folder = packs / BACKUPS
    found = sorted((p for p in folder.glob(f"{pack_id}-v*") if p.is_dir()), key=lambda p: p.stat().st_mtime)
    for old in found[:-KEEP_BACKUPS]:
        shutil.rmtree(old, ignore_errors=True)


def import_pack(path: Path | str, into: Path | str | None = None, replace: bool = False) -> Installed:
    """Check the zip ``path`` and install its pack under ``into`` (default:
    :func:`packs_dir`). Nothing is installed unless every check passes.
    Returns the pack and the folder it now lives in (``pack, folder = ...``),
    and where the edition it replaced was kept (``.backup``): an upgrade or
    ``--replace`` never deletes an instructor's edits or added files; the
    last :data:`KEEP_BACKUPS` editions stay in ``.backups/``."""
    path = Path(path)
    packs = (Path(into) if into is not None else packs_dir()).absolute()
    packs.mkdir(parents=True, exist_ok=True)
    recover_packs(packs)
    label = path.name
    work = Path(tempfile.mkdtemp(prefix=".incoming-", dir=packs))
    try:
        extract_archive(path, work / "x", label)
        root = _find_root(work / "x")
        if root is None:
            raise PackError([PackProblem(label, "pack-no-manifest")])
        pack, problems = check_pack(root, shown=label)
        if pack is None:
            raise PackError(problems)
        final = packs / pack.id
        backup: Path | None = None
        if final.exists():
            installed, _ = read_manifest(final)
            if installed is not None and installed.version >= pack.version and not replace:
                raise PackError([PackProblem(label, "pack-installed", {
                    "id": pack.id, "installed": installed.version, "version": pack.version})])
            backup = _backup_folder(packs, installed, pack.id)
        journal = _write_journal(packs, pack.id, {"id": pack.id, "staged": str(root),
                                                  "backup": str(backup) if backup else ""})
        if backup is not None:
            os.replace(final, backup)
        try:
            os.replace(root, final)
        except OSError:
            if backup is not None:
                os.replace(backup, final)
                backup = None
            journal.unlink(missing_ok=True)
            raise
        journal.unlink(missing_ok=True)
        _prune_backups(packs, pack.id)
        return Installed(Pack(pack.id, pack.version, pack.title, pack.author, pack.scenarios, final, pack.summary,
                              pack.scenario_ids), final, backup)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def installed_packs(into: Path | str | None = None) -> list[Pack]:
    """The packs installed under ``into`` (default: :func:`packs_dir`), by id."""
    packs = Path(into) if into is not None else packs_dir()
    found = []
    if packs.is_dir():
        try:
            recover_packs(packs)
        except OSError:  # a read-only folder: list what is there
            pass
        for folder in sorted(packs.iterdir()):
            if folder.is_dir() and not folder.name.startswith(".") and (folder / MANIFEST).is_file():
                pack, _ = read_manifest(folder)
                if pack is not None:
                    found.append(pack)
    return found


__all__ = ["MANIFEST", "PACKS_ENV", "Installed", "Pack", "PackError", "recover_packs", "PackProblem", "check_pack", "export_pack", "extract_archive",
           "import_pack", "installed_packs", "packs_dir", "read_manifest"]
