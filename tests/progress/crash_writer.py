"""A learner who never stops: records scan-to-pay actions until killed (kill -9 test).

Run as ``python -m tests.progress.crash_writer --url URL --outbox PATH --learner UUID``.
After every learner action it waits until the recorder has made the unit
durable (database or outbox) and prints one JSON line saying so.
"""

from __future__ import annotations

import argparse
import json
import uuid

from tests.progress.helpers import Player, pay_actions, pay_scenario
from trainer.progress.database import create_progress_engine
from trainer.progress.recorder import ProgressRecorder
from trainer.progress.store import ProgressStore
from trainer.scenarios.runner import Run


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--outbox", required=True)
    parser.add_argument("--learner", required=True)
    parser.add_argument("--busy-ms", type=int, default=5000)
    args = parser.parse_args()
    learner = uuid.UUID(args.learner)
    scenario = pay_scenario()
    store = ProgressStore(create_progress_engine(args.url, busy_timeout_ms=args.busy_ms))
    recorder = ProgressRecorder(store, args.outbox, retry_delays_s=(0.05,))
    actions = pay_actions()[:8]  # stop before finishing: every attempt stays resumable
    while True:
        attempt_id = recorder.start_attempt(learner, scenario.id, scenario.version)
        player = Player(Run(scenario), recorder)
        player.start()
        for action in [None, *actions]:
            if action is not None:
                player.act(action)
            if not recorder.flush(30):
                raise SystemExit("flush timed out")
            line = {"attempt": str(attempt_id), "step": player.run.current.id, "path": player.run.path}
            print(json.dumps(line), flush=True)


if __name__ == "__main__":
    main()
