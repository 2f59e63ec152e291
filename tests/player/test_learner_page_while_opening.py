"""The learner page on a city's record: there at once, usable while the record opens, never listing
every name.

The link is attached while the record is still opening (``ProgressLink(None)``): the learner page
says the names are being prepared, a guest can start, what is typed in the search box is kept, and
「先生・サポーター用」 pressed meanwhile opens the area when the record is ready. With more names
than tiles the page offers a search box and asks the record for at most ``MAX_TILES + 1`` names,
on a worker thread."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.player.autoplay import click
from tests.player.conftest import scenario_named
from trainer.app.learner_picker import MAX_TILES
from trainer.app.library import Library
from trainer.app.main_window import MainWindow
from trainer.app.progress_link import EarlyRuns, ProgressLink
from trainer.app.settings import Settings
from trainer.widgets.focus import first_stop
from trainer.words.catalogue import tr


def opening_window(qtbot, scenario):
    """The window as ``launch`` makes it: built with the link while the record still opens."""
    early = EarlyRuns()
    link = ProgressLink(None, early=early)
    window = MainWindow(Library([scenario]), settings=Settings(text_size_chosen=True, read_aloud=False),
                        ask_quit=lambda parent, look: True, progress=link)
    qtbot.addWidget(window)
    window.resize(1280, 860)
    window.show()
    return window, link, early


def test_the_learner_page_is_the_first_page_and_its_first_stop_has_the_focus(qtbot, progress):
    window, link, _early = opening_window(qtbot, scenario_named("scan-to-pay"))
    picker = window._pages["learner"]
    assert window.page_name == "learner" and list(window._pages) == ["learner"], "no home page built first"
    qtbot.waitUntil(lambda: window.focusWidget() is picker.guest_button)
    assert picker.first_stop() is first_stop(picker), "the shortcut finds what the focus chain would"
    link.ready(progress)
    qtbot.waitUntil(lambda: picker.loaded)
    assert picker.first_stop() is None, "with the record there, the focus chain decides"


def test_the_learner_page_is_there_while_the_record_opens_and_gets_its_names_when_ready(qtbot, progress):
    scenario = scenario_named("scan-to-pay")
    learner = progress.learners.add_learner("都城 花子")
    window, link, _early = opening_window(qtbot, scenario)
    assert link.opening and window.page_name == "learner"
    picker = window._pages["learner"]
    assert picker.tiles == [] and not picker.loaded
    assert picker.message.text() == tr("picker.warming")
    assert picker.guest_button.isEnabled() and picker.instructor_button.isEnabled()
    link.ready(progress)
    qtbot.waitUntil(lambda: picker.loaded)
    [tile] = picker.tiles
    assert tile.text() == "都城 花子"
    click(tile)
    assert window.page_name == "home" and link.learner_id == learner


def test_a_guest_can_start_before_the_record_is_open_and_is_not_recorded(qtbot, progress):
    scenario = scenario_named("open-an-app")
    window, link, early = opening_window(qtbot, scenario)
    click(window._pages["learner"].guest_button)
    assert window.page_name == "home" and link.learner_id is None
    player = window.start(scenario.id)
    click(player.panel.next_button)
    link.ready(progress)
    click(player.controls.quit)
    assert progress.recorder.flush(10)
    assert progress.reports.overview().attempts == 0
    assert early.waiting == 0


def test_the_instructor_button_pressed_while_the_record_opens_opens_the_area_when_it_is_ready(qtbot, progress):
    from trainer.app.instructor import InstructorArea

    window, link, _early = opening_window(qtbot, scenario_named("open-an-app"))
    click(window._pages["learner"].instructor_button)
    assert window.page_name == "instructor"
    waiting = window._pages["instructor"]
    assert not isinstance(waiting, InstructorArea)
    assert waiting.message.text() == tr("ia.waiting")
    link.ready(progress)
    assert isinstance(window._pages["instructor"], InstructorArea), "the press was not lost"


def test_what_is_typed_while_the_record_opens_is_asked_for_when_it_is_ready(qtbot, progress):
    for n in range(MAX_TILES + 10):
        progress.learners.add_learner(f"なまえ {n:03d}")
    window, link, _early = opening_window(qtbot, scenario_named("open-an-app"))
    picker = window._pages["learner"]
    picker.search.setText("042")  # e.g. typed on a page the window made again (a new text size)
    link.ready(progress)
    qtbot.waitUntil(lambda: picker.loaded)
    assert [t.text() for t in picker.tiles] == ["なまえ 042"]


def test_many_names_offer_a_search_and_only_the_matching_names_are_made(qtbot, progress):
    for n in range(MAX_TILES + 10):
        progress.learners.add_learner(f"なまえ {n:03d}")
    window, link, _early = opening_window(qtbot, scenario_named("open-an-app"))
    link.ready(progress)
    picker = window._pages["learner"]
    qtbot.waitUntil(lambda: picker.loaded)
    assert picker.tiles == [], "no classes and too many names: none of them is made"
    assert picker.search.isVisible()
    assert tr("picker.type_name") in picker.message.text()
    picker.search.setFocus()
    QTest.keyClicks(picker.search, "06")
    wanted = ["なまえ 006"] + [f"なまえ {n:03d}" for n in range(60, 70)]
    qtbot.waitUntil(lambda: [t.text() for t in picker.tiles] == wanted, timeout=5000)
    QTest.keyClick(picker.search, Qt.Key.Key_Backspace)
    QTest.keyClicks(picker.search, "99")
    qtbot.waitUntil(lambda: picker.message.text().endswith(tr("picker.none_found")), timeout=5000)
    assert picker.tiles == []


def test_a_city_record_with_classes_opens_the_classes_when_its_answer_comes(qtbot, progress):
    group = progress.learners.add_group("月曜のクラス")
    for n in range(MAX_TILES + 10):
        progress.learners.add_learner(f"なまえ {n:03d}", group if n % 2 else None)
    window, link, _early = opening_window(qtbot, scenario_named("open-an-app"))
    link.ready(progress)
    picker = window._pages["learner"]
    qtbot.waitUntil(lambda: picker.loaded)
    assert picker.tiles == [] and picker.classes.isVisible() and picker.search.isVisible()
    assert tr("picker.too_many") in picker.message.text()
    button = next(b for b in picker._group_buttons.buttons() if b.property("group_id") == group)
    qtbot.waitUntil(button.isVisible)  # a widget added to a shown layout is shown by the next event pass
    click(button)
    qtbot.waitUntil(lambda: len(picker.tiles) == (MAX_TILES + 10) // 2)
    assert picker.focusWidget() is picker.tiles[0], "the class's names, not the top bar"
