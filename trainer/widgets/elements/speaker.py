"""A smart speaker: its light ring, what it heard, what it answered, and
the learner's way to speak to it — type a phrase, or press one of the
suggested phrases. Either sends ``say``; pressing the speaker's own button
sends ``tap``.

The ring's colours mean what they mean on real speakers (blue: listening,
spinning: thinking, red: microphone off, yellow: a notification waits,
green: a call or a drop-in), and
the meaning is also written under it — colour is never the only cue. The
spinning is an animation of the device, not a timer on the learner.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QConicalGradient, QPainter, QPen, QRadialGradient
from PySide6.QtWidgets import QBoxLayout, QLineEdit, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from trainer.scenarios.actions import ActionKind
from trainer.scenarios.model import Element
from trainer.widgets.base import ElementContext, ElementWidget
from trainer.widgets.button import BigButton
from trainer.widgets.flow import FlowLayout
from trainer.widgets.labels import Box, TextBlock
from trainer.widgets.look import Look
from trainer.widgets.registry import element_widget

QWIDGETSIZE_MAX = (1 << 24) - 1
"""Qt's largest widget size (``QWIDGETSIZE_MAX``; PySide6 does not export it)."""
SPEAKER_SIDE = 170
"""Side of the drawn smart speaker at 100 %, in pixels."""
SMALLEST_SIDE = 96
"""The least the drawn speaker shrinks to on a short screen, at 100 %, in pixels: the ring stays a ring."""
TALK_WIDTH = 220
"""Narrowest the column of words and suggestions beside the ring is at 100 %, in pixels: below it
(plus the ring's own column) the parts are stacked, the ring above."""
TALK_CHARS = 10
"""Characters of the talk's large text a line beside the ring, where the screen holds them with the
speaker's least column: the speaker's column (ring, its words, its button) gives way to it, down to
the ring's ``SMALLEST_SIDE`` and the widest phrase of its words (7.8 a line before, at 1280×720 /
150–300 %: 「今日の / 都城市は / 晴れ、」)."""
ENTRY_WIDTH = 220
"""Narrowest the typed-words entry is at 100 %, in pixels (never above 480 px)."""

LIGHT_ROLES = {"listening": "light_listening", "speaking": "light_listening", "thinking": "light_thinking",
               "muted": "light_muted", "notification": "light_notification", "off": "light_off",
               "call": "light_call", "alarm": "light_thinking"}
"""Theme colour of each light. A ringing alarm or timer is its sound more than a colour: the ring
pulses in the light blue of the thinking light, and the words under it say what rings."""


class LightRing(QWidget):
    """The speaker seen from above, with its ring of light."""

    def __init__(self, light: str, look: Look, parent: QWidget | None = None, *,
                 name: str | None = None) -> None:
        super().__init__(parent)
        self.light = light if light in LIGHT_ROLES else "off"
        self._look = look
        self._angle = 0.0
        self._timer: QTimer | None = None
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.set_side(look.px(SPEAKER_SIDE))
        self.setAccessibleName(name or look.tr(f"speaker.light.{self.light}"))
        if self.light in ("thinking", "call"):
            self._timer = QTimer(self)  # animation of the device only; nothing waits on it
            self._timer.setInterval(60)
            self._timer.timeout.connect(self._spin)

    def set_side(self, side: int) -> None:
        """Draw the speaker ``side`` pixels across (it is round: as high as wide)."""
        self.setFixedSize(side, side)

    def sizeHint(self) -> QSize:
        return self.size()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._timer is not None:
            self._timer.start()

    def hideEvent(self, event) -> None:
        if self._timer is not None:
            self._timer.stop()
        super().hideEvent(event)

    def _spin(self) -> None:
        self._angle = (self._angle + 12) % 360
        self.update()

    def paintEvent(self, event) -> None:
        look = self._look
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(4, 4, -4, -4)
        body = QRadialGradient(rect.center(), rect.width() / 2)
        body.setColorAt(0, QColor("#4A4E55"))
        body.setColorAt(1, QColor(look.hex("bezel")))
        painter.setBrush(body)
        painter.setPen(QPen(QColor("#111111"), 2))
        painter.drawEllipse(rect)
        ring = rect.adjusted(rect.width() * 0.08, rect.height() * 0.08, -rect.width() * 0.08,
                             -rect.height() * 0.08)
        colour = look.colour(LIGHT_ROLES[self.light])
        width = max(6.0, rect.width() * 0.09)
        if self.light in ("thinking", "call"):
            gradient = QConicalGradient(ring.center(), -self._angle)
            gradient.setColorAt(0.0, colour)
            other = QColor(look.hex("light_listening")) if self.light == "thinking" else colour.darker(160)
            gradient.setColorAt(0.5, other)
            gradient.setColorAt(1.0, colour)
            pen = QPen(gradient, width)
        elif self.light == "off":
            pen = QPen(QColor("#5A5A5A"), width)
        else:
            pen = QPen(colour, width)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(ring)
        # the microphone holes and the action button in the middle
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#2B2E33"))
        centre = rect.center()
        for index in range(12):
            angle = index * math.pi / 6
            r = rect.width() * 0.24
            painter.drawEllipse(centre + _point(angle, r), rect.width() * 0.018, rect.width() * 0.018)
        painter.setBrush(QColor("#6B7078"))
        painter.drawEllipse(centre, rect.width() * 0.1, rect.width() * 0.1)
        if self.light == "muted":
            painter.setPen(QPen(look.colour("light_muted"), max(3.0, rect.width() * 0.025)))
            painter.drawLine(centre + _point(-math.pi / 4, rect.width() * 0.08),
                             centre + _point(3 * math.pi / 4, rect.width() * 0.08))
        painter.end()


def screen_room(widget: QWidget) -> int | None:
    """The height the device's screen (the scroll area ``widget`` is shown in) has for ``widget``:
    the screen's window less what the screen's other elements (a question under it) take; None
    outside a scroll area."""
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    if parent is None:
        return None
    room = parent.viewport().height()
    view = parent.widget()
    layout = view.layout() if view is not None else None
    if layout is not None and view is not None and view.isAncestorOf(widget):
        whole = (layout.totalHeightForWidth(view.width()) if layout.hasHeightForWidth()
                 else layout.totalSizeHint().height())
        room -= max(0, whole - widget.height())
    return room


def _bar_width(widget: QWidget) -> int:
    """The width the vertical scroll bar of the screen ``widget`` is on would take, were it shown
    and is not now (0 when it is shown, or outside a scroll area)."""
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    if parent is None or parent.verticalScrollBar().isVisible():
        return 0
    return parent.verticalScrollBar().sizeHint().width()


def _point(angle: float, radius: float):
    from PySide6.QtCore import QPointF

    return QPointF(math.cos(angle) * radius, math.sin(angle) * radius)


@element_widget("speaker")
class SpeakerElement(ElementWidget):
    """The speaker with its light, what it heard and answers, and ways to speak."""

    def __init__(self, element: Element, ctx: ElementContext, parent: QWidget | None = None) -> None:
        super().__init__(element, ctx, parent)
        look = self.look
        # two parts: the speaker itself (ring, what the light means, its button) and the talk (what it
        # heard and answered, the ways to speak); side by side where the screen is wide enough, so the
        # ring the step talks about stays in view on a short screen, else stacked with the ring on top
        self._layout = QBoxLayout(QBoxLayout.Direction.TopToBottom, self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(look.space.lg)
        self.body = QWidget()
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(look.space.lg)
        light = element.props.get("light", "off")
        # Colour is never the only cue; but where the step asks what the colour means, the words say
        # only the colour (``meaning: false``), or they would give the answer away.
        light = light if light in LIGHT_ROLES else "off"
        if element.props.get("meaning", True) is False:
            words = look.tr(f"speaker.colour.{light}")
        else:
            words = look.tr(f"speaker.light.{light}")
        self.ring = LightRing(light, look, name=words)
        layout.addWidget(self.ring, 0, Qt.AlignmentFlag.AlignHCenter)
        self.light_text = TextBlock(words, look, colour="screen_text",
                                    bold=True, align=Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.light_text)
        self.button = BigButton(look.tr("speaker.button"), look, style="secondary")
        self.button.clicked.connect(lambda: self.emit_action(ActionKind.TAP, element.id))
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        self.talk = QWidget()
        layout = self._talk_layout = QVBoxLayout(self.talk)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(look.space.lg)
        # level with the talk's top: what it heard and answered, then the phrases to press, so a screen
        # that shows the phrase a step asks for shows the ring beside it (it stood level with the talk's
        # end, under the screen's edge where what it answered was read: 68 % in view)
        suggestions = element.props.get("suggestions") or ()
        self._layout.addWidget(self.body, 0, Qt.AlignmentFlag.AlignTop)
        self._layout.addWidget(self.talk, 1)
        for key, title, icon in (("heard", "speaker.heard", "ear"), ("answer", "speaker.answer", "speaker")):
            if element.text(key) is not None:
                box = Box(look, fill="bubble_in", border=None)
                box.box_layout.addWidget(TextBlock(look.tr(title), look, role="small", colour="bubble_in_text",
                                                   icon=icon))
                box.box_layout.addWidget(TextBlock(ctx.text(element.text(key)), look, role="large",
                                                   colour="bubble_in_text", bold=key == "heard"))
                layout.addWidget(box)
        # speaking: press a suggestion (first: the easy way, and the one a step asks for) ...
        self.suggestions: list[BigButton] = []
        if suggestions:
            layout.addWidget(TextBlock(look.tr("speaker.suggestions"), look, role="small", colour="screen_muted"))
            flow = FlowLayout(spacing=look.space.md)
            for phrase in suggestions:
                text = ctx.text(phrase)
                button = BigButton(f"「{text}」", look, style="secondary", icon="mic")
                button.clicked.connect(lambda _=False, t=text: self.say(t))
                flow.addWidget(button)
                self.suggestions.append(button)
            holder = QWidget()
            holder.setLayout(flow)
            layout.addWidget(holder)
        # or type what to say
        speak_holder = QWidget()
        speak = FlowLayout(speak_holder, spacing=look.space.md)
        self.entry = QLineEdit()
        self.entry.setFont(look.font("large"))
        self.entry.setMinimumHeight(look.target)
        self.entry.setPlaceholderText(look.tr("speaker.input"))
        self.entry.setAccessibleName(look.tr("speaker.input"))
        self.entry.returnPressed.connect(self._say_typed)
        self.say_button = BigButton(look.tr("speaker.say"), look, style="primary", icon="mic")
        self.say_button.clicked.connect(self._say_typed)
        self.entry.setMinimumWidth(min(look.px(ENTRY_WIDTH), 480))
        speak.addWidget(self.entry)
        speak.addWidget(self.say_button)
        speak.set_greedy(self.entry)
        layout.addWidget(speak_holder)
        layout.addStretch(1)

    @property
    def side_by_side(self) -> bool:
        """Whether the talk is beside the speaker (a wide screen) rather than under it."""
        return self._layout.direction() == QBoxLayout.Direction.LeftToRight

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._arrange(event.size().width())

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._arrange(self.width())  # a screen built ahead was laid out before it was on the device

    def _arrange(self, width: int) -> None:
        """Put the talk beside the speaker when the width holds both, and draw the ring as big
        as the screen's height lets it be whole with its words and button (never above its
        size at 100 % of the device's text, never under ``SMALLEST_SIDE``). Beside the talk the
        speaker's column is as wide as the ring or its button, but gives way to the talk's
        ``TALK_CHARS`` a line down to its least (the smallest ring, the widest phrase of its words)."""
        look = self.look
        spacing = self._layout.spacing()
        talk_least = max(look.px(TALK_WIDTH), TALK_CHARS * look.size("large"))
        natural = max(look.px(SPEAKER_SIDE), self.button.sizeHint().width())
        least = max(look.px(SMALLEST_SIDE), self._words_least())
        # reckoned as if the screen's scroll bar were shown, so that the bar coming and going does not
        # move the columns (a narrower speaker column, taller words, the bar again: for ever); the talk
        # takes the bar's width when it is hidden
        body_width = max(least, min(natural, width - _bar_width(self) - spacing - talk_least))
        wide = width - spacing - body_width >= look.px(TALK_WIDTH)
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self._layout.direction() != direction:
            self._layout.setDirection(direction)
        if wide:
            self.body.setFixedWidth(body_width)
        else:
            self.body.setMinimumWidth(0)
            self.body.setMaximumWidth(QWIDGETSIZE_MAX)
        side = look.px(SPEAKER_SIDE)
        column = body_width if wide else width
        side = min(side, column)
        screen = screen_room(self)
        if screen is not None and screen > 0:
            below = (self.light_text.heightForWidth(column) + self.button.heightForWidth(min(
                column, self.button.sizeHint().width())) + 2 * spacing)
            if not wide:  # stacked: the talk under the speaker wants its room too
                below += spacing + self._talk_layout.totalHeightForWidth(width)
            side = max(look.px(SMALLEST_SIDE), min(side, screen - below))
        if self.ring.width() != side:
            self.ring.set_side(side)

    def _words_least(self) -> int:
        """The narrowest the speaker's column may be without breaking a word of what is written
        under the ring or on its button."""
        found = self.__dict__.get("_least")
        if found is None:
            from trainer.widgets.elements.tiles import widest_phrase  # tiles imports this module

            words = widest_phrase(self.light_text.font_(), self.light_text.text()) + 1
            button = widest_phrase(self.button._font(), self.button.text()) + self.button._chrome_width() + 1
            found = self.__dict__["_least"] = max(words, button)
        return found

    def say(self, phrase: str) -> None:
        """The learner "says" ``phrase`` to the speaker."""
        self.emit_action(ActionKind.SAY, self.element.id, phrase)

    def _say_typed(self) -> None:
        phrase = self.entry.text().strip()
        if phrase:
            self.say(phrase)

    def target_widget(self, target: str):
        return self.button if target == self.element.id else None
