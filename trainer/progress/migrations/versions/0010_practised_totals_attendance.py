"""Report summaries: totals count what was practised (not watched); attendances and finished scenarios kept.

* The totals (``report_scenario`` rows of mode "", ``report_learner``,
  ``report_group``, ``report_session``) now count attempts in every mode but
  "watch" (「見てみる」): watching is not doing (``docs/decisions/progress.md``,
  "What a city counts as learned"). Watched runs keep their own
  ``report_scenario`` / ``report_outcome`` rows.
* ``report_session.attendees`` / ``guests``: the session's attendances
  (different named learners on its board or with an attempt there, and
  guest visits), so the city's report no longer reads every board row and
  attempt of the period.
* ``report_learner.scenarios_finished``: different scenarios a learner
  finished (the city's report "with learners' names").
* ``report_help_day``: steps a helper assisted on, per day (each attempt's
  step once), so the city's report reads no events for them.
* Two attempt indexes for the city's report: attempts of a period with their
  mode, and one venue's finished attempts.

The attempt-based summaries are counted afresh from the attempts and board
rows (not the events: the step tables do not change). A downgrade drops the
new columns and keeps the totals as they are (practised only).

Revision ID: 0010_practised_totals
Revises: 0009_learner_default_mode
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_practised_totals"
down_revision = "0009_learner_default_mode"
branch_labels = None
depends_on = None


def _count(name: str) -> sa.Column[int]:
    return sa.Column(name, sa.Integer(), nullable=False, server_default="0")


def upgrade() -> None:
    op.create_table(
        "report_help_day",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("scenario_id", sa.String(100), nullable=False),
        sa.Column("step_id", sa.String(100), nullable=False),
        _count("count"),
        sa.PrimaryKeyConstraint("day", "scenario_id", "step_id", name=op.f("pk_report_help_day")),
    )
    # One venue's finishes in a period: that venue's sessions' finished attempts, from the index alone.
    op.create_index(
        op.f("ix_attempt_session_id_status_ended_at_covering"), "attempt",
        ["session_id", "status", "ended_at", "scenario_id", "learner_id", "mode"],
    )
    with op.batch_alter_table("report_learner") as batch:
        batch.add_column(_count("scenarios_finished"))
    with op.batch_alter_table("report_session") as batch:
        batch.add_column(_count("attendees"))
        batch.add_column(_count("guests"))
    # The city's report counts the attempts of a period without the watched ones: the index gets the mode.
    op.drop_index(op.f("ix_attempt_started_at_session_id_scenario_id"), table_name="attempt")
    op.create_index(
        op.f("ix_attempt_started_at_session_id_scenario_id_mode"), "attempt",
        ["started_at", "session_id", "scenario_id", "mode"],
    )
    from trainer.progress import rollups

    rollups.rebuild(op.get_bind(), events=False)


def downgrade() -> None:
    op.drop_table("report_help_day")
    op.drop_index(op.f("ix_attempt_session_id_status_ended_at_covering"), table_name="attempt")
    op.drop_index(op.f("ix_attempt_started_at_session_id_scenario_id_mode"), table_name="attempt")
    op.create_index(
        op.f("ix_attempt_started_at_session_id_scenario_id"), "attempt", ["started_at", "session_id", "scenario_id"]
    )
    with op.batch_alter_table("report_session") as batch:
        batch.drop_column("guests")
        batch.drop_column("attendees")
    with op.batch_alter_table("report_learner") as batch:
        batch.drop_column("scenarios_finished")
