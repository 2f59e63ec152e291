"""PCs of a simulated class: each learner practises scan-to-pay through the real recorder and seat.

Run as ``python -m tests.progress.class_pc --url URL --dir DIR --learners UUID,UUID,...``.
The process imports everything once, then forks one process per learner
(so 30 PCs start in a moment even on a busy machine); every PC has its own
engine, recorder, outbox and seat. Each prints JSON lines ``{"pc": N,
"event": ..., "t": time.time()}``: ``ready`` (the open class was found),
then, once the file ``DIR/go`` exists (PC N N × 0.1 s later), ``stuck`` (two wrong taps and a hint
on the first step), ``raised`` (the hand went up), ``lowered`` (by the
helper for even N; by the learner herself for odd N, after 4 s),
``finished`` (the finish reached, everything written). A PC leaves when
``DIR/bye`` exists.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
import time
import uuid
from pathlib import Path

from tests.progress.helpers import pay_actions, pay_scenario
from trainer.progress.classes import Seat
from trainer.progress.database import create_progress_engine
from trainer.progress.recorder import ProgressRecorder
from trainer.progress.store import ProgressStore
from trainer.scenarios.actions import Action
from trainer.scenarios.runner import Run

#: How long a learner who answers herself keeps her hand up (longer than the board may take).
SELF_LOWER_AFTER_S = 4.0
#: Connections one simulated PC may hold at once.
PC_CONNECTIONS = 2
#: PC N starts practising N x this after the signal (30 PCs: all within 3 s).
STAGGER_S = 0.1


def wait_for_file(path: Path, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while not path.exists():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def time_writes(seat: Seat, say) -> None:
    """Say when the seat's write of a raised / lowered hand and of the finish was committed (once each):
    the test splits each board delay into the seat's part and the board's."""
    write = seat._write
    said: set[str] = set()

    def timed() -> None:
        with seat._lock:
            kinds = {"raised" if kind == "raise" else "lowered" for kind, _, _ in seat._ops}
            if seat._dirty and seat._live.state == "finished":
                kinds.add("finished")
        started, cpu = time.time(), time.thread_time()
        write()
        for kind in kinds - said:
            said.add(kind)
            say(f"{kind}-written", started=started, cpu=time.thread_time() - cpu)

    seat._write = timed  # type: ignore[method-assign]


def run_pc(index: int, learner: uuid.UUID, url: str, folder: Path, scenario) -> None:
    def say(event: str, **extra: object) -> None:
        sys.stdout.write(json.dumps({"pc": index, "event": event, "t": time.time(), **extra}) + "\n")
        sys.stdout.flush()

    # Two connections at most (the recorder's delivery and the seat's thread each use one at a time): 30
    # PCs then hold at most 60 of the server's connections (PostgreSQL's max_connections is 100 by default).
    engine = create_progress_engine(url, pool_size=PC_CONNECTIONS, max_overflow=0)
    store = ProgressStore(engine)
    recorder = ProgressRecorder(store, folder / f"outbox-{index}.sqlite3")
    seat = Seat(engine, attempt_source=lambda: recorder.current_attempt)  # the app's poll: once a second
    seat.on_helped = lambda helped: setattr(recorder, "helper_assisted", helped)
    time_writes(seat, say)
    recorder.session_source = seat.session_source()
    lowered = threading.Event()
    seat.add_hand_listener(lambda raised: lowered.set() if not raised else None)
    deadline = time.monotonic() + 60
    while seat.session_id() is None and time.monotonic() < deadline:
        seat.wake()
        time.sleep(0.05)
    seat.set_person(learner)
    say("ready", session=str(seat.session_id()))
    if not wait_for_file(folder / "go", 300):
        return
    time.sleep(STAGGER_S * index)  # learners do not all press in the same millisecond
    run = Run(scenario)
    # As the app's player does (ProgressLink.listeners_for): the recorder's listener first, then the
    # seat's, so an action made with a helper's answer is recorded before a new step lowers the mark.
    run.subscribe(recorder.listener(learner))
    run.subscribe(seat.listener())
    run.start()
    run.judge(Action.tap("camera"))  # a known mistake
    run.judge(Action.tap("mail"))  # another wrong try
    run.next_hint()
    say("stuck")
    seat.raise_hand()
    say("raised")
    if index % 2 == 0:
        if not lowered.wait(60):
            say("not-answered")
            return
        deadline = time.monotonic() + 5
        while not recorder.helper_assisted and time.monotonic() < deadline:
            time.sleep(0.02)
    else:
        time.sleep(SELF_LOWER_AFTER_S)
        seat.lower_hand()
    say("lowered", helped=recorder.helper_assisted)
    for action in pay_actions()[1:]:  # on from the right tap, to the finish
        action(run)
    assert run.finished
    recorder.flush(30)
    deadline = time.monotonic() + 10
    while seat.state != "finished" and time.monotonic() < deadline:
        time.sleep(0.02)
    say("finished")
    wait_for_file(folder / "bye", 300)
    seat.close()
    recorder.close()
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--dir", required=True)
    parser.add_argument("--learners", required=True)
    args = parser.parse_args()
    import logging

    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(process)d %(name)s %(message)s")
    learners = [uuid.UUID(v) for v in args.learners.split(",")]
    folder = Path(args.dir)
    scenario = pay_scenario()  # loaded once, before the PCs are forked
    children = []
    for index, learner in enumerate(learners):
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                run_pc(index, learner, args.url, folder, scenario)
            except BaseException as exc:  # report, then leave the child at once
                sys.stderr.write(f"PC {index}: {type(exc).__name__}: {exc}\n")
                code = 1
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code)
        children.append(pid)
    failed = 0
    for pid in children:
        _, status = os.waitpid(pid, 0)
        failed += int(status != 0)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
