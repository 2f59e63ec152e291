"""Runs practised before the progress record is open: kept, then recorded for the learner who chooses.

The record opens on a worker thread after the window's first frame; a learner
may start practising before that. ``EarlyRuns.listeners_for`` is the main
window's run-listener hook meanwhile: each run's events are kept, in order.
When the learner then chooses their name, ``hand_over`` replays each run into
a recorder listener of theirs (a run still going on goes on being recorded);
for a guest they are dropped. Small and import-free, so the app's start does
not pay for the record's modules before its first frame.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class _EarlyRun:
    """One run's listener while there is no record yet: keeps its events, in order.

    ``adopt(listener)`` replays them into ``listener`` and forwards every
    later event to it; ``drop()`` forgets them (a guest)."""

    __slots__ = ("events", "target", "dropped")

    def __init__(self) -> None:
        self.events: list[Any] = []
        self.target: Callable[[Any], None] | None = None
        self.dropped = False

    def __call__(self, event: Any) -> None:
        if self.target is not None:
            self.target(event)
        elif not self.dropped:
            self.events.append(event)

    def adopt(self, listener: Callable[[Any], None]) -> None:
        events, self.events = self.events, []
        self.target = listener
        for event in events:
            listener(event)

    def drop(self) -> None:
        self.events.clear()
        self.dropped = True


class EarlyRuns:
    """Runs practised before the record is open (the main window's ``listeners_for`` meanwhile)."""

    def __init__(self) -> None:
        self._runs: list[_EarlyRun] = []

    def listeners_for(self, scenario: Any) -> list[Callable[[Any], None]]:
        run = _EarlyRun()
        self._runs.append(run)
        return [run]

    @property
    def waiting(self) -> int:
        """Runs whose events wait for a learner to be chosen."""
        return sum(1 for run in self._runs if run.events)

    def hand_over(self, listener_for: Callable[[], Callable[[Any], None]] | None) -> None:
        """Give every kept run to ``listener_for()`` (a new recorder listener each), or drop them (None)."""
        runs, self._runs = self._runs, []
        for run in runs:
            if listener_for is None:
                run.drop()
            elif run.events:
                run.adopt(listener_for())
            else:
                run.drop()  # nothing happened in it (yet): a later run is recorded normally
