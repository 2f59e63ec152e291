"""Packs: export validates first; import refuses every unsafe archive before
anything is installed. The malicious zips are made here, by hand."""

from __future__ import annotations

import io
import os
import stat
import struct
import zipfile
import zlib
from pathlib import Path

import pytest

from tests.instructor.conftest import TINY
from trainer.authoring import packs
from trainer.cli import main

MANIFEST = """\
format: 1
id: town-basics
version: {version}
title: {{ja: まちの練習, en: Practice in town}}
author: 都城市 デジタル推進課
scenarios:
  - tiny.yaml
  - more/second.yaml
"""


def make_pack(folder: Path, version: int = 1) -> Path:
    (folder / "more").mkdir(parents=True, exist_ok=True)
    (folder / "pack.yaml").write_text(MANIFEST.format(version=version), encoding="utf-8")
    (folder / "tiny.yaml").write_text(TINY, encoding="utf-8")
    (folder / "more" / "second.yaml").write_text(TINY.replace("id: tiny", "id: second"), encoding="utf-8")
    return folder


def zip_of(entries: dict[str, bytes], *, attrs: dict[str, int] | None = None,
           method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=method) as archive:
        for name, data in entries.items():
            info = zipfile.ZipInfo(name)
            info.compress_type = method
            if attrs and name in attrs:
                info.external_attr = attrs[name] << 16
            archive.writestr(info, data)
    return buffer.getvalue()


def valid_zip(tmp_path: Path, version: int = 1) -> dict[str, bytes]:
    folder = make_pack(tmp_path / f"src-{version}", version)
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def patch_sizes(data: bytes, name: str, *, file_size: int | None = None, compress_size: int | None = None) -> bytes:
    """Make the headers of ``name`` lie about its sizes (local and central)."""
    raw = bytearray(data)
    encoded = name.encode()
    for signature, size_at in ((b"PK\x03\x04", 18), (b"PK\x01\x02", 20)):
        start = 0
        while (at := raw.find(signature, start)) >= 0:
            start = at + 4
            name_at = at + (30 if signature == b"PK\x03\x04" else 46)
            if raw[name_at:name_at + len(encoded)] != encoded:
                continue
            if compress_size is not None:
                struct.pack_into("<L", raw, at + size_at, compress_size)
            if file_size is not None:
                struct.pack_into("<L", raw, at + size_at + 4, file_size)
    return bytes(raw)


def refused(tmp_path: Path, data: bytes, name: str = "pack.zip") -> list[str]:
    path = tmp_path / name
    path.write_bytes(data)
    into = tmp_path / "installed"
    with pytest.raises(packs.PackError) as caught:
        packs.import_pack(path, into)
    assert not [p for p in into.iterdir()], "a refused pack must leave nothing behind"
    return [p.code for p in caught.value.problems]


# -- export -----------------------------------------------------------------

def test_export_then_import_round_trip(tmp_path, capsys):
    folder = make_pack(tmp_path / "mine")
    out = tmp_path / "town.zip"
    assert main(["pack", "export", str(folder), "--out", str(out)]) == 0
    assert "town-basics" in capsys.readouterr().out
    names = sorted(zipfile.ZipFile(out).namelist())
    assert names == ["more/second.yaml", "pack.yaml", "tiny.yaml"]
    into = tmp_path / "installed"
    assert main(["pack", "import", str(out), "--into", str(into)]) == 0
    installed = into / "town-basics"
    assert (installed / "more" / "second.yaml").read_bytes() == (folder / "more" / "second.yaml").read_bytes()
    assert [p.name for p in into.iterdir()] == ["town-basics"]  # no temporary folder left
    assert main(["pack", "list", "--into", str(into)]) == 0
    assert "town-basics  v1" in capsys.readouterr().out
    assert main(["validate", str(installed)]) == 0  # pack.yaml is not taken for a scenario


def test_export_refuses_an_invalid_pack_with_its_problems(tmp_path, capsys):
    folder = make_pack(tmp_path / "mine")
    (folder / "tiny.yaml").write_text(TINY.replace("level: 1", "level: 9"), encoding="utf-8")
    out = tmp_path / "town.zip"
    assert main(["pack", "export", str(folder), "--out", str(out)]) == 1
    text = capsys.readouterr().out
    assert "tiny.yaml:7:8: 「level」は 1 から 3 までの数にしてください" in text
    assert not out.exists()


@pytest.mark.parametrize(("change", "code"), [
    (lambda f: (f / "stray.yaml").write_text(TINY.replace("id: tiny", "id: stray"), encoding="utf-8"),
     "pack-unlisted"),
    (lambda f: (f / "pack.yaml").unlink(), "pack-no-manifest"),
    (lambda f: (f / "pack.yaml").write_text(MANIFEST.format(version=1).replace("tiny.yaml", "../tiny.yaml"),
                                            encoding="utf-8"), "asset-outside"),
    (lambda f: (f / "pack.yaml").write_text(MANIFEST.format(version=1).replace("  - tiny.yaml\n", "  - gone.yaml\n"),
                                            encoding="utf-8"), "asset-missing"),
    (lambda f: (f / "pack.yaml").write_text(MANIFEST.format(version=1).replace("author", "auther"),
                                            encoding="utf-8"), "unknown-key"),
    (lambda f: os.symlink("/etc/hostname", f / "link.png"), "pack-symlink"),
    (lambda f: (f / "more" / "second.yaml").write_text(TINY, encoding="utf-8"), "duplicate-scenario"),
])
def test_export_refusals(tmp_path, change, code):
    folder = make_pack(tmp_path / "mine")
    change(folder)
    with pytest.raises(packs.PackError) as caught:
        packs.export_pack(folder, tmp_path / "out.zip")
    assert code in [p.code for p in caught.value.problems]


# -- import: what is refused ------------------------------------------------

@pytest.mark.parametrize("evil", ["../evil.yaml", "/etc/evil.yaml", "C:/evil.yaml", "..\\evil.yaml",
                                  "ok/../../evil.yaml", "c:evil.yaml"])
def test_import_refuses_paths_that_leave_the_pack(tmp_path, evil):
    entries = valid_zip(tmp_path)
    entries[evil] = b"x"
    assert refused(tmp_path, zip_of(entries)) == ["pack-unsafe-path"]
    assert not (tmp_path / "evil.yaml").exists()


def test_import_refuses_symlinks(tmp_path):
    entries = valid_zip(tmp_path)
    entries["link.yaml"] = b"/etc/passwd"
    data = zip_of(entries, attrs={"link.yaml": stat.S_IFLNK | 0o777})
    assert refused(tmp_path, data) == ["pack-symlink"]


def test_import_refuses_what_is_not_a_zip(tmp_path):
    assert refused(tmp_path, b"format: 1\nid: not-a-zip\n") == ["pack-not-zip"]
    assert refused(tmp_path, b"", "empty.zip") == ["pack-not-zip"]
    assert refused(tmp_path, zip_of({"a": b"1"})[:40], "cut.zip") == ["pack-not-zip"]


def test_import_refuses_too_many_files(tmp_path):
    entries = valid_zip(tmp_path)
    entries.update({f"img/{n}.png": b"" for n in range(packs.MAX_FILES)})
    assert refused(tmp_path, zip_of(entries, method=zipfile.ZIP_STORED)) == ["pack-too-many-files"]


def test_import_refuses_a_file_over_10_mib(tmp_path):
    entries = valid_zip(tmp_path)
    entries["big.wav"] = os.urandom(1024) * (10 * 1024 + 1)  # compresses ~10000:1 but size wins first
    assert refused(tmp_path, zip_of(entries)) == ["pack-file-too-big"]


def test_import_refuses_a_pack_over_50_mib_in_all(tmp_path, monkeypatch):
    monkeypatch.setattr(packs, "MAX_TOTAL_BYTES", 64 * 1024)  # the same rule, smaller numbers
    entries = valid_zip(tmp_path)
    entries.update({f"img/{n}.png": os.urandom(20 * 1024) for n in range(4)})
    assert refused(tmp_path, zip_of(entries)) == ["pack-too-big"]


def test_import_refuses_a_zip_bomb_seen_on_the_headers(tmp_path):
    entries = valid_zip(tmp_path)
    entries["bomb.png"] = bytes(5 * 1024 * 1024)  # 5 MiB of zeros: ~1000:1
    problems = refused(tmp_path, zip_of(entries))
    assert problems == ["pack-bomb"]


def test_import_refuses_a_zip_bomb_whose_headers_lie(tmp_path):
    entries = valid_zip(tmp_path)
    entries["bomb.png"] = bytes(8 * 1024 * 1024)
    honest = zip_of(entries)
    # The headers claim a 50:1 ratio (the true one is ~1000:1): only counting
    # the bytes while streaming can tell.
    data = patch_sizes(honest, "bomb.png", compress_size=(8 * 1024 * 1024) // 50)
    assert zipfile.ZipFile(io.BytesIO(data)).getinfo("bomb.png").compress_size == (8 * 1024 * 1024) // 50
    assert refused(tmp_path, data) == ["pack-bomb"]


def test_import_refuses_an_entry_larger_than_its_header_says(tmp_path):
    entries = valid_zip(tmp_path)
    entries["picture.png"] = os.urandom(200_000)
    data = patch_sizes(zip_of(entries), "picture.png", file_size=1_000)
    assert refused(tmp_path, data) == ["pack-damaged"]


def test_import_refuses_a_damaged_entry(tmp_path):
    entries = valid_zip(tmp_path)
    data = bytearray(zip_of(entries, method=zipfile.ZIP_STORED))
    at = data.find(b"format: 1\nid: tiny")
    data[at] ^= 0xFF  # the CRC no longer matches
    assert refused(tmp_path, bytes(data)) == ["pack-damaged"]


def test_import_refuses_an_invalid_pack_before_installing(tmp_path, capsys):
    entries = valid_zip(tmp_path)
    entries["tiny.yaml"] = TINY.replace("expect: {tap: next}", "expect: {tap: next, next: 3}").encode()
    path = tmp_path / "bad.zip"
    path.write_bytes(zip_of(entries))
    into = tmp_path / "installed"
    assert main(["pack", "import", str(path), "--into", str(into)]) == 1
    out = capsys.readouterr().out
    assert "bad.zip/tiny.yaml:17:" in out
    assert "取り込みませんでした" in out
    assert list(into.iterdir()) == []


def test_import_accepts_a_zipped_folder(tmp_path):
    entries = {f"town/{name}": data for name, data in valid_zip(tmp_path).items()}
    path = tmp_path / "town.zip"
    path.write_bytes(zip_of(entries))
    pack, where = packs.import_pack(path, tmp_path / "installed")
    assert pack.id == "town-basics" and (where / "tiny.yaml").is_file()


def test_a_newer_version_replaces_an_older_one_and_a_failed_import_keeps_it(tmp_path):
    into = tmp_path / "installed"
    for version in (1, 2):
        path = tmp_path / f"v{version}.zip"
        path.write_bytes(zip_of(valid_zip(tmp_path, version)))
        packs.import_pack(path, into)
    assert packs.installed_packs(into)[0].version == 2
    with pytest.raises(packs.PackError) as caught:
        packs.import_pack(tmp_path / "v1.zip", into)
    assert [p.code for p in caught.value.problems] == ["pack-installed"]
    assert "--replace" in caught.value.problems[0].format("ja")
    replaced = packs.import_pack(tmp_path / "v1.zip", into, replace=True)
    assert packs.installed_packs(into)[0].version == 1
    assert [p.name for p in into.iterdir() if not p.name.startswith(".")] == ["town-basics"]
    assert replaced.backup is not None and replaced.backup.name.startswith("town-basics-v2-")  # kept, dated


def test_messages_are_plain_japanese_first(tmp_path, capsys):
    path = tmp_path / "notes.zip"
    path.write_text("hello", encoding="utf-8")
    assert main(["pack", "import", str(path), "--into", str(tmp_path / "in")]) == 1
    assert "zip ファイルではないか" in capsys.readouterr().out
    assert main(["--lang", "en", "pack", "import", str(path), "--into", str(tmp_path / "in")]) == 1
    assert "is not a zip file" in capsys.readouterr().out
    assert main(["pack", "import", str(tmp_path / "missing.zip")]) == 2


def test_the_default_packs_folder_is_in_user_data():
    assert packs.packs_dir().name == "packs"
    assert packs.packs_dir().parent.name == "trainer"


def test_stored_and_deflated_entries_extract_exactly(tmp_path):
    payload = os.urandom(300_000) + bytes(300_000)
    for method in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        entries = valid_zip(tmp_path)
        entries["sound.wav"] = payload
        path = tmp_path / f"m{method}.zip"
        path.write_bytes(zip_of(entries, method=method))
        _, where = packs.import_pack(path, tmp_path / f"in{method}")
        assert (where / "sound.wav").read_bytes() == payload
        assert zlib.crc32((where / "sound.wav").read_bytes()) == zlib.crc32(payload)
