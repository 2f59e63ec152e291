"""Playing a scenario without a mouse: with the keyboard alone, or with two switches alone.

``KeyboardDriver`` sends key events only, always to the widget that has the
focus (as a real keyboard does): Tab (and the arrow keys inside a radio
group) to reach a control, Space to press it, the Menu key to hold it, the
arrow keys on the practice screen to swipe, typing into fields (Japanese
arrives as the input method commits it).

``SwitchDriver`` presses only the two switch keys (Space moves, Enter
chooses — the defaults): it reaches a control through the groups
(instruction → device → control bar), holds with 「長押しにする」, swipes
with 「…へなぞる」, types with the on-screen keys (number pad, kana pad by
multi-tap, letters), moves the camera with its arrow buttons.

``play(driver, player, expect)`` does one expectation through the driver,
the way ``autoplay.perform`` does with the mouse. Nothing calls the runner.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from tests.player.autoplay import elements_of, example, settle
from trainer.scenarios.matching import default_speech_normaliser
from trainer.widgets.keyboard import _MODIFY_CYCLES, KANA_ROWS, LetterPad, letter_taps
from trainer.widgets.radio_group import RadioGroup

MAX_PRESSES = 400


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def _group_of(widget: QWidget) -> RadioGroup | None:
    group = widget.group() if hasattr(widget, "group") else None
    return group if isinstance(group, RadioGroup) else None


class KeyboardDriver:
    """Key events only, to the focused widget."""

    name = "keyboard"

    def __init__(self, window) -> None:
        self.window = window
        self.presses = 0

    def key(self, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
        target = focused() or self.window
        QTest.keyClick(target, key, modifier)
        self.presses += 1
        settle()

    def reach(self, target: QWidget) -> None:
        """Tab (and, in a radio group, the arrow keys) until ``target`` has the focus."""
        assert target is not None
        for _ in range(MAX_PRESSES):
            now = focused()
            if now is target:
                return
            group = _group_of(target)
            if group is not None and now in group.buttons():
                self.key(Qt.Key.Key_Down)
            else:
                self.key(Qt.Key.Key_Tab)
        raise AssertionError(f"Tab never reaches {target!r} ({target.accessibleName()!r}); "
                             f"stuck at {focused()!r}")

    def press(self, target: QWidget) -> None:
        self.reach(target)
        self.key(Qt.Key.Key_Space)

    def hold(self, target: QWidget, player) -> None:
        self.reach(target)
        self.key(Qt.Key.Key_Menu)

    def swipe(self, player, direction: str, on: QWidget | None) -> None:
        self.reach(on if on is not None else player.view)
        self.key({"left": Qt.Key.Key_Left, "right": Qt.Key.Key_Right, "up": Qt.Key.Key_Up,
                  "down": Qt.Key.Key_Down}[direction])

    def type_into(self, element, value: str) -> None:
        field = element.field
        self.reach(field)
        QTest.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClick(field, Qt.Key.Key_Delete)
        for char in value:
            if char.isascii():
                QTest.keyClicks(field, char)
            else:  # what a Japanese input method sends when a word is committed
                event = QInputMethodEvent("", [])
                event.setCommitString(char)
                QApplication.sendEvent(field, event)
            self.presses += 1
        settle()

    def submit(self, element) -> None:
        self.reach(element.field)
        self.key(Qt.Key.Key_Return)

    def move_camera(self, camera) -> None:
        finder = camera.viewfinder
        self.reach(finder)
        for _ in range(40):
            if not shiboken6.isValid(finder) or finder.scanned:  # (scanned: the next step's screen replaced it)
                return
            x, y = finder.offset
            key = (Qt.Key.Key_Left if x > 0 else Qt.Key.Key_Right) if abs(x) >= abs(y) else (
                Qt.Key.Key_Up if y > 0 else Qt.Key.Key_Down)
            self.key(key)

    def say(self, speaker, phrase: str) -> None:
        self.type_into_entry(speaker.entry, phrase)
        self.key(Qt.Key.Key_Return)

    def type_into_entry(self, entry, text: str) -> None:
        self.reach(entry)
        for char in text:
            event = QInputMethodEvent("", [])
            event.setCommitString(char)
            QApplication.sendEvent(entry, event)
        settle()


class SwitchDriver:
    """Only the two switch keys: Space moves, Enter chooses."""

    name = "switches"

    def __init__(self, window) -> None:
        self.window = window
        self.switch = window.switch
        self.presses = 0

    def key(self, key: Qt.Key) -> None:
        QTest.keyClick(focused() or self.window, key)
        self.presses += 1
        settle()

    def move(self) -> None:
        self.key(Qt.Key.Key_Space)

    def choose(self) -> None:
        self.key(Qt.Key.Key_Return)

    def reach(self, target: QWidget) -> None:
        """Scan to ``target``: out of the group if need be, to its group, then to it."""
        assert target is not None and target.isVisibleTo(target.window()), f"{target!r} is not shown"
        for _ in range(MAX_PRESSES):
            switch = self.switch
            groups = switch.groups()
            wanted = next((i for i, g in enumerate(groups) if g.region.isAncestorOf(target)), None)
            assert wanted is not None, f"no scanning group holds {target!r} ({target.accessibleName()!r})"
            if switch.level == "items":
                if focused() is target and not switch.at_back:
                    return
                if switch.group_index != wanted:
                    if switch.at_back:
                        self.choose()  # back to the groups
                    else:
                        self.move()
                    continue
                self.move()
                continue
            if switch.group_index == wanted:
                self.choose()
            else:
                self.move()
        raise AssertionError(f"scanning never reaches {target!r} ({target.accessibleName()!r})")

    def press(self, target: QWidget) -> None:
        self.reach(target)
        self.choose()

    def hold(self, target: QWidget, player) -> None:
        tools = player.gesture_tools
        assert tools is not None and tools.hold is not None, "no 「長押しにする」 on a step that expects a hold"
        self.press(tools.hold)
        self.press(target)

    def swipe(self, player, direction: str, on: QWidget | None) -> None:
        if on is not None:
            pages = next(w for w in player.view.elements if w.element.type == "pages" and w.page is on)
            self.press(pages.swipe_buttons[direction])
            return
        tools = player.gesture_tools
        assert tools is not None and direction in tools.swipes, "no swipe buttons on a step that expects a swipe"
        self.press(tools.swipes[direction])

    def type_into(self, element, value: str) -> None:
        if element.pad is not None:
            if "clear" in element.pad.keys:
                self.press(element.pad.keys["clear"])
            else:  # the phone's dialler: ⌫ until the number is gone
                while element.field.text():
                    self.press(element.pad.keys["delete"])
            for char in value:
                self.press(element.pad.keys[char])
            return
        if element.keyboard is None or not element.keyboard.isVisible():
            self.press(element.keyboard_button)
        keyboard = element.keyboard
        for char in value:
            if char.isascii():
                if not keyboard.latin_button.isChecked():  # a phone's kana pad has its own 「英数」 key
                    self.press(keyboard.latin_button if keyboard.switch_row.isVisible() else keyboard.kana.keys["latin"])
                if isinstance(keyboard.latin, LetterPad):  # a phone's 12-key letters: multi-tap, a/A
                    face, taps, capital = letter_taps(char)
                    self.press(keyboard.latin.keys["confirm"])
                    for _ in range(taps):
                        self.press(keyboard.latin.keys[face])
                    if capital:
                        self.press(keyboard.latin.keys["case"])
                    continue
                self.press(keyboard.latin.keys[char.lower()] if char.lower() in keyboard.latin.keys
                           else keyboard.latin.keys[char])
            else:
                if not keyboard.kana_button.isChecked():  # a phone's letter pad has its own 「かな」 key
                    self.press(keyboard.kana_button if keyboard.switch_row.isVisible() else keyboard.latin.keys["kana"])
                key, taps, modifies = kana_taps(char)
                self.press(keyboard.kana.keys["confirm"])  # a new character, not the next of the last one
                for _ in range(taps):
                    self.press(keyboard.kana.keys[key])
                for _ in range(modifies):
                    self.press(keyboard.kana.keys["modify"])
        assert element.field.text() == value, f"typed {element.field.text()!r}, wanted {value!r}"

    def submit(self, element) -> None:
        if element.pad is not None and "submit" in element.pad.keys:
            self.press(element.pad.keys["submit"])
        elif element.submit_button is not None:
            self.press(element.submit_button)
        else:
            self.press(element.field)  # choosing a field is its Enter

    def move_camera(self, camera) -> None:
        finder = camera.viewfinder
        for _ in range(40):
            if not shiboken6.isValid(finder) or finder.scanned:  # (scanned: the next step's screen replaced it)
                return
            x, y = finder.offset
            name = ("left" if x > 0 else "right") if abs(x) >= abs(y) else ("up" if y > 0 else "down")
            self.press(camera.arrows[name])

    def say(self, speaker, phrase: str) -> None:
        raise AssertionError("a switch cannot type what to say: a suggestion must match")


def kana_taps(char: str) -> tuple[str, int, int]:
    """The kana-pad key, the taps (multi-tap) and the presses of 「小゛゜」 that make ``char``."""
    modifies = 0
    for cycle in _MODIFY_CYCLES:
        if char in cycle[1:]:
            char, modifies = cycle[0], cycle.index(char)
            break
    for key, row in KANA_ROWS.items():
        if char in row:
            return key, row.index(char) + 1, modifies
    raise AssertionError(f"{char!r} cannot be made on the kana pad")


def typable(driver, value_match, element) -> str:
    """A value the driver can type into ``element`` that ``value_match`` accepts."""
    if value_match is not None and value_match.mode in ("exact", "one-of") and isinstance(driver, SwitchDriver):
        for value in value_match.values:
            try:
                for char in value:
                    if not char.isascii():
                        kana_taps(char)
                    elif element.pad is not None and char not in element.pad.keys:
                        raise AssertionError
            except AssertionError:
                continue
            return value
    return example(value_match)


def set_field(driver, view, field_id: str, value_match) -> None:
    for widget in view.elements:
        if widget.element.id != field_id:
            continue
        kind = widget.element.type
        if kind == "input":
            driver.type_into(widget, typable(driver, value_match, widget))
        elif kind == "checkbox":
            value = example(value_match)
            if ("on" if widget.box.isChecked() else "off") != value:
                driver.press(widget.box)
        elif kind == "choice-list":
            wanted = [v for v in example(value_match).split(",") if v]
            for option_id, button in widget.options.items():
                if (option_id in wanted) != button.isChecked():
                    driver.press(button)
        elif kind == "clerk-view" and example(value_match) == "checked" and not widget.checked:
            driver.press(widget.turn_button)
        return
    raise AssertionError(f"no input {field_id!r} on this screen")


def play(driver, player, expect) -> None:
    """Do ``expect`` on the player's current screen with ``driver`` only."""
    view = player.view
    for field_id, match in expect.fields.items():
        set_field(driver, view, field_id, match)
    kind = expect.kind
    part = player.device.part_widget(expect.target) if expect.target is not None else None
    if part is not None and view.target_widget(expect.target) is None:
        # on the device's body: Enter on the part puts in what the hand holds, takes, presses, looks
        if kind == "long-press":
            driver.hold(part, player)
        else:
            driver.press(part)
    elif kind == "continue":
        driver.press(player.panel.next_button)
    elif kind in ("tap", "choose"):
        widget = view.target_widget(expect.target)
        assert widget is not None, f"nothing to {kind} called {expect.target!r}"
        driver.press(widget)
    elif kind == "long-press":
        driver.hold(view.target_widget(expect.target), player)
    elif kind == "toggle":
        widget = view.target_widget(expect.target)
        want = expect.value.values[0] if expect.value else "on"
        if ("on" if widget.isChecked() else "off") == want:
            driver.press(widget)
        driver.press(widget)
    elif kind == "enter":
        [element] = [w for w in elements_of(view, "input") if w.element.id == expect.target]
        driver.type_into(element, typable(driver, expect.value, element))
        driver.submit(element)
    elif kind == "scan":
        cameras = [w for w in elements_of(view, "camera") if expect.target is None
                   or w.viewfinder.data == expect.target]
        driver.move_camera(cameras[0])
    elif kind == "place":
        cards = [w for w in elements_of(view, "card") if expect.target is None or w.element.id == expect.target]
        driver.press(cards[0].place_button)
    elif kind == "say":
        [speaker] = elements_of(view, "speaker")
        wanted = {default_speech_normaliser(p) for p in expect.phrases}
        for button in speaker.suggestions:
            if default_speech_normaliser(button.text().strip("「」")) in wanted:
                driver.press(button)
                return
        driver.say(speaker, expect.phrases[0])
    elif kind == "swipe":
        driver.swipe(player, expect.target, view.target_widget(expect.on) if expect.on is not None else None)
    else:
        raise AssertionError(f"cannot do {kind!r} without a mouse yet")
    settle()
