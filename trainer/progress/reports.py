"""Reports for instructors and coordinators (no Qt): aggregated in SQL, fast.

* :meth:`Reports.learner_report` — one learner: scenarios tried and finished,
  outcomes, and the steps where they stumble most (mistakes, hints,
  restarts, giving up). For the instructor who knows the learner.
* :meth:`Reports.scenario_report` — one scenario: attempts, completion
  rate, outcomes, top stumbling steps and the known mistakes made.
* :meth:`Reports.overview` — counts per scenario, group and class session.
* :func:`city_report` (also :meth:`Reports.city_report`) — what the city
  publishes for a period: sessions by kind and venue, attendances, learners
  who finished each scenario, where people stumble, helper-assisted steps.

Aggregate reports (scenario, overview, stumbling steps) hold counts only:
no learner names or ids. They read the small summary tables the write path
keeps (``trainer.progress.rollups``), never the event table, so they take
the same few milliseconds at 10 M events as at 10,000 (see
``docs/performance.md``); counts are split by how the scenario was played
(``mode``: "try" guided, "alone" on your own, ...). Only the one-learner
report reads events, through an index that holds just that learner's
attempts; the city's report for one venue adds up the per-session summaries
of the sessions held there.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, and_, case, func, select, text

from trainer.progress.models import (
    STUMBLE_PREDICATE,
    Attempt,
    AttemptStatus,
    ClassSession,
    EventKind,
    Group,
    JudgementResult,
    Learner,
    Presence,
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
    SessionKind,
    StepEvent,
)
from trainer.progress.rollups import ALL_MODES, WATCH, group_key

_stumble = text(f"({STUMBLE_PREDICATE})")
#: An attempt that counts in the totals: practised, not watched (see ``rollups.practised``).
_PRACTISED = Attempt.mode != WATCH


def _count_if(condition: Any) -> Any:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


_MISTAKES = _count_if(StepEvent.result.in_([JudgementResult.KNOWN_MISTAKE, JudgementResult.OTHER_MISTAKE]))
_KNOWN = _count_if(StepEvent.result == JudgementResult.KNOWN_MISTAKE)
_HINTS = _count_if(StepEvent.kind == EventKind.HINT)
_RESTARTS = _count_if(StepEvent.kind == EventKind.RESTART)
_ABANDONS = _count_if(StepEvent.kind == EventKind.ABANDONED)
_FINISHED = _count_if(Attempt.status == AttemptStatus.FINISHED)


@dataclass(frozen=True)
class ScenarioMark:
    """What the learner's own list shows for one scenario."""

    finished: bool
    #: An unfinished run waits to be resumed (「続きから」).
    in_progress: bool


@dataclass(frozen=True)
class StumbleStep:
    """How often learners stumbled on one step."""

    scenario_id: str
    step_id: str
    mistakes: int
    known_mistakes: int
    hints: int
    restarts: int
    abandons: int

    @property
    def total(self) -> int:
        return self.mistakes + self.hints + self.restarts + self.abandons


@dataclass(frozen=True)
class MistakeCount:
    """How often one known (author-described) mistake was made."""

    scenario_id: str
    step_id: str
    mistake_id: str
    count: int


@dataclass(frozen=True)
class ScenarioProgress:
    """One learner on one scenario."""

    scenario_id: str
    attempts: int
    finished: int
    abandoned: int
    in_progress: int
    last_started_at: dt.datetime
    #: Outcome of the most recent finished attempt (e.g. "safe"), if any.
    last_outcome: str | None
    #: Watched runs that reached the end (「見てみる」); ``attempts``, ``finished`` … count what was practised.
    watched: int = 0


@dataclass(frozen=True)
class LearnerReport:
    learner_id: uuid.UUID
    display_name: str
    group_name: str | None
    scenarios: list[ScenarioProgress]
    stumbles: list[StumbleStep]

    @property
    def scenarios_finished(self) -> int:
        return sum(1 for s in self.scenarios if s.finished)


@dataclass(frozen=True)
class ScenarioReport:
    """Counts only — no learner appears in it."""

    scenario_id: str
    attempts: int
    finished: int
    abandoned: int
    in_progress: int
    learners: int
    learners_finished: int
    outcomes: dict[str, int]
    stumbles: list[StumbleStep]
    known_mistakes: list[MistakeCount]
    #: Attempts, finishes and learners per mode ("finished on your own" against "guided").
    modes: tuple[ModeCount, ...] = ()

    @property
    def completion_rate(self) -> float:
        """Finished attempts / attempts (0.0 without attempts)."""
        return self.finished / self.attempts if self.attempts else 0.0


@dataclass(frozen=True)
class ModeCount:
    """One scenario played one way (``mode``: "try" guided, "alone" on your own, ...)."""

    mode: str
    attempts: int
    finished: int
    learners: int
    learners_finished: int


#: The order modes are shown in (any other mode comes after, by name).
MODE_ORDER = ("watch", "try", "alone")


def _mode_key(mode: str) -> tuple[int, str]:
    return (MODE_ORDER.index(mode) if mode in MODE_ORDER else len(MODE_ORDER), mode)


@dataclass(frozen=True)
class ScenarioSummary:
    scenario_id: str
    attempts: int
    finished: int
    learners: int
    #: The same counts per mode, in ``MODE_ORDER``.
    modes: tuple[ModeCount, ...] = ()

    @property
    def completion_rate(self) -> float:
        return self.finished / self.attempts if self.attempts else 0.0


@dataclass(frozen=True)
class GroupCount:
    """Counts for one group (``group_id`` None: learners without a group)."""

    group_id: uuid.UUID | None
    name: str | None
    learners: int
    active_learners: int
    attempts: int
    finished: int


@dataclass(frozen=True)
class SessionCount:
    session_id: uuid.UUID
    held_on: dt.date
    venue: str
    learners: int
    attempts: int
    finished: int


@dataclass(frozen=True)
class Overview:
    """Counts for coordinators; no personal data."""

    learners: int
    attempts: int
    finished: int
    scenarios: list[ScenarioSummary] = field(default_factory=list)
    groups: list[GroupCount] = field(default_factory=list)
    sessions: list[SessionCount] = field(default_factory=list)


def _stumble_columns() -> list[Any]:
    return [
        _MISTAKES.label("mistakes"),
        _KNOWN.label("known"),
        _HINTS.label("hints"),
        _RESTARTS.label("restarts"),
        _ABANDONS.label("abandons"),
    ]


def _stumble_order() -> Any:
    # The whole expression, not the labels: PostgreSQL cannot add output names in ORDER BY.
    return _MISTAKES + _HINTS + _RESTARTS + _ABANDONS


class Reports:
    """Read-only reports over one record."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def city_report(
        self, date_from: dt.date, date_to: dt.date, *, venue: str | None = None, with_names: bool = False
    ) -> CityReport:
        """See :func:`city_report`."""
        return city_report(self.engine, date_from, date_to, venue=venue, with_names=with_names)

    def scenario_marks(self, learner_id: uuid.UUID) -> dict[str, ScenarioMark]:
        """Per scenario: has this learner ever finished it, and is there a run to resume?

        One indexed read (the learner's attempts); the learner's home shows the marks.
        """
        stmt = (
            select(
                Attempt.scenario_id,
                _FINISHED,
                _count_if(and_(Attempt.status != AttemptStatus.FINISHED, Attempt.resume_snapshot.is_not(None))),
            )
            .where(Attempt.learner_id == learner_id)
            .group_by(Attempt.scenario_id)
        )
        with self.engine.connect() as conn:
            return {sid: ScenarioMark(int(fin) > 0, int(res) > 0) for sid, fin, res in conn.execute(stmt)}

    def scenario_ids(self) -> list[str]:
        """Scenarios that have at least one attempt, sorted."""
        with self.engine.connect() as conn:
            return list(
                conn.execute(
                    select(ReportScenario.scenario_id)
                    .where(ReportScenario.mode == ALL_MODES, ReportScenario.attempts > 0)
                    .order_by(ReportScenario.scenario_id)
                ).scalars()
            )

    def learner_report(self, learner_id: uuid.UUID, *, top: int = 5) -> LearnerReport:
        with self.engine.connect() as conn:
            who = conn.execute(
                select(Learner.display_name, Group.name)
                .outerjoin(Group, Group.id == Learner.group_id)
                .where(Learner.id == learner_id)
            ).first()
            if who is None:
                raise LookupError(str(learner_id))
            per_scenario = conn.execute(
                select(
                    Attempt.scenario_id,
                    _count_if(_PRACTISED),
                    _count_if(and_(Attempt.status == AttemptStatus.FINISHED, _PRACTISED)),
                    _count_if(and_(Attempt.status == AttemptStatus.ABANDONED, _PRACTISED)),
                    _count_if(and_(Attempt.status == AttemptStatus.IN_PROGRESS, _PRACTISED)),
                    func.max(Attempt.started_at),
                    _count_if(and_(Attempt.status == AttemptStatus.FINISHED, Attempt.mode == WATCH)),
                )
                .where(Attempt.learner_id == learner_id)
                .group_by(Attempt.scenario_id)
                .order_by(Attempt.scenario_id)
            ).all()
            last_outcomes: dict[str, str | None] = {}
            for scenario_id, outcome in conn.execute(
                select(Attempt.scenario_id, Attempt.outcome)
                .where(Attempt.learner_id == learner_id, Attempt.status == AttemptStatus.FINISHED, _PRACTISED)
                .order_by(Attempt.ended_at.desc())
            ):
                last_outcomes.setdefault(scenario_id, outcome)
            stumbles = conn.execute(
                select(StepEvent.scenario_id, StepEvent.step_id, *_stumble_columns())
                .join(Attempt, Attempt.id == StepEvent.attempt_id)
                .where(Attempt.learner_id == learner_id, _stumble)
                .group_by(StepEvent.scenario_id, StepEvent.step_id)
                .order_by(_stumble_order().desc(), StepEvent.scenario_id, StepEvent.step_id)
                .limit(top)
            ).all()
        return LearnerReport(
            learner_id=learner_id,
            display_name=who.display_name,
            group_name=who.name,
            scenarios=[
                ScenarioProgress(
                    sid,
                    int(n),
                    int(fin),
                    int(ab),
                    int(inp),
                    _aware(last),
                    last_outcomes.get(sid),
                    int(watched),
                )
                for sid, n, fin, ab, inp, last, watched in per_scenario
            ],
            stumbles=[StumbleStep(*row[:2], *map(int, row[2:])) for row in stumbles],
        )

    def stumbling_steps(self, scenario_id: str | None = None, *, top: int = 10) -> list[StumbleStep]:
        """Steps with the most mistakes, hints, restarts and give-ups (one scenario, or all)."""
        with self.engine.connect() as conn:
            return _top_steps(conn, ReportStep, [] if scenario_id is None else [ReportStep.scenario_id == scenario_id],
                              top, group=False)

    def known_mistakes(self, scenario_id: str | None = None, *, top: int = 10) -> list[MistakeCount]:
        """The known mistakes made most often (one scenario, or all)."""
        with self.engine.connect() as conn:
            return _top_mistakes(
                conn, ReportMistake, [] if scenario_id is None else [ReportMistake.scenario_id == scenario_id],
                top, group=False,
            )

    def scenario_report(self, scenario_id: str, *, top: int = 10) -> ScenarioReport:
        with self.engine.connect() as conn:
            rows = {
                row.mode: row
                for row in conn.execute(select(ReportScenario).where(ReportScenario.scenario_id == scenario_id))
            }
            outcome_n = func.sum(ReportOutcome.finished)
            outcomes = {
                outcome: int(n)
                for outcome, n in conn.execute(
                    select(ReportOutcome.outcome, outcome_n)
                    .where(ReportOutcome.scenario_id == scenario_id, ReportOutcome.mode != WATCH)
                    .group_by(ReportOutcome.outcome)
                    .having(outcome_n > 0)
                    .order_by(outcome_n.desc(), ReportOutcome.outcome)
                )
            }
        total = rows.get(ALL_MODES)
        return ScenarioReport(
            scenario_id=scenario_id,
            attempts=total.attempts if total else 0,
            finished=total.finished if total else 0,
            abandoned=total.abandoned if total else 0,
            in_progress=total.in_progress if total else 0,
            learners=total.learners if total else 0,
            learners_finished=total.learners_finished if total else 0,
            outcomes=outcomes,
            stumbles=self.stumbling_steps(scenario_id, top=top),
            known_mistakes=self.known_mistakes(scenario_id, top=top),
            modes=_modes(rows.values()),
        )

    def overview(self) -> Overview:
        """Counts per scenario (and mode), per group and per class session (no names of learners).

        Read from the summaries only: a few hundred rows, whatever the size of the record.
        """
        with self.engine.connect() as conn:
            learners = int(conn.execute(select(func.count()).select_from(Learner)).scalar() or 0)
            per_scenario: dict[str, list[Any]] = {}
            for row in conn.execute(
                select(ReportScenario).where(ReportScenario.attempts > 0).order_by(ReportScenario.scenario_id)
            ):
                per_scenario.setdefault(row.scenario_id, []).append(row)
            per_group_learners = {
                group_key(gid): int(n)
                for gid, n in conn.execute(select(Learner.group_id, func.count()).group_by(Learner.group_id))
            }
            per_group = {
                row.group_key: (int(row.learners), int(row.attempts), int(row.finished))
                for row in conn.execute(select(ReportGroup))
            }
            group_names = dict(conn.execute(select(Group.id, Group.name)).all())
            per_session = session_sums()
            sessions = [
                SessionCount(sid, held_on, venue, int(who or 0), int(n or 0), int(fin or 0))
                for sid, held_on, venue, who, n, fin in conn.execute(
                    select(
                        ClassSession.id,
                        ClassSession.held_on,
                        ClassSession.venue,
                        per_session.c.learners,
                        per_session.c.attempts,
                        per_session.c.finished,
                    )
                    .outerjoin(per_session, per_session.c.session_id == ClassSession.id)
                    .order_by(ClassSession.held_on.desc(), ClassSession.venue)
                )
            ]
        scenarios = []
        for sid, rows in per_scenario.items():
            total = next((r for r in rows if r.mode == ALL_MODES), None)
            if total is None:
                continue
            scenarios.append(ScenarioSummary(sid, total.attempts, total.finished, total.learners, _modes(rows)))
        group_ids = sorted(group_names, key=lambda g: group_names.get(g) or "")
        groups = [
            GroupCount(
                gid,
                group_names.get(gid) if gid is not None else None,
                per_group_learners.get(group_key(gid), 0),
                *per_group.get(group_key(gid), (0, 0, 0)),
            )
            for gid in [*group_ids, None]
            if gid is not None or per_group_learners.get("")
        ]
        return Overview(
            learners=learners,
            attempts=sum(s.attempts for s in scenarios),
            finished=sum(s.finished for s in scenarios),
            scenarios=scenarios,
            groups=groups,
            sessions=sessions,
        )


def _modes(rows: Any) -> tuple[ModeCount, ...]:
    found = [
        ModeCount(r.mode, int(r.attempts), int(r.finished), int(r.learners), int(r.learners_finished))
        for r in rows
        if r.mode != ALL_MODES and r.attempts > 0
    ]
    return tuple(sorted(found, key=lambda m: _mode_key(m.mode)))


def _top_steps(conn: Any, table: Any, where: list[Any], top: int, *, group: bool) -> list[StumbleStep]:
    """The steps with the most stumbles from a step summary (``group``: add up its days first)."""
    cols = [table.mistakes, table.known, table.hints, table.restarts, table.abandons]
    if group:
        cols = [func.sum(c) for c in cols]
    total = cols[0] + cols[2] + cols[3] + cols[4]
    stmt = select(table.scenario_id, table.step_id, *cols).where(*where)
    if group:
        stmt = stmt.group_by(table.scenario_id, table.step_id).having(total > 0)
    else:
        stmt = stmt.where(total > 0)
    stmt = stmt.order_by(total.desc(), table.scenario_id, table.step_id).limit(top)
    return [StumbleStep(sid, step, *map(int, counts)) for sid, step, *counts in conn.execute(stmt)]


def _top_mistakes(conn: Any, table: Any, where: list[Any], top: int, *, group: bool) -> list[MistakeCount]:
    n = func.sum(table.count) if group else table.count
    stmt = select(table.scenario_id, table.step_id, table.mistake_id, n).where(*where)
    if group:
        stmt = stmt.group_by(table.scenario_id, table.step_id, table.mistake_id).having(n > 0)
    else:
        stmt = stmt.where(n > 0)
    stmt = stmt.order_by(n.desc(), table.scenario_id, table.step_id, table.mistake_id).limit(top)
    return [MistakeCount(s, st, m or "", int(c)) for s, st, m, c in conn.execute(stmt)]


def _of_venue(table: Any, session_ids: list[Any], date_from: dt.date, date_to: dt.date) -> list[Any]:
    """Rows of a per-session summary for the given sessions, on the days of the period.

    The ids are given as values, not as a subquery: PostgreSQL then reads those sessions' rows through
    the primary key (33 ms at 10 M events) instead of the whole table (160 ms)."""
    return [table.session_id.in_(session_ids), table.day >= date_from, table.day <= date_to]


def _as_date(value: Any) -> dt.date:
    # min()/max() of a date column come back as text on SQLite.
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def _aware(value: dt.datetime) -> dt.datetime:
    # Aggregates (max) bypass the column type on SQLite and come back as text or naive.
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


# -- the city's report -------------------------------------------------------------------------


@dataclass(frozen=True)
class KindCount:
    """Sessions of one kind (and, in ``by_venue``, at one venue) and their attendances."""

    kind: SessionKind
    venue: str | None
    sessions: int
    attendances: int


@dataclass(frozen=True)
class SessionLine:
    session_id: uuid.UUID
    held_on: dt.date
    venue: str
    kind: SessionKind
    instructor_name: str
    #: Distinct named learners plus guest visits.
    attendances: int
    guests: int


@dataclass(frozen=True)
class ModeFinished:
    """Different learners who finished a scenario in the period playing it one way, and their finishes."""

    mode: str
    learners_finished: int
    finished: int


@dataclass(frozen=True)
class FinishedCount:
    """How many different learners finished one scenario in the period.

    ``learners_finished``, ``finished`` and ``attempts`` count what was practised (every mode but
    "watch"); watched runs are in ``modes`` and :attr:`watched` / :attr:`learners_watched`.
    """

    scenario_id: str
    learners_finished: int
    finished: int
    attempts: int
    #: The same per mode (a learner who finished both ways counts in each), in ``MODE_ORDER``.
    modes: tuple[ModeFinished, ...] = ()

    def learners_finished_in(self, mode: str) -> int:
        return next((m.learners_finished for m in self.modes if m.mode == mode), 0)

    @property
    def learners_watched(self) -> int:
        """Different learners who watched it to the end (「見てみる」): apart from ``learners_finished``."""
        return self.learners_finished_in(WATCH)

    @property
    def watched(self) -> int:
        """Watched runs that reached the end (not in ``finished``)."""
        return next((m.finished for m in self.modes if m.mode == WATCH), 0)


@dataclass(frozen=True)
class HelpedStep:
    """Steps a helper answered a raised hand on (each attempt's step counted once)."""

    scenario_id: str
    step_id: str
    count: int


@dataclass(frozen=True)
class LearnerFinished:
    """Only in a report asked for *with names*: one learner and what they finished."""

    display_name: str
    scenarios_finished: int


@dataclass(frozen=True)
class CityReport:
    """What the city publishes: 「講習会 36 コマ・相談会 6 コマ・延べ 518 人」 and the rest.

    Counts only; ``learners`` (names) is filled only when asked for.
    """

    date_from: dt.date
    date_to: dt.date
    venue: str | None
    by_kind: list[KindCount]
    by_venue: list[KindCount]
    sessions: list[SessionLine]
    #: Attempts in the period that belong to no class (practice at home, or before a class was started).
    attempts_outside_class: int
    scenarios: list[FinishedCount]
    stumbles: list[StumbleStep]
    known_mistakes: list[MistakeCount]
    helped_steps: list[HelpedStep]
    learners: list[LearnerFinished] | None = None

    @property
    def total_sessions(self) -> int:
        return sum(k.sessions for k in self.by_kind)

    @property
    def total_attendances(self) -> int:
        return sum(k.attendances for k in self.by_kind)

    @property
    def attempts(self) -> int:
        return sum(s.attempts for s in self.scenarios)


def local_day_bounds(date_from: dt.date, date_to: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """UTC instants of this PC's local midnight before ``date_from`` and after ``date_to``."""
    start = dt.datetime.combine(date_from, dt.time(0, 0)).astimezone()
    end = dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time(0, 0)).astimezone()
    return start.astimezone(dt.UTC), end.astimezone(dt.UTC)


def session_sums() -> Any:
    """Each class session's different learners with a practised attempt, practised attempts and finishes:
    its learners' rows (``report_session_learner``, one per learner, migration 0012) added up."""
    r = ReportSessionLearner
    return (
        select(
            r.session_id,
            func.sum(case((r.attempts > 0, 1), else_=0)).label("learners"),
            func.sum(r.attempts).label("attempts"),
            func.sum(r.finished).label("finished"),
        )
        .group_by(r.session_id)
        .subquery("per_session")
    )


def session_attendance(conn: Any, sessions: Any) -> dict[Any, tuple[int, int]]:
    """Attendances of the sessions ``sessions`` (a SELECT of ids): session -> (different named learners
    on its board or with an attempt there in any mode, guest visits). Read from the board rows and the
    learners' session rows — both one row per person and session, a few dozen a session."""
    p, r = Presence, ReportSessionLearner
    # Each person has one board row a session: the named ones, then learners with an attempt there
    # and no board row (two index reads, no union of every row to sort).
    out: dict[Any, tuple[int, int]] = {
        sid: (int(n), 0)
        for sid, n in conn.execute(
            select(p.session_id, func.count()).where(p.session_id.in_(sessions), p.learner_id.is_not(None))
            .group_by(p.session_id)
        )
    }
    on_board = select(p.id).where(p.session_id == r.session_id, p.learner_id == r.learner_id).exists()
    for sid, n in conn.execute(
        select(r.session_id, func.count())
        .where(r.session_id.in_(sessions), (r.attempts + r.watched) > 0, ~on_board)
        .group_by(r.session_id)
    ):
        out[sid] = (out.get(sid, (0, 0))[0] + int(n), 0)
    for sid, n in conn.execute(
        select(p.session_id, func.count()).where(p.session_id.in_(sessions), p.learner_id.is_(None))
        .group_by(p.session_id)
    ):
        out[sid] = (out.get(sid, (0, 0))[0], int(n))
    return out


def city_report(
    engine: Engine,
    date_from: dt.date,
    date_to: dt.date,
    *,
    venue: str | None = None,
    with_names: bool = False,
    top: int = 20,
) -> CityReport:
    """The city's report for a period (both dates included, this PC's local days).

    Sessions count by ``held_on``; attempts by when they started, finishes by
    when they ended, stumbles and help by when they happened. With ``venue``,
    only sessions held there and the attempts made in them count.
    """
    if date_to < date_from:
        raise ValueError("date_to is before date_from")
    start, end = local_day_bounds(date_from, date_to)
    in_sessions = select(ClassSession.id).where(ClassSession.held_on >= date_from, ClassSession.held_on <= date_to)
    if venue is not None:
        in_sessions = in_sessions.where(ClassSession.venue == venue)
    session_ids = in_sessions.subquery()
    with engine.connect() as conn:
        attendance = session_attendance(conn, select(session_ids.c.id))
        session_rows = conn.execute(
            select(
                ClassSession.id,
                ClassSession.held_on,
                ClassSession.venue,
                ClassSession.kind,
                ClassSession.instructor_name,
            )
            .where(ClassSession.id.in_(select(session_ids.c.id)))
            .order_by(ClassSession.held_on, ClassSession.venue, ClassSession.created_at)
        ).all()
        attempt_filter: list[Any] = [Attempt.started_at >= start, Attempt.started_at < end, _PRACTISED]
        finished_filter: list[Any] = [
            Attempt.status == AttemptStatus.FINISHED,
            Attempt.ended_at >= start,
            Attempt.ended_at < end,
        ]
        if venue is not None:
            attempt_filter.append(Attempt.session_id.in_(select(session_ids.c.id)))
            finished_filter.append(Attempt.session_id.in_(select(session_ids.c.id)))
        # When the period holds every attempt (and every finish), the all-time summaries are the very
        # same counts; otherwise read the attempts of the period through the covering indexes.
        # One aggregate a statement: each is then one step down an index (SQLite cannot do that for
        # several min/max in one SELECT and reads every attempt instead).
        spans = [
            conn.execute(select(agg(column))).scalar()
            for column in (Attempt.started_at, Attempt.ended_at)
            for agg in (func.min, func.max)
        ]
        whole = venue is None and all(v is None or start <= _aware(v) < end for v in spans)
        attempts_by: dict[str, int] = {}
        finished_by: dict[str, tuple[int, int]] = {}
        finished_modes: dict[str, list[ModeFinished]] = {}
        outside = 0
        if whole:
            in_classes = int(
                conn.execute(select(func.coalesce(func.sum(ReportSessionLearner.attempts), 0))).scalar() or 0
            )
            for row in conn.execute(select(ReportScenario).where(ReportScenario.attempts > 0)):
                if row.mode == ALL_MODES:
                    attempts_by[row.scenario_id] = int(row.attempts)
                    if row.finished:
                        finished_by[row.scenario_id] = (int(row.learners_finished), int(row.finished))
                elif row.finished:
                    finished_modes.setdefault(row.scenario_id, []).append(
                        ModeFinished(row.mode, int(row.learners_finished), int(row.finished))
                    )
            outside = sum(attempts_by.values()) - in_classes
        else:
            # Attempts per scenario and those outside any class: one pass over the covering index
            # (started_at, session_id, scenario_id).
            for sid, n, alone in conn.execute(
                select(Attempt.scenario_id, func.count(), _count_if(Attempt.session_id.is_(None)))
                .where(*attempt_filter)
                .group_by(Attempt.scenario_id)
            ):
                attempts_by[sid] = int(n)
                outside += int(alone or 0)
            if venue is not None:
                outside = 0
            # Different learners who finished, overall and per mode: one pass over the covering index
            # (ended_at, status, scenario_id, learner_id, mode), per learner first.
            per_learner = (
                select(
                    Attempt.scenario_id,
                    Attempt.learner_id,
                    _count_if(_PRACTISED).label("n"),
                    *[_count_if(Attempt.mode == mode).label(f"m_{mode}") for mode in MODE_ORDER],
                )
                .where(*finished_filter)
                .group_by(Attempt.scenario_id, Attempt.learner_id)
                .subquery()
            )
            for sid, who, n, *per_mode in conn.execute(
                select(
                    per_learner.c.scenario_id,
                    _count_if(per_learner.c.n > 0),
                    func.sum(per_learner.c.n),
                    *[
                        x
                        for mode in MODE_ORDER
                        for x in (_count_if(per_learner.c[f"m_{mode}"] > 0), func.sum(per_learner.c[f"m_{mode}"]))
                    ],
                ).group_by(per_learner.c.scenario_id)
            ):
                if n:
                    finished_by[sid] = (int(who), int(n))
                finished_modes[sid] = [
                    ModeFinished(mode, int(per_mode[2 * k] or 0), int(per_mode[2 * k + 1] or 0))
                    for k, mode in enumerate(MODE_ORDER)
                    if per_mode[2 * k + 1]
                ]
        if venue is None:
            first, last = (conn.execute(select(agg(ReportStepDay.day))).scalar() for agg in (func.min, func.max))
            if first is None or (date_from <= _as_date(first) and _as_date(last) <= date_to):
                # The period holds every recorded day: the all-time summaries are the same counts.
                stumbles = _top_steps(conn, ReportStep, [], top, group=False)
                known = _top_mistakes(conn, ReportMistake, [], top, group=False)
            else:
                # Every venue: the per-day summaries of the period (a few rows a day, never the events).
                stumbles = _top_steps(
                    conn, ReportStepDay, [ReportStepDay.day >= date_from, ReportStepDay.day <= date_to], top,
                    group=True,
                )
                known = _top_mistakes(
                    conn, ReportMistakeDay, [ReportMistakeDay.day >= date_from, ReportMistakeDay.day <= date_to],
                    top, group=True,
                )
        else:
            # One venue: the per-session summaries of the sessions held there, days of the period only.
            held_there = [row[0] for row in session_rows]
            stumbles = _top_steps(conn, ReportSessionStep, _of_venue(ReportSessionStep, held_there, date_from, date_to),
                                  top, group=True)
            known = _top_mistakes(
                conn, ReportSessionMistake, _of_venue(ReportSessionMistake, held_there, date_from, date_to), top,
                group=True,
            )
        if venue is None:
            # Every venue: the per-day summary (each attempt's step once, on the day of its first help).
            n_help = func.sum(ReportHelpDay.count)
            helped = [
                HelpedStep(s, st, int(c))
                for s, st, c in conn.execute(
                    select(ReportHelpDay.scenario_id, ReportHelpDay.step_id, n_help)
                    .where(ReportHelpDay.day >= date_from, ReportHelpDay.day <= date_to)
                    .group_by(ReportHelpDay.scenario_id, ReportHelpDay.step_id)
                    .having(n_help > 0)
                    .order_by(n_help.desc(), ReportHelpDay.scenario_id, ReportHelpDay.step_id)
                )
            ]
        else:
            n_help = func.sum(ReportSessionHelp.count)
            helped = [
                HelpedStep(s, st, int(c))
                for s, st, c in conn.execute(
                    select(ReportSessionHelp.scenario_id, ReportSessionHelp.step_id, n_help)
                    .where(*_of_venue(ReportSessionHelp, held_there, date_from, date_to))
                    .group_by(ReportSessionHelp.scenario_id, ReportSessionHelp.step_id)
                    .having(n_help > 0)
                    .order_by(n_help.desc(), ReportSessionHelp.scenario_id, ReportSessionHelp.step_id)
                )
            ]
        learners: list[LearnerFinished] | None = None
        if with_names and whole:
            # Every finish of the record is in the period: each learner's different scenarios are kept.
            learners = [
                LearnerFinished(name, int(k))
                for name, k in conn.execute(
                    select(Learner.display_name, ReportLearner.scenarios_finished)
                    .join(ReportLearner, ReportLearner.learner_id == Learner.id)
                    .where(ReportLearner.scenarios_finished > 0)
                    .order_by(Learner.display_name)
                )
            ]
        elif with_names:
            done = (
                select(Attempt.learner_id, func.count(func.distinct(Attempt.scenario_id)).label("k"))
                .where(*finished_filter, _PRACTISED)
                .group_by(Attempt.learner_id)
                .subquery()
            )
            learners = [
                LearnerFinished(name, int(k))
                for name, k in conn.execute(
                    select(Learner.display_name, done.c.k)
                    .join(done, done.c.learner_id == Learner.id)
                    .order_by(Learner.display_name)
                )
            ]
    sessions = []
    for sid, held_on, where, kind, instructor in session_rows:
        named, guests = attendance.get(sid, (0, 0))
        sessions.append(SessionLine(sid, held_on, where, SessionKind(kind), instructor or "", named + guests, guests))
    by_kind = [
        KindCount(kind, None, sum(1 for s in sessions if s.kind is kind), sum(s.attendances for s in sessions if s.kind is kind))
        for kind in SessionKind
    ]
    venues: dict[tuple[str, SessionKind], list[SessionLine]] = {}
    for s in sessions:
        venues.setdefault((s.venue, s.kind), []).append(s)
    by_venue = [
        KindCount(kind, where, len(items), sum(i.attendances for i in items))
        for (where, kind), items in sorted(venues.items(), key=lambda kv: (kv[0][0], list(SessionKind).index(kv[0][1])))
    ]
    scenario_ids = sorted(set(attempts_by) | set(finished_by))
    scenarios = [
        FinishedCount(
            sid,
            finished_by.get(sid, (0, 0))[0],
            finished_by.get(sid, (0, 0))[1],
            int(attempts_by.get(sid, 0)),
            tuple(sorted(finished_modes.get(sid, []), key=lambda m: _mode_key(m.mode))),
        )
        for sid in scenario_ids
    ]
    return CityReport(
        date_from=date_from,
        date_to=date_to,
        venue=venue,
        by_kind=by_kind,
        by_venue=by_venue,
        sessions=sessions,
        attempts_outside_class=outside,
        scenarios=scenarios,
        stumbles=stumbles,
        known_mistakes=known,
        helped_steps=helped,
        learners=learners,
    )
