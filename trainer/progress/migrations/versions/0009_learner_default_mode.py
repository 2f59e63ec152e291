"""A learner can have a way to practise fixed by an instructor (「見てみる」, 「やってみる」, 「ひとりで」).

Learners recorded before this revision have none: the start page suggests a
way from their record, as before.

Revision ID: 0009_learner_default_mode
Revises: 0008_report_rollups
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_learner_default_mode"
down_revision = "0008_report_rollups"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("learner") as batch:
        batch.add_column(sa.Column("default_mode", sa.String(length=10), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("learner") as batch:
        batch.drop_column("default_mode")
