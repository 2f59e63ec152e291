"""``trainer report`` and ``trainer board``: the city's report as CSV (Excel) and PDF (rendered to PNG
and checked), the board in the terminal; no learner names unless asked."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
import subprocess

import pytest

from tests.progress.helpers import Player, pay_actions, pay_scenario
from trainer.cli import main
from trainer.progress.classes import ClassBook, Seat
from trainer.progress.models import SessionKind
from trainer.scenarios.runner import Run


@pytest.fixture
def db_url(tmp_path):  # the commands read one database; the counts are tested on both elsewhere
    from trainer.progress.database import sqlite_url

    return sqlite_url(tmp_path / "db" / "progress.sqlite3").render_as_string(hide_password=False)


@pytest.fixture
def record(engine, directory, recorder):
    """Two classes (講習会, 相談会) at two venues: 3 learners finished scan-to-pay, one guest came."""
    book = ClassBook(engine)
    course = book.start_session("中央公民館", "山田", SessionKind.COURSE)
    scenario = pay_scenario()
    for name in ("都城 花子", "高城 太郎", "山之口 次郎"):
        learner = directory.add_learner(name)
        recorder.session_source = lambda s=course: s
        recorder.start_attempt(learner, scenario.id, scenario.version)
        player = Player(Run(scenario), recorder)
        player.start()
        for action in pay_actions():
            player.act(action)
    assert recorder.flush()
    consultation = book.start_session("高城地区公民館", "山田", SessionKind.CONSULTATION)
    seat = Seat(engine, poll_s=0.05)
    try:
        deadline = dt.datetime.now() + dt.timedelta(seconds=5)
        while seat.session_id() != consultation and dt.datetime.now() < deadline:
            seat.wake()
        seat.set_person(None)
        seat.raise_hand()
        from sqlalchemy import func, select

        from trainer.progress.models import Presence

        while dt.datetime.now() < deadline:
            with engine.connect() as conn:
                if conn.execute(select(func.count()).select_from(Presence)).scalar():
                    break
    finally:
        seat.close()
    book.end_session(consultation)
    return scenario


def period():
    today = dt.date.today()
    return ["--from", (today - dt.timedelta(days=1)).isoformat(), "--to", (today + dt.timedelta(days=1)).isoformat()]


def test_csv_opens_in_excel_with_japanese_intact_and_no_names(record, db_url, tmp_path, capsys):
    out = tmp_path / "report.csv"
    assert main(["--lang", "ja", "report", *period(), "--out", str(out), "--url", db_url]) == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    rows = list(csv.reader(text.splitlines()))
    assert rows[0] == ["デジタル活用支援　実施報告"]
    assert rows[1] == ["講習会 1 コマ・相談会 1 コマ・延べ 4 人"]
    header, finished = rows[rows.index(["最後までできた人（練習ごと）"]) + 1 : rows.index(["最後までできた人（練習ごと）"]) + 3]
    assert header[1:3] == ["最後までできた人", "うち「ひとりで」できた人"]
    assert finished[1:] == ["3", "0", "3", "3", "0"]  # 3 learners finished, none of them on their own, none watched
    for name in ("花子", "太郎", "次郎"):
        assert name not in text
    assert "書き出しました" in capsys.readouterr().out
    named = tmp_path / "named.csv"
    assert main(["report", *period(), "--out", str(named), "--url", db_url, "--names"]) == 0
    assert "都城 花子" in named.read_text(encoding="utf-8-sig")


def test_venue_and_bad_input_give_plain_messages(record, db_url, tmp_path, capsys):
    out = tmp_path / "venue.csv"
    assert main(["report", *period(), "--venue", "高城地区公民館", "--out", str(out), "--url", db_url]) == 0
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[1] == ["相談会 1 コマ・延べ 1 人"]
    assert main(["--lang", "ja", "report", "--from", "2026/13/40", "--to", "2026-04-01", "--out", str(out)]) == 2
    assert "2026-04-01 のように" in capsys.readouterr().err
    assert main(["--lang", "ja", "report", *period(), "--out", str(tmp_path / "report.xlsx")]) == 2
    assert ".csv か .pdf" in capsys.readouterr().err
    assert main(["--lang", "en", "report", "--from", "2026-05-01", "--to", "2026-04-01", "--out", str(out)]) == 2
    assert "before --from" in capsys.readouterr().err


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed")
def test_the_pdf_is_a4_large_print_with_bar_charts(qapp, record, db_url, tmp_path):  # qapp: one QApplication for all
    from PySide6.QtGui import QImage

    out = tmp_path / "report.pdf"
    assert main(["report", *period(), "--out", str(out), "--url", db_url]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(out), str(tmp_path / "page")], check=True, timeout=60)
    pages = sorted(tmp_path.glob("page*.png"))
    assert pages, "no page rendered"
    shutil.copy(pages[0], tmp_path / "first-page.png")
    image = QImage(str(pages[0]))
    # A4 portrait at 50 dpi: 8.27 x 11.69 in -> about 413 x 585 px
    assert abs(image.width() - 413) <= 3 and abs(image.height() - 585) <= 3
    blue = sum(
        1
        for y in range(0, image.height(), 2)
        for x in range(0, image.width(), 2)
        if (c := image.pixelColor(x, y)).blue() > 140 and c.red() < 80
    )
    assert blue > 100, "no bars were drawn"
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, timeout=60).stdout \
        if shutil.which("pdftotext") else ""
    if text:
        assert "講習会 1 コマ" in text and "花子" not in text


def test_the_board_in_the_terminal(engine, directory, recorder, db_url, capsys):
    hanako = directory.add_learner("都城 花子")
    book = ClassBook(engine)
    session = book.start_session("中央公民館", "山田")
    assert main(["--lang", "ja", "board", "--text", "--once", "--url", db_url]) == 0
    assert "まだ誰も練習していません" in capsys.readouterr().out
    seat = Seat(engine, poll_s=0.05)
    try:
        deadline = dt.datetime.now() + dt.timedelta(seconds=5)
        while seat.session_id() != session and dt.datetime.now() < deadline:
            seat.wake()
        seat.set_person(hanako)
        scenario = pay_scenario()
        run = Run(scenario)
        run.subscribe(seat.listener())
        run.start()
        seat.raise_hand()
        out = ""
        while dt.datetime.now() < deadline:
            assert main(["--lang", "ja", "board", "--text", "--once", "--url", db_url]) == 0
            out = capsys.readouterr().out
            if "手を挙げています" in out:
                break
        assert "花子さん" in out and "都城" not in out and "1 番目" in out and "中央公民館" in out
    finally:
        seat.close()
    book.end_session(session)
    assert main(["--lang", "ja", "board", "--text", "--once", "--url", db_url]) == 0
    assert "開いている教室がありません" in capsys.readouterr().out


def test_the_board_window_is_behind_the_pin_and_never_offers_a_new_pin_on_a_record_with_learners(
        qtbot, engine, directory, store):
    from trainer.cli.board import board_window
    from trainer.progress.classes import HelpBoard
    from trainer.progress.pin import PIN_SETTING, InstructorPin
    from trainer.widgets.look import Look

    InstructorPin(store).set("2468")
    directory.add_learner("都城 花子")
    store.set_setting(PIN_SETTING, None)  # the PIN row removed by someone with write access to the database
    window = board_window(engine, HelpBoard(engine), ClassBook(engine), Look())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.jobs.busy)
    assert not window.gate.asks_for_new_pin and "docs/reliability.md" in window.gate.pin_message.text()
    window.gate.pin_edit.setText("0000")
    window.gate.unlock_button.click()
    qtbot.waitUntil(lambda: not window.jobs.busy)
    assert window.stack.currentIndex() == 0  # still the PIN page, the board stays hidden


@pytest.mark.parametrize("scale", [100, 300])
def test_the_board_window_keeps_1280x720_and_its_button_in_view(qtbot, engine, directory, store, scale):
    from trainer.cli.board import board_window
    from trainer.progress.classes import HelpBoard
    from trainer.progress.pin import InstructorPin
    from trainer.widgets.look import Look

    InstructorPin(store).set("2468")
    hanako = directory.add_learner("都城 花子")
    session = ClassBook(engine).start_session("中央公民館", "山田")
    seat = Seat(engine, poll_s=0.05)
    try:
        qtbot.waitUntil(lambda: seat.session_id() == session, timeout=3000)
        seat.set_person(hanako)
        run = Run(pay_scenario())
        run.subscribe(seat.listener())
        run.start()
        seat.raise_hand()
        window = board_window(engine, HelpBoard(engine), ClassBook(engine), Look(scale=scale / 100),
                              lambda sid: "お店のQRコードで払う")
        qtbot.addWidget(window)
        window.resize(1280, 720)
        window.show()
        window.gate.pin_edit.setText("2468")
        window.gate.unlock_button.click()
        qtbot.waitUntil(lambda: window.stack.currentIndex() == 1, timeout=5000)
        page = window.page
        qtbot.waitUntil(lambda: page.hands.text() == "手を挙げている人 1人：花子さん", timeout=5000)
        assert window.size().toTuple() == (1280, 720), f"the window grew at {scale}%"
        view = window.stack.currentWidget().viewport()
        for widget in (page.heading, page.hands, page.answer_button):  # in view without scrolling
            bottom = widget.mapTo(view, widget.rect().bottomLeft()).y()
            assert 0 <= bottom <= view.height(), f"{widget.objectName() or widget.text()!r} is below the fold"
        assert page.answer_button.text_fits()
        assert page.model.index(0, 1).data() == "お店のQRコードで払う"  # the practice's title, not its id
        page.stop()
    finally:
        seat.close()


def test_steps_and_known_mistakes_are_named_for_people_not_by_their_ids():
    from trainer.app.library import Library
    from trainer.app.report_export import ScenarioNames
    from trainer.reading.ruby import plain

    scenario = pay_scenario()  # the bundled file: its words may change, so they are read from it here
    step = next(s for s in scenario.steps if s.mistakes)
    mistake = step.mistakes[0]
    says, explains = plain(step.say.get("ja")), plain(mistake.say.get("ja"))
    names = ScenarioNames.from_library(Library([scenario]), "ja")
    label = names.step(scenario.id, step.id)
    assert label.startswith(f"{step.index + 1}. {says[:10]}") and len(label) <= 4 + 18 + 1  # number, its start
    assert names.mistake(scenario.id, step.id, mistake.id).startswith(explains[:10])
    assert names.step(scenario.id, "gone") == "gone" and names.mistake(scenario.id, step.id, "m99") == "m99"
    assert names.step("not-offered", step.id) == step.id  # a scenario no longer on offer keeps its ids
    english = ScenarioNames.from_library(Library([scenario]), "en").step(scenario.id, step.id)
    assert english.startswith(f"{step.index + 1}. {plain(step.say.get('en'))[:10]}")


def test_the_csv_names_steps_for_people(record, db_url, tmp_path):
    from trainer.reading.ruby import plain

    out = tmp_path / "report.csv"
    assert main(["--lang", "ja", "report", "--from", "2000-01-01", "--to", "2100-01-01", "--url", db_url,
                 "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8-sig")
    step = next(s for s in pay_scenario().steps if s.id == "amount")
    assert f"{step.index + 1}. {plain(step.say.get('ja'))[:10]}" in text and ",amount," not in text
