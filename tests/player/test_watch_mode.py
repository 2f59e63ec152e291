"""「見てみる」 (watch mode, issue #15): the app plays every bundled scenario itself through the real
widgets and the learner only presses 「次へ」; the hand points only at what is on screen; nothing
moves on by itself; a marked mistake is shown with its fix first; the learner's own taps are not
judged; 「もう一度見る」 shows a step again; the attempt is recorded as watched."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, QRectF

from tests.player.autoplay import click, settle
from tests.player.conftest import bundled
from tests.player.visibility import open_window, visible_share
from trainer.app import watch
from trainer.scenarios import watch as plan


@pytest.fixture(autouse=True)
def _quick(monkeypatch):
    monkeypatch.setattr(watch, "TEMPO", 0.0)  # the learner's pace is slow; the test does not wait it out


class Said:
    """A narrator stand-in that keeps what was read aloud."""

    def __init__(self, narrator):
        self.texts: list[str] = []
        self._say = narrator.say
        narrator.say = self

    def __call__(self, *texts, **kwargs):
        self.texts.extend(t for t in texts if t)
        return self._say(*texts, **kwargs)


def wait_shown(qtbot, player) -> None:
    """Until the hand waits on its target (or a mistake is on show)."""
    qtbot.waitUntil(lambda: player.watch.phase in ("ready", "mistake"), timeout=5000)


def pointed_in_view(window, player) -> list[str]:
    """What is wrong with where the hand points now: its target mostly in view, its tip on it."""
    overlay = player.overlay
    target = overlay.target
    if target is None:
        return []
    found = []
    if target is player.device.scroll_area.viewport():  # a swipe across the screen: the part of it in view
        rect = QRect(target.mapTo(window, QPoint(0, 0)), target.size())
        share = rect.intersected(window.rect()).width() * rect.intersected(window.rect()).height() / max(
            1, rect.width() * rect.height())
    else:
        share = visible_share(target, window)
    if share < 0.9:
        found.append(f"{player.run.current.id}: the hand points at {type(target).__name__} {share:.0%} in view")
    tip = overlay.hand_tip()
    rect = QRect(target.mapTo(player, QPoint(0, 0)), target.size())
    if tip is None or not rect.contains(tip.toPoint()) or not overlay.clip_rect().contains(tip.toPoint()):
        found.append(f"{player.run.current.id}: the fingertip {tip} is not on its target {rect}")
    hand = overlay.hand_rect()
    if tip is not None and hand is not None and target is not player.device.scroll_area.viewport() \
            and hand.contains(QRectF(rect).center()):
        found.append(f"{player.run.current.id}: the hand {hand.getRect()} covers the middle of {rect} (its label)")
    return found


def play_to_finish(qtbot, window, player, limit=80) -> tuple[list[str], list[str]]:
    """Press 「次へ」 (and nothing else) until the finish page; (steps seen, pointing problems)."""
    seen, wrong = [], []
    for _ in range(limit):
        if window.page_name == "finish":
            return seen, wrong
        seen.append(player.run.current.id)
        wait_shown(qtbot, player)
        player.overlay.finish_animation()
        wrong.extend(pointed_in_view(window, player))
        button = player.panel.next_button
        assert button.isVisible() and button.isEnabled()
        click(button)
        if window.page_name != "finish":
            qtbot.waitUntil(lambda: window.page_name == "finish" or player.watch.phase != "doing", timeout=5000)
    raise AssertionError(f"no finish after {limit} presses of 「次へ」: {seen}")


@pytest.mark.parametrize("scale", [1.0, 3.0], ids=["100%", "300%"])
def test_watch_plays_every_scenario_to_its_finish_pointing_only_at_what_is_on_screen(qtbot, scale):
    window = open_window(bundled(), (1280, 720), scale)
    qtbot.addWidget(window)
    events = []
    window.listeners_for = lambda _scenario: [events.append]
    wrong = []
    for scenario in bundled():
        events.clear()
        player = window.start(scenario.id, mode="watch")
        settle()
        assert player.mode == "watch" and player.run.mode == "watch"
        assert not player.controls.hint.isVisibleTo(player)  # nothing to hint: the app shows everything
        assert player.controls.restart.text() == "もう一度見る"
        seen, problems = play_to_finish(qtbot, window, player)
        wrong.extend(f"{scenario.id}/{p}" for p in problems)
        route = [d.step_id for d in plan.route(scenario)]
        assert [s for s in dict.fromkeys(seen)] == route, scenario.id
        assert window.page_name == "finish"
        page = window._pages["finish"]
        assert page.step.id == plan.route(scenario)[-1].next_id and page.watched
        assert page.practise is not None and page.practise.text() == "やってみる"
        assert events[0].mode == "watch"
        judged = [e for e in events if type(e).__name__ == "ActionJudged"]
        assert judged and all(e.result.name == "CORRECT" for e in judged), scenario.id  # no mistake counted
    assert not wrong, "\n".join(wrong)


def _player(qtbot, scenario_id, size=(1280, 720)):
    scenario = next(s for s in bundled() if s.id == scenario_id)
    window = open_window([scenario], size, 1.0)
    qtbot.addWidget(window)
    said = Said(window.narrator)
    player = window.start(scenario.id, mode="watch")
    settle()
    return window, player, said


def advance_to(qtbot, player, wanted) -> plan.Demo:
    """Press 「次へ」 until the step's demonstration is ``wanted(demo)``."""
    for _ in range(30):
        demo = plan.demo_for(player.scenario, player.run.current)
        if wanted(demo):
            wait_shown(qtbot, player)
            return demo
        wait_shown(qtbot, player)
        click(player.panel.next_button)
        qtbot.waitUntil(lambda: player.watch.phase != "doing", timeout=5000)
    raise AssertionError("no such step on the way")


def test_nothing_moves_on_by_itself(qtbot):
    window, player, _ = _player(qtbot, "open-an-app")
    first = player.run.current.id
    wait_shown(qtbot, player)
    qtbot.wait(300)  # the demonstration is over: it waits, however long
    assert player.run.current.id == first and player.watch.phase == "ready"
    assert player.panel.next_button.isVisible()


def test_a_marked_mistake_is_shown_with_its_fix_before_the_right_way(qtbot):
    """code-pay's 「スキャン」 instead of 「支払う」: the hand on 「スキャン」, the explanation shown and read,
    then 「次へ」 shows 「支払う」, and only the next 「次へ」 presses it."""
    window, player, said = _player(qtbot, "code-pay")
    events = []
    player.run.subscribe(events.append)
    scenario = player.scenario
    while player.run.current.id != "show-code":
        wait_shown(qtbot, player)
        click(player.panel.next_button)
        qtbot.waitUntil(lambda: player.watch.phase != "doing", timeout=5000)
    step = player.run.current
    mistake = next(m for m in step.mistakes if m.id == "scan-instead")
    assert mistake.show
    wait_shown(qtbot, player)
    assert player.watch.phase == "mistake" and player.watch.mistake is mistake
    assert player.overlay.target is player.view.target_widget("scan")
    shown = player.panel.feedback.text()
    assert "よくある間違い" in shown and "「スキャン」を押します" in shown
    assert "「スキャン」は、お店のQRコードを自分で読むときです" in shown
    assert any("「スキャン」は、お店のQRコード" in t for t in said.texts)  # read aloud
    click(player.panel.next_button)
    wait_shown(qtbot, player)
    assert player.watch.phase == "ready" and player.run.current.id == "show-code"
    assert player.overlay.target is player.view.target_widget("show")
    assert "「支払う」を押します" in player.panel.feedback.text()
    click(player.panel.next_button)
    assert player.run.current.id == scenario.step_after(step).id
    assert not [e for e in events if type(e).__name__ == "ActionJudged" and e.result.name != "CORRECT"]


def test_the_learners_own_tap_is_not_judged(qtbot):
    window, player, said = _player(qtbot, "open-an-app")
    demo = advance_to(qtbot, player, lambda d: d.kind == "tap")
    events = []
    player.run.subscribe(events.append)
    step = player.run.current
    click(player.view.target_widget(demo.target))  # the learner presses it themselves
    assert player.run.current is step
    assert not [e for e in events if type(e).__name__ == "ActionJudged"]
    assert player.panel.feedback.text() == "今は見る練習です。「次へ」を押すと進みます。"


def test_watch_again_shows_the_step_again_on_a_fresh_screen(qtbot):
    window, player, said = _player(qtbot, "phone-and-camera")
    demo = advance_to(qtbot, player, lambda d: bool(d.fields))
    step = player.run.current
    field_id, value = demo.fields[0]
    assert player.view.field_values()[field_id] == value  # typed key by key on the dial pad
    said.texts.clear()
    click(player.controls.restart)
    assert player.run.current is step and player.watch.phase in ("show", "ready")
    assert player.view.field_values()[field_id] in ("", value)
    wait_shown(qtbot, player)
    assert player.view.field_values()[field_id] == value
    assert said.texts and said.texts[0] == player.step_text(step)


def test_keys_appear_one_by_one_at_the_learners_pace(qtbot, monkeypatch):
    monkeypatch.setattr(watch, "TEMPO", 0.05)
    window, player, _ = _player(qtbot, "phone-and-camera")
    demo = advance_to(qtbot, player, lambda d: bool(d.fields))
    field_id, value = demo.fields[0]
    click(player.controls.restart)  # shown again, now watched key by key
    lengths = set()
    qtbot.waitUntil(lambda: lengths.add(len(player.view.field_values()[field_id])) or player.watch.phase == "ready",
                    timeout=10000)
    assert len(lengths) > 3, f"the number appeared at once: {sorted(lengths)}"


def test_watch_mode_speaks_english_through_the_catalogue(qtbot):
    from trainer.app.library import Library
    from trainer.app.main_window import MainWindow
    from trainer.app.settings import Settings

    scenario = next(s for s in bundled() if s.id == "code-pay")
    window = MainWindow(Library([scenario]), settings=Settings(text_size_chosen=True, read_aloud=False, lang="en"))
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    window.choose_mode(scenario.id)
    page = window._pages["modes"]
    assert [b.text() for b in (page.buttons[m] for m in page.order)] == ["Watch", "Try it", "On your own"]
    player = window.start(scenario.id, mode="watch")
    settle()
    assert player.controls.restart.text() == "Watch again"
    advance_to(qtbot, player, lambda d: d.target == "show")
    assert player.panel.feedback.text().startswith("A common mistake: Presses “Scan”.")
    click(player.panel.next_button)
    wait_shown(qtbot, player)
    assert player.panel.feedback.text() == "Presses “Pay”.\nPress “Next” to see it done."
