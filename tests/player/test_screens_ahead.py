"""The next step's screen is built while the learner reads (``trainer.app.screens_ahead``), and what
the step change then shows is exactly what a freshly built screen would be.

For every step of several bundled scenarios (branching ones among them), at 300 % with furigana
and at 100 %: the player is started at the step, left idle as a reading learner leaves it, and the
step is done through the real widgets. The step that appears must have taken the prepared screen
and instruction text, and their widget trees (classes, geometry, what is visible, texts, accessible
names and descriptions, focus policies, fonts) must equal those of the same step's screen and text
built afresh in the same place.
"""

from __future__ import annotations

import dataclasses
import functools
import time

import pytest
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QWidget

from tests.player.autoplay import CONTINUE, moves_from, perform, settle
from tests.player.conftest import bundled, start_at
from trainer.app import access
from trainer.app.library import Library
from trainer.app.main_window import MainWindow
from trainer.app.screens_ahead import CANDIDATES, ScreensAhead
from trainer.app.settings import Settings
from trainer.scenarios.model import Step

SCENARIOS = ("fake-shop-site", "refund-scam-call", "public-money-account", "insurance-card-registration")


def tree(widget: QWidget, root: QWidget | None = None) -> list[tuple]:
    """Everything a learner or a screen reader can tell about ``widget`` and what it holds."""
    root = root or widget
    found = []
    for item in [widget, *widget.findChildren(QWidget)]:
        text = ""
        if isinstance(item, (QLabel, QAbstractButton, QLineEdit)):
            text = item.text()
        elif hasattr(item, "text") and callable(item.text):
            try:
                text = str(item.text())
            except TypeError:
                text = ""
        geometry = item.geometry() if item is root else item.geometry().translated(item.parentWidget().mapTo(
            root, item.parentWidget().rect().topLeft()))
        found.append((type(item).__name__, geometry.getRect(), item.isVisibleTo(root), text,
                      item.accessibleName(), item.accessibleDescription(), item.focusPolicy(),
                      item.font().key(), item.sizeHint().toTuple(), item.hasFocus(),
                      item.nextInFocusChain() is item.parentWidget()))
    return found


def read_for_a_while(player, seconds: float = 5.0) -> None:
    """Run the event loop (idle, as while the learner reads) until the preparation is done."""
    settle()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and player.ahead._work:
        loop = QEventLoop()
        QTimer.singleShot(20, loop.quit)
        loop.exec()
    settle()


def plain_move(scenario, step: Step):
    moves = [m for m in moves_from(scenario, step) if m.expect is CONTINUE or not m.expect.fields]
    return moves[0] if moves else None


@pytest.mark.parametrize(("scale", "furigana"), [(300, True), (100, False)])
def test_a_prepared_screen_is_the_screen_built_afresh(qtbot, scale, furigana):
    by_id = {s.id: s for s in bundled()}
    scenarios = [by_id[name] for name in SCENARIOS if name in by_id]
    assert len(scenarios) >= 3
    window = MainWindow(Library(scenarios), settings=Settings(
        text_scale=scale, text_size_chosen=True, read_aloud=False, furigana=furigana))
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    settle()
    compared = missed = devices = 0
    for scenario in scenarios:
        for step in scenario.steps:
            move = plain_move(scenario, step)
            if move is None:
                continue
            nxt = scenario.step(move.next_id)
            player = window.start(scenario.id, snapshot=start_at(scenario, step.id))
            read_for_a_while(player)
            expect_prepared = not nxt.is_finish
            other_device = nxt.device != step.device  # its frame is prepared too
            before, devices_before, ctx = player.ahead.used, player.ahead.devices_used, player.device_ctx
            perform(player, move.expect)
            settle()
            if not expect_prepared or player.run.current.id != nxt.id:
                continue
            if other_device:
                assert player.ahead.devices_used == devices_before + 1, \
                    f"{scenario.id}/{nxt.id}: the device frame prepared ahead was not used"
                ctx = player.device_ctx  # the frame's own scale: what the screen is prepared with
                devices += 1
            if player.ahead.used == before:
                # only when the step's body changed the device's proportions, and so its text size
                assert player.device_ctx != ctx, f"{scenario.id}/{nxt.id}: the prepared screen was not used"
                missed += 1
                continue
            prepared_view, prepared_text = tree(player.view), tree(player.panel.step_text)
            prepared_device = tree(player.device)
            # the same step's screen and text (and device frame) built afresh, in the same place
            player.ahead.drop()
            if other_device:
                player._device_name = step.device
                player._use_device(nxt.device)
            player._build_screen(player.step)
            number = len(player.run.path)
            player.panel.set_step(number, player.step_text(player.step), scenario.readings,
                                  player.step.only_explains,
                                  total=number + player._steps_to_finish().get(player.step.id, 1) - 1)
            access.present_step(player)  # as a step change does: gesture tools, focus, Tab order
            settle()
            assert tree(player.view) == prepared_view, f"{scenario.id}/{nxt.id}: screen"
            assert tree(player.panel.step_text) == prepared_text, f"{scenario.id}/{nxt.id}: instruction"
            assert tree(player.device) == prepared_device, f"{scenario.id}/{nxt.id}: device"
            compared += 1
    assert compared >= 10 and missed <= compared // 4, (compared, missed)
    assert devices >= 1, "a step on another device came with its frame prepared"


def test_a_screen_prepared_for_one_way_is_dropped_when_the_learner_goes_another(qtbot, look):
    from trainer.widgets.base import ElementContext

    scenario = next(s for s in bundled() if any(step.choices for step in s.steps))
    branching = next(step for step in scenario.steps if len(step.choices) >= 2)
    ahead = ScreensAhead()
    ctx = ElementContext(look, scenario.base_dir, scenario.readings, branching.device)
    first, second = (scenario.step(choice.next) for choice in branching.choices[:2])
    ahead.prepare_view(first, ctx, 400, 600)
    ahead.prepare_view(second, ctx, 400, 600)
    kept = [p.view for p in ahead._views]
    destroyed = []
    for view in kept:
        view.destroyed.connect(lambda *_: destroyed.append(True))
    taken = ahead.take_view(second, ctx)
    assert taken is kept[1]
    settle()
    assert len(destroyed) == 1, "the screen for the way not taken is deleted"
    assert ahead.take_view(first, ctx) is None, "nothing prepared is used twice"
    other = ElementContext(look.with_(scale=2.0), scenario.base_dir, scenario.readings, branching.device)
    ahead.prepare_view(first, ctx, 400, 600)
    assert ahead.take_view(first, other) is None, "a screen prepared at another text size is not used"
    taken.deleteLater()
    ahead.deleteLater()


def test_nothing_is_prepared_while_the_event_loop_is_busy(qtbot):
    """Preparation waits for the loop to be idle: events processed without waiting prepare nothing."""
    scenario = next(s for s in bundled() if s.id == SCENARIOS[0])
    window = MainWindow(Library([scenario]), settings=Settings(text_scale=300, text_size_chosen=True,
                                                               read_aloud=False))
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    settle()
    player = window.start(scenario.id)
    for _ in range(20):
        settle()
    assert player.ahead._work and not player.ahead._views
    read_for_a_while(player)
    assert not player.ahead._work and player.ahead._views


def _prepared(player) -> list[QWidget]:
    return [p.view for p in player.ahead._views] + [t.widget for t in player.ahead._texts]


def _gone_after(widgets: list[QWidget], change) -> None:
    """``change()`` deletes every one of ``widgets`` (really, once Qt has run its deferred deletes)."""
    destroyed: list[int] = []
    for index, widget in enumerate(widgets):
        widget.destroyed.connect(lambda *_, index=index: destroyed.append(index))
    change()
    settle()
    assert sorted(destroyed) == list(range(len(widgets)))


@pytest.mark.parametrize("change", [{"text_scale": 200}, {"theme": "high-contrast"}, {"lang": "en"}])
def test_what_was_prepared_is_dropped_when_the_look_changes(qtbot, change):
    scenario = next(s for s in bundled() if s.id == SCENARIOS[0])
    settings = Settings(text_scale=300, text_size_chosen=True, read_aloud=False, furigana=True)
    window = MainWindow(Library([scenario]), settings=settings)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    settle()
    player = window.start(scenario.id)
    read_for_a_while(player)
    prepared = _prepared(player)
    assert prepared, "the next step's screen and text were prepared while the learner read"
    old_look = player.look
    _gone_after(prepared, lambda: window.apply_settings(dataclasses.replace(settings, **change)))
    assert player.look != old_look
    read_for_a_while(player)  # what is prepared now is for the new look
    assert player.ahead._views and all(p.ctx.look.scale == player.device_ctx.look.scale and p.ctx == player.device_ctx
                                       for p in player.ahead._views)
    assert all(t.look == player.panel.text_look for t in player.ahead._texts)  # the step text's own size


def test_what_was_prepared_is_dropped_on_a_restart_and_in_watch_mode(qtbot):
    scenario = next(s for s in bundled() if s.id == SCENARIOS[0])
    window = MainWindow(Library([scenario]), settings=Settings(text_scale=300, text_size_chosen=True,
                                                               read_aloud=False))
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    settle()
    player = window.start(scenario.id)
    read_for_a_while(player)
    views = [p.view for p in player.ahead._views]
    assert views
    _gone_after(views, player.restart_step)  # 「やり直す」: a fresh screen, nothing kept for it
    watching = window.start(scenario.id, mode="watch")
    read_for_a_while(watching)
    assert not _prepared(watching), "nothing is prepared in watch mode"


def test_prepared_screens_do_not_pile_up_over_a_whole_scenario(qtbot):
    """Walking every step: what is prepared stays within CANDIDATES, and each screen not taken is deleted."""
    from tests.player.autoplay import routes

    scenario = next(s for s in bundled() if s.id == SCENARIOS[1])
    window = MainWindow(Library([scenario]), settings=Settings(text_scale=300, text_size_chosen=True,
                                                               read_aloud=False, furigana=True))
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    settle()
    route = max(routes(scenario).values(), key=len)
    player = window.start(scenario.id)
    alive: set[int] = set()
    made = 0
    for move in route:
        read_for_a_while(player)
        assert len(player.ahead._views) <= CANDIDATES and len(player.ahead._texts) <= CANDIDATES
        for widget in _prepared(player):
            key = id(widget)
            if key not in alive:
                alive.add(key)
                made += 1
                widget.destroyed.connect(functools.partial(alive.discard, key))
        perform(player, move.expect)
        settle()
    settle()
    assert made >= len(route), "something was prepared at (nearly) every step"
    shown = {id(player.panel.step_text)} if not player.run.finished else set()
    assert alive <= shown, "every prepared widget not on screen has been deleted"
