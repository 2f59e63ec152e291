"""Add the indexes that let reports answer from indexes alone (stumbles, counts).

A partial index holds only the "stumble" events (mistakes, hints, restarts,
giving up); covering indexes on attempts answer the per-scenario, per-group
and per-session counts without reading the table. The plain session index
is replaced by a covering one that starts with the same column.

Revision ID: 0005_report_indexes
Revises: 0004_learner_merge_redirects
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_report_indexes"
down_revision = "0004_learner_merge_redirects"
branch_labels = None
depends_on = None

# Keep identical to trainer.progress.models.STUMBLE_PREDICATE (reports rely on the exact text).
STUMBLE_PREDICATE = "kind IN ('hint', 'restart', 'abandoned') OR result <> 'correct'"


def upgrade() -> None:
    op.create_index(
        op.f("ix_step_event_stumbles"),
        "step_event",
        ["scenario_id", "step_id", "kind", "result", "mistake_id"],
        sqlite_where=sa.text(STUMBLE_PREDICATE),
        postgresql_where=sa.text(STUMBLE_PREDICATE),
    )
    op.create_index(
        op.f("ix_attempt_scenario_id_learner_id_status"), "attempt", ["scenario_id", "learner_id", "status"]
    )
    op.create_index(op.f("ix_attempt_learner_id_status"), "attempt", ["learner_id", "status"])
    op.create_index(
        op.f("ix_attempt_session_id_learner_id_status"), "attempt", ["session_id", "learner_id", "status"]
    )
    op.drop_index(op.f("ix_attempt_session_id"), table_name="attempt")


def downgrade() -> None:
    op.create_index(op.f("ix_attempt_session_id"), "attempt", ["session_id"])
    op.drop_index(op.f("ix_attempt_session_id_learner_id_status"), table_name="attempt")
    op.drop_index(op.f("ix_attempt_learner_id_status"), table_name="attempt")
    op.drop_index(op.f("ix_attempt_scenario_id_learner_id_status"), table_name="attempt")
    op.drop_index(op.f("ix_step_event_stumbles"), table_name="step_event")
