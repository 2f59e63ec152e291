"""``RunListener``: records one run from the runner's events alone (see ``ProgressRecorder.listener``)."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from trainer.progress.records import PLAY_MODES
from trainer.scenarios import events as ev
from trainer.scenarios.snapshot import Snapshot

if TYPE_CHECKING:
    from trainer.progress.recorder import ProgressRecorder


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
