"""Where each scenario was left (「やめる」 loses nothing).

Only the runner's :class:`~trainer.scenarios.snapshot.Snapshot` is kept — ids
of the scenario, its version and the step, and how the run is played — never
anything a learner typed.
The file sits beside the settings. When progress recording is on, it may keep
its own record too; this small file makes 「続きから」 work without it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from trainer.scenarios.snapshot import Snapshot


class ResumeStore:
    """Snapshots by scenario id, in ``resume.json`` (their stored form, ``Snapshot.to_dict``)."""

    def __init__(self, folder: Path | str | None) -> None:
        self.path = Path(folder) / "resume.json" if folder is not None else None
        self._memory: dict[str, dict[str, Any]] = {}
        if self.path is not None:
            try:
                raw = json.loads(self.path.read_text(encoding="utf-8"))
                if isinstance(raw, dict):
                    self._memory = {k: v for k, v in raw.items() if isinstance(v, dict)}
            except (OSError, ValueError):
                self._memory = {}

    learner_name: str | None = None
    """No learner is known on this PC alone (the record's resume, ``ProgressResume``, knows one)."""

    def mark(self, _scenario_id: str) -> str | None:
        """No 「おわりました」 marks without the record."""
        return None

    def get(self, scenario_id: str) -> Snapshot | None:
        """Where ``scenario_id`` was left; None when nowhere, or when what the file holds cannot be read."""
        return Snapshot.of(self._memory.get(scenario_id))

    def put(self, snapshot: Snapshot) -> None:
        self._memory[snapshot.scenario_id] = snapshot.to_dict()
        self._save()

    def forget(self, scenario_id: str) -> None:
        if self._memory.pop(scenario_id, None) is not None:
            self._save()

    def _save(self) -> None:
        if self.path is None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_text(json.dumps(self._memory, ensure_ascii=False), encoding="utf-8")
        except OSError:
            pass  # resuming is a convenience; never stop the learner over it
