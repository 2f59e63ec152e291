"""Alembic environment: runs migrations on a connection handed over by ``progress.migrate``.

Called only programmatically (``trainer db upgrade``, or automatically when
the app opens the record). On PostgreSQL a transaction-level advisory lock
makes PCs that start at the same moment upgrade one after another.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import text

from trainer.progress.models import Base

#: Arbitrary constant key of the advisory lock held while migrating PostgreSQL.
MIGRATION_LOCK_KEY = 734_219_001

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through trainer.progress.migrate (trainer db upgrade)")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)

with context.begin_transaction():
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
    context.run_migrations()
