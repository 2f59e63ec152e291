"""Fixtures for the progress record: the same tests on SQLite and on PostgreSQL.

PostgreSQL comes from ``TRAINER_TEST_PG_URL`` (``.ci/run`` starts a server and
sets it; the same URL is tried when it is unset). Each test gets its own
schema, dropped afterwards. Outside CI a missing server skips those tests
with the reason; under CI (``CI=true``) it fails them instead.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url

from tests.progress.mounts import read_only, small_disk  # noqa: F401  (fixtures: real full / read-only disks)
from trainer.progress import migrate
from trainer.progress.database import create_progress_engine, redact, sqlite_url
from trainer.progress.learners import LearnerDirectory
from trainer.progress.recorder import ProgressRecorder
from trainer.progress.store import ProgressStore

PG_DEFAULT_URL = "postgresql+psycopg://trainer:trainer@127.0.0.1:5432/trainer_test"
FAST_RETRY = (0.05, 0.1, 0.2)


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


@pytest.fixture(scope="session")
def pg_server_url() -> str:
    """The test server's URL, or skip (fail under CI) when it cannot be reached."""
    url = os.environ.get("TRAINER_TEST_PG_URL") or PG_DEFAULT_URL
    engine = create_progress_engine(url, connect_timeout_s=3)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:
        reason = (
            f"PostgreSQL is not reachable at {redact(url)} ({type(exc).__name__}); "
            "set TRAINER_TEST_PG_URL or run .ci/run, which starts a server"
        )
        if in_ci():
            pytest.fail("CI=true but " + reason, pytrace=False)
        pytest.skip(reason)
    finally:
        engine.dispose()
    return url


def schema_url(base: str, schema: str) -> str:
    return make_url(base).update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(
        hide_password=False
    )


@pytest.fixture
def pg_url(pg_server_url: str) -> Iterator[str]:
    """A PostgreSQL URL whose tables live in a fresh schema of their own."""
    schema = f"progress_test_{uuid.uuid4().hex[:12]}"
    admin = create_progress_engine(pg_server_url)
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        yield schema_url(pg_server_url, schema)
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    finally:
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database: a SQLite file, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        return sqlite_url(tmp_path / "db" / "progress.sqlite3").render_as_string(hide_password=False)
    return request.getfixturevalue("pg_url")


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """A migrated engine on ``db_url``."""
    eng = create_progress_engine(db_url)
    migrate.upgrade(eng)
    yield eng
    eng.dispose()


@pytest.fixture
def store(engine: Engine) -> Iterator[ProgressStore]:
    s = ProgressStore(engine)
    yield s
    s.close()


@pytest.fixture
def directory(engine: Engine) -> LearnerDirectory:
    return LearnerDirectory(engine)


@pytest.fixture
def outbox_path(tmp_path: Path) -> Path:
    return tmp_path / "local" / "progress-outbox.sqlite3"


@pytest.fixture
def make_recorder(outbox_path: Path) -> Iterator[Callable[..., ProgressRecorder]]:
    """Build recorders (fast retries) that are closed after the test."""
    made: list[ProgressRecorder] = []

    def _make(store: ProgressStore, path: Path | None = None, **kwargs) -> ProgressRecorder:
        kwargs.setdefault("retry_delays_s", FAST_RETRY)
        recorder = ProgressRecorder(store, path or outbox_path, **kwargs)
        made.append(recorder)
        return recorder

    yield _make
    for recorder in made:
        recorder.close()


@pytest.fixture
def recorder(store: ProgressStore, make_recorder) -> ProgressRecorder:
    return make_recorder(store)
