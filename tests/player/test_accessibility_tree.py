"""What a screen reader gets: the accessibility tree, read through Qt's own
``QAccessible`` interfaces (the ones the UI Automation and AT-SPI bridges
read), for every page of the app and a step of every element kind —
roles, names, states and text — plus where the focus goes and what is
announced when a step changes or a hint is given."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from tests.player.autoplay import CONTINUE, perform, settle
from tests.player.conftest import bundled
from trainer.app.library import Library
from trainer.app.main_window import MainWindow
from trainer.app.quit_dialog import QuitDialog
from trainer.app.settings import Settings
from trainer.widgets.accessibility import announcer, interface
from trainer.widgets.base import ElementContext
from trainer.widgets.button import BigButton
from trainer.widgets.labels import TextBlock
from trainer.widgets.screen_view import ScreenView

Role = QAccessible.Role


class Node:
    """One accessible object as a screen reader sees it (plain values, read at once)."""

    def __init__(self, iface, parent: Node | None = None) -> None:
        self.parent = parent
        self.role = iface.role()
        self.name = iface.text(QAccessible.Text.Name)
        self.description = iface.text(QAccessible.Text.Description)
        self.state = iface.state()
        self.widget = iface.object()
        text = iface.textInterface()
        self.text = text.text(0, text.characterCount()) if text is not None else None
        action = iface.actionInterface()
        self.actions = list(action.actionNames()) if action is not None else []
        self._parts = [p for p in (text, action) if p is not None and p is not iface]

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def __repr__(self) -> str:
        return f"<{self.role.name} {self.name!r}>"


def _forget(wrapper) -> None:
    """Let go of a Python wrapper of an interface Qt made and owns: Qt deletes those when their
    widget goes, and a wrapper kept alive past that would stand for whatever is made there next."""
    if wrapper is not None and not shiboken6.createdByPython(wrapper):
        shiboken6.invalidate(wrapper)


def read_tree(widget: QWidget) -> list[Node]:
    """Every shown accessible object under ``widget`` (depth first, in child order)."""
    found: list[Node] = []

    def walk(iface, parent: Node | None) -> None:
        node = Node(iface, parent)
        if not node.state.invisible:
            found.append(node)
            for index in range(iface.childCount()):
                child = iface.child(index)
                if child is not None and child.isValid():
                    walk(child, node)
        for part in node._parts:
            if shiboken6.isValid(part) and shiboken6.getCppPointer(part)[0] != shiboken6.getCppPointer(iface)[0]:
                _forget(part)
        node._parts = []
        _forget(iface)

    walk(interface(widget), None)
    return found


def problems(nodes: list[Node]) -> list[str]:
    """What the audit found, in words: unnamed controls, buttons whose name is not their text,
    painted text that is not exposed as text."""
    found = []
    for node in nodes:
        widget = node.widget
        if node.state.focusable and not node.name and node.role not in (Role.Client, Role.Pane, Role.Grouping):
            found.append(f"focusable {node.role.name} without a name: {widget!r}")
        if isinstance(widget, BigButton) and not node.name.startswith(widget.text()):
            found.append(f"{node!r} does not start with its text {widget.text()!r}")
        if isinstance(widget, TextBlock) and widget.text():
            if node.role not in (Role.StaticText, Role.Heading, Role.Cell):
                found.append(f"text {widget.text()!r} is a {node.role.name}")
            if node.text != widget.text():
                found.append(f"text {widget.text()!r} has no Text interface with its words")
        if node.role == Role.RadioButton and not any(a.role == Role.Grouping and a.name for a in node.ancestors()):
            found.append(f"radio button {node.name!r} is in no named group")
    return found


def window_for(qtbot, scale=100, theme="standard", **settings) -> MainWindow:
    window = MainWindow(Library(bundled()), settings=Settings(text_scale=scale, theme=theme, read_aloud=False,
                                                              **settings))
    qtbot.addWidget(window)
    window.resize(1280, 860)
    window.show()
    settle()
    return window


def by_role(nodes, role) -> list[Node]:
    return [n for n in nodes if n.role == role]


# -- pages ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("scale", [100, 300])
def test_first_start_sizes_are_radio_buttons_in_a_named_group(qtbot, scale):
    window = window_for(qtbot, scale)
    page = window._pages["first-start"]
    nodes = read_tree(window)
    assert not problems(nodes), problems(nodes)
    radios = by_role(nodes, Role.RadioButton)
    assert [r.name for r in radios] == [b.text() for b in page.options.values()]
    assert [r.state.checked for r in radios].count(True) == 1
    groups = {a.name for r in radios for a in r.ancestors() if a.role == Role.Grouping}
    assert groups == {"文字の大きさ"}
    assert by_role(nodes, Role.Heading)[0].name == "ようこそ。はじめに、文字の大きさを選びましょう。"
    # The main action is pinned on a band outside the scroll area's viewport, where Qt's own
    # interface would not list it: a screen reader must still find it, after the sizes.
    buttons = [n.name for n in by_role(nodes, Role.Button)]
    assert any(name.startswith(page.go.text()) for name in buttons), buttons
    assert [n.name for n in nodes].index(buttons[-1]) > [n.name for n in nodes].index(radios[-1].name)
    # focus lands on a named control, not the page
    assert QApplication.focusWidget().accessibleName()


def test_settings_options_are_named_radio_groups_with_one_tab_stop(qtbot):
    window = window_for(qtbot, text_size_chosen=True)
    window.show_settings()
    settle()
    nodes = read_tree(window)
    assert not problems(nodes), problems(nodes)
    radios = by_role(nodes, Role.RadioButton)
    assert len(radios) >= 11
    # three 「ふつう」 (or more) are told apart by the group each is in
    normal = [r for r in radios if r.name == "ふつう"]
    groups = [next(a.name for a in r.ancestors() if a.role == Role.Grouping) for r in normal]
    assert len(set(groups)) == len(groups) >= 1
    page = window._pages["settings"]
    for field, buttons in page.options.items():
        options = list(buttons.values())
        if len(options) < 2:
            continue
        stops = [b for b in options if b.focusPolicy() & Qt.FocusPolicy.TabFocus]
        assert stops == [b for b in options if b.isChecked()], f"{field}: the chosen option is the one Tab stop"


def test_arrow_keys_move_within_a_radio_group_and_space_chooses(qtbot):
    window = window_for(qtbot, text_size_chosen=True)
    window.show_settings()
    settle()
    sizes = list(window._pages["settings"].options["text_scale"].values())
    sizes[0].setFocus()
    QTest.keyClick(sizes[0], Qt.Key.Key_Down)
    assert sizes[1].hasFocus() and sizes[0].isChecked(), "moving does not choose"
    QTest.keyClick(sizes[1], Qt.Key.Key_End)
    assert sizes[-1].hasFocus()
    QTest.keyClick(sizes[-1], Qt.Key.Key_Down)
    assert sizes[0].hasFocus(), "round at the end"
    QTest.keyClick(sizes[0], Qt.Key.Key_Up)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    settle()
    assert window.settings.text_scale == 300
    chosen = window._pages["settings"].options["text_scale"][300]
    assert chosen.hasFocus(), "the focus survives the redraw in the new size"
    assert chosen.visibleRegion().boundingRect().height() > 0, "and it is scrolled into view"


def test_list_page_names_are_unique_and_start_with_the_visible_text(qtbot):
    window = window_for(qtbot, text_size_chosen=True)
    window.show_category("cashless")
    settle()
    nodes = read_tree(window)
    assert not problems(nodes), problems(nodes)
    controls = [n for n in nodes if n.state.focusable and n.role == Role.Button]
    repeated = [name for name, count in Counter(n.name for n in controls).items() if count > 1]
    assert not repeated, repeated
    names = [n.name for n in controls]
    assert "はじめる：お店のQRコードを読み取って払う" in names
    headings = [n.name for n in by_role(nodes, Role.Heading)]
    assert headings[0] == "キャッシュレス" and "お店のQRコードを読み取って払う" in headings


def test_home_finish_and_quit_dialog(qtbot):
    window = window_for(qtbot, text_size_chosen=True)
    nodes = read_tree(window)
    assert not problems(nodes), problems(nodes)
    assert by_role(nodes, Role.Heading)[0].name == "何を練習しますか？"
    scenario = bundled()[0]
    window.show_finish(scenario.finishes[0], scenario)
    settle()
    nodes = read_tree(window)
    assert not problems(nodes), problems(nodes)
    assert by_role(nodes, Role.Heading), "the finish page has its headline as a heading"
    assert QApplication.focusWidget() is not None and QApplication.focusWidget().accessibleName()
    dialog = QuitDialog(window.look, window)
    qtbot.addWidget(dialog)
    dialog.show()
    settle()
    nodes = read_tree(dialog)
    assert nodes[0].role == Role.Dialog and nodes[0].name == "練習をやめますか？"
    assert nodes[0].description.startswith("ここまでの練習はなくなりません")
    assert by_role(nodes, Role.Heading)[0].name == "練習をやめますか？"


# -- the player: focus and announcements ----------------------------------------------------------------
def test_a_new_step_puts_the_focus_on_its_instruction_and_announces_the_praise(qtbot):
    heard: list[str] = []
    announcer.announced.connect(lambda text, _assertive: heard.append(text))
    scenario = next(s for s in bundled() if s.id == "open-an-app")
    window = window_for(qtbot, text_size_chosen=True)
    player = window.start(scenario.id)
    settle()
    text = player.panel.step_text
    assert QApplication.focusWidget() is text
    node = Node(interface(text))
    assert node.role == Role.StaticText and node.name == text.text() and node.description == "説明"
    assert node.text == text.text()
    assert interface(text).textInterface().text(0, 4) == text.text()[:4]
    stops = []
    QTest.keyClick(text, Qt.Key.Key_Tab)
    for _ in range(14):  # the phone has its body's buttons too
        stops.append(QApplication.focusWidget())
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert stops[0] is player.panel.next_button, "the instruction's own button comes next"
    device = [w for w in stops if player.device.isAncestorOf(w)]
    bar = [w for w in stops if player.controls.isAncestorOf(w)]
    assert device and bar and stops.index(device[0]) < stops.index(bar[0]), "then the device, then the bar"
    perform(player, CONTINUE)
    assert player.step.id != scenario.steps[0].id
    assert QApplication.focusWidget() is player.panel.step_text
    assert heard and heard[-1] == player.panel.feedback.text(), "the praise is announced"


def test_a_slip_is_announced_and_the_focus_stays(qtbot):
    heard: list[str] = []
    announcer.announced.connect(lambda text, _assertive: heard.append(text))
    scenario = next(s for s in bundled() if s.id == "tap-hold-swipe")
    window = window_for(qtbot, text_size_chosen=True)
    player = window.start(scenario.id)
    settle()
    while player.step.id != "tap":
        perform(player, player.step.expect[0] if player.step.expect else CONTINUE)
    wrong = player.view.target_widget("phone")
    wrong.setFocus()
    QTest.keyClick(wrong, Qt.Key.Key_Space)
    settle()
    assert player.panel.feedback_kind == "explain"
    assert heard[-1] == " ".join(player.panel.feedback.text().split())
    assert wrong.hasFocus()


def test_highlight_and_demonstration_hints_go_to_the_target_and_name_it(qtbot):
    heard: list[str] = []
    announcer.announced.connect(lambda text, _assertive: heard.append(text))
    scenario = next(s for s in bundled() if s.id == "open-an-app")
    window = window_for(qtbot, text_size_chosen=True)
    player = window.start(scenario.id)
    settle()
    perform(player, CONTINUE)
    step = player.step
    target = player.view.target_widget(step.expect[0].target)
    kinds = []
    for _ in range(3):
        player.controls.hint.click()
        settle()
        kinds.append(player.run.hints_given if hasattr(player.run, "hints_given") else None)
        if QApplication.focusWidget() is target:
            break
    assert QApplication.focusWidget() is target, "a highlight moves the focus to what it shows"
    assert f"「{target.accessibleName()}」のところです。" in heard[-1]


def test_focus_survives_a_theme_change_in_the_player_and_no_stale_colours_remain(qtbot):
    scenario = next(s for s in bundled() if s.id == "open-an-app")
    window = window_for(qtbot, text_size_chosen=True)
    player = window.start(scenario.id)
    settle()
    player.controls.hint.setFocus()
    window.apply_settings(replace(window.settings, theme="high-contrast"))
    settle()
    assert QApplication.focusWidget() is player.controls.hint, "the same control keeps the focus"
    image = window.grab().toImage()
    standard_window = (0xF4, 0xF1, 0xEA)
    stale = sum(1 for x in range(0, image.width(), 4) for y in range(0, image.height(), 4)
                if image.pixelColor(x, y).getRgb()[:3] == standard_window)
    assert stale == 0, f"{stale} sampled pixels still have the standard theme's background"


def test_focus_moved_by_arrows_on_home_at_300_percent_is_scrolled_into_view(qtbot):
    window = window_for(qtbot, 300, text_size_chosen=True)
    window.resize(1024, 700)
    settle()
    page = window._pages["home"]
    tiles = list(page.tiles.values())
    tiles[0].setFocus()
    settle()
    for _ in range(len(tiles)):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
        settle()
    focused = QApplication.focusWidget()
    assert focused is not tiles[0]
    shown = focused.visibleRegion().boundingRect()
    assert shown.height() >= min(focused.height(), page.viewport().height()) - 2, "the focused tile is on screen"


def test_a_long_instruction_with_the_focus_is_shown_from_its_first_line(qtbot):
    """At 300 % in 1280×720 an instruction taller than its card even at the smallest size the panel
    draws it: the focus on it shows its start (Qt alone would centre it and start the reader
    mid-sentence). (The bundled texts now fit their cards; this one is made three times as long.)"""
    import dataclasses

    scenario = next(s for s in bundled() if s.id == "fake-virus-warning")
    first = scenario.steps[0]
    long_say = dataclasses.replace(first.say, values={"ja": first.say.get("ja") * 3})
    scenario = dataclasses.replace(scenario, steps=(dataclasses.replace(first, say=long_say),) + scenario.steps[1:])
    window = MainWindow(Library([scenario]), settings=Settings(text_scale=300, theme="standard", read_aloud=False,
                                                               text_size_chosen=True))
    qtbot.addWidget(window)
    window.show()
    window.resize(1280, 720)
    settle()
    player = window.start(scenario.id)
    settle()
    text = player.panel.step_text
    viewport = player.panel.scroll_area.viewport()
    assert QApplication.focusWidget() is text
    assert text.height() > viewport.height(), "the case this is about: more text than room"
    top = text.mapTo(viewport, QPoint(0, 0)).y()
    assert 0 <= top <= viewport.height() * 3 // 4, f"the first line is in view (its top at {top} px)"


def test_no_other_window_opens_for_a_moment_and_takes_the_focus(qtbot):
    """At 300 % the player redraws 「次へ」 at the control bar's size; a button made visible
    before it has a parent would open as a window of its own and take the focus from the app."""
    opened: list[QWidget] = []

    class Watch(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow():
                opened.append(type(watched).__name__)
            return False

    watch = Watch()
    QApplication.instance().installEventFilter(watch)
    try:
        scenario = next(s for s in bundled() if s.id == "mynumber-apply-phone")
        window = window_for(qtbot, 300, text_size_chosen=True)
        player = window.start(scenario.id)
        settle()
    finally:
        QApplication.instance().removeEventFilter(watch)
    assert opened == ["MainWindow"]
    assert window.isActiveWindow() and QApplication.focusWidget() is player.panel.step_text


# -- a step of every element kind ----------------------------------------------------------------------------
def _kinds():
    seen: dict[str, tuple] = {}
    for scenario in bundled():
        for step in scenario.steps:
            if step.screen is None:
                continue
            for element in step.screen.elements:
                seen.setdefault(element.type, (scenario, step))
    return seen


KINDS = _kinds()


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_element_kind_reads_right(qtbot, look, kind):
    scenario, step = KINDS[kind]
    ctx = ElementContext(look, scenario.base_dir, scenario.readings, scenario.device)
    holder = QWidget()
    layout = QVBoxLayout(holder)
    view = ScreenView(step.screen, ctx)
    layout.addWidget(view)
    qtbot.addWidget(holder)
    holder.resize(600, 1400)
    holder.show()
    settle()
    nodes = read_tree(holder)
    assert not problems(nodes), problems(nodes)
    element = next(w for w in view.elements if w.element.type == kind)
    mine = [n for n in nodes if n.widget is element or element.isAncestorOf(n.widget)]
    roles = {n.role for n in mine}
    expected = {
        "choice-list": Role.RadioButton if element.element.props.get("select") != "many" else Role.CheckBox,
        "checkbox": Role.CheckBox, "heading": Role.Heading, "dialog": Role.Dialog, "cart": Role.Table,
        "receipt": Role.Table, "text": Role.StaticText, "input": Role.EditableText,
    }.get(kind)
    if expected is not None:
        assert expected in roles, f"{kind}: no {expected.name} among {sorted(r.name for r in roles)}"
    if kind in ("cart", "receipt"):
        rows = by_role(mine, Role.Row)
        assert rows and all(by_role([c for c in mine if c.parent is r], Role.Cell) for r in rows)
    if kind == "message":
        links = by_role(mine, Role.Link)
        if links:
            actions = links[0].actions
            assert actions[0] == "Press" or actions[0].lower().startswith("press")
            assert "長押し" in actions


def test_long_press_buttons_offer_the_hold_as_an_action_and_it_works(qtbot, look):
    held = []
    button = BigButton("天気", look, long_press=True)
    button.long_pressed.connect(lambda: held.append(True))
    qtbot.addWidget(button)
    button.show()
    iface = interface(button)
    actions = iface.actionInterface().actionNames()
    assert "長押し" in actions
    iface.actionInterface().doAction("長押し")
    assert held == [True]


def test_the_app_s_own_interfaces_answer_every_interface_question_with_a_pointer(qtbot, look):
    """Screen-reader bridges (AT-SPI, UI Automation) ask every object, from C++, for each kind
    of interface; "none" must come back as a null pointer. Python's None cannot be turned into
    one and crashed the app under Orca (found by ``tests/atspi/check.py``)."""
    block = TextBlock("お知らせ", look)
    qtbot.addWidget(block)
    block.show()
    iface = interface(block)
    answers = {kind.name: iface.interface_cast(kind) for kind in QAccessible.InterfaceType}
    assert all(answer is not None for answer in answers.values()), [k for k, a in answers.items() if a is None]
    assert int(answers["TextInterface"]) != 0, "the text has its Text interface"
