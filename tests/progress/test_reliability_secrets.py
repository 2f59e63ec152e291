"""Nobody let in: the shared password out of the record, PIN parameters fixed, no PIN reset by deletion,
slow guessing, and the recovery procedure."""

from __future__ import annotations

import base64
import hashlib
import os
import sqlite3
import stat

import pytest

from trainer.progress import open_progress
from trainer.progress import secrets as secret_store
from trainer.progress.database import (
    DB_FILENAME,
    ENV_URL,
    SHARED_URL_SETTING,
    resolve_url,
    set_shared_database_url,
)
from trainer.progress.pin import (
    FREE_TRIES,
    PIN_SETTING,
    InstructorPin,
    PinRecoveryNeeded,
    hash_pin,
    verify_pin,
)

URL = "postgresql+psycopg://teacher:S3cret-pw-42@school-server:5432/trainer"
PASSWORD = b"S3cret-pw-42"


@pytest.fixture(autouse=True)
def _no_env_url(monkeypatch):
    monkeypatch.delenv(ENV_URL, raising=False)


def _all_bytes(folder) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def test_this_pc_has_no_credential_store_so_the_owner_only_file_is_used():
    assert secret_store.backend_name() == "file"  # headless Linux: keyring finds no backend here


def test_the_shared_password_is_never_in_the_progress_database(tmp_path):
    data = tmp_path / "data"
    set_shared_database_url(URL, data_dir_override=data)
    for name, content in _all_bytes(data).items():
        if name != secret_store.FALLBACK_FILENAME:
            assert PASSWORD not in content, name
    kept = data / secret_store.FALLBACK_FILENAME
    assert PASSWORD in kept.read_bytes()
    if os.name == "posix":
        assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    location = resolve_url(data_dir_override=data)
    assert location.source == "setting" and location.url.password == "S3cret-pw-42"
    set_shared_database_url(None, data_dir_override=data)
    assert not kept.exists() or PASSWORD not in kept.read_bytes()
    assert resolve_url(data_dir_override=data).source == "default"


def test_a_password_stored_by_an_older_version_is_moved_out(tmp_path):
    data = tmp_path / "data"
    open_progress(data_dir_override=data).close()
    conn = sqlite3.connect(data / DB_FILENAME)
    conn.execute("INSERT INTO app_setting (key, value, updated_at) VALUES (?, ?, ?)",
                 (SHARED_URL_SETTING, URL, "2024-01-01"))
    conn.commit()
    conn.close()
    location = resolve_url(data_dir_override=data)
    assert location.url.password == "S3cret-pw-42"
    for name, content in _all_bytes(data).items():
        if name != secret_store.FALLBACK_FILENAME:
            assert PASSWORD not in content, name  # secure_delete + checkpoint: no old copy either
    assert resolve_url(data_dir_override=data).url.password == "S3cret-pw-42"


def test_a_real_credential_store_is_used_when_there_is_one(tmp_path, monkeypatch):
    kept: dict[tuple[str, str], str] = {}

    class Ring:
        priority = 5

        def get_keyring(self):
            return self

        def set_password(self, service, account, password):
            kept[(service, account)] = password

        def get_password(self, service, account):
            return kept.get((service, account))

        def delete_password(self, service, account):
            kept.pop((service, account), None)

    monkeypatch.setattr(secret_store, "_keyring", lambda: Ring())
    data = tmp_path / "data"
    set_shared_database_url(URL, data_dir_override=data)
    assert list(kept.values()) == ["S3cret-pw-42"]
    assert not (data / secret_store.FALLBACK_FILENAME).exists()
    assert resolve_url(data_dir_override=data).url.password == "S3cret-pw-42"


# -- the PIN ------------------------------------------------------------------------------------

def test_a_stored_hash_with_weak_parameters_is_refused():
    salt = os.urandom(16)
    weak = hashlib.scrypt(b"1234", salt=salt, n=2, r=1, p=1, dklen=32)
    stored = f"scrypt$2$1$1${base64.b64encode(salt).decode()}${base64.b64encode(weak).decode()}"
    assert not verify_pin("1234", stored)
    assert verify_pin("1234", hash_pin("1234"))


def test_deleting_the_pin_row_does_not_let_anyone_set_a_new_pin(tmp_path):
    progress = open_progress(data_dir_override=tmp_path / "data")
    try:
        progress.pin.set("2468")  # a first PIN on an empty record is fine
        progress.learners.add_learner("まもられる ひと")
        progress.store.set_setting(PIN_SETTING, None)  # someone with write access removes the row
        assert not progress.pin.is_set() and progress.pin.needs_recovery()
        with pytest.raises(PinRecoveryNeeded):
            progress.pin.set("0000")
        assert not progress.pin.check("0000")
        assert "docs/reliability.md" in progress.pin.failure_message_ja()
        progress.pin.set("1357", recovery=True)  # what `trainer db reset-pin` does
        assert progress.pin.check("1357")
    finally:
        progress.close()


def test_trainer_db_reset_pin_is_the_recovery(tmp_path, monkeypatch, capsys):
    from trainer.cli import db as db_cli
    from trainer.cli import main

    data = tmp_path / "data"
    progress = open_progress(data_dir_override=data)
    progress.learners.add_learner("だれか")
    progress.close()
    answers = iter(["９７５３", "9753"])
    monkeypatch.setattr(db_cli, "ask_pin", lambda prompt: next(answers))
    url = f"sqlite+pysqlite:///{data / DB_FILENAME}"
    assert main(["db", "reset-pin", "--url", url, "--lang", "ja"]) == 0
    assert "設定しました" in capsys.readouterr().out
    progress = open_progress(data_dir_override=data)
    try:
        assert progress.pin.check("9753")
    finally:
        progress.close()


def test_pin_tries_are_slowed_after_a_few_failures():
    class Store:
        value = hash_pin("4321")

        def get_setting(self, key):
            return self.value

    now = [1000.0]
    pin = InstructorPin(Store(), clock=lambda: now[0])
    for _ in range(FREE_TRIES - 1):
        assert not pin.check("0000") and pin.wait_seconds() == 0
    assert not pin.check("0000")
    assert pin.wait_seconds() == 2.0 and "2秒" in pin.failure_message_ja()
    assert not pin.check("4321")  # even the right PIN waits: the try is refused unchecked
    now[0] += 2.0
    assert not pin.check("1111") and pin.wait_seconds() == 4.0
    now[0] += 4.0
    assert pin.check("4321") and pin.wait_seconds() == 0
    for _ in range(30):
        now[0] += 1000
        pin.check("0000")
    assert pin.wait_seconds() == 300.0


def test_closing_and_reopening_the_app_does_not_give_the_free_tries_back(tmp_path):
    data = tmp_path / "data"
    progress = open_progress(data_dir_override=data)
    try:
        progress.pin.set("4321")
        for _ in range(FREE_TRIES):
            assert not progress.pin.check("0000")
        assert progress.pin.wait_seconds() > 0
    finally:
        progress.close()
    progress = open_progress(data_dir_override=data)  # the learner closed the app and opened it again
    try:
        assert not progress.pin.check("4321")  # still within the wait: refused unchecked
        assert "秒たってから" in progress.pin.failure_message_ja()
    finally:
        progress.close()


def test_the_kept_count_of_tries_goes_on_doubling_and_a_right_pin_clears_it(tmp_path):
    data = tmp_path / "data"
    now = [5000.0]
    progress = open_progress(data_dir_override=data)
    try:
        progress.pin.set("4321")
        first = InstructorPin(progress.store, clock=lambda: now[0])
        for _ in range(FREE_TRIES):
            first.check("0000")
        now[0] += 2.0
        assert not first.check("0000")  # a fourth wrong PIN, after the wait
        again = InstructorPin(progress.store, clock=lambda: now[0])  # a new run of the app
        assert again.wait_seconds() == 0 and not again.check("4321")  # the count came from the record
        assert again.wait_seconds() == 4.0
        now[0] += 4.0
        assert again.check("4321")
        fresh = InstructorPin(progress.store, clock=lambda: now[0])
        for _ in range(FREE_TRIES - 1):
            assert not fresh.check("0000") and fresh.wait_seconds() == 0  # the right PIN started the count again
    finally:
        progress.close()


def test_a_clock_set_back_never_makes_the_wait_longer_than_the_count_allows(tmp_path):
    progress = open_progress(data_dir_override=tmp_path / "data")
    try:
        progress.pin.set("4321")
        for _ in range(FREE_TRIES):
            progress.pin.check("0000")
        now = [1.0]  # the PC's clock went back decades
        again = InstructorPin(progress.store, clock=lambda: now[0])
        assert not again.check("4321") and 0 < again.wait_seconds() <= 2.0
    finally:
        progress.close()


@pytest.mark.parametrize("kept", ["1000 inf", "5 nan", "-4 0", "x y", "99999999999 1.0", "999999 1.0"])
def test_a_mangled_count_of_tries_never_locks_the_instructor_out(tmp_path, kept):
    from trainer.progress.pin import TRIES_SETTING

    progress = open_progress(data_dir_override=tmp_path / "data")
    try:
        progress.pin.set("4321")
        progress.store.set_setting(TRIES_SETTING, kept)
        again = InstructorPin(progress.store)
        assert again.check("4321")
    finally:
        progress.close()
