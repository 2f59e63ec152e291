"""The physical side of a mock device: its parts, the learner's hand, and
the base class of a device with a body.

A **part** (``PartWidget``) is a slot, a tray, an outlet, a key or a button
on the device's casing. It is operated on the body, never through a button
of the mock screen:

- with the mouse (a finger): drag a thing from the hand onto it (insert,
  place), or click it (take what it holds, press a key); holding the mouse
  down at least ``LONG_PRESS_MS`` is a long press (the Esc key);
- with the keyboard: Tab to it and press Enter or Space (it takes in the
  first thing in the hand it accepts, gives what it holds, or is pressed);
  the Menu key (or Shift+F10) is a long press. Its accessible name says
  what it is and what it holds, so a screen reader can tell.

It turns what was done into an ``Action`` (``acted``) and never judges: the
runner decides. What the body shows (the card on the tray, the paper in the
outlet, what is in the hand) comes from the step's ``body:``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QMarginsF, QPoint, QPointF, QRect, QRectF, QSize, QSizeF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QKeyEvent,
    QLinearGradient,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from trainer.scenarios import devices as device_kinds
from trainer.scenarios.actions import Action, ActionKind
from trainer.widgets.button import LONG_PRESS_MS, monotonic_ms, paint_focus_ring
from trainer.widgets.devices import DeviceFrame
from trainer.widgets.elements.card import CardPicture
from trainer.widgets.look import SIZES, Look
from trainer.widgets.text_layout import draw_text, text_size

PaintPart = Callable[[QPainter, QRectF, "PartWidget"], None]

THING_WIDTH = 120
"""A thing in the learner's hand (a card, a note, a sheet), how wide at 100 %."""
LABEL_WIDTH = 86
"""The room for the name printed beside a part, at most, at 100 %."""
PART_SIZE = (120, 60)
"""A part's size at 100 % (width, height) when its machine gives none."""
SLOT_MOUTH = 6
"""A slot's opening, how high at least, at 100 %."""
OUTLET_LABEL_DROP = 3
"""The room between an outlet's mouth and its printed name, at 100 %."""


def thing_name(obj: str, look: Look) -> str:
    return device_kinds.object_label(obj, look.lang)


def fitted_font(look: Look, rect: QRectF, share: float = 0.32, role: str = "small", bold: bool = True):
    """A font for a label printed on the casing: the role's size, but no taller
    than ``share`` of the space it has."""
    font = look.font(role, bold=bold)
    font.setPixelSize(max(9, min(look.size(role), int(rect.height() * share))))
    return font


def print_label(painter: QPainter, rect: QRectF, text: str, look: Look, colour: QColor | str = "#FFFFFF",
                share: float = 0.32, font: QFont | None = None,
                align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignHCenter, middle: bool = False) -> None:
    """A label printed on the machine (「硬貨」「取出口」), centred in ``rect``; a little smaller
    when it would not fit (printed words are never cut off)."""
    font = QFont(font) if font is not None else fitted_font(look, rect, share)
    while font.pixelSize() > 9 and text_size(font, text, max(1.0, rect.width()))[1] > rect.height():
        font.setPixelSize(font.pixelSize() - 1)
    painter.setPen(QColor(colour))
    draw_text(painter, rect, text, font, align, valign_centre=middle)


# -- things: cards, coins, notes, paper -----------------------------------------------------------
LEAST_PRINT = 9
"""The smallest print on a thing or the casing, in pixels."""


def note_rect(rect: QRectF) -> QRectF:
    """The front note of the two drawn in ``rect``."""
    return QRectF(rect.left() + rect.width() * 0.05, rect.top() + rect.height() * 0.12, rect.width() * 0.9,
                  rect.height() * 0.76)


def note_face(look: Look, note: QRectF) -> tuple[str, QFont, QRectF]:
    """What is printed on a banknote drawn in ``note``: 「千円（練習用）」 left of the portrait (down to
    three quarters of its size where it would not fit), else only 「千円」 (down to ``LEAST_PRINT``),
    else nothing — never cut at the note's edge. (text, font, the room left of the portrait)."""
    where = note.adjusted(note.width() * 0.06, 0, -note.height(), 0)
    natural = fitted_font(look, note, 0.3)
    for key, least in (("body.note_face", max(LEAST_PRINT, round(natural.pixelSize() * 0.75))),
                       ("body.note_face_short", LEAST_PRINT)):
        text, font = look.tr(key), QFont(natural)
        while font.pixelSize() > least and QFontMetricsF(font).horizontalAdvance(text) > where.width():
            font.setPixelSize(font.pixelSize() - 1)
        if QFontMetricsF(font).horizontalAdvance(text) <= where.width():
            return text, font, where
    return "", natural, where


def paint_thing(painter: QPainter, rect: QRectF, obj: str, look: Look) -> None:
    """Coins, notes, paper or a receipt drawn in ``rect`` (cards are CardPictures)."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if obj == "coins":
        side = min(rect.height() * 0.9, rect.width() * 0.48)
        for index, (dx, label) in enumerate(((-0.28, "100"), (0.28, "100"))):
            centre = QPointF(rect.center().x() + dx * side * 1.6, rect.center().y() + (index - 0.5) * side * 0.12)
            circle = QRectF(centre.x() - side / 2, centre.y() - side / 2, side, side)
            gradient = QLinearGradient(circle.topLeft(), circle.bottomRight())
            gradient.setColorAt(0, QColor("#F1F1EE"))
            gradient.setColorAt(1, QColor("#A9ABA8"))
            painter.setBrush(gradient)
            painter.setPen(QPen(QColor("#6E706D"), max(1.0, side * 0.03)))
            painter.drawEllipse(circle)
            painter.drawEllipse(circle.adjusted(side * 0.1, side * 0.1, -side * 0.1, -side * 0.1))
            font = look.font("small", bold=True)
            font.setPixelSize(max(8, int(side * 0.3)))
            painter.setFont(font)
            painter.setPen(QColor("#3B3D3A"))
            painter.drawText(circle, Qt.AlignmentFlag.AlignCenter, label)
    elif obj == "notes":
        note = note_rect(rect)
        for offset in (look.space.sm, 0):
            shown = note.translated(offset, -offset)
            painter.setBrush(QColor("#E6E0C8"))
            painter.setPen(QPen(QColor("#8C876F"), 1.5))
            painter.drawRoundedRect(shown, 3, 3)
        painter.setPen(QPen(QColor("#6E6A55"), 1))
        painter.drawEllipse(QRectF(note.right() - note.height() * 0.8, note.top() + note.height() * 0.15,
                                   note.height() * 0.6, note.height() * 0.7))
        face, font, where = note_face(look, note)
        if face:
            painter.setFont(font)
            painter.setPen(QColor("#4A4632"))
            painter.drawText(where, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, face)
    else:  # paper, receipt: as wide as the space allows (paper coming out of an outlet lies flat)
        receipt = obj == "receipt"
        width = min(rect.width() * 0.92, rect.height() * (0.8 if receipt else 1.5))
        sheet = QRectF(rect.center().x() - width / 2, rect.top() + 2, width, rect.height() - 4)
        painter.setBrush(QColor("#FFFFFF"))
        painter.setPen(QPen(QColor("#9A9A9A"), 1.5))
        painter.drawRect(sheet)
        painter.setPen(QPen(QColor("#B8B8B8"), max(1.0, look.line.thin)))
        for index in range(6 if receipt else 7):
            y = sheet.top() + sheet.height() * (0.16 + index * 0.12)
            right = sheet.right() - sheet.width() * (0.45 if index % 3 == 2 else 0.12)
            painter.drawLine(QPointF(sheet.left() + sheet.width() * 0.12, y), QPointF(right, y))
    painter.restore()


class ThingView(QWidget):
    """One thing, drawn: a card picture for cards, else coins, notes or paper."""

    def __init__(self, obj: str, look: Look, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.obj = obj
        self._look = look
        self.card: CardPicture | None = None
        if obj in device_kinds.CARDS:
            self.card = CardPicture(f"{thing_name(obj, look)}{look.tr('body.specimen')}", obj, look, self)
            self.card.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.card is not None:
            self.card.setGeometry(self.rect())

    def paintEvent(self, event) -> None:
        if self.card is None:
            painter = QPainter(self)
            paint_thing(painter, QRectF(self.rect()), self.obj, self._look)
            painter.end()


THING_ASPECT = 0.63
"""Height / width of a card (ID-1), used for every thing in the hand."""


def thing_width(look: Look) -> int:
    """Things in the hand grow with the text, but not threefold (they must fit beside each other)."""
    return min(look.px(THING_WIDTH), 180)


class HeldThing(QWidget):
    """A thing in the learner's hand; drag it onto a part of the device."""

    pressed = Signal(object, QPointF)
    dragged = Signal(object, QPointF)
    released = Signal(object, QPointF)

    def __init__(self, obj: str, look: Look, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.obj = obj
        self._look = look
        self._down = False
        self.view = ThingView(obj, look, self)
        self.setAccessibleName(thing_name(obj, look))
        self.setToolTip(look.tr("body.drag_thing", thing=thing_name(obj, look)))
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        width = thing_width(self._look)
        return QSize(width, round(width * THING_ASPECT))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.view.setGeometry(self.rect())

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._down = True
            event.accept()
            self.pressed.emit(self, event.globalPosition())
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._down:
            self.dragged.emit(self, event.globalPosition())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._down and event.button() == Qt.MouseButton.LeftButton:
            self._down = False
            self.released.emit(self, event.globalPosition())
            return
        super().mouseReleaseEvent(event)


class HandTray(QWidget):
    """「手元」: what the learner holds, just in front of the machine (below it), or beside a phone.

    Each thing is drawn as large as the tray allows, with its name written under it in the
    device's own text (the name printed on a card is small, as on the real card; the words
    under it are what a learner of 80 reads). Below a machine the things stand in a row after
    the 「手元」 label; beside a phone (``vertical``) one under another, the label on top."""

    def __init__(self, look: Look, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._look = look
        self.things: list[HeldThing] = []
        self.vertical = False
        self._captions: list[QRectF] = []
        self.hide()

    def set_vertical(self, vertical: bool) -> None:
        if vertical != self.vertical:
            self.vertical = vertical
            self._resize_things()
            self.update()

    def label_width(self) -> int:
        return min(self._look.px(LABEL_WIDTH), 120, max(40, self.width() // 5))

    def _pad(self) -> int:
        return max(4, min(self.width(), self.height()) // 14)

    def caption_font(self):
        return fitted_font(self._look, QRectF(0, 0, 10, self._look.size("body")), 1.0, role="body")

    def caption_font_for(self, name: str, where: QRectF) -> QFont:
        """The font a thing's name is written in ``where``: the device's body text, or down to three
        quarters of it (never below the app's least text, 19 px) where that keeps the name on one
        line (「マイナンバーカー / ド」 is read as two words); a name too long even then wraps, never
        leaving one or two characters alone (``text_layout``)."""
        font = self.caption_font()
        natural = font.pixelSize()
        least = max(SIZES["small"], round(natural * 0.75))  # never below the app's least text
        smaller = QFont(font)
        while smaller.pixelSize() > least and text_size(smaller, name)[0] > where.width():
            smaller.setPixelSize(smaller.pixelSize() - 1)
        return smaller if text_size(smaller, name)[0] <= where.width() else font

    def label_rect(self) -> QRectF:
        """Where 「手元」 is written: the tray's left end, or its top beside a phone."""
        rect = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        if self.vertical:
            return QRectF(rect.left(), rect.top(), rect.width(), min(rect.height() * 0.2, self._line() * 1.6))
        return QRectF(rect.left() + 4, rect.top(), self.label_width(), rect.height())

    def _line(self) -> float:
        return QFontMetricsF(self.caption_font()).height()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._resize_things()

    def _caption_height(self, width: float) -> float:
        """The height the longest name needs under a thing ``width`` wide."""
        names = [thing_name(t.obj, self._look) for t in self.things] or [""]
        font = self.caption_font()
        return max(text_size(font, n, max(1.0, width))[1] for n in names) + 2

    def _resize_things(self) -> None:
        """Things as large as the tray allows, each with its name under it."""
        pad = self._pad()
        count = max(1, len(self.things))
        self._captions = []
        if self.vertical:
            top = self.label_rect().bottom() + pad / 2
            width: float = self.width() - 2 * pad
            caption = self._caption_height(width)
            each = (self.height() - top - pad) / count
            height = min(width * THING_ASPECT, each - caption - pad)
            if height < 24:  # no room for the words: the picture alone
                caption, height = 0.0, min(width * THING_ASPECT, each - pad)
            width = min(width, height / THING_ASPECT)
            for index, thing in enumerate(self.things):
                y = top + index * each
                thing.setGeometry(QRectF((self.width() - width) / 2, y, width, height).toRect())
                self._captions.append(QRectF(pad, y + height + 2, self.width() - 2 * pad, caption))
            return
        # below a machine the tray is wide and low: each name stands beside its thing
        left = self.label_width() + pad
        room = self.width() - left - pad
        height = max(1, self.height() - 2 * pad)
        font = self.caption_font()
        names = [text_size(font, thing_name(t.obj, self._look), 10_000)[0] + 4 for t in self.things]
        gaps = pad * (count - 1) + pad / 2 * count
        picture = min(height / THING_ASPECT, (room - pad * (count - 1)) / count)
        if count * picture + sum(names) + gaps > room:
            # the pictures give way first (down to 0.6), so the names keep their words whole
            picture = max(picture * 0.6, (room - sum(names) - gaps) / count)
        spare = max(0.0, room - count * picture - gaps)
        x: float = left
        for thing, natural in zip(self.things, names, strict=False):
            caption = min(natural, spare * natural / max(1.0, sum(names)))
            if caption < 2 * font.pixelSize():
                caption = 0.0
            thing.setGeometry(QRectF(x, pad + (height - picture * THING_ASPECT) / 2, picture,
                                     picture * THING_ASPECT).toRect())
            self._captions.append(QRectF(x + picture + pad / 2, pad, caption, height))
            x += picture + pad / 2 + caption + pad

    def caption_rects(self) -> list[QRectF]:
        """Where each thing's name is written (empty rectangles when there is no room)."""
        return list(self._captions)

    def set_objects(self, objects: tuple[str, ...]) -> list[HeldThing]:
        for thing in self.things:
            thing.hide()
            thing.deleteLater()
        self.things = []
        for obj in objects:
            thing = HeldThing(obj, self._look, self)
            thing.show()
            self.things.append(thing)
        names = "、".join(thing_name(o, self._look) for o in objects)
        self.setAccessibleName(self._look.tr("body.hand_holds", things=names))
        self.setVisible(bool(objects))
        self._resize_things()
        return self.things

    def objects(self) -> tuple[str, ...]:
        return tuple(t.obj for t in self.things)

    def paintEvent(self, event) -> None:
        look = self._look
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        path = QPainterPath()
        path.addRoundedRect(rect, look.space.lg, look.space.lg)
        painter.fillPath(path, look.colour("surface"))
        painter.setPen(QPen(look.colour("border"), max(1, look.line.thin), Qt.PenStyle.DashLine))
        painter.drawPath(path)
        label = self.label_rect()
        painter.setPen(look.colour("surface_text"))
        painter.setFont(fitted_font(look, label, 0.3 if not self.vertical else 0.62))
        painter.drawText(label, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, look.tr("body.hand"))
        for thing, where in zip(self.things, self._captions, strict=False):
            if where.height() > 0:
                name = thing_name(thing.obj, look)
                print_label(painter, where, name, look, look.colour("surface_text"),
                            font=self.caption_font_for(name, where), align=Qt.AlignmentFlag.AlignHCenter if self.vertical
                            else Qt.AlignmentFlag.AlignLeft, middle=not self.vertical)
        painter.end()


class PartWidget(QWidget):
    """One physical part of a device (see the module's description)."""

    acted = Signal(object)

    def __init__(self, part: device_kinds.Part, look: Look, paint: PaintPart,
                 held: Callable[[], tuple[str, ...]], size: QSize | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.part = part
        self.look = look
        self._paint = paint
        self._held = held
        self._size = size or QSize(look.px(PART_SIZE[0]), look.px(PART_SIZE[1]))
        self.holds: str | None = None
        self.thing: ThingView | None = None
        self._pressed_at: float | None = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self._name()

    # -- state ----------------------------------------------------------------------
    def set_holds(self, obj: str | None) -> None:
        self.holds = obj
        if self.thing is not None:
            self.thing.hide()
            self.thing.deleteLater()
            self.thing = None
        if obj:
            self.thing = ThingView(obj, self.look, self)
            self.thing.show()
            self._place_thing()
        self._name()
        self.update()

    def thing_rect(self) -> QRectF:
        """Where a thing the part holds is drawn (bodies override per part through ``thing_at``)."""
        rect = QRectF(self.rect())
        width = min(rect.width() * 0.8, rect.height() * 0.8 / THING_ASPECT)
        return QRectF(rect.center().x() - width / 2, rect.center().y() - width * THING_ASPECT / 2, width,
                      width * THING_ASPECT)

    thing_at: Callable[[PartWidget], QRectF] | None = None

    def _place_thing(self) -> None:
        if self.thing is not None:
            rect = self.thing_at(self) if self.thing_at is not None else self.thing_rect()
            self.thing.setGeometry(rect.toRect())

    def _name(self) -> None:
        look = self.look
        label = self.part.label(look.lang)
        name = look.tr("body.part_holds", part=label, thing=thing_name(self.holds, look)) if self.holds else label
        self.setAccessibleName(name)
        self.setAccessibleDescription(look.tr(f"body.how_{self._way()}"))
        self.setToolTip(name)

    def _way(self) -> str:
        actions = self.part.actions
        if "take" in actions and self.holds:
            return "take"
        if "insert" in actions or "place" in actions:
            return "put"
        if "long-press" in actions:
            return "hold"
        if "look" in actions:
            return "look"
        return "press" if "press" in actions else "take"

    def sizeHint(self) -> QSize:
        return self._size

    def minimumSizeHint(self) -> QSize:
        return QSize(min(self._size.width(), self.look.target), min(self._size.height(), self.look.target))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place_thing()

    # -- doing ----------------------------------------------------------------------
    def activate(self) -> None:
        """What a click or Enter does: take, put in what the hand holds, press, look."""
        actions = self.part.actions
        if "take" in actions and self.holds:
            self.acted.emit(Action(ActionKind.TAKE, self.part.name))
            return
        put = "insert" if "insert" in actions else "place" if "place" in actions else None
        if put is not None:
            held = self._held()
            fitting = [o for o in held if o in self.part.accepts] or list(held)
            if fitting:
                self.receive(fitting[0])
                return
            if "take" in actions:
                self.acted.emit(Action(ActionKind.TAKE, self.part.name))
            return
        for kind in (ActionKind.PRESS, ActionKind.LOOK, ActionKind.TAKE):
            if kind.value in actions:
                self.acted.emit(Action(kind, self.part.name))
                return

    def receive(self, obj: str) -> None:
        """A thing from the hand was brought to this part (drag or Enter)."""
        kind = ActionKind.INSERT if "insert" in self.part.actions else ActionKind.PLACE
        self.acted.emit(Action(kind, self.part.name, obj))

    def takes_things(self) -> bool:
        return "insert" in self.part.actions or "place" in self.part.actions

    def long_press(self) -> None:
        if "long-press" in self.part.actions:
            self.acted.emit(Action(ActionKind.LONG_PRESS, self.part.name))
        else:
            self.activate()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and not event.isAutoRepeat():
            event.accept()
            self.activate()
            return
        if key == Qt.Key.Key_Menu or (key == Qt.Key.Key_F10 and event.modifiers() & Qt.KeyboardModifier.ShiftModifier):
            event.accept()
            self.long_press()
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._pressed_at = monotonic_ms()
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            self.update()
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self._pressed_at is None:
            super().mouseReleaseEvent(event)
            return
        held = monotonic_ms() - self._pressed_at
        self._pressed_at = None
        self.update()
        event.accept()
        if not self.rect().contains(event.position().toPoint()):
            return
        if held >= LONG_PRESS_MS and "long-press" in self.part.actions:
            self.long_press()
        else:
            self.activate()

    @property
    def down(self) -> bool:
        return self._pressed_at is not None

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._paint(painter, QRectF(self.rect()), self)
        if self.hasFocus():
            paint_focus_ring(painter, QRectF(self.rect()), self.look, self.look.space.sm)
        painter.end()

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.update()


class BodyFrame(DeviceFrame):
    """A device with a body: parts around its screen and the learner's hand.

    Geometry (see ``DeviceFrame``): the *body* is the real device's face in
    its real proportions (``aspect``: a multi-copier's touch panel in its
    casing, a monitor, a phone) and holds the screen; the physical parts that
    stand outside that face on the real machine — the kiosk's card tray and
    coin slots to the right of the panel and its paper outlet below, the
    reader's camera above and card tray below, the computer's keyboard in
    front of the monitor — lie in the frame's ``body_extras``, declared by
    ``extras`` (fractions of the body's height; :meth:`parts_extras` when it
    changes with the step) and placed by :meth:`place_parts` inside
    :meth:`extra_rect`. The hand lies below all of it (``hand_share`` of the
    body's height) on the steps where the learner holds something.

    Subclasses build the body's layout in ``__init__`` (the screen; parts
    inside the body's outline, such as the phone's ◁ ○, may go in it too),
    add parts with :meth:`add_part`, place the others in :meth:`place_parts`
    and draw the casing in ``paint_body``; :meth:`apply_body` updates what is
    not a part (a phone turned over, a full-screen page)."""

    extras = QMarginsF()
    """Room for the parts outside the body's outline (left, top, right, bottom), as fractions of
    the body's height; none by default."""
    hand_share = 0.2
    """The hand's least height below the machine as a share of the body's height, when it holds
    something; it grows into the room's spare height up to ``hand_most``."""
    hand_most = 0.45
    """The most the hand below takes (a share of the body's height): a card about 0.4 of the
    body tall, its name legible at every text size."""
    hand_beside: tuple[float, float] | None = None
    """A portrait device (the phone) may have the hand beside it, to its right, when the room is
    wide: the least and the most width of the hand, as shares of the body's height. The
    arrangement that draws the body larger wins; beside, when they are equal."""

    def __init__(self, look: Look, parent: QWidget | None = None) -> None:
        super().__init__(look, parent)
        self.body: Mapping[str, Any] = {}
        self.kind = device_kinds.KINDS[self.name]
        self.parts: dict[str, PartWidget] = {}
        self.hand = HandTray(look, self)
        self._ghost: ThingView | None = None
        self._grab: QPoint = QPoint()
        self._moved = False
        self._start = QPointF()

    def add_part(self, name: str, paint: PaintPart, size: QSize | None = None) -> PartWidget:
        widget = PartWidget(self.kind.parts[name], self.look, paint, self.hand.objects, size, self)
        widget.acted.connect(self.acted)
        self.parts[name] = widget
        return widget

    # -- geometry -------------------------------------------------------------------------
    def parts_extras(self) -> QMarginsF:
        """The room the parts outside the body need on this step (``extras`` unless a
        subclass varies it, e.g. the reader's camera view shown only while it looks)."""
        return QMarginsF(self.extras)

    def holding(self) -> bool:
        return bool(getattr(self, "body", {}).get("hand"))

    def hand_plan(self, room: QSizeF) -> tuple[str, float, float]:
        """Where the hand goes in a frame of ``room``: ``("below" | "right" | "none", unit, share)``
        — the body's height (``unit``) and the hand's height below, or width beside, as a share
        of it. Pure: the same room gives the same plan, and the frame it gives plans the same."""
        parts = self.parts_extras()
        across = self.aspect + parts.left() + parts.right()
        tall = 1 + parts.top() + parts.bottom()
        width, height = max(1.0, room.width()), max(1.0, room.height())
        if not self.holding():
            return "none", min(height / tall, width / across), 0.0
        unit = min(height / (tall + self.hand_share), width / across)
        below = ("below", unit, max(self.hand_share, min(self.hand_most, height / unit - tall)))
        if self.hand_beside is not None:
            least, most = self.hand_beside
            side = min(height / tall, width / (across + least))
            if side >= unit:
                return "right", side, max(least, min(most, width / side - across))
        return below

    def body_extras(self) -> QMarginsF:
        extras = self.parts_extras()
        side, _, share = self.hand_plan(QSizeF(self.size()))
        if side == "below":
            extras.setBottom(extras.bottom() + share)
        elif side == "right":
            extras.setRight(extras.right() + share)
        return extras

    def frame_aspect(self) -> float:
        """The frame's proportions with the hand at its least (what the player's layout plans
        with; the hand takes more of a room that has more to spare, see :meth:`frame_size`)."""
        extras = self.parts_extras()
        across = self.aspect + extras.left() + extras.right()
        tall = 1 + extras.top() + extras.bottom()
        if not self.holding():
            return across / tall
        if self.hand_beside is not None:
            return (across + self.hand_beside[0]) / tall
        return across / (tall + self.hand_share)

    def frame_size(self, room: QSize) -> QSize:
        """The largest frame in ``room`` for the body in its real proportions, the parts around
        it, and the hand (see :meth:`hand_plan`)."""
        if room.width() <= 0 or room.height() <= 0:
            return QSize(0, 0)
        side, unit, share = self.hand_plan(QSizeF(room))
        extras = self.parts_extras()
        across = self.aspect + extras.left() + extras.right()
        tall = 1 + extras.top() + extras.bottom()
        width = unit * (across + (share if side == "right" else 0))
        height = unit * (tall + (share if side == "below" else 0))
        return QSize(min(room.width(), round(width)), min(room.height(), round(height)))

    def machine_rect(self) -> QRectF:
        """The body with the parts around it (the whole machine as drawn), without the hand."""
        extras = self.parts_extras()
        body = self.body_rect()
        unit = body.height()
        return body.adjusted(-extras.left() * unit, -extras.top() * unit, extras.right() * unit,
                             extras.bottom() * unit)

    def extra_rect(self, side: str) -> QRectF:
        """The room beside the body on ``side`` (``left``, ``top``, ``right``, ``bottom``): beside
        the body's height for left and right, across the whole machine for top and bottom."""
        body, machine = self.body_rect(), self.machine_rect()
        if side == "left":
            return QRectF(machine.left(), body.top(), body.left() - machine.left(), body.height())
        if side == "right":
            return QRectF(body.right(), body.top(), machine.right() - body.right(), body.height())
        if side == "top":
            return QRectF(machine.left(), machine.top(), machine.width(), body.top() - machine.top())
        return QRectF(machine.left(), body.bottom(), machine.width(), machine.bottom() - body.bottom())

    @classmethod
    def content_scale(cls, frame: QSize, chosen: float, keys: bool = False) -> float:
        """As ``DeviceFrame.content_scale``, for the body alone (the parts beside it take their
        share of the frame's width; the hand, below, none of it)."""
        extras = cls.extras
        # the body's height: the frame's width bounds it, or its height when the hand is beside
        unit = min(frame.width() / (cls.aspect + extras.left() + extras.right()),
                   frame.height() / (1 + extras.top() + extras.bottom()))
        # the base's function, for this class (a classmethod's __func__, which the stubs do not know)
        return DeviceFrame.content_scale.__func__(  # type: ignore[attr-defined]
            cls, QSize(round(unit * cls.aspect), round(unit)), chosen, keys)

    def place_parts(self) -> None:
        """Subclasses: put the parts that lie outside the body into their ``extra_rect``."""

    def _place(self) -> None:
        self._make_room_for_extras()
        self.place_parts()
        machine = self.machine_rect()
        gap = max(4, round(self.body_rect().height() * 0.02))
        beside = self.hand_plan(QSizeF(self.size()))[0] == "right"
        self.hand.set_vertical(beside)
        if beside:
            left = round(machine.right()) + gap
            self.hand.setGeometry(QRect(left, round(machine.top()), max(1, self.width() - left),
                                        round(machine.height())))
            return
        top = round(machine.bottom()) + gap
        self.hand.setGeometry(QRect(round(machine.left()), top, round(machine.width()), max(1, self.height() - top)))

    # -- the hooks the player calls ----------------------------------------------------
    def set_body(self, body: Mapping[str, Any]) -> None:
        self.body = body
        for name, widget in self.parts.items():
            spec = self.kind.state.get(name)
            holds = body.get(name) if spec is not None and spec.type == "object" else None
            widget.set_holds(holds if isinstance(holds, str) else None)
        for thing in self.hand.set_objects(tuple(body.get("hand", ()))):
            thing.pressed.connect(self._drag_start)
            thing.dragged.connect(self._drag_move)
            thing.released.connect(self._drag_end)
        self.apply_body(body)
        self._place()
        self.update()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place()

    def apply_body(self, body: Mapping[str, Any]) -> None:
        """Subclasses: show what is not a part (side, full screen, camera)."""

    def part_widget(self, name: str) -> QWidget | None:
        widget = self.parts.get(name)
        return widget if widget is not None and widget.isVisible() else None

    def held_thing(self, obj: str | None = None) -> HeldThing | None:
        return next((t for t in self.hand.things if obj is None or t.obj == obj), None)

    # -- dragging a thing from the hand -----------------------------------------------
    def _drag_start(self, thing: HeldThing, where: QPointF) -> None:
        self._ghost = ThingView(thing.obj, self.look, self)
        self._ghost.resize(thing.size())
        self._grab = thing.mapFromGlobal(where.toPoint())
        self._start = where
        self._moved = False
        self._ghost.move(self.mapFromGlobal(where.toPoint()) - self._grab)
        self._ghost.show()
        self._ghost.raise_()

    def _drag_move(self, thing: HeldThing, where: QPointF) -> None:
        if self._ghost is None:
            return
        if abs(where.x() - self._start.x()) + abs(where.y() - self._start.y()) > 6:
            self._moved = True
        self._ghost.move(self.mapFromGlobal(where.toPoint()) - self._grab)

    def _drag_end(self, thing: HeldThing, where: QPointF) -> None:
        ghost, self._ghost = self._ghost, None
        if ghost is not None:
            ghost.hide()
            ghost.deleteLater()
        if not self._moved:
            return
        target = self.part_at(where)
        if target is not None and target.takes_things():
            target.receive(thing.obj)

    def part_at(self, where: QPointF) -> PartWidget | None:
        for widget in self.parts.values():
            if widget.isVisible() and widget.rect().contains(widget.mapFromGlobal(where.toPoint())):
                return widget
        return None

    # -- painting -----------------------------------------------------------------------
    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.paint_body(painter, self.machine_rect().adjusted(1, 1, -1, -1))
        painter.end()

    def paint_body(self, painter: QPainter, rect: QRectF) -> None:
        """Draw the casing in ``rect`` (the body and the parts around it, without the hand)."""


# -- how parts look ---------------------------------------------------------------------
CASING = "#D9DCDF"
CASING_DARK = "#5B6168"
SLOT = "#1E2124"


def paint_plate(painter: QPainter, rect: QRectF, part: PartWidget, radius: float = 8,
                colours: tuple[str, str, str] = ("#C4C8CC", "#AEB3B8", CASING_DARK)) -> QRectF:
    """The plate a part is set in — grey metal for a slot or an outlet, dark for a card tray —
    (``colours``: the plate, the plate while pressed, its edge); its rectangle."""
    look = part.look
    plate = rect.adjusted(2, 2, -2, -2)
    path = QPainterPath()
    path.addRoundedRect(plate, look.px(radius), look.px(radius))
    painter.fillPath(path, QColor(colours[0] if not part.down else colours[1]))
    painter.setPen(QPen(QColor(colours[2]), max(1.0, look.line.thin)))
    painter.drawPath(path)
    return plate


def label_under(painter: QPainter, plate: QRectF, top: float, text: str, look: Look, share: float) -> None:
    """The part's name printed on its plate from ``top`` down to the plate's lower edge."""
    label = QRectF(plate.left() + 4, top, plate.width() - 8, plate.bottom() - top - look.space.xxs)
    print_label(painter, label, text, look, "#1E2124", share)


def slot_painter(label_key: str, slit: float = 0.5, led: bool = False) -> PaintPart:
    """A slot in the casing (coins, notes, cards): a dark slit, a printed label under it."""

    def paint(painter: QPainter, rect: QRectF, part: PartWidget) -> None:
        look = part.look
        plate = paint_plate(painter, rect, part)
        height = max(look.px(SLOT_MOUTH), plate.height() * 0.1)
        mouth = slot_mouth(part, slit)
        painter.setBrush(QColor(SLOT))
        painter.setPen(QPen(QColor("#000000"), 1))
        painter.drawRoundedRect(mouth, height / 2, height / 2)
        if led:
            painter.setBrush(QColor("#2FB34A"))
            painter.setPen(Qt.PenStyle.NoPen)
            r = height * 0.45
            painter.drawEllipse(QPointF(mouth.right() + r * 3, mouth.center().y()), r, r)
        label_under(painter, plate, mouth.bottom() + look.space.xs, look.tr(label_key), look, 0.62)

    return paint


def slot_mouth(part: PartWidget, slit: float = 0.6) -> QRectF:
    plate = QRectF(part.rect()).adjusted(2, 2, -2, -2)
    height = max(part.look.px(SLOT_MOUTH), plate.height() * 0.1)
    return QRectF(plate.center().x() - plate.width() * slit / 2, plate.top() + plate.height() * 0.46,
                  plate.width() * slit, height)


def slot_thing(part: PartWidget) -> QRectF:
    """A card or a receipt sticking out of a slot, above its mouth (the label stays readable)."""
    mouth = slot_mouth(part, 0.7)
    top = QRectF(part.rect()).top() + 4
    return QRectF(mouth.left() + 2, top, mouth.width() - 4, mouth.center().y() - top)


def outlet_painter(label_key: str) -> PaintPart:
    """An outlet (paper, change, receipt): a dark opening; what waits there sticks out."""

    def paint(painter: QPainter, rect: QRectF, part: PartWidget) -> None:
        look = part.look
        plate = paint_plate(painter, rect, part)
        mouth = plate.adjusted(plate.width() * 0.06, plate.height() * 0.12, -plate.width() * 0.06,
                               -plate.height() * 0.45)
        gradient = QLinearGradient(mouth.topLeft(), mouth.bottomLeft())
        gradient.setColorAt(0, QColor("#050607"))
        gradient.setColorAt(1, QColor("#3A3F44"))
        painter.setBrush(gradient)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawRoundedRect(mouth, look.space.sm, look.space.sm)
        label_under(painter, plate, mouth.bottom() + look.px(OUTLET_LABEL_DROP), look.tr(label_key), look, 0.5)

    return paint


def outlet_thing(part: PartWidget) -> QRectF:
    """A thing waiting in an outlet sticks out of its mouth."""
    rect = QRectF(part.rect()).adjusted(2, 2, -2, -2)
    height = rect.height() * 0.5
    width = min(rect.width() * 0.7, height / THING_ASPECT)
    return QRectF(rect.center().x() - width / 2, rect.top() + rect.height() * 0.06, width, height)


def tray_painter(label_key: str) -> PaintPart:
    """A card tray: a recess with 「ここにカードを置いてください」 printed in it.
    A card lying there covers the recess, so the words are not drawn under it."""

    def paint(painter: QPainter, rect: QRectF, part: PartWidget) -> None:
        look = part.look
        paint_plate(painter, rect, part, 12, ("#33383D", "#454B51", "#111315"))
        recess = tray_recess(part)
        painter.setBrush(QColor("#23272B"))
        painter.setPen(QPen(QColor("#8E969E"), max(1.5, look.line.mid), Qt.PenStyle.DashLine))
        painter.drawRoundedRect(recess, look.space.md, look.space.md)
        if not part.holds:
            print_label(painter, recess.adjusted(6, recess.height() * 0.2, -6, -4), look.tr(label_key), look,
                        "#FFFFFF", 0.3)

    return paint


def tray_recess(part: PartWidget) -> QRectF:
    rect = QRectF(part.rect()).adjusted(2, 2, -2, -2)
    width = min(rect.width() * 0.86, rect.height() * 0.84 / THING_ASPECT)
    height = width * THING_ASPECT
    return QRectF(rect.center().x() - width / 2, rect.center().y() - height / 2, width, height)


def tray_thing(part: PartWidget) -> QRectF:
    return tray_recess(part).adjusted(3, 3, -3, -3)
