"""Switch access: everything in the app with one or two switches.

A switch is a big button that sends a key (most send Space or Enter); the
learner chooses which keys are the switches in the settings. Scanning goes
in groups, then inside the chosen group:

    groups:  説明 (the instruction pane) → 練習用の画面 (the device) → 操作のボタン
             (the control bar) → 上の帯 (the top bar); on other pages: この画面 → 上の帯
    items:   every control of the group in reading order — every option of a
             radio group too, not just its Tab stop — then 「グループにもどる」

- **Two switches**: the first moves to the next place, the second chooses it
  (on a group: go into it; on a control: press it; on 「グループにもどる」:
  back to the groups).
- **One switch**: the app moves by itself, one place every ``scan_seconds``
  (the learner's speed, set in the settings), and the switch chooses. This
  is the only timer in the app, it runs only when the learner asked for it,
  and it waits while the app's voice is reading.

The highlighted place gets the focus (so the focus ring shows it, it is
scrolled into view, and a screen reader says it); a highlighted group gets a
thick frame and its name is announced. Pressing goes through the same key
events as the keyboard (Space), so long-press mode and every element work as
they do for a keyboard user. A new step or page starts again at the groups.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRectF, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence, QPainter, QPen
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QWidget

from trainer.widgets.accessibility import announce
from trainer.widgets.focus import scroll_into_view
from trainer.widgets.lifetime import next_in_focus_chain


def key_code(name: str) -> int:
    """The Qt key code of a key name such as "Space", "Return", "F1" (0 when unknown)."""
    sequence = QKeySequence(name)
    if sequence.count() == 0:
        return 0
    key = cast(Any, sequence)[0].key()  # PySide6 indexes a sequence; its stubs do not say so
    return int(key.value if hasattr(key, "value") else key)


def key_name(code: int) -> str:
    """The name the settings keep for a key code."""
    return QKeySequence(code).toString()


@dataclass
class Group:
    """One scanning group: its name and the widget that holds its controls."""

    name: str
    region: QWidget


def scan_items(region: QWidget) -> list[QWidget]:
    """Every control under ``region`` a switch can reach, in focus-chain (reading) order:
    Tab stops and also the options of a radio group that are not its Tab stop."""
    found: list[QWidget] = []
    seen: set[int] = set()
    widget = next_in_focus_chain(region)  # (not nextInFocusChain: see lifetime)
    while widget is not None and widget is not region and id(widget) not in seen:
        seen.add(id(widget))
        if (region.isAncestorOf(widget) and widget.focusPolicy() != Qt.FocusPolicy.NoFocus
                and widget.isEnabled() and widget.isVisibleTo(region.window())
                and not isinstance(widget, QAbstractScrollArea) and widget.accessibleName()):
            found.append(widget)
        widget = next_in_focus_chain(widget)
    return found


class GroupFrame(QWidget):
    """A thick frame round the highlighted group (blind to the mouse)."""

    def __init__(self, window: QWidget, look) -> None:
        super().__init__(window)
        self.look = look
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.hide()

    def frame(self, region: QWidget | None) -> None:
        old = getattr(self, "_region", None)
        if old is not region:
            if old is not None:
                try:
                    old.removeEventFilter(self)
                except RuntimeError:
                    pass
            self._region = region
            if region is not None:
                region.installEventFilter(self)  # follow it when the page is laid out again
        if region is None or not region.isVisible():
            self.hide()
            return
        parent = cast(QWidget, self.parentWidget())  # the ring is made on the window it marks
        top_left = region.mapTo(parent, region.rect().topLeft())
        rect = region.rect().translated(top_left)
        width = max(4, self.look.px(RING_WIDTH))
        self.setGeometry(rect.adjusted(-width, -width, width, width).intersected(parent.rect()))
        self.raise_()
        self.show()
        self.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is getattr(self, "_region", None) and self.isVisible() and event.type() in (
                QEvent.Type.Resize, QEvent.Type.Move, QEvent.Type.Show):
            self.frame(watched)
        return False

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        width = max(4, self.look.px(RING_WIDTH))
        inner = max(2, width // 2)
        painter.setPen(QPen(self.look.colour("highlight"), width))
        painter.drawRect(QRectF(self.rect()).adjusted(width / 2, width / 2, -width / 2, -width / 2))
        painter.setPen(QPen(self.look.colour("focus_inner"), inner))
        edge = width + inner / 2
        painter.drawRect(QRectF(self.rect()).adjusted(edge, edge, -edge, -edge))
        painter.end()


class SwitchAccess(QObject):
    """Scans the main window's groups and controls with one or two switches (see the module text)."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.switches = 0
        self.move_key = int(Qt.Key.Key_Space.value)
        self.select_key = int(Qt.Key.Key_Return.value)
        self.level = "groups"
        self.group_index = 0
        self.at_back = False
        self.frame: GroupFrame | None = None
        self.timer = QTimer(self)  # the app's only timer, and only for one-switch scanning
        self.timer.timeout.connect(self._tick)
        self._sending = False
        self._filtering = False
        window.page_changed.connect(lambda _name: self.reset())
        self.configure(window.settings)

    # -- settings -----------------------------------------------------------------------------
    def configure(self, settings) -> None:
        """Follow ``settings`` (switches, keys, speed); turns scanning on or off."""
        self.switches = settings.switches
        first, second = settings.switch_keys
        self.move_key = key_code(first) or int(Qt.Key.Key_Space.value)
        self.select_key = key_code(second) or int(Qt.Key.Key_Return.value)
        self.timer.setInterval(round(settings.scan_seconds * 1000))
        app = QApplication.instance()
        if self.switches and not self._filtering and app is not None:
            app.installEventFilter(self)
            self._filtering = True
        elif not self.switches and self._filtering and app is not None:
            app.removeEventFilter(self)
            self._filtering = False
        if self.switches == 1:
            self.timer.start()
        else:
            self.timer.stop()
        self._restyle_frame()
        if not self.switches and self.frame is not None:
            self.frame.hide()

    @property
    def choose_key(self) -> int:
        """The key that chooses: the second switch, or the only one."""
        return self.move_key if self.switches == 1 else self.select_key

    def _restyle_frame(self) -> None:
        if self.frame is not None:
            try:
                self.frame.deleteLater()
            except RuntimeError:
                pass
            self.frame = None
        if self.switches:
            self.frame = GroupFrame(self.window, self.window.look)

    # -- what there is to scan ---------------------------------------------------------------------
    def groups(self) -> list[Group]:
        window = self.window
        look = window.look
        modal = QApplication.activeModalWidget()
        if modal is not None and modal is not window:  # 「練習をやめますか？」: scan the question itself
            return [Group(modal.windowTitle(), modal)] if scan_items(modal) else []
        page = window.stack.currentWidget()
        found: list[Group] = []
        player = window.player
        if player is not None and page is player:
            from trainer.app.access import regions

            names = ("instructions", "device", "controls")
            found = [Group(look.tr(f"a11y.scan_group.{n}"), r) for n, r in zip(names, regions(player), strict=True)]
        elif page is not None:
            found = [Group(look.tr("a11y.scan_group.page"), page)]
        found.append(Group(look.tr("a11y.scan_group.nav"), window.nav))
        return [g for g in found if g.region.isVisible() and scan_items(g.region)]

    def items(self) -> list[QWidget]:
        groups = self.groups()
        if not groups:
            return []
        return scan_items(groups[min(self.group_index, len(groups) - 1)].region)

    def current_group(self) -> Group | None:
        groups = self.groups()
        return groups[min(self.group_index, len(groups) - 1)] if groups else None

    # -- moving and choosing ------------------------------------------------------------------------
    def reset(self) -> None:
        """Back to the first group (a new step or page)."""
        self.level = "groups"
        self.group_index = 0
        self.at_back = False
        if self.switches and not self._sending:
            self._show_group()

    def move(self) -> None:
        """The next place: the next group, or the next control of the group (then 「グループにもどる」)."""
        if self.level == "groups":
            groups = self.groups()
            if groups:
                self.group_index = (self.group_index + 1) % len(groups)
            self._show_group()
            return
        items = self.items()
        if not items:
            self.reset()
            return
        focused = QApplication.focusWidget()
        if self.at_back:
            self.at_back = False
            self._focus(items[0])
            return
        index = items.index(focused) if focused in items else -1
        if index + 1 >= len(items):
            self.at_back = True
            self._show_group(back=True)
            return
        self._focus(items[index + 1])

    def select(self) -> None:
        """Choose the highlighted place."""
        if self.level == "groups":
            items = self.items()
            if not items:
                return
            self.level = "items"
            self.at_back = False
            if self.frame is not None:
                self.frame.hide()
            self._focus(items[0])
            return
        if self.at_back:
            self.level = "groups"
            self.at_back = False
            self._show_group()
            return
        focused = QApplication.focusWidget()
        items = self.items()
        if focused not in items:
            self.reset()
            return
        self._press(focused)

    def _press(self, widget: QWidget) -> None:
        """Press ``widget`` as the keyboard does (Space down and up), then carry on from where the focus is."""
        player = self.window.player
        step = player.step if player is not None and not player.run.finished else None
        page = self.window.page_name
        self._sending = True
        try:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier, " "))
        finally:
            self._sending = False
        player = self.window.player
        new_step = player is not None and not player.run.finished and player.step is not step
        if new_step or self.window.page_name != page:
            self.reset()
            return
        focused = QApplication.focusWidget()
        for index, group in enumerate(self.groups()):
            if focused is not None and group.region.isAncestorOf(focused) and focused in scan_items(group.region):
                self.level, self.group_index, self.at_back = "items", index, False
                return  # the page was redrawn (a setting) or the step stays: go on from here
        self.reset()

    def _focus(self, widget: QWidget) -> None:
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        scroll_into_view(widget)

    def _show_group(self, back: bool = False) -> None:
        group = self.current_group()
        if group is None:
            return
        if self.frame is None:
            self._restyle_frame()
        if self.frame is not None:
            scroll_into_view(group.region)
            self.frame.frame(group.region)
        text = self.window.look.tr("a11y.scan_back", name=group.name) if back else group.name
        announce(group.region, text)

    # -- the switches --------------------------------------------------------------------------------
    def _tick(self) -> None:
        narrator = getattr(self.window, "narrator", None)
        if narrator is not None and getattr(narrator, "speaking", False):
            return  # wait while the voice reads
        if self.window.isActiveWindow() or QApplication.platformName() == "offscreen":
            self.move()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._sending or not self.switches:
            return False
        kind = event.type()
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            return False
        if not isinstance(watched, QWidget) or watched.window() not in (self.window, QApplication.activeModalWidget()):
            return False
        key_event = cast(QKeyEvent, event)  # a key press or release (above)
        key = int(key_event.key())
        if key not in (self.move_key, self.choose_key):
            return False
        if kind == QEvent.Type.KeyPress and not key_event.isAutoRepeat():
            if key == self.choose_key:
                self.select()
                if self.switches == 1:
                    self.timer.start()  # a fresh interval after each choice
            else:
                self.move()
        return True


# -- the settings group ----------------------------------------------------------------------------------
SCAN_SPEEDS = (1.0, 1.5, 2.0, 3.0, 5.0)
"""Seconds per place for one-switch scanning (the learner picks; 2 s to start with)."""
RING_WIDTH = 5
"""Width of the scanning ring around the place in reach at 100 %, in pixels (never under 4)."""


class SwitchSettings(QWidget):
    """「スイッチで操作する」 in the settings: off / one switch / two switches, the speed of
    one-switch scanning, and which keys are the switches (press the button, then the key)."""

    def __init__(self, page) -> None:
        from trainer.widgets.accessibility import Holder, set_role
        from trainer.widgets.button import BigButton
        from trainer.widgets.flow import FlowLayout
        from trainer.widgets.labels import Box, TextBlock
        from trainer.widgets.radio_group import RadioGroup

        super().__init__()
        self.page = page
        look = page.look
        settings = page.settings
        self.look = look
        outer = QVBoxLayout_(self)
        box = Box(look, fill="surface", border="border", padding=16)
        outer.addWidget(box)
        box.box_layout.addWidget(set_role(TextBlock(look.tr("switch.title"), look, role="large",
                                                    colour="surface_text", bold=True), "heading"))
        box.box_layout.addWidget(TextBlock(look.tr("switch.note"), look, colour="surface_text"))
        self.modes: dict[int, BigButton] = {}
        self.speeds: dict[float, BigButton] = {}
        self.keys: list[BigButton] = []

        def radios(name: str, choices, current, field: str, store: dict[Any, BigButton]) -> None:
            holder = Holder()
            flow = FlowLayout(holder, spacing=look.space.lg)
            group = RadioGroup(self, holder, name)
            for value, text in choices:
                button = BigButton(text, look, style="plain", indicator="radio")
                group.addButton(button)
                button.setChecked(value == current)
                button.clicked.connect(lambda _=False, v=value: page._set(field, v))
                flow.addWidget(button)
                store[value] = button
            box.box_layout.addWidget(TextBlock(name, look, colour="surface_text", bold=True))
            box.box_layout.addWidget(holder)

        radios(look.tr("switch.mode"), [(0, look.tr("switch.off")), (1, look.tr("switch.one")),
                                        (2, look.tr("switch.two"))], settings.switches, "switches", self.modes)
        if settings.switches == 1:
            nearest = min(SCAN_SPEEDS, key=lambda s: abs(s - settings.scan_seconds))
            radios(look.tr("switch.speed"), [(s, look.tr("switch.seconds", n=f"{s:g}")) for s in SCAN_SPEEDS],
                   nearest, "scan_seconds", self.speeds)
        if settings.switches:
            holder = QWidget()
            flow = FlowLayout(holder, spacing=look.space.lg)
            count = 1 if settings.switches == 1 else 2
            for index in range(count):
                button = BigButton(self._key_text(index, settings.switch_keys[index]), look, style="plain",
                                   icon="keyboard")
                button.clicked.connect(lambda _=False, i=index: self._capture(i))
                flow.addWidget(button)
                self.keys.append(button)
            box.box_layout.addWidget(holder)
        self._waiting: int | None = None

    def _key_text(self, index: int, name: str) -> str:
        shown = QKeySequence(key_code(name)).toString(QKeySequence.SequenceFormat.NativeText) or name
        role = "one" if self.page.settings.switches == 1 else ("move" if index == 0 else "choose")
        return self.look.tr(f"switch.key_{role}", name=shown)

    def _capture(self, index: int) -> None:
        """The next key pressed becomes switch ``index``."""
        self._waiting = index
        self.keys[index].setText(self.look.tr("switch.press_key"))
        announce(self.keys[index], self.look.tr("switch.press_key"))
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        key_event = cast(QKeyEvent, event)  # read only when it is a key press
        if self._waiting is None or event.type() != QEvent.Type.KeyPress or key_event.isAutoRepeat():
            return False
        if int(key_event.key()) in (int(Qt.Key.Key_Shift.value), int(Qt.Key.Key_Control.value),
                                int(Qt.Key.Key_Alt.value), int(Qt.Key.Key_Meta.value), 0):
            return False
        index, self._waiting = self._waiting, None
        cast(QCoreApplication, QApplication.instance()).removeEventFilter(self)  # it installed this filter
        keys = list(self.page.settings.switch_keys)
        name = key_name(int(key_event.key()))
        other = keys[1 - index]
        if name == other:  # the same key for both: swap, so the two stay different
            keys[1 - index] = keys[index]
        keys[index] = name
        self.page._set("switch_keys", tuple(keys))
        return True


def QVBoxLayout_(widget: QWidget):
    from PySide6.QtWidgets import QVBoxLayout

    layout = QVBoxLayout(widget)
    layout.setContentsMargins(0, 0, 0, 0)
    return layout
