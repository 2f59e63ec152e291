"""Run the progress record's Alembic migrations from Python (no alembic.ini).

``upgrade(engine)`` brings SQLite or PostgreSQL to the newest schema;
``status(engine)`` says which revision a database is at and what is missing.
The revision files live in ``trainer/progress/migrations/versions/`` and are
shipped inside the package.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(connection: Connection | None = None) -> Config:
    """An in-memory Alembic configuration pointing at the bundled migrations."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("path_separator", "os")
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def script_directory() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def revisions() -> list[str]:
    """All revision ids, oldest first."""
    return [rev.revision for rev in reversed(list(script_directory().walk_revisions()))]


def head_revision() -> str:
    head = script_directory().get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (None for an empty database)."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate ``engine``'s database up to ``revision`` in one transaction.

    On SQLite the transaction takes the write lock at once (``BEGIN
    IMMEDIATE``), so two first starts on one empty folder queue on the lock
    (busy timeout) instead of one failing with "database is locked".
    """
    with engine.connect() as conn, _foreign_keys_held(conn):
        if engine.dialect.name == "sqlite":
            conn.execution_options(sqlite_immediate=True)
        with conn.begin():
            command.upgrade(alembic_config(conn), revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Migrate down to ``revision`` ("base" empties the schema). For tests and experts."""
    with engine.connect() as conn, _foreign_keys_held(conn), conn.begin():
        command.downgrade(alembic_config(conn), revision)


@contextmanager
def _foreign_keys_held(conn: Connection) -> Iterator[None]:
    """SQLite: foreign keys off while migrating, on again after.

    A batch migration on SQLite copies a table and drops the old one, and
    dropping a table with foreign keys on deletes its rows first — with
    ``ON DELETE CASCADE`` every attempt of every learner, every step event
    of every attempt. SQLite ignores this pragma inside a transaction, so it
    is set on the driver's connection before the migration's ``BEGIN``.
    """
    if conn.dialect.name != "sqlite":
        yield
        return
    raw = conn.connection.driver_connection
    assert raw is not None  # a connection that is open has its driver's connection
    raw.execute("PRAGMA foreign_keys = OFF")
    try:
        yield
    finally:
        raw.execute("PRAGMA foreign_keys = ON")


@dataclass(frozen=True)
class MigrationStatus:
    current: str | None
    head: str
    #: Revisions not yet applied, oldest first.
    pending: tuple[str, ...]

    @property
    def up_to_date(self) -> bool:
        return not self.pending


def status(engine: Engine) -> MigrationStatus:
    current = current_revision(engine)
    order = revisions()
    done = order.index(current) + 1 if current in order else 0
    return MigrationStatus(current=current, head=head_revision(), pending=tuple(order[done:]))
