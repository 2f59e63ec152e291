"""An instructor fixes a learner's way to practise (issue #15): it wins over the record's suggestion,
is stored on the learner (one short word, nothing sensitive), and the start page offers it first."""

from __future__ import annotations

import uuid

import pytest

from tests.player.autoplay import perform, routes
from tests.player.conftest import bundled
from tests.progress.test_instructor_area import area, click, settle, unlock  # noqa: F401 (area: a fixture)
from trainer.app.library import Library
from trainer.app.main_window import MainWindow
from trainer.app.settings import Settings
from trainer.progress.learners import NotFound


def test_the_learners_page_fixes_a_way_and_gives_it_back_to_the_record(qtbot, area, directory, recorder):  # noqa: F811
    hanako = directory.add_learner("花子")
    unlock(qtbot, area)
    page = area.learners_page
    page.reload()
    settle(qtbot, area)
    page.learner_list.setCurrentRow(0)
    assert page.mode_combo.currentData() == ""  # from the record
    assert recorder.suggested_mode(hanako, "code-pay") == "watch"  # the first time
    page.mode_combo.setCurrentIndex(page.mode_combo.findData("alone"))
    click(qtbot, area, page.mode_button)
    assert directory.get_learner(hanako).default_mode == "alone"
    assert recorder.suggested_mode(hanako, "code-pay") == "alone"  # fixed: it wins over 「見てみる」
    assert page.learner_list.text(0) == "花子・ひとりで"
    assert page.learners_message.text() == "練習のしかたを決めました。"
    page.learner_list.setCurrentRow(0)
    assert page.mode_combo.currentData() == "alone"
    page.mode_combo.setCurrentIndex(page.mode_combo.findData(""))
    click(qtbot, area, page.mode_button)
    assert directory.get_learner(hanako).default_mode is None
    assert recorder.suggested_mode(hanako, "code-pay") == "watch"
    assert directory.export_learner(hanako)["learner"]["default_mode"] is None


def test_only_a_known_way_can_be_fixed(directory):
    hanako = directory.add_learner("花子")
    with pytest.raises(ValueError, match="unknown way"):
        directory.set_default_mode(hanako, "typed text")
    with pytest.raises(NotFound):
        directory.set_default_mode(uuid.uuid4(), "try")
    directory.set_default_mode(hanako, "watch")
    assert [learner.default_mode for learner in directory.list_learners()] == ["watch"]


def test_the_fixed_way_beats_the_record_on_the_start_page(qtbot, tmp_path):
    """A guided run without a hint would make 「ひとりで」 the first offer; the instructor's 「見てみる」 wins."""
    from tests.player.app_pages import open_progress
    from trainer.app.progress_link import ProgressLink

    scenario = next(s for s in bundled() if s.id == "open-an-app")
    record = open_progress(tmp_path / "data")
    try:
        link = ProgressLink(record)
        learner = record.learners.add_learner("見て 花子", None)
        link.choose(learner)
        window = MainWindow(Library([scenario]), settings=Settings(text_size_chosen=True, read_aloud=False))
        qtbot.addWidget(window)
        window.resize(1280, 860)
        window.show()
        window.listeners_for = link.listeners_for
        window.suggest_mode = link.suggest_mode
        window.fixed_mode = link.fixed_mode
        player = window.start(scenario.id, mode="try")
        for move in routes(scenario)[scenario.finishes[0].id]:
            perform(player, move.expect)
        assert record.recorder.flush()
        window.choose_mode(scenario.id)
        page = window._pages["modes"]
        assert page.order[0] == "alone" and not page.fixed
        record.learners.set_default_mode(learner, "watch")
        window.choose_mode(scenario.id)
        page = window._pages["modes"]
        assert page.order == ("watch", "try", "alone") and page.fixed
        assert "先生のおすすめは「見てみる」" in page.note()
    finally:
        record.close()


def test_a_watched_attempt_is_stored_as_watched_and_then_try_is_offered(engine, recorder, directory):
    """Watched to the end (the app's own right actions, no hint): stored with mode watch, and the
    next offer is 「やってみる」 — a watched run never counts as done without a hint."""
    from tests.progress.helpers import attempt_row, pay_actions, pay_scenario
    from tests.progress.test_attempt_mode import _listened

    learner = directory.add_learner("見る 花子")
    scenario = pay_scenario()
    assert recorder.suggested_mode(learner, scenario.id) == "watch"
    listener = recorder.listener(learner)
    run = _listened(scenario, listener, mode="watch")
    no_hint = [a for i, a in enumerate(pay_actions()) if i != 2]
    for action in no_hint:
        action(run)
    assert run.finished and run.mode == "watch"
    assert recorder.flush()
    assert attempt_row(engine, listener.attempt_id).mode == "watch"
    assert recorder.store.finished_modes(learner, scenario.id) == [("watch", 0)]
    assert recorder.suggested_mode(learner, scenario.id) == "try"
