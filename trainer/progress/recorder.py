"""``ProgressRecorder``: what the player calls to record a run, never waiting.

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
import queue
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from trainer.progress import spill
from trainer.progress.database import IntegrityReport
from trainer.progress.models import AttemptStatus, EventKind, JudgementResult, utcnow
from trainer.progress.outbox import Outbox
from trainer.progress.records import (
    PLAY_MODES,
    AttemptEnd,
    AttemptStart,
    EventRecord,
    Unit,
    clean_snapshot,
    short_id,
)
from trainer.progress.store import ProgressStore, ResumePoint
from trainer.scenarios import events as ev
from trainer.scenarios.snapshot import Snapshot, SnapshotError

log = logging.getLogger("trainer.progress")

#: Pauses between attempts to reach the database again, in seconds (the last repeats).
DEFAULT_RETRY_DELAYS_S: tuple[float, ...] = (0.5, 1.0, 2.0, 5.0, 10.0, 30.0)
#: Units written per transaction when the outbox is drained.
DRAIN_BATCH = 200


class SaveState(StrEnum):
    """Whether everything recorded is in the database."""

    SAVED = "saved"
    WAITING = "waiting"  # kept safely in the outbox on this PC, to be written later
    FAILING = "failing"  # not even the outbox can be written: held in memory only


@dataclass(frozen=True)
class SaveStatus:
    """What the status listeners are told; ``message_ja`` is for the screen."""

    state: SaveState
    #: Records not yet in the database.
    pending: int

    @property
    def message_ja(self) -> str:
        if self.state is SaveState.SAVED:
            return "記録はすべて保存されています。"
        if self.state is SaveState.WAITING:
            return (
                f"記録の保存を待っています（{self.pending}件）。"
                "このパソコンに安全に残してあるので、練習はそのまま続けられます。"
            )
        return (
            f"記録をこのパソコンにも保存できません（{self.pending}件）。"
            "アプリを閉じる前に、先生・サポーターに知らせてください。"
        )

    @property
    def message_en(self) -> str:
        if self.state is SaveState.SAVED:
            return "Everything is saved."
        if self.state is SaveState.WAITING:
            return f"Waiting to save {self.pending} record(s); they are kept safely on this PC. Carry on."
        return f"{self.pending} record(s) cannot be saved even on this PC. Tell your instructor before closing."


@dataclass
class _AttemptState:
    attempt_id: uuid.UUID
    learner_id: uuid.UUID
    scenario_id: str
    next_seq: int = 0
    hint_level: int = 0
    finished: bool = False


class _Control:
    """A request to the worker ("retry" now, "stop") processed in queue order."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.done = threading.Event()


class ProgressRecorder:
    """Records runs of named learners; safe to call from the UI thread.

    ``store`` writes to the database; ``outbox_path`` is the local file for
    records that must wait (``database.data_dir() / OUTBOX_FILENAME``).
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
        #: Second locations for what is held in memory at closing (see :mod:`trainer.progress.spill`).
        self.spill_dirs = [Path(p) for p in spill_dirs] if spill_dirs is not None else spill.default_spill_dirs()
        #: The spill file written by :meth:`close`, if any.
        self.spilled_to: Path | None = None
        self._hold = False
        self._retry_delays = tuple(retry_delays_s) or DEFAULT_RETRY_DELAYS_S
        self._listeners: list[Callable[[SaveStatus], None]] = [on_status] if on_status else []
        self._lock = threading.RLock()
        self._queue: queue.SimpleQueue[Unit | _Control] = queue.SimpleQueue()
        self._attempts: dict[uuid.UUID, _AttemptState] = {}
        self._latest: dict[tuple[uuid.UUID, str], tuple[uuid.UUID, dict[str, Any] | None]] = {}
        self._current: uuid.UUID | None = None
        self._helper_assisted = False
        #: Where new attempts learn the class open now (``Seat.session_id``; must not block).
        self.session_source: Callable[[], uuid.UUID | None] | None = None
        self._in_flight = 0  # weight queued but not yet handled by the worker
        self._enqueued = 0  # units put on the queue so far ...
        self._handled = 0  # ... and units the worker has written or parked (flush waits on this)
        self._handled_changed = threading.Condition()
        self._memory: list[Unit] = []  # units neither the database nor the outbox took
        self._failures = 0
        self._next_retry = 0.0
        self._published: SaveStatus | None = None
        self.outbox_path = Path(outbox_path)
        self._outbox: Outbox | None = None
        self._outbox_weight = 0
        self._outbox_integrity: IntegrityReport | None = None
        self._open_outbox()
        self._take_spills()
        self._closed = False
        self._worker = threading.Thread(target=self._run, name="progress-recorder", daemon=True)
        self._worker.start()

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
        if self._outbox_integrity is None or self._outbox_integrity.ok:
            return None
        return self._outbox_integrity.message_ja

    @property
    def outbox_notice_en(self) -> str | None:
        """The same notice in English."""
        if self._outbox_integrity is None or self._outbox_integrity.ok:
            return None
        return self._outbox_integrity.message_en

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
                self._enqueue(Unit(point.attempt_id, learner_id, scenario_id, reopen=True))
                return point.attempt_id
            attempt_id = uuid.uuid4()
            self._forget_attempts_of(learner_id, scenario_id)  # no longer resumable: nothing will follow
            self._attempts[attempt_id] = _AttemptState(attempt_id, learner_id, scenario_id)
            self._current = attempt_id
            self._latest[(learner_id, scenario_id)] = (attempt_id, None)
            self._enqueue(
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
            self._enqueue(
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
            self._enqueue(
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
        if self._outbox is not None:
            try:
                pending = self._outbox.latest_snapshot(learner_id, scenario_id)
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
        self._listeners.append(listener)

    def remove_status_listener(self, listener: Callable[[SaveStatus], None]) -> None:
        try:
            self._listeners.remove(listener)
        except ValueError:
            pass

    def pending_count(self) -> int:
        """How many records are not yet in the database (waiting on this PC or in memory)."""
        with self._lock:
            return self._in_flight + self._outbox_weight + sum(u.weight for u in self._memory)

    @property
    def status(self) -> SaveStatus:
        with self._lock:
            return self._status()

    def flush(self, timeout: float | None = 10.0) -> bool:
        """Wait until everything recorded so far is in the database or safely in the outbox."""
        if self._closed or not self._worker.is_alive():
            return False
        with self._lock:
            target = self._enqueued
        with self._handled_changed:
            return self._handled_changed.wait_for(lambda: self._handled >= target, timeout)

    def retry_now(self, timeout: float | None = None) -> bool:
        """Try the database again right away (the instructor's 「今すぐ保存」)."""
        return self._control("retry", timeout)

    def forget_learner(self, learner_id: uuid.UUID) -> int:
        """Drop everything of a learner still waiting on this PC (they were deleted)."""
        self.flush()
        with self._lock:
            self._latest = {k: v for k, v in self._latest.items() if k[0] != learner_id}
            self._attempts = {k: v for k, v in self._attempts.items() if v.learner_id != learner_id}
            if self._current is not None and self._current not in self._attempts:
                self._current = None
            removed = sum(u.weight for u in self._memory if u.learner_id == learner_id)
            self._memory = [u for u in self._memory if u.learner_id != learner_id]
            if self._outbox is not None:
                removed += self._outbox.forget_learner(learner_id)
                self._outbox_weight = self._outbox.weight()
        self.store.forget_learner_caches()
        self._publish()
        return removed

    def spill_now(self) -> Path | None:
        """Write what is held only in memory to a second location now (before quitting).

        Returns the spill file (None when nothing was held, or no location took it).
        """
        with self._lock:
            held, self._memory = self._memory, []
        if not held:
            return None
        written, left = spill.write_spill(held, self.spill_dirs, spill.tag_for(self.outbox_path))
        if left:  # no room for these: they stay in memory, and the quit notice says so
            with self._lock:
                self._memory[:0] = left
        if written:
            self.spilled_to = written[0]
        self._publish()
        return written[0] if written else None

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
        en = lang == "en"
        if status.state is SaveState.FAILING:
            with self._lock:  # only what is held in memory is unkept; the outbox's share is safe
                lost = sum(u.weight for u in self._memory)
            return (f"{lost} record(s) could not be kept on this PC. Please tell your instructor "
                    "or supporter before switching off." if en else
                    f"記録の一部（{lost}件）をこのパソコンに残せませんでした。"
                    "電源を切る前に、先生・サポーターに知らせてください。")
        if self.spilled_to is not None:
            return ("The disk is full, so the records waiting were kept in another place on this PC. "
                    "They are saved the next time the app opens." if en else
                    "ディスクがいっぱいだったので、保存を待っている記録はこのパソコンの別の場所に残しました。"
                    "次にアプリを開いたときに保存します。")
        return (f"{status.pending} record(s) are still waiting to be saved. They are kept safely on this PC "
                "and saved the next time the app opens." if en else
                f"保存を待っている記録が{status.pending}件あります。このパソコンに安全に残してあるので、"
                "なくなりません。次にアプリを開いたときに保存します。")

    def hold_database(self, hold: bool = True) -> None:
        """Stop (or resume) writing to the database: everything waits in the outbox meanwhile.

        Used when damage is found in the record while the app runs.
        """
        self._hold = bool(hold)
        if not hold:
            self.retry_now(timeout=0)

    def close(self, timeout: float = 15.0) -> None:
        """Write or park what is queued, stop the worker, close the outbox.

        What neither the database nor the outbox could take (a full disk) is
        written to a second location (:mod:`trainer.progress.spill`) and
        taken back into the outbox at the next start.
        """
        if self._closed:
            return
        self._closed = True
        self._queue.put(_Control("stop"))
        self._worker.join(timeout)
        if self._worker.is_alive():
            log.error("progress recorder did not stop in %.0f s; waiting records stay in the outbox", timeout)
            return
        with self._lock:
            held, self._memory = self._memory, []
        if held:
            written, left = spill.write_spill(held, self.spill_dirs, spill.tag_for(self.outbox_path))
            if written:
                self.spilled_to = written[0]
            if left:
                with self._lock:
                    self._memory = left
                log.error("%d waiting record(s) could not be kept anywhere", sum(u.weight for u in left))
        if self._outbox is not None:
            self._outbox.close()
            self._outbox = None

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
        if self._outbox is not None:
            waiting = self._outbox.max_seq(attempt_id)
            highest = max(highest, waiting if waiting is not None else -1)
        return highest + 1

    def _convert(
        self, event: ev.RunEvent, state: _AttemptState, helped: bool
    ) -> tuple[EventRecord | None, AttemptEnd | None]:
        now = utcnow()
        common: dict[str, Any] = {"created_at": now, "helper_assisted": helped}
        end: AttemptEnd | None = None
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

    def _enqueue(self, unit: Unit) -> None:
        if self._closed:
            raise RuntimeError("the progress recorder is closed")
        self._in_flight += unit.weight
        self._enqueued += 1
        self._queue.put(unit)

    def _control(self, kind: str, timeout: float | None) -> bool:
        if self._closed or not self._worker.is_alive():
            return False
        control = _Control(kind)
        self._queue.put(control)
        return control.done.wait(timeout)

    # -- internals (worker thread) ---------------------------------------------------------

    def _open_outbox(self) -> None:
        try:
            self._outbox = Outbox(self.outbox_path)
            if self._outbox_integrity is None:
                self._outbox_integrity = self._outbox.integrity
            self._outbox_weight = self._outbox.weight()
        except Exception as exc:
            log.error("the local outbox cannot be opened: %s", type(exc).__name__)
            self._outbox = None

    def _take_spills(self) -> None:
        """Move what an earlier run spilled to a second location back in line (outbox, else memory)."""
        try:
            found = spill.read_spills(self.spill_dirs, spill.tag_for(self.outbox_path))
        except Exception as exc:
            log.error("spilled records cannot be read: %s", type(exc).__name__)
            return
        for path, units in found:
            if self._outbox is None:
                return  # they stay where they are, durable, until the outbox can take them
            try:
                self._outbox.append(units)
                self._outbox_weight = self._outbox.weight()
            except Exception as exc:
                log.error("spilled records wait where they are: %s", type(exc).__name__)
                return
            try:
                path.unlink()
            except OSError as exc:
                log.error("spill file not removed (it will be read again, harmlessly): %s", type(exc).__name__)
            log.info("took back %d spilled unit(s)", len(units))

    def _backlogged(self) -> bool:
        return bool(self._memory) or self._outbox_weight > 0 or self._hold

    def _run(self) -> None:
        while True:
            timeout: float | None = None
            if self._backlogged():
                timeout = max(0.0, self._next_retry - time.monotonic())
            try:
                first: Unit | _Control | None = self._queue.get(timeout=timeout)
            except queue.Empty:
                first = None
            items: list[Unit | _Control] = [] if first is None else [first]
            while True:
                try:
                    items.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            controls = [i for i in items if isinstance(i, _Control)]
            units = [i for i in items if isinstance(i, Unit)]
            retry = first is None or any(c.kind in ("retry", "stop") for c in controls)
            try:
                self._process(units, retry)
            except Exception as exc:  # never let the worker die: keep the units in memory
                log.error("progress worker error: %s", type(exc).__name__)
                with self._lock:
                    self._memory.extend(units)
                    self._in_flight -= sum(u.weight for u in units)
            with self._handled_changed:
                self._handled += len(units)
                self._handled_changed.notify_all()
            self._publish()
            for control in controls:
                control.done.set()
            if any(c.kind == "stop" for c in controls):
                return

    def _process(self, units: list[Unit], retry: bool) -> None:
        weight = sum(u.weight for u in units)
        if units and not self._backlogged():
            try:
                self.store.apply(units)
            except Exception as exc:
                self._note_failure(exc)
                self._park(units)
            else:
                self._failures = 0
            with self._lock:
                self._in_flight -= weight
            return
        if units:
            self._park(units)
            with self._lock:
                self._in_flight -= weight
        if self._backlogged() and (retry or time.monotonic() >= self._next_retry):
            self._drain()

    def _note_failure(self, exc: BaseException) -> None:
        self._failures += 1
        delay = self._retry_delays[min(self._failures - 1, len(self._retry_delays) - 1)]
        self._next_retry = time.monotonic() + delay
        # The class and the driver's first line only: parameters are hidden by the engine.
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0][:200] if str(exc) else ""
        log.warning(
            "progress database not writable (%s: %s); records wait on this PC, next try in %.1f s",
            type(exc).__name__,
            reason,
            delay,
        )

    def _park(self, units: list[Unit]) -> None:
        """Put units behind whatever already waits: outbox if possible, else memory.

        Disk work happens outside the recorder's lock so the UI never waits on it.
        """
        if self._outbox is None:
            self._open_outbox()
        outbox = self._outbox
        if outbox is not None:
            with self._lock:
                held, self._memory = self._memory, []
            try:
                if held:
                    outbox.append(held)
                    held = []
                outbox.append(units)
                weight = outbox.weight()
            except Exception as exc:
                log.error("the local outbox cannot be written: %s", type(exc).__name__)
                with self._lock:
                    self._memory[:0] = held
            else:
                with self._lock:
                    self._outbox_weight = weight
                return
        with self._lock:
            self._memory.extend(units)
        if self._next_retry <= time.monotonic():
            self._next_retry = time.monotonic() + self._retry_delays[0]

    def _drain(self) -> None:
        """Write waiting units to the database, oldest first, until none are left or it fails."""
        if self._memory:
            self._park([])  # move memory into the outbox first, keeping the order
        if self._hold:
            self._next_retry = time.monotonic() + self._retry_delays[-1]
            return
        try:
            while self._outbox is not None and self._outbox_weight > 0:
                batch = self._outbox.peek(DRAIN_BATCH)
                if not batch:
                    break
                self.store.apply([unit for _, unit in batch])
                self._outbox.remove_through(batch[-1][0])
                weight = self._outbox.weight()
                with self._lock:
                    self._outbox_weight = weight
            if self._memory and self._outbox is None:
                with self._lock:
                    held = list(self._memory)
                self.store.apply(held)
                with self._lock:
                    self._memory = self._memory[len(held) :]
        except Exception as exc:
            self._note_failure(exc)
            return
        self._failures = 0
        log.info("waiting progress records were written to the database")

    def _status(self) -> SaveStatus:
        pending = self._in_flight + self._outbox_weight + sum(u.weight for u in self._memory)
        if self._memory:
            state = SaveState.FAILING
        elif self._outbox_weight:
            state = SaveState.WAITING
        else:
            state = SaveState.SAVED
        return SaveStatus(state, pending)

    def _publish(self) -> None:
        with self._lock:
            status = self._status()
            if status.state is SaveState.SAVED:
                status = SaveStatus(SaveState.SAVED, 0)  # records in flight are normal, not news
            changed = status != self._published
            self._published = status
        if not changed:
            return
        for listener in list(self._listeners):
            try:
                listener(status)
            except Exception as exc:
                log.error("a save-status listener failed: %s", type(exc).__name__)


def _snapshot_of(point: ResumePoint | None) -> Snapshot | None:
    """The typed snapshot of a stored resume point; None when there is none or it cannot be read."""
    if point is None or not point.snapshot:
        return None
    try:
        return Snapshot.from_dict(point.snapshot)
    except SnapshotError as exc:
        log.warning("a stored resume point cannot be read; the run starts afresh: %s", exc)
        return None


class RunListener:
    """Records one run from its events alone, keeping the snapshot the runner would give.

    The snapshot equals ``Run.snapshot()``: the current step, the hints given
    on it, the path of steps shown (a resumed run continues the stored path).
    """

    def __init__(
        self, recorder: ProgressRecorder, learner_id: uuid.UUID | None, *, session_id: uuid.UUID | None = None
    ) -> None:
        self.recorder = recorder
        self.learner_id = learner_id
        self.session_id = session_id
        self.attempt_id: uuid.UUID | None = None
        self._scenario: tuple[str, int] | None = None
        self._path: list[str] = []
        self._step: str | None = None
        self._hint_level = 0
        self._restore: tuple[str, int] | None = None  # (step, hint level) of a resumed run
        self._mode = "try"

    def __call__(self, event: ev.RunEvent) -> None:
        if isinstance(event, ev.RunStarted):
            self._start(event)
            return
        if self.attempt_id is None:
            return  # a guest, or events before the run started
        if isinstance(event, ev.StepShown):
            self._path.append(event.step_id)
            self._step = event.step_id
            self._hint_level = 0
            if self._restore is not None and self._restore[0] == event.step_id:
                self._hint_level = self._restore[1]
            self._restore = None
        elif isinstance(event, ev.HintGiven):
            self._hint_level = max(self._hint_level, int(event.level))
        snapshot = None
        if not isinstance(event, ev.RunFinished) and self._scenario is not None and self._step is not None:
            snapshot = Snapshot(self._scenario[0], self._scenario[1], self._step, self._hint_level,
                                tuple(self._path), self._mode)
        self.recorder.record_action((event,), snapshot, attempt_id=self.attempt_id)

    def _start(self, event: ev.RunStarted) -> None:
        self._scenario = (event.scenario_id, int(event.scenario_version))
        self._mode = event.mode if event.mode in PLAY_MODES else "try"
        self._path, self._step, self._hint_level, self._restore = [], None, 0, None
        stored = self.recorder.resumable(self.learner_id, event.scenario_id) if event.resumed else None
        if stored is not None and stored.scenario_version == event.scenario_version:
            self._path = list(stored.shown_before)  # the runner shows the stored step again
            self._restore = (stored.step_id, stored.hint_level)
        resume = self._restore is not None
        self.attempt_id = self.recorder.start_attempt(
            self.learner_id, event.scenario_id, event.scenario_version, resume=resume, session_id=self.session_id,
            mode=self._mode,
        )


_RUN_EVENTS = (
    ev.RunStarted,
    ev.StepShown,
    ev.ActionJudged,
    ev.HintGiven,
    ev.StepRestarted,
    ev.RunFinished,
    ev.RunAbandoned,
)
