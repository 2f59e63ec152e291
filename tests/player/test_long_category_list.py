"""A category with hundreds of practices: the page appears at once (its first
cards), grows as the learner scrolls or tabs on, keeps its look, and is shown
again — not rebuilt — on the way back from the player or the settings."""

from __future__ import annotations

import dataclasses
from types import MappingProxyType

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.player.autoplay import click, perform, routes, settle
from tests.player.conftest import bundled
from trainer.app.library import CachedText, Library, ScenarioInfo
from trainer.app.main_window import MainWindow
from trainer.app.scenario_list import FIRST_CARDS, MORE_CARDS, ScenarioListPage
from trainer.app.settings import Settings


def many(count: int, category: str = "cashless") -> list[ScenarioInfo]:
    return [ScenarioInfo(f"gen-{i:04d}", 1, CachedText(MappingProxyType({"ja": f"練習 {i:04d}"})),
                         CachedText(MappingProxyType({"ja": "お店でスマホを使って払う練習です。"})),
                         category, 1 + i % 3, 5, "phone", f"/nowhere/{i}.yaml") for i in range(count)]


def test_six_hundred_cards_start_with_the_first_few_and_grow_as_the_learner_scrolls(qtbot, look):
    page = ScenarioListPage(Library(many(600)), "cashless", look)
    qtbot.addWidget(page)
    page.resize(1280, 720)
    page.show()
    settle()
    assert page.built == FIRST_CARDS and len(page.scenarios) == 600
    assert list(page.start_buttons) == [s.id for s in page.scenarios[:FIRST_CARDS]], "easiest first, as before"
    bar = page.verticalScrollBar()
    half = page.viewport().height() // 2
    assert bar.maximum() - bar.value() > half, "more than half a screen is built ahead"
    bar.setValue(bar.maximum())  # the learner scrolls to the end of what is there
    settle()
    assert FIRST_CARDS + MORE_CARDS <= page.built < 600
    qtbot.waitUntil(lambda: bar.maximum() - bar.value() > half, timeout=3000)  # the list went on growing below


def test_tab_from_the_last_card_goes_on_to_the_next(qtbot, look):
    page = ScenarioListPage(Library(many(100)), "cashless", look)
    qtbot.addWidget(page)
    page.resize(1280, 720)
    page.show()
    settle()
    last = page.start_buttons[page.scenarios[FIRST_CARDS - 1].id]
    last.setFocus()
    QTest.keyClick(last, Qt.Key.Key_Tab)
    settle()
    following = page.start_buttons.get(page.scenarios[FIRST_CARDS].id)
    assert following is not None and following.hasFocus()


def test_the_list_is_shown_again_not_rebuilt_and_its_continue_button_follows(qtbot):
    scenario = next(s for s in bundled() if s.id == "open-an-app")
    catalogue = [scenario, *many(40, category=scenario.category)]
    window = MainWindow(Library(catalogue), settings=Settings(text_size_chosen=True, read_aloud=False),
                        ask_quit=lambda parent, look: True)
    qtbot.addWidget(window)
    window.resize(1280, 860)
    window.show()
    window.show_category(scenario.category)
    listing = window._pages["list"]
    assert isinstance(listing, ScenarioListPage) and scenario.id not in listing.resume_buttons
    click(listing.start_buttons[scenario.id])
    click(window._pages["modes"].buttons["try"])  # 「はじめる」 asks how to practise first
    click(window.player.panel.next_button)
    click(window.player.controls.quit)  # left half-way: 「続きから」
    assert window._pages["list"] is listing, "the same page, not a new one"
    assert window.page_name == "list" and scenario.id in listing.resume_buttons
    window.show_settings()
    window.close_settings()
    assert window.page_name == "list" and window._pages["list"] is listing
    click(listing.start_buttons[scenario.id])  # from the start this time, and to the end
    click(window._pages["modes"].buttons["try"])
    for move in routes(scenario)["done"]:
        perform(window.player, move.expect)
    assert window.page_name == "finish"
    click(window._pages["finish"].others)
    assert window._pages["list"] is listing and window.page_name == "list"
    assert scenario.id not in listing.resume_buttons, "finished: nothing to continue"


def test_a_new_look_builds_the_list_again(qtbot):
    window = MainWindow(Library(many(30)), settings=Settings(text_size_chosen=True, read_aloud=False))
    qtbot.addWidget(window)
    window.show()
    window.show_category("cashless")
    listing = window._pages["list"]
    window.apply_settings(dataclasses.replace(window.settings, text_scale=200))
    assert window._pages["list"] is not listing and window.page_name == "list"
