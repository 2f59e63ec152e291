"""Fixtures for the player's tests: real widgets, offscreen, a private
settings folder, speech replaced by the speech helper's fake."""

from __future__ import annotations

import pytest

import trainer.widgets  # noqa: F401  (applies the PySide6 reference-count fix before any widget exists)
from trainer.content import bundled_content_dir
from trainer.scenarios.loader import load_all
from trainer.widgets.look import Look, pick_family
from trainer.widgets.theme import THEMES

_BUNDLED = None


def bundled():
    """Every bundled scenario (loaded once per session)."""
    global _BUNDLED
    if _BUNDLED is None:
        scenarios, problems = load_all([bundled_content_dir()])
        errors = [p for p in problems if p.severity == "error"]
        assert not errors, [p.format("en") for p in errors]
        _BUNDLED = scenarios
    return _BUNDLED


def scenario_named(name: str):
    """The bundled scenario with the id ``name``."""
    return next(s for s in bundled() if s.id == name)


def start_at(scenario, step_id: str, *, with_path: bool = False) -> dict:
    """The stored resume snapshot (``Snapshot.to_dict``) that starts ``scenario`` at the step ``step_id``;
    ``with_path``: as if every step before it in the file had been shown on the way."""
    from trainer.scenarios.snapshot import Snapshot

    path: tuple[str, ...] = ()
    if with_path:
        ids = [s.id for s in scenario.steps]
        path = tuple(ids[:ids.index(step_id) + 1])
    return Snapshot(scenario.id, scenario.version, step_id, path=path).to_dict()


def window_at(qtbot, scenario_id: str, step_id: str, size=(1280, 720), scale=3.0, theme="standard"):
    """The main window (``size``, text ``scale``, ``theme``) showing bundled ``scenario_id`` at ``step_id``,
    as if the steps before it had been shown, laid out and painted: ``(window, window.player)``."""
    from tests.player.autoplay import settle
    from tests.player.visibility import open_window

    scenario = next(s for s in bundled() if s.id == scenario_id)
    window = open_window([scenario], size, scale, theme)
    qtbot.addWidget(window)
    window.start(scenario.id, snapshot=start_at(scenario, step_id, with_path=True))
    settle()
    return window, window.player


@pytest.fixture
def progress(tmp_path):
    """A record of progress of its own (SQLite in the test's folder), closed after the test."""
    from trainer.progress import open_progress

    opened = open_progress(data_dir_override=tmp_path / "data")
    yield opened
    opened.close()


@pytest.fixture(autouse=True)
def flush_deleted(qapp):
    """Really delete widgets given to ``deleteLater`` (no event loop runs in tests)."""
    yield
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture(autouse=True)
def private_config(tmp_path, monkeypatch):
    """Settings and resume files go to a temporary folder, never the user's."""
    folder = tmp_path / "config"
    monkeypatch.setenv("TRAINER_CONFIG_DIR", str(folder))
    return folder


@pytest.fixture
def look(qapp):
    return Look(family=pick_family())


@pytest.fixture
def make_look(qapp):
    def _make(scale: float = 1.0, theme: str = "standard", **changes) -> Look:
        return Look(theme=THEMES[theme], scale=scale, family=pick_family(), **changes)

    return _make
