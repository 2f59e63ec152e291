"""What assistive technology sees of the app's own widgets, and what it hears.

Qt exposes every widget to screen readers (UI Automation on Windows, which
NVDA and Narrator read; AT-SPI on Linux, which Orca reads). Its own
widgets come with the right roles; ours paint themselves, so this module
tells Qt what they are:

- a ``TextBlock`` or ``RubyLabel`` is *text* (role StaticText, or Heading),
  with a Text interface over its plain text, so a screen reader can read it
  line by line, not just as a name;
- a ``BigButton`` drawn as a link is a Link; one that can be held (long
  press) or stands for a swipe offers that as a named accessible action;
- any widget can be given a role with ``set_role`` (a labelled group of
  radio buttons, an in-device dialog, a table, its rows and cells).

``announce`` sends a ``QAccessibleAnnouncementEvent`` (Qt 6.8 and later),
the way to say "this changed" without moving focus, and tells in-process
listeners (the tests, and the switch access) through ``announcer``.

Everything here is idempotent and costs nothing while no assistive
technology is listening (Qt asks the factory only when someone asks).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar, cast

import shiboken6
from PySide6.QtCore import QObject, QPoint, QRect, Signal
from PySide6.QtGui import QAccessible, QAccessibleTextInterface
from PySide6.QtWidgets import QAbstractButton, QAccessibleWidget, QWidget

ROLE_PROPERTY = "a11y_role"
ACTIONS_PROPERTY = "a11y_actions"
#: Set on a scroll area with bands of its own (a question above, the main action below), which
#: then has an ``accessible_children()`` method giving its children in reading order.
CHILDREN_PROPERTY = "a11y_children"

ROLES: dict[str, QAccessible.Role] = {
    "text": QAccessible.Role.StaticText,
    "heading": QAccessible.Role.Heading,
    "group": QAccessible.Role.Grouping,
    "radio-group": QAccessible.Role.Grouping,
    "dialog": QAccessible.Role.Dialog,
    "alert": QAccessible.Role.AlertMessage,
    "link": QAccessible.Role.Link,
    "table": QAccessible.Role.Table,
    "row": QAccessible.Role.Row,
    "cell": QAccessible.Role.Cell,
    "list": QAccessible.Role.List,
    "list-item": QAccessible.Role.ListItem,
    "pane": QAccessible.Role.Pane,
}
"""The roles ``set_role`` knows, by the names the widgets use."""


class Holder(QWidget):
    """A plain container that can be given a role (a group of options, a table row).

    Qt answers for its own classes (a bare ``QWidget``) with its own factory when
    that was installed after ours, so a role needs a class of our own."""


W = TypeVar("W", bound=QWidget)


def set_role(widget: W, role: str, name: str | None = None, description: str | None = None) -> W:
    """Expose ``widget`` with ``role`` (a key of ``ROLES``) and, if given, ``name``."""
    if role not in ROLES:
        raise ValueError(f"unknown accessible role {role!r} — one of {', '.join(ROLES)}")
    if type(widget).__module__.startswith("PySide6"):
        raise TypeError(f"give the role to a widget of the app's own class (e.g. Holder), not a bare "
                        f"{type(widget).__name__} — Qt's own factory would answer for it")
    widget.setProperty(ROLE_PROPERTY, role)
    if name is not None:
        widget.setAccessibleName(name)
    if description is not None:
        widget.setAccessibleDescription(description)
    return widget


def name_in_context(widget: QWidget, context: str, lang: str = "ja") -> QWidget:
    """Make the name of a control whose visible text repeats on the page unique: the visible
    text first, then what it is about — 「はじめる：お店のQRコードを読み取って払う」
    (WCAG 2.5.3: the name starts with the visible words; 4.1.2: it tells the controls apart).
    The context stays the description as well, for readers that show descriptions."""
    from trainer.words.catalogue import tr

    visible = widget.text() if hasattr(widget, "text") else widget.accessibleName()
    widget.setAccessibleName(tr("a11y.list_start", lang, action=visible, title=context) if context else visible)
    widget.setAccessibleDescription(context)
    return widget


def role_of(widget: QWidget) -> str | None:
    value = widget.property(ROLE_PROPERTY)
    return str(value) if value else None


def add_action(widget: QWidget, name: str, do: Callable[[], None]) -> None:
    """Offer ``do`` to assistive technology as the action called ``name`` (e.g. 「長押し」),
    next to the widget's own press. Shown in NVDA's / Orca's action list."""
    key = id(widget)
    actions = dict(_actions.get(key, {}))
    actions[name] = do
    _actions[key] = actions
    widget.setProperty(ACTIONS_PROPERTY, list(actions))
    if len(actions) == 1:
        widget.destroyed.connect(lambda *_a: _actions.pop(key, None))


_actions: dict[int, dict[str, Callable[[], None]]] = {}


def actions_of(widget: QWidget) -> dict[str, Callable[[], None]]:
    return _actions.get(id(widget), {}) if widget.property(ACTIONS_PROPERTY) else {}


# -- announcements ------------------------------------------------------------------------------
class Announcer(QObject):
    """Tells in-process listeners what was announced (text, assertive)."""

    announced = Signal(str, bool)


announcer = Announcer()


def announce(widget: QWidget, text: str, assertive: bool = False) -> None:
    """Have the screen reader say ``text`` now (politely: after what it is saying, unless
    ``assertive``), without moving focus."""
    text = " ".join(text.split())
    if not text:
        return
    announcer.announced.emit(text, assertive)
    if not QAccessible.isActive():
        return
    from PySide6.QtGui import QAccessibleAnnouncementEvent

    event = QAccessibleAnnouncementEvent(widget, text)
    event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive if assertive
                        else QAccessible.AnnouncementPoliteness.Polite)
    QAccessible.updateAccessibility(event)


# -- interfaces ------------------------------------------------------------------------------------
def _plain_text(widget: QWidget) -> str:
    getter = getattr(widget, "accessible_text", None)
    if callable(getter):
        return getter()
    return widget.accessibleName()


class TextAccessible(QAccessibleWidget):
    """Text painted by our own widget: a role (StaticText / Heading / Cell) and a Text interface."""

    def __init__(self, widget: QWidget, role: QAccessible.Role) -> None:
        super().__init__(widget, role)
        self._widget = widget
        self._text = TextPart(widget)
        """The Text interface, a separate object it owns (not a second base class: PySide
        keeps a C++ object of each base, and Qt deletes only the first)."""

    def _content(self) -> str:
        return self._text.content()

    def text(self, kind):
        if kind == QAccessible.Text.Name:
            return self._content()
        if kind == QAccessible.Text.Value:
            return ""
        return QAccessibleWidget.text(self, kind)

    def interface_cast(self, kind):
        if kind == QAccessible.InterfaceType.TextInterface:
            return shiboken6.VoidPtr(shiboken6.getCppPointer(self._text)[0])
        other = QAccessibleWidget.interface_cast(self, kind)
        # Qt's own bridges (AT-SPI, UI Automation) call this from C++: "none" must be a null
        # pointer, never Python's None, which PySide cannot turn into one (the app would crash)
        return other if other is not None else shiboken6.VoidPtr(0)

    def textInterface(self):  # Qt's name; Python callers get the part itself
        return self._text

    def state(self):
        state = QAccessibleWidget.state(self)
        state.readOnly = True
        state.multiLine = True
        return state


class TextPart(QAccessibleTextInterface):
    """The words of a painted text, for a screen reader's reading by line and word."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__()
        self._widget = widget

    def content(self) -> str:
        try:
            return _plain_text(self._widget)
        except RuntimeError:  # the widget is gone
            return ""

    def text(self, start: int, end: int) -> str:
        content = self.content()
        return content[max(0, start):(len(content) if end < 0 else end)]

    def characterCount(self) -> int:
        return len(self.content())

    def cursorPosition(self) -> int:
        return 0

    def setCursorPosition(self, position: int) -> None:
        return None

    def selectionCount(self) -> int:
        return 0

    def addSelection(self, start: int, end: int) -> None:
        return None

    def removeSelection(self, index: int) -> None:
        return None

    def setSelection(self, index: int, start: int, end: int) -> None:
        return None

    def characterRect(self, offset: int) -> QRect:
        try:
            widget = self._widget
            return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())
        except RuntimeError:
            return QRect()

    def offsetAtPoint(self, point) -> int:
        return -1

    def scrollToSubstring(self, start: int, end: int) -> None:
        return None


class RoleAccessible(QAccessibleWidget):
    """A widget with a role of its own (a group, a dialog, a table and its rows).

    Always a Python subclass, never a bare ``QAccessibleWidget``: Qt deletes the
    interfaces it caches when their widget goes, and only a subclass tells
    PySide, which would otherwise hand out the stale object for whatever is
    allocated at that address next."""


class ActionAccessible(QAccessibleWidget):
    """A painted control with a role of its own (e.g. a link) and named extra actions
    (long press, swipe). The first action is always the widget's own press."""

    def __init__(self, widget: QWidget, role: QAccessible.Role) -> None:
        super().__init__(widget, role)
        self._widget = widget

    def state(self):
        state = QAccessibleWidget.state(self)
        state.focusable = True
        try:
            widget = self._widget
            if getattr(widget, "isCheckable", lambda: False)():
                state.checkable = True
                state.checked = cast(QAbstractButton, widget).isChecked()
            if getattr(widget, "isDown", lambda: False)():
                state.pressed = True
        except RuntimeError:
            pass
        return state

    def actionNames(self) -> list[str]:
        try:
            extra = list(actions_of(self._widget))
        except RuntimeError:
            return []
        return [QAccessibleActionInterfacePress(), *extra, *QAccessibleWidget.actionNames(self)]

    def localizedActionName(self, name: str) -> str:
        return name

    def localizedActionDescription(self, name: str) -> str:
        return name

    def keyBindingsForAction(self, name: str) -> list[str]:
        return []

    def doAction(self, name: str) -> None:
        try:
            widget = self._widget
        except RuntimeError:
            return
        if name == QAccessibleActionInterfacePress():
            click = getattr(widget, "click", None)
            if click is not None:
                click()
            return
        action = actions_of(widget).get(name)
        if action is not None:
            action()
            return
        QAccessibleWidget.doAction(self, name)


def QAccessibleActionInterfacePress() -> str:  # mirrors Qt's static function
    from PySide6.QtGui import QAccessibleActionInterface

    return QAccessibleActionInterface.pressAction()


class BandedScrollAccessible(QAccessibleWidget):
    """A scroll area that keeps bands of its own beside its viewport (a page's question above,
    its main action below). Qt's scroll-area interface lists only the viewport and the scroll
    bars, so a screen reader never found a page's pinned main action; this one lists what the
    widget's ``accessible_children()`` gives, in reading order."""

    def _children(self) -> list[QWidget]:
        provide = getattr(self.widget(), "accessible_children", None)
        return list(provide()) if provide is not None else []

    def childCount(self) -> int:
        return len(self._children())

    def child(self, index: int):
        children = self._children()
        if 0 <= index < len(children):
            return QAccessible.queryAccessibleInterface(children[index])
        return None

    def indexOfChild(self, child) -> int:
        target = child.object() if child is not None else None
        for index, widget in enumerate(self._children()):
            if widget is target:
                return index
        return -1


def set_children(widget: QWidget) -> None:
    """Let ``widget.accessible_children()`` (widgets in reading order) be what a screen reader
    finds inside ``widget`` (see ``BandedScrollAccessible``). A flag, not a callable: a Python
    callable kept in a Qt property would keep the widget's Python side alive."""
    widget.setProperty(CHILDREN_PROPERTY, True)


# -- the factory -----------------------------------------------------------------------------------
def _factory(key: str, obj: QObject):
    if not isinstance(obj, QWidget) or key != obj.metaObject().className():
        return None
    if obj.property(CHILDREN_PROPERTY):
        return BandedScrollAccessible(obj, QAccessible.Role.Pane)
    role = role_of(obj)
    if _is_text(obj):
        return TextAccessible(obj, ROLES[role] if role in ("heading", "cell", "alert") else QAccessible.Role.StaticText)
    if role is not None:
        if role == "link" or obj.property(ACTIONS_PROPERTY):
            return ActionAccessible(obj, ROLES[role])
        return RoleAccessible(obj, ROLES[role])
    if obj.property(ACTIONS_PROPERTY):
        return ActionAccessible(obj, QAccessible.Role.Button)
    return None


def _is_text(widget: QWidget) -> bool:
    from trainer.widgets.labels import TextBlock

    if isinstance(widget, TextBlock):
        return True
    try:
        from trainer.widgets.ruby_label import RubyLabel
    except ImportError:  # pragma: no cover - the reading engine is missing
        return False
    return isinstance(widget, RubyLabel)


_installed = False


def install() -> None:
    """Let Qt ask this module for the interfaces of the app's own widgets (once)."""
    global _installed
    if not _installed:
        QAccessible.installFactory(_factory)
        _installed = True


def interface(widget: QWidget):
    """The accessible interface of ``widget`` (what a screen reader reads), for tests and tools."""
    install()
    return QAccessible.queryAccessibleInterface(widget)
