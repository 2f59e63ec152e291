"""A step change does each piece of its work once (counted, never timed).

- The focus goes from where the learner pressed straight to the new step's text: the old screen
  (or the old text) going does not first hand it to the next widget in the chain, which would get
  its focus events, its ring and its repaint for nothing.
- The instruction card is fitted to its new message and new text once, not once for each.
- The message box's size for a column is measured (with a probe box) once per look and line width,
  for every panel of the app: a new scenario's player does not measure it again.
- A step on another device finds its instruction text built ahead for the column that device's
  split gives, not for the column on show.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from tests.player.autoplay import perform, settle
from tests.player.conftest import bundled, start_at
from tests.player.test_screens_ahead import plain_move, read_for_a_while
from trainer.app.library import Library
from trainer.app.main_window import MainWindow
from trainer.app.panel import InstructionPanel
from trainer.app.reflow import FitScroll
from trainer.app.settings import Settings

SCENARIOS = ("fake-shop-site", "refund-scam-call", "public-money-account")


def _window(qtbot, scenarios, scale: int = 300, furigana: bool = True) -> MainWindow:
    window = MainWindow(Library(scenarios), settings=Settings(
        text_scale=scale, text_size_chosen=True, read_aloud=False, furigana=furigana))
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    window.activateWindow()
    settle()
    return window


def _steps(scenario):
    """(step, move, next step) for the steps of ``scenario`` done by a plain move to a non-finish step."""
    for step in scenario.steps:
        move = plain_move(scenario, step)
        if move is None:
            continue
        nxt = scenario.step(move.next_id)
        if not nxt.is_finish:
            yield step, move, nxt


def test_the_focus_goes_straight_to_the_new_steps_text(qtbot):
    by_id = {s.id: s for s in bundled()}
    scenarios = [by_id[name] for name in SCENARIOS if name in by_id]
    window = _window(qtbot, scenarios)
    app = QApplication.instance()
    checked = 0
    for scenario in scenarios:
        for step, move, nxt in list(_steps(scenario))[:6]:
            player = window.start(scenario.id, snapshot=start_at(scenario, step.id))
            settle()
            got: list = []
            judged: list = []  # from the moment the action is judged (the press itself may focus what is pressed)
            player.run.subscribe(lambda event, judged=judged: judged.append(type(event).__name__))

            def record(_old, new, got=got, judged=judged) -> None:
                if "ActionJudged" in judged:
                    got.append(new)

            app.focusChanged.connect(record)
            try:
                perform(player, move.expect)
                settle()
            finally:
                app.focusChanged.disconnect(record)
            if player.run.current.id != nxt.id:
                continue
            text = player.panel.step_text
            assert text.hasFocus(), f"{scenario.id}/{nxt.id}: the new step's text has the focus"
            stops = [w for w in got if w is not None]
            assert stops and all(w is text for w in stops), \
                f"{scenario.id}/{nxt.id}: the focus stopped at {[type(w).__name__ for w in stops]} on the way"
            checked += 1
    assert checked >= 6


def test_the_card_is_fitted_once_per_step_change(qtbot, monkeypatch):
    scenario = next(s for s in bundled() if s.id == SCENARIOS[0])
    window = _window(qtbot, [scenario])
    fits: list[str] = []

    refit = FitScroll.refit

    def counted(self):
        caller = sys._getframe(1).f_code
        if caller.co_filename.endswith("panel.py"):  # asked by the panel (not Qt's layout requests)
            fits.append(caller.co_name)
        return refit(self)

    monkeypatch.setattr(FitScroll, "refit", counted)
    changes = 0
    for step, move, nxt in list(_steps(scenario))[:5]:
        player = window.start(scenario.id, snapshot=start_at(scenario, step.id))
        settle()
        fits.clear()
        perform(player, move.expect)
        settle()
        if player.run.current.id != nxt.id or player.gesture_tools is not None:
            continue
        assert len(fits) == 1, f"{scenario.id}/{nxt.id}: the card was fitted {len(fits)} times ({fits})"
        changes += 1
    assert changes >= 3


def test_the_message_box_size_is_measured_once_per_look_and_width(qtbot, monkeypatch):
    from trainer.widgets.look import Look

    look = Look(scale=3.0, furigana=True)
    first = InstructionPanel(look, "練習")
    qtbot.addWidget(first)
    first.fit_line(411, 600)  # a width no other test fits a column to
    made: list[InstructionPanel] = []
    make = InstructionPanel._make_feedback

    def counted(self, look):
        made.append(self)
        return make(self, look)

    monkeypatch.setattr(InstructionPanel, "_make_feedback", counted)
    second = InstructionPanel(look, "練習")
    qtbot.addWidget(second)
    made.clear()
    second.fit_line(411, 600)
    assert second.feedback._look.scale == first.feedback._look.scale
    # the box itself is made at its new size (once); no probe boxes to measure that size again
    assert len(made) <= 1, f"{len(made)} message boxes made to fit a column measured before"
    shown = first.feedback
    first.prepare_column(433)  # measured ahead for another device's column: nothing on show changes
    assert first.feedback is shown
    made.clear()
    second.fit_line(433, 600)
    assert len(made) <= 1, f"{len(made)} message boxes made to fit a column measured ahead"


def test_a_step_on_another_device_takes_its_text_built_for_that_column(qtbot):
    window = _window(qtbot, bundled())
    changes = taken = differ = 0
    for scenario in bundled():
        for step, move, nxt in _steps(scenario):
            if nxt.device == step.device:
                continue
            player = window.start(scenario.id, snapshot=start_at(scenario, step.id))
            read_for_a_while(player)
            column = player.panel.line_look
            prepared = [t.widget for t in player.ahead._texts]
            perform(player, move.expect)
            settle()
            if player.run.current.id != nxt.id or player.ahead.devices_used == 0:
                continue  # (no frame built ahead: no column known ahead either)
            changes += 1
            differ += player.panel.line_look != column
            taken += player.panel.step_text in prepared
    assert differ >= 1, "some step changes to another device give the column another text size"
    assert taken == changes, f"{taken} of {changes} step changes to another device took a text built ahead"
