"""Create groups, learners (display name + optional group only) and class sessions.

Revision ID: 0001_groups_learners_sessions
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_groups_learners_sessions"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "learner_group",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(60), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_learner_group")),
        sa.UniqueConstraint("name", name=op.f("uq_learner_group_name")),
        sa.CheckConstraint("length(trim(name)) > 0", name=op.f("ck_learner_group_name_not_blank")),
    )
    op.create_table(
        "learner",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("display_name", sa.String(60), nullable=False),
        sa.Column("group_id", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_learner")),
        sa.ForeignKeyConstraint(
            ["group_id"], ["learner_group.id"], name=op.f("fk_learner_group_id_learner_group"), ondelete="SET NULL"
        ),
        sa.CheckConstraint(
            "length(trim(display_name)) > 0", name=op.f("ck_learner_display_name_not_blank")
        ),
    )
    op.create_index(op.f("ix_learner_group_id"), "learner", ["group_id"])
    op.create_table(
        "class_session",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("venue", sa.String(200), nullable=False),
        sa.Column("instructor_name", sa.String(60), nullable=False),
        sa.Column("group_id", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_class_session")),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["learner_group.id"],
            name=op.f("fk_class_session_group_id_learner_group"),
            ondelete="SET NULL",
        ),
        sa.CheckConstraint("length(trim(venue)) > 0", name=op.f("ck_class_session_venue_not_blank")),
    )
    op.create_index(op.f("ix_class_session_held_on"), "class_session", ["held_on"])
    op.create_index(op.f("ix_class_session_group_id"), "class_session", ["group_id"])


def downgrade() -> None:
    op.drop_table("class_session")
    op.drop_table("learner")
    op.drop_table("learner_group")
