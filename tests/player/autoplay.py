"""The autoplayer: plays a scenario through the real UI, driven by the
scenario's own ``expect`` / ``choices``.

``routes(scenario)`` finds, by breadth-first search over the step graph,
the shortest way from the first step to each finish step. ``perform``
turns one ``Expectation`` into what a person would do: fill the inputs it
names (pressing the number pad's keys, typing, ticking, choosing), then
click, hold, type and press Enter, move the camera with the arrow keys,
drag the card onto the reader, say a phrase, or swipe — and on a device's
body: drag what the hand holds into a slot or onto a tray, click a part to
take what it holds or press it, hold the Esc key, move the face into the
camera's frame. Nothing here calls the runner directly: if the UI cannot
produce the action, the test fails.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QInputMethodEvent, QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from trainer.scenarios.matching import default_speech_normaliser
from trainer.scenarios.model import Expectation, Scenario, Step
from trainer.scenarios.watch import example

CONTINUE = Expectation("continue", None)


@dataclass(frozen=True)
class Move:
    """One edge of the step graph: do ``expect`` on ``step`` to reach ``next_id``."""

    step: Step
    expect: Expectation
    next_id: str


def moves_from(scenario: Scenario, step: Step) -> list[Move]:
    if step.is_finish:
        return []
    moves: list[Move] = []
    if step.only_explains:
        after = scenario.step_after(step)
        if after is not None:
            moves.append(Move(step, CONTINUE, after.id))
    for choice in step.choices:
        moves.append(Move(step, choice.when[0], choice.next))
    if step.expect:
        after = scenario.step_after(step)
        if after is not None:
            moves.append(Move(step, step.expect[0], after.id))
    return moves


def routes(scenario: Scenario) -> dict[str, list[Move]]:
    """The shortest route (list of moves) from the first step to each reachable finish."""
    start = scenario.steps[0]
    found: dict[str, list[Move]] = {start.id: []}
    queue = deque([start])
    while queue:
        step = queue.popleft()
        for move in moves_from(scenario, step):
            if move.next_id not in found:
                found[move.next_id] = [*found[step.id], move]
                queue.append(scenario.step(move.next_id))
    return {s.id: found[s.id] for s in scenario.finishes if s.id in found}


# -- doing things through the UI ---------------------------------------------------------------
def settle() -> None:
    """Let Qt lay out and paint, and really delete what was deleted (tests run no event loop)."""
    QApplication.processEvents()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def click(widget: QWidget) -> None:
    assert widget is not None
    assert widget.isVisible(), f"{widget!r} is not visible"
    assert widget.isEnabled(), f"{widget!r} is disabled"
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, widget.rect().center())
    settle()


def drag(widget: QWidget, start: QPoint, end: QPoint, steps: int = 6) -> None:
    """Press at ``start``, move to ``end`` in steps, release (in ``widget``'s coordinates at
    the start — the finger moves on the screen even if the widget moves with it)."""
    origin = QPointF(widget.mapToGlobal(start))
    travel = QPointF(end - start)

    def send(kind, global_: QPointF, buttons) -> None:
        local = QPointF(widget.mapFromGlobal(global_.toPoint()))
        event = QMouseEvent(kind, local, global_, Qt.MouseButton.LeftButton, buttons, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(widget, event)

    send(QMouseEvent.Type.MouseButtonPress, origin, Qt.MouseButton.LeftButton)
    for index in range(1, steps + 1):
        send(QMouseEvent.Type.MouseMove, origin + travel * (index / steps), Qt.MouseButton.LeftButton)
    send(QMouseEvent.Type.MouseButtonRelease, origin + travel, Qt.MouseButton.NoButton)
    settle()


def elements_of(view, kind: str):
    return [w for w in view.elements if w.element.type == kind]


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text``: ASCII with key presses, Japanese as an input method commits it."""
    for char in text:
        if char.isascii():
            QTest.keyClicks(widget, char)
        else:
            event = QInputMethodEvent("", [])
            event.setCommitString(char)
            QApplication.sendEvent(widget, event)
    settle()


def type_into(input_element, value: str) -> None:
    """Type ``value`` as a person would: number pad keys when there is one, else the keyboard."""
    field = input_element.field
    if input_element.pad is not None:
        if "clear" in input_element.pad.keys:
            click(input_element.pad.keys["clear"])
        else:  # the phone's dialler: ⌫ until the number is gone
            while field.text():
                click(input_element.pad.keys["delete"])
        for char in value:
            key = input_element.pad.keys.get(char)
            if key is not None:
                click(key)
            else:
                type_text(field, char)
    else:
        field.setFocus()
        field.selectAll()
        QTest.keyClick(field, Qt.Key.Key_Delete)
        type_text(field, value)
    settle()
    assert field.text() == value, "the field did not take what was typed"


def set_field(view, field_id: str, value: str) -> None:
    for widget in view.elements:
        if widget.element.id != field_id:
            continue
        kind = widget.element.type
        if kind == "input":
            type_into(widget, value)
        elif kind == "checkbox":
            if ("on" if widget.box.isChecked() else "off") != value:
                click(widget.box)
        elif kind == "choice-list":
            wanted = [v for v in value.split(",") if v]
            for option_id, button in widget.options.items():
                if (option_id in wanted) != button.isChecked():
                    click(button)
        elif kind == "clerk-view" and value == "checked" and not widget.checked:
            click(widget.turn_button)  # turn the screen to the clerk, who checks it
        return
    raise AssertionError(f"no input {field_id!r} on this screen")


BODY_KINDS = ("insert", "take", "press", "look")


def perform(player, expect: Expectation) -> None:
    """Do ``expect`` on the player's current screen (or its device's body) through its widgets."""
    view = player.view
    for field_id, match in expect.fields.items():
        set_field(view, field_id, example(match))
    kind = expect.kind
    on_body = expect.target is not None and view.target_widget(expect.target) is None and (
        kind in BODY_KINDS or player.device.part_widget(expect.target) is not None)
    if on_body:
        body_action(player, expect)
    elif kind == "continue":
        click(player.panel.next_button)
    elif kind in ("tap", "choose"):
        widget = view.target_widget(expect.target)
        assert widget is not None, f"nothing to {kind} called {expect.target!r}"
        player.device.scroll_area.ensureWidgetVisible(widget)
        click(widget)
    elif kind == "long-press":
        widget = view.target_widget(expect.target)
        assert widget is not None, f"nothing to hold called {expect.target!r}"
        widget.setFocus()
        QTest.keyClick(widget, Qt.Key.Key_Menu)
        settle()
    elif kind == "toggle":
        widget = view.target_widget(expect.target)
        want = expect.value.values[0] if expect.value else "on"
        if ("on" if widget.isChecked() else "off") == want:
            click(widget)  # undo first; the runner sees a slip, then the right toggle
        click(widget)
    elif kind == "enter":
        [element] = [w for w in elements_of(view, "input") if w.element.id == expect.target]
        type_into(element, example(expect.value))
        element.field.setFocus()
        QTest.keyClick(element.field, Qt.Key.Key_Return)
        settle()
    elif kind == "scan":
        scan(view, expect.target)
    elif kind == "place":
        place(view, expect.target)
    elif kind == "say":
        say(view, expect.phrases)
    elif kind == "swipe":
        swipe(view, expect.target, expect.on)
    else:
        raise AssertionError(f"the autoplayer cannot do {kind!r} yet")


def body_action(player, expect: Expectation) -> None:
    """Do ``expect`` with the hands, on the device's body."""
    device = player.device
    part = device.part_widget(expect.target)
    assert part is not None, f"no part {expect.target!r} in view on the {device.name}"
    kind = expect.kind
    if kind in ("insert", "place"):
        wanted = expect.value.values if expect.value is not None else ()
        thing = next((t for t in device.hand.things if not wanted or t.obj in wanted), None)
        assert thing is not None, f"nothing in the hand fits {expect.target!r} ({wanted})"
        drag_to(thing, part)
    elif kind == "look":
        # move the face into the frame with the mouse
        drag(part, part.face_centre().toPoint(), part.frame_rect().center().toPoint())
    elif kind == "long-press":
        part.setFocus()
        QTest.keyClick(part, Qt.Key.Key_Menu)
        settle()
    else:  # take, press
        click(part)


def drag_to(widget: QWidget, target: QWidget) -> None:
    """Drag ``widget`` (from its centre) to the centre of ``target``."""
    start = widget.rect().center()
    end = widget.mapFromGlobal(target.mapToGlobal(target.rect().center()))
    drag(widget, start, end)


def scan(view, data: str | None) -> None:
    """Move the viewfinder with the arrow keys until the code is in the frame."""
    cameras = [w for w in elements_of(view, "camera") if data is None or w.viewfinder.data == data]
    assert cameras, f"no camera showing {data!r}"
    finder = cameras[0].viewfinder
    finder.setFocus()
    for _ in range(40):
        if not shiboken6.isValid(finder) or finder.scanned:  # (scanned: the next step's screen replaced it)
            return
        x, y = finder.offset
        key = (Qt.Key.Key_Left if x > 0 else Qt.Key.Key_Right) if abs(x) >= abs(y) else (
            Qt.Key.Key_Up if y > 0 else Qt.Key.Key_Down)
        QTest.keyClick(finder, key)
        settle()
    assert finder.scanned or view.parent() is None


def place(view, card_id: str | None) -> None:
    """Drag the card onto the reader with the mouse."""
    cards = [w for w in elements_of(view, "card") if card_id is None or w.element.id == card_id]
    assert cards, f"no card {card_id!r}"
    table = cards[0].table
    card = table.card
    start = card.rect().center()
    end = card.mapFromParent(table.reader_rect().center())
    drag(card, start, end)


def say(view, phrases: tuple[str, ...]) -> None:
    """Press a suggestion that is one of ``phrases``, else type the first phrase and press 「話す」."""
    [speaker] = elements_of(view, "speaker")
    wanted = {default_speech_normaliser(p) for p in phrases}
    for button in speaker.suggestions:
        if default_speech_normaliser(button.text()) in wanted:
            click(button)
            return
    speaker.entry.setFocus()
    type_text(speaker.entry, phrases[0])
    click(speaker.say_button)


def swipe(view, direction: str, on: str | None) -> None:
    """Drag across the element ``on`` (or the screen) in ``direction``."""
    widget = view
    if on is not None:
        target = view.target_widget(on)
        assert target is not None, f"nothing to swipe called {on!r}"
        widget = target
    rect = widget.rect()
    centre = rect.center()
    reach = max(80, min(rect.width(), rect.height()) // 3)
    offset = {"left": QPoint(-reach, 0), "right": QPoint(reach, 0), "up": QPoint(0, -reach),
              "down": QPoint(0, reach)}[direction]
    if widget is view:
        # start on a plain part of the screen (not a control)
        centre = QPoint(rect.width() // 2, max(10, view.layout().contentsMargins().top() // 2))
        offset = QPoint(offset.x(), offset.y())
        if direction == "up":
            centre = QPoint(rect.width() // 2, min(rect.height() - 5, centre.y() + reach))
    drag(widget, centre, centre + offset)
