"""Create the key/value app settings table (holds the instructor PIN's salted hash).

Revision ID: 0003_app_settings
Revises: 0002_attempts_step_events
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_app_settings"
down_revision = "0002_attempts_step_events"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "app_setting",
        sa.Column("key", sa.String(100), nullable=False),
        sa.Column("value", sa.String(2000), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_app_setting")),
        sa.CheckConstraint("length(key) > 0", name=op.f("ck_app_setting_key_not_blank")),
    )


def downgrade() -> None:
    op.drop_table("app_setting")
