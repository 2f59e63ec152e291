"""Opening the record: where it is, how SQLite is tuned, damaged files, URLs without passwords."""

from __future__ import annotations

import sqlite3
import sys
import uuid

import pytest
from sqlalchemy import text
from sqlalchemy.exc import ArgumentError

from tests.progress.helpers import closed_port, count
from trainer.progress import migrate, open_progress
from trainer.progress.database import (
    DB_FILENAME,
    ENV_URL,
    OUTBOX_FILENAME,
    check_sqlite_file,
    create_progress_engine,
    redact,
    resolve_url,
    set_shared_database_url,
    sqlite_url,
)
from trainer.progress.models import Learner
from trainer.progress.recorder import SaveState
from trainer.progress.store import ProgressStore
from trainer.scenarios.events import StepShown


def test_sqlite_connections_are_tuned_for_durability(tmp_path):
    engine = create_progress_engine(sqlite_url(tmp_path / "p.sqlite3"))
    try:
        with engine.connect() as conn:
            pragma = {
                name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
                for name in ("journal_mode", "synchronous", "foreign_keys", "secure_delete", "busy_timeout")
            }
    finally:
        engine.dispose()
    assert pragma == {
        "journal_mode": "wal",
        "synchronous": 2,  # FULL
        "foreign_keys": 1,
        "secure_delete": 1,
        "busy_timeout": 5000,
    }


@pytest.mark.skipif(sys.platform != "linux", reason="XDG_DATA_HOME decides the folder on Linux only")
def test_the_default_record_lives_in_the_user_data_folder(tmp_path, monkeypatch):
    monkeypatch.delenv(ENV_URL, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    location = resolve_url()
    assert location.source == "default"
    assert location.sqlite_path == tmp_path / "xdg" / "trainer" / DB_FILENAME


def test_which_database_argument_then_environment_then_setting_then_default(tmp_path, monkeypatch):
    monkeypatch.delenv(ENV_URL, raising=False)
    data = tmp_path / "data"
    assert resolve_url(data_dir_override=data).source == "default"
    set_shared_database_url("postgresql+psycopg://u:pw@school-server/trainer", data_dir_override=data)
    setting = resolve_url(data_dir_override=data)
    assert (setting.source, setting.url.host) == ("setting", "school-server")
    monkeypatch.setenv(ENV_URL, "postgresql+psycopg://u:pw@city-server/trainer")
    env = resolve_url(data_dir_override=data)
    assert (env.source, env.url.host) == ("environment", "city-server")
    explicit = resolve_url("sqlite:///elsewhere.sqlite3", data_dir_override=data)
    assert explicit.source == "argument"
    monkeypatch.delenv(ENV_URL)
    set_shared_database_url(None, data_dir_override=data)
    assert resolve_url(data_dir_override=data).source == "default"
    with pytest.raises(ArgumentError):
        set_shared_database_url("not a url", data_dir_override=data)


def test_passwords_are_never_shown():
    shown = redact("postgresql+psycopg://teacher:S3cret!pw@db.example/trainer")
    assert "S3cret" not in shown and "***" in shown
    location = resolve_url("postgresql+psycopg://teacher:S3cret!pw@db.example/trainer")
    assert "S3cret" not in str(location)
    assert "S3cret" not in redact("not a url S3cret") or redact("not a url S3cret") == "<invalid database URL>"


def test_a_damaged_file_is_moved_aside_and_the_person_is_told(tmp_path, monkeypatch):
    monkeypatch.delenv(ENV_URL, raising=False)
    data = tmp_path / "data"
    progress = open_progress(data_dir_override=data)
    learner = progress.learners.add_learner("こわれる まえ")
    progress.close()
    db = data / DB_FILENAME
    original = bytearray(db.read_bytes())
    original[100:4096] = b"\xde\xad\xbe\xef" * ((4096 - 100) // 4)  # the header page is ruined
    db.write_bytes(bytes(original))

    progress = open_progress(data_dir_override=data)
    try:
        assert not progress.integrity.ok
        aside = progress.integrity.moved_to
        assert aside is not None and aside.exists() and aside.read_bytes() == bytes(original)
        assert aside.parent == data and aside.name.startswith(DB_FILENAME + ".damaged-")
        notice = progress.notice_ja
        assert notice and "傷んでいた" in notice and aside.name in notice and "残しました" in notice
        assert progress.learners.get_learner(learner) is None  # a fresh record ...
        assert migrate.status(progress.engine).up_to_date  # ... that works
        progress.learners.add_learner("あたらしい ひと")
    finally:
        progress.close()


def test_a_file_that_is_not_a_database_is_moved_aside(tmp_path):
    path = tmp_path / "progress.sqlite3"
    path.write_text("これはデータベースではありません" * 100, encoding="utf-8")
    report = check_sqlite_file(path)
    assert not report.ok and not path.exists() and report.moved_to.exists()
    assert check_sqlite_file(path).ok  # missing is fine: a new one is made


def test_a_sound_file_is_left_alone(tmp_path):
    path = tmp_path / "ok.sqlite3"
    conn = sqlite3.connect(str(path))
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    assert check_sqlite_file(path).ok and path.exists()


def test_open_progress_works_end_to_end_on_sqlite(tmp_path, monkeypatch):
    monkeypatch.delenv(ENV_URL, raising=False)
    progress = open_progress(data_dir_override=tmp_path)
    try:
        assert progress.location.is_sqlite and progress.notice_ja is None and progress.problem is None
        learner = progress.learners.add_learner("ひらく ひと")
        progress.recorder.start_attempt(learner, "s", 1)
        progress.recorder.record(StepShown("a", 0, False))
        assert progress.recorder.flush()
        assert progress.reports.learner_report(learner).scenarios[0].attempts == 1
        assert (tmp_path / OUTBOX_FILENAME).exists()
    finally:
        progress.close()


@pytest.mark.postgres
def test_trainer_database_url_points_the_app_at_postgresql(pg_url, tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_URL, pg_url)
    progress = open_progress(data_dir_override=tmp_path)
    try:
        assert progress.location.source == "environment"
        assert progress.engine.dialect.name == "postgresql"
        learner = progress.learners.add_learner("きょうゆう ひと")
        assert count(progress.engine, Learner, Learner.id == learner) == 1
        assert not (tmp_path / DB_FILENAME).exists()  # nothing kept locally but the outbox
    finally:
        progress.close()


def test_an_unreachable_server_does_not_stop_the_app(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_URL, f"postgresql+psycopg://trainer:pw@127.0.0.1:{closed_port()}/nowhere")
    progress = open_progress(data_dir_override=tmp_path)
    try:
        assert progress.problem is not None
        assert "つながりません" in progress.notice_ja
        progress.recorder.start_attempt(uuid.uuid4(), "s", 1)
        progress.recorder.record(StepShown("a", 0, False))
        assert progress.recorder.flush()
        assert progress.recorder.status.state is SaveState.WAITING
    finally:
        progress.close()


def test_migrated_store_reports_its_dialect(engine):
    store = ProgressStore(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM learner")).scalar() == 0
    assert store.dialect in ("sqlite", "postgresql")
