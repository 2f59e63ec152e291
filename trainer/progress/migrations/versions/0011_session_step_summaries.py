"""Report summaries per class session: stumbles, known mistakes and helped steps of each session, per day.

The city's report for one venue read that venue's events (three statements,
about 1.1 s at 10 M events on PostgreSQL); it now adds up the summaries of
the sessions held there (``report_session_step``, ``report_session_mistake``,
``report_session_help``), kept on the write path like the per-day ones.
This migration fills them from the events of every attempt made in a class,
and adds an attempt index (session, start, scenario, mode) so that one
venue's attempts of a period are counted from the index alone. A downgrade
drops both.

Revision ID: 0011_session_step_summaries
Revises: 0010_practised_totals
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0011_session_step_summaries"
down_revision = "0010_practised_totals"
branch_labels = None
depends_on = None

_TABLES = ("report_session_step", "report_session_mistake", "report_session_help")


def _count(name: str) -> sa.Column[int]:
    return sa.Column(name, sa.Integer(), nullable=False, server_default="0")


def _key(table: str, *extra: str) -> list[sa.Column[Any] | sa.Constraint]:
    return [
        sa.Column("session_id", sa.Uuid(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("scenario_id", sa.String(100), nullable=False),
        sa.Column("step_id", sa.String(100), nullable=False),
        *[sa.Column(name, sa.String(100), nullable=False) for name in extra],
        sa.ForeignKeyConstraint(
            ["session_id"], ["class_session.id"], ondelete="CASCADE",
            name=op.f(f"fk_{table}_session_id_class_session"),
        ),
        sa.PrimaryKeyConstraint("session_id", "day", "scenario_id", "step_id", *extra, name=op.f(f"pk_{table}")),
    ]


def upgrade() -> None:
    op.create_table(
        "report_session_step",
        *_key("report_session_step"),
        *[_count(c) for c in ("mistakes", "known", "hints", "restarts", "abandons")],
    )
    op.create_table("report_session_mistake", *_key("report_session_mistake", "mistake_id"), _count("count"))
    op.create_table("report_session_help", *_key("report_session_help"), _count("count"))
    op.create_index(
        op.f("ix_attempt_session_id_started_at_scenario_id_mode"), "attempt",
        ["session_id", "started_at", "scenario_id", "mode"],
    )
    from trainer.progress import rollups

    bind = op.get_bind()
    rollups.fill_sessions(bind)
    if bind.dialect.name == "postgresql":  # the planner needs to know their size to read them by key
        for table in _TABLES:
            op.execute(f"ANALYZE {table}")


def downgrade() -> None:
    op.drop_index(op.f("ix_attempt_session_id_started_at_scenario_id_mode"), table_name="attempt")
    for table in reversed(_TABLES):
        op.drop_table(table)
