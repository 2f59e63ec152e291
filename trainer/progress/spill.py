"""The last resort at quitting: records neither the database nor the outbox could take.

When the app closes while units are held only in memory (the disk of the
data folder is full, say), they are written as JSON lines to a *second*
location — the user's cache folder, else the system's temporary folder —
in a file readable by its owner only. The next start moves them into the
outbox (and so, in order, into the record) and removes the file. A spill is
bounded (:data:`MAX_SPILL_BYTES` per file, :data:`MAX_SPILL_FILES` files
per folder): what finds no room is logged by count, stays with the recorder,
and the learner is told that part could not be kept (never that it was).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from trainer.progress.records import Unit

log = logging.getLogger("trainer.progress")

MAX_SPILL_BYTES = 8 * 1024 * 1024
MAX_SPILL_FILES = 20
PREFIX = "progress-spill-"


def default_spill_dirs() -> list[Path]:
    """Second locations, in order of preference (never the data folder itself)."""
    found: list[Path] = []
    try:
        import platformdirs

        found.append(Path(platformdirs.user_cache_path("trainer", appauthor=False)) / "spill")
    except Exception as exc:  # no cache folder known here
        log.debug("no cache folder known here for spilled records: %s", type(exc).__name__)
    uid = os.getuid() if hasattr(os, "getuid") else "user"
    found.append(Path(tempfile.gettempdir()) / f"trainer-spill-{uid}")
    return found


def tag_for(outbox_path: Path) -> str:
    """A short tag naming which record a spill belongs to (each data folder takes back only its own)."""
    return hashlib.sha256(str(Path(outbox_path).absolute()).encode("utf-8")).hexdigest()[:16]


def write_spill(units: Sequence[Unit], folders: Sequence[Path], tag: str) -> tuple[list[Path], list[Unit]]:
    """Write ``units`` durably to the first folders that take them.

    Returns the files written and the units that found no room (in order).
    Each file holds at most :data:`MAX_SPILL_BYTES`; a folder holds at most
    :data:`MAX_SPILL_FILES` of one record's files. What is left over stays
    with the caller (the recorder keeps it in memory and says so, never
    claiming it was kept).
    """
    lines = [json.dumps(u.to_json(), ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"
             for u in units]
    chunks: list[tuple[int, int]] = []  # [start, end) of units, each chunk within the byte bound
    start, size = 0, 0
    for i, line in enumerate(lines):
        if len(line) > MAX_SPILL_BYTES:  # one unit larger than a file: it cannot be kept
            if i > start:
                chunks.append((start, i))
            chunks.append((i, i))
            start, size = i + 1, 0
            continue
        if size + len(line) > MAX_SPILL_BYTES:
            chunks.append((start, i))
            start, size = i, 0
        size += len(line)
    if start < len(lines):
        chunks.append((start, len(lines)))
    written: list[Path] = []
    kept = [False] * len(units)
    batch = os.urandom(4).hex()
    folder_index = 0
    for number, (first, end) in enumerate(chunks):
        if first == end:
            continue
        while folder_index < len(folders):
            where = _write_one(folders[folder_index], tag, f"{os.getpid()}-{batch}-{number:04d}",
                               b"".join(lines[first:end]))
            if where is not None:
                written.append(where)
                kept[first:end] = [True] * (end - first)
                break
            folder_index += 1  # full, read-only or at its file limit: the next place
        else:
            break
    left = [u for u, k in zip(units, kept, strict=True) if not k]
    if written:
        log.warning("kept %d waiting unit(s) in a second location: %s", len(units) - len(left),
                    ", ".join(str(p) for p in written))
    if left:
        log.error("spill limit reached: %d of %d waiting unit(s) could not be kept", len(left), len(units))
    return written, left


def _write_one(folder: Path, tag: str, stem: str, data: bytes) -> Path | None:
    """One owner-only spill file in ``folder`` (None when the folder cannot take it)."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if len(list(folder.glob(f"{PREFIX}{tag}-*.jsonl"))) >= MAX_SPILL_FILES:
            log.error("spill folder %s is full (%d files)", folder, MAX_SPILL_FILES)
            return None
        name = f"{PREFIX}{tag}-{stem}.jsonl"
        part = folder / (name + ".part")
        fd = os.open(part, os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_BINARY", 0), 0o600)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(part, folder / name)
        except BaseException:
            part.unlink(missing_ok=True)
            raise
        return folder / name
    except OSError as exc:
        log.error("spill to %s failed: %s", folder, type(exc).__name__)
        return None


def read_spills(folders: Sequence[Path], tag: str) -> list[tuple[Path, list[Unit]]]:
    """Every spill file of ``tag`` with its units, oldest first (unreadable lines are skipped and counted)."""
    found: list[tuple[float, Path]] = []
    for folder in folders:
        try:
            found.extend((p.stat().st_mtime_ns, p) for p in folder.glob(f"{PREFIX}{tag}-*.jsonl"))
        except OSError:
            continue
    result = []
    for _, path in sorted(found):
        units: list[Unit] = []
        bad = 0
        try:
            for line in path.read_text(encoding="utf-8").splitlines():
                try:
                    units.append(Unit.from_json(json.loads(line)))
                except (ValueError, KeyError, TypeError):
                    bad += 1
        except (OSError, UnicodeDecodeError) as exc:
            log.error("spill file %s cannot be read: %s", path.name, type(exc).__name__)
            continue
        if bad:
            log.error("spill file %s: %d damaged line(s) skipped", path.name, bad)
        result.append((path, units))
    return result
