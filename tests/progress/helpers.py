"""Shared helpers for the progress tests: play a real scenario, break a database on purpose."""

from __future__ import annotations

import json
import socket
import sqlite3
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event, func, select
from sqlalchemy.exc import OperationalError

from trainer.content import bundled_content_dir
from trainer.progress.models import Attempt, Base, StepEvent
from trainer.progress.recorder import ProgressRecorder
from trainer.scenarios.actions import Action, ActionKind
from trainer.scenarios.loader import load
from trainer.scenarios.model import Scenario
from trainer.scenarios.runner import Run

PAY_FILE = bundled_content_dir() / "cashless" / "scan-to-pay.yaml"
QR_URL = "https://shop.example.invalid/machi-mart"

#: Values a learner "types" in the tests; none of them may ever be stored or logged.
TYPED_AMOUNT_WRONG = "4321"
TYPED_AMOUNT = "580"
TYPED_SECRET_DIGITS = "86420975"
TYPED_SECRET_TEXT = "ひみつのあいことば"


def pay_scenario() -> Scenario:
    return load(PAY_FILE)


def pay_actions() -> list[Callable[[Run], Any]]:
    """One full play of scan-to-pay with a few stumbles and typed values on the way."""
    return [
        lambda run: run.judge(Action.tap("camera")),  # known mistake
        lambda run: run.judge(Action.tap("pay")),
        lambda run: run.next_hint(),
        lambda run: run.judge(Action.tap("charge")),  # known mistake
        lambda run: run.judge(Action.tap("scan")),
        lambda run: run.judge(Action(ActionKind.SCAN, value=QR_URL)),
        lambda run: run.judge(Action(ActionKind.CONTINUE)),  # the amount read off the till's display
        lambda run: run.judge(
            Action.tap("next", amount=TYPED_AMOUNT_WRONG, note=TYPED_SECRET_DIGITS, word=TYPED_SECRET_TEXT)
        ),
        lambda run: run.restart_step(),
        lambda run: run.judge(Action.tap("next", amount=TYPED_AMOUNT, pin=TYPED_SECRET_DIGITS)),
        lambda run: run.judge(Action.tap("pay", clerk="checked")),  # after the clerk has checked
        lambda run: run.judge(Action(ActionKind.CONTINUE)),
    ]


class Player:
    """Plays a runner and records it the way the app's player does: one unit per action."""

    def __init__(self, run: Run, recorder: ProgressRecorder) -> None:
        self.run = run
        self.recorder = recorder
        self._buffer: list[Any] = []
        run.subscribe(self._buffer.append)

    def act(self, do: Callable[[Run], Any]) -> Any:
        self._buffer.clear()
        result = do(self.run)
        snapshot = None if self.run.finished else self.run.snapshot()
        self.recorder.record_action(list(self._buffer), snapshot)
        return result

    def start(self) -> None:
        self.act(lambda run: run.start())

    def abandon(self) -> None:
        self.act(lambda run: run.abandon())


class DatabaseBreaker:
    """Makes every statement on an engine fail, as a full disk or a dropped server would."""

    def __init__(self, engine: Engine, message: str = "database or disk is full") -> None:
        self.engine = engine
        self.message = message
        self.broken = False
        self.failures = 0
        event.listen(engine, "before_cursor_execute", self._check)

    def _check(self, conn: Any, cursor: Any, statement: str, *_: Any) -> None:
        if self.broken:
            self.failures += 1
            raise OperationalError(statement.split()[0], None, RuntimeError(self.message))

    def remove(self) -> None:
        event.remove(self.engine, "before_cursor_execute", self._check)


def count(engine: Engine, model: Any, *where: Any) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(model).where(*where)).scalar() or 0)


def events_of(engine: Engine, attempt_id: uuid.UUID) -> list[Any]:
    with engine.connect() as conn:
        return conn.execute(
            select(StepEvent.__table__).where(StepEvent.attempt_id == attempt_id).order_by(StepEvent.seq)
        ).all()


def attempt_row(engine: Engine, attempt_id: uuid.UUID) -> Any:
    with engine.connect() as conn:
        return conn.execute(select(Attempt.__table__).where(Attempt.id == attempt_id)).one()


def all_text_cells(engine: Engine) -> list[str]:
    """Every text value stored in any table (ids and times left out: they are random digits)."""
    cells: list[str] = []
    with engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            for row in conn.execute(select(table)):
                for value in row:
                    if isinstance(value, str):
                        cells.append(value)
                    elif isinstance(value, dict | list):
                        cells.append(json.dumps(value, ensure_ascii=False))
    return cells


def outbox_texts(path: Path) -> list[str]:
    """Every text value waiting in an outbox file, ids and times left out."""
    texts: list[str] = []

    def walk(value: Any, key: str = "") -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list):
            for v in value:
                walk(v, key)
        elif isinstance(value, str) and key not in ("attempt", "learner", "id", "at", "session"):
            texts.append(value)

    conn = sqlite3.connect(str(path))
    try:
        for (payload,) in conn.execute("SELECT payload FROM pending_unit"):
            walk(json.loads(payload))
    finally:
        conn.close()
    return texts


def closed_port() -> int:
    """A local TCP port nobody listens on (a database server that is down)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
