"""Opening the progress database: where it is, how it is tuned, that it is sound.

The embedded default is one SQLite file in the user's data folder
(``platformdirs.user_data_path("trainer")``), tuned so that a committed
transaction survives a power cut: WAL journal, ``synchronous=FULL``,
foreign keys enforced, deleted content overwritten (``secure_delete``).
At start ``PRAGMA quick_check`` runs; a damaged file is moved aside (never
deleted) and the person is told in plain words.

``TRAINER_DATABASE_URL`` — or the local setting :data:`SHARED_URL_SETTING`
saved with :func:`set_shared_database_url` — points the app at PostgreSQL
so a classroom or a whole city shares one record.

Passwords in URLs are never printed: use :func:`redact` for anything shown.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url

log = logging.getLogger("trainer.progress")

#: Environment variable naming the database (e.g. ``postgresql+psycopg://host/trainer``).
ENV_URL = "TRAINER_DATABASE_URL"
#: Name of the embedded SQLite file inside the data folder.
DB_FILENAME = "progress.sqlite3"
#: Name of the local outbox file (events waiting for the database) inside the data folder.
OUTBOX_FILENAME = "progress-outbox.sqlite3"
#: Key of the local setting (in the embedded file) that points at a shared database.
SHARED_URL_SETTING = "shared_database_url"

#: How long a SQLite writer waits for another writer before giving up (ms).
DEFAULT_BUSY_TIMEOUT_MS = 5000
#: How long connecting to a database server may take before it counts as down (s).
DEFAULT_CONNECT_TIMEOUT_S = 3


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The folder for the embedded record and the outbox (created if missing)."""
    path = Path(override) if override is not None else platformdirs.user_data_path("trainer", appauthor=False)
    path.mkdir(parents=True, exist_ok=True)
    return path


def sqlite_url(path: str | os.PathLike[str]) -> URL:
    """The SQLAlchemy URL of a SQLite file."""
    return URL.create("sqlite+pysqlite", database=str(Path(path).absolute()))


def redact(url: str | URL) -> str:
    """``url`` as text with any password replaced by ``***`` — safe to show and log."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # not even a URL: show nothing of it
        return "<invalid database URL>"


@dataclass(frozen=True)
class DatabaseLocation:
    """Which database to use and why (``source``: argument / environment / setting / default)."""

    url: URL
    source: str

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @property
    def sqlite_path(self) -> Path | None:
        if not self.is_sqlite or not self.url.database or self.url.database == ":memory:":
            return None
        return Path(self.url.database)

    def __str__(self) -> str:
        return redact(self.url)


def read_local_setting(key: str, *, data_dir_override: str | os.PathLike[str] | None = None) -> str | None:
    """Read one setting from the embedded file without changing it (None if absent)."""
    path = data_dir(data_dir_override) / DB_FILENAME
    if not path.exists():
        return None
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=1)
    except sqlite3.Error:
        return None
    try:
        row = conn.execute("SELECT value FROM app_setting WHERE key = ?", (key,)).fetchone()
    except sqlite3.Error:
        row = None
    finally:
        conn.close()
    return row[0] if row else None


def set_shared_database_url(
    url: str | URL | None, *, data_dir_override: str | os.PathLike[str] | None = None
) -> None:
    """Save (or, with None, forget) the shared database this PC should use from the next start.

    The value lives in this PC's embedded file, so it is found before any
    server is reached. ``TRAINER_DATABASE_URL`` still wins over it.
    """
    from trainer.progress import migrate  # late: migrate imports the models, which import nothing of this
    from trainer.progress.store import ProgressStore

    value = make_url(url).render_as_string(hide_password=False) if url else None  # refuse a non-URL early
    engine = create_progress_engine(sqlite_url(data_dir(data_dir_override) / DB_FILENAME))
    store = ProgressStore(engine)
    try:
        migrate.upgrade(engine)
        store.set_setting(SHARED_URL_SETTING, value)
    finally:
        store.close()


def resolve_url(
    explicit: str | URL | None = None,
    *,
    data_dir_override: str | os.PathLike[str] | None = None,
    environ: Mapping[str, str] | None = None,
) -> DatabaseLocation:
    """Decide which database to open.

    Order: ``explicit`` (``--url``), then ``TRAINER_DATABASE_URL``, then the
    local setting :data:`SHARED_URL_SETTING`, then the embedded SQLite file.
    """
    env = os.environ if environ is None else environ
    if explicit:
        return DatabaseLocation(make_url(explicit), "argument")
    if env.get(ENV_URL):
        return DatabaseLocation(make_url(env[ENV_URL]), "environment")
    shared = read_local_setting(SHARED_URL_SETTING, data_dir_override=data_dir_override)
    if shared:
        return DatabaseLocation(make_url(shared), "setting")
    return DatabaseLocation(sqlite_url(data_dir(data_dir_override) / DB_FILENAME), "default")


def create_progress_engine(
    url: str | URL,
    *,
    busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
    connect_timeout_s: int = DEFAULT_CONNECT_TIMEOUT_S,
) -> Engine:
    """An engine tuned for the progress record.

    SQLite: WAL, ``synchronous=FULL``, foreign keys, ``secure_delete``,
    ``busy_timeout``; transactions begin explicitly (``BEGIN``, or
    ``BEGIN IMMEDIATE`` for connections with execution option
    ``sqlite_immediate=True``) so writers queue on the lock instead of failing
    half-way. PostgreSQL: a short connect timeout and a liveness check.
    Statement parameters are hidden from error messages so nothing a row
    contains can end up in a log.
    """
    url = make_url(url)
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:":
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, hide_parameters=True)
        _tune_sqlite(engine, busy_timeout_ms)
        return engine
    connect_args: dict[str, Any] = {}
    if url.get_backend_name() == "postgresql":
        connect_args["connect_timeout"] = connect_timeout_s
    return create_engine(url, hide_parameters=True, pool_pre_ping=True, connect_args=connect_args)


def _tune_sqlite(engine: Engine, busy_timeout_ms: int) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves (see "begin" below)
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = FULL")
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA secure_delete = ON")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        immediate = conn.get_execution_options().get("sqlite_immediate", False)
        # Straight to the driver: this runs once per transaction on the recording hot path.
        conn.connection.driver_connection.execute("BEGIN IMMEDIATE" if immediate else "BEGIN")


@dataclass(frozen=True)
class IntegrityReport:
    """Result of the start-up check of a SQLite file."""

    ok: bool
    #: Where the damaged file was moved (None when nothing was moved).
    moved_to: Path | None = None

    @property
    def message_ja(self) -> str | None:
        if self.ok:
            return None
        where = self.moved_to.name if self.moved_to else "?"
        return (
            "記録のファイルが傷んでいたため、新しい記録のファイルで始めます。"
            f"これまでの記録は消さずに「{where}」という名前で同じフォルダーに残しました。"
            "先生・サポーターに知らせてください。"
        )

    @property
    def message_en(self) -> str | None:
        if self.ok:
            return None
        return (
            "The progress file was damaged, so a new one was started. "
            f"Nothing was deleted: the old file was kept as {self.moved_to}. "
            "Please tell your instructor or supporter."
        )


def check_sqlite_file(path: str | os.PathLike[str]) -> IntegrityReport:
    """Run ``PRAGMA quick_check`` on ``path``; move a damaged file aside.

    A missing file is fine (a new one will be made). A file that is damaged
    or is not a database at all is renamed to ``<name>.damaged-<time>``
    together with its ``-wal`` and ``-shm`` companions, so an expert can
    still rescue what it holds.
    """
    path = Path(path)
    if not path.exists() or path.stat().st_size == 0:
        return IntegrityReport(ok=True)
    problem: str | None = None
    try:
        conn = sqlite3.connect(str(path), timeout=DEFAULT_BUSY_TIMEOUT_MS / 1000)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
        if [r[0] for r in rows] != ["ok"]:
            problem = f"quick_check reported {len(rows)} problem(s)"
    except sqlite3.DatabaseError as exc:  # "file is not a database", "database disk image is malformed"
        if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
            return IntegrityReport(ok=True)  # busy, not damaged: the check runs again next start
        problem = type(exc).__name__ + ": " + str(exc)
    if problem is None:
        return IntegrityReport(ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.damaged-{stamp}")
    n = 1
    while aside.exists():
        n += 1
        aside = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
    path.rename(aside)
    for suffix in ("-wal", "-shm"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            companion.rename(aside.with_name(aside.name + suffix))
    log.error("damaged SQLite file moved aside (%s): %s", problem, aside)
    return IntegrityReport(ok=False, moved_to=aside)
