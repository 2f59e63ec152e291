"""Remember merged learners so offline PCs' late events follow the kept learner.

Revision ID: 0004_learner_merge_redirects
Revises: 0003_app_settings
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_learner_merge_redirects"
down_revision = "0003_app_settings"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "learner_merge",
        sa.Column("merged_learner_id", sa.Uuid(), nullable=False),
        sa.Column("kept_learner_id", sa.Uuid(), nullable=False),
        sa.Column("merged_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("merged_learner_id", name=op.f("pk_learner_merge")),
        sa.ForeignKeyConstraint(
            ["kept_learner_id"],
            ["learner.id"],
            name=op.f("fk_learner_merge_kept_learner_id_learner"),
            ondelete="CASCADE",
        ),
    )
    op.create_index(op.f("ix_learner_merge_kept_learner_id"), "learner_merge", ["kept_learner_id"])


def downgrade() -> None:
    op.drop_table("learner_merge")
