"""Report summaries: small tables the write path keeps up to date, so reports never scan the events.

Filled here from the attempts and events already recorded (``rollups.rebuild``);
from then on ``ProgressStore.apply`` updates them in the same transaction as
each attempt and event. The index on finished attempts gets the mode (the
city's report counts finishes per mode).

Revision ID: 0008_report_rollups
Revises: 0007_attempt_mode
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_report_rollups"
down_revision = "0007_attempt_mode"
branch_labels = None
depends_on = None

ID = 100


def _counts(*names: str) -> list[sa.Column[int]]:
    return [sa.Column(n, sa.Integer(), nullable=False, server_default="0") for n in names]


STEP_COUNTS = ("mistakes", "known", "hints", "restarts", "abandons")


def upgrade() -> None:
    op.create_table(
        "report_scenario",
        sa.Column("scenario_id", sa.String(ID), nullable=False),
        sa.Column("mode", sa.String(10), nullable=False),
        *_counts("attempts", "finished", "abandoned", "in_progress", "learners", "learners_finished"),
        sa.PrimaryKeyConstraint("scenario_id", "mode", name=op.f("pk_report_scenario")),
    )
    op.create_table(
        "report_outcome",
        sa.Column("scenario_id", sa.String(ID), nullable=False),
        sa.Column("mode", sa.String(10), nullable=False),
        sa.Column("outcome", sa.String(ID), nullable=False),
        *_counts("finished"),
        sa.PrimaryKeyConstraint("scenario_id", "mode", "outcome", name=op.f("pk_report_outcome")),
    )
    op.create_table(
        "report_learner",
        sa.Column("learner_id", sa.Uuid(), nullable=False),
        *_counts("attempts", "finished"),
        sa.ForeignKeyConstraint(
            ["learner_id"], ["learner.id"], name=op.f("fk_report_learner_learner_id_learner"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("learner_id", name=op.f("pk_report_learner")),
    )
    op.create_table(
        "report_group",
        sa.Column("group_key", sa.String(32), nullable=False),
        *_counts("learners", "attempts", "finished"),
        sa.PrimaryKeyConstraint("group_key", name=op.f("pk_report_group")),
    )
    op.create_table(
        "report_session",
        sa.Column("session_id", sa.Uuid(), nullable=False),
        *_counts("learners", "attempts", "finished"),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["class_session.id"],
            name=op.f("fk_report_session_session_id_class_session"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("session_id", name=op.f("pk_report_session")),
    )
    op.create_table(
        "report_step",
        sa.Column("scenario_id", sa.String(ID), nullable=False),
        sa.Column("step_id", sa.String(ID), nullable=False),
        *_counts(*STEP_COUNTS),
        sa.PrimaryKeyConstraint("scenario_id", "step_id", name=op.f("pk_report_step")),
    )
    op.create_table(
        "report_mistake",
        sa.Column("scenario_id", sa.String(ID), nullable=False),
        sa.Column("step_id", sa.String(ID), nullable=False),
        sa.Column("mistake_id", sa.String(ID), nullable=False),
        *_counts("count"),
        sa.PrimaryKeyConstraint("scenario_id", "step_id", "mistake_id", name=op.f("pk_report_mistake")),
    )
    op.create_table(
        "report_step_day",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("scenario_id", sa.String(ID), nullable=False),
        sa.Column("step_id", sa.String(ID), nullable=False),
        *_counts(*STEP_COUNTS),
        sa.PrimaryKeyConstraint("day", "scenario_id", "step_id", name=op.f("pk_report_step_day")),
    )
    op.create_table(
        "report_mistake_day",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("scenario_id", sa.String(ID), nullable=False),
        sa.Column("step_id", sa.String(ID), nullable=False),
        sa.Column("mistake_id", sa.String(ID), nullable=False),
        *_counts("count"),
        sa.PrimaryKeyConstraint("day", "scenario_id", "step_id", "mistake_id", name=op.f("pk_report_mistake_day")),
    )
    op.drop_index(op.f("ix_attempt_ended_at_status_scenario_id_learner_id"), table_name="attempt")
    op.create_index(
        op.f("ix_attempt_ended_at_status_scenario_id_learner_id_mode"),
        "attempt",
        ["ended_at", "status", "scenario_id", "learner_id", "mode"],
    )
    from trainer.progress import rollups

    # The summaries counted from attempts are filled by 0010 (which counts them the way this code does).
    rollups.rebuild(op.get_bind(), attempts=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_attempt_ended_at_status_scenario_id_learner_id_mode"), table_name="attempt")
    op.create_index(
        op.f("ix_attempt_ended_at_status_scenario_id_learner_id"),
        "attempt",
        ["ended_at", "status", "scenario_id", "learner_id"],
    )
    for table in (
        "report_mistake_day",
        "report_step_day",
        "report_mistake",
        "report_step",
        "report_session",
        "report_group",
        "report_learner",
        "report_outcome",
        "report_scenario",
    ):
        op.drop_table(table)
