"""One transaction on a connection of its own, for the progress stores (learners, classes):
``with Transaction(conn) as conn:`` commits on success, rolls back on an error, and always
closes the connection."""

from __future__ import annotations

from typing import Any

from sqlalchemy.engine import Connection


class Transaction:
    """``with`` a connection inside one transaction; the connection closes afterwards."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        self._tx: Any = None

    def __enter__(self) -> Connection:
        self._tx = self._conn.begin()
        return self._conn

    def __exit__(self, exc_type: object, *_: object) -> None:
        try:
            if exc_type is None:
                self._tx.commit()
            else:
                self._tx.rollback()
        finally:
            self._conn.close()
