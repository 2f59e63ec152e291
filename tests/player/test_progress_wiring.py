"""The app with the progress record attached: learner choice first, each
run recorded (never what was typed), 「続きから」 from the record, guests
not recorded, the instructor area behind its button."""

from __future__ import annotations

import datetime as dt
import uuid

from tests.player.autoplay import CONTINUE, click, perform, settle, type_into
from tests.player.conftest import scenario_named
from trainer.app.library import Library
from trainer.app.main_window import MainWindow
from trainer.app.progress_link import ProgressLink, data_dir_override
from trainer.app.settings import Settings


def window_with(qtbot, progress, scenario, ask_quit=None):
    window = MainWindow(Library([scenario]), settings=Settings(text_size_chosen=True, read_aloud=False),
                        ask_quit=ask_quit)
    qtbot.addWidget(window)
    window.resize(1280, 860)
    window.show()
    assert window.page_name == "home"
    link = ProgressLink(progress)
    window.attach_progress(link)
    return window, link


def test_data_folder_follows_the_test_config(private_config):
    assert data_dir_override() == private_config / "data"


def test_learner_choice_comes_first_and_runs_are_recorded(qtbot, progress):
    scenario = scenario_named("scan-to-pay")
    learner = progress.learners.add_learner("都城 花子")
    window, link = window_with(qtbot, progress, scenario, ask_quit=lambda parent, look: True)
    assert window.page_name == "learner"
    picker = window._pages["learner"]
    qtbot.waitUntil(lambda: picker.loaded)  # the names are read on a worker thread
    [tile] = [t for t in picker.tiles if t.text() == "都城 花子"]
    click(tile)
    assert window.page_name == "home" and link.learner_id == learner
    player = window.start(scenario.id)
    for step in scenario.steps[:4]:  # ... the QR code scanned, the amount read off the till's display
        perform(player, step.expect[0] if step.expect else CONTINUE)
    [amount] = [w for w in player.view.elements if w.element.type == "input"]
    type_into(amount, "4321")  # a typed value: must never be stored
    click(player.controls.quit)
    assert progress.recorder.flush(10)
    snapshot = progress.recorder.resumable(learner, scenario.id)
    assert snapshot is not None and snapshot.step_id == scenario.steps[4].id
    listing = window._pages["list"]
    assert scenario.id in listing.resume_buttons, "「続きから」 comes from the record"
    click(listing.resume_buttons[scenario.id])
    assert window.player.run.current.id == scenario.steps[4].id
    report = progress.reports.learner_report(learner)
    assert report is not None
    exported = progress.learners.export_learner(learner)
    assert not _holds(exported, "4321"), "the typed value reached the record"


def _holds(data, typed: str) -> bool:
    """True when a value of ``data`` is (or contains) ``typed`` — ids and times, whose digits may
    contain it by chance, left aside."""
    if isinstance(data, dict):
        return any(_holds(v, typed) for v in data.values())
    if isinstance(data, (list, tuple)):
        return any(_holds(v, typed) for v in data)
    if isinstance(data, (int, float)) and not isinstance(data, bool):
        return str(data) == typed
    if isinstance(data, str) and typed in data:
        for parse in (uuid.UUID, dt.datetime.fromisoformat):
            try:
                parse(data)
                return False
            except ValueError:
                pass
        return True
    return False


def test_guests_are_not_recorded_but_can_continue_in_this_session(qtbot, progress):
    scenario = scenario_named("open-an-app")
    window, link = window_with(qtbot, progress, scenario, ask_quit=lambda parent, look: True)
    picker = window._pages["learner"]
    qtbot.waitUntil(lambda: picker.loaded)  # the names are read on a worker thread
    click(picker.guest_button)
    assert link.learner_id is None and window.page_name == "home"
    player = window.start(scenario.id)
    click(player.panel.next_button)
    click(player.controls.quit)
    assert progress.recorder.flush(10)
    assert progress.reports.overview().attempts == 0
    assert scenario.id in window._pages["list"].resume_buttons


def test_instructor_area_opens_from_the_picker_and_closes_back_to_it(qtbot, progress):
    scenario = scenario_named("open-an-app")
    window, _link = window_with(qtbot, progress, scenario)
    picker = window._pages["learner"]
    qtbot.waitUntil(lambda: picker.loaded)  # the names are read on a worker thread
    click(picker.instructor_button)
    assert window.page_name == "instructor"
    area = window._pages["instructor"]
    area.closed.emit()
    settle()
    assert window.page_name == "learner"


def test_a_learner_already_practising_is_not_interrupted_when_the_record_opens(qtbot, progress):
    scenario = scenario_named("open-an-app")
    window = MainWindow(Library([scenario]), settings=Settings(text_size_chosen=True, read_aloud=False))
    qtbot.addWidget(window)
    window.show()
    player = window.start(scenario.id)
    window.attach_progress(ProgressLink(progress))
    assert window.page_name == "player" and window.player is player


def early_window(qtbot, scenario):
    from trainer.app.progress_link import EarlyRuns

    early = EarlyRuns()
    window = MainWindow(Library([scenario]), settings=Settings(text_size_chosen=True, read_aloud=False),
                        listeners_for=early.listeners_for, ask_quit=lambda parent, look: True)
    qtbot.addWidget(window)
    window.resize(1280, 860)
    window.show()
    return window, early


def test_practice_before_the_record_opens_is_recorded_for_the_learner_who_then_chooses(qtbot, progress):
    scenario = scenario_named("scan-to-pay")
    learner = progress.learners.add_learner("都城 花子")
    window, early = early_window(qtbot, scenario)
    player = window.start(scenario.id)  # the record is still opening: the learner does not wait
    perform(player, scenario.steps[0].expect[0])
    assert early.waiting == 1
    link = ProgressLink(progress, early=early)
    window.attach_progress(link)
    assert window.page_name == "player" and window.player is player, "not interrupted"
    perform(player, scenario.steps[1].expect[0])  # goes on after the record opened
    click(player.controls.quit)
    assert window.page_name == "learner", "on the way out, the learner says who practised"
    picker = window._pages["learner"]
    qtbot.waitUntil(lambda: picker.loaded)  # the names are read on a worker thread
    assert picker.message.isVisible() and "名前を選んで" in picker.message.text()
    [tile] = [t for t in picker.tiles if t.text() == "都城 花子"]
    click(tile)
    assert progress.recorder.flush(10)
    report = progress.reports.learner_report(learner)
    assert [s.scenario_id for s in report.scenarios] == [scenario.id]
    snapshot = progress.recorder.resumable(learner, scenario.id)
    assert snapshot is not None and snapshot.step_id == scenario.steps[2].id, "both steps were kept"
    assert snapshot.path == tuple(s.id for s in scenario.steps[:3])
    assert link.resume.mark(scenario.id) == "in-progress"  # her own marks count it at once, before any read


def test_practice_before_the_record_opens_is_dropped_for_a_guest(qtbot, progress):
    scenario = scenario_named("open-an-app")
    window, early = early_window(qtbot, scenario)
    player = window.start(scenario.id)
    click(player.panel.next_button)
    window.attach_progress(ProgressLink(progress, early=early))
    click(player.controls.quit)
    click(window._pages["learner"].guest_button)
    assert progress.recorder.flush(10)
    assert progress.reports.overview().attempts == 0


def test_early_runs_replay_in_order_then_forward_and_drop_runs_with_nothing_in_them():
    from trainer.app.progress_link import EarlyRuns

    early = EarlyRuns()
    [first] = early.listeners_for(None)
    [empty] = early.listeners_for(None)
    first("started")
    first("step 1")
    assert early.waiting == 1
    heard: list[str] = []
    made = []

    def listener_for():
        made.append(True)
        return heard.append

    early.hand_over(listener_for)
    assert heard == ["started", "step 1"] and len(made) == 1, "one recorder listener per run with events"
    first("step 2")  # a run still going on goes on being recorded
    empty("late")  # a run with nothing in it at the hand-over is not recorded under this learner
    assert heard == ["started", "step 1", "step 2"] and early.waiting == 0
