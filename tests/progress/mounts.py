"""Real full and read-only disks for the reliability tests (as root: tmpfs and bind mounts).

Tests run as root here, where ``chmod`` does not stop writes, so a read-only
folder is a read-only bind mount and a full disk is a small tmpfs filled to
the last byte. Without root (or without ``mount``) these fixtures skip, and
the injected-error tests beside them cover the same code paths.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


def can_mount() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("mount") is not None


def _run(*args: str) -> bool:
    return subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0


class SmallDisk:
    """A 4 MiB tmpfs at ``path``; ``fill()`` takes every free byte, ``free()`` gives it back."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._filler = path / "filler.bin"

    def fill(self) -> None:
        # Unbuffered: a buffered file would try its unwritten tail again on close and raise there.
        with open(self._filler, "ab", buffering=0) as fh:
            block = b"\0" * 65536
            try:
                while True:
                    fh.write(block)
                    fh.flush()
            except OSError:
                pass
        for size in (4096, 512, 1):  # the last few bytes too
            try:
                with open(self._filler, "ab", buffering=0) as fh:
                    while True:
                        fh.write(b"\0" * size)
                        fh.flush()
            except OSError:
                continue
        os.sync()

    def free(self) -> None:
        self._filler.unlink(missing_ok=True)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[SmallDisk]:
    if not can_mount():
        pytest.skip("needs root and mount for a real full disk (the injected-error tests cover this path)")
    where = tmp_path / "disk"
    where.mkdir()
    if not _run("mount", "-t", "tmpfs", "-o", "size=4m,mode=0700", "tmpfs", str(where)):
        pytest.skip("tmpfs cannot be mounted here")
    try:
        yield SmallDisk(where)
    finally:
        _run("umount", "-l", str(where))


class ReadOnly:
    """Makes a folder read-only with a bind mount (``on()``), and writable again (``off()``)."""

    def __init__(self) -> None:
        self.mounted: list[Path] = []

    def on(self, folder: Path) -> None:
        if not (_run("mount", "--bind", str(folder), str(folder))
                and _run("mount", "-o", "remount,bind,ro", str(folder), str(folder))):
            pytest.skip("a read-only bind mount is not possible here")
        self.mounted.append(folder)

    def off(self) -> None:
        while self.mounted:
            _run("umount", "-l", str(self.mounted.pop()))


@pytest.fixture
def read_only() -> Iterator[ReadOnly]:
    if not can_mount():
        pytest.skip("needs root and mount for a real read-only folder (the injected-error tests cover this path)")
    handle = ReadOnly()
    try:
        yield handle
    finally:
        handle.off()
