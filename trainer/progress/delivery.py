"""The delivery worker behind ``ProgressRecorder``: one thread that writes the recorder's units.

The recorder (``recorder.py``) turns the player's calls into small
:class:`~trainer.progress.records.Unit` values and hands them to
:meth:`Delivery.put` — microseconds on the UI thread. The worker thread here
writes what is queued in ONE short transaction (in practice: one per learner
action). When the database cannot be written (server down, disk full, locked)
the units go, in order, to the durable local :class:`~trainer.progress.outbox.Outbox`
and the worker retries with growing pauses; once anything waits there, new
units queue behind it so the record keeps its order. If even the outbox
cannot be written, units are held in memory (``SaveState.FAILING``) and, at
closing, spilled to a second location (:mod:`trainer.progress.spill`).
The status listeners hear every change of the :class:`SaveStatus`.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from trainer.progress import spill
from trainer.progress.database import IntegrityReport
from trainer.progress.outbox import Outbox
from trainer.progress.records import Unit
from trainer.progress.store import ProgressStore
from trainer.words.catalogue import tr

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
        return self.message("ja")

    @property
    def message_en(self) -> str:
        return self.message("en")

    def message(self, lang: str) -> str:
        """The words for the screen, in ``lang``."""
        return tr(f"record.save.{self.state.value}", lang, pending=self.pending)


class _Control:
    """A request to the worker ("retry" now, "stop") processed in queue order."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.done = threading.Event()


class Delivery:
    """Writes units to ``store`` on its own thread, in order; what cannot be written waits in the
    outbox at ``outbox_path`` (else memory). ``lock`` is shared with the recorder (one lock for the
    counts the UI reads)."""

    def __init__(
        self,
        store: ProgressStore,
        outbox_path: str | Path,
        *,
        lock: threading.RLock,
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
        self._lock = lock
        self._queue: queue.SimpleQueue[Unit | _Control] = queue.SimpleQueue()
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
        self.closed = False
        self._worker = threading.Thread(target=self._run, name="progress-recorder", daemon=True)
        self._worker.start()

    # -- the recorder's calls --------------------------------------------------------------

    @property
    def outbox(self) -> Outbox | None:
        """The outbox (None while it cannot be opened); read it for what waits, never write it."""
        return self._outbox

    @property
    def outbox_integrity(self) -> IntegrityReport | None:
        return self._outbox_integrity

    def put(self, unit: Unit) -> None:
        """Queue ``unit`` for the worker (the caller holds the shared lock)."""
        if self.closed:
            raise RuntimeError("the progress recorder is closed")
        self._in_flight += unit.weight
        self._enqueued += 1
        self._queue.put(unit)

    def control(self, kind: str, timeout: float | None) -> bool:
        if self.closed or not self._worker.is_alive():
            return False
        request = _Control(kind)
        self._queue.put(request)
        return request.done.wait(timeout)

    def add_status_listener(self, listener: Callable[[SaveStatus], None]) -> None:
        self._listeners.append(listener)

    def remove_status_listener(self, listener: Callable[[SaveStatus], None]) -> None:
        try:
            self._listeners.remove(listener)
        except ValueError:
            pass

    def pending_count(self) -> int:
        with self._lock:
            return self._in_flight + self._outbox_weight + sum(u.weight for u in self._memory)

    def held_in_memory(self) -> int:
        """Records neither the database nor the outbox took (lost if the PC is switched off)."""
        with self._lock:
            return sum(u.weight for u in self._memory)

    @property
    def status(self) -> SaveStatus:
        with self._lock:
            return self._status()

    def flush(self, timeout: float | None = 10.0) -> bool:
        if self.closed or not self._worker.is_alive():
            return False
        with self._lock:
            target = self._enqueued
        with self._handled_changed:
            return self._handled_changed.wait_for(lambda: self._handled >= target, timeout)

    def publish(self) -> None:
        """Tell the status listeners, if the status changed."""
        self._publish()

    def forget_learner(self, learner_id: uuid.UUID) -> int:
        """Drop what of ``learner_id`` waits here (memory and outbox); the weight removed."""
        with self._lock:
            removed = sum(u.weight for u in self._memory if u.learner_id == learner_id)
            self._memory = [u for u in self._memory if u.learner_id != learner_id]
            if self._outbox is not None:
                removed += self._outbox.forget_learner(learner_id)
                self._outbox_weight = self._outbox.weight()
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

    def hold_database(self, hold: bool = True) -> None:
        """Stop (or resume) writing to the database: everything waits in the outbox meanwhile.

        Used when damage is found in the record while the app runs.
        """
        self._hold = bool(hold)
        if not hold:
            self.control("retry", 0)

    def close(self, timeout: float = 15.0) -> None:
        """Write or park what is queued, stop the worker, close the outbox.

        What neither the database nor the outbox could take (a full disk) is
        written to a second location (:mod:`trainer.progress.spill`) and
        taken back into the outbox at the next start.
        """
        if self.closed:
            return
        self.closed = True
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
