"""「どのように練習しますか？」: the big card with a way's name on it chooses that way when pressed
(issue 10, item 9). At 100 % the three cards are the largest things on the page and the real
buttons sit small on the band below; a learner of 80 presses the card, and nothing happened."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from tests.player.app_pages import make_window, open_page, settle
from tests.player.conftest import bundled
from trainer.app.library import Library
from trainer.scenarios.modes import ALONE, MODES, WATCH
from trainer.widgets.labels import TextBlock


def _page(qtbot):
    window = make_window(Library(bundled()), 100, "standard", (1280, 720))
    qtbot.addWidget(window)
    open_page(window, "modes")
    return window._pages["modes"]


def test_pressing_a_card_or_its_words_chooses_that_way(qtbot):
    page = _page(qtbot)
    assert set(page.cards) == set(MODES)
    for mode in (WATCH, ALONE):
        words = page.cards[mode].findChildren(TextBlock)[0]  # the way's name, the largest words on the card
        with qtbot.waitSignal(page.chosen, timeout=1000) as chosen:
            qtbot.mouseClick(words, Qt.MouseButton.LeftButton)
        assert chosen.args == [mode]
    with qtbot.waitSignal(page.chosen, timeout=1000) as chosen:
        qtbot.mouseClick(page.cards[ALONE], Qt.MouseButton.LeftButton, pos=QPoint(4, 4))  # its padding, too
    assert chosen.args == [ALONE]


def test_letting_go_outside_the_card_chooses_nothing(qtbot):
    page = _page(qtbot)
    card = page.cards[WATCH]
    picked: list[str] = []
    page.chosen.connect(picked.append)
    qtbot.mousePress(card, Qt.MouseButton.LeftButton, pos=card.rect().center())
    qtbot.mouseRelease(card, Qt.MouseButton.LeftButton, pos=QPoint(card.width() // 2, card.height() + 40))
    settle()
    QApplication.processEvents()
    assert picked == []
    assert card.focusPolicy() == Qt.FocusPolicy.NoFocus  # the buttons below stay the keyboard's way
