"""``ProgressRecorder``: what the player calls to record a run, never waiting.

Three parts, one module each: this UI-facing recorder (attempt state, the
resume lookup, the status the screens show), the delivery worker that writes
to the database or the outbox (:mod:`trainer.progress.delivery`), and the run
listener that records one run from the runner's events
(:mod:`trainer.progress.run_listener`).

The player hands over the runner's events (``record``), the resume point
(``save_snapshot``) and the start and end of an attempt. Each call only
turns the event into a small :class:`~trainer.progress.records.Unit` and puts
it on a queue — microseconds on the UI thread. A worker thread writes what
is queued in ONE short transaction (in practice: one per learner action).

When the database cannot be written (server down, disk full, locked) the
units go, in order, to the durable local :class:`~trainer.progress.outbox.Outbox`
and the worker retries with growing pauses; once anything waits there, new
units queue behind it so the record keeps its order. ``pending_count()`` and
the status listeners say, in plain Japanese, that records are waiting.
If even the outbox cannot be written, units are held in memory and the
status says so loudly (``SaveState.FAILING``).

Guests are not recorded: ``start_attempt(None, ...)`` returns None and every
later call for that run does nothing. Runner events carry no typed values;
``record`` refuses anything that is not a runner event (an ``Action``, say).
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trainer.progress.delivery import (
    DEFAULT_RETRY_DELAYS_S,
    DRAIN_BATCH,
    Delivery,
    SaveState,
    SaveStatus,
)
from trainer.progress.models import AttemptStatus, EventKind, JudgementResult, utcnow
from trainer.progress.records import (
    PLAY_MODES,
    AttemptEnd,
    AttemptStart,
    EventRecord,
    Unit,
    clean_snapshot,
    short_id,
)
from trainer.progress.run_listener import RunListener
from trainer.progress.store import ProgressStore, ResumePoint
from trainer.scenarios import events as ev
from trainer.scenarios.snapshot import Snapshot, SnapshotError
from trainer.words.catalogue import tr

__all__ = ["DEFAULT_RETRY_DELAYS_S", "DRAIN_BATCH", "ProgressRecorder", "RunListener", "SaveState", "SaveStatus"]

log = logging.getLogger("trainer.progress")

@dataclass
class _AttemptState:
    attempt_id: uuid.UUID
    learner_id: uuid.UUID
    scenario_id: str
    next_seq: int = 0
    hint_level: int = 0
    finished: bool = False


class ProgressRecorder:
    """Records runs of named learners; safe to call from the UI thread.

    ``store`` writes to the database; ``outbox_path`` is the local file for
    records that must wait (``database.data_dir() / OUTBOX_FILENAME``).
    Writing is :class:`~trainer.progress.delivery.Delivery`'s (``delivery``).
    """

    def __init__(
        self,
        store: ProgressStore,
        outbox_path: str | Path,
        *,
        retry_delays_s: Sequence[float] = DEFAULT_RETRY_DELAYS_S,
        on_status: Callable[[SaveStatus], None] | None = None,
        spill_dirs: Sequence[Path] | None = None,
    ) -> None:
        self.store = store
        self._lock = threading.RLock()
        self._attempts: dict[uuid.UUID, _AttemptState] = {}
        self._latest: dict[tuple[uuid.UUID, str], tuple[uuid.UUID, dict[str, Any] | None]] = {}
        self._current: uuid.UUID | None = None
        self._helper_assisted = False
        #: Where new attempts learn the class open now (``Seat.session_id``; must not block).
        self.session_source: Callable[[], uuid.UUID | None] | None = None
        self.delivery = Delivery(store, outbox_path, lock=self._lock, retry_delays_s=retry_delays_s,
                                 on_status=on_status, spill_dirs=spill_dirs)

    @property
    def spill_dirs(self) -> list[Path]:
        """Second locations for what is held in memory at closing (see :mod:`trainer.progress.spill`)."""
        return self.delivery.spill_dirs

    @property
    def spilled_to(self) -> Path | None:
        """The spill file written at closing (or by :meth:`spill_now`), if any."""
        return self.delivery.spilled_to

    @property
    def outbox_path(self) -> Path:
        return self.delivery.outbox_path

    # -- the player's calls (UI thread) -------------------------------------------------

    @property
    def helper_assisted(self) -> bool:
        """True while an instructor or supporter is helping; stamped on each event.

        Cleared by the next step shown: the help belonged to the step it was given on.
        """
        return self._helper_assisted

    @helper_assisted.setter
    def helper_assisted(self, value: bool) -> None:
        self._helper_assisted = bool(value)

    @property
    def outbox_notice_ja(self) -> str | None:
        """Plain-Japanese notice when the outbox file was damaged and moved aside at start."""
        integrity = self.delivery.outbox_integrity
        return None if integrity is None or integrity.ok else integrity.message_ja

    @property
    def outbox_notice_en(self) -> str | None:
        """The same notice in English."""
        integrity = self.delivery.outbox_integrity
        return None if integrity is None or integrity.ok else integrity.message_en

    @property
    def current_attempt(self) -> uuid.UUID | None:
        return self._current

    def start_attempt(
        self,
        learner_id: uuid.UUID | None,
        scenario_id: str,
        scenario_version: int,
        *,
        resume: bool = False,
        session_id: uuid.UUID | None = None,
        mode: str = "try",
    ) -> uuid.UUID | None:
        """Begin recording a run and return its attempt id (None for a guest: not recorded).

        With ``resume=True`` and an unfinished attempt to resume (see
        :meth:`resumable`), that attempt continues under its own id; otherwise
        a new attempt starts and older unfinished ones stop being resumable.
        """
        if learner_id is None:
            self._current = None
            return None
        if int(scenario_version) < 0:
            raise ValueError("scenario_version must be >= 0")
        scenario_id = short_id(scenario_id) or ""
        now = utcnow()
        if session_id is None and self.session_source is not None:
            try:
                session_id = self.session_source()
            except Exception as exc:  # a class that cannot be read must not stop the practice
                log.warning("could not tell the open class: %s", type(exc).__name__)
        with self._lock:
            point = self.resume_point(learner_id, scenario_id) if resume else None
            if point is not None:
                state = self._attempts.get(point.attempt_id) or _AttemptState(
                    point.attempt_id, learner_id, scenario_id, next_seq=self._next_seq(point.attempt_id)
                )
                state.finished = False
                stored = _snapshot_of(point)
                state.hint_level = stored.hint_level if stored is not None else 0
                self._attempts[point.attempt_id] = state
                self._current = point.attempt_id
                self.delivery.put(Unit(point.attempt_id, learner_id, scenario_id, reopen=True))
                return point.attempt_id
            attempt_id = uuid.uuid4()
            self._forget_attempts_of(learner_id, scenario_id)  # no longer resumable: nothing will follow
            self._attempts[attempt_id] = _AttemptState(attempt_id, learner_id, scenario_id)
            self._current = attempt_id
            self._latest[(learner_id, scenario_id)] = (attempt_id, None)
            self.delivery.put(
                Unit(
                    attempt_id,
                    learner_id,
                    scenario_id,
                    start=AttemptStart(int(scenario_version), now, session_id,
                                       mode if mode in PLAY_MODES else "try"),
                )
            )
            return attempt_id

    def record(
        self, event: ev.RunEvent, *, attempt_id: uuid.UUID | None = None, helper_assisted: bool | None = None
    ) -> None:
        """Record one runner event for the current (or given) attempt."""
        self.record_action((event,), attempt_id=attempt_id, helper_assisted=helper_assisted)

    def record_action(
        self,
        events: Iterable[ev.RunEvent],
        snapshot: Snapshot | Mapping[str, Any] | None = None,
        *,
        attempt_id: uuid.UUID | None = None,
        helper_assisted: bool | None = None,
    ) -> None:
        """Record everything one learner action produced, as one unit (one transaction).

        ``snapshot`` is the runner's resume point after the action, if any.
        """
        events = tuple(events)
        for event in events:
            if not isinstance(event, _RUN_EVENTS):
                # Only the type is named: the value might be an Action holding typed text.
                raise TypeError(f"not a runner event: {type(event).__name__}")
        clean = clean_snapshot(snapshot) if snapshot is not None else None
        with self._lock:
            state = self._state(attempt_id)
            if state is None:
                return
            helped = self._helper_assisted if helper_assisted is None else bool(helper_assisted)
            records: list[EventRecord] = []
            end: AttemptEnd | None = None
            for event in events:
                if helper_assisted is None and isinstance(event, ev.StepShown):
                    # A helper's answer covers the step it was given on: the next step is the learner's own.
                    helped = self._helper_assisted = False
                record, event_end = self._convert(event, state, helped)
                if record is not None:
                    records.append(record)
                end = event_end or end
            snapshot_set = clean is not None
            if end is not None and end.status is AttemptStatus.FINISHED:
                snapshot_set, clean = True, None  # a finished run has nothing to resume
            if not records and end is None and not snapshot_set:
                return
            if snapshot_set:
                self._latest[(state.learner_id, state.scenario_id)] = (state.attempt_id, clean)
            self.delivery.put(
                Unit(
                    state.attempt_id,
                    state.learner_id,
                    state.scenario_id,
                    events=tuple(records),
                    snapshot_set=snapshot_set,
                    snapshot=clean,
                    end=end,
                )
            )
            if state.finished:
                self._attempts.pop(state.attempt_id, None)  # a finished run has nothing more to record

    def listener(self, learner_id: uuid.UUID | None, *, session_id: uuid.UUID | None = None) -> RunListener:
        """A runner listener that records one run of ``learner_id`` (None: a guest, not recorded).

        Subscribe it before the run starts (``run.subscribe(recorder.listener(learner))``,
        or return it from the main window's ``listeners_for``): ``RunStarted``
        opens (or, when resumed, continues) the attempt, and every later event
        is recorded together with the resume snapshot it leads to.
        """
        return RunListener(self, learner_id, session_id=session_id)

    def save_snapshot(self, snapshot: Snapshot | Mapping[str, Any], *, attempt_id: uuid.UUID | None = None) -> None:
        """Store where the run can resume (a :class:`Snapshot`, or its stored form)."""
        self.record_action((), snapshot, attempt_id=attempt_id)

    def finish(self, outcome: str | None = None, *, attempt_id: uuid.UUID | None = None) -> None:
        """Close the attempt as finished (also done by recording ``RunFinished``)."""
        with self._lock:
            state = self._state(attempt_id)
            if state is None or state.finished:
                return
            state.finished = True
            self._latest[(state.learner_id, state.scenario_id)] = (state.attempt_id, None)
            self.delivery.put(
                Unit(
                    state.attempt_id,
                    state.learner_id,
                    state.scenario_id,
                    snapshot_set=True,
                    snapshot=None,
                    end=AttemptEnd(AttemptStatus.FINISHED, utcnow(), short_id(outcome)),
                )
            )
            self._attempts.pop(state.attempt_id, None)

    def resume_point(self, learner_id: uuid.UUID | None, scenario_id: str) -> ResumePoint | None:
        """Where this learner's unfinished run of ``scenario_id`` can resume, or None.

        Looks at what this app recorded, then the outbox, then the database
        (one indexed read; if the database is unreachable, None).
        """
        if learner_id is None:
            return None
        with self._lock:
            known = self._latest.get((learner_id, scenario_id))
        if known is not None:
            return ResumePoint(known[0], dict(known[1])) if known[1] else None
        outbox = self.delivery.outbox
        if outbox is not None:
            try:
                pending = outbox.latest_snapshot(learner_id, scenario_id)
            except Exception as exc:
                log.warning("could not read the outbox: %s", type(exc).__name__)
                pending = None
            if pending is not None:
                return ResumePoint(pending.attempt_id, pending.snapshot) if pending.snapshot else None
        try:
            return self.store.resume_point(learner_id, scenario_id)
        except Exception as exc:
            log.warning("could not read the resume point: %s", type(exc).__name__)
            return None

    def suggested_mode(self, learner_id: uuid.UUID | None, scenario_id: str) -> str:
        """How to offer ``scenario_id`` first to this learner: the way an instructor fixed for
        them, else ``watch`` the first time, ``alone`` once they finished it guided without a hint
        (or on their own), else ``try``; a guest (no record) gets ``watch``."""
        from trainer.scenarios.modes import suggest

        if learner_id is None:
            return suggest([])
        return suggest(self.store.finished_modes(learner_id, short_id(scenario_id) or ""),
                       fixed=self.store.default_mode(learner_id))

    def resumable(self, learner_id: uuid.UUID | None, scenario_id: str) -> Snapshot | None:
        """The snapshot to resume this learner's unfinished run of ``scenario_id`` from, or None
        (also when the stored one cannot be read: the learner starts afresh)."""
        return _snapshot_of(self.resume_point(learner_id, scenario_id))

    # -- status ---------------------------------------------------------------------------

    def add_status_listener(self, listener: Callable[[SaveStatus], None]) -> None:
        """Call ``listener(SaveStatus)`` (from the worker thread) whenever the status changes."""
        self.delivery.add_status_listener(listener)

    def remove_status_listener(self, listener: Callable[[SaveStatus], None]) -> None:
        self.delivery.remove_status_listener(listener)

    def pending_count(self) -> int:
        """How many records are not yet in the database (waiting on this PC or in memory)."""
        return self.delivery.pending_count()

    @property
    def status(self) -> SaveStatus:
        return self.delivery.status

    def flush(self, timeout: float | None = 10.0) -> bool:
        """Wait until everything recorded so far is in the database or safely in the outbox."""
        return self.delivery.flush(timeout)

    def retry_now(self, timeout: float | None = None) -> bool:
        """Try the database again right away (the instructor's 「今すぐ保存」)."""
        return self.delivery.control("retry", timeout)

    def forget_learner(self, learner_id: uuid.UUID) -> int:
        """Drop everything of a learner still waiting on this PC (they were deleted)."""
        self.flush()
        with self._lock:
            self._latest = {k: v for k, v in self._latest.items() if k[0] != learner_id}
            self._attempts = {k: v for k, v in self._attempts.items() if v.learner_id != learner_id}
            if self._current is not None and self._current not in self._attempts:
                self._current = None
            removed = self.delivery.forget_learner(learner_id)
        self.store.forget_learner_caches()
        self.delivery.publish()
        return removed

    def spill_now(self) -> Path | None:
        """Write what is held only in memory to a second location now (before quitting).

        Returns the spill file (None when nothing was held, or no location took it).
        """
        return self.delivery.spill_now()


    def quit_message(self, lang: str = "ja") -> str | None:
        """What to tell the learner when the app closes while records wait (None when all is saved).

        Calls :meth:`flush` and :meth:`spill_now` first, so the words are true.
        """
        self.flush(3.0)
        if self.status.state is SaveState.FAILING:
            self.spill_now()
        status = self.status
        if status.state is SaveState.SAVED and not self.spilled_to:
            return None
        if status.state is SaveState.FAILING:
            lost = self.delivery.held_in_memory()  # only memory's share is unkept; the outbox's is safe
            return tr("record.close.lost", lang, lost=lost)
        if self.spilled_to is not None:
            return tr("record.close.spilled", lang)
        return tr("record.close.waiting", lang, pending=status.pending)

    def hold_database(self, hold: bool = True) -> None:
        """Stop (or resume) writing to the database: everything waits in the outbox meanwhile.

        Used when damage is found in the record while the app runs.
        """
        self.delivery.hold_database(hold)

    def close(self, timeout: float = 15.0) -> None:
        """Write or park what is queued, stop the worker, close the outbox (see ``Delivery.close``)."""
        self.delivery.close(timeout)


    def __enter__(self) -> ProgressRecorder:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # -- internals (UI side) ---------------------------------------------------------------

    def _forget_attempts_of(self, learner_id: uuid.UUID, scenario_id: str) -> None:
        """Drop the states of this learner's earlier runs of this scenario (kept: one per unfinished run)."""
        stale = [k for k, v in self._attempts.items() if v.learner_id == learner_id and v.scenario_id == scenario_id]
        for key in stale:
            del self._attempts[key]

    @property
    def attempts_in_memory(self) -> int:
        """Runs whose state this recorder holds (finished ones are dropped; for tests and the log)."""
        with self._lock:
            return len(self._attempts)

    def _state(self, attempt_id: uuid.UUID | None) -> _AttemptState | None:
        wanted = attempt_id if attempt_id is not None else self._current
        return self._attempts.get(wanted) if wanted is not None else None

    def _next_seq(self, attempt_id: uuid.UUID) -> int:
        highest = -1
        try:
            stored = self.store.max_seq(attempt_id)
            highest = max(highest, stored if stored is not None else -1)
        except Exception as exc:
            log.warning("could not read the last event number: %s", type(exc).__name__)
        outbox = self.delivery.outbox
        if outbox is not None:
            waiting = outbox.max_seq(attempt_id)
            highest = max(highest, waiting if waiting is not None else -1)
        return highest + 1

    def _convert(
        self, event: ev.RunEvent, state: _AttemptState, helped: bool
    ) -> tuple[EventRecord | None, AttemptEnd | None]:
        now = utcnow()
        common: dict[str, Any] = {"created_at": now, "helper_assisted": helped}
        end: AttemptEnd | None = None
        extra: dict[str, Any]
        if isinstance(event, ev.RunStarted):
            return None, None  # the attempt row itself says when the run started
        if isinstance(event, ev.StepShown):
            state.hint_level = 0
            kind, extra = EventKind.STEP_SHOWN, {}
        elif isinstance(event, ev.ActionJudged):
            result = JudgementResult(ev.Judgement(event.result).value)
            kind = EventKind.ACTION_JUDGED
            extra = {
                "result": result,
                "mistake_id": short_id(event.mistake_id) if result is JudgementResult.KNOWN_MISTAKE else None,
                "action_kind": str(event.action_kind)[:20] if event.action_kind else None,
                "target_id": short_id(event.target),
                "outcome": short_id(event.choice_outcome),
                "hint_level": state.hint_level,
                "duration_ms": max(0, int(event.duration_ms)),
            }
        elif isinstance(event, ev.HintGiven):
            state.hint_level = max(state.hint_level, int(event.level))
            kind, extra = EventKind.HINT, {"hint_level": max(0, int(event.level))}
        elif isinstance(event, ev.StepRestarted):
            kind, extra = EventKind.RESTART, {"hint_level": state.hint_level}
        elif isinstance(event, ev.RunFinished):
            state.finished = True
            kind, extra = EventKind.FINISHED, {"outcome": short_id(event.outcome)}
            end = AttemptEnd(AttemptStatus.FINISHED, now, short_id(event.outcome))
        elif isinstance(event, ev.RunAbandoned):
            kind, extra = EventKind.ABANDONED, {"hint_level": state.hint_level}
            end = AttemptEnd(AttemptStatus.ABANDONED, now)
        else:  # pragma: no cover - guarded by the isinstance check in record_action
            raise TypeError(f"not a runner event: {type(event).__name__}")
        record = EventRecord(
            id=uuid.uuid4(),
            seq=state.next_seq,
            kind=kind,
            step_id=short_id(event.step_id) or "",
            **common,
            **extra,
        )
        state.next_seq += 1
        return record, end


def _snapshot_of(point: ResumePoint | None) -> Snapshot | None:
    """The typed snapshot of a stored resume point; None when there is none or it cannot be read."""
    if point is None or not point.snapshot:
        return None
    try:
        return Snapshot.from_dict(point.snapshot)
    except SnapshotError as exc:
        log.warning("a stored resume point cannot be read; the run starts afresh: %s", exc)
        return None


_RUN_EVENTS = (
    ev.RunStarted,
    ev.StepShown,
    ev.ActionJudged,
    ev.HintGiven,
    ev.StepRestarted,
    ev.RunFinished,
    ev.RunAbandoned,
)
