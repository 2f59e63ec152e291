"""What a screen reader and a keyboard get in the instructor area: the PIN gate and every page of the
unlocked area, read through Qt's own ``QAccessible`` interfaces (as ``test_accessibility_tree.py``
reads the learner's side) and driven with keys.

Checked on each page: every focusable control is named with its visible text (a field with its
form label; a button with its words), the page buttons are radio buttons in a named group with one
Tab stop, reached by Tab and drawn with the two-band focus ring, a page change puts the focus on a
named control of the new page, and tables are exposed as tables with a name.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAccessible, QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QFormLayout, QLabel, QTableView, QWidget

from tests.player.app_pages import open_instructor_area
from tests.player.autoplay import settle
from tests.player.test_accessibility_tree import by_role, problems, read_tree
from trainer.app.instructor import InstructorArea
from trainer.app.settings import Settings
from trainer.widgets.accessibility import interface
from trainer.widgets.focus import tab_stops
from trainer.widgets.theme import THEMES

Role = QAccessible.Role

PAGE_NAMES = ["学習者とクラス", "教室の開催", "見守りボード", "報告とつまずき", "書き出し・削除・保存"]


@pytest.fixture
def theme():
    return "standard"


@pytest.fixture
def opened(qtbot, progress, theme):
    """The real window showing the instructor area (the PIN gate first)."""
    window, area, link = open_instructor_area(
        qtbot, progress, Settings(text_size_chosen=True, read_aloud=False, theme=theme))
    settle()
    yield window, area
    link.seat.close()


def unlock(qtbot, area: InstructorArea) -> None:
    gate = area.gate
    gate.new_pin_edit.setText("1234")
    gate.new_pin_again_edit.setText("1234")
    with qtbot.waitSignal(area.unlocked):
        QTest.keyClick(gate.new_pin_again_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not area.jobs.busy)
    settle()


def shown_page(area: InstructorArea) -> QWidget:
    return area.gate if not area.is_unlocked else area.tabs.currentWidget()


def name_problems(root: QWidget) -> list[str]:
    """Controls whose accessible name is not what the eye reads next to them or on them."""
    found = problems(read_tree(root))
    for form in root.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if item is None or field is None or field.widget() is None:
                continue
            text = item.widget().text() if isinstance(item.widget(), QLabel) else ""
            widget = field.widget()
            if widget.isVisibleTo(root) and widget.focusPolicy() != Qt.FocusPolicy.NoFocus \
                    and widget.accessibleName() != text:
                found.append(f"field labelled {text!r} is named {widget.accessibleName()!r}")
    for button in root.findChildren(QAbstractButton):
        if not button.isVisibleTo(root):
            continue
        name = button.accessibleName() or button.text()
        if button.text() and name != button.text():
            found.append(f"button {button.text()!r} is named {name!r}")
        if not button.text() and not (button.accessibleName() and button.accessibleDescription()
                                      or button.accessibleName()):
            found.append(f"button without text or name: {button!r}")
    for widget in tab_stops(root):
        if not widget.accessibleName() and not isinstance(widget, QLabel):
            found.append(f"Tab stop without a name: {widget!r}")
    return found


def named(widget: QWidget) -> str:
    """The name a screen reader says for ``widget`` (a label's is its text)."""
    return interface(widget).text(QAccessible.Text.Name)


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def test_the_pin_gate_is_named_and_its_focus_lands_on_the_pin_field(qtbot, opened):
    window, area = opened
    gate = area.gate
    assert gate.asks_for_new_pin
    assert not name_problems(gate), name_problems(gate)
    edits = [n for n in read_tree(gate) if n.role == Role.EditableText]
    assert [e.name for e in edits] == ["新しいPIN（4〜8けたの数字）", "もう一度"] or all(e.name for e in edits)
    assert focused() is gate.new_pin_edit and gate.new_pin_edit.accessibleName()
    # Tab goes on through named controls: the second field, 「PINを決める」, 「閉じる」
    names = []
    for _ in range(3):
        QTest.keyClick(focused(), Qt.Key.Key_Tab)
        names.append(named(focused()))
    assert all(names), names
    assert names[1:] == [gate.set_pin_button.text(), area.look.tr("ia.close")]


def test_every_page_of_the_unlocked_area_is_named_and_keeps_the_focus(qtbot, opened):
    window, area = opened
    unlock(qtbot, area)
    tabs = area.tabs
    # opening the area lands on a named control: the chosen page button
    assert focused() is tabs.buttons[0] and named(focused()) == tabs.tabText(0)
    nodes = read_tree(tabs.bar)
    radios = by_role(nodes, Role.RadioButton)
    assert [r.name for r in radios] == [tabs.tabText(i) for i in range(tabs.count())] == PAGE_NAMES
    assert [r.state.checked for r in radios] == [True, False, False, False, False]
    groups = {a.name for r in radios for a in r.ancestors() if a.role == Role.Grouping}
    assert groups == {tabs.accessibleName()} and tabs.accessibleName()
    # one Tab stop in the bar: the chosen page; the arrow keys go along it
    assert [w for w in tab_stops(tabs.bar)] == [tabs.buttons[0]]
    for index in range(1, tabs.count()):
        before = focused()
        QTest.keyClick(before, Qt.Key.Key_Right)
        assert focused() is tabs.buttons[index]
        QTest.keyClick(focused(), Qt.Key.Key_Space)  # choosing shows the page; the focus stays, named
        qtbot.waitUntil(lambda: not area.jobs.busy)
        settle()
        assert tabs.currentIndex() == index
        assert focused() is tabs.buttons[index]
        page = tabs.currentWidget()
        # Tab from a page button the arrows reached (not the chosen one) goes into the page shown
        QTest.keyClick(focused(), Qt.Key.Key_Left)
        assert focused() is tabs.buttons[index - 1]
        QTest.keyClick(focused(), Qt.Key.Key_Tab)
        assert page.isAncestorOf(focused()) and named(focused()), (tabs.tabText(index), focused())
        QTest.keyClick(focused(), Qt.Key.Key_Backtab)  # back to the page button last visited (as Qt's radios do)
        assert focused() is tabs.buttons[index - 1], (index, named(focused()))
        QTest.keyClick(focused(), Qt.Key.Key_Right)
        assert focused() is tabs.buttons[index]
        assert not name_problems(page), (tabs.tabText(index), name_problems(page))
    # every page: named, its tables tables, and Tab from the page buttons enters it on a named control
    tables = 0
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        qtbot.waitUntil(lambda: not area.jobs.busy)
        settle()
        page = tabs.currentWidget()
        assert not name_problems(page), (tabs.tabText(index), name_problems(page))
        nodes = read_tree(page)
        views = [v for v in page.findChildren(QTableView) if v.isVisibleTo(page)]
        assert len(by_role(nodes, Role.Table)) == len(views)
        assert all(n.name for n in by_role(nodes, Role.Table))
        tables += len(views)
        tabs.buttons[index].setFocus(Qt.FocusReason.OtherFocusReason)
        QTest.keyClick(tabs.buttons[index], Qt.Key.Key_Tab)
        target = focused()
        assert page.isAncestorOf(target) and named(target), (tabs.tabText(index), target)
    assert tables >= 3  # the learners', the history's, the reports' tables were all seen
    assert not name_problems(area), name_problems(area)


def test_the_reports_own_pages_are_a_named_radio_group_too(qtbot, opened):
    window, area = opened
    unlock(qtbot, area)
    area.show_page(area.reports_page)
    settle()
    assert focused() is area.tabs.buttons[3]
    inner = area.reports_page.tabs
    nodes = read_tree(inner.bar)
    radios = by_role(nodes, Role.RadioButton)
    assert [r.name for r in radios] == [inner.tabText(i) for i in range(inner.count())]
    assert {a.name for r in radios for a in r.ancestors() if a.role == Role.Grouping} == {"報告とつまずき"}
    # Tab from the area's page buttons reaches the reports' chosen page button next
    QTest.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is inner.buttons[0]
    QTest.keyClick(focused(), Qt.Key.Key_Right)
    QTest.keyClick(focused(), Qt.Key.Key_Return)  # Enter presses as a click does (a short animation)
    qtbot.waitUntil(lambda: inner.currentIndex() == 1)
    qtbot.waitUntil(lambda: not area.jobs.busy)
    settle()
    assert inner.currentIndex() == 1 and focused() is inner.buttons[1]
    assert not name_problems(inner.currentWidget()), name_problems(inner.currentWidget())
    QTest.keyClick(focused(), Qt.Key.Key_Tab)
    assert inner.currentWidget().isAncestorOf(focused()) and named(focused())


def test_locking_again_puts_the_focus_on_the_pin_field(qtbot, opened):
    window, area = opened
    unlock(qtbot, area)
    area.lock()
    qtbot.waitUntil(lambda: not area.jobs.busy)
    settle()
    assert focused() is area.gate.pin_edit and named(focused()) == area.look.tr("pin.pin")
    assert not name_problems(area.gate), name_problems(area.gate)


@pytest.mark.parametrize("theme", ["standard", "high-contrast"])
def test_the_page_buttons_show_the_two_band_focus_ring_and_tab_reaches_them(qtbot, opened, theme):
    window, area = opened
    unlock(qtbot, area)
    tabs = area.tabs
    look = area.look
    button = tabs.buttons[1]
    tabs.setCurrentIndex(1)
    area.size_combo.setFocus()
    settle()
    edge = QPoint(1, button.height() // 2)
    from trainer.widgets.button import focus_width

    width = focus_width(look)
    inner = QPoint(width + max(2, round(width * 0.6)) // 2, button.height() // 2)
    before, before_inner = (button.grab().toImage().pixelColor(p) for p in (edge, inner))
    # Tab, from the last control, round to the page buttons: the chosen one gets the focus
    seen = []
    for _ in range(40):
        QTest.keyClick(focused(), Qt.Key.Key_Tab)
        seen.append(focused())
        if focused() is button:
            break
    assert focused() is button, [named(w) for w in seen]
    settle()
    after = button.grab().toImage().pixelColor(edge)
    assert before != after
    assert after == QColor(look.theme.focus) == QColor(THEMES[theme].focus)
    # the second band, inside the first, in the theme's inner focus colour
    assert before_inner != QColor(THEMES[theme].focus_inner)
    assert button.grab().toImage().pixelColor(inner) == QColor(THEMES[theme].focus_inner)


@pytest.mark.parametrize("scale", [200, 300])
def test_at_large_text_the_page_chooser_is_named_and_a_page_change_keeps_the_focus(qtbot, opened, scale):
    window, area = opened
    unlock(qtbot, area)
    area.set_text_scale(scale)
    qtbot.waitUntil(lambda: not area.jobs.busy)
    settle()
    chooser = area.tabs.chooser
    assert chooser is not None and chooser.accessibleName()
    chooser.setFocus()
    QTest.keyClick(chooser, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: not area.jobs.busy)
    settle()
    assert area.tabs.currentIndex() == 1
    assert named(focused())
    for index in range(area.tabs.count()):
        area.tabs.setCurrentIndex(index)
        qtbot.waitUntil(lambda: not area.jobs.busy)
        settle()
        page = area.tabs.currentWidget()
        assert not name_problems(page), (area.tabs.tabText(index), name_problems(page))


def test_a_text_size_change_keeps_the_focus_on_a_named_control(qtbot, opened):
    window, area = opened
    unlock(qtbot, area)
    area.set_text_scale(150)
    qtbot.waitUntil(lambda: not area.jobs.busy)
    settle()
    assert focused() is area.size_combo and area.size_combo.accessibleName()
