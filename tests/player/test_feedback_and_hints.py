"""The gentle path: every author-described slip in the bundled scenarios
shows its own explanation and keeps the learner on the step; hints come in
the runner's order (text, highlight, demonstration) and point at the
right widget; 「やり直す」 and 「やめる」 lose nothing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect

from tests.player.autoplay import click, perform, settle, type_into
from tests.player.conftest import bundled, scenario_named, start_at
from trainer.app.library import Library
from trainer.app.main_window import MainWindow
from trainer.app.settings import Settings
from trainer.reading.ruby import plain
from trainer.scenarios.actions import Action
from trainer.scenarios.events import Judgement
from trainer.scenarios.runner import DEFAULT_MISTAKE, OFFER_HINT


def open_at(qtbot, scenario, step_id: str | None = None, ask_quit=None) -> tuple[MainWindow, object]:
    window = MainWindow(Library([scenario]), settings=Settings(text_size_chosen=True, read_aloud=False),
                        ask_quit=ask_quit)
    qtbot.addWidget(window)
    window.resize(1280, 860)
    window.show()
    snapshot = None
    if step_id is not None:
        snapshot = start_at(scenario, step_id)
    player = window.start(scenario.id, snapshot=snapshot)
    settle()
    return window, player


def _mistakes():
    for scenario in bundled():
        for step in scenario.steps:
            for mistake in step.mistakes:
                yield pytest.param(scenario, step, mistake, id=f"{scenario.id}/{step.id}/{mistake.id}")


def _steps_with_hints():
    for scenario in bundled():
        for step in scenario.steps:
            if not step.is_finish:
                yield pytest.param(scenario, step, id=f"{scenario.id}/{step.id}")


@pytest.mark.parametrize(("scenario", "step", "mistake"), list(_mistakes()))
def test_every_described_slip_gets_its_own_gentle_words(qtbot, scenario, step, mistake):
    _window, player = open_at(qtbot, scenario, step.id)
    judged = []
    player.run.subscribe(judged.append)
    perform(player, mistake.when[0])
    assert player.run.current.id == step.id, "a slip must not move the learner on"
    results = [e for e in judged if type(e).__name__ == "ActionJudged"]
    assert results and results[-1].result is Judgement.KNOWN_MISTAKE and results[-1].mistake_id == mistake.id
    assert player.panel.feedback_kind == "explain"
    assert player.panel.feedback.isVisible()
    assert player.panel.feedback.text().startswith(plain(mistake.say.get("ja")))


def test_an_unexpected_action_gets_the_kind_default_and_then_a_hint_is_offered(qtbot):
    scenario = scenario_named("open-an-app")
    _window, player = open_at(qtbot, scenario, "open-weather")
    click(player.view.target_widget("phone"))  # a described slip
    click(player.view.target_widget("camera"))
    assert player.panel.feedback_kind == "explain"
    assert plain(OFFER_HINT.get("ja")) in player.panel.feedback.text(), "after two slips a hint is offered"
    assert player.controls.hint.emphasised
    player.act(Action.tap("no-such-thing"))
    assert player.panel.feedback.text().startswith(plain(DEFAULT_MISTAKE.get("ja")))
    assert player.run.current.id == "open-weather"


@pytest.mark.parametrize(("scenario", "step"), list(_steps_with_hints()))
def test_hints_come_in_order_and_point_at_the_target(qtbot, scenario, step):
    _window, player = open_at(qtbot, scenario, step.id)
    expected = player.run.hints()
    for level, hint in enumerate(expected, 1):
        click(player.controls.hint)
        assert player.run.hint_level == level
        assert player.panel.feedback_kind == "hint"
        assert player.panel.feedback.isVisible()
        if hint.text is not None:
            assert player.panel.feedback.text() == plain(hint.text.get("ja"))
        target = player.view.target_widget(hint.target) if hint.target else None
        if hint.kind in ("highlight", "show") and target is not None:
            overlay = player.overlay
            assert overlay.isVisible() and overlay.target is target
            where = QRect(target.mapTo(player, QPoint(0, 0)), target.size())
            assert overlay.target_rect() == where
            assert overlay.clip_rect().intersects(where), "the highlighted widget was scrolled into view"
            if hint.kind == "show":
                overlay.finish_animation()
                tip = overlay.hand_tip().toPoint()
                assert where.contains(tip), "the demonstration points at the target"
    click(player.controls.hint)
    assert player.panel.feedback.text() == player.look.tr("player.no_more_hints")
    assert player.run.current.id == step.id


def test_restart_step_gives_a_fresh_screen_and_keeps_the_step(qtbot):
    scenario = scenario_named("scan-to-pay")
    _window, player = open_at(qtbot, scenario, "amount")
    [field] = [w for w in player.view.elements if w.element.type == "input"]
    type_into(field, "123")
    click(player.controls.restart)
    [field] = [w for w in player.view.elements if w.element.type == "input"]
    assert field.field.text() == ""
    assert player.run.current.id == "amount"
    assert player.panel.feedback_kind == "notice"


def test_quit_asks_and_can_be_cancelled(qtbot):
    scenario = scenario_named("scan-to-pay")
    asked = []
    window, player = open_at(qtbot, scenario, "amount", ask_quit=lambda parent, look: asked.append(1) or False)
    click(player.controls.quit)
    assert asked == [1]
    assert window.page_name == "player" and player.run.current.id == "amount"


def test_quit_loses_nothing_continue_resumes_the_same_step(qtbot):
    scenario = scenario_named("scan-to-pay")
    window, player = open_at(qtbot, scenario, ask_quit=lambda parent, look: True)
    perform(player, scenario.steps[0].expect[0])
    reached = player.run.current.id
    click(player.controls.quit)
    assert window.page_name == "list"
    page = window._pages["list"]
    assert scenario.id in page.resume_buttons
    click(page.resume_buttons[scenario.id])
    assert window.page_name == "player"
    assert window.player.run.current.id == reached


def test_mistake_feedback_is_never_red(qtbot):
    """The slip box uses the calm explain colours in every theme (no red, no cross)."""
    from trainer.app.panel import FEEDBACK_STYLES
    from trainer.widgets.theme import THEMES

    fill, text, icon = FEEDBACK_STYLES["explain"]
    assert icon not in ("warning", "stop", "cross", "x")
    for theme in THEMES.values():
        colour = getattr(theme, fill)
        r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
        assert not (r > 150 and g < 90 and b < 90), f"{theme.name}: {colour} looks red"


def test_the_counter_says_which_step_of_how_many(qtbot):
    """「手順 1 / 4」: the learner sees how far along they are (not 「1 番目の手順」)."""
    scenario = scenario_named("open-an-app")  # five steps, the last an ending: four to do
    _window, player = open_at(qtbot, scenario)
    assert player.panel.counter.text() == "手順 1 / 4"
    click(player.panel.next_button)
    settle()
    assert player.panel.counter.text() == "手順 2 / 4"
