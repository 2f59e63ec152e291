"""Packs: dated backups on upgrade, interrupted imports finished or undone, leftovers cleaned,
names no PC can store refused, escapes never printed raw, and imported packs in the app."""

from __future__ import annotations

import json
import os
import time

import pytest

from tests.instructor.test_packs import valid_zip, zip_of
from trainer.authoring import packs
from trainer.cli import main


def _zip(tmp_path, version=1, extra=None, name=None):
    entries = valid_zip(tmp_path, version)
    entries.update(extra or {})
    path = tmp_path / (name or f"v{version}.zip")
    path.write_bytes(zip_of(entries))
    return path


def test_an_upgrade_keeps_a_dated_backup_with_the_instructors_edits(tmp_path, capsys):
    into = tmp_path / "packs"
    packs.import_pack(_zip(tmp_path, 1), into)
    (into / "town-basics" / "my-notes.txt").write_text("先生のメモ", encoding="utf-8")  # an added file
    assert main(["pack", "import", str(_zip(tmp_path, 2)), "--into", str(into), "--lang", "ja"]) == 0
    out = capsys.readouterr().out
    backups = list((into / packs.BACKUPS).iterdir())
    assert len(backups) == 1 and backups[0].name.startswith("town-basics-v1-")
    assert (backups[0] / "my-notes.txt").read_text(encoding="utf-8") == "先生のメモ"
    assert str(backups[0]) in out and "残しました" in out
    assert [p.version for p in packs.installed_packs(into)] == [2]  # the backup is not a second pack


def test_only_the_last_few_backups_are_kept(tmp_path):
    into = tmp_path / "packs"
    for _ in range(packs.KEEP_BACKUPS + 3):
        packs.import_pack(_zip(tmp_path, 1), into, replace=True)
    assert len(list((into / packs.BACKUPS).iterdir())) == packs.KEEP_BACKUPS


def _interrupt(tmp_path, monkeypatch, into):
    """Import v2 over v1 and 'crash' between the two renames (the process dies there)."""
    packs.import_pack(_zip(tmp_path, 1), into)
    real = os.replace
    calls = []

    def dying(src, dst):
        calls.append((src, dst))
        real(src, dst)
        if len(calls) == 2:  # journal written, old edition moved to its backup: now the power goes
            raise SystemExit("killed")

    monkeypatch.setattr(packs.os, "replace", dying)
    monkeypatch.setattr(packs.shutil, "rmtree", lambda *a, **k: None)  # a killed process cleans nothing
    with pytest.raises(SystemExit):
        packs.import_pack(_zip(tmp_path, 2), into)
    monkeypatch.undo()
    assert not (into / "town-basics").exists()  # the state the attack found: no pack installed


def test_an_import_killed_between_its_renames_is_completed_at_the_next_start(tmp_path, monkeypatch):
    into = tmp_path / "packs"
    _interrupt(tmp_path, monkeypatch, into)
    found = packs.installed_packs(into)  # what the app and `pack list` call first
    assert [p.version for p in found] == [2]
    assert not list(into.glob(".journal-*"))
    assert list((into / packs.BACKUPS).iterdir())  # v1 still kept


def test_an_import_whose_new_files_are_gone_is_rolled_back(tmp_path, monkeypatch):
    into = tmp_path / "packs"
    _interrupt(tmp_path, monkeypatch, into)
    journal = next(into.glob(".journal-*"))
    staged = json.loads(journal.read_text(encoding="utf-8"))["staged"]
    import shutil
    shutil.rmtree(staged)
    assert [p.version for p in packs.installed_packs(into)] == [1]  # the previous edition is back


def test_leftovers_of_killed_imports_are_removed(tmp_path):
    into = tmp_path / "packs"
    packs.import_pack(_zip(tmp_path, 1), into)
    old = into / ".incoming-killed"
    (old / "x").mkdir(parents=True)
    (old / "x" / "big.bin").write_bytes(b"\0" * 100_000)
    past = time.time() - packs.LEFTOVER_AGE_S - 10
    os.utime(old, (past, past))
    young = into / ".incoming-running-now"
    young.mkdir()
    torn = into / ".journal-town-basics.json.part"  # killed while its journal was written
    torn.write_text('{"id": "town-b', encoding="utf-8")
    os.utime(torn, (past, past))
    writing = into / ".journal-other.json.part"  # another import writing its journal right now
    writing.write_text("{", encoding="utf-8")
    packs.installed_packs(into)
    assert not old.exists() and young.exists()  # a running import's folder is left alone
    assert not torn.exists() and writing.exists()
    assert [p.version for p in packs.installed_packs(into)] == [1]


@pytest.mark.parametrize(("name", "code"), [
    ("a" * 256 + ".png", "pack-bad-name"),
    ("/".join(["folder"] * 40) + "/x.png", "pack-bad-name"),
    ("CON.png", "pack-bad-name"),
    ("what?.png", "pack-bad-name"),
    ("trailing. ", "pack-bad-name"),
])
def test_names_no_pc_can_store_are_refused_with_a_message(tmp_path, name, code):
    path = _zip(tmp_path, extra={name: b"x"}, name="bad.zip")
    with pytest.raises(packs.PackError) as caught:
        packs.import_pack(path, tmp_path / "packs")
    assert [p.code for p in caught.value.problems] == [code]
    assert "Traceback" not in caught.value.problems[0].format("ja")


def test_a_file_and_a_folder_of_the_same_name_are_refused(tmp_path):
    path = _zip(tmp_path, extra={"pics": b"a file", "pics/a.png": b"x"}, name="clash.zip")
    with pytest.raises(packs.PackError) as caught:
        packs.import_pack(path, tmp_path / "packs")
    assert [p.code for p in caught.value.problems] == ["pack-name-clash"]


def test_escape_sequences_in_entry_names_are_not_printed_raw(tmp_path, capsys):
    path = _zip(tmp_path, extra={"\x1b[2J\x1b]0;owned\x07.png": b"x"}, name="esc.zip")
    assert main(["pack", "import", str(path), "--into", str(tmp_path / "packs"), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\\u001b" in out
