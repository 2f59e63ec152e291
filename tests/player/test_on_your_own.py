"""「ひとりで」 (on your own), played through the real UI: chosen at the scenario's start, the task
shown and read, per step a goal that never names what to press, wrong taps a short kind word,
hints only when asked, and the finish page's plain summary."""

from __future__ import annotations

import pytest

from tests.player.autoplay import click, perform, routes, settle
from tests.player.conftest import bundled
from trainer.app.library import Library
from trainer.app.main_window import MainWindow
from trainer.app.settings import Settings
from trainer.reading.ruby import plain
from trainer.scenarios import modes
from trainer.words.catalogue import tr


def _window(qtbot, scenarios, lang=None) -> MainWindow:
    window = MainWindow(Library(scenarios), settings=Settings(text_size_chosen=True, read_aloud=False, lang=lang))
    qtbot.addWidget(window)
    window.resize(1280, 860)
    window.show()
    settle()
    return window


def _start_alone(window: MainWindow, scenario):
    """From the list: 「はじめる」, then 「ひとりで」 on the scenario's start page."""
    window.show_category(scenario.category)
    settle()
    click(window._pages["list"].start_buttons[scenario.id])
    assert window.page_name == "modes"
    page = window._pages["modes"]
    assert [b.text() for b in (page.buttons["try"], page.buttons["alone"])] == ["やってみる", "ひとりで"] or (
        window.look.lang == "en")
    click(page.buttons["alone"])
    assert window.page_name == "player"
    assert window.player.mode == "alone"
    return window.player


def _shown(player) -> list[str]:
    """Every instruction text on the panel: the step's text and the message above it."""
    texts = [player.panel.step_text.text()]
    if player.panel.feedback.isVisible():
        texts.append(player.panel.feedback.text())
    return texts


def _cases():
    for scenario in bundled():
        for finish_id in routes(scenario):
            yield pytest.param(scenario, finish_id, id=f"{scenario.id}->{finish_id}")


@pytest.mark.parametrize(("scenario", "finish_id"), list(_cases()))
def test_on_your_own_to_every_finish_without_naming_a_target(qtbot, scenario, finish_id):
    window = _window(qtbot, [scenario])
    player = _start_alone(window, scenario)
    task = plain(modes.task_of(scenario).get("ja"))
    assert scenario.task is not None, "every bundled scenario has a task"
    assert player.panel.feedback.isVisible() and task in player.panel.feedback.text()
    for move in routes(scenario)[finish_id]:
        step = player.run.current
        assert step.id == move.step.id
        labels = modes.target_labels(step)
        for text in _shown(player):
            assert modes.named_label(text, labels) is None, (
                f"{scenario.id}/{step.id}: the instruction names {modes.named_label(text, labels)!r}: {text!r}")
        assert player.panel.step_text.text() == plain(modes.instruction(scenario, step).get("ja"))
        if not step.only_explains:
            assert player.panel.step_text.text() != plain(step.say.get("ja"))
        perform(player, move.expect)
        if move.next_id != finish_id:
            assert player.run.current.id == move.next_id, player.panel.feedback.text()
    assert window.page_name == "finish"
    page = window._pages["finish"]
    assert page.step.id == finish_id
    assert [line.text() for line in page.summary_lines] == ["ひとりで、最後までできました！",
                                                           "次も「ひとりで」やってみましょう。"]
    assert page.again.text() == "もう一度ひとりで" and page.practise is None


def test_wrong_taps_get_a_short_kind_word_and_hints_only_when_asked(qtbot):
    scenario = next(s for s in bundled() if s.id == "scan-to-pay")
    window = _window(qtbot, [scenario])
    player = _start_alone(window, scenario)
    assert player.panel.step_text.text() == "支払いのアプリを開きましょう。" or player.run.current.goal is None
    wrong = player.view.target_widget("camera")  # a known mistake with its own explanation in guided play
    for _ in range(3):
        click(wrong)
        assert player.panel.feedback_kind == "explain"
        assert player.panel.feedback.text() == tr("alone.wrong", "ja")
        assert not player.controls.hint.emphasised  # never offered: only when asked
    assert player.run.current.id == "open-pay"
    click(player.controls.hint)
    assert player.panel.feedback_kind == "hint"  # asked for: the runner's hint, which may name the button
    for move in routes(scenario)["done"]:
        perform(player, move.expect)
    page = window._pages["finish"]
    lines = [line.text() for line in page.summary_lines]
    hardest = plain(modes.instruction(scenario, scenario.step("open-pay")).get("ja"))
    assert lines == ["ヒントを 1 回使って、最後までできました。", f"いちばんむずかしかったところ: {hardest}",
                     "「やってみる」で練習してから、また「ひとりで」やってみましょう。"]
    assert page.practise is not None and page.practise.text() == "やってみる で練習"
    click(page.practise)
    assert window.page_name == "player" and window.player.mode == "try"
    assert window.player.panel.step_text.text() == plain(scenario.steps[0].say.get("ja"))


def test_the_finish_again_button_stays_on_your_own(qtbot):
    scenario = next(s for s in bundled() if s.id == "open-an-app")
    window = _window(qtbot, [scenario])
    player = _start_alone(window, scenario)
    for move in routes(scenario)[scenario.finishes[0].id]:
        perform(player, move.expect)
    click(window._pages["finish"].again)
    assert window.page_name == "player" and window.player.mode == "alone"
    assert window.player.run.current.id == scenario.steps[0].id


def test_try_is_still_guided_and_the_start_page_goes_back(qtbot):
    scenario = next(s for s in bundled() if s.id == "open-an-app")
    window = _window(qtbot, [scenario])
    window.show_category(scenario.category)
    settle()
    click(window._pages["list"].start_buttons[scenario.id])
    click(window._pages["modes"].back)
    assert window.page_name == "list"
    click(window._pages["list"].start_buttons[scenario.id])
    click(window._pages["modes"].buttons["try"])
    player = window.player
    assert player.mode == "try" and player.panel.step_text.text() == plain(scenario.steps[0].say.get("ja"))
    assert not player.panel.feedback.isVisible()


def test_english_on_your_own(qtbot):
    scenario = next(s for s in bundled() if s.id == "scan-to-pay")
    window = _window(qtbot, [scenario], lang="en")
    player = _start_alone(window, scenario)
    assert window._pages["modes"] is not None
    assert player.panel.feedback.text() == f"Your task: {plain(scenario.task.get('en'))}"
    labels = modes.target_labels(player.run.current)
    assert modes.named_label(player.panel.step_text.text(), labels) is None


def test_every_bundled_step_that_asks_for_an_action_has_its_own_goal():
    """Written by hand for every scenario (in English too where the step has English); none names
    what to press (``trainer check`` warns about that, and the play-through above checks the screen)."""
    missing, languages = [], []
    for scenario in bundled():
        for step in scenario.steps:
            if step.is_finish or step.only_explains:
                continue
            if step.goal is None:
                missing.append(f"{scenario.id}/{step.id}")
            elif step.say.has("en") != step.goal.has("en"):
                languages.append(f"{scenario.id}/{step.id}")
    assert not missing and not languages, (missing, languages)


def test_the_task_is_read_aloud_before_the_first_goal(qtbot, monkeypatch):
    scenario = next(s for s in bundled() if s.id == "scan-to-pay")
    window = _window(qtbot, [scenario])
    said: list[tuple[str, ...]] = []
    monkeypatch.setattr(window.narrator, "say", lambda *texts, **_kw: said.append(texts))
    player = _start_alone(window, scenario)
    task = tr("alone.task", "ja", task=scenario.task.get("ja"))
    first_goal = scenario.steps[0].goal.get("ja")
    assert (task, first_goal) in said
    said.clear()
    click(player.controls.repeat)  # 「もう一度聞く」 reads the goal, never the guided text
    assert said == [(first_goal,)]


def test_the_start_page_offers_the_suggested_way_first(qtbot):
    scenario = next(s for s in bundled() if s.id == "open-an-app")
    window = _window(qtbot, [scenario])
    asked: list[str] = []
    window.suggest_mode = lambda sid: asked.append(sid) or "alone"  # what a ProgressLink gives
    window.show_category(scenario.category)
    settle()
    click(window._pages["list"].start_buttons[scenario.id])
    page = window._pages["modes"]
    assert asked == [scenario.id]
    alone, guided = page.buttons["alone"], page.buttons["try"]
    assert alone.x() < guided.x() or alone.y() < guided.y()  # first in reading order
    assert alone._style == "primary" and guided._style == "secondary"
    assert page.focusWidget() is alone or window.focusWidget() is alone
    assert "「ひとりで」がおすすめ" in page.spoken()[1]
    window.suggest_mode = lambda sid: "try"
    click(page.back)
    click(window._pages["list"].start_buttons[scenario.id])
    page = window._pages["modes"]
    assert page.buttons["try"]._style == "primary" and page.suggested == "try"
    assert page.buttons["try"].x() < page.buttons["alone"].x() or page.buttons["try"].y() < page.buttons["alone"].y()


def test_the_progress_link_suggests_from_the_record(qtbot, tmp_path):
    """Through the real record: a guided run finished without a hint makes 「ひとりで」 the first offer."""
    from tests.player.app_pages import open_progress
    from trainer.app.progress_link import ProgressLink

    scenario = next(s for s in bundled() if s.id == "open-an-app")
    record = open_progress(tmp_path / "data")
    try:
        link = ProgressLink(record)
        learner = record.learners.add_learner("ひとりで 花子", None)
        link.choose(learner)
        assert link.suggest_mode(scenario.id) == "watch"  # the first time: 「見てみる」
        window = _window(qtbot, [scenario])
        window.listeners_for = link.listeners_for
        window.suggest_mode = link.suggest_mode
        player = window.start(scenario.id)
        for move in routes(scenario)[scenario.finishes[0].id]:
            perform(player, move.expect)
        assert window.page_name == "finish"
        assert record.recorder.flush()
        assert link.suggest_mode(scenario.id) == "alone"
        window.choose_mode(scenario.id)
        assert window._pages["modes"].suggested == "alone"
    finally:
        record.close()
