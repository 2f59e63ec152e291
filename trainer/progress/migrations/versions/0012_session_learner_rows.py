"""Class sessions' counts per learner: the PCs of a class no longer add to one shared session row.

``report_session`` (one row a session: learners, attempts, finishes,
attendances, guests) was added to by every PC of a class — each learner's
recorder for her attempts and each PC's seat for its board row — so in a
class of 30 their transactions queued on that row, and a raised hand waited
behind other PCs' counting (issue #14). It is replaced by
``report_session_learner``: one row per (session, learner) — her practised
attempts, finishes and watched runs there — written only by her own
recorder. A session's learners, attempts and finishes are its rows added up
when read; its attendances are those rows together with its board rows
(``class_presence``: named learners and guest visits), which the seats
write anyway, so a seat counts nothing at all.

The new rows are counted here from the attempts; nothing else changes. A
downgrade counts ``report_session`` afresh from the attempts and board rows.

Revision ID: 0012_session_learner_rows
Revises: 0011_session_step_summaries
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012_session_learner_rows"
down_revision = "0011_session_step_summaries"
branch_labels = None
depends_on = None


def _count(name: str) -> sa.Column[int]:
    return sa.Column(name, sa.Integer(), nullable=False, server_default="0")


def upgrade() -> None:
    op.create_table(
        "report_session_learner",
        sa.Column("session_id", sa.Uuid(), nullable=False),
        sa.Column("learner_id", sa.Uuid(), nullable=False),
        _count("attempts"),
        _count("finished"),
        _count("watched"),
        sa.ForeignKeyConstraint(
            ["session_id"], ["class_session.id"], ondelete="CASCADE",
            name=op.f("fk_report_session_learner_session_id_class_session"),
        ),
        sa.ForeignKeyConstraint(
            ["learner_id"], ["learner.id"], ondelete="CASCADE",
            name=op.f("fk_report_session_learner_learner_id_learner"),
        ),
        sa.PrimaryKeyConstraint("session_id", "learner_id", name=op.f("pk_report_session_learner")),
    )
    op.execute(
        "INSERT INTO report_session_learner (session_id, learner_id, attempts, finished, watched) "
        "SELECT session_id, learner_id, "
        "sum(CASE WHEN mode <> 'watch' THEN 1 ELSE 0 END), "
        "sum(CASE WHEN mode <> 'watch' AND status = 'finished' THEN 1 ELSE 0 END), "
        "sum(CASE WHEN mode = 'watch' THEN 1 ELSE 0 END) "
        "FROM attempt WHERE session_id IS NOT NULL GROUP BY session_id, learner_id"
    )
    op.drop_table("report_session")
    # A session's attendances are now read from its board rows: by session and learner, from the index.
    op.create_index(op.f("ix_class_presence_session_id_learner_id"), "class_presence", ["session_id", "learner_id"])
    if op.get_bind().dialect.name == "postgresql":  # the planner needs to know their size to read them by key
        op.execute("ANALYZE report_session_learner")
        op.execute("ANALYZE class_presence")


def downgrade() -> None:
    op.drop_index(op.f("ix_class_presence_session_id_learner_id"), table_name="class_presence")
    op.create_table(
        "report_session",
        sa.Column("session_id", sa.Uuid(), nullable=False),
        _count("learners"),
        _count("attempts"),
        _count("finished"),
        _count("attendees"),
        _count("guests"),
        sa.ForeignKeyConstraint(
            ["session_id"], ["class_session.id"], ondelete="CASCADE",
            name=op.f("fk_report_session_session_id_class_session"),
        ),
        sa.PrimaryKeyConstraint("session_id", name=op.f("pk_report_session")),
    )
    op.execute(
        "INSERT INTO report_session (session_id, learners, attempts, finished) "
        "SELECT session_id, sum(CASE WHEN attempts > 0 THEN 1 ELSE 0 END), sum(attempts), sum(finished) "
        "FROM report_session_learner GROUP BY session_id"
    )
    present = (
        "SELECT session_id AS sid, learner_id AS lid FROM class_presence WHERE learner_id IS NOT NULL "
        "UNION SELECT session_id, learner_id FROM attempt WHERE session_id IS NOT NULL"
    )
    op.execute(
        "INSERT INTO report_session (session_id) "
        f"SELECT DISTINCT sid FROM ({present}) AS present WHERE sid NOT IN (SELECT session_id FROM report_session) "
        "UNION SELECT session_id FROM class_presence WHERE learner_id IS NULL "
        "AND session_id NOT IN (SELECT session_id FROM report_session)"
    )
    op.execute(
        "UPDATE report_session SET "
        f"attendees = (SELECT count(*) FROM ({present}) AS present WHERE present.sid = report_session.session_id), "
        "guests = (SELECT count(*) FROM class_presence p WHERE p.session_id = report_session.session_id "
        "AND p.learner_id IS NULL)"
    )
    op.drop_table("report_session_learner")
