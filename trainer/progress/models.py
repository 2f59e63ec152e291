"""The progress record's tables, as SQLAlchemy 2 typed models.

What is stored, and nothing more (see ``docs/decisions/progress.md``):

* a learner is a display name (a nickname is fine) and optionally a group —
  no age, address, health, disability or contact details, ever;
* an attempt is one run of one scenario version by one learner, with where
  to resume it (a snapshot made of ids only);
* a step event is one thing the scenario runner decided (a step was shown,
  an action was judged right or wrong, a hint was given ...). It keeps ids,
  outcomes, hint levels and ``duration_ms`` — never a value the learner
  typed, said or scanned.

Guests' practice is not recorded: an attempt always has a learner. A guest in a
class is counted as an anonymous attendance (a ``Presence`` without a name).
Every key is a UUID generated on the client, so an event written twice
(replayed from the local outbox after an outage) is stored once.
"""

from __future__ import annotations

import datetime as dt
import uuid
from enum import Enum, StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    TypeDecorator,
    Uuid,
    text,
)
from sqlalchemy import Enum as SAEnum
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

#: Lengths of id-like text columns (scenario, step, mistake ids from content files).
ID_LENGTH = 100
#: Longest display name a learner or group may have, in characters.
NAME_LENGTH = 60

#: Which events are "stumbles": mistakes, hints, restarts, giving up. Reports use this exact
#: text so both databases can answer from the small partial index ``ix_step_event_stumbles``.
STUMBLE_PREDICATE = "kind IN ('hint', 'restart', 'abandoned') OR result <> 'correct'"

#: Events a helper answered a raised hand on (a tiny partial index keeps this report fast).
HELPED_PREDICATE = "helper_assisted = true"

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    """The current time, timezone-aware, in UTC (all stored times are UTC)."""
    return dt.datetime.now(dt.UTC)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A timestamp stored in UTC and always read back timezone-aware.

    SQLite keeps no time zone; PostgreSQL uses ``timestamptz``. Either way the
    Python side sees aware UTC datetimes.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; use an aware UTC datetime")
        return value.astimezone(dt.UTC)

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


class EventKind(StrEnum):
    """What a step event records; one per runner event that matters."""

    STEP_SHOWN = "step-shown"
    ACTION_JUDGED = "action-judged"
    HINT = "hint"
    RESTART = "restart"
    FINISHED = "finished"
    ABANDONED = "abandoned"


class JudgementResult(StrEnum):
    """How the runner judged an action (mirrors ``scenarios.events.Judgement``)."""

    CORRECT = "correct"
    KNOWN_MISTAKE = "known-mistake"
    OTHER_MISTAKE = "other-mistake"


class AttemptStatus(StrEnum):
    """Where an attempt stands. Only unfinished attempts can be resumed."""

    IN_PROGRESS = "in-progress"
    FINISHED = "finished"
    ABANDONED = "abandoned"  # the learner chose 「やめる」; resumable while it keeps a snapshot


def _enum(enum_cls: type[Enum], name: str) -> SAEnum:
    # Stored as short text with a CHECK constraint (portable: SQLite and PostgreSQL),
    # using the enum *values* ("step-shown"), not the Python names.
    return SAEnum(
        enum_cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=20,
        validate_strings=True,
        values_callable=lambda cls: [member.value for member in cls],
    )


class Base(DeclarativeBase):
    """Declarative base with constraint names Alembic can rely on."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {dt.datetime: UTCDateTime(), uuid.UUID: Uuid()}


class Group(Base):
    """A class or circle of learners (e.g. 「火曜スマホ教室」)."""

    __tablename__ = "learner_group"
    __table_args__ = (CheckConstraint("length(trim(name)) > 0", name="name_not_blank"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    #: Name shown to instructors and on the learner picker's group filter.
    name: Mapped[str] = mapped_column(String(NAME_LENGTH), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Learner(Base):
    """A person who practises. A display name, an optional group and the way an instructor fixed
    for them to practise: nothing else."""

    __tablename__ = "learner"
    __table_args__ = (CheckConstraint("length(trim(display_name)) > 0", name="display_name_not_blank"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    #: What the learner is called on their tile; a nickname is enough.
    display_name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    group_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("learner_group.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    #: The way an instructor fixed for this learner to be offered first (``watch``, ``try`` or
    #: ``alone``, see ``trainer.scenarios.modes``); None: the record suggests one per scenario.
    default_mode: Mapped[str | None] = mapped_column(String(10), nullable=True, default=None)


class LearnerMerge(Base):
    """Where a merged-away learner's id now points.

    A PC that was offline during a merge may later replay attempts of the
    old id; they are redirected to the kept learner instead of being lost.
    """

    __tablename__ = "learner_merge"

    merged_learner_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    kept_learner_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("learner.id", ondelete="CASCADE"), index=True
    )
    merged_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class SessionKind(StrEnum):
    """What kind of class a session is; the city counts each kind separately."""

    COURSE = "course"  # 講習会
    CONSULTATION = "consultation"  # 相談会
    ACCESSIBLE = "accessible"  # 障がい者向け
    OUTREACH = "outreach"  # 出張


class ClassSession(Base):
    """One class meeting: a date, a venue, who taught it and what kind it was.

    A session started from the instructor area is *open* from ``started_at``
    until it is ended (``ended_at``) or, at the latest, ``closes_at`` — the
    local midnight after it started. While open, every attempt started on a
    PC sharing the record is linked to it. Sessions entered afterwards (no
    ``started_at``) are never open.
    """

    __tablename__ = "class_session"
    __table_args__ = (
        CheckConstraint("length(trim(venue)) > 0", name="venue_not_blank"),
        CheckConstraint("ended_at IS NULL OR started_at IS NOT NULL", name="ends_only_when_started"),
        Index("ix_class_session_ended_at_closes_at", "ended_at", "closes_at"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    held_on: Mapped[dt.date] = mapped_column(Date, index=True)
    venue: Mapped[str] = mapped_column(String(200))
    instructor_name: Mapped[str] = mapped_column(String(NAME_LENGTH), default="")
    group_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("learner_group.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    kind: Mapped[SessionKind] = mapped_column(
        _enum(SessionKind, "session_kind"), default=SessionKind.COURSE, server_default=SessionKind.COURSE.value
    )
    started_at: Mapped[dt.datetime | None] = mapped_column()
    ended_at: Mapped[dt.datetime | None] = mapped_column()
    closes_at: Mapped[dt.datetime | None] = mapped_column()


class Venue(Base):
    """A place where the city holds classes (the list is kept in the instructor area)."""

    __tablename__ = "venue"
    __table_args__ = (CheckConstraint("length(trim(name)) > 0", name="name_not_blank"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Presence(Base):
    """One person practising in one class session, as the help board shows them.

    A named learner has one row per session (``id`` is derived from the
    session and learner, so every PC writes the same row); a guest has a row
    per guest visit with ``learner_id`` NULL — an anonymous attendance, no
    name. The row holds the live state the board needs (counts, never times
    on screen): the scenario and step, the wrong tries and hints on that
    step, a raised hand. ``assisted_step`` is set by 「対応しました」 and tells
    the learner's PC to mark the rest of that step as helper-assisted.
    """

    __tablename__ = "class_presence"
    __table_args__ = (
        CheckConstraint("step_mistakes >= 0 AND step_hints >= 0", name="counts_not_negative"),
        CheckConstraint("finished_count >= 0", name="finished_count_not_negative"),
        # A session's attendances are read from its board rows (migration 0012): from the index alone.
        Index("ix_class_presence_session_id_learner_id", "session_id", "learner_id"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    session_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("class_session.id", ondelete="CASCADE"), index=True)
    learner_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("learner.id", ondelete="CASCADE"), index=True)
    attempt_id: Mapped[uuid.UUID | None] = mapped_column(Uuid())
    scenario_id: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    step_id: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    #: 1-based number of the step as the player shows it (「3 番目の手順」).
    step_number: Mapped[int | None] = mapped_column(Integer)
    step_mistakes: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    step_hints: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    #: "practising", "finished" (the last scenario reached its finish) or "resting" (left it).
    state: Mapped[str] = mapped_column(String(20), default="practising", server_default="practising")
    finished_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    hand_raised_at: Mapped[dt.datetime | None] = mapped_column()
    assisted_step: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    first_seen_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Attempt(Base):
    """One run of one scenario version by one (named) learner."""

    __tablename__ = "attempt"
    __table_args__ = (
        CheckConstraint("scenario_version >= 0", name="scenario_version_not_negative"),
        CheckConstraint("ended_at IS NULL OR ended_at >= started_at", name="ends_after_start"),
        CheckConstraint(
            "(status = 'in-progress' AND ended_at IS NULL) OR (status <> 'in-progress' AND ended_at IS NOT NULL)",
            name="ended_when_not_in_progress",
        ),
        # Resume lookups: a learner's attempts on one scenario, newest first.
        Index("ix_attempt_learner_id_scenario_id_started_at", "learner_id", "scenario_id", "started_at"),
        # Covering indexes for the count reports (answered from the index alone).
        Index("ix_attempt_scenario_id_learner_id_status", "scenario_id", "learner_id", "status"),
        Index("ix_attempt_learner_id_status", "learner_id", "status"),
        Index("ix_attempt_session_id_learner_id_status", "session_id", "learner_id", "status"),
        # The city's report: attempts started in a period (and whether in a class), finishes in a period.
        Index("ix_attempt_started_at_session_id_scenario_id_mode", "started_at", "session_id", "scenario_id", "mode"),
        # One venue's attempts of a period: its sessions' attempts from the index alone (migration 0011).
        Index("ix_attempt_session_id_started_at_scenario_id_mode", "session_id", "started_at", "scenario_id", "mode"),
        Index(
            "ix_attempt_session_id_status_ended_at_covering",
            "session_id",
            "status",
            "ended_at",
            "scenario_id",
            "learner_id",
            "mode",
        ),
        Index(
            "ix_attempt_ended_at_status_scenario_id_learner_id_mode",
            "ended_at",
            "status",
            "scenario_id",
            "learner_id",
            "mode",
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    learner_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("learner.id", ondelete="CASCADE"))
    session_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("class_session.id", ondelete="SET NULL"))
    scenario_id: Mapped[str] = mapped_column(String(ID_LENGTH))
    scenario_version: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[dt.datetime | None] = mapped_column()
    status: Mapped[AttemptStatus] = mapped_column(
        _enum(AttemptStatus, "attempt_status"), default=AttemptStatus.IN_PROGRESS
    )
    #: The author's ``finish`` value of the finish step reached (e.g. "paid", "safe").
    outcome: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    #: Where to resume: ``{"scenario_id", "scenario_version", "step_id", "hint_level", "path"}``
    #: — ids only. NULL once finished or superseded by a newer attempt.
    resume_snapshot: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))
    #: How it was played: ``try`` (guided) or ``alone`` (on your own) — see ``trainer.scenarios.modes``.
    mode: Mapped[str] = mapped_column(String(10), default="try", server_default="try")


class StepEvent(Base):
    """One runner event on one step. Append-only; the id is made on the client."""

    __tablename__ = "step_event"
    __table_args__ = (
        CheckConstraint("seq >= 0", name="seq_not_negative"),
        CheckConstraint("duration_ms IS NULL OR duration_ms >= 0", name="duration_ms_not_negative"),
        CheckConstraint("hint_level IS NULL OR hint_level >= 0", name="hint_level_not_negative"),
        CheckConstraint(
            "(kind = 'action-judged') = (result IS NOT NULL)", name="result_only_on_action_judged"
        ),
        CheckConstraint(
            "mistake_id IS NULL OR result = 'known-mistake'", name="mistake_id_only_on_known_mistake"
        ),
        Index("ix_step_event_attempt_id_seq", "attempt_id", "seq"),
        # Reports on "where do people stumble" read only this (small) part of the table.
        Index(
            "ix_step_event_stumbles",
            "scenario_id",
            "step_id",
            "kind",
            "result",
            "mistake_id",
            sqlite_where=text(STUMBLE_PREDICATE),
            postgresql_where=text(STUMBLE_PREDICATE),
        ),
        # The city's report counts stumbles in a period: the same partial index, with the time last
        # (read in group order, the period checked in the index itself).
        Index(
            "ix_step_event_stumbles_by_time",
            "scenario_id",
            "step_id",
            "kind",
            "result",
            "mistake_id",
            "created_at",
            sqlite_where=text(STUMBLE_PREDICATE),
            postgresql_where=text(STUMBLE_PREDICATE),
        ),
        Index(
            "ix_step_event_helped",
            "created_at",
            "scenario_id",
            "step_id",
            "attempt_id",
            sqlite_where=text(HELPED_PREDICATE),
            postgresql_where=text(HELPED_PREDICATE),
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    attempt_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("attempt.id", ondelete="CASCADE"))
    #: Order of the event within its attempt (0, 1, 2 ...), continued after a resume.
    seq: Mapped[int] = mapped_column(Integer)
    #: Copied from the attempt (it never changes) so scenario reports need no join.
    scenario_id: Mapped[str] = mapped_column(String(ID_LENGTH))
    kind: Mapped[EventKind] = mapped_column(_enum(EventKind, "event_kind"))
    step_id: Mapped[str] = mapped_column(String(ID_LENGTH))
    result: Mapped[JudgementResult | None] = mapped_column(_enum(JudgementResult, "judgement_result"))
    #: The author's id of the known mistake made (only with result "known-mistake").
    mistake_id: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    #: Kind of action judged ("tap", "enter" ...) and the element id acted on — ids, not values.
    action_kind: Mapped[str | None] = mapped_column(String(20))
    target_id: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    #: Author's outcome of a branching choice, or the finish outcome.
    outcome: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    #: Hint level: the level given (hint events) or reached so far on the step (judged actions).
    hint_level: Mapped[int | None] = mapped_column(Integer)
    #: True while an instructor or supporter said they were helping the learner.
    helper_assisted: Mapped[bool] = mapped_column(Boolean(create_constraint=False), default=False)
    #: Time from the step being shown to the judged action, in milliseconds.
    duration_ms: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column()


class AppSetting(Base):
    """Small key/value settings shared by every PC using this record.

    The instructor PIN lives here as a salted scrypt hash (see ``progress.pin``).
    """

    __tablename__ = "app_setting"
    __table_args__ = (CheckConstraint("length(key) > 0", name="key_not_blank"),)

    key: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    value: Mapped[str] = mapped_column(String(2000))
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)


# -- report summaries ---------------------------------------------------------------------------
#
# Small tables kept up to date on the write path (``ProgressStore.apply``, in the same transaction
# as the attempt or event they count) so reports never scan the event table: see
# ``trainer.progress.rollups`` and ``docs/decisions/progress.md``. Counts only: no names, no
# typed values. ``mode`` "" in ``report_scenario`` is the row for every mode together.


def _count_column() -> Mapped[int]:
    return mapped_column(Integer, default=0, server_default="0")


class ReportScenario(Base):
    """Attempts and learners on one scenario, per mode ("" = every mode practised: all but "watch")."""

    __tablename__ = "report_scenario"

    scenario_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    mode: Mapped[str] = mapped_column(String(10), primary_key=True)
    attempts: Mapped[int] = _count_column()
    finished: Mapped[int] = _count_column()
    abandoned: Mapped[int] = _count_column()
    in_progress: Mapped[int] = _count_column()
    #: Different learners with an attempt / a finished attempt (in this mode).
    learners: Mapped[int] = _count_column()
    learners_finished: Mapped[int] = _count_column()


class ReportOutcome(Base):
    """Finished attempts of one scenario by the author's outcome (``outcome`` "" when none)."""

    __tablename__ = "report_outcome"

    scenario_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    mode: Mapped[str] = mapped_column(String(10), primary_key=True)
    outcome: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    finished: Mapped[int] = _count_column()


class ReportLearner(Base):
    """One learner's attempts and finishes (practised: watched runs are not counted here)."""

    __tablename__ = "report_learner"

    learner_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("learner.id", ondelete="CASCADE"), primary_key=True)
    attempts: Mapped[int] = _count_column()
    finished: Mapped[int] = _count_column()
    #: Different scenarios this learner finished (practised).
    scenarios_finished: Mapped[int] = _count_column()


class ReportGroup(Base):
    """One group's learners with an attempt, attempts and finishes (``group_key``: the group's id as 32 hex
    digits, "" for learners without a group). Moved along when a learner changes group."""

    __tablename__ = "report_group"

    group_key: Mapped[str] = mapped_column(String(32), primary_key=True)
    learners: Mapped[int] = _count_column()
    attempts: Mapped[int] = _count_column()
    finished: Mapped[int] = _count_column()


class ReportSessionLearner(Base):
    """One learner's attempts in one class session (migration 0012): practised attempts, practised
    finishes, watched runs. Only that learner's recorder writes the row, so the PCs of a class never
    add to a shared row; the session's counts are these rows added up when read — its different
    learners (rows with a practised attempt) and, with its board rows, its attendances."""

    __tablename__ = "report_session_learner"

    session_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("class_session.id", ondelete="CASCADE"), primary_key=True
    )
    learner_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("learner.id", ondelete="CASCADE"), primary_key=True)
    attempts: Mapped[int] = _count_column()
    finished: Mapped[int] = _count_column()
    watched: Mapped[int] = _count_column()


class ReportStep(Base):
    """Stumbles on one step, all time (the same counts as ``STUMBLE_PREDICATE`` events)."""

    __tablename__ = "report_step"

    scenario_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    step_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    mistakes: Mapped[int] = _count_column()
    known: Mapped[int] = _count_column()
    hints: Mapped[int] = _count_column()
    restarts: Mapped[int] = _count_column()
    abandons: Mapped[int] = _count_column()


class ReportMistake(Base):
    """Known mistakes made on one step, all time (``mistake_id`` "" for a known mistake without an id)."""

    __tablename__ = "report_mistake"

    scenario_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    step_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    mistake_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    count: Mapped[int] = _count_column()


class ReportStepDay(Base):
    """Stumbles on one step on one day (the local day of the PC that recorded them): the city's report."""

    __tablename__ = "report_step_day"

    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    scenario_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    step_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    mistakes: Mapped[int] = _count_column()
    known: Mapped[int] = _count_column()
    hints: Mapped[int] = _count_column()
    restarts: Mapped[int] = _count_column()
    abandons: Mapped[int] = _count_column()


class ReportMistakeDay(Base):
    """Known mistakes on one step on one day (local day of the recording PC)."""

    __tablename__ = "report_mistake_day"

    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    scenario_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    step_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    mistake_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    count: Mapped[int] = _count_column()


class ReportHelpDay(Base):
    """Steps a helper answered a raised hand on (「対応しました」), per day: each attempt's step counted once,
    on the local day of its first helper-assisted event (the city's report)."""

    __tablename__ = "report_help_day"

    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    scenario_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    step_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    count: Mapped[int] = _count_column()


class ReportSessionStep(Base):
    """Stumbles on one step in one class session on one day: the city's report for one venue adds up the
    sessions held there, never reading their events."""

    __tablename__ = "report_session_step"

    session_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("class_session.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    scenario_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    step_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    mistakes: Mapped[int] = _count_column()
    known: Mapped[int] = _count_column()
    hints: Mapped[int] = _count_column()
    restarts: Mapped[int] = _count_column()
    abandons: Mapped[int] = _count_column()


class ReportSessionMistake(Base):
    """Known mistakes on one step in one class session on one day (the city's report for one venue)."""

    __tablename__ = "report_session_mistake"

    session_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("class_session.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    scenario_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    step_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    mistake_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    count: Mapped[int] = _count_column()


class ReportSessionHelp(Base):
    """Steps a helper answered a raised hand on in one class session, per day: each attempt's step once, on
    the local day of its first helper-assisted event (the city's report for one venue)."""

    __tablename__ = "report_session_help"

    session_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("class_session.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    scenario_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    step_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    count: Mapped[int] = _count_column()


REPORT_TABLES = (
    ReportScenario,
    ReportOutcome,
    ReportLearner,
    ReportGroup,
    ReportSessionLearner,
    ReportStep,
    ReportMistake,
    ReportStepDay,
    ReportMistakeDay,
    ReportHelpDay,
    ReportSessionStep,
    ReportSessionMistake,
    ReportSessionHelp,
)
