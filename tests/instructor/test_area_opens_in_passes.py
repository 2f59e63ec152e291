"""Opening the instructor area never holds the window for long: the click makes the area and its gate's
two empty holders only, the rest comes a part per pass of the event loop (the gate's two pages, the
tabs, each page's module), and the record is only ever asked on the area's worker thread.

Counted, never timed: the widgets that exist after each pass of the event loop
(``QApplication.allWidgets``), and the thread each SQL statement runs on.
"""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtWidgets import QApplication
from sqlalchemy import event

from trainer.app.instructor import InstructorArea
from trainer.app.instructor.common import AreaPrefs

PIN = "4321"

#: Widgets the click may make (the area, its stack, the gate, the gate's stack and its two holders).
AT_THE_CLICK = 8
#: Widgets one later pass may make: a part (the PIN page in its scroll area, the page buttons, …).
IN_ONE_PASS = 40


@pytest.fixture
def record(tmp_path):
    from trainer.progress import open_progress

    opened = open_progress(data_dir_override=tmp_path / "data")
    opened.pin.set(PIN)
    yield opened
    opened.close()


def make_area(record, tmp_path) -> InstructorArea:
    return InstructorArea(record.learners, record.pin, record.reports, record.recorder,
                          prefs=AreaPrefs(100, tmp_path / "prefs" / "instructor-area.json"))


def opened_and_unlocked(qtbot, record, tmp_path) -> InstructorArea:
    """The area shown, settled, and unlocked with the PIN typed into its gate."""
    area = make_area(record, tmp_path)
    qtbot.addWidget(area)
    area.resize(1280, 860)
    area.show()
    passes_until_settled(qtbot, area)
    area.gate.pin_edit.setText(PIN)
    with qtbot.waitSignal(area.unlocked):
        area.gate.unlock_button.click()
    return area


def widgets() -> int:
    return len(QApplication.allWidgets())


def passes_until_settled(qtbot, area: InstructorArea, *, new_only: bool = False) -> list[int]:
    """Run the event loop a pass at a time until the area is idle; the widgets made in each pass (with
    ``new_only``, those not there before it: a widget deleted in the same pass, such as an earlier page's
    put away when idle, is then not subtracted from them)."""
    made, seen, before = [], set(QApplication.allWidgets()), widgets()
    for _ in range(500):
        QApplication.processEvents()
        now = set(QApplication.allWidgets())
        made.append(len(now - seen) if new_only else len(now) - before)
        seen |= now
        before = len(now)
        if not area.jobs.busy:
            break
        # The worker thread's answers come in their own time; a sleep, not ``qtbot.wait``, lets it run:
        # waiting runs the event loop, which (when the page modules are already imported, as in the
        # whole suite) would handle several passes in one wait and count them as one.
        time.sleep(0.001)
    assert not area.jobs.busy
    return made


def test_the_click_makes_only_the_gates_holders_and_each_later_pass_one_part(qtbot, record, tmp_path):
    before = widgets()
    area = make_area(record, tmp_path)
    qtbot.addWidget(area)
    area.resize(1280, 860)
    area.show()
    assert widgets() - before <= AT_THE_CLICK
    assert "pin_edit" not in vars(area.gate) and "new_pin_edit" not in vars(area.gate)
    assert "tabs" not in vars(area)

    made = passes_until_settled(qtbot, area, new_only=True)
    assert max(made) <= IN_ONE_PASS, made
    assert sum(1 for n in made if n > 0) >= 3, made  # the gate's two pages and the tabs came apart
    assert "pin_edit" in vars(area.gate) and "new_pin_edit" in vars(area.gate) and "tabs" in vars(area)
    assert area.gate.pin_edit.hasFocus()  # the record has a PIN: its field, once made, has the focus
    assert not area.gate.asks_for_new_pin and not area.is_unlocked


def test_what_is_asked_for_early_is_made_at_once(qtbot, record, tmp_path):
    area = make_area(record, tmp_path)
    qtbot.addWidget(area)
    area.show()
    area.gate.pin_edit.setText(PIN)  # asked for before its pass: made now
    assert area.gate.pin_edit.text() == PIN
    assert area.tabs.count() == 5  # the tabs too, whole
    with qtbot.waitSignal(area.unlocked):
        area.gate.unlock_button.click()
    qtbot.waitUntil(lambda: not area.jobs.busy)
    assert area.is_unlocked and area.learners_page is area.tabs.currentWidget().findChild(type(area.learners_page))


def test_the_record_is_asked_only_on_the_worker_thread(qtbot, record, tmp_path):
    on_ui_thread: list[str] = []
    ui = threading.main_thread()

    def noted(_conn, _cursor, statement, *_args) -> None:
        if threading.current_thread() is ui:
            on_ui_thread.append(statement.split()[0])

    engine = record.reports.engine
    event.listen(engine, "before_cursor_execute", noted)
    try:
        area = opened_and_unlocked(qtbot, record, tmp_path)
        for index in range(area.tabs.count()):
            area.tabs.setCurrentIndex(index)
            passes_until_settled(qtbot, area)
        reports = area.reports_page
        for index in range(reports.tabs.count()):
            reports.tabs.setCurrentIndex(index)
            passes_until_settled(qtbot, area)
        reports.city.count()
        passes_until_settled(qtbot, area)
        assert reports.city.report is not None  # counted (on the worker thread)
    finally:
        event.remove(engine, "before_cursor_execute", noted)
    assert on_ui_thread == []


def test_the_reports_page_makes_one_table_a_pass(qtbot, record, tmp_path):
    from PySide6.QtWidgets import QTableView

    def tables() -> int:
        return sum(1 for widget in QApplication.allWidgets() if isinstance(widget, QTableView))

    area = opened_and_unlocked(qtbot, record, tmp_path)
    passes_until_settled(qtbot, area)
    before = tables()
    area.tabs.setCurrentIndex(3)  # 報告とつまずき: its 「市への報告」 is shown first
    made = []
    for _ in range(500):
        QApplication.processEvents()
        made.append(tables() - before)
        before = tables()
        if not area.jobs.busy:
            break
        time.sleep(0.001)  # (as in ``passes_until_settled``: one pass of the event loop a count)
    assert sum(made) == 3 and max(made) == 1, made  # the city's report's three tables, one a pass
    assert area.reports_page.city.helped_view.isVisibleTo(area)
