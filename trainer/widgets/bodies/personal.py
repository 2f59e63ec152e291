"""The learner's own devices with their bodies: the smartphone (back and home
buttons below the screen; turned over, its back where a card is read by
NFC) and the computer (the browser window with the system's ×, a keyboard
with Esc; a full-screen page covers the browser's own controls).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QLinearGradient, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from trainer.scenarios.model import Screen
from trainer.widgets.bodies.machines import FaceCamera
from trainer.widgets.bodies.parts import (
    LEAST_PRINT,
    THING_ASPECT,
    BodyFrame,
    PartWidget,
    fitted_font,
    print_label,
)
from trainer.widgets.devices import AddressBar, Bar, PhoneFrame, _Painted
from trainer.widgets.look import Look
from trainer.widgets.screen_view import ScreenView
from trainer.widgets.text_layout import draw_text, text_size

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
TOOLBAR_ICON = 0.6
"""The toolbar's icons, as a share of its height."""
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
    keyboard = part.parentWidget()
    face = keyboard.esc_face() if isinstance(keyboard, _Keyboard) else rect.adjusted(1, 1, -1, -1)
    paint_key(painter, face, part.look.tr("body.esc"), part.look, pressed=part.down)


def _key_top(rect: QRectF, pressed: bool) -> QRectF:
    """The top of a key drawn in ``rect`` (the rest is its side, in shade)."""
    return rect.adjusted(1, 1 if not pressed else 3, -1, -3 if not pressed else -1)


def paint_key(painter: QPainter, rect: QRectF, label: str, look: Look, pressed: bool = False,
              shape: QPainterPath | None = None) -> None:
    """A key of the computer's keyboard in ``rect`` (or of ``shape`` in it: the JIS Enter's inverted L)."""
    radius = max(1.5, min(4.0, rect.height() * 0.12))
    painter.setBrush(QColor("#9DA3A9"))
    painter.setPen(Qt.PenStyle.NoPen)
    top = _key_top(rect, pressed)
    if shape is None:
        painter.drawRoundedRect(QRectF(rect.left(), rect.top() + 2, rect.width(), rect.height() - 2), radius, radius)
    else:
        painter.drawPath(shape.translated(0, 2))
    painter.setBrush(QColor("#F4F5F6") if not pressed else QColor("#DCDFE2"))
    painter.setPen(QPen(QColor("#7D848B"), 1))
    if shape is None:
        painter.drawRoundedRect(top, radius, radius)
    else:
        painter.drawPath(shape)
    if label and (top.height() >= KEY_LABEL_LEAST or label == look.tr("body.esc")):
        font = fitted_font(look, top, 0.42)
        while font.pixelSize() > LEAST_PRINT and text_size(font, label)[0] > top.width() - 2:
            font.setPixelSize(font.pixelSize() - 1)
        painter.save()
        painter.setClipRect(top)  # a long print on a small key (「無変換」) stays on its key
        painter.setPen(QColor("#1E2124"))
        draw_text(painter, top.adjusted(1, 0, -1, 0), label, font, Qt.AlignmentFlag.AlignHCenter, valign_centre=True)
        painter.restore()


KEY_LABEL_LEAST = 10
"""A key whose top is lower than this (pixels) is drawn without its print (Esc keeps its print)."""

_WORD = "~"
"""A key print starting with this is a word of the catalogue (``body.key.<name>``): 「半角/全角」「変換」."""


class _Keyboard(QWidget):
    """A whole computer keyboard with the Japanese (JIS) layout, in its real proportions (15 keys
    across, the function row lower than the others, as on a compact or laptop keyboard), centred in
    front of the monitor: Esc and F1–F12; 半角/全角, the digits and BS; Tab and the letters with the
    inverted-L Enter; 英数; the two Shifts; Ctrl, Win, Alt, 無変換, the space bar, 変換 and
    カタカナ/ひらがな. Its Esc key is a part of the body, pressed on a target never smaller than a
    finger around the key (the key itself is drawn at its size among the others)."""

    ROWS: tuple[tuple[tuple[str, float], ...], ...] = (
        (("Esc", 1), ("", 1), ("F1", 1), ("F2", 1), ("F3", 1), ("F4", 1), ("", 0.5), ("F5", 1), ("F6", 1),
         ("F7", 1), ("F8", 1), ("", 0.5), ("F9", 1), ("F10", 1), ("F11", 1), ("F12", 1)),
        ((_WORD + "hankaku", 1), *((c, 1.0) for c in "1234567890-^¥"), ("BS", 1)),
        (("Tab", 1.5), *((c, 1.0) for c in "QWERTYUIOP@["), ("enter", 1.5)),
        ((_WORD + "eisu", 1.75), *((c, 1.0) for c in "ASDFGHJKL;:]"), ("enter", 1.25)),
        (("Shift", 2.25), *((c, 1.0) for c in "ZXCVBNM,./\\"), ("Shift", 1.75)),
        (("Ctrl", 1.25), ("Win", 1.25), ("Alt", 1.25), (_WORD + "muhenkan", 1.25), ("", 5),
         (_WORD + "henkan", 1.25), (_WORD + "kana", 1.25), ("Alt", 1.25), ("Ctrl", 1.25)),
    )
    """Each row's keys, left to right: (print, width in keys); an empty print on the top row is a gap,
    on the bottom row the space bar; both ``enter`` are the one Enter."""
    UNITS = 15
    """The keyboard is 15 keys across."""
    FUNCTION_ROW = 0.75
    """The function row's height, as a share of a key's."""
    EDGE = 0.35
    """The case around the keys, as a share of a key."""
    ASPECT = (UNITS + 2 * EDGE) / (FUNCTION_ROW + len(ROWS) - 1 + 2 * EDGE)
    """Width : height of the whole keyboard (about 2.4, as a compact Japanese keyboard's 290 × 120 mm)."""
    WIDTH_SHARE = 0.5
    """The keyboard's width as a share of the monitor's (a compact keyboard before a 24–27-inch monitor)."""
    FINGER = 46
    """The Esc key's target, its least size in pixels (44 px to press, and its outline)."""

    def __init__(self, look: Look, esc: PartWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._look = look
        self.esc = esc
        esc.setParent(self)

    def outline(self) -> QRectF:
        """The keyboard's case: as wide as its proportions let it be in the widget, centred, at the top."""
        room = QRectF(self.rect())
        width = min(room.width(), room.height() * self.ASPECT)
        return QRectF(room.center().x() - width / 2, room.top(), width, width / self.ASPECT)

    def _unit(self) -> float:
        return self.outline().width() / (self.UNITS + 2 * self.EDGE)

    def key_rects(self) -> list[tuple[str, QRectF]]:
        """Every key (print, rectangle) in the widget, row by row; gaps left out, both halves of Enter in."""
        case, unit = self.outline(), self._unit()
        gap = max(1.0, unit * 0.08)
        found: list[tuple[str, QRectF]] = []
        y = case.top() + self.EDGE * unit
        for r, row in enumerate(self.ROWS):
            height = unit * (self.FUNCTION_ROW if r == 0 else 1)
            x = case.left() + self.EDGE * unit
            for label, width in row:
                if label or r == len(self.ROWS) - 1:
                    found.append((label, QRectF(x + gap / 2, y + gap / 2, width * unit - gap, height - gap)))
                x += width * unit
            y += height
        return found

    def esc_face(self) -> QRectF:
        """The Esc key as drawn, in the Esc part's own coordinates."""
        face = next(rect for label, rect in self.key_rects() if label == "Esc")
        return face.translated(-QPointF(self.esc.pos()))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        face = next(rect for label, rect in self.key_rects() if label == "Esc")
        target = QRectF(face)
        grow_x, grow_y = max(0.0, self.FINGER - face.width()) / 2, max(0.0, self.FINGER - face.height()) / 2
        target.adjust(-grow_x, -grow_y, grow_x, grow_y)
        target.moveLeft(max(0.0, target.left()))
        target.moveTop(max(0.0, target.top()))
        self.esc.setGeometry(target.toAlignedRect())

    def paintEvent(self, event) -> None:
        look = self._look
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        case = self.outline()
        path = QPainterPath()
        radius = self._unit() * self.EDGE
        path.addRoundedRect(case.adjusted(1, 1, -1, -1), radius, radius)
        painter.fillPath(path, QColor("#C3C8CD"))
        painter.setPen(QPen(QColor("#80878E"), 1.5))
        painter.drawPath(path)
        keys = self.key_rects()
        enter = [rect for label, rect in keys if label == "enter"]
        for label, rect in keys:
            if label in ("Esc", "enter"):
                continue
            if label.startswith(_WORD):
                label = look.tr(f"body.key.{label[len(_WORD):]}")
            paint_key(painter, rect, label, look)
        top, bottom = enter
        shape = QPainterPath()  # the JIS Enter: wide on the letters' row, narrower on the next, as one key
        shape.setFillRule(Qt.FillRule.WindingFill)
        shape.addRect(_key_top(top, False))
        shape.addRect(_key_top(QRectF(bottom.left(), top.top(), bottom.width(), bottom.bottom() - top.top()), False))
        paint_key(painter, top, look.tr("body.key.enter"), look, shape=shape.simplified())  # its print on the top
        painter.end()


class PcBody(BodyFrame):
    """A computer: the browser window on the monitor and the keyboard."""

    name = "browser"
    width_100 = 900
    min_width_100 = 620
    aspect = 16 / 10
    """The monitor (16 : 10); its stand and the keyboard in front of it are ``extras``."""
    stand_share = 0.08
    extras = QMarginsF(0, 0, 0, stand_share + _Keyboard.WIDTH_SHARE * aspect / _Keyboard.ASPECT)
    """The monitor's stand, then the whole keyboard (0.41 of the monitor's height; its top three rows took 0.44)."""
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
        # back, forward and reload on the address's row, as a browser draws them: the screen keeps that height
        self.toolbar_row = QWidget()
        self.toolbar_row.setAutoFillBackground(True)
        palette = self.toolbar_row.palette()
        palette.setColor(QPalette.ColorRole.Window, look.colour("chrome"))
        self.toolbar_row.setPalette(palette)
        rows = QVBoxLayout(self.toolbar_row)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(0)
        toolbar_row = self._toolbar_layout = QHBoxLayout()
        toolbar_row.setContentsMargins(0, 0, 0, 0)
        toolbar_row.setSpacing(0)
        rows.addLayout(toolbar_row)
        height = look.px(TOOLBAR_HEIGHT)
        self.toolbar = _Painted(self._paint_toolbar, height)
        self.toolbar.setFixedWidth(round(3 * height * TOOLBAR_ICON + 2 * look.space.wide + 2 * look.space.lg))
        self.address = AddressBar(look)
        toolbar_row.addWidget(self.toolbar, 0, Qt.AlignmentFlag.AlignBottom)
        toolbar_row.addWidget(self.address, 1)
        self._toolbar_rows = rows
        self.toolbar_beside = True
        """Whether back, forward and reload stand on the address's row (else above it, with 「保護された通信」)."""
        screen.addWidget(self.titlebar)
        screen.addWidget(self.toolbar_row)
        screen.addWidget(self.scroll_area, 1)
        outer.addWidget(self.monitor, 1)
        self.keyboard = _Keyboard(look, self.add_part("esc", _paint_esc), self)
        self.fullscreen = False

    def place_parts(self) -> None:
        below = self.extra_rect("bottom")
        stand = self.body_rect().height() * self.stand_share
        self.keyboard.setGeometry(below.adjusted(0, stand, 0, 0).toRect())
        self._place_toolbar()

    def _place_toolbar(self) -> None:
        """Back, forward and reload beside the address where the address still stands on as few lines
        there as across the whole window; else on a row of their own above it (a long address at big text)."""
        url = self.address.url
        margins = cast(QVBoxLayout, self.address.layout()).contentsMargins()  # not its geometry: it may be hidden
        across = self.monitor.width() - 2 * self.look.space.wide - margins.left() - margins.right()
        beside = across - self.toolbar.width()
        fits = beside > 0 and url.heightForWidth(beside) <= url.heightForWidth(across)
        security = self.address.security
        if not fits:  # beside the toolbar only while the address shows
            security.setVisible(not self.address.isHidden())
        if fits == self.toolbar_beside:
            return
        self.toolbar_beside = fits
        top = self._toolbar_layout
        own = cast(QVBoxLayout, self.address.layout())
        if fits:  # [← → ⟳ | 保護された通信 / address]
            own.insertWidget(0, security)
            top.addWidget(self.address, 1)
            top.setAlignment(self.toolbar, Qt.AlignmentFlag.AlignBottom)
        else:  # [← → ⟳  保護された通信] over the address: the words take the toolbar's spare room, not a line
            top.addWidget(security, 1, Qt.AlignmentFlag.AlignVCenter)
            self._toolbar_rows.addWidget(self.address)
            top.setAlignment(self.toolbar, Qt.AlignmentFlag.AlignVCenter)
        # shown now, not when the loop next runs (a moved widget's show is queued): the screen's height is
        # settled before the player scrolls the step's target into view
        security.setVisible(not self.address.isHidden())
        cast(QVBoxLayout, self.monitor.layout()).activate()

    def apply_body(self, body: Mapping[str, Any]) -> None:
        self.fullscreen = bool(body.get("fullscreen"))
        for widget in (self.titlebar, self.toolbar_row):
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
        self._place_toolbar()

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
        side = rect.height() * TOOLBAR_ICON
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
