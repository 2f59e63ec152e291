"""The help board is told of changes on PostgreSQL (LISTEN/NOTIFY, migration 0013) and polls on SQLite.

With polling set so slow that it never happens during a test, a raised hand and a helper's answer still
reach the board on PostgreSQL — only a notice can have brought them; the notices carry the session's id
and nothing else; a watch whose connection the server cut listens again by itself. On SQLite the board
page still reads the record twice a second. The PostgreSQL tests fail (not skip) under ``CI=true`` when
the server cannot be reached (``pg_server_url`` in ``conftest.py``).
"""

from __future__ import annotations

import pytest
from sqlalchemy import text

from tests.progress.test_classes import wait_for
from trainer.progress import classes, migrate
from trainer.progress.classes import BoardWatch, ClassBook, HelpBoard, Seat
from trainer.progress.database import create_progress_engine, sqlite_url
from trainer.progress.learners import LearnerDirectory

#: Longer than any test here runs: a board that reads only this often never reads during one.
NEVER_S = 60.0


@pytest.fixture
def pg_engine(pg_url):
    engine = create_progress_engine(pg_url)
    migrate.upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def sqlite_engine(tmp_path):
    engine = create_progress_engine(sqlite_url(tmp_path / "db" / "progress.sqlite3").render_as_string())
    migrate.upgrade(engine)
    yield engine
    engine.dispose()


def seated(engine, session):
    """A PC in the class, its learner chosen (her row is written once she practises or raises her hand)."""
    seat = Seat(engine, poll_s=0.05)
    wait_for(lambda: seat.session_id() == session or seat.wake(), timeout=10)
    seat.set_person(LearnerDirectory(engine).add_learner("都城 花子"))
    return seat


def board_page(qtbot, engine):
    """The board page as the instructor area shows it (its own worker), shown and started."""
    from trainer.app.instructor.board import BoardPage
    from trainer.app.instructor.common import Jobs
    from trainer.widgets.look import Look

    jobs = Jobs()
    page = BoardPage(HelpBoard(engine), ClassBook(engine), Look(), jobs)
    qtbot.addWidget(page)
    page.start()
    return page, jobs


def listening(watch: BoardWatch) -> BoardWatch:
    assert watch.wait_listening(30), "the watch could not listen"
    watch.wait(0)  # forget the notice every (re)connection gives
    return watch


@pytest.mark.postgres
def test_a_raised_hand_and_the_answer_wake_the_board_on_postgresql(pg_engine):
    book = ClassBook(pg_engine)
    session = book.start_session("中央公民館", "山田")
    other = ClassBook(pg_engine)  # only the session's own id is told
    told: list[str] = []
    watch = listening(BoardWatch(pg_engine, on_change=told.append))
    seat = seated(pg_engine, session)
    board = HelpBoard(pg_engine)
    try:
        assert not watch.wait(0.2, session), "told of a change nobody made"
        seat.raise_hand()
        assert watch.wait(NEVER_S, session), "the raised hand was never told"
        [row] = board.rows(session)
        assert row.hand_raised and row.name == "花子"
        assert board.acknowledge(row.presence_id)  # 「対応しました」, from another PC: told as well
        assert watch.wait(NEVER_S, session)
        assert not any(r.hand_raised for r in board.rows(session))
        book.end_session(session)
        other.start_session("高城地区公民館")
        assert watch.wait(NEVER_S), "a class started or ended is told too"
        assert set(told) - {""} <= {str(s.id) for s in book.list_sessions()}, "a notice carries only a session id"
    finally:
        seat.close()
        watch.close()
        board.dispose()


@pytest.mark.postgres
def test_the_board_page_reads_when_told_though_it_would_poll_only_every_ten_minutes(
        qtbot, pg_engine, monkeypatch):
    monkeypatch.setattr(classes, "BOARD_WATCHED_POLL_S", NEVER_S)
    monkeypatch.setattr(classes, "BOARD_POLL_S", NEVER_S)
    session = ClassBook(pg_engine).start_session("中央公民館", "山田")
    seat = seated(pg_engine, session)
    page, jobs = board_page(qtbot, pg_engine)
    try:
        qtbot.waitUntil(lambda: page.watch is not None and page.watch.listening, timeout=30_000)
        qtbot.waitUntil(lambda: not jobs.busy and "中央公民館" in page.heading.text(), timeout=30_000)
        assert page.timer.interval() == NEVER_S * 1000  # no poll during this test
        seat.raise_hand()
        qtbot.waitUntil(lambda: any(r.hand_raised for r in page.rows), timeout=30_000)
        assert page.hands.text() == "手を挙げている人 1人：花子さん"
        seat.lower_hand()
        qtbot.waitUntil(lambda: not any(r.hand_raised for r in page.rows), timeout=30_000)
        page.stop()
        assert page.watch is None and not page.timer.isActive()
    finally:
        page.stop()
        seat.close()


@pytest.mark.postgres
def test_a_watch_whose_connection_the_server_cut_listens_again(pg_engine):
    session = ClassBook(pg_engine).start_session("中央公民館", "山田")
    watch = listening(BoardWatch(pg_engine))
    seat = seated(pg_engine, session)
    try:
        with pg_engine.connect() as conn:
            cut = conn.execute(text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND query = 'LISTEN trainer_board' AND pid <> pg_backend_pid()"
            )).scalars().all()
        assert cut and all(cut)
        assert watch.wait(NEVER_S, session), "listening again, the watch tells the board to read"
        assert watch.listening
        seat.raise_hand()
        assert watch.wait(NEVER_S, session), "the hand raised after the cut was never told"
        assert any(r.hand_raised for r in HelpBoard(pg_engine).rows(session))
    finally:
        seat.close()
        watch.close()


def test_on_sqlite_nothing_tells_and_the_board_page_still_polls(qtbot, sqlite_engine):
    session = ClassBook(sqlite_engine).start_session("中央公民館", "山田")
    seat = seated(sqlite_engine, session)
    page, _jobs = board_page(qtbot, sqlite_engine)
    try:
        assert page.watch is not None and not page.watch.wait_listening(0.1)
        assert page.timer.isActive() and page.timer.interval() == int(classes.BOARD_POLL_S * 1000) == 500
        seat.raise_hand()
        qtbot.waitUntil(lambda: any(r.hand_raised for r in page.rows), timeout=10_000)
    finally:
        page.stop()
        seat.close()
