"""The help board is told when it changes (PostgreSQL): every write to a board row or a class session
notifies the channel ``trainer_board`` with the session's id.

Before, the board read the record twice a second whether anything had changed or not, so a raised hand
waited for the board's next read (up to 0.5 s, more when the board's PC or the server was busy). Now
the board listens (``classes.BoardWatch``) and reads when told, polling only as a safety net. A trigger,
not the writers, sends the notice, so no writer can forget it and the seat's write stays one
statement; the notice goes out when the writer commits (a rolled-back write tells nobody). The payload
is the session's id — no name, no count. SQLite has no notices: nothing is made there, and the board
on one PC keeps polling.

Revision ID: 0013_notify_board_changes
Revises: 0012_session_learner_rows
"""

from __future__ import annotations

from alembic import op

revision = "0013_notify_board_changes"
down_revision = "0012_session_learner_rows"
branch_labels = None
depends_on = None

#: The channel the board listens on (``trainer.progress.classes.BOARD_CHANNEL``; a migration keeps its own copy).
CHANNEL = "trainer_board"


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, name, session in (("class_presence", "presence", "session_id"), ("class_session", "session", "id")):
        op.execute(
            f"""
            CREATE FUNCTION trainer_board_{name}_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('{CHANNEL}', COALESCE(NEW.{session}, OLD.{session})::text);
                RETURN NULL;
            END $$
            """
        )
        op.execute(
            f"CREATE TRIGGER trainer_board_{name} AFTER INSERT OR UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION trainer_board_{name}_changed()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER IF EXISTS trainer_board_session ON class_session")
    op.execute("DROP TRIGGER IF EXISTS trainer_board_presence ON class_presence")
    op.execute("DROP FUNCTION IF EXISTS trainer_board_session_changed()")
    op.execute("DROP FUNCTION IF EXISTS trainer_board_presence_changed()")
