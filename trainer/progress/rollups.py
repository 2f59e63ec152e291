"""Report summaries, kept up to date on the write path (no Qt).

Reports must answer in well under a second over a city's record (10 M events
on SQLite), and no query that reads the event table can. So the counts the
reports show live in small tables (``models.REPORT_TABLES``) that
:class:`~trainer.progress.store.ProgressStore` updates in the *same
transaction* as the attempt or event they count:

* per (scenario, mode) — attempts by status, different learners, different
  learners who finished (mode "" is every mode *practised* together: a
  watched run, mode "watch", has its own row and is not in the "" row —
  watching is not doing, see ``docs/decisions/progress.md``);
* per (scenario, mode, outcome) — finished attempts;
* per learner and per group — practised attempts, finishes (and the group's
  different learners; a learner's different scenarios finished);
* per (class session, learner) — her practised attempts, finishes and watched
  runs there (migration 0012). Only her own recorder writes that row, so the
  PCs of a class never wait for each other on a shared session row; a
  session's learners, attempts and finishes are its rows added up when read,
  and its attendances are those rows with its board rows (``class_presence``:
  named learners and guest visits) — the board's own rows, so a PC's seat
  writes no summary at all and a raised hand never waits for a count;
* per (scenario, step) and per (scenario, step, known mistake) — stumbles, all
  time and per local day (the city's report asks for a period);
* per (day, scenario, step) — steps a helper assisted on, each attempt's
  step once (on the day of its first helper-assisted event);
* the same three per class session (session, day, scenario, step [, known
  mistake]): the city's report for one venue adds up the sessions held there
  instead of reading their events.

Only rows that were really inserted are counted: the store inserts with
``ON CONFLICT DO NOTHING … RETURNING id``, so an event or attempt replayed
from the outbox is counted once. Status changes are counted from the status
the row had before the change. Merging or deleting a learner moves or
removes their share (:func:`learner_share`). :func:`recount` makes every
summary afresh from attempts and events — the migration that added the
tables fills them with it, and the tests compare the two.

The "day" of an event is the local calendar day of the PC that recorded it
(the city's PCs share one time zone); reports over a period of days add up
those days.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from typing import Any, cast

from sqlalchemy import Connection, Table, bindparam, func, inspect, literal_column, select, text
from sqlalchemy.dialects import postgresql, sqlite

from trainer.progress.models import (
    HELPED_PREDICATE,
    REPORT_TABLES,
    STUMBLE_PREDICATE,
    Attempt,
    AttemptStatus,
    EventKind,
    JudgementResult,
    Learner,
    ReportGroup,
    ReportHelpDay,
    ReportLearner,
    ReportMistake,
    ReportMistakeDay,
    ReportOutcome,
    ReportScenario,
    ReportSessionHelp,
    ReportSessionLearner,
    ReportSessionMistake,
    ReportSessionStep,
    ReportStep,
    ReportStepDay,
    StepEvent,
)

#: The ``mode`` of the rows that hold every mode practised together (every mode but :data:`WATCH`).
ALL_MODES = ""
#: Watching the app do it (「見てみる」): counted in its own rows, never in the totals of what was practised.
WATCH = "watch"


def practised(mode: str) -> bool:
    """Does an attempt in ``mode`` count in the totals (attempts, finishes, learners who finished)?"""
    return mode != WATCH

_STATUS_COLUMN = {
    AttemptStatus.IN_PROGRESS: "in_progress",
    AttemptStatus.FINISHED: "finished",
    AttemptStatus.ABANDONED: "abandoned",
}

_a = cast(Table, Attempt.__table__)

Key = tuple[Any, ...]
Counts = dict[str, int]
#: Every summary as plain values: table name -> key -> counts.
Summaries = dict[str, dict[Key, Counts]]


def _table(model: Any) -> Table:
    return cast(Table, model.__table__)


def _key_columns(table: Table) -> list[str]:
    return [c.name for c in table.primary_key.columns]


def _count_columns(table: Table) -> list[str]:
    keys = set(_key_columns(table))
    return [c.name for c in table.columns if c.name not in keys]


def local_day(at: dt.datetime) -> dt.date:
    """The local calendar day (of this PC) an event happened on."""
    return at.astimezone().date()


class Tally:
    """Count changes gathered during one transaction, written at its end in one statement per table."""

    def __init__(self) -> None:
        self.rows: dict[str, dict[Key, Counts]] = defaultdict(dict)
        #: Checks for "the first of …" that must take turns with another transaction (:func:`_take_turns`):
        #: run by :meth:`write`, at the end of the transaction, so the turn is held only for the checks, the
        #: summary rows and the commit — not for the rest of a recorder's transaction (its events, its
        #: snapshot: many round trips on a busy server), which a learner's raised hand or a helper's answer
        #: would otherwise wait for.
        self.deferred: list[Callable[[Connection], None]] = []
        #: What the deferred help check counts, gathered over the transaction: attempt -> its new
        #: helper-assisted events (step -> times).
        self.helped: dict[uuid.UUID, dict[str, list[dt.datetime]]] = {}

    def add(self, model: Any, key: Key, sign: int = 1, **deltas: int) -> None:
        counts = self.rows[model.__tablename__].setdefault(key, {})
        for column, value in deltas.items():
            if value:
                counts[column] = counts.get(column, 0) + sign * value

    def defer(self, check: Callable[[Connection], None]) -> None:
        """Run ``check(conn)`` (which may :meth:`add`) at the start of :meth:`write`."""
        self.deferred.append(check)

    def __bool__(self) -> bool:
        return bool(self.deferred) or any(self.rows.values())

    def write(self, conn: Connection, models: Iterable[Any] = REPORT_TABLES) -> None:
        """Add every gathered change to its table (a row is made when it is not there yet); ``models``:
        only to these tables (a migration fills the tables its schema has).

        Rows are written in one order (table, then key), so two transactions adding to the same rows
        never wait for each other crosswise. On PostgreSQL a small tally (the write path's) is ONE
        statement: the summary rows every PC of a class adds to (the scenario's, the session's, the
        step's) stay locked for one round trip and the commit, not one round trip per table — on a busy
        server each round trip is a wait for the PC's process to be given the CPU again.
        """
        checks, self.deferred = self.deferred, []
        for check in checks:
            check(conn)
        self.helped.clear()
        postgres = conn.dialect.name == "postgresql"
        insert_fn = postgresql.insert if postgres else sqlite.insert
        writes: list[tuple[Table, list[str], list[dict[str, Any]]]] = []
        for model in models:
            table = _table(model)
            pending = self.rows.get(table.name)
            if not pending:
                continue
            keys, counts = _key_columns(table), _count_columns(table)
            params = []
            for key in sorted(pending, key=lambda k: tuple(map(str, k))):
                deltas = pending[key]
                if not any(deltas.values()):
                    continue
                row = dict(zip(keys, key, strict=True))
                row.update({c: deltas.get(c, 0) for c in counts})
                params.append(row)
            if params:
                writes.append((table, keys, params))
        self.rows.clear()
        if postgres and len(writes) > 1 and sum(len(p) for _, _, p in writes) <= _ONE_STATEMENT_ROWS:
            parts = []
            for n, (table, keys, params) in enumerate(writes):
                many = postgresql.insert(table).values(params)
                many = many.on_conflict_do_update(
                    index_elements=keys,
                    set_={c: table.c[c] + many.excluded[c] for c in _count_columns(table)},
                )
                parts.append(many.returning(literal_column("1")).cte(f"add_{n}"))
            conn.execute(select(literal_column("1")).add_cte(*parts))
            return
        for table, keys, params in writes:
            stmt = insert_fn(table)
            stmt = stmt.on_conflict_do_update(
                index_elements=keys, set_={c: table.c[c] + stmt.excluded[c] for c in _count_columns(table)}
            )
            conn.execute(stmt, params)


#: At most this many summary rows are written in one statement (the write path adds a few dozen; a
#: migration's or a merge's recount writes thousands, table by table).
_ONE_STATEMENT_ROWS = 400


# -- the write path ---------------------------------------------------------------------------------

_OTHER_ANY_MODE = (
    select(_a.c.id)
    .where(_a.c.learner_id == bindparam("b_learner"), _a.c.scenario_id == bindparam("b_scenario"))
    .where(_a.c.id != bindparam("b_id"))
    .limit(1)
)
_PRACTISED = _a.c.mode != WATCH
_OTHER_ATTEMPT = _OTHER_ANY_MODE.where(_PRACTISED)
_OTHER_ATTEMPT_MODE = _OTHER_ANY_MODE.where(_a.c.mode == bindparam("b_mode"))
_OTHER_FINISHED = _OTHER_ATTEMPT.where(_a.c.status == AttemptStatus.FINISHED)
_OTHER_FINISHED_MODE = _OTHER_ANY_MODE.where(_a.c.status == AttemptStatus.FINISHED, _a.c.mode == bindparam("b_mode"))
_OTHER_OF_LEARNER = (
    select(_a.c.id).where(_a.c.learner_id == bindparam("b_learner"), _a.c.id != bindparam("b_id"), _PRACTISED).limit(1)
)
_GROUP_OF = select(Learner.group_id).where(Learner.id == bindparam("b_id"))
_SESSION_OF = select(_a.c.session_id).where(_a.c.id == bindparam("b_id"))
_ATTEMPT_STATE = select(
    _a.c.id, _a.c.learner_id, _a.c.scenario_id, _a.c.mode, _a.c.session_id, _a.c.status, _a.c.outcome
).where(_a.c.id == bindparam("b_id"))


def _take_turns(conn: Connection, what: str, *ids: Any) -> None:
    """PostgreSQL: make the transactions that count "the first of …" for the same ``what`` and ids take
    turns until they end (each then sees what the other wrote). SQLite has one writer at a time already.

    A transaction-level advisory lock on a hash of the ids, not a row lock: a lock on the class session's
    row made every PC of a class wait for the others' whole transactions (migration 0010's regression,
    ``docs/decisions/progress.md``), and a lock on the attempt's row waited for the recorder's every update
    of that attempt. Only the transactions counting the same attempt's helped steps (the helper's
    「対応しました」 and her recorder) wait for each other; a hash collision merely makes two others take
    turns too. (Attendances need no turns since migration 0012: a session's counts are per-learner rows.)
    """
    if conn.dialect.name == "postgresql":
        digest = hashlib.blake2b(what.encode(), digest_size=8)
        for value in ids:
            digest.update(_as_uuid(value).bytes)
        conn.execute(_ADVISORY, {"b_key": int.from_bytes(digest.digest(), "big", signed=True)})


_ADVISORY = text("SELECT pg_advisory_xact_lock(:b_key)")


def _exists(conn: Connection, stmt: Any, **params: Any) -> bool:
    return conn.execute(stmt, {f"b_{k}": v for k, v in params.items()}).first() is not None


def group_key(group_id: Any) -> str:
    """The ``report_group`` key of a group id ("" for no group)."""
    return "" if group_id is None else _as_uuid(group_id).hex


def _group_of(conn: Connection, learner_id: uuid.UUID) -> str:
    return group_key(conn.execute(_GROUP_OF, {"b_id": learner_id}).scalar())


def attempt_created(
    conn: Connection,
    tally: Tally,
    attempt_id: uuid.UUID,
    learner_id: uuid.UUID,
    scenario_id: str,
    mode: str,
    session_id: uuid.UUID | None,
) -> None:
    """Count a new attempt (in progress). Call after it was inserted."""
    ids = {"id": attempt_id, "learner": learner_id, "scenario": scenario_id}
    if session_id is not None:  # her own row: no other PC adds to it, no "first of" to check
        tally.add(ReportSessionLearner, (session_id, learner_id), attempts=int(practised(mode)),
                  watched=int(not practised(mode)))
    first_in_mode = not _exists(conn, _OTHER_ATTEMPT_MODE, mode=mode, **ids)
    tally.add(ReportScenario, (scenario_id, mode), attempts=1, in_progress=1, learners=int(first_in_mode))
    if not practised(mode):
        return
    first = not _exists(conn, _OTHER_ATTEMPT, **ids)
    tally.add(ReportScenario, (scenario_id, ALL_MODES), attempts=1, in_progress=1, learners=int(first))
    tally.add(ReportLearner, (learner_id,), attempts=1)
    new_learner = first and not _exists(conn, _OTHER_OF_LEARNER, learner=learner_id, id=attempt_id)
    tally.add(ReportGroup, (_group_of(conn, learner_id),), attempts=1, learners=int(new_learner))


def attempt_state(conn: Connection, attempt_id: uuid.UUID) -> Any:
    """The attempt's row as the summaries need it (before a change), or None."""
    return conn.execute(_ATTEMPT_STATE, {"b_id": attempt_id}).first()


def status_changed(
    conn: Connection,
    tally: Tally,
    before: Any,
    status: AttemptStatus | str,
    outcome: str | None,
) -> None:
    """Count an attempt going from ``before`` (its row as :func:`attempt_state` read it) to ``status``.

    ``outcome`` is the outcome it has afterwards. Call before or after the
    update: the checks for "another finished attempt" leave this one out.
    """
    old, new = AttemptStatus(before.status), AttemptStatus(status)
    fin = int(new is AttemptStatus.FINISHED) - int(old is AttemptStatus.FINISHED)
    mode, scenario = before.mode, before.scenario_id
    keys = ((scenario, mode), (scenario, ALL_MODES)) if practised(mode) else ((scenario, mode),)
    if old is not new:
        for key in keys:
            tally.add(ReportScenario, key, **{_STATUS_COLUMN[old]: -1})
            tally.add(ReportScenario, key, **{_STATUS_COLUMN[new]: 1})
    if fin:
        ids = {"id": before.id, "learner": before.learner_id, "scenario": scenario}
        if not _exists(conn, _OTHER_FINISHED_MODE, mode=mode, **ids):
            tally.add(ReportScenario, (scenario, mode), learners_finished=fin)
    if fin and practised(mode):
        if not _exists(conn, _OTHER_FINISHED, **ids):
            tally.add(ReportScenario, (scenario, ALL_MODES), learners_finished=fin)
            tally.add(ReportLearner, (before.learner_id,), scenarios_finished=fin)
        tally.add(ReportLearner, (before.learner_id,), finished=fin)
        tally.add(ReportGroup, (_group_of(conn, before.learner_id),), finished=fin)
        if before.session_id is not None:
            tally.add(ReportSessionLearner, (before.session_id, before.learner_id), finished=fin)
    if old is AttemptStatus.FINISHED and (new is not old or (before.outcome or "") != (outcome or "")):
        tally.add(ReportOutcome, (scenario, mode, before.outcome or ""), finished=-1)
        if new is AttemptStatus.FINISHED:
            tally.add(ReportOutcome, (scenario, mode, outcome or ""), finished=1)
    elif new is AttemptStatus.FINISHED and old is not new:
        tally.add(ReportOutcome, (scenario, mode, outcome or ""), finished=1)


def _stumble_counts(kind: str, result: str | None) -> Counts:
    counts: Counts = {}
    if kind == EventKind.HINT:
        counts["hints"] = 1
    elif kind == EventKind.RESTART:
        counts["restarts"] = 1
    elif kind == EventKind.ABANDONED:
        counts["abandons"] = 1
    if result in (JudgementResult.KNOWN_MISTAKE, JudgementResult.OTHER_MISTAKE):
        counts["mistakes"] = 1
        if result == JudgementResult.KNOWN_MISTAKE:
            counts["known"] = 1
    return counts


_HELPED_ON_STEP = text(
    "SELECT count(*) FROM step_event WHERE attempt_id = :b_attempt AND step_id = :b_step AND helper_assisted = true"
).bindparams(bindparam("b_attempt", type_=_a.c.id.type))


def _count_helped(
    conn: Connection,
    tally: Tally,
    attempt_id: uuid.UUID,
    scenario_id: str,
    session_id: uuid.UUID | None,
    helped: Mapping[str, list[dt.datetime]],
) -> None:
    """An attempt's helper-assisted events stored in this transaction (``helped``: step -> their times):
    count each step that had none before (at the end of the transaction, see :attr:`Tally.deferred`)."""
    _take_turns(conn, "help", attempt_id)  # a helper may be marking this step at this moment
    for step, times in helped.items():
        stored_n = conn.execute(_HELPED_ON_STEP, {"b_attempt": attempt_id, "b_step": step}).scalar() or 0
        if int(stored_n) == len(times):  # none of this attempt's step before these
            tally.add(ReportHelpDay, (local_day(min(times)), scenario_id, step), count=1)
            if session_id is not None:
                tally.add(ReportSessionHelp, (session_id, local_day(min(times)), scenario_id, step), count=1)


def events_added(
    tally: Tally,
    scenario_id: str,
    events: Iterable[Any],
    *,
    conn: Connection | None = None,
    attempt_id: uuid.UUID | None = None,
) -> None:
    """Count newly stored events (``EventRecord``-like: kind, result, step_id, mistake_id, created_at,
    helper_assisted). Call after they were inserted; ``conn`` and ``attempt_id`` let the helped steps be
    counted (once per attempt and step: when these are the step's only helper-assisted events)."""
    events = list(events)
    session_id: Any = None
    if conn is not None and attempt_id is not None and any(
        getattr(e, "helper_assisted", False) or _stumble_counts(e.kind, e.result) for e in events
    ):
        found = conn.execute(_SESSION_OF, {"b_id": attempt_id}).scalar()
        session_id = None if found is None else _as_uuid(found)
    helped: dict[str, list[dt.datetime]] = {}
    for event in events:
        if getattr(event, "helper_assisted", False):
            helped.setdefault(event.step_id, []).append(event.created_at)
    if helped and conn is not None and attempt_id is not None:
        new = tally.helped.get(attempt_id)
        if new is None:
            new = tally.helped[attempt_id] = {}
            tally.defer(lambda c: _count_helped(c, tally, attempt_id, scenario_id, session_id, new))
        for step, times in helped.items():
            new.setdefault(step, []).extend(times)
    for event in events:
        counts = _stumble_counts(event.kind, event.result)
        if not counts:
            continue
        day = local_day(event.created_at)
        mistake = event.mistake_id or ""
        tally.add(ReportStep, (scenario_id, event.step_id), **counts)
        tally.add(ReportStepDay, (day, scenario_id, event.step_id), **counts)
        if "known" in counts:
            tally.add(ReportMistake, (scenario_id, event.step_id, mistake), count=1)
            tally.add(ReportMistakeDay, (day, scenario_id, event.step_id, mistake), count=1)
        if session_id is not None:
            tally.add(ReportSessionStep, (session_id, day, scenario_id, event.step_id), **counts)
            if "known" in counts:
                tally.add(ReportSessionMistake, (session_id, day, scenario_id, event.step_id, mistake), count=1)


# -- counting afresh -----------------------------------------------------------------------------------

_STATUS_SUMS = (
    "count(*) AS n, "
    "sum(CASE WHEN status = 'finished' THEN 1 ELSE 0 END) AS fin, "
    "sum(CASE WHEN status = 'abandoned' THEN 1 ELSE 0 END) AS ab, "
    "sum(CASE WHEN status = 'in-progress' THEN 1 ELSE 0 END) AS inp"
)
_STEP_SUMS = (
    "sum(CASE WHEN result IN ('known-mistake', 'other-mistake') THEN 1 ELSE 0 END), "
    "sum(CASE WHEN result = 'known-mistake' THEN 1 ELSE 0 END), "
    "sum(CASE WHEN kind = 'hint' THEN 1 ELSE 0 END), "
    "sum(CASE WHEN kind = 'restart' THEN 1 ELSE 0 END), "
    "sum(CASE WHEN kind = 'abandoned' THEN 1 ELSE 0 END)"
)
_STEP_COLUMNS = ("mistakes", "known", "hints", "restarts", "abandons")


def _day_sql(conn: Connection) -> tuple[str, dict[str, Any]]:
    if conn.dialect.name == "postgresql":
        offset = dt.datetime.now().astimezone().utcoffset() or dt.timedelta(0)
        return (
            "CAST((created_at AT TIME ZONE 'UTC') + make_interval(secs => :b_offset) AS date)",
            {"b_offset": offset.total_seconds()},
        )
    return "date(created_at, 'localtime')", {}


def _as_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _as_uuid(value: Any) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def count_into(conn: Connection, tally: Tally, *, learner_id: uuid.UUID | None = None, sign: int = 1,
               events: bool = True, attempts: bool = True) -> None:
    """Add (``sign`` 1) or take away (-1) the counts of every attempt — or one learner's — to ``tally``.

    ``events`` False leaves the step counts alone (a merge moves attempts, not events); ``attempts``
    False leaves the summaries counted from attempts and board rows alone (:data:`ATTEMPT_TABLES`).
    """
    params: dict[str, Any] = {}
    where = ""
    if learner_id is not None:
        where = "WHERE learner_id = :b_learner"
        params["b_learner"] = learner_id
        conn_params = {"b_learner": learner_id}
    else:
        conn_params = {}

    def run(sql: str, extra: Mapping[str, Any] | None = None) -> Any:
        stmt = text(sql)
        if learner_id is not None:
            stmt = stmt.bindparams(bindparam("b_learner", type_=_a.c.learner_id.type))
        return conn.execute(stmt, {**conn_params, **(extra or {})})

    if attempts:
        _count_attempts(run, tally, where, sign, learner_id)
        _count_help(run, conn, tally, learner_id, sign)
    if not events:
        return
    _count_events(run, conn, tally, learner_id, sign)


def _count_attempts(run: Any, tally: Tally, where: str, sign: int, learner_id: uuid.UUID | None) -> None:
    practised_where = f"{where} {'AND' if where else 'WHERE'} mode <> '{WATCH}'"
    for mode_sql, grouping, filtered in (("mode", "scenario_id, mode, learner_id", where),
                                         ("''", "scenario_id, learner_id", practised_where)):
        rows = run(
            f"SELECT scenario_id, md, count(*), sum(CASE WHEN fin > 0 THEN 1 ELSE 0 END), "
            f"sum(n), sum(fin), sum(ab), sum(inp) FROM (SELECT scenario_id, {mode_sql} AS md, learner_id, "
            f"{_STATUS_SUMS} FROM attempt {filtered} GROUP BY {grouping}) AS per_learner GROUP BY scenario_id, md"
        )
        for scenario, mode, who, who_fin, n, fin, ab, inp in rows:
            tally.add(ReportScenario, (scenario, mode or ALL_MODES), sign, attempts=int(n), finished=int(fin),
                      abandoned=int(ab), in_progress=int(inp), learners=int(who), learners_finished=int(who_fin))
    finished_where = f"{where} {'AND' if where else 'WHERE'} status = 'finished'"
    for scenario, mode, outcome, n in run(
        f"SELECT scenario_id, mode, coalesce(outcome, ''), count(*) FROM attempt {finished_where} "
        "GROUP BY scenario_id, mode, coalesce(outcome, '')"
    ):
        tally.add(ReportOutcome, (scenario, mode, outcome), sign, finished=int(n))
    for learner, n, fin, _ab, _inp in run(
        f"SELECT learner_id, {_STATUS_SUMS} FROM attempt {practised_where} GROUP BY learner_id"
    ):
        tally.add(ReportLearner, (_as_uuid(learner),), sign, attempts=int(n), finished=int(fin))
    for learner, k in run(
        "SELECT learner_id, count(*) FROM (SELECT learner_id, scenario_id FROM attempt "
        f"{practised_where} AND status = 'finished' GROUP BY learner_id, scenario_id) AS done GROUP BY learner_id"
    ):
        tally.add(ReportLearner, (_as_uuid(learner),), sign, scenarios_finished=int(k))
    for group, who, n, fin in run(
        "SELECT learner.group_id, count(*), sum(per_learner.n), sum(per_learner.fin) FROM (SELECT learner_id, "
        f"{_STATUS_SUMS} FROM attempt {practised_where} GROUP BY learner_id) AS per_learner "
        "JOIN learner ON learner.id = per_learner.learner_id GROUP BY learner.group_id"
    ):
        tally.add(ReportGroup, (group_key(group),), sign, learners=int(who), attempts=int(n), finished=int(fin))
    session_where = f"{where} {'AND' if where else 'WHERE'} session_id IS NOT NULL"
    for session, learner, n, fin, watched in run(
        f"SELECT session_id, learner_id, sum(CASE WHEN mode <> '{WATCH}' THEN 1 ELSE 0 END), "
        f"sum(CASE WHEN mode <> '{WATCH}' AND status = 'finished' THEN 1 ELSE 0 END), "
        f"sum(CASE WHEN mode = '{WATCH}' THEN 1 ELSE 0 END) FROM attempt {session_where} "
        "GROUP BY session_id, learner_id"
    ):
        tally.add(ReportSessionLearner, (_as_uuid(session), _as_uuid(learner)), sign, attempts=int(n),
                  finished=int(fin), watched=int(watched))


#: ``step_helped``'s "the caller did not read the attempt's session".
_UNKNOWN: Any = object()


def step_helped(
    conn: Connection, attempt_id: uuid.UUID, scenario_id: str, step_id: str, *, session_id: Any = _UNKNOWN
) -> int:
    """「対応しました」: mark this attempt's step as helper-assisted (its events so far) and count it when it
    is the step's first help. Returns how many events were marked. Call in the change's transaction.
    ``session_id``: the attempt's class session (None: none) when the caller has read it already."""
    _take_turns(conn, "help", attempt_id)
    mark = (
        _table(StepEvent).update()
        .where(StepEvent.attempt_id == attempt_id, StepEvent.step_id == step_id, StepEvent.helper_assisted.is_(False))
        .values(helper_assisted=True)
    )
    helped = StepEvent.helper_assisted.is_(True)
    if conn.dialect.name == "postgresql":
        # One round trip (the board answers hands in its own loop): the WITH's update and the main query
        # share one snapshot, so "helped before" reads the step as it was before this mark.
        done = mark.returning(StepEvent.created_at).cte("marked")
        before = select(StepEvent.id).where(StepEvent.attempt_id == attempt_id, StepEvent.step_id == step_id, helped)
        marked, first, was_helped = conn.execute(
            select(
                select(func.count()).select_from(done).scalar_subquery(),
                select(func.min(done.c.created_at)).scalar_subquery(),
                before.exists(),
            )
        ).one()
        marked = int(marked)
    else:
        marked = conn.execute(mark).rowcount
        was_helped = True
        if marked:
            n, first = conn.execute(
                select(func.count(), func.min(StepEvent.created_at)).where(
                    StepEvent.attempt_id == attempt_id, StepEvent.step_id == step_id, helped
                )
            ).one()
            was_helped = int(n) != marked
    if marked and not was_helped and first is not None:  # none of them was helped before
        tally = Tally()
        when = first if isinstance(first, dt.datetime) else dt.datetime.fromisoformat(str(first))
        day = local_day(when if when.tzinfo else when.replace(tzinfo=dt.UTC))
        tally.add(ReportHelpDay, (day, scenario_id, step_id), count=1)
        if session_id is _UNKNOWN:
            session_id = conn.execute(_SESSION_OF, {"b_id": attempt_id}).scalar()
        if session_id is not None:
            tally.add(ReportSessionHelp, (_as_uuid(session_id), day, scenario_id, step_id), count=1)
        tally.write(conn)
    return int(marked)


def _count_help(run: Any, conn: Connection, tally: Tally, learner_id: uuid.UUID | None, sign: int) -> None:
    """Helped steps: each attempt's step once, on the day of its first helper-assisted event."""
    mine = " AND attempt_id IN (SELECT id FROM attempt WHERE learner_id = :b_learner)" if learner_id else ""
    day, day_params = _day_sql(conn)
    for when, scenario, step, n in run(
        f"SELECT {day} AS d, scenario_id, step_id, count(*) FROM (SELECT attempt_id, scenario_id, step_id, "
        f"min(created_at) AS created_at FROM step_event WHERE ({HELPED_PREDICATE}){mine} "
        "GROUP BY attempt_id, scenario_id, step_id) AS first_help "
        f"GROUP BY {day}, scenario_id, step_id",
        day_params,
    ):
        tally.add(ReportHelpDay, (_as_date(when), scenario, step), sign, count=int(n))
    _count_session_help(run, conn, tally, learner_id, sign)


def _of_sessions(learner_id: uuid.UUID | None) -> str:
    """``step_event`` joined to the session of its attempt (attempts in a class only); the event's own
    columns keep their names."""
    mine = " AND learner_id = :b_learner" if learner_id is not None else ""
    return (
        "step_event JOIN (SELECT id AS a_id, session_id AS a_session FROM attempt WHERE session_id IS NOT NULL"
        f"{mine}) AS in_class ON in_class.a_id = step_event.attempt_id"
    )


def _count_session_help(run: Any, conn: Connection, tally: Tally, learner_id: uuid.UUID | None, sign: int) -> None:
    """Helped steps per class session, as :func:`_count_help` counts them for every session."""
    day, day_params = _day_sql(conn)
    for session, when, scenario, step, n in run(
        f"SELECT a_session, {day} AS d, scenario_id, step_id, count(*) FROM (SELECT a_session, attempt_id, "
        f"scenario_id, step_id, min(created_at) AS created_at FROM {_of_sessions(learner_id)} "
        f"WHERE ({HELPED_PREDICATE}) GROUP BY a_session, attempt_id, scenario_id, step_id) AS first_help "
        f"GROUP BY a_session, {day}, scenario_id, step_id",
        day_params,
    ):
        tally.add(ReportSessionHelp, (_as_uuid(session), _as_date(when), scenario, step), sign, count=int(n))


def _count_session_events(run: Any, conn: Connection, tally: Tally, learner_id: uuid.UUID | None, sign: int) -> None:
    """Stumbles and known mistakes per class session and day (events of attempts made in a class)."""
    day, day_params = _day_sql(conn)
    for session, when, scenario, step, *sums in run(
        f"SELECT a_session, {day} AS d, scenario_id, step_id, {_STEP_SUMS} FROM {_of_sessions(learner_id)} "
        f"WHERE ({STUMBLE_PREDICATE}) GROUP BY a_session, {day}, scenario_id, step_id",
        day_params,
    ):
        tally.add(ReportSessionStep, (_as_uuid(session), _as_date(when), scenario, step), sign,
                  **dict(zip(_STEP_COLUMNS, map(int, sums), strict=True)))
    for session, when, scenario, step, mistake, n in run(
        f"SELECT a_session, {day} AS d, scenario_id, step_id, coalesce(mistake_id, ''), count(*) "
        f"FROM {_of_sessions(learner_id)} WHERE ({STUMBLE_PREDICATE}) AND result = 'known-mistake' "
        f"GROUP BY a_session, {day}, scenario_id, step_id, coalesce(mistake_id, '')",
        day_params,
    ):
        tally.add(ReportSessionMistake, (_as_uuid(session), _as_date(when), scenario, step, mistake), sign,
                  count=int(n))


def _count_events(run: Any, conn: Connection, tally: Tally, learner_id: uuid.UUID | None, sign: int) -> None:
    event_where = f"WHERE ({STUMBLE_PREDICATE})"
    if learner_id is not None:
        event_where += " AND attempt_id IN (SELECT id FROM attempt WHERE learner_id = :b_learner)"
    for scenario, step, *sums in run(
        f"SELECT scenario_id, step_id, {_STEP_SUMS} FROM step_event {event_where} GROUP BY scenario_id, step_id"
    ):
        tally.add(ReportStep, (scenario, step), sign, **dict(zip(_STEP_COLUMNS, map(int, sums), strict=True)))
    known_where = f"{event_where} AND result = 'known-mistake'"
    for scenario, step, mistake, n in run(
        f"SELECT scenario_id, step_id, coalesce(mistake_id, ''), count(*) FROM step_event {known_where} "
        "GROUP BY scenario_id, step_id, coalesce(mistake_id, '')"
    ):
        tally.add(ReportMistake, (scenario, step, mistake), sign, count=int(n))
    day, day_params = _day_sql(conn)
    for when, scenario, step, *sums in run(
        f"SELECT {day} AS d, scenario_id, step_id, {_STEP_SUMS} FROM step_event {event_where} "
        f"GROUP BY {day}, scenario_id, step_id",
        day_params,
    ):
        tally.add(ReportStepDay, (_as_date(when), scenario, step), sign,
                  **dict(zip(_STEP_COLUMNS, map(int, sums), strict=True)))
    for when, scenario, step, mistake, n in run(
        f"SELECT {day} AS d, scenario_id, step_id, coalesce(mistake_id, ''), count(*) FROM step_event "
        f"{known_where} GROUP BY {day}, scenario_id, step_id, coalesce(mistake_id, '')",
        day_params,
    ):
        tally.add(ReportMistakeDay, (_as_date(when), scenario, step, mistake), sign, count=int(n))
    _count_session_events(run, conn, tally, learner_id, sign)


def _normal_key(table: Table, key: Key) -> Key:
    out = []
    for column, value in zip(_key_columns(table), key, strict=True):
        kind = table.c[column].type.python_type
        if kind is uuid.UUID:
            value = _as_uuid(value)
        elif kind is dt.date:
            value = _as_date(value)
        out.append(value)
    return tuple(out)


def _without_zeros(summaries: Summaries) -> Summaries:
    return {
        name: {key: counts for key, counts in rows.items() if any(counts.values())}
        for name, rows in summaries.items()
    }


def recount(conn: Connection) -> Summaries:
    """Every summary counted afresh from attempts and events (rows of zeros left out)."""
    tally = Tally()
    count_into(conn, tally)
    out: Summaries = {}
    for model in REPORT_TABLES:
        table = _table(model)
        cols = _count_columns(table)
        out[table.name] = {
            _normal_key(table, key): {c: counts.get(c, 0) for c in cols}
            for key, counts in tally.rows.get(table.name, {}).items()
        }
    return _without_zeros(out)


def stored(conn: Connection) -> Summaries:
    """Every summary as stored (rows of zeros left out)."""
    out: Summaries = {}
    for model in REPORT_TABLES:
        table = _table(model)
        keys, cols = _key_columns(table), _count_columns(table)
        out[table.name] = {
            _normal_key(table, tuple(row[k] for k in keys)): {c: int(row[c]) for c in cols}
            for row in conn.execute(select(table)).mappings()
        }
    return _without_zeros(out)


#: The summaries counted from attempts, board rows and helper-assisted events — seconds to count afresh at
#: 10 M events (the rest are counted from every stumble event).
ATTEMPT_TABLES = (ReportScenario, ReportOutcome, ReportLearner, ReportGroup, ReportSessionLearner, ReportHelpDay,
                  ReportSessionHelp)
#: The per-session step summaries (migration 0011): what the city's report for one venue reads.
SESSION_STEP_TABLES = (ReportSessionStep, ReportSessionMistake, ReportSessionHelp)


def rebuild(conn: Connection, *, events: bool = True, attempts: bool = True) -> None:
    """Empty every summary table and fill it again from attempts and events (one transaction: the caller's).

    ``events`` False makes only the summaries counted from attempts and board rows afresh, ``attempts``
    False only those counted from events. Only the tables the database has are touched: an older
    migration (0008, 0010) runs this before the newer tables exist.
    """
    present = set(inspect(conn).get_table_names())
    models = [
        m for m in REPORT_TABLES
        if _table(m).name in present and (events if m not in ATTEMPT_TABLES else attempts)
    ]
    for model in models:
        conn.execute(_table(model).delete())
    tally = Tally()
    count_into(conn, tally, events=events, attempts=attempts)
    tally.write(conn, models)


def fill_sessions(conn: Connection) -> None:
    """Fill the per-session step summaries afresh (migration 0011): their tables only."""
    for model in SESSION_STEP_TABLES:
        conn.execute(_table(model).delete())
    tally = Tally()
    run = lambda sql, extra=None: conn.execute(text(sql), dict(extra or {}))  # noqa: E731
    _count_session_events(run, conn, tally, None, 1)
    _count_session_help(run, conn, tally, None, 1)
    tally.write(conn, SESSION_STEP_TABLES)


def group_changed(conn: Connection, learner_id: uuid.UUID, old_group: Any, new_group: Any) -> None:
    """Move one learner's counts from their old group to the new one (call in the change's transaction)."""
    if group_key(old_group) == group_key(new_group):
        return
    row = conn.execute(
        select(ReportLearner.attempts, ReportLearner.finished).where(ReportLearner.learner_id == learner_id)
    ).first()
    if row is None or not (row.attempts or row.finished):
        return
    tally = Tally()
    counts = {"learners": int(row.attempts > 0), "attempts": int(row.attempts), "finished": int(row.finished)}
    tally.add(ReportGroup, (group_key(old_group),), -1, **counts)
    tally.add(ReportGroup, (group_key(new_group),), 1, **counts)
    tally.write(conn)


def group_removed(conn: Connection, group_id: uuid.UUID) -> None:
    """The group's learners now have no group: its counts join the "" row."""
    table = _table(ReportGroup)
    row = conn.execute(select(table).where(table.c.group_key == group_key(group_id))).mappings().first()
    if row is None:
        return
    tally = Tally()
    tally.add(ReportGroup, ("",), **{c: int(row[c]) for c in _count_columns(table)})
    tally.write(conn)
    conn.execute(table.delete().where(table.c.group_key == group_key(group_id)))


def learner_share(conn: Connection, learner_id: uuid.UUID, sign: int, *, events: bool = True) -> None:
    """Add (1) or take away (-1) one learner's share of the summaries, now, in ``conn``'s transaction."""
    tally = Tally()
    count_into(conn, tally, learner_id=learner_id, sign=sign, events=events)
    tally.write(conn)
