"""Alembic migrations: every revision upgrades to the head, on SQLite and PostgreSQL;
the models and the migrations agree; ``trainer db upgrade`` / ``status`` work."""

from __future__ import annotations

import importlib.resources
import re
import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from tests.progress.helpers import closed_port
from trainer.cli import main
from trainer.progress import migrate
from trainer.progress.database import create_progress_engine
from trainer.progress.models import Base

REVISIONS = migrate.revisions()


def drift(engine) -> list:
    with engine.connect() as conn:
        return compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)


@pytest.fixture
def bare_engine(db_url):
    engine = create_progress_engine(db_url)
    yield engine
    engine.dispose()


def test_there_is_a_history_of_revisions():
    assert len(REVISIONS) >= 5
    assert REVISIONS[0].startswith("0001_") and REVISIONS[-1] == migrate.head_revision()


def test_upgrade_from_every_revision_to_head(bare_engine):
    for revision in ["base", *REVISIONS]:
        migrate.downgrade(bare_engine, "base")
        assert migrate.current_revision(bare_engine) is None
        if revision != "base":
            migrate.upgrade(bare_engine, revision)
            assert migrate.current_revision(bare_engine) == revision
        migrate.upgrade(bare_engine)
        state = migrate.status(bare_engine)
        assert state.up_to_date and state.current == REVISIONS[-1]
        assert drift(bare_engine) == [], f"models and migrations differ after {revision} -> head"


def test_data_survives_the_upgrade(bare_engine):
    migrate.upgrade(bare_engine, "0002_attempts_step_events")
    learner, attempt, event = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    uuid_value = (lambda u: u.hex) if bare_engine.dialect.name == "sqlite" else str
    with bare_engine.begin() as conn:
        conn.execute(
            text("INSERT INTO learner (id, display_name, created_at) VALUES (:id, 'まえから いる', CURRENT_TIMESTAMP)"),
            {"id": uuid_value(learner)},
        )
        conn.execute(
            text(
                "INSERT INTO attempt (id, learner_id, scenario_id, scenario_version, started_at, status)"
                " VALUES (:id, :learner, 'scan-to-pay', 1, CURRENT_TIMESTAMP, 'in-progress')"
            ),
            {"id": uuid_value(attempt), "learner": uuid_value(learner)},
        )
        conn.execute(
            text(
                "INSERT INTO step_event (id, attempt_id, seq, scenario_id, kind, step_id, helper_assisted, created_at)"
                " VALUES (:id, :attempt, 0, 'scan-to-pay', 'step-shown', 'open-pay', false, CURRENT_TIMESTAMP)"
            ),
            {"id": uuid_value(event), "attempt": uuid_value(attempt)},
        )
    migrate.upgrade(bare_engine)
    with bare_engine.connect() as conn:
        assert conn.execute(text("SELECT display_name FROM learner")).scalar() == "まえから いる"
        assert conn.execute(text("SELECT count(*) FROM step_event")).scalar() == 1


def test_a_migration_that_rebuilds_a_table_keeps_the_rows_that_point_at_it(bare_engine):
    """On SQLite a batch migration copies a table and drops the old one; with foreign keys
    on, dropping ``learner`` would first delete every attempt and step event (ON DELETE
    CASCADE). Down past the learner's fixed mode (a rebuilt ``learner``) and up again."""
    test_data_survives_the_upgrade(bare_engine)
    migrate.downgrade(bare_engine, "0008_report_rollups")
    with bare_engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM attempt")).scalar() == 1
        assert conn.execute(text("SELECT count(*) FROM step_event")).scalar() == 1
    migrate.upgrade(bare_engine)
    with bare_engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM step_event")).scalar() == 1
        if bare_engine.dialect.name == "sqlite":
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1, "foreign keys are on again"


def test_learners_hold_a_name_and_a_group_and_nothing_else(engine):
    """Besides the name and the group, only the way an instructor fixed to practise (issue #15)."""
    columns = {c["name"] for c in inspect(engine).get_columns("learner")}
    assert columns == {"id", "display_name", "group_id", "created_at", "default_mode"}


def test_revision_files_have_telling_names():
    versions = importlib.resources.files("trainer.progress.migrations.versions")
    files = sorted(p.name for p in versions.iterdir() if p.name.endswith(".py") and p.name != "__init__.py")
    assert len(files) == len(REVISIONS)
    for name, revision in zip(files, REVISIONS, strict=True):
        assert re.fullmatch(r"\d{4}(_[a-z]+){3,}\.py", name), f"{name}: say what it does, in words"
        assert name[:4] == revision[:4]


def test_migrations_ship_inside_the_package():
    package = importlib.resources.files("trainer.progress.migrations")
    assert (package / "env.py").is_file()
    assert (package / "versions" / "__init__.py").is_file()
    from setuptools import find_packages

    found = find_packages(where=str(migrate.MIGRATIONS_DIR.parents[2]), include=["trainer", "trainer.*"])
    assert {"trainer.progress.migrations", "trainer.progress.migrations.versions"} <= set(found)


def test_trainer_db_upgrade_and_status(db_url, capsys):
    assert main(["db", "status", "--url", db_url]) == 1  # nothing there yet
    assert main(["db", "upgrade", "--url", db_url]) == 0
    out = capsys.readouterr().out
    assert REVISIONS[-1] in out
    assert main(["--lang", "en", "db", "status", "--url", db_url]) == 0
    out = capsys.readouterr().out
    assert "Up to date." in out and ":trainer@" not in out  # the password is never printed


def test_trainer_db_status_on_a_server_that_is_down_names_no_password(capsys):
    url = f"postgresql+psycopg://teacher:Hush-4321@127.0.0.1:{closed_port()}/trainer"
    assert main(["db", "status", "--url", url]) == 1
    out = capsys.readouterr().out
    assert "つながりません" in out and "Hush-4321" not in out and "***" in out


def test_0012_keeps_every_class_sessions_counts_and_a_downgrade_gives_them_back(bare_engine):
    """A record at 0011 with a class: the session's counts (kept in ``report_session`` then) are the same
    once they are per-learner rows added up with the board rows, and a downgrade counts them back."""
    import datetime as dt

    from sqlalchemy import Column, Integer, MetaData, Table, Uuid, insert, select

    from trainer.progress import rollups
    from trainer.progress.models import Attempt, ClassSession, Learner, Presence, utcnow
    from trainer.progress.reports import Reports, city_report

    migrate.upgrade(bare_engine, "0011_session_step_summaries")
    old = Table("report_session", MetaData(), Column("session_id", Uuid()), *[
        Column(c, Integer()) for c in ("learners", "attempts", "finished", "attendees", "guests")])
    session, today, now = uuid.uuid4(), dt.date.today(), utcnow()
    hanako, taro, jiro, saburo = (uuid.uuid4() for _ in range(4))
    with bare_engine.begin() as conn:
        conn.execute(insert(ClassSession), [{"id": session, "held_on": today, "venue": "中央公民館",
                                             "instructor_name": "山田", "kind": "course", "started_at": now}])
        conn.execute(insert(Learner), [{"id": i, "display_name": n, "created_at": now} for i, n in (
            (hanako, "はなこ"), (taro, "たろう"), (jiro, "じろう"), (saburo, "さぶろう"))])
        attempt = {"scenario_id": "scan-to-pay", "scenario_version": 1, "started_at": now}
        conn.execute(insert(Attempt), [
            {**attempt, "id": uuid.uuid4(), "learner_id": hanako, "session_id": session, "mode": "try",
             "status": "finished", "ended_at": now},
            {**attempt, "id": uuid.uuid4(), "learner_id": hanako, "session_id": session, "mode": "guided",
             "status": "abandoned", "ended_at": now},
            {**attempt, "id": uuid.uuid4(), "learner_id": taro, "session_id": session, "mode": "watch",
             "status": "finished", "ended_at": now},  # watching in a class is attending it, not practising
            {**attempt, "id": uuid.uuid4(), "learner_id": saburo, "session_id": None, "mode": "try",
             "status": "in-progress", "ended_at": None},  # outside the class
        ])
        conn.execute(insert(Presence), [
            {"id": uuid.uuid4(), "session_id": session, "learner_id": hanako, "state": "finished"},
            {"id": uuid.uuid4(), "session_id": session, "learner_id": jiro, "state": "practising"},  # board only
            {"id": uuid.uuid4(), "session_id": session, "learner_id": None, "state": "practising"},  # two guests
            {"id": uuid.uuid4(), "session_id": session, "learner_id": None, "state": "resting"},
        ])
        # what 0011's write path kept: hanako practised (2 attempts, 1 finish); hanako, taro, jiro attended
        before = {"session_id": session, "learners": 1, "attempts": 2, "finished": 1, "attendees": 3, "guests": 2}
        conn.execute(insert(old), [before])

    migrate.upgrade(bare_engine)
    assert "report_session" not in inspect(bare_engine).get_table_names()
    with bare_engine.connect() as conn:
        stored, fresh = rollups.stored(conn), rollups.recount(conn)
    assert stored["report_session_learner"] == fresh["report_session_learner"]
    assert stored["report_session_learner"] == {
        (session, hanako): {"attempts": 2, "finished": 1, "watched": 0},
        (session, taro): {"attempts": 0, "finished": 0, "watched": 1},
    }
    report = city_report(bare_engine, today - dt.timedelta(days=1), today + dt.timedelta(days=1))
    [line] = report.sessions
    assert (line.attendances, line.guests) == (before["attendees"] + before["guests"], before["guests"])
    [count] = Reports(bare_engine).overview().sessions
    assert (count.learners, count.attempts, count.finished) == (1, 2, 1)

    migrate.downgrade(bare_engine, "0011_session_step_summaries")
    with bare_engine.connect() as conn:
        assert [dict(r) for r in conn.execute(select(old)).mappings()] == [before]
