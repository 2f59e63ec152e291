"""The learner's own devices with their bodies: the smartphone (back and home
buttons below the screen; turned over, its back where a card is read by
NFC) and the computer (the browser window with the system's ×, a keyboard
with Esc; a full-screen page covers the browser's own controls).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QLinearGradient, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from trainer.scenarios.model import Screen
from trainer.widgets.bodies.machines import FaceCamera
from trainer.widgets.bodies.parts import THING_ASPECT, BodyFrame, PartWidget, fitted_font, print_label
from trainer.widgets.devices import AddressBar, Bar, PhoneFrame, _Painted
from trainer.widgets.look import Look
from trainer.widgets.screen_view import ScreenView
from trainer.widgets.text_layout import draw_text

NAV_ICON = 22
"""The ◁ and ○ drawn on a phone's navigation bar, how big at most, at 100 %."""
RECENTS_ICON = 19
"""The □ (recent apps) on a phone's navigation bar, how big at most, at 100 %."""
NAV_PEN = 2.2
"""The pen of the navigation bar's ◁ ○ □, at 100 %."""
NAV_BUTTON_WIDTH = 90
"""A navigation bar button (◁, ○), how wide at 100 %."""
PHONE_RADIUS = 38
"""The corner radius of the phone's body, at 100 %."""
PHONE_BACK_RADIUS = 30
"""The corner radius of the phone's back, at 100 %."""
PHONE_BACK = (300, 560)
"""The phone's back (where a card is read), width and height at 100 %."""
PHONE_CAMERA = (300, 240)
"""The phone's camera view (taking a photo of one's face), width and height at 100 %."""
EARPIECE = (60, 6)
"""The earpiece slit on top of the phone's front, width and height at 100 %."""
NFC_PEN = 2.5
"""The pen of the waves marking the phone's NFC spot, at 100 %."""
NFC_LABEL_HEIGHT = 60
"""The room for the NFC spot's printed name under it, at 100 %."""
WINDOW_BUTTONS_WIDTH = 104
"""The browser window's minimise and maximise buttons together, how wide at 100 %."""
CLOSE_BUTTON_WIDTH = 56
"""The browser window's × button, how wide at 100 %."""
TOOLBAR_HEIGHT = 40
"""The browser's toolbar (back, forward, reload), how high at 100 %."""
MONITOR_LABEL_HEIGHT = 40
"""The height the font of the computer's printed label is fitted to, at 100 %."""


def _nav_painter(shape: str):
    def paint(painter: QPainter, rect: QRectF, part: PartWidget) -> None:
        look = part.look
        painter.fillRect(rect, QColor("#000000"))
        if part.down:
            painter.setBrush(QColor(255, 255, 255, 60))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawEllipse(rect.center(), rect.height() * 0.45, rect.height() * 0.45)
        side = min(rect.height() * 0.42, look.px(NAV_ICON))
        centre = rect.center()
        painter.setPen(QPen(QColor("#FFFFFF"), max(2.0, look.px(NAV_PEN))))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if shape == "back":
            path = QPainterPath()
            path.moveTo(centre.x() + side * 0.45, centre.y() - side * 0.5)
            path.lineTo(centre.x() - side * 0.5, centre.y())
            path.lineTo(centre.x() + side * 0.45, centre.y() + side * 0.5)
            path.closeSubpath()
            painter.drawPath(path)
        else:
            painter.drawEllipse(centre, side * 0.5, side * 0.5)

    return paint


class _NavBar(QWidget):
    """The black strip under a phone's screen: ◁ back, ○ home, □ recent apps."""

    def __init__(self, look: Look, back: PartWidget, home: PartWidget) -> None:
        super().__init__()
        self._look = look
        self.setAutoFillBackground(False)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(back, 1)
        row.addWidget(home, 1)
        self.recents = _Painted(self._paint_recents, look.target)
        self.recents.setAccessibleName("")
        row.addWidget(self.recents, 1)
        self.setFixedHeight(look.target)

    def _paint_recents(self, painter: QPainter, rect: QRectF) -> None:
        painter.fillRect(rect, QColor("#000000"))
        side = min(rect.height() * 0.36, self._look.px(RECENTS_ICON))
        painter.setPen(QPen(QColor("#9A9A9A"), max(2.0, self._look.px(NAV_PEN))))
        painter.drawRoundedRect(QRectF(rect.center().x() - side / 2, rect.center().y() - side / 2, side, side), 2, 2)


def _paint_phone_back(painter: QPainter, rect: QRectF, part: PartWidget) -> None:
    look = part.look
    gradient = QLinearGradient(rect.topLeft(), rect.bottomRight())
    gradient.setColorAt(0, QColor("#4A5058"))
    gradient.setColorAt(1, QColor("#2B2F34"))
    path = QPainterPath()
    path.addRoundedRect(rect.adjusted(2, 2, -2, -2), look.px(PHONE_BACK_RADIUS), look.px(PHONE_BACK_RADIUS))
    painter.fillPath(path, gradient)
    # the camera bump, top left
    bump = QRectF(rect.left() + rect.width() * 0.08, rect.top() + rect.width() * 0.08, rect.width() * 0.3,
                  rect.width() * 0.3)
    painter.setBrush(QColor("#23262A"))
    painter.setPen(QPen(QColor("#60666E"), 1.5))
    painter.drawRoundedRect(bump, look.space.wide, look.space.wide)
    for dx, dy in ((0.3, 0.3), (0.7, 0.3), (0.3, 0.72)):
        centre = QPointF(bump.left() + bump.width() * dx, bump.top() + bump.height() * dy)
        painter.setBrush(QColor("#0A0B0C"))
        painter.drawEllipse(centre, bump.width() * 0.15, bump.width() * 0.15)
    spot = nfc_spot(part)
    painter.setPen(QPen(QColor("#C9CED4"), max(2.0, look.px(NFC_PEN))))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for index in range(3):
        r = spot.width() * (0.14 + index * 0.14)
        painter.drawArc(QRectF(spot.center().x() - r, spot.center().y() - r, 2 * r, 2 * r), -45 * 16, 90 * 16)
    if not part.holds:
        label = QRectF(spot.left(), spot.bottom(), spot.width(), look.px(NFC_LABEL_HEIGHT))
        print_label(painter, label, look.tr("body.nfc_spot"), look, "#E5E8EB", 0.45)


def nfc_spot(part: PartWidget) -> QRectF:
    rect = QRectF(part.rect())
    side = rect.width() * 0.42
    return QRectF(rect.center().x() - side / 2, rect.top() + rect.height() * 0.3, side, side)


def _card_on_back(part: PartWidget) -> QRectF:
    rect = QRectF(part.rect())
    width = rect.width() * 0.86
    spot = nfc_spot(part)
    return QRectF(rect.center().x() - width / 2, spot.center().y() - width * THING_ASPECT / 2, width,
                  width * THING_ASPECT)


class PhoneBody(PhoneFrame, BodyFrame):
    """The phone with its ◁ / ○ buttons, and its back for reading a card."""

    casing_100 = (10, 22 + 17 + 26)
    hand_share = 0.14
    hand_beside = (0.3, 0.42)
    """The hand stands beside the phone when the room is wide (a card about 0.3 of the phone's
    height wide), as one holds the card beside it; below it, 0.14, in a narrow room."""

    def __init__(self, look: Look, parent: QWidget | None = None) -> None:
        super().__init__(look, parent)
        layout = cast(QVBoxLayout, self.layout())  # PhoneFrame's column
        chrome = self.chrome_look  # the bars' size (``PHONE_CHROME_MOST``)
        nav_size = QSize(chrome.px(NAV_BUTTON_WIDTH), chrome.target)
        self.nav = _NavBar(chrome, self.add_part("back", _nav_painter("back"), nav_size),
                           self.add_part("home", _nav_painter("home"), nav_size))
        layout.addWidget(self.nav)
        self.back_side = self.add_part("phone-back", _paint_phone_back, QSize(look.px(PHONE_BACK[0]), look.px(PHONE_BACK[1])))
        self.back_side.thing_at = _card_on_back
        self.back_side.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.back_side.hide()
        layout.addWidget(self.back_side, 1)
        self.camera = FaceCamera(self, QSize(look.px(PHONE_CAMERA[0]), look.px(PHONE_CAMERA[1])), done_key="body.photo_ready")
        self.camera.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.parts["camera"] = self.camera
        self.camera.acted.connect(self.acted)
        self.camera.hide()
        layout.insertWidget(layout.indexOf(self.scroll_area), self.camera)
        self.on_back = False

    def apply_body(self, body: Mapping[str, Any]) -> None:
        self.on_back = body.get("side") == "back"
        for widget in (self.status, self.header, self.scroll_area, self.nav):
            widget.setVisible(not self.on_back)
        if self.on_back:
            self.address.setVisible(False)
        self.back_side.setVisible(self.on_back)
        self.camera.set_state(str(body.get("camera", "off")) if not self.on_back else "off")
        self.update()

    def _chrome(self, screen: Screen, view: ScreenView) -> None:
        super()._chrome(screen, view)
        if getattr(self, "on_back", False):
            self.address.setVisible(False)
            self.header.setVisible(False)

    def paintEvent(self, event) -> None:
        BodyFrame.paintEvent(self, event)

    def paint_body(self, painter: QPainter, rect: QRectF) -> None:
        chrome = self.chrome_look
        radius = chrome.px(PHONE_RADIUS)
        path = QPainterPath()
        path.addRoundedRect(rect, radius, radius)
        painter.fillPath(path, self.look.colour("bezel") if not self.on_back else QColor("#3A3F45"))
        painter.setPen(QPen(QColor("#000000"), 2))
        painter.drawPath(path)
        if not self.on_back:
            slit = QRectF(rect.center().x() - chrome.px(EARPIECE[0] / 2), rect.top() + chrome.space.md,
                          chrome.px(EARPIECE[0]), chrome.px(EARPIECE[1]))
            painter.setBrush(QColor("#555555"))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawRoundedRect(slit, 3, 3)


def _paint_close(painter: QPainter, rect: QRectF, part: PartWidget) -> None:
    look = part.look
    painter.fillRect(rect, QColor("#C42B1C") if part.down or part.hasFocus() else look.colour("chrome"))
    side = min(rect.height(), rect.width()) * 0.32
    c = rect.center()
    painter.setPen(QPen(QColor("#FFFFFF") if part.down or part.hasFocus() else look.colour("chrome_text"),
                        max(2.0, look.line.mid)))
    painter.drawLine(QPointF(c.x() - side / 2, c.y() - side / 2), QPointF(c.x() + side / 2, c.y() + side / 2))
    painter.drawLine(QPointF(c.x() + side / 2, c.y() - side / 2), QPointF(c.x() - side / 2, c.y() + side / 2))


def _paint_esc(painter: QPainter, rect: QRectF, part: PartWidget) -> None:
    paint_key(painter, rect.adjusted(1, 1, -1, -1), part.look.tr("body.esc"), part.look, pressed=part.down)


def paint_key(painter: QPainter, rect: QRectF, label: str, look: Look, pressed: bool = False) -> None:
    shade = QRectF(rect.left(), rect.top() + 2, rect.width(), rect.height() - 2)
    painter.setBrush(QColor("#9DA3A9"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawRoundedRect(shade, 4, 4)
    top = rect.adjusted(1, 1 if not pressed else 3, -1, -3 if not pressed else -1)
    painter.setBrush(QColor("#F4F5F6") if not pressed else QColor("#DCDFE2"))
    painter.setPen(QPen(QColor("#7D848B"), 1))
    painter.drawRoundedRect(top, 4, 4)
    if label:
        painter.setPen(QColor("#1E2124"))
        draw_text(painter, top.adjusted(2, 0, -2, 0), label, fitted_font(look, top, 0.42),
                  Qt.AlignmentFlag.AlignCenter)


class _Keyboard(QWidget):
    """The top of a computer keyboard (the rest runs on under the edge of the
    picture); its Esc key, top left and a little apart as on every keyboard, is a
    part of the body, never smaller than a finger."""

    ROWS = (
        ("Esc", "F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9", "F10", "F11", "F12"),
        ("1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "-", "^", "BS"),
        ("Tab", "Q", "W", "E", "R", "T", "Y", "U", "I", "O", "P", "@", "["),
    )
    FINGER = 46
    """The Esc key's least size in pixels (44 px to press, and its outline)."""

    def __init__(self, look: Look, esc: PartWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._look = look
        self.esc = esc
        esc.setParent(self)

    def _keys(self) -> QRectF:
        return QRectF(self.rect()).adjusted(self._look.space.lg, self._look.space.md, -self._look.space.lg, 0)

    def _first_row(self) -> tuple[float, float]:
        """The height of the Esc row and the Esc key's width."""
        rect = self._keys()
        height = max(self.FINGER, rect.height() / len(self.ROWS))
        width = max(self.FINGER, rect.width() / len(self.ROWS[0]))
        return min(height, rect.height()), width

    def key_rect(self, row: int, column: int) -> QRectF:
        rect = self._keys()
        columns = len(self.ROWS[0])
        first, esc = self._first_row()
        gap = max(2.0, min(rect.width() / columns, first) * 0.08)
        if row == 0:
            if column == 0:
                return QRectF(rect.left() + gap / 2, rect.top() + gap / 2, esc - gap, first - gap)
            room = rect.width() - esc - gap * 2  # a gap after Esc, as on the real keyboard
            width = room / (columns - 1)
            return QRectF(rect.left() + esc + gap * 2 + (column - 1) * width + gap / 2, rect.top() + gap / 2,
                          width - gap, first - gap)
        height = (rect.height() - first) / (len(self.ROWS) - 1)
        width = rect.width() / columns
        return QRectF(rect.left() + column * width + gap / 2, rect.top() + first + (row - 1) * height + gap / 2,
                      width - gap, height - gap)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.esc.setGeometry(self.key_rect(0, 0).adjusted(-1, -1, 1, 1).toRect())

    def paintEvent(self, event) -> None:
        look = self._look
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        path = QPainterPath()
        path.addRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), look.space.lg, look.space.lg)
        painter.fillPath(path, QColor("#C3C8CD"))
        painter.setPen(QPen(QColor("#80878E"), 1.5))
        painter.drawPath(path)
        for r, row in enumerate(self.ROWS):
            for c, label in enumerate(row):
                if (r, c) != (0, 0):
                    key = self.key_rect(r, c)
                    if key.height() > 4:
                        paint_key(painter, key, label, look)
        # the keyboard runs on below the picture's edge
        fade = QRectF(0, self.height() * 0.7, self.width(), self.height() * 0.3)
        gradient = QLinearGradient(fade.topLeft(), fade.bottomLeft())
        gradient.setColorAt(0, QColor(0, 0, 0, 0))
        gradient.setColorAt(1, look.colour("window"))
        painter.fillRect(fade, gradient)
        painter.end()


class PcBody(BodyFrame):
    """A computer: the browser window on the monitor and the keyboard."""

    name = "browser"
    width_100 = 900
    min_width_100 = 620
    aspect = 16 / 10
    """The monitor (16 : 10); its stand and the keyboard in front of it are ``extras``."""
    extras = QMarginsF(0, 0, 0, 0.44)
    """The monitor's stand, then the top of the keyboard."""
    stand_share = 0.08
    screen_100 = 620
    screen_height_100 = 280
    casing_100 = (20, 80)

    def __init__(self, look: Look, parent: QWidget | None = None) -> None:
        super().__init__(look, parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.monitor = QWidget()
        screen = QVBoxLayout(self.monitor)
        bezel = look.space.wide
        screen.setContentsMargins(bezel, bezel, bezel, bezel)
        screen.setSpacing(0)
        self.titlebar = QWidget()
        title_row = QHBoxLayout(self.titlebar)
        title_row.setContentsMargins(0, 0, 0, 0)
        title_row.setSpacing(0)
        self.tab = Bar(look, "chrome", "chrome_text", role="body")
        title_row.addWidget(self.tab, 1)
        self.window_buttons = _Painted(self._paint_window_buttons, look.target)
        self.window_buttons.setFixedWidth(look.px(WINDOW_BUTTONS_WIDTH))
        self.window_buttons.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        title_row.addWidget(self.window_buttons)
        self.close_button = self.add_part("window-close", _paint_close, QSize(look.px(CLOSE_BUTTON_WIDTH), look.target))
        self.close_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        title_row.addWidget(self.close_button)
        self.toolbar = _Painted(self._paint_toolbar, look.px(TOOLBAR_HEIGHT))
        self.address = AddressBar(look)
        screen.addWidget(self.titlebar)
        screen.addWidget(self.toolbar)
        screen.addWidget(self.address)
        screen.addWidget(self.scroll_area, 1)
        outer.addWidget(self.monitor, 1)
        self.keyboard = _Keyboard(look, self.add_part("esc", _paint_esc), self)
        self.fullscreen = False

    def place_parts(self) -> None:
        below = self.extra_rect("bottom")
        stand = self.body_rect().height() * self.stand_share
        self.keyboard.setGeometry(below.adjusted(0, stand, 0, 0).toRect())

    def apply_body(self, body: Mapping[str, Any]) -> None:
        self.fullscreen = bool(body.get("fullscreen"))
        for widget in (self.titlebar, self.toolbar):
            widget.setVisible(not self.fullscreen)
        if self.fullscreen:
            self.address.setVisible(False)
        self.update()

    def _chrome(self, screen: Screen, view: ScreenView) -> None:
        self.tab.set_text(self.title_of(screen, view))
        self.tab.setVisible(True)
        self.address.set_url(screen.url)
        if getattr(self, "fullscreen", False):
            self.address.setVisible(False)

    def _paint_window_buttons(self, painter: QPainter, rect: QRectF) -> None:
        look = self.look
        painter.fillRect(rect, look.colour("chrome"))
        painter.setPen(QPen(look.colour("chrome_text"), max(1.5, look.line.thin)))
        third = rect.width() / 2
        side = min(rect.height(), third) * 0.3
        c1 = QPointF(rect.left() + third / 2, rect.center().y())
        painter.drawLine(QPointF(c1.x() - side / 2, c1.y()), QPointF(c1.x() + side / 2, c1.y()))
        c2 = QPointF(rect.left() + third * 1.5, rect.center().y())
        painter.drawRect(QRectF(c2.x() - side / 2, c2.y() - side / 2, side, side))

    def _paint_toolbar(self, painter: QPainter, rect: QRectF) -> None:
        from trainer.widgets.icons import paint_icon

        look = self.look
        painter.fillRect(rect, look.colour("chrome"))
        side = rect.height() * 0.6
        x = rect.left() + look.space.lg
        for name in ("back", "forward", "reload"):
            paint_icon(painter, QRectF(x, rect.center().y() - side / 2, side, side), name, look.colour("chrome_text"))
            x += side + look.space.wide

    def paint_body(self, painter: QPainter, rect: QRectF) -> None:
        look = self.look
        monitor = QRectF(self.monitor.geometry())
        path = QPainterPath()
        path.addRoundedRect(monitor, look.space.gap, look.space.gap)
        painter.fillPath(path, QColor("#1B1D20"))
        stand = self.body_rect().height() * self.stand_share
        neck = QRectF(monitor.center().x() - monitor.width() * 0.04, monitor.bottom(), monitor.width() * 0.08,
                      stand * 0.7)
        painter.fillRect(neck, QColor("#2C2F33"))
        foot = QRectF(monitor.center().x() - monitor.width() * 0.15, neck.bottom() - 2, monitor.width() * 0.3,
                      stand * 0.3)
        painter.setBrush(QColor("#2C2F33"))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawRoundedRect(foot, look.space.xs, look.space.xs)
        font = fitted_font(look, QRectF(0, 0, 10, look.px(MONITOR_LABEL_HEIGHT)))
        painter.setFont(font)
