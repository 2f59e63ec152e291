"""Loading a large catalogue stays linear: the cycle collector is paused while
scenarios are loaded in bulk (and switched back on, as it was, afterwards)."""

from __future__ import annotations

import gc

import pytest

from trainer.content import bundled_content_dir
from trainer.scenarios import loader


def test_load_all_runs_with_the_collector_paused_and_restores_it(monkeypatch):
    seen: list[bool] = []
    real = loader.check_file

    def spy(path, display=None):
        seen.append(gc.isenabled())
        return real(path, display)

    monkeypatch.setattr(loader, "check_file", spy)
    assert gc.isenabled()
    scenarios, _ = loader.load_all([bundled_content_dir()])
    assert scenarios and len(seen) >= len(scenarios)
    assert not any(seen), "no collection runs while the catalogue loads"
    assert gc.isenabled(), "switched back on afterwards"


def test_the_collector_is_switched_back_on_even_when_loading_fails(monkeypatch):
    def broken(path, display=None):
        raise OSError("disk went away")

    monkeypatch.setattr(loader, "check_file", broken)
    with pytest.raises(OSError):
        loader.load_all([bundled_content_dir()])
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off():
    gc.disable()
    try:
        with loader.collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_check_leaves_the_collector_as_it_found_it(capsys):
    from trainer.cli import main

    frozen_before = gc.get_freeze_count()
    assert main(["check", "--no-readings", str(bundled_content_dir() / "smartphone")]) == 0
    assert gc.isenabled() and gc.get_freeze_count() == frozen_before
    capsys.readouterr()
