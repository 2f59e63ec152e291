"""The allocator's free pages go back to the system at a quiet moment (issue 17, item 5)."""

from __future__ import annotations

import ctypes.util
import sys

import pytest

from trainer.app.first_frame import rss_kib
from trainer.widgets import lifetime

glibc = pytest.mark.skipif(not sys.platform.startswith("linux") or "musl" in (ctypes.util.find_library("c") or ""),
                           reason="malloc_trim is glibc's")


def rss_mib() -> float:
    return rss_kib() / 1024


@pytest.fixture
def fresh(monkeypatch):
    monkeypatch.setattr(lifetime, "_last_trim", [float("-inf")])


@glibc
def test_free_pages_between_kept_blocks_go_back(fresh):
    """Freed blocks between kept ones stay the process's memory until trimmed; then they are given back."""
    blocks = [bytes(2000) + bytes([n % 256]) for n in range(16_000)]  # ~32 MiB from malloc, not pymalloc
    kept = blocks[::64]  # one block every 128 KiB stays: the heap cannot shrink from its top
    del blocks
    before = rss_mib()
    assert lifetime.give_back_free_memory(now=1000.0)
    after = rss_mib()
    assert before - after > 10, (before, after)
    assert len(kept) == 250


@glibc
def test_not_more_often_than_every_so_often(fresh):
    assert lifetime.give_back_free_memory(now=1000.0)
    assert not lifetime.give_back_free_memory(now=1000.0 + lifetime.TRIM_EVERY_S - 1)
    assert lifetime.give_back_free_memory(now=1000.0 + lifetime.TRIM_EVERY_S)


def test_without_glibc_nothing_is_done(fresh, monkeypatch):
    monkeypatch.setattr(lifetime, "_trim_function", None)
    assert not lifetime.give_back_free_memory(now=1000.0)
