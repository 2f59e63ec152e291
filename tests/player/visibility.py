"""Is the thing a step asks for on screen when the step appears?

``step_targets(player)`` lists what the current step asks the learner to
press — the element of every ``expect`` and ``choices`` entry (tap, choose,
toggle, long press, enter, place, scan, the swiped element), the speaker's
phrase button, and 「次へ」 on a step that only explains — resolved with
``ScreenView.target_widget``, and the part of the device's body a body
action names (insert, take, press, look, place or hold a slot, a tray, a
key; with the thing in the hand an insert or place brings to it), hidden
or not, so a part out of view counts as not seen; ``step_targets(player, inputs=True)`` the
fields a ``with:`` names. A step with such fields is looked at twice, as a
learner meets it: when it appears (the fields must be in view), and after
the fields were filled in through the widgets (the thing to press must be).

``visible_share(widget, window)`` is the share of the widget a person can
see: Qt's ``visibleRegion()`` (which leaves out what ancestors clip), and,
to be sure, the widget's rectangle intersected with the rectangle of every
ancestor up to the window (a scroll area's viewport, the page's scroll, the
window itself); the smaller of the two counts.

``walk(window, scenario)`` shows every step of ``scenario`` the way a
learner meets it: along the autoplayer's routes (each step appears after the
previous one was done through the real widgets), then, for any step no
route passes, by starting the player at that step.

Run as a script to print the figures for a window size and text sizes::

    QT_QPA_PLATFORM=offscreen PYTHONPATH=. python -m tests.player.visibility --window 1280x720 --scales 1,1.5,2,3
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRect, QRectF
from PySide6.QtWidgets import QWidget

from tests.player.autoplay import example, moves_from, perform, routes, set_field, settle
from trainer.scenarios.matching import default_speech_normaliser
from trainer.scenarios.model import Expectation, Scenario, Step

SEEN = 0.9
"""The share of a target that must be on screen to count as visible."""

ELEMENT_KINDS = ("tap", "choose", "toggle", "long-press", "enter", "place", "scan")
PART_ACTIONS = ("insert", "take", "press", "look", "place", "long-press")
"""What is done on a part of the device's body: the part (and, for insert and place, the thing
in the hand) must be in view like a button on the screen."""


@dataclass(frozen=True)
class Target:
    """One thing the step asks for: a name for reports and its widget (None: not found)."""

    name: str
    widget: QWidget | None


def _expectations(step: Step) -> list[Expectation]:
    return [*step.expect, *(choice.when[0] for choice in step.choices)]


def step_targets(player, inputs: bool = False) -> list[Target]:
    """What the player's current step asks the learner to use, resolved to widgets: the things
    to press (``inputs=False``) or the fields its ``with:`` names (``inputs=True``)."""
    step = player.run.current
    view = player.view
    found: list[Target] = []
    seen: set[str] = set()

    def add(name: str, widget: QWidget | None) -> None:
        if name not in seen:
            seen.add(name)
            found.append(Target(name, widget))

    if step.only_explains and not inputs:
        add("次へ", player.panel.next_button)
    for expect in _expectations(step):
        if inputs:
            for field_id in expect.fields:
                add(f"field {field_id}", view.target_widget(field_id))
        elif expect.target and view.target_widget(expect.target) is None and _names_part(player, expect):
            part = player.device.parts[expect.target]  # hidden or not: a hidden part counts as 0 % seen
            add(f"{expect.kind} {expect.target}", part)
            if expect.kind in ("insert", "place"):  # and what the hand brings to it
                wanted = expect.value.values if expect.value is not None else ()
                thing = next((t for t in player.device.hand.things if not wanted or t.obj in wanted), None)
                add(f"hand {'/'.join(wanted)} for {expect.target}", thing)
        elif expect.kind in ELEMENT_KINDS and expect.target:
            add(f"{expect.kind} {expect.target}", view.target_widget(expect.target))
        elif expect.kind == "swipe" and expect.on is not None:
            add(f"swipe {expect.on}", view.target_widget(expect.on))
        elif expect.kind == "say":
            add(f"say {expect.phrases[0] if expect.phrases else ''}", _say_widget(view, expect.phrases))
    return found


def _names_part(player, expect: Expectation) -> bool:
    """True when ``expect`` is done on a part of the device's body (a slot, a tray, a key)."""
    parts = getattr(player.device, "parts", {})
    return expect.kind in PART_ACTIONS and expect.target in parts


def _say_widget(view, phrases: tuple[str, ...]) -> QWidget | None:
    speakers = [w for w in view.elements if w.element.type == "speaker"]
    if not speakers:
        return None
    speaker = speakers[0]
    wanted = {default_speech_normaliser(p) for p in phrases}
    for button in speaker.suggestions:
        if default_speech_normaliser(button.text()) in wanted:
            return button
    return speaker.say_button


def _area(region_or_rect) -> int:
    if isinstance(region_or_rect, QRect):
        return max(0, region_or_rect.width()) * max(0, region_or_rect.height())
    return sum(r.width() * r.height() for r in region_or_rect)


def visible_share(widget: QWidget | None, window: QWidget) -> float:
    """The share (0–1) of ``widget`` that is on screen inside ``window``."""
    if widget is None or not widget.isVisible() or widget.width() <= 0 or widget.height() <= 0:
        return 0.0
    whole = widget.width() * widget.height()
    by_qt = _area(widget.visibleRegion()) / whole
    rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    clipped = rect.intersected(window.rect())
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        clipped = clipped.intersected(QRect(parent.mapTo(window, QPoint(0, 0)), parent.size()))
        parent = parent.parentWidget()
    return min(by_qt, _area(clipped) / whole)


@dataclass(frozen=True)
class Seen:
    """One target of one step, and how much of it was on screen when the step appeared."""

    scenario: str
    step: str
    target: str
    share: float

    @property
    def visible(self) -> bool:
        return self.share >= SEEN


def look_now(window, scenario: Scenario, expect: Expectation | None = None) -> list[Seen]:
    """The step on show, as the learner meets it: when it appears, the fields to fill in (if
    its ``with:`` names any) else the things to press; then, with the fields of ``expect`` (or of
    the first expectation that names any) filled in through the widgets, the things to press."""
    player = window.player
    step = player.run.current

    def seen(targets: list[Target]) -> list[Seen]:
        return [Seen(scenario.id, step.id, t.name, visible_share(t.widget, window)) for t in targets]

    fields = step_targets(player, inputs=True)
    if not fields:
        return seen(step_targets(player))
    found = seen(fields)
    expect = expect if expect is not None and expect.fields else next(
        e for e in _expectations(step) if e.fields)
    for field_id, match in expect.fields.items():
        set_field(player.view, field_id, example(match))
    return found + seen(step_targets(player))


def walk(window, scenario: Scenario, check=None) -> Iterator[Seen]:
    """Every non-finish step of ``scenario`` as it appears: along the routes, then the rest.
    ``check(window, scenario)`` (optional) runs at each step too; what it returns is ignored."""
    done: set[str] = set()
    for route in routes(scenario).values():
        if route and route[0].step.id in done and all(m.step.id in done for m in route):
            continue
        window.start(scenario.id)
        settle()
        for move in route:
            player = window.player
            if player is None or player.run.current.id != move.step.id:
                break
            if move.step.id not in done:
                done.add(move.step.id)
                yield from look_now(window, scenario, move.expect)
                if check is not None:
                    check(window, scenario)
            perform(player, move.expect)
    from tests.player.conftest import start_at

    for step in scenario.steps:
        if step.is_finish or step.id in done or not moves_from(scenario, step) and not step.only_explains:
            continue
        done.add(step.id)
        window.start(scenario.id, snapshot=start_at(scenario, step.id))
        settle()
        yield from look_now(window, scenario)
        if check is not None:
            check(window, scenario)


def open_window(scenarios, size: tuple[int, int], scale: float, theme: str = "standard"):
    from trainer.app.library import Library
    from trainer.app.main_window import MainWindow
    from trainer.app.settings import Settings

    window = MainWindow(Library(list(scenarios)), settings=Settings(
        text_scale=round(scale * 100), theme=theme, text_size_chosen=True, read_aloud=False))
    window.resize(*size)
    window.show()
    settle()
    return window


def main() -> int:
    import argparse
    import os
    import tempfile

    parser = argparse.ArgumentParser(description="How many of the steps' targets are visible when they appear.")
    parser.add_argument("--window", default="1280x720", metavar="WxH")
    parser.add_argument("--scales", default="1,1.5,2,3")
    parser.add_argument("--theme", default="standard")
    parser.add_argument("--list", action="store_true", help="name every hidden target")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["TRAINER_CONFIG_DIR"] = tempfile.mkdtemp(prefix="trainer-visibility-")
    from PySide6.QtWidgets import QApplication

    import trainer.app  # noqa: F401  (PySide6 reference-count fix)
    from tests.player.conftest import bundled

    app = QApplication.instance() or QApplication([])
    size = tuple(int(v) for v in args.window.lower().split("x"))
    for scale in (float(s) for s in args.scales.split(",")):
        window = open_window(bundled(), size, scale, args.theme)
        seen = [s for scenario in bundled() for s in walk(window, scenario)]
        visible = sum(s.visible for s in seen)
        print(f"{args.window} {round(scale * 100)}% {args.theme}: {visible}/{len(seen)} targets visible")
        if args.list:
            for s in seen:
                if not s.visible:
                    print(f"    {s.scenario}/{s.step}: {s.target} ({s.share:.0%})")
        window.close()
        window.deleteLater()
        app.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


# -- text inside its panel, no text over another, the device's proportions -----------------------
REAL_ASPECT = {"phone": 0.49, "kiosk": 4 / 3, "card-reader": 4 / 3, "speaker": 4 / 3, "browser": 1.6,
               "atm": 4 / 3, "paper": 210 / 297}
"""Width / height of the real devices' bodies: a smartphone (71.5 × 147 mm), a multi-copier's, an
ATM's and a card reader's touch panel in its casing (4 : 3 — a display maker's note that 15-inch
and 17-inch 4 : 3 panels at 1024×768 are the common size for kiosks and POS / retail terminals,
https://www.rising-lcd.com/info/1447.html; no figure for a Japanese ATM's own screen was found,
see docs/content.md), a speaker on its table (4 : 3), a
computer (16 : 10), a form on paper (A4, 210 × 297 mm: ISO 216, e.g.
http://www.statemaster.com/encyclopedia/A4-paper). Not here: a receipt (a 58 or 80 mm roll,
https://www.pospaper.com/blogs/news/what-are-the-different-sizes-of-thermal-paper-rolls-available,
as long as what it lists; ``test_a_receipt_is_a_narrow_strip`` checks its width) and a till's
customer display (no proportions published: a POS vendor's guide asks only for a diagonal of at
least 6 inches, Odoo's Point of Sale hardware page, https://github.com/odoo/documentation/pull/14349;
the body, 1.15, is a small landscape
screen together with its stand, chosen so that the amount and two buttons fit at 300 %).
A device with ``face_rect`` (the paper: the sheet, not the table) is measured by it, under its
``real_name``."""


def real_shape(device) -> tuple[str, QRectF]:
    """The name the device's real proportions are listed under, and the rectangle that has them."""
    face = getattr(device, "face_rect", None)
    return getattr(device, "real_name", device.name), (face() if face is not None else device.body_rect())


def _visible_rect(widget: QWidget, window: QWidget) -> QRect:
    rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size()).intersected(window.rect())
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        rect = rect.intersected(QRect(parent.mapTo(window, QPoint(0, 0)), parent.size()))
        parent = parent.parentWidget()
    return rect


def _texts(root: QWidget) -> list[QWidget]:
    from trainer.widgets.button import BigButton
    from trainer.widgets.labels import TextBlock

    return [w for w in root.findChildren(QWidget) if w.isVisible() and (
        isinstance(w, TextBlock | BigButton) or type(w).__name__ == "RubyLabel") and w.width() > 0]


def text_problems(window) -> list[str]:
    """Text of the player outside its panel (the instruction card, the control bar, the device),
    text drawn over other text, and a device out of the window or out of its proportions."""
    player = window.player
    found: list[str] = []
    card = player.panel.card
    card_rect = card.card_rect().toAlignedRect()
    for widget in _texts(card):
        if widget.parentWidget() is card and not card_rect.contains(widget.geometry()):
            found.append(f"text outside the instruction card: {type(widget).__name__} {widget.geometry().getRect()} "
                         f"in {card_rect.getRect()}")
    device = player.device
    body = QRect(device.mapTo(window, QPoint(0, 0)), device.size())
    if not window.rect().contains(body):
        found.append(f"the device {body.getRect()} is not all inside the window {window.rect().getRect()}")
    for panel in (player.panel, player.controls, device):
        outer = _visible_rect(panel, window)
        for widget in _texts(panel):
            seen = _visible_rect(widget, window)
            if not seen.isEmpty() and not outer.contains(seen):
                found.append(f"text outside its panel: {type(widget).__name__} {seen.getRect()} not in "
                             f"{type(panel).__name__} {outer.getRect()}")
    texts = [(w, _visible_rect(w, window)) for w in _texts(player)]
    for index, (first, one) in enumerate(texts):
        for second, other in texts[index + 1:]:
            if first.isAncestorOf(second) or second.isAncestorOf(first):
                continue
            overlap = one.intersected(other)
            if overlap.width() > 1 and overlap.height() > 1:
                found.append(f"text over text: {type(first).__name__}({_label(first)}) {one.getRect()} and "
                             f"{type(second).__name__}({_label(second)}) {other.getRect()}")
    found.extend(cut_at_top(device))
    name, shape = real_shape(device)
    real = REAL_ASPECT.get(name)
    if real is not None:
        aspect = shape.width() / max(1.0, shape.height())
        if abs(aspect - real) > 0.1 * real:
            found.append(f"the {name} is {aspect:.2f} wide for 1 high; the real one is {real:.2f}")
    return found


def _label(widget: QWidget) -> str:
    text = getattr(widget, "text", None)
    return (text() if callable(text) else "")[:12]


def cut_at_top(device) -> list[str]:
    """A line of text on the device's screen cut in two by the screen's top edge: a text, a
    button's label or a field that starts above the edge and ends below it (text wholly above it
    or wholly below it is fine)."""
    from PySide6.QtWidgets import QLineEdit

    area = getattr(device, "scroll_area", None)
    view = area.widget() if area is not None else None
    if view is None:
        return []
    viewport = area.viewport()
    found = []
    for widget in [*_texts(view), *(f for f in view.findChildren(QLineEdit) if f.isVisible())]:
        top = widget.mapTo(viewport, QPoint(0, 0)).y()
        if top < 0 < top + widget.height() and widget.isVisibleTo(view):
            found.append(f"text cut at the top of the device's screen: {type(widget).__name__}({_label(widget)}) "
                         f"shows {top + widget.height()} of its {widget.height()} px")
    return found

