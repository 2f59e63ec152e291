"""Classes (no Qt): sessions and venues, the help board, and each PC's seat on it.

* :class:`ClassBook` — the city's venues; start, end and fix class sessions.
  At most one session is open at a time on one record: starting a class
  ends the one before. A session closes by itself at the local midnight
  after it started (``closes_at``).
* :class:`HelpBoard` — who is practising in a session, on which step, with
  a raised hand or "stuck" (several wrong tries or hints on the same step:
  counts, never time on screen); 「対応しました」 (:meth:`HelpBoard.acknowledge`)
  lowers the hand and marks that step as helper-assisted.
* :class:`Seat` — one PC's part: it watches for the open session (the
  recorder links new attempts to it through :meth:`Seat.session_id`), keeps
  the person's live row on the board up to date, raises and lowers the hand,
  and notices when a helper lowered it. All database work happens on the
  seat's own thread; the UI thread only changes a few fields under a lock.

* :class:`BoardWatch` — tells a board that its record changed (PostgreSQL's
  LISTEN/NOTIFY, migration 0013's triggers), so it reads when a PC writes;
  on SQLite it never tells and the board polls twice a second.

The board reads at most a few dozen rows by an indexed session id. On
PostgreSQL the seat and the board keep a connection of their own (each
statement committed by itself, no pre-ping). See ``docs/decisions/progress.md``
("Classes", "The board is told of changes").
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import queue
import threading
import time
import unicodedata
import uuid
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Engine, Table, and_, bindparam, case, delete, insert, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from trainer.progress import rollups
from trainer.progress.learners import InvalidName, NotFound, clean_name
from trainer.progress.models import (
    NAME_LENGTH,
    Attempt,
    ClassSession,
    Learner,
    Presence,
    SessionKind,
    Venue,
    utcnow,
)
from trainer.progress.records import short_id
from trainer.progress.transaction import Transaction
from trainer.scenarios import events as ev
from trainer.words.catalogue import tr

log = logging.getLogger("trainer.progress")

#: A step is "stuck" once wrong tries plus hints on it reach this many.
STUCK_AFTER = 3
#: How often a seat looks for the open session and a helper's answer, in seconds.
SEAT_POLL_S = 1.0
#: How often a help board reads the record when nothing tells it of a change (SQLite, or no notices).
BOARD_POLL_S = 0.5
#: How often it reads as a safety net while PostgreSQL tells it of every change (:class:`BoardWatch`).
BOARD_WATCHED_POLL_S = 2.0
#: The least time between two reads of a board that is told of changes (30 PCs write many times a second).
BOARD_MIN_GAP_S = 0.2
#: PostgreSQL's channel for the board's notices (migration 0013's triggers; the payload is a session id).
BOARD_CHANNEL = "trainer_board"
#: Where derived presence ids live (a fixed namespace for uuid5).
_PRESENCE_NS = uuid.UUID("6f1c2a4e-3b8d-4d7e-9a51-2c0e8f7b9d13")

STATE_PRACTISING = "practising"
STATE_FINISHED = "finished"
STATE_RESTING = "resting"


def local_midnight_after(moment: dt.datetime) -> dt.datetime:
    """The first local midnight after ``moment`` (this PC's time zone), in UTC."""
    local = moment.astimezone()
    next_day = local.date() + dt.timedelta(days=1)
    midnight = dt.datetime.combine(next_day, dt.time(0, 0), tzinfo=local.tzinfo)
    # Let the zone decide the offset at midnight (a DST change may fall on that day).
    midnight = midnight.replace(tzinfo=None).astimezone()
    return midnight.astimezone(dt.UTC)


def local_today(now: dt.datetime | None = None) -> dt.date:
    return (now or utcnow()).astimezone().date()


def short_name(display_name: str | None) -> str:
    """No more than a first name or nickname for the board.

    A name written with a space is cut to one part: the last part for names in
    Japanese script (family name first: 「都城 花子」 → 「花子」), the first part
    otherwise ("Hanako Tanaka" → "Hanako"). A name without a space is kept
    (it is a nickname or a given name already).
    """
    parts = " ".join((display_name or "").replace("\u3000", " ").split()).split(" ")
    parts = [p for p in parts if p]
    if not parts:
        return ""
    if len(parts) == 1:
        return parts[0]
    japanese = any(unicodedata.east_asian_width(ch) in ("W", "F") for ch in "".join(parts))
    return parts[-1] if japanese else parts[0]


def presence_id(session_id: uuid.UUID, person: uuid.UUID) -> uuid.UUID:
    """The board row of ``person`` (a learner id or a guest visit id) in one session."""
    return uuid.uuid5(_PRESENCE_NS, f"{session_id.hex}:{person.hex}")


@dataclass(frozen=True)
class VenueInfo:
    id: uuid.UUID
    name: str


@dataclass(frozen=True)
class SessionInfo:
    id: uuid.UUID
    held_on: dt.date
    venue: str
    instructor_name: str
    kind: SessionKind
    started_at: dt.datetime | None
    ended_at: dt.datetime | None
    closes_at: dt.datetime | None

    def is_open(self, now: dt.datetime | None = None) -> bool:
        now = now or utcnow()
        return (
            self.started_at is not None
            and self.ended_at is None
            and self.closes_at is not None
            and now < self.closes_at
        )


_SESSION_COLUMNS = (
    ClassSession.id,
    ClassSession.held_on,
    ClassSession.venue,
    ClassSession.instructor_name,
    ClassSession.kind,
    ClassSession.started_at,
    ClassSession.ended_at,
    ClassSession.closes_at,
)


def _open_at(now: dt.datetime) -> Any:
    return and_(
        ClassSession.started_at.is_not(None),
        ClassSession.ended_at.is_(None),
        ClassSession.closes_at > now,
    )


class _Writes:
    """Short write transactions (SQLite: taken at once, so two writers never deadlock)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sqlite = engine.dialect.name == "sqlite"

    def begin(self) -> Any:
        conn = self.engine.connect()
        if self._sqlite:
            conn = conn.execution_options(sqlite_immediate=True)
        return Transaction(conn)


class _OwnConnection:
    """PostgreSQL: one connection kept open for one user (a seat, a board), each statement committed by
    itself — no BEGIN / COMMIT round trips and no pre-ping (the pool's check costs a round trip per
    checkout; on a busy server each round trip is a wait for the CPU). Opened (with the pool's check)
    when first needed, dropped on any error and when its user is gone."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._conn: Any = None
        self._lock = threading.Lock()

    @contextlib.contextmanager
    def use(self) -> Iterator[Any]:
        with self._lock:
            if self._conn is None:
                self._conn = self.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
            try:
                yield self._conn
                self._conn.commit()  # autocommit: nothing is sent; it ends SQLAlchemy's own transaction
            except BaseException:
                self._drop()
                raise

    @contextlib.contextmanager
    def turn(self) -> Iterator[Any]:
        """A connection for statements each committed by itself: the kept one on PostgreSQL, else (SQLite)
        one from the pool for this turn, committed at its end."""
        if self.engine.dialect.name == "postgresql":
            with self.use() as conn:
                yield conn
        else:
            with self.engine.connect() as conn:
                yield conn
                conn.commit()

    def drop(self) -> None:
        with self._lock:
            self._drop()

    def _drop(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            try:
                conn.invalidate()  # closed at once, never back into the pool (it may be broken)
            except Exception as exc:
                log.info("a board connection could not be closed: %s", type(exc).__name__)


class ClassBook:
    """The city's venues and the class sessions of one record."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._writes = _Writes(engine)

    # -- venues ----------------------------------------------------------------------------

    def list_venues(self) -> list[VenueInfo]:
        with self.engine.connect() as conn:
            return [VenueInfo(*row) for row in conn.execute(select(Venue.id, Venue.name).order_by(Venue.name))]

    def add_venue(self, name: str) -> uuid.UUID:
        name = _venue_name(name)
        venue_id = uuid.uuid4()
        with self._writes.begin() as conn:
            if conn.execute(select(Venue.id).where(Venue.name == name)).first() is not None:
                raise InvalidName(tr("record.venue.exists", "ja"), tr("record.venue.exists", "en"))
            conn.execute(insert(Venue), {"id": venue_id, "name": name, "created_at": utcnow()})
        return venue_id

    def rename_venue(self, venue_id: uuid.UUID, name: str) -> None:
        name = _venue_name(name)
        with self._writes.begin() as conn:
            clash = conn.execute(select(Venue.id).where(Venue.name == name, Venue.id != venue_id)).first()
            if clash is not None:
                raise InvalidName(tr("record.venue.exists", "ja"), tr("record.venue.exists", "en"))
            if conn.execute(update(Venue).where(Venue.id == venue_id).values(name=name)).rowcount == 0:
                raise NotFound(str(venue_id))

    def remove_venue(self, venue_id: uuid.UUID) -> None:
        """Take a venue off the list; sessions held there keep its name."""
        with self._writes.begin() as conn:
            if conn.execute(delete(Venue).where(Venue.id == venue_id)).rowcount == 0:
                raise NotFound(str(venue_id))

    # -- sessions --------------------------------------------------------------------------

    def start_session(
        self,
        venue: str,
        instructor_name: str = "",
        kind: SessionKind | str = SessionKind.COURSE,
        *,
        held_on: dt.date | None = None,
        now: dt.datetime | None = None,
    ) -> uuid.UUID:
        """Open a class now (ending any class still open); returns its id."""
        now = now or utcnow()
        venue = _venue_name(venue)
        session_id = uuid.uuid4()
        with self._writes.begin() as conn:
            conn.execute(update(ClassSession).where(_open_at(now)).values(ended_at=now))
            conn.execute(
                insert(ClassSession),
                {
                    "id": session_id,
                    "held_on": held_on or local_today(now),
                    "venue": venue,
                    "instructor_name": _instructor(instructor_name),
                    "group_id": None,
                    "created_at": now,
                    "kind": SessionKind(kind),
                    "started_at": now,
                    "ended_at": None,
                    "closes_at": local_midnight_after(now),
                },
            )
        return session_id

    def end_session(self, session_id: uuid.UUID, *, now: dt.datetime | None = None) -> None:
        """End a class now (a class already closed keeps its end)."""
        now = now or utcnow()
        with self._writes.begin() as conn:
            row = conn.execute(
                select(ClassSession.started_at, ClassSession.ended_at, ClassSession.closes_at).where(
                    ClassSession.id == session_id
                )
            ).first()
            if row is None:
                raise NotFound(str(session_id))
            if row.started_at is None or row.ended_at is not None:
                return
            end = min(now, row.closes_at) if row.closes_at is not None else now
            conn.execute(
                update(ClassSession).where(ClassSession.id == session_id).values(ended_at=max(end, row.started_at))
            )
            conn.execute(
                update(Presence).where(Presence.session_id == session_id).values(hand_raised_at=None)
            )

    def fix_session(
        self,
        session_id: uuid.UUID,
        *,
        held_on: dt.date | None = None,
        venue: str | None = None,
        instructor_name: str | None = None,
        kind: SessionKind | str | None = None,
    ) -> None:
        """Correct a session afterwards (a wrong venue, date, kind or instructor)."""
        values: dict[str, Any] = {}
        if held_on is not None:
            values["held_on"] = held_on
        if venue is not None:
            values["venue"] = _venue_name(venue)
        if instructor_name is not None:
            values["instructor_name"] = _instructor(instructor_name)
        if kind is not None:
            values["kind"] = SessionKind(kind)
        if not values:
            return
        with self._writes.begin() as conn:
            if conn.execute(update(ClassSession).where(ClassSession.id == session_id).values(**values)).rowcount == 0:
                raise NotFound(str(session_id))

    def get_session(self, session_id: uuid.UUID) -> SessionInfo | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(*_SESSION_COLUMNS).where(ClassSession.id == session_id)).first()
        return SessionInfo(*row) if row else None

    def open_session(self, now: dt.datetime | None = None) -> SessionInfo | None:
        """The class open right now, or None."""
        return _open_session(self.engine.connect, now)

    def list_sessions(
        self, date_from: dt.date | None = None, date_to: dt.date | None = None, *, limit: int = 500
    ) -> list[SessionInfo]:
        """Sessions, newest first (optionally between two dates, both included)."""
        stmt = select(*_SESSION_COLUMNS)
        if date_from is not None:
            stmt = stmt.where(ClassSession.held_on >= date_from)
        if date_to is not None:
            stmt = stmt.where(ClassSession.held_on <= date_to)
        stmt = stmt.order_by(ClassSession.held_on.desc(), ClassSession.created_at.desc()).limit(limit)
        with self.engine.connect() as conn:
            return [SessionInfo(*row) for row in conn.execute(stmt)]


def _open_session(connect: Callable[[], Any], now: dt.datetime | None = None) -> SessionInfo | None:
    now = now or utcnow()
    with connect() as conn:
        row = conn.execute(
            select(*_SESSION_COLUMNS).where(_open_at(now)).order_by(ClassSession.started_at.desc()).limit(1)
        ).first()
    return SessionInfo(*row) if row else None


def _venue_name(name: str) -> str:
    return clean_name(name, what="venue")


def _instructor(name: str) -> str:
    return " ".join((name or "").split())[:NAME_LENGTH]


# -- the help board ----------------------------------------------------------------------------


@dataclass(frozen=True)
class BoardRow:
    """One person on the help board: a first name or nickname at most."""

    presence_id: uuid.UUID
    #: First name or nickname; "" for a guest (the screen says 「ゲスト」).
    name: str
    is_guest: bool
    scenario_id: str | None
    step_id: str | None
    step_number: int | None
    mistakes: int
    hints: int
    state: str
    finished_count: int
    hand_raised: bool
    raised_at: dt.datetime | None

    @property
    def stuck(self) -> bool:
        return self.state == STATE_PRACTISING and self.mistakes + self.hints >= STUCK_AFTER


#: Tries at marking a helped step (the hand is already lowered), with this first pause, doubled each time.
MARK_TRIES = 4
MARK_RETRY_S = 0.5


class HelpBoard:
    """Reads the board of a session and answers raised hands.

    「対応しました」 lowers the hand at once (:meth:`acknowledge` returns then) and marks the step as
    helper-assisted on the board's own marking thread: the marking takes turns with the learner's
    recorder counting the same step (``rollups.step_helped``), and on a busy server that wait must not
    hold up the board's next read — the board and its answers share one worker in the instructor area.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._writes = _Writes(engine)
        self._marks: queue.SimpleQueue[tuple[uuid.UUID, str] | None] = queue.SimpleQueue()
        self._marking = threading.Condition()
        self._unmarked = 0
        self._marker: threading.Thread | None = None
        #: PostgreSQL: the board's own connection for its reads and answers (one caller at a time).
        self._own = engine.dialect.name == "postgresql"
        self._held = _OwnConnection(engine)
        weakref.finalize(self, self._held.drop)

    def dispose(self) -> None:
        """Close the board's own connection (it is opened again when needed)."""
        self._held.drop()

    def current(self) -> tuple[SessionInfo | None, list[BoardRow]]:
        """The class open now and its board (what the board's page shows)."""
        session = _open_session(self._held.turn)
        return session, self.rows(session.id) if session is not None else []

    def flush(self, timeout: float = 30.0) -> bool:
        """Wait until every answered step is marked (True) or ``timeout`` seconds have passed (False)."""
        deadline = time.monotonic() + timeout
        with self._marking:
            while self._unmarked:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._marking.wait(left)
        return True

    def close(self, timeout: float = 30.0) -> bool:
        """Mark what is still to mark (up to ``timeout`` seconds); the marking thread then stops by itself."""
        return self.flush(timeout)

    def _mark_later(self, attempt_id: uuid.UUID, step_id: str) -> None:
        with self._marking:
            self._unmarked += 1
            if self._marker is None:
                self._marker = threading.Thread(
                    target=_mark_loop, args=(weakref.ref(self), self._writes, self._marks, self._marking),
                    name="help-board-marks", daemon=True,
                )
                self._marker.start()
        self._marks.put((attempt_id, step_id))

    def rows(self, session_id: uuid.UUID) -> list[BoardRow]:
        """Everyone in the session: raised hands first (longest waiting first), then stuck, then by name."""
        stmt = (
            select(
                Presence.id,
                Learner.display_name,
                Presence.learner_id,
                Presence.scenario_id,
                Presence.step_id,
                Presence.step_number,
                Presence.step_mistakes,
                Presence.step_hints,
                Presence.state,
                Presence.finished_count,
                Presence.hand_raised_at,
                Presence.first_seen_at,
            )
            .outerjoin(Learner, Learner.id == Presence.learner_id)
            .where(Presence.session_id == session_id)
        )
        with self._held.turn() as conn:
            raw = conn.execute(stmt).all()
        rows = [
            BoardRow(
                presence_id=r[0],
                name=short_name(r[1]) if r[2] is not None else "",
                is_guest=r[2] is None,
                scenario_id=r[3],
                step_id=r[4],
                step_number=r[5],
                mistakes=int(r[6] or 0),
                hints=int(r[7] or 0),
                state=r[8],
                finished_count=int(r[9] or 0),
                hand_raised=r[10] is not None,
                raised_at=r[10],
            )
            for r in raw
        ]
        seen = {r[0]: r[11] for r in raw}
        far = dt.datetime.max.replace(tzinfo=dt.UTC)
        rows.sort(
            key=lambda b: (
                not b.hand_raised,
                b.raised_at or far,
                not b.stuck,
                b.is_guest,
                b.name,
                seen.get(b.presence_id) or far,
            )
        )
        return rows

    def acknowledge(self, presence_id: uuid.UUID) -> bool:
        """「対応しました」: lower the hand and mark the person's current step as helper-assisted.

        Returns False when the row is gone (the class ended and was removed).
        The learner's PC marks the rest of that step too (it reads ``assisted_step``).
        """
        # First the hand, on its own: one statement, committed at once, so the board and her PC see it
        # lowered; the events of the step so far are marked on the marking thread (see the class). Her
        # PC marks the rest of the step itself when it reads ``assisted_step``, and counts the step for
        # the report when the board's mark did not (``rollups._count_helped``).
        lower = (
            update(Presence)
            .where(Presence.id == presence_id)
            .values(hand_raised_at=None, assisted_step=Presence.step_id, updated_at=utcnow())
            .returning(Presence.attempt_id, Presence.step_id)
        )
        if self._own:  # one statement on the board's own connection, committed by itself
            with self._held.turn() as conn:
                row = conn.execute(lower).first()
        else:
            with self._writes.begin() as conn:
                row = conn.execute(lower).first()
        if row is None:
            return False
        if row.attempt_id is not None and row.step_id is not None:
            self._mark_later(row.attempt_id, row.step_id)
        return True


def _mark_helped(writes: _Writes, attempt_id: uuid.UUID, step_id: str) -> None:
    """Mark the attempt's step as helper-assisted (its events so far) and count it for the city's report."""
    with writes.begin() as conn:
        attempt = conn.execute(
            select(Attempt.scenario_id, Attempt.session_id).where(Attempt.id == attempt_id)
        ).first()
        if attempt is not None:
            rollups.step_helped(conn, attempt_id, attempt.scenario_id, step_id, session_id=attempt.session_id)


#: The marking thread stops after this long with nothing to mark (and starts again at the next answer).
MARK_IDLE_S = 5.0


def _mark_loop(
    board_ref: weakref.ReferenceType[HelpBoard],
    writes: _Writes,
    marks: queue.SimpleQueue[tuple[uuid.UUID, str] | None],
    marking: threading.Condition,
) -> None:
    """The board's marking thread: answered steps one after another, each tried :data:`MARK_TRIES` times."""
    while True:
        try:
            item = marks.get(timeout=MARK_IDLE_S)
        except queue.Empty:
            with marking:
                board = board_ref()
                if board is None or not board._unmarked:
                    if board is not None:
                        board._marker = None
                    return
            continue
        if item is None:
            return
        pause = MARK_RETRY_S
        for tries_left in range(MARK_TRIES - 1, -1, -1):
            try:
                _mark_helped(writes, *item)
                break
            except Exception as exc:
                if not tries_left:
                    log.warning("a helped step could not be marked: %s", type(exc).__name__)
                    break
                time.sleep(pause)
                pause *= 2
        with marking:
            board = board_ref()
            if board is not None:
                board._unmarked -= 1
            marking.notify_all()


# -- telling the board -------------------------------------------------------------------------

#: The watch waits this long for a notice before it looks whether it should stop (seconds).
WATCH_TICK_S = 1.0
#: After a lost connection the watch tries again after this long, doubled up to :data:`WATCH_RETRY_MAX_S`.
WATCH_RETRY_S = 0.5
WATCH_RETRY_MAX_S = 8.0


class BoardWatch:
    """Tells a help board that its record changed, so it reads at once instead of at its next poll.

    PostgreSQL: its own connection LISTENs on :data:`BOARD_CHANNEL`; migration 0013's triggers notify
    it, with the session's id, whenever a board row or a class session is written and committed.
    ``on_change(session id as text)`` is called on the watch's thread ("" after (re)connecting: a change
    may have been missed). :attr:`listening` says whether notices can arrive; while it is False (SQLite,
    or the connection is lost and being made again) the board polls every :data:`BOARD_POLL_S`.
    :meth:`wait` is the same for a loop that reads the board (the terminal's, the tests').
    """

    def __init__(self, engine: Engine, on_change: Callable[[str], None] | None = None) -> None:
        self.engine = engine
        self.on_change = on_change
        self._cond = threading.Condition()
        self._pending: set[str] = set()
        self._listening = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        if engine.dialect.name == "postgresql":
            self._thread = threading.Thread(target=self._listen, name="help-board-watch", daemon=True)
            self._thread.start()

    @property
    def listening(self) -> bool:
        return self._listening.is_set()

    def wait_listening(self, timeout: float) -> bool:
        """Wait until notices can arrive (False on SQLite, or when the server cannot be reached)."""
        return self._thread is not None and self._listening.wait(timeout)

    def poll_s(self) -> float:
        """How long a board may go without reading now."""
        return BOARD_WATCHED_POLL_S if self.listening else BOARD_POLL_S

    def wait(self, timeout: float, session_id: uuid.UUID | None = None) -> bool:
        """Wait until ``session_id`` (any session, with None) changed — True — or ``timeout`` passed."""
        want = None if session_id is None else str(session_id)
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                if self._pending if want is None else (want in self._pending or "" in self._pending):
                    self._pending.clear()
                    return True
                left = deadline - time.monotonic()
                if left <= 0:
                    self._pending.clear()  # other sessions' notices: nothing to keep
                    return False
                self._cond.wait(left)

    def close(self, timeout: float = 2 * WATCH_TICK_S) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _told(self, payload: str) -> None:
        with self._cond:
            self._pending.add(payload)
            self._cond.notify_all()
        if self.on_change is not None:
            _call(self.on_change, payload)

    def _listen(self) -> None:
        pause = WATCH_RETRY_S
        while not self._stop.is_set():
            try:
                raw = self.engine.raw_connection()
            except Exception as exc:
                log.info("help board watch could not reach the record: %s", type(exc).__name__)
                self._stop.wait(pause)
                pause = min(pause * 2, WATCH_RETRY_MAX_S)
                continue
            try:
                driver = raw.driver_connection
                assert driver is not None
                driver.autocommit = True
                driver.execute(f"LISTEN {BOARD_CHANNEL}")
                pause = WATCH_RETRY_S
                self._told("")  # something may have changed while nobody listened
                self._listening.set()
                while not self._stop.is_set():
                    for notice in driver.notifies(timeout=WATCH_TICK_S):
                        self._told(notice.payload)
            except Exception as exc:
                log.info("help board watch lost the record: %s", type(exc).__name__)
                self._stop.wait(pause)
                pause = min(pause * 2, WATCH_RETRY_MAX_S)
            finally:
                self._listening.clear()
                with contextlib.suppress(Exception):
                    raw.invalidate()  # it LISTENs and is in autocommit: never back into the pool
                with contextlib.suppress(Exception):
                    raw.close()


# -- one PC's seat -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Answer:
    """Her board row as a helper may have changed it."""

    hand_raised_at: dt.datetime | None
    assisted_step: str | None


@dataclass
class _Live:
    """What this PC's person is doing (only ids and counts)."""

    person: uuid.UUID | None = None  # learner id, or a guest visit id
    learner_id: uuid.UUID | None = None
    attempt_id: uuid.UUID | None = None
    scenario_id: str | None = None
    step_id: str | None = None
    step_number: int | None = None
    mistakes: int = 0
    hints: int = 0
    state: str | None = None  # None: not practised yet in this session
    finished_count: int = 0


class Seat:
    """This PC in the current class: session watch, live board row, the raised hand.

    ``on_hand(raised: bool)`` and ``on_session(session_id | None)`` are called
    from the seat's thread when a helper lowered the hand or the open class
    changed (a Qt notifier turns them into signals). ``attempt_source`` gives
    the recorder's current attempt id so 「対応しました」 can mark its events.
    """

    def __init__(
        self,
        engine: Engine,
        *,
        poll_s: float = SEAT_POLL_S,
        attempt_source: Callable[[], uuid.UUID | None] | None = None,
        on_helped: Callable[[bool], None] | None = None,
    ) -> None:
        self.engine = engine
        self.poll_s = poll_s
        self.attempt_source = attempt_source
        #: Called with True when a helper answered on the current step, False when the step changed.
        self.on_helped = on_helped
        self._hand_listeners: list[Callable[[bool], None]] = []
        self._session_listeners: list[Callable[[uuid.UUID | None], None]] = []
        self._lock = threading.Lock()
        self._wake = threading.Condition(self._lock)
        self._live = _Live()
        self._dirty = False
        self._ops: list[tuple[str, uuid.UUID, dt.datetime]] = []  # ("raise"|"lower", presence id, at)
        self._hand = False
        self._helped_step: str | None = None
        self._session: SessionInfo | None = None
        self._seen_session = False
        self._stop = False
        self._tx = _Writes(engine)
        #: PostgreSQL: the seat's own connection (``_OwnConnection``), opened again at the next turn after
        #: an error.
        self._own = engine.dialect.name == "postgresql"
        self._held = _OwnConnection(engine)
        weakref.finalize(self, self._held.drop)
        self._next_poll = 0.0
        self._backoff_until = 0.0
        # The thread holds the seat weakly: a seat nobody uses any more stops by itself.
        self._thread = threading.Thread(
            target=_seat_loop, args=(weakref.ref(self), self._wake), name="class-seat", daemon=True
        )
        self._thread.start()

    # -- what the app calls (UI thread; never waits on the database) ------------------------

    def add_hand_listener(self, listener: Callable[[bool], None]) -> None:
        self._hand_listeners.append(listener)

    def remove_hand_listener(self, listener: Callable[[bool], None]) -> None:
        if listener in self._hand_listeners:
            self._hand_listeners.remove(listener)

    def add_session_listener(self, listener: Callable[[uuid.UUID | None], None]) -> None:
        self._session_listeners.append(listener)

    def session_source(self) -> Callable[[], uuid.UUID | None]:
        """:meth:`session_id` for the recorder, holding the seat weakly."""
        method = weakref.WeakMethod(self.session_id)
        return lambda: (bound() if (bound := method()) is not None else None)

    def session_id(self) -> uuid.UUID | None:
        """The class open now, as last seen (no database call)."""
        session = self._session
        return session.id if session is not None and session.is_open() else None

    @property
    def hand_raised(self) -> bool:
        return self._hand

    @property
    def state(self) -> str | None:
        return self._live.state

    def set_person(self, learner_id: uuid.UUID | None) -> None:
        """A learner (or, with None, a new guest) sits down at this PC."""
        with self._lock:
            if self._hand:
                self._lower_locked()
            self._live = _Live(person=learner_id or uuid.uuid4(), learner_id=learner_id)
            self._helped_step = None
        self._set_helped(False)

    def raise_hand(self) -> None:
        self._set_hand(True)

    def lower_hand(self) -> None:
        self._set_hand(False)

    def listener(self) -> Callable[[ev.RunEvent], None]:
        """A run listener that keeps the live row current (subscribe after the recorder's)."""
        return self._on_event

    def wake(self) -> None:
        """Look for the open class (and a helper's answer) now instead of at the next poll."""
        with self._wake:
            self._wake.notify_all()

    def close(self, timeout: float = 3.0) -> None:
        with self._wake:
            self._stop = True
            self._wake.notify_all()
        self._thread.join(timeout)
        if not self._thread.is_alive():
            self._held.drop()

    # -- internals ---------------------------------------------------------------------------

    def _set_hand(self, raised: bool) -> None:
        with self._lock:
            if raised == self._hand:
                return
            if self._live.person is None:
                self._live = _Live(person=uuid.uuid4())  # a guest nobody chose explicitly
            if raised:
                self._hand = True
                if self._live.state is None:
                    self._live.state = STATE_PRACTISING
                    self._dirty = True
                session = self.session_id()
                if session is not None:
                    self._ops.append(("raise", presence_id(session, cast(uuid.UUID, self._live.person)), utcnow()))
            else:
                self._lower_locked()
            self._wake.notify_all()

    def _lower_locked(self) -> None:
        self._hand = False
        session = self.session_id()
        if session is not None and self._live.person is not None:
            self._ops.append(("lower", presence_id(session, self._live.person), utcnow()))

    def _on_event(self, event: ev.RunEvent) -> None:
        helped_changed = None
        with self._lock:
            live = self._live
            if live.person is None:
                live.person = uuid.uuid4()
            if isinstance(event, ev.RunStarted):
                live.scenario_id = short_id(event.scenario_id)
                live.state = STATE_PRACTISING
                live.step_id, live.step_number, live.mistakes, live.hints = None, None, 0, 0
            elif isinstance(event, ev.StepShown):
                if live.step_id != event.step_id:
                    live.mistakes, live.hints = 0, 0
                    if self._helped_step is not None:
                        self._helped_step = None
                        helped_changed = False
                live.step_id = short_id(event.step_id)
                live.step_number = int(event.index) + 1
                live.state = STATE_PRACTISING
            elif isinstance(event, ev.ActionJudged):
                if ev.Judgement(event.result) is not ev.Judgement.CORRECT:
                    live.mistakes += 1
            elif isinstance(event, ev.HintGiven):
                live.hints += 1
            elif isinstance(event, ev.RunFinished):
                live.state = STATE_FINISHED
                live.finished_count += 1
            elif isinstance(event, ev.RunAbandoned):
                live.state = STATE_RESTING
            else:
                return
            if self.attempt_source is not None:
                live.attempt_id = self.attempt_source()
            self._dirty = True
            self._wake.notify_all()
        if helped_changed is not None:
            self._set_helped(helped_changed)

    def _set_helped(self, helped: bool) -> None:
        if self.on_helped is not None:
            try:
                self.on_helped(helped)
            except Exception as exc:
                log.warning("helper-assisted hook failed: %s", type(exc).__name__)

    def _work(self) -> None:
        """One turn of the seat's thread: write what changed (a raised hand first), then look (when due)."""
        try:
            for _ in range(3):  # what changed while it was writing (the hand right after the first row)
                self._write()
                if not (self._ops or self._dirty):
                    break
            if time.monotonic() >= self._next_poll:
                self._poll()
                self._next_poll = time.monotonic() + self.poll_s
        except Exception as exc:
            log.info("class seat could not reach the record: %s", type(exc).__name__)
            self._held.drop()
            self._next_poll = time.monotonic() + self.poll_s
            self._backoff_until = time.monotonic() + self.poll_s

    def _poll(self) -> None:
        """The open class and, for the class last seen, a helper's answer: one statement."""
        listener: Callable[[Any], None]
        now = utcnow()
        with self._lock:
            person, hand, step = self._live.person, self._hand, self._live.step_id
            pending_ops = bool(self._ops)
        known = self._session
        stmt = select(*_SESSION_COLUMNS)
        asks = known is not None and person is not None and (hand or step is not None)
        if asks:
            assert known is not None and person is not None
            mine = Presence.id == presence_id(known.id, person)
            stmt = stmt.add_columns(
                select(Presence.hand_raised_at).where(mine).scalar_subquery(),
                select(Presence.assisted_step).where(mine).scalar_subquery(),
                select(Presence.id).where(mine).scalar_subquery(),
            )
        with self._held.turn() as conn:
            row = conn.execute(
                stmt.where(_open_at(now)).order_by(ClassSession.started_at.desc()).limit(1)
            ).first()
        session = SessionInfo(*row[: len(_SESSION_COLUMNS)]) if row else None
        with self._lock:
            pending_ops = pending_ops or bool(self._ops)  # her own change since: the answer is out of date
        answer = None
        if asks and row is not None and session is not None and known is not None and session.id == known.id:
            hand_raised_at, assisted_step, found = row[len(_SESSION_COLUMNS):]
            if found is not None:
                answer = _Answer(hand_raised_at, assisted_step)
        changed = (session.id if session else None) != (self._session.id if self._session else None)
        self._session = session
        if changed:
            with self._lock:
                if session is not None and self._live.state is not None:
                    self._dirty = True  # a class opened while this person practises: join it
                if session is not None and self._hand and self._live.person is not None:
                    self._ops.append(("raise", presence_id(session.id, self._live.person), utcnow()))
            for listener in list(self._session_listeners):
                _call(listener, session.id if session else None)
        if answer is None or pending_ops:
            return
        lowered = hand and answer.hand_raised_at is None
        helped = answer.assisted_step is not None and answer.assisted_step == step
        if lowered:
            with self._lock:
                still = self._hand and not self._ops
                if still:
                    self._hand = False
            if still:
                for listener in list(self._hand_listeners):
                    _call(listener, False)
        if helped and self._helped_step != step:
            self._helped_step = step
            self._set_helped(True)

    def _write(self) -> None:
        session = self.session_id()
        with self._lock:
            ops, self._ops = self._ops, []
            dirty, self._dirty = self._dirty, False
            live = _Live(**vars(self._live))
        if session is None:
            return
        if not ops and not (dirty and live.state is not None and live.person is not None):
            return
        try:
            # Only the board row: the seat counts nothing (a session's attendances are its board rows and
            # its learners' own summary rows, added up when read — migration 0012), so a raised hand
            # never waits for another PC's, or its own recorder's, counting. The usual write — this
            # person's row with her hand — is ONE statement, committed by itself: on a busy server each
            # round trip (BEGIN, each statement, COMMIT) is a wait for the CPU, seconds in all at load 20.
            mine = presence_id(session, live.person) if live.person is not None else None
            if live.person is not None and live.state is None and any(
                kind == "raise" and pid == mine for kind, pid, _ in ops
            ):
                live.state = STATE_PRACTISING
            hand: tuple[dt.datetime | None] | None = None  # (hand_raised_at,) when an op set it
            others = []
            for kind, pid, at in ops:
                if pid == mine and live.state is not None:
                    hand = (at if kind == "raise" else None,)
                else:
                    others.append((kind, pid, at))
            if self._own:  # each statement on its own: her row (the usual, only write), then others' hands
                with self._held.turn() as conn:
                    if live.person is not None and live.state is not None:
                        self._upsert(conn, session, live, hand)
                    for kind, pid, at in others:
                        self._set_other_hand(conn, kind, pid, at)
                return
            with self._tx.begin() as conn:
                if live.person is not None and live.state is not None:
                    self._upsert(conn, session, live, hand)
                for kind, pid, at in others:
                    self._set_other_hand(conn, kind, pid, at)
        except Exception:
            with self._lock:
                self._ops[:0] = ops
                self._dirty = self._dirty or dirty
            raise

    @staticmethod
    def _set_other_hand(conn: Any, kind: str, pid: uuid.UUID, at: dt.datetime) -> None:
        """A hand of an earlier person at this PC (or in an earlier class): raised or lowered as asked."""
        conn.execute(
            update(Presence).where(Presence.id == pid).values(hand_raised_at=at if kind == "raise" else None,
                                                              updated_at=at)
        )

    def _upsert(
        self, conn: Any, session: uuid.UUID, live: _Live, hand: tuple[dt.datetime | None] | None = None
    ) -> None:
        """Write this person's board row (made when it is not there yet); ``hand``: (the time her hand
        went up, or None: lowered) when it changed, else her hand stays as the row has it."""
        assert live.person is not None
        now = utcnow()
        values = {
            "id": presence_id(session, live.person),
            "session_id": session,
            "learner_id": live.learner_id,
            "first_seen_at": now,
            "attempt_id": live.attempt_id,
            "scenario_id": live.scenario_id,
            "step_id": live.step_id,
            "step_number": live.step_number,
            "step_mistakes": live.mistakes,
            "step_hints": live.hints,
            "state": live.state or STATE_PRACTISING,
            "finished_count": live.finished_count,
            "updated_at": now,
        }
        if hand is not None:
            values["hand_raised_at"] = hand[0]
        conn.execute(_upsert_statement(self.engine.dialect.name, hand is not None), values)


#: The columns a seat's write sets on her board row, made or there already (``hand_raised_at`` when it changed).
_LIVE_COLUMNS = ("attempt_id", "scenario_id", "step_id", "step_number", "step_mistakes", "step_hints", "state",
                 "finished_count", "updated_at")
_UPSERTS: dict[tuple[str, bool], Any] = {}


def _upsert_statement(dialect: str, with_hand: bool) -> Any:
    """The seat's write of her board row, built once per dialect (a statement built for every write cost
    the seat's thread ~5 ms of CPU each time, on a PC whose threads wait for the CPU)."""
    key = (dialect, with_hand)
    stmt = _UPSERTS.get(key)
    if stmt is not None:
        return stmt
    table = cast(Table, Presence.__table__)
    updated = [*_LIVE_COLUMNS, *(("hand_raised_at",) if with_hand else ())]
    names = ["id", "session_id", "learner_id", "first_seen_at", *updated]
    insert_fn = postgresql.insert if dialect == "postgresql" else sqlite.insert
    made = insert_fn(table).values({name: bindparam(name, type_=table.c[name].type) for name in names})
    stmt = made.on_conflict_do_update(
        index_elements=["id"],
        set_={
            **{name: made.excluded[name] for name in updated},
            # 「対応しました」 applies to one step: moving on forgets it.
            "assisted_step": case(
                (or_(table.c.step_id.is_(None), table.c.step_id != made.excluded.step_id), None),
                else_=table.c.assisted_step,
            ),
        },
    )
    _UPSERTS[key] = stmt
    return stmt


def _seat_loop(ref: weakref.ReferenceType[Seat], wake: threading.Condition) -> None:
    while True:
        with wake:
            seat = ref()
            if seat is None or seat._stop:
                return
            now = time.monotonic()
            if now < seat._backoff_until:
                wait = seat._backoff_until - now
            elif seat._dirty or seat._ops:
                wait = 0.0
            else:
                wait = seat._next_poll - now
            del seat
            if wait > 0:
                wake.wait(wait)
        seat = ref()
        if seat is None:
            return
        if not seat._stop:
            seat._work()
        del seat


def _call(listener: Callable[[Any], None], value: Any) -> None:
    try:
        listener(value)
    except Exception as exc:
        log.warning("a class seat or board listener failed: %s", type(exc).__name__)
