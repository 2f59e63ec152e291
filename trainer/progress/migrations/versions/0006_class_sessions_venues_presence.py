"""Classes: what kind a session is, when it is open, the city's venues, and the help board's rows.

``class_session`` gains ``kind`` (講習会 / 相談会 / 障がい者向け / 出張, stored as
ids), ``started_at`` / ``ended_at`` / ``closes_at`` (open between start and
the explicit end or local midnight). ``venue`` is the list the city keeps.
``class_presence`` is one person in one session: the live state of the help
board (step, counts, raised hand) and the attendance count (guests without
a name).

Revision ID: 0006_class_sessions
Revises: 0005_report_indexes
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_class_sessions"
down_revision = "0005_report_indexes"
branch_labels = None
depends_on = None

KINDS = ("course", "consultation", "accessible", "outreach")
# Keep identical to trainer.progress.models (reports rely on the exact text).
STUMBLE_PREDICATE = "kind IN ('hint', 'restart', 'abandoned') OR result <> 'correct'"
HELPED_PREDICATE = "helper_assisted = true"


def upgrade() -> None:
    with op.batch_alter_table("class_session") as batch:
        batch.add_column(
            sa.Column(
                "kind",
                sa.Enum(*KINDS, name="session_kind", native_enum=False, create_constraint=True, length=20),
                nullable=False,
                server_default="course",
            )
        )
        batch.add_column(sa.Column("started_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("closes_at", sa.DateTime(timezone=True), nullable=True))
        batch.create_check_constraint("ends_only_when_started", "ended_at IS NULL OR started_at IS NOT NULL")
        batch.create_index(op.f("ix_class_session_ended_at_closes_at"), ["ended_at", "closes_at"])
    op.create_table(
        "venue",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("length(trim(name)) > 0", name=op.f("ck_venue_name_not_blank")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_venue")),
        sa.UniqueConstraint("name", name=op.f("uq_venue_name")),
    )
    op.create_table(
        "class_presence",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("session_id", sa.Uuid(), nullable=False),
        sa.Column("learner_id", sa.Uuid(), nullable=True),
        sa.Column("attempt_id", sa.Uuid(), nullable=True),
        sa.Column("scenario_id", sa.String(length=100), nullable=True),
        sa.Column("step_id", sa.String(length=100), nullable=True),
        sa.Column("step_number", sa.Integer(), nullable=True),
        sa.Column("step_mistakes", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("step_hints", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("state", sa.String(length=20), nullable=False, server_default="practising"),
        sa.Column("finished_count", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("hand_raised_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("assisted_step", sa.String(length=100), nullable=True),
        sa.Column("first_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "step_mistakes >= 0 AND step_hints >= 0", name=op.f("ck_class_presence_counts_not_negative")
        ),
        sa.CheckConstraint("finished_count >= 0", name=op.f("ck_class_presence_finished_count_not_negative")),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["class_session.id"],
            name=op.f("fk_class_presence_session_id_class_session"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["learner_id"], ["learner.id"], name=op.f("fk_class_presence_learner_id_learner"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_class_presence")),
    )
    op.create_index(op.f("ix_class_presence_session_id"), "class_presence", ["session_id"])
    op.create_index(op.f("ix_class_presence_learner_id"), "class_presence", ["learner_id"])
    op.create_index(
        op.f("ix_step_event_stumbles_by_time"),
        "step_event",
        ["scenario_id", "step_id", "kind", "result", "mistake_id", "created_at"],
        sqlite_where=sa.text(STUMBLE_PREDICATE),
        postgresql_where=sa.text(STUMBLE_PREDICATE),
    )
    op.create_index(
        op.f("ix_step_event_helped"),
        "step_event",
        ["created_at", "scenario_id", "step_id", "attempt_id"],
        sqlite_where=sa.text(HELPED_PREDICATE),
        postgresql_where=sa.text(HELPED_PREDICATE),
    )
    op.create_index(
        op.f("ix_attempt_started_at_session_id_scenario_id"), "attempt", ["started_at", "session_id", "scenario_id"]
    )
    op.create_index(
        op.f("ix_attempt_ended_at_status_scenario_id_learner_id"),
        "attempt",
        ["ended_at", "status", "scenario_id", "learner_id"],
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_attempt_ended_at_status_scenario_id_learner_id"), table_name="attempt")
    op.drop_index(op.f("ix_attempt_started_at_session_id_scenario_id"), table_name="attempt")
    op.drop_index(op.f("ix_step_event_helped"), table_name="step_event")
    op.drop_index(op.f("ix_step_event_stumbles_by_time"), table_name="step_event")
    op.drop_table("class_presence")
    op.drop_table("venue")
    with op.batch_alter_table("class_session") as batch:
        batch.drop_index(op.f("ix_class_session_ended_at_closes_at"))
        batch.drop_constraint("ends_only_when_started", type_="check")
        batch.drop_constraint(op.f("ck_class_session_session_kind"), type_="check")
        batch.drop_column("closes_at")
        batch.drop_column("ended_at")
        batch.drop_column("started_at")
        batch.drop_column("kind")
