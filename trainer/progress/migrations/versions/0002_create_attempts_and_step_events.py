"""Create attempts (with the resume snapshot) and append-only step events.

Revision ID: 0002_attempts_step_events
Revises: 0001_groups_learners_sessions
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_attempts_step_events"
down_revision = "0001_groups_learners_sessions"
branch_labels = None
depends_on = None

ATTEMPT_STATUSES = ("in-progress", "finished", "abandoned")
EVENT_KINDS = ("step-shown", "action-judged", "hint", "restart", "finished", "abandoned")
RESULTS = ("correct", "known-mistake", "other-mistake")


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def upgrade() -> None:
    op.create_table(
        "attempt",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("learner_id", sa.Uuid(), nullable=False),
        sa.Column("session_id", sa.Uuid(), nullable=True),
        sa.Column("scenario_id", sa.String(100), nullable=False),
        sa.Column("scenario_version", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("outcome", sa.String(100), nullable=True),
        sa.Column("resume_snapshot", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attempt")),
        sa.ForeignKeyConstraint(
            ["learner_id"], ["learner.id"], name=op.f("fk_attempt_learner_id_learner"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["class_session.id"],
            name=op.f("fk_attempt_session_id_class_session"),
            ondelete="SET NULL",
        ),
        sa.CheckConstraint(_one_of("status", ATTEMPT_STATUSES), name=op.f("ck_attempt_attempt_status")),
        sa.CheckConstraint("scenario_version >= 0", name=op.f("ck_attempt_scenario_version_not_negative")),
        sa.CheckConstraint("ended_at IS NULL OR ended_at >= started_at", name=op.f("ck_attempt_ends_after_start")),
        sa.CheckConstraint(
            "(status = 'in-progress' AND ended_at IS NULL) OR (status <> 'in-progress' AND ended_at IS NOT NULL)",
            name=op.f("ck_attempt_ended_when_not_in_progress"),
        ),
    )
    op.create_index(
        op.f("ix_attempt_learner_id_scenario_id_started_at"),
        "attempt",
        ["learner_id", "scenario_id", "started_at"],
    )
    op.create_index(op.f("ix_attempt_session_id"), "attempt", ["session_id"])

    op.create_table(
        "step_event",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("attempt_id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("scenario_id", sa.String(100), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("step_id", sa.String(100), nullable=False),
        sa.Column("result", sa.String(20), nullable=True),
        sa.Column("mistake_id", sa.String(100), nullable=True),
        sa.Column("action_kind", sa.String(20), nullable=True),
        sa.Column("target_id", sa.String(100), nullable=True),
        sa.Column("outcome", sa.String(100), nullable=True),
        sa.Column("hint_level", sa.Integer(), nullable=True),
        sa.Column("helper_assisted", sa.Boolean(create_constraint=False), nullable=False),
        sa.Column("duration_ms", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_step_event")),
        sa.ForeignKeyConstraint(
            ["attempt_id"], ["attempt.id"], name=op.f("fk_step_event_attempt_id_attempt"), ondelete="CASCADE"
        ),
        sa.CheckConstraint(_one_of("kind", EVENT_KINDS), name=op.f("ck_step_event_event_kind")),
        sa.CheckConstraint(_one_of("result", RESULTS), name=op.f("ck_step_event_judgement_result")),
        sa.CheckConstraint("seq >= 0", name=op.f("ck_step_event_seq_not_negative")),
        sa.CheckConstraint(
            "duration_ms IS NULL OR duration_ms >= 0", name=op.f("ck_step_event_duration_ms_not_negative")
        ),
        sa.CheckConstraint(
            "hint_level IS NULL OR hint_level >= 0", name=op.f("ck_step_event_hint_level_not_negative")
        ),
        sa.CheckConstraint(
            "(kind = 'action-judged') = (result IS NOT NULL)",
            name=op.f("ck_step_event_result_only_on_action_judged"),
        ),
        sa.CheckConstraint(
            "mistake_id IS NULL OR result = 'known-mistake'",
            name=op.f("ck_step_event_mistake_id_only_on_known_mistake"),
        ),
    )
    op.create_index(op.f("ix_step_event_attempt_id_seq"), "step_event", ["attempt_id", "seq"])


def downgrade() -> None:
    op.drop_table("step_event")
    op.drop_table("attempt")
