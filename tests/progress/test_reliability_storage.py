"""Nothing lost: a full disk, a read-only folder, a damaged or foreign file, quitting while records wait.

Reproduces issue #12's storage failures. Full disks are a real 4 MiB tmpfs
filled to the last byte and read-only folders a real read-only bind mount
(``tests/progress/mounts.py``, as root); the ``*_injected`` tests raise the
same errors at the seam (``sqlite3.connect``) so the paths are covered
without root too.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from trainer.progress import database as db
from trainer.progress import open_progress
from trainer.progress.database import DB_FILENAME, ENV_URL, OUTBOX_FILENAME, check_sqlite_file
from trainer.progress.models import utcnow
from trainer.progress.outbox import Outbox
from trainer.progress.recorder import SaveState
from trainer.progress.records import AttemptStart, Unit
from trainer.scenarios.events import StepShown


@pytest.fixture(autouse=True)
def _no_env_url(monkeypatch):
    monkeypatch.delenv(ENV_URL, raising=False)


def _record(progress, learner, steps):
    progress.recorder.start_attempt(learner, "s", 1)
    for step in steps:
        progress.recorder.record(StepShown(step, 0, False))
    assert progress.recorder.flush(10)


def _events(progress, learner) -> int:
    return sum(s.attempts for s in progress.reports.learner_report(learner).scenarios)


def _aside(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".damaged-" in p.name or ".unmatched-" in p.name)


# -- a full disk -------------------------------------------------------------------------------

def test_a_full_disk_at_start_moves_nothing_and_loses_nothing(small_disk, tmp_path):
    data = small_disk.path / "data"
    spill = [tmp_path / "second-place"]
    progress = open_progress(data_dir_override=data, spill_dirs=spill)
    learner = progress.learners.add_learner("はなこ")
    _record(progress, learner, ["a"])
    progress.close()
    waiting = Outbox(data / OUTBOX_FILENAME)  # a record that was waiting in the outbox before
    attempt = uuid.uuid4()
    waiting.append([Unit(attempt, learner, "waited", start=AttemptStart(1, utcnow(), None))])
    waiting.close()

    small_disk.fill()
    progress = open_progress(data_dir_override=data, spill_dirs=spill)
    try:
        assert _aside(data) == []  # nothing moved aside: a full disk is "try later", not damage
        assert progress.integrity.moved_to is None and progress.integrity.unavailable is not None
        assert "いまは記録のファイルに書き込めません" in progress.notice_ja
        assert "傷んで" not in progress.notice_ja
        progress.recorder.start_attempt(learner, "s", 1)
        for step in ("b", "c", "d"):
            progress.recorder.record(StepShown(step, 0, False))
        progress.recorder.flush(10)
        assert progress.recorder.status.state in (SaveState.FAILING, SaveState.WAITING)
        told = progress.recorder.quit_message("ja")
        assert told and "なくなりません" in told or "別の場所" in told
    finally:
        progress.close()
    assert _aside(data) == []

    small_disk.free()
    progress = open_progress(data_dir_override=data, spill_dirs=spill)
    try:
        assert progress.notice_ja is None
        assert [x.display_name for x in progress.learners.list_learners()] == ["はなこ"]
        assert progress.recorder.retry_now(10) and progress.recorder.flush(10)
        assert progress.recorder.status.state is SaveState.SAVED
        report = {s.scenario_id: s.attempts for s in progress.reports.learner_report(learner).scenarios}
        assert report == {"s": 2, "waited": 1}  # the old waiting record and the full-disk run both arrived
    finally:
        progress.close()
    assert list(spill[0].glob("*.jsonl")) == []  # the spill was taken back and removed


def test_a_full_disk_is_try_later_for_the_check_injected(tmp_path, monkeypatch):
    path = tmp_path / DB_FILENAME
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    real = sqlite3.connect

    for error in (sqlite3.OperationalError("database or disk is full"), sqlite3.OperationalError("disk I/O error"),
                  sqlite3.OperationalError("attempt to write a readonly database"),
                  sqlite3.OperationalError("unable to open database file")):
        monkeypatch.setattr(sqlite3, "connect", lambda *a, error=error, **k: (_ for _ in ()).throw(error))
        report = check_sqlite_file(path)
        assert report.ok and report.moved_to is None and report.unavailable, error
        assert path.exists()
    monkeypatch.setattr(sqlite3, "connect", real)
    assert check_sqlite_file(path).unavailable is None
    assert db.unavailable_reason(OSError(28, "No space left on device")) == "full"


def test_quitting_with_records_only_in_memory_spills_them_to_a_second_place(tmp_path, monkeypatch):
    data, spill = tmp_path / "data", [tmp_path / "unwritable-first", tmp_path / "second"]
    progress = open_progress(data_dir_override=data, spill_dirs=spill)
    learner = progress.learners.add_learner("たろう")
    (tmp_path / "unwritable-first").write_text("a file, not a folder")  # the first spill place fails
    progress.recorder.hold_database(True)

    def refuse(units):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(progress.recorder.delivery.outbox, "append", refuse)  # the outbox's disk is full
    progress.recorder.start_attempt(learner, "s", 1)
    progress.recorder.record(StepShown("a", 0, False))
    progress.recorder.flush(10)
    assert progress.recorder.status.state is SaveState.FAILING
    told = progress.recorder.quit_message("ja")
    assert "別の場所に残しました" in told and "次にアプリを開いたとき" in told
    progress.close()
    spilled = list(spill[1].glob("*.jsonl"))
    assert len(spilled) == 1 and stat.S_IMODE(spilled[0].stat().st_mode) == 0o600

    progress = open_progress(data_dir_override=data, spill_dirs=spill)
    try:
        assert progress.recorder.retry_now(10) and progress.recorder.flush(10)
        assert _events(progress, learner) == 1
        assert list(spill[1].glob("*.jsonl")) == []
    finally:
        progress.close()


def _memory_only(progress, monkeypatch):
    """The database is held and the outbox's disk is full: what is recorded stays in memory."""
    progress.recorder.hold_database(True)

    def refuse(units):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(progress.recorder.delivery.outbox, "append", refuse)


def test_a_large_spill_is_split_into_bounded_files_and_nothing_is_dropped(tmp_path, monkeypatch):
    from trainer.progress import spill

    data, second = tmp_path / "data", tmp_path / "second"
    progress = open_progress(data_dir_override=data, spill_dirs=[second])
    learner = progress.learners.add_learner("たくさん")
    _memory_only(progress, monkeypatch)
    monkeypatch.setattr(spill, "MAX_SPILL_BYTES", 2000)  # a few units per file
    progress.recorder.start_attempt(learner, "s", 1)
    for i in range(40):
        progress.recorder.record(StepShown(f"step-{i}", 0, False))
    progress.recorder.flush(10)
    held = progress.recorder.status.pending
    assert progress.recorder.status.state is SaveState.FAILING and held >= 40
    told = progress.recorder.quit_message("ja")
    assert "別の場所に残しました" in told and "残せませんでした" not in told
    progress.close()
    files = sorted(second.glob("*.jsonl"))
    assert len(files) > 1 and all(f.stat().st_size <= 2000 for f in files)  # bounded, and split, not cut

    monkeypatch.undo()
    progress = open_progress(data_dir_override=data, spill_dirs=[second])
    try:
        assert progress.recorder.retry_now(10) and progress.recorder.flush(10)
        report = progress.reports.learner_report(learner)
        assert sum(s.attempts for s in report.scenarios) == 1
        assert list(second.glob("*.jsonl")) == []
        from sqlalchemy import text
        with progress.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM step_event")).scalar() >= 40  # every step arrived
    finally:
        progress.close()


def test_what_finds_no_room_in_the_spill_is_never_called_kept(tmp_path, monkeypatch):
    from trainer.progress import spill

    data, second = tmp_path / "data", tmp_path / "second"
    progress = open_progress(data_dir_override=data, spill_dirs=[second])
    learner = progress.learners.add_learner("あふれる")
    _memory_only(progress, monkeypatch)
    monkeypatch.setattr(spill, "MAX_SPILL_BYTES", 2000)
    monkeypatch.setattr(spill, "MAX_SPILL_FILES", 2)  # room for two small files only
    progress.recorder.start_attempt(learner, "s", 1)
    for i in range(40):
        progress.recorder.record(StepShown(f"step-{i}", 0, False))
    progress.recorder.flush(10)
    told = progress.recorder.quit_message("ja")
    lost = progress.recorder.delivery.held_in_memory()
    assert lost > 0 and f"記録の一部（{lost}件）" in told and "先生・サポーターに知らせてください" in told
    assert "別の場所に残しました" not in told
    progress.close()
    assert len(list(second.glob("*.jsonl"))) == 2  # the bound held


# -- a read-only folder ------------------------------------------------------------------------

def test_a_read_only_data_folder_is_try_later_and_names_stay(read_only, tmp_path):
    data = tmp_path / "data"
    progress = open_progress(data_dir_override=data, spill_dirs=[tmp_path / "spill"])
    learner = progress.learners.add_learner("よしこ")
    assert [x.display_name for x in progress.learner_choices.list_learners()] == ["よしこ"]
    progress.close()
    read_only.on(data)
    progress = open_progress(data_dir_override=data, spill_dirs=[tmp_path / "spill"])  # does not raise
    try:
        assert progress.integrity.moved_to is None and "いまは記録のファイルに書き込めません" in progress.notice_ja
        names = progress.learner_choices.list_learners()
        assert [(x.id, x.display_name) for x in names] == [(learner, "よしこ")]  # kept on this PC
        _record(progress, learner, ["a", "b"])
        assert progress.recorder.status.state is SaveState.FAILING
    finally:
        progress.close()
    read_only.off()
    assert _aside(data) == []
    progress = open_progress(data_dir_override=data, spill_dirs=[tmp_path / "spill"])
    try:
        assert progress.recorder.retry_now(10) and progress.recorder.flush(10)
        assert _events(progress, learner) == 1
    finally:
        progress.close()


# -- really damaged, and checked only after an unclean shutdown --------------------------------

def test_a_damaged_file_found_while_running_is_kept_and_set_aside_at_the_next_start(tmp_path):
    data = tmp_path / "data"
    progress = open_progress(data_dir_override=data)
    learner = progress.learners.add_learner("きずもの")
    progress.close()
    path = data / DB_FILENAME
    raw = bytearray(path.read_bytes())
    page = 4096
    raw[2 * page + 8: 3 * page] = b"\xff" * (page - 8)  # a data page, not the schema: opening still works
    path.write_bytes(bytes(raw))
    (data / f"{DB_FILENAME}.open-999999999").write_text("0 0\n")  # a process that ended uncleanly
    progress = open_progress(data_dir_override=data)
    try:
        assert progress._check_thread is not None
        progress._check_thread.join(30)
        assert progress.integrity.damaged_in_use and _aside(data) == []  # kept, not moved while in use
        assert "傷みが見つかりました" in progress.integrity.message_ja
        progress.recorder.start_attempt(learner, "s", 1)
        progress.recorder.record(StepShown("a", 0, False))
        assert progress.recorder.flush(10)
        assert progress.recorder.status.state is SaveState.WAITING  # in the outbox, not the damaged file
    finally:
        progress.close()
    progress = open_progress(data_dir_override=data)
    try:
        aside = progress.integrity.moved_to
        assert aside is not None and aside.read_bytes() == bytes(raw)  # kept byte for byte, never overwritten
        assert aside.name in progress.notice_ja
    finally:
        progress.close()


def test_after_a_clean_shutdown_no_full_check_runs(tmp_path, monkeypatch):
    data = tmp_path / "data"
    open_progress(data_dir_override=data).close()
    seen = []
    real = db.check_sqlite_file

    def spy(path, **kwargs):
        seen.append(kwargs.get("thorough", True))
        return real(path, **kwargs)

    import trainer.progress as progress_pkg
    monkeypatch.setattr(progress_pkg, "check_sqlite_file", spy)
    progress = open_progress(data_dir_override=data)
    try:
        assert seen == [False] and progress._check_thread is None
    finally:
        progress.close()
    assert not list(data.glob(f"{DB_FILENAME}.open-*"))  # a clean close leaves no marker


def test_a_killed_app_gets_a_background_check_and_loses_nothing(tmp_path):
    data = tmp_path / "data"
    code = (
        "import os, sys; from pathlib import Path; from trainer.progress import open_progress\n"
        "from trainer.scenarios.events import StepShown\n"
        f"p = open_progress(data_dir_override=Path({str(data)!r}))\n"
        "l = p.learners.add_learner('きえない')\n"
        "p.recorder.start_attempt(l, 's', 1); p.recorder.record(StepShown('a', 0, False)); p.recorder.flush(10)\n"
        "print(l, flush=True); os._exit(9)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         env={**os.environ, "PYTHONPATH": os.getcwd()})
    learner = uuid.UUID(out.stdout.strip().splitlines()[-1])
    assert list(data.glob(f"{DB_FILENAME}.open-*"))
    progress = open_progress(data_dir_override=data)
    try:
        assert progress._check_thread is not None
        progress._check_thread.join(30)
        assert progress.integrity.ok and progress.notice_ja is None
        assert _events(progress, learner) == 1
    finally:
        progress.close()
    assert not list(data.glob(f"{DB_FILENAME}.open-*"))


def test_a_stale_journal_from_another_database_is_not_applied(tmp_path):
    data = tmp_path / "data"
    progress = open_progress(data_dir_override=data)
    ids = [progress.learners.add_learner(f"まち {i}") for i in range(30)]
    progress.close()
    other = tmp_path / "other.sqlite3"  # another record with its own journal
    conn = sqlite3.connect(other, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA wal_autocheckpoint=0")
    for table in sqlite3.connect(data / DB_FILENAME).execute("SELECT sql FROM sqlite_master WHERE sql NOT NULL"):
        conn.execute(table[0])
    conn.execute("INSERT INTO learner (id, display_name, created_at) VALUES ('x', 'よそ', '2024-01-01')")
    conn.execute("DELETE FROM learner")
    (data / f"{DB_FILENAME}-wal").write_bytes((tmp_path / "other.sqlite3-wal").read_bytes())
    conn.close()
    progress = open_progress(data_dir_override=data)
    try:
        kept = progress.integrity.wal_kept_as
        assert kept is not None and kept.exists() and kept.name in progress.notice_ja
        assert len(progress.learners.list_learners()) == len(ids)  # nobody vanished
    finally:
        progress.close()


# -- bad files and settings --------------------------------------------------------------------

def test_a_setting_that_is_not_utf8_does_not_turn_recording_off(tmp_path):
    data = tmp_path / "data"
    open_progress(data_dir_override=data).close()
    conn = sqlite3.connect(data / DB_FILENAME)
    conn.execute("INSERT INTO app_setting (key, value, updated_at) VALUES (?, CAST(? AS TEXT), ?)",
                 (db.SHARED_URL_SETTING, b"\xff\xfe\x80 not utf-8", "2024-01-01"))
    conn.commit()
    conn.close()
    assert db.read_local_setting(db.SHARED_URL_SETTING, data_dir_override=data) is None
    progress = open_progress(data_dir_override=data)
    try:
        assert progress.location.is_sqlite and progress.problem is None
        learner = progress.learners.add_learner("つづく")
        _record(progress, learner, ["a"])
        assert _events(progress, learner) == 1
    finally:
        progress.close()


def test_a_relative_data_folder_works_on_every_start(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for _ in range(3):
        progress = open_progress(data_dir_override="relative-data")
        try:
            assert progress.location.sqlite_path.is_absolute() and progress.problem is None
            progress.learners.add_learner("そうたい")
        finally:
            progress.close()
    progress = open_progress(data_dir_override="relative-data")
    try:
        assert len(progress.learners.list_learners()) == 3
    finally:
        progress.close()


def test_two_first_starts_on_one_empty_folder_both_work(tmp_path):
    code = ("import sys; from pathlib import Path; from trainer.progress import open_progress\n"
            "p = open_progress(data_dir_override=Path(sys.argv[1])); print(p.problem); "
            "p.learners.add_learner('x'); p.close()\n")
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    for n in range(5):
        folder = tmp_path / f"empty-{n}"
        runs = [subprocess.Popen([sys.executable, "-c", code, str(folder)], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True, env=env) for _ in range(2)]
        outs = [r.communicate(timeout=120) for r in runs]
        assert [o[0].strip() for o in outs] == ["None", "None"], outs
        assert all(r.returncode == 0 for r in runs)


# -- files are owner-only ----------------------------------------------------------------------

@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_data_folder_database_and_outbox_are_owner_only(tmp_path):
    data = tmp_path / "new" / "data"
    progress = open_progress(data_dir_override=data)
    try:
        progress.learners.add_learner("ひみつ")
    finally:
        progress.close()
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    for name in (DB_FILENAME, OUTBOX_FILENAME, "learners-seen.json"):
        if (data / name).exists():
            assert stat.S_IMODE((data / name).stat().st_mode) == 0o600, name
    assert (data / DB_FILENAME).exists() and (data / OUTBOX_FILENAME).exists()
    os.chmod(data / DB_FILENAME, 0o644)  # an older version's file is tightened
    open_progress(data_dir_override=data).close()
    assert stat.S_IMODE((data / DB_FILENAME).stat().st_mode) == 0o600


# -- deletion leaves nothing in the journal, even while someone reads ---------------------------

def test_a_deletion_is_checkpointed_even_while_another_connection_reads(tmp_path):
    data = tmp_path / "data"
    progress = open_progress(data_dir_override=data)
    progress.learners.ERASE_RETRY_S = 0.05
    try:
        name = "けされる ひとのなまえ"
        learner = progress.learners.add_learner(name)
        progress.learners.add_learner("のこる ひと")
        reader = sqlite3.connect(data / DB_FILENAME, isolation_level=None)
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM learner").fetchone()  # holds an old snapshot
        summary = progress.learners.delete_learner(learner)
        assert not summary.journal_erased and progress.learners.erase_pending
        reader.execute("COMMIT")
        reader.close()
        for _ in range(200):
            if not progress.learners.erase_pending:
                break
            import time
            time.sleep(0.05)
        assert not progress.learners.erase_pending
        encoded = name.encode("utf-8")
        for f in data.iterdir():
            if f.is_file():
                assert encoded not in f.read_bytes(), f.name
    finally:
        progress.close()


# -- names kept on this PC belong to one record ----------------------------------------------------

def test_names_seen_on_one_record_are_never_offered_for_another(tmp_path):
    from trainer.progress.database import sqlite_url
    from trainer.progress.learners import LearnerDirectory
    from trainer.progress.roster import LearnerChoices

    data = tmp_path / "data"
    progress = open_progress(data_dir_override=data)
    try:
        progress.learners.add_learner("まえの きろくの ひと")
        assert [x.display_name for x in progress.learner_choices.list_learners()] == ["まえの きろくの ひと"]
        kept = progress.learner_choices.path
    finally:
        progress.close()

    class Down(LearnerDirectory):  # the shared record this PC now uses cannot be reached
        def list_learners(self, group_id=None):
            raise ConnectionError("server down")

        def list_groups(self):
            raise ConnectionError("server down")

    from sqlalchemy import create_engine
    other = create_engine(sqlite_url(tmp_path / "elsewhere" / "shared.sqlite3"))
    try:
        choices = LearnerChoices(Down(other), kept)
        assert choices.list_learners() == [] and choices.list_groups() == []  # not the old record's names
        same = open_progress(data_dir_override=data)
        try:
            again = LearnerChoices(Down(same.engine), kept)
            assert [x.display_name for x in again.list_learners()] == ["まえの きろくの ひと"] and again.from_cache
        finally:
            same.close()
    finally:
        other.dispose()
    assert b"elsewhere" not in kept.read_bytes() and b"progress.sqlite3" not in kept.read_bytes()


def test_a_record_that_does_not_answer_is_asked_once_then_only_by_the_background_check(tmp_path):
    from trainer.progress.learners import LearnerDirectory
    from trainer.progress.roster import LearnerChoices

    progress = open_progress(data_dir_override=tmp_path / "data")
    try:
        hanako = progress.learners.add_learner("はなこ")
        progress.learner_choices.list_learners()  # seen once
        asked = []

        class Silent(LearnerDirectory):  # a server that does not answer: each question costs the timeout
            down = True

            def list_learners(self, group_id=None):
                asked.append("learners")
                if self.down:
                    raise TimeoutError("no answer in 3 s")
                return super().list_learners(group_id)

            def list_groups(self):
                asked.append("groups")
                if self.down:
                    raise TimeoutError("no answer in 3 s")
                return super().list_groups()

        silent = Silent(progress.engine)
        choices = LearnerChoices(silent, progress.learner_choices.path)
        assert [x.id for x in choices.list_learners()] == [hanako] and choices.from_cache
        first = len(asked)
        for _ in range(3):  # the picker is shown again and again (the UI thread)
            choices.list_groups()
            assert [x.id for x in choices.list_learners()] == [hanako]
        assert len(asked) == first  # the silent record was not asked again
        assert not choices.reachable()  # the background check asks (off the UI thread)
        silent.down = False
        assert choices.reachable()
        taro = progress.learners.add_learner("たろう")
        assert {x.id for x in choices.list_learners()} == {hanako, taro} and not choices.from_cache
    finally:
        progress.close()


def test_a_shared_server_that_does_not_answer_at_start_never_holds_up_the_picker(tmp_path, monkeypatch):
    import socket

    silent = socket.socket()  # accepts the connection in the kernel and never says a word
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)
    url = f"postgresql+psycopg://trainer:pw@127.0.0.1:{silent.getsockname()[1]}/trainer"
    data = tmp_path / "data"
    try:
        progress = open_progress(url, data_dir_override=data)  # on the worker thread in the app
        try:
            assert progress.problem is not None and progress.learner_choices.from_cache
            asked = []
            for name in ("list_groups", "list_learners"):
                real = getattr(progress.learners, name)
                monkeypatch.setattr(progress.learners, name,
                                    lambda *a, real=real, name=name, **k: asked.append(name) or real(*a, **k))
            progress.learner_choices.list_groups()
            progress.learner_choices.list_learners()
            assert asked == []  # not the 3 s connect timeout, twice, on the UI thread: the names kept here
            assert not progress.learner_choices.reachable() and asked == ["list_groups"]  # the background check
        finally:
            progress.close()
    finally:
        silent.close()


def test_a_damaged_outbox_is_kept_byte_for_byte_and_named_in_both_languages(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    garbage = b"not an outbox at all " * 300
    (data / OUTBOX_FILENAME).write_bytes(garbage)
    progress = open_progress(data_dir_override=data, spill_dirs=[tmp_path / "spill"])
    try:
        aside = [p for p in data.iterdir() if p.name.startswith(OUTBOX_FILENAME + ".damaged-")]
        assert len(aside) == 1 and aside[0].read_bytes() == garbage
        assert aside[0].name in progress.notice_ja and aside[0].name in progress.notice_en
        learner = progress.learners.add_learner("つづける")
        _record(progress, learner, ["a"])  # recording goes on with a new outbox
        assert _events(progress, learner) == 1
    finally:
        progress.close()
