"""Classes in the real window: 「手を挙げる」 in the player (button and F1), a helper lowering it,
the learner's own home (name, marks, 「続きから」 first), attempts linked to the open class."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.player.autoplay import click, perform, routes, settle
from tests.player.conftest import scenario_named
from trainer.app.hand import HandButton, HandChannel
from trainer.app.library import Library
from trainer.app.main_window import MainWindow
from trainer.app.progress_link import ProgressLink
from trainer.app.settings import Settings
from trainer.progress.classes import ClassBook, HelpBoard


def window_with(qtbot, progress, scenarios, **settings):
    window = MainWindow(Library(list(scenarios)),
                        settings=Settings(text_size_chosen=True, read_aloud=False, **settings),
                        ask_quit=lambda parent, look: True)
    qtbot.addWidget(window)
    window.resize(1280, 860)
    window.show()
    link = ProgressLink(progress, seat_poll_s=0.05)
    window.attach_progress(link)
    return window, link


def choose(window, name):
    picker = window._pages["learner"]
    until = time.monotonic() + 10
    while not picker.loaded and time.monotonic() < until:  # the names are read on a worker thread
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
    click(next(t for t in picker.tiles if t.text() == name))


@pytest.mark.parametrize("scale", [100, 300])
def test_the_hand_button_is_always_in_the_control_bar(qtbot, progress, scale):
    scenario = scenario_named("scan-to-pay")
    progress.learners.add_learner("都城 花子")
    window, link = window_with(qtbot, progress, [scenario], text_scale=scale)
    choose(window, "都城 花子")
    player = window.start(scenario.id)
    settle()
    hand = player.controls.hand
    assert isinstance(hand, HandButton) and hand.isVisible() and hand.text_fits()
    assert min(hand.width(), hand.height()) >= 52
    assert hand.text() == "手を挙げる" and hand.accessibleName() == "手を挙げる"
    for step in scenario.steps[:2]:  # on every step, wherever the practice is
        perform(player, step.expect[0])
        assert player.controls.hand.isVisible()
    link.seat.close()


def test_raising_and_lowering_the_hand_with_the_button_and_f1(qtbot, progress):
    scenario = scenario_named("scan-to-pay")
    progress.learners.add_learner("都城 花子")
    book = ClassBook(progress.engine)
    session = book.start_session("中央公民館", "山田")
    window, link = window_with(qtbot, progress, [scenario])
    qtbot.waitUntil(lambda: link.seat.session_id() == session, timeout=3000)
    choose(window, "都城 花子")
    player = window.start(scenario.id)
    settle()
    hand = player.controls.hand
    step_before = player.run.current.id
    click(hand)
    assert hand.raised and hand.text() == "サポーターが来ます" and hand.emphasised
    assert window.narrator.last.startswith("手を挙げました。サポーターが来ます")
    assert player.run.current.id == step_before  # nothing blocks or moves the practice
    board = HelpBoard(progress.engine)
    qtbot.waitUntil(lambda: any(r.hand_raised and r.name == "花子" for r in board.rows(session)), timeout=3000)

    window.activateWindow()
    QTest.keyClick(player, Qt.Key.Key_F1)  # the key does the same: lowers it again
    settle()
    assert not hand.raised and hand.text() == "手を挙げる"
    assert window.narrator.last == "手を下ろしました。"
    qtbot.waitUntil(lambda: not any(r.hand_raised for r in board.rows(session)), timeout=3000)

    QTest.keyClick(player, Qt.Key.Key_F1)
    settle()
    assert hand.raised
    row = None

    def raised_row():
        nonlocal row
        row = next((r for r in board.rows(session) if r.hand_raised), None)
        return row is not None

    qtbot.waitUntil(raised_row, timeout=3000)
    assert board.acknowledge(row.presence_id)  # 「対応しました」 on the helper's board
    qtbot.waitUntil(lambda: not hand.raised, timeout=3000)
    assert hand.text() == "手を挙げる"
    qtbot.waitUntil(lambda: progress.recorder.helper_assisted, timeout=3000)
    link.seat.close()


def test_attempts_started_in_an_open_class_belong_to_it(qtbot, progress):
    from sqlalchemy import select

    from trainer.progress.models import Attempt

    scenario = scenario_named("scan-to-pay")
    progress.learners.add_learner("はなこ")
    window, link = window_with(qtbot, progress, [scenario])
    window.start(scenario.id)  # before the class: not in it
    settle()
    session = ClassBook(progress.engine).start_session("中央公民館")
    qtbot.waitUntil(lambda: link.seat.session_id() == session, timeout=3000)
    window.show_learner_choice()
    choose(window, "はなこ")
    window.start(scenario.id)
    assert progress.recorder.flush(10)
    with progress.engine.connect() as conn:
        linked = conn.execute(select(Attempt.session_id).order_by(Attempt.started_at)).scalars().all()
    assert linked == [session]  # the guest's run before was not recorded; hers belongs to the class
    link.seat.close()


def test_the_learners_home_shows_her_name_marks_and_continue_first(qtbot, progress):
    pay, app = scenario_named("scan-to-pay"), scenario_named("open-an-app")
    learner = progress.learners.add_learner("都城 花子")
    window, link = window_with(qtbot, progress, [pay, app])
    choose(window, "都城 花子")
    home = window._pages["home"]
    assert home.learner_heading is not None and home.learner_heading.text() == "都城 花子さんの練習"
    # she finishes one practice and stops another half-way
    player = window.start(app.id)
    for move in next(iter(routes(app).values())):
        perform(player, move.expect)
    assert window.page_name == "finish"
    player = window.start(pay.id)
    perform(player, pay.steps[0].expect[0])
    click(player.controls.quit)
    assert progress.recorder.flush(10)
    listing = window._pages["list"]
    assert pay.id in listing.resume_buttons
    resume, start = listing.resume_buttons[pay.id], listing.start_buttons[pay.id]
    assert resume._style == "primary" and start._style == "secondary"  # 「続きから」 is the main button
    assert resume.geometry().x() <= start.geometry().x() or resume.geometry().y() < start.geometry().y()
    assert listing.marks[pay.id].text() == "▶ とちゅう"
    window.show_category(app.category)
    assert window._pages["list"].marks[app.id].text() == "✓ できました"

    # a fresh window (another day): the marks come from the record
    window2, link2 = window_with(qtbot, progress, [pay, app])
    choose(window2, "都城 花子")
    qtbot.waitUntil(lambda: link2.resume.mark(app.id) == "finished", timeout=3000)
    assert link2.resume.mark(pay.id) == "in-progress"
    assert progress.reports.scenario_marks(learner)[app.id].finished
    link.seat.close()
    link2.seat.close()


def test_a_guest_raising_a_hand_in_class_is_an_anonymous_row(qtbot, progress):
    scenario = scenario_named("open-an-app")
    session = ClassBook(progress.engine).start_session("中央公民館")
    window, link = window_with(qtbot, progress, [scenario])
    qtbot.waitUntil(lambda: link.seat.session_id() == session, timeout=3000)
    click(window._pages["learner"].guest_button)
    player = window.start(scenario.id)
    settle()
    click(player.controls.hand)
    board = HelpBoard(progress.engine)
    qtbot.waitUntil(lambda: any(r.hand_raised for r in board.rows(session)), timeout=3000)
    [row] = board.rows(session)
    assert row.is_guest and row.name == ""
    HandChannel.instance().set_raised(False)
    link.seat.close()
