"""Each attempt keeps how it was played: ``try`` (guided) or ``alone`` (on your own).

Attempts recorded before this revision were all guided play, so they read
``try``.

Revision ID: 0007_attempt_mode
Revises: 0006_class_sessions
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_attempt_mode"
down_revision = "0006_class_sessions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("attempt") as batch:
        batch.add_column(sa.Column("mode", sa.String(length=10), nullable=False, server_default="try"))


def downgrade() -> None:
    with op.batch_alter_table("attempt") as batch:
        batch.drop_column("mode")
