"""Switch access (one switch scanning by itself, two switches), its settings,
the gesture alternatives, and the keys of the pads."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

import trainer.app.access as access
from tests.player.access_play import SwitchDriver, play
from tests.player.autoplay import CONTINUE, click, perform, routes, settle
from tests.player.conftest import bundled, scenario_named
from trainer.app.library import Library
from trainer.app.main_window import MainWindow
from trainer.app.settings import Settings, SettingsStore
from trainer.widgets.accessibility import announcer, interface
from trainer.widgets.keyboard import KanaPad
from trainer.widgets.keypad import NumberPad


def window_for(qtbot, scenarios=None, **settings) -> MainWindow:
    window = MainWindow(Library(scenarios or bundled()),
                        settings=Settings(text_size_chosen=True, read_aloud=False, **settings))
    qtbot.addWidget(window)
    window.resize(1280, 860)
    window.show()
    settle()
    return window


def walk_to(player, step_id: str) -> None:
    for move in routes(player.scenario)[next(iter(routes(player.scenario)))]:
        if player.step.id == step_id:
            return
        perform(player, move.expect)
    assert player.step.id == step_id


# -- one switch -------------------------------------------------------------------------------------
class OneSwitchDriver(SwitchDriver):
    """The app moves by itself (each tick is one interval of the learner's speed); the one key chooses."""

    name = "one switch"

    def move(self) -> None:
        self.switch._tick()
        self.presses += 1
        settle()

    def choose(self) -> None:
        self.key(Qt.Key.Key_Space)


def test_one_switch_scans_at_the_learners_speed_and_waits_while_the_voice_reads(qtbot):
    window = window_for(qtbot, switches=1, scan_seconds=3.0)
    switch = window.switch
    assert switch.timer.isActive() and switch.timer.interval() == 3000
    before = switch.group_index
    window.narrator.speaking = True
    switch._tick()
    assert switch.group_index == before, "no move while the voice reads"
    window.narrator.speaking = False
    switch._tick()
    assert switch.group_index != before
    window.apply_settings(replace(window.settings, switches=2))
    assert not switch.timer.isActive(), "two switches: nothing moves by itself"
    window.apply_settings(replace(window.settings, switches=0))
    assert not switch.timer.isActive() and not switch._filtering


@pytest.mark.parametrize("scale", [100, 300])
def test_one_switch_alone_plays_a_scenario_to_its_finish(qtbot, scale):
    chosen = scenario_named("tap-hold-swipe")
    window = window_for(qtbot, [chosen], switches=1, text_scale=scale)
    player = window.start(chosen.id)
    settle()
    driver = OneSwitchDriver(window)
    finish = next(iter(routes(chosen)))
    for move in routes(chosen)[finish]:
        play(driver, player, move.expect)
    assert window.page_name == "finish"


def test_two_switches_scan_groups_then_every_option_of_a_radio_group(qtbot):
    heard: list[str] = []
    announcer.announced.connect(lambda text, _a: heard.append(text))
    window = window_for(qtbot, switches=2)
    window.show_settings()
    settle()
    switch = window.switch
    assert switch.level == "groups" and heard[-1] == "この画面"
    QTest.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Space)
    assert heard[-1] == "上の帯", "Space moves to the next group"
    QTest.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Space)
    QTest.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Return)
    assert switch.level == "items"
    items = switch.items()
    sizes = list(window._pages["settings"].options["text_scale"].values())
    assert all(size in items for size in sizes), "every option, not only the group's Tab stop"
    driver = SwitchDriver(window)
    driver.press(window._pages["settings"].options["theme"]["high-contrast"])
    assert window.settings.theme == "high-contrast"
    chosen = window._pages["settings"].options["theme"]["high-contrast"]
    assert QApplication.focusWidget() is chosen and switch.level == "items", "scanning goes on from the choice"


def test_switch_settings_choose_the_number_the_speed_and_the_keys(qtbot, tmp_path):
    store = SettingsStore(tmp_path)
    window = MainWindow(Library(bundled()), settings_store=store,
                        settings=Settings(text_size_chosen=True, read_aloud=False))
    qtbot.addWidget(window)
    window.show()
    window.show_settings()
    settle()
    page = window._pages["settings"]
    group = page.switch_settings
    holder = interface(group.modes[0].parentWidget())
    assert holder.role() == QAccessible.Role.Grouping and holder.text(QAccessible.Text.Name) == "スイッチの数"
    click(group.modes[1])
    assert window.settings.switches == 1
    group = window._pages["settings"].switch_settings
    assert group.speeds and group.speeds[2.0].isChecked()
    QTest.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Space)  # the one switch chooses
    click(group.speeds[5.0])
    assert window.settings.scan_seconds == 5.0 and window.switch.timer.interval() == 5000
    group = window._pages["settings"].switch_settings
    click(group.modes[2])
    group = window._pages["settings"].switch_settings
    assert len(group.keys) == 2 and "Space" in group.keys[0].text()
    click(group.keys[0])
    QTest.keyClick(group.keys[0], Qt.Key.Key_F5)
    assert window.settings.switch_keys == ("F5", "Return")
    assert store.load().switch_keys == ("F5", "Return"), "kept in the settings file"
    assert window.switch.move_key == int(Qt.Key.Key_F5.value)


def test_settings_file_with_nonsense_for_switches_gives_the_defaults(tmp_path):
    (tmp_path / "settings.json").write_text('{"switches": 7, "switch_keys": ["Space", "Space"], '
                                            '"scan_seconds": 0.01}', encoding="utf-8")
    loaded = SettingsStore(tmp_path).load()
    assert (loaded.switches, loaded.switch_keys, loaded.scan_seconds) == (0, ("Space", "Return"), 0.5)


# -- gestures -------------------------------------------------------------------------------------------
def test_a_step_that_expects_a_long_press_teaches_the_keys_and_offers_a_button(qtbot):
    chosen = scenario_named("tap-hold-swipe")
    window = window_for(qtbot, [chosen])
    player = window.start(chosen.id)
    settle()
    assert player.gesture_tools is None, "no gesture tools where none is expected"
    walk_to(player, "hold")
    tools = player.gesture_tools
    assert tools is not None and tools.hold is not None and tools.isVisible()
    texts = " ".join(w.text() for w in tools.findChildren(type(player.panel.counter)))
    assert "Menu" in texts and "Shift＋F10" in texts
    click(tools.hold)
    click(player.view.target_widget("weather"))  # an ordinary press, made a long press
    assert player.step.id == "menu"


def test_a_step_that_expects_a_swipe_has_swipe_buttons(qtbot):
    chosen = scenario_named("tap-hold-swipe")
    window = window_for(qtbot, [chosen])
    player = window.start(chosen.id)
    settle()
    walk_to(player, "swipe-photo")
    view = player.view
    assert "左へなぞる" in interface(view).actionInterface().actionNames()
    click(player.gesture_tools.swipes["left"])
    assert player.step.id == "scroll"


def test_holding_the_real_esc_key_holds_the_on_screen_esc_key(qtbot, monkeypatch):
    chosen = scenario_named("fake-virus-warning")
    window = window_for(qtbot, [chosen])
    player = window.start(chosen.id)
    settle()
    walk_to(player, "warning")
    assert player.key_hold is not None
    now = [1000.0]
    monkeypatch.setattr(access, "monotonic_ms", lambda: now[0])
    target = QApplication.focusWidget()
    QTest.keyPress(target, Qt.Key.Key_Escape)
    now[0] += 200
    QTest.keyRelease(target, Qt.Key.Key_Escape)
    settle()
    assert player.step.id == "warning", "a short press is no long press"
    QTest.keyPress(target, Qt.Key.Key_Escape)
    for _ in range(5):  # the keyboard repeats while the key is held
        now[0] += 150
        QTest.keyPress(target, Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier, -1)
    QTest.keyRelease(target, Qt.Key.Key_Escape)
    settle()
    assert player.step.id == "esc-held"


# -- keys -------------------------------------------------------------------------------------------------
def test_the_number_pad_moves_by_the_grid(qtbot, look):
    pad = NumberPad(look, submit="決定")
    qtbot.addWidget(pad)
    pad.resize(400, 500)
    pad.show()
    settle()
    pad.keys["3"].setFocus()
    QTest.keyClick(pad.keys["3"], Qt.Key.Key_Down)
    assert pad.keys["6"].hasFocus()
    QTest.keyClick(pad.keys["6"], Qt.Key.Key_Left)
    assert pad.keys["5"].hasFocus()
    QTest.keyClick(pad.keys["5"], Qt.Key.Key_Up)
    assert pad.keys["2"].hasFocus()


def test_kana_keys_flick_from_the_keyboard_and_the_arrow_key_has_a_name(qtbot, look):
    pad = KanaPad(look)
    qtbot.addWidget(pad)
    pad.resize(500, 500)
    pad.show()
    typed: list[str] = []
    pad.typed.connect(typed.append)
    settle()
    key = pad.keys["か"]
    key.setFocus()
    QTest.keyClick(key, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    QTest.keyClick(key, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert typed == ["き", "こ"]
    assert key.hasFocus(), "Shift+arrow flicks, it does not move"
    QTest.keyClick(key, Qt.Key.Key_Right)
    assert pad.keys["さ"].hasFocus()
    assert "左にフリック（き）" in interface(pad.keys["か"]).actionInterface().actionNames()
    assert pad.keys["confirm"].accessibleName() == "→　次の文字へ"


def test_a_step_change_resets_scanning_to_the_instruction_group(qtbot):
    chosen = scenario_named("open-an-app")
    window = window_for(qtbot, [chosen], switches=2)
    player = window.start(chosen.id)
    settle()
    driver = SwitchDriver(window)
    play(driver, player, CONTINUE)
    assert window.switch.level == "groups" and window.switch.group_index == 0
    assert window.switch.groups()[0].region is player.panel


@pytest.mark.parametrize("scale", [150, 200])
def test_scanning_reaches_every_control_of_every_step_at_the_sizes_between(qtbot, scale):
    """The two-switch play covers 100 % and 300 %; at 150 % and 200 % every control the player
    shows on each step of each scenario's route is among the places the scan goes through."""
    import shiboken6
    from PySide6.QtWidgets import QAbstractScrollArea, QWidget

    from trainer.app.switch_access import scan_items

    def address(widget) -> int:
        return shiboken6.getCppPointer(widget)[0]

    window = window_for(qtbot, text_scale=scale, switches=2)
    window.resize(1280, 720)
    settle()
    missed: list[str] = []
    seen = 0
    for item in bundled():
        player = window.start(item.id)
        settle()
        for move in next(iter(routes(item).values())):
            reachable = {address(w) for group in window.switch.groups() for w in scan_items(group.region)}
            controls = [w for w in player.findChildren(QWidget) if w.isVisible() and w.isEnabled()
                        and w.focusPolicy() & Qt.FocusPolicy.TabFocus and not isinstance(w, QAbstractScrollArea)]
            seen += len(controls)
            missed += [f"{item.id}/{move.step.id}: {type(w).__name__} {w.accessibleName()!r}"
                       for w in controls if address(w) not in reachable]
            perform(player, move.expect)
            settle()
    assert seen > 500, "the controls of every step were looked at"
    assert not missed, "\n".join(missed)
