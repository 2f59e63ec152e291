"""The mock devices a screen is shown in: a phone, a kiosk (the shop's
multi-copier), a hospital's card reader, a smart speaker and a browser
window. Each draws its own casing and chrome (status bar, app header,
address bar) around a scrolling screen body; the URL of a web page is
always shown in full, because reading it is how fake sites are spotted.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QMargins, QMarginsF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QLinearGradient, QPainter, QPainterPath, QPalette, QPen, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from trainer.scenarios.model import Screen
from trainer.widgets.accessibility import set_role
from trainer.widgets.icons import paint_icon
from trainer.widgets.labels import TextBlock
from trainer.widgets.lifetime import put_away
from trainer.widgets.look import SIZES, SPACE, Look
from trainer.widgets.screen_view import ScreenView

DEVICE_HEIGHT = 640
"""Preferred height of a device frame, at 100%."""

PHONE_SCROLL_BAR = 10
"""Thickness of a device screen's scroll bars (thin, as on a phone), at 100% (never under 8 px)."""

PHONE_BEZEL_TOP = 22
"""The phone's bezel above and below its screen, at 100%."""

PHONE_RADIUS = 38
"""Corner radius of the phone's body, at 100%."""

STATUS_BAR_HEIGHT = 34
"""Height of the phone's status bar (time, signal, battery), at 100%."""

SLIT_WIDTH = 60
"""Width of the speaker slit at the top of the phone, at 100%."""

SLIT_HEIGHT = 6
"""Height of that slit, at 100%."""

FRAME_RADIUS = 16
"""Corner radius of a kiosk's or a smart speaker's body, at 100%."""

KIOSK_PAD = 20
"""A kiosk's margin left and right of its screen, at 100%."""

KIOSK_BOTTOM = 40
"""A kiosk's margin under its screen, where the paper tray is, at 100%."""

TRAY_LIFT = 28
"""How far above the kiosk's lower edge its paper tray starts, at 100%."""

TRAY_HEIGHT = 12
"""Height of the kiosk's paper tray, at 100%."""

PHONE_LINE_CHARS = 8
"""Full-width characters of body text a line of the phone's screen holds at least, inside its
margins, when its text grows (9–10 across the whole screen): a real phone at its largest text size
shows about as many."""

PHONE_CHROME_MOST = 1.3
"""The phone's status bar, address bar, app header and ◁ ○ buttons grow no larger than this (as
on a real phone, whose text size leaves its bars be): in a tall window at 300 % they took the
height the screen's own text needs."""

PHONE_LINES = 10
"""Lines of body text the phone's screen holds at least when its text grows."""

TOOLBAR_HEIGHT = 40
"""Height of the browser's toolbar (back, forward, reload), at 100%."""


class _Painted(QWidget):
    """A small decoration painted by a function (status bar, toolbar icons)."""

    def __init__(self, paint, height: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._paint = paint
        self.setFixedHeight(height)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._paint(painter, QRectF(self.rect()))
        painter.end()


class Bar(QWidget):
    """A filled bar holding a line of text (app header, kiosk title)."""

    def __init__(self, look: Look, fill: str, text_colour: str, role: str = "large",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._look = look
        self._fill = look.colour(fill)
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, self._fill)
        self.setPalette(palette)
        layout = QHBoxLayout(self)
        pad = look.space.lg
        layout.setContentsMargins(look.space.xl, pad, look.space.xl, pad)
        self.label = set_role(TextBlock("", look, role=role, colour=text_colour, bold=True), "heading")
        layout.addWidget(self.label)

    def set_text(self, text: str) -> None:
        self.label.set_text(text)
        self.setVisible(bool(text))

    def paintEvent(self, event) -> None:
        # the fill is painted here, not left to the palette: a style sheet met later (the page
        # joining the window) would otherwise reset it to the player's header colour
        painter = QPainter(self)
        painter.fillRect(self.rect(), self._fill)
        painter.end()

    def set_look(self, look: Look, fill: str = "header", text_colour: str = "header_text") -> None:
        """Draw the bar in ``look``'s colours (the app on screen has its own header colour)."""
        if look == self._look:
            return
        self._look = look
        self._fill = look.colour(fill)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, self._fill)
        self.setPalette(palette)
        self.update()
        old = self.label
        self.label = TextBlock(old.text(), look, role=old._role, colour=text_colour, bold=True)
        cast(QHBoxLayout, self.layout()).replaceWidget(old, self.label)  # the row made in __init__
        self.label.setVisible(not old.isHidden())  # now, not on the next pass: the screen's height is measured next
        old.hide()
        old.deleteLater()


class AddressBar(QWidget):
    """The web address, whole, with whether the connection is protected."""

    def __init__(self, look: Look, parent: QWidget | None = None, role: str = "body") -> None:
        super().__init__(parent)
        self._look = look
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, look.colour("chrome"))
        self.setPalette(palette)
        layout = QVBoxLayout(self)
        pad = look.space.md
        layout.setContentsMargins(pad, pad, pad, pad)
        layout.setSpacing(look.space.xxs)
        self.security = TextBlock("", look, role="small", colour="chrome_text")
        self.url = TextBlock("", look, role=role, colour="input_text", box="input", border="input_border",
                             icon="lock")
        layout.addWidget(self.security)
        layout.addWidget(self.url)

    def set_url(self, url: str | None) -> None:
        self.setVisible(bool(url))
        if not url:
            return
        secure = url.startswith("https://")
        self.url.set_text(url)
        self.url.set_icon("lock" if secure else "warning")
        self.security.set_text(self._look.tr("browser.secure" if secure else "browser.insecure"))


def device_style(look: Look) -> str:
    """Qt's own widgets on the device (text fields, scroll bars) at the device's text size,
    not the learner's (the app's style sheet follows the learner's)."""
    from trainer.widgets.style import style_sheet

    return style_sheet(look, bar=max(8, look.px(PHONE_SCROLL_BAR)))  # thin, as on a phone: the width is for the content


SMALLEST_SCALE = 0.85
"""The smallest text scale of a device, used only when the window cannot hold it at 100 %: its
controls stay 44 px or larger (WCAG's target size), its body text about 19 px."""


class DeviceFrame(QWidget):
    """Base of the mock devices: casing, chrome, and the scrolling screen.

    Geometry: the player gives the device a room (``frame_size``) and the
    device answers with the largest size that keeps the real device's
    proportions (``aspect``, width / height of its body) plus the room its
    physical extras need beside the body (``body_extras``: a card tray, a coin
    slot — none here; device bodies override it). Its own text uses a scale
    of its own (``content_scale``): the learner's size, but no more than lets
    the screen hold a sensible line (``screen_100`` pixels at 100 %) and a
    sensible height (``screen_height_100``); never less than 100 %."""

    acted = Signal(object)
    """Fires with an ``Action`` when the learner operates a part of the device's
    body (a slot, a tray, a key); devices with bodies live in ``trainer.widgets.bodies``."""

    name = "device"
    width_100 = 440
    """Preferred width at 100% text, in pixels (pictures outside the player, e.g. the handout)."""
    min_width_100 = 340
    """Narrowest comfortable width at 100% text."""
    aspect = 0.75
    """Width / height of the real device's body."""
    screen_100 = 360
    """The width (pixels at 100 %) the screen's content needs for a sensible line of text."""
    screen_height_100 = 420
    """The height (pixels at 100 %) below which the device's text is not made bigger."""
    line_100: int | None = None
    """The width (pixels at 100 %) the screen needs for its line when its text grows, where no keys
    are on it; ``screen_100`` unless a device's screen is laid out for a shorter line (the phone's:
    ``PHONE_LINE_CHARS``)."""
    lines_height_100: int | None = None
    """The height that goes with ``line_100`` (``screen_height_100`` when None)."""
    casing_100 = (0, 0)
    """Casing and chrome around the screen, (sideways, up and down) in pixels at 100 %."""

    def __init__(self, look: Look, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.look = look
        self.view: ScreenView | None = None
        self._room_below = 0
        """Blank rows added below the screen's content so that it can scroll past a cut line."""
        self._base_margins: QMargins | None = None
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        palette = self.scroll_area.palette()
        palette.setColor(QPalette.ColorRole.Window, look.colour("screen"))
        palette.setColor(QPalette.ColorRole.Base, look.colour("screen"))
        self.scroll_area.setPalette(palette)
        self.scroll_area.viewport().setAutoFillBackground(True)
        self.scroll_area.viewport().setPalette(palette)
        self.setAccessibleName(look.tr("player.device"))
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.setStyleSheet(device_style(look))

    def preferred_width(self) -> int:
        return self.look.px(self.width_100)

    def minimum_width(self) -> int:
        return self.look.px(self.min_width_100)

    def sizeHint(self) -> QSize:
        return QSize(self.preferred_width(), self.look.px(DEVICE_HEIGHT))

    # -- geometry: proportions, physical extras, the device's own text size ------------
    def body_extras(self) -> QMarginsF:
        """Room for physical parts outside the body's outline (left, top, right, bottom), as
        fractions of the body's height: e.g. ``QMarginsF(0, 0, 0.3, 0)`` for a card tray as
        wide as 0.3 × the body's height on the right. None by default; a device body with a
        tray or a slot beside its screen overrides this one method."""
        return QMarginsF()

    def frame_aspect(self) -> float:
        """Width / height of the whole frame: the body's proportions with its extras."""
        extras = self.body_extras()
        return (self.aspect + extras.left() + extras.right()) / (1 + extras.top() + extras.bottom())

    def frame_size(self, room: QSize) -> QSize:
        """The largest size inside ``room`` with the frame's proportions."""
        aspect = self.frame_aspect()
        width, height = room.width(), room.height()
        if width <= 0 or height <= 0:
            return QSize(0, 0)
        if width / height > aspect:
            width = round(height * aspect)
        else:
            height = round(width / aspect)
        return QSize(width, height)

    def body_rect(self) -> QRectF:
        """Where the body (casing and screen) is drawn, inside the frame's extras."""
        extras = self.body_extras()
        rect = QRectF(self.rect())
        unit = rect.height() / (1 + extras.top() + extras.bottom())
        return rect.adjusted(extras.left() * unit, extras.top() * unit, -extras.right() * unit,
                             -extras.bottom() * unit)

    @classmethod
    def content_scale(cls, frame: QSize, chosen: float, keys: bool = False) -> float:
        """The device's text scale in a frame of ``frame``: the learner's ``chosen`` scale, lowered in
        steps of 0.05 until the screen holds ``line_100`` (or ``screen_100``) pixels of width (and, above 100 %,
        ``screen_height_100`` of height) at that scale — down to ``SMALLEST_SCALE`` at the very
        least, when the window is too small for the device at 100 %. With ``keys`` (a screen that
        holds a keyboard or a number pad): ``screen_100`` and ``screen_height_100``, what its keys
        were drawn for."""
        side, vertical = cls.casing_100
        line = cls.screen_100 if keys else cls.line_100 or cls.screen_100
        tall = cls.screen_height_100 if keys else cls.lines_height_100 or cls.screen_height_100
        scale = round(max(SMALLEST_SCALE, chosen), 2)
        while scale > SMALLEST_SCALE:
            screen_w = frame.width() - 2 * side * scale
            screen_h = frame.height() - 2 * vertical * scale
            if screen_w >= line * scale and (scale <= 1.0 or screen_h >= tall * scale):
                break
            scale = round(max(SMALLEST_SCALE, scale - 0.05), 2)
        return scale

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._make_room_for_extras()

    def _make_room_for_extras(self) -> None:
        layout = self.layout()
        extras = self.body_extras()
        if layout is None or (self._base_margins is None and extras.isNull()):
            return
        if self._base_margins is None:
            self._base_margins = layout.contentsMargins()
        body = self.body_rect()
        base = self._base_margins
        layout.setContentsMargins(base.left() + round(body.left()), base.top() + round(body.top()),
                                  base.right() + round(self.width() - body.right()),
                                  base.bottom() + round(self.height() - body.bottom()))

    def show_screen(self, screen: Screen, view: ScreenView) -> None:
        """Put ``view`` on the device and set the chrome from ``screen``."""
        old = self.scroll_area.takeWidget()
        if old is not None:
            put_away(old, when_idle=True)  # deleted after the new screen's paint, when the loop is idle
        self.view = view
        self._room_below = 0
        self._dock(getattr(view, "docked", None))
        self.scroll_area.setWidget(view)
        self.scroll_area.verticalScrollBar().setValue(0)
        self._chrome(screen, view)

    def _chrome(self, screen: Screen, view: ScreenView) -> None:
        """Set titles and addresses; subclasses override."""

    def settle(self) -> None:
        """Lay the frame and its screen out now, also while it is hidden (a player not yet shown):
        Qt holds back a hidden widget's resize events and layouts until it is shown, so the screen
        would be measured at the scroll area's first 640 × 480 (the player draws what the step asks
        for smaller when it seems not to fit; ``Player._build_screen``)."""
        if self.isVisible():
            return
        for widget in (self, *self.findChildren(QWidget)):  # each before its children, as a show does
            if widget.isHidden():
                continue
            QApplication.sendEvent(widget, QResizeEvent(widget.size(), widget.size()))
            layout = widget.layout()
            if layout is not None:
                layout.invalidate()  # it was last laid out at the size before, which it did not hear of
                layout.activate()

    def _dock(self, widget: QWidget | None) -> None:
        """Hold ``widget`` (the screen's keyboard) fixed under the scrolling screen, as a phone does."""
        docked, self.docked = getattr(self, "docked", None), widget
        if docked is not None and docked is not widget:
            put_away(docked, when_idle=True)
        layout = self.layout()
        index = layout.indexOf(self.scroll_area) if isinstance(layout, QVBoxLayout) else -1
        if widget is not None and index >= 0:
            shown = not widget.isHidden()  # (its input shows it or not; a new parent would show it later)
            cast(QVBoxLayout, layout).insertWidget(index + 1, widget)
            widget.setVisible(shown)  # now: the screen's height is measured next

    def uncut_top(self, value: int, start: int, end: int, margin: int) -> int:
        """The scroll position of the screen nearest ``value`` that shows rows ``start``–``end`` of
        it (what the step asks for) and cuts no line of text in two at the top edge — a helper
        holding the device up shows the top and the target together when they fit, and otherwise
        a whole line, never half of one (see ``uncut_scroll``). When only a position past the
        end of the screen does that (a screen a little taller than its window), the screen gets
        that much blank room at its bottom so it can scroll there."""
        view = self.view
        if view is None or value <= 0 and not self._room_below:
            return value
        bar = self.scroll_area.verticalScrollBar()
        room = self.scroll_area.viewport().height()
        added = self._room_below
        most = max(0, bar.maximum() - added)  # how far the screen scrolls without the room added before
        value = min(value, most)
        chosen = uncut_scroll(value, start, end, room, most, margin, text_bands(view))
        wanted = max(0, chosen - most)
        if wanted != added:
            layout = view.layout()
            natural = max(room, layout.totalHeightForWidth(view.width()) if layout.hasHeightForWidth()
                          else layout.totalSizeHint().height()) if layout is not None else view.height() - added
            self._room_below = wanted
            view.setMinimumHeight(natural + wanted if wanted else 0)
            view.resize(view.width(), natural + wanted)  # the scroll area sees the new height at once
        return chosen

    # -- the body (hooks; devices with parts override them) ------------------------------
    def set_body(self, body) -> None:  # a hook, empty for a device without parts
        """Show the step's ``body:`` state (what the hand holds, what lies in a tray)."""

    def part_widget(self, name: str) -> QWidget | None:
        """The widget of the body part ``name`` when it is in view (hints, tests)."""
        return None

    def title_of(self, screen: Screen, view: ScreenView) -> str:
        return view.ctx.text(screen.title) if screen.title is not None else ""


class PhoneFrame(DeviceFrame):
    """A smartphone: bezel, status bar, address bar when on the web, app header."""

    name = "phone"
    width_100 = 430
    min_width_100 = 340
    aspect = 0.52
    """A smartphone's body is about 1 : 2 (71.5 × 147 mm is 0.49; older and easy phones up to 0.53)."""
    screen_100 = 290
    """12 full-width characters of body text with the screen's margins (and the kana keyboard): the
    stage the player keeps for the phone (``Player._device_least``)."""
    line_100 = round(PHONE_LINE_CHARS * SIZES["body"]) + 3 * SPACE["lg"]
    """The line the phone's text grows to: ``PHONE_LINE_CHARS`` characters of body text, the
    screen's side margins and its thin scroll bar — the phone's text is as large as that allows,
    up to the learner's size (see docs/decisions/player.md, "The phone's own text")."""
    screen_height_100 = 560
    lines_height_100 = PHONE_LINES * SIZES["body"] * 3 // 2
    """``PHONE_LINES`` lines of body text (1.5 font heights apart)."""
    casing_100 = (10, 22 + 17)

    def __init__(self, look: Look, parent: QWidget | None = None) -> None:
        super().__init__(look, parent)
        self.chrome_look = chrome = look.with_(scale=min(look.scale, PHONE_CHROME_MOST))
        layout = QVBoxLayout(self)
        side, top = look.space.lg, chrome.px(PHONE_BEZEL_TOP)
        layout.setContentsMargins(side, top, side, top)
        layout.setSpacing(0)
        self.status = _Painted(self._paint_status, chrome.px(STATUS_BAR_HEIGHT))
        self.status.setAccessibleName(look.tr("device.status_time"))
        # the whole address in the bars' small text: at big text a phishing site's address took four
        # lines of the body's size, a third of the screen, and pushed 「閉じる」 out of view
        self.address = AddressBar(chrome, role="small")
        self.header = Bar(chrome, "header", "header_text")
        layout.addWidget(self.status)
        layout.addWidget(self.address)
        layout.addWidget(self.header)
        layout.addWidget(self.scroll_area, 1)
        self.address.setVisible(False)

    def _chrome(self, screen: Screen, view: ScreenView) -> None:
        # the app's header colour (app_looks), or the player's; at the bars' size
        self.header.set_look(view.ctx.look.with_(scale=min(view.ctx.look.scale, PHONE_CHROME_MOST)))
        self.header.set_text(self.title_of(screen, view))
        self.address.set_url(screen.url)

    def _paint_status(self, painter: QPainter, rect: QRectF) -> None:
        look = self.chrome_look
        painter.fillRect(rect, look.colour("screen"))
        painter.setPen(look.colour("screen_text"))
        painter.setFont(look.font("small", bold=True))
        painter.drawText(rect.adjusted(look.space.wide, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter,
                         look.tr("device.status_time"))
        colour = look.colour("screen_text")
        h = rect.height() * 0.5
        right = rect.right() - look.space.wide
        battery = QRectF(right - h * 1.9, rect.center().y() - h * 0.45, h * 1.7, h * 0.9)
        painter.setPen(QPen(colour, max(1.5, look.line.thin)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(battery, 2, 2)
        painter.fillRect(battery.adjusted(2, 2, -battery.width() * 0.3, -2), colour)
        x = battery.left() - h * 1.6
        for index in range(4):
            bar_h = h * (0.35 + 0.2 * index)
            painter.fillRect(QRectF(x + index * h * 0.32, rect.center().y() + h * 0.45 - bar_h, h * 0.2, bar_h),
                             colour)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = self.body_rect().adjusted(1, 1, -1, -1)
        chrome = self.chrome_look
        radius = chrome.px(PHONE_RADIUS)
        path = QPainterPath()
        path.addRoundedRect(rect, radius, radius)
        painter.fillPath(path, self.look.colour("bezel"))
        painter.setPen(QPen(QColor("#000000"), 2))
        painter.drawPath(path)
        # the speaker slit at the top
        slit = QRectF(rect.center().x() - chrome.px(SLIT_WIDTH / 2), rect.top() + chrome.space.md,
                      chrome.px(SLIT_WIDTH), chrome.px(SLIT_HEIGHT))
        painter.setBrush(QColor("#555555"))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawRoundedRect(slit, 3, 3)
        painter.end()


class KioskFrame(DeviceFrame):
    """A shop's multi-copier touch screen (certificates are printed here)."""

    name = "kiosk"
    width_100 = 780
    min_width_100 = 560
    aspect = 4 / 3
    """A multi-copier's touch panel in its casing: landscape, about 4 : 3."""
    screen_100 = 600
    screen_height_100 = 420
    casing_100 = (20, 26 + 20)
    caption_key = "device.kiosk"

    def __init__(self, look: Look, parent: QWidget | None = None) -> None:
        super().__init__(look, parent)
        layout = QVBoxLayout(self)
        pad = look.px(KIOSK_PAD)
        layout.setContentsMargins(pad, look.space.gap, pad, look.px(KIOSK_BOTTOM))
        layout.setSpacing(look.space.md)
        self.caption = TextBlock(look.tr(self.caption_key), look, role="small", colour="chrome_text", bold=True)
        layout.addWidget(self.caption)
        screen = QWidget()
        inner = QVBoxLayout(screen)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(0)
        self.header = Bar(look, "header", "header_text", role="title")
        inner.addWidget(self.header)
        inner.addWidget(self.scroll_area, 1)
        layout.addWidget(screen, 1)

    def _chrome(self, screen: Screen, view: ScreenView) -> None:
        self.header.set_text(self.title_of(screen, view))

    def paintEvent(self, event) -> None:
        look = self.look
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = self.body_rect().adjusted(1, 1, -1, -1)
        gradient = QLinearGradient(rect.topLeft(), rect.bottomLeft())
        gradient.setColorAt(0, look.colour("chrome"))
        gradient.setColorAt(1, look.colour("chrome").darker(112))
        path = QPainterPath()
        path.addRoundedRect(rect, look.px(FRAME_RADIUS), look.px(FRAME_RADIUS))
        painter.fillPath(path, gradient)
        painter.setPen(QPen(look.colour("border"), 2))
        painter.drawPath(path)
        # the paper tray under the screen
        tray = QRectF(rect.left() + rect.width() * 0.3, rect.bottom() - look.px(TRAY_LIFT), rect.width() * 0.4,
                      look.px(TRAY_HEIGHT))
        painter.setBrush(QColor("#444444"))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawRoundedRect(tray, 4, 4)
        painter.end()


class CardReaderFrame(KioskFrame):
    """A hospital reception's card reader with its small touch screen."""

    name = "card-reader"
    width_100 = 620
    min_width_100 = 480
    aspect = 4 / 3
    """The reader's touch screen in its casing: landscape, about 4 : 3."""
    screen_100 = 480
    screen_height_100 = 380
    caption_key = "device.card_reader"


class SpeakerFrame(DeviceFrame):
    """A smart speaker on a table; the speaker element draws the device itself."""

    name = "speaker"
    width_100 = 600
    min_width_100 = 400
    aspect = 4 / 3
    """A table-top scene: the speaker with what it shows and hears beside it, about 4 : 3."""
    screen_100 = 420
    screen_height_100 = 380
    casing_100 = (12, 12 + 14)

    def __init__(self, look: Look, parent: QWidget | None = None) -> None:
        super().__init__(look, parent)
        layout = QVBoxLayout(self)
        pad = look.space.gap
        layout.setContentsMargins(pad, pad, pad, pad)
        layout.setSpacing(look.space.sm)
        self.caption = TextBlock(look.tr("device.speaker"), look, role="small", colour="chrome_text", bold=True)
        layout.addWidget(self.caption)
        layout.addWidget(self.scroll_area, 1)

    def frame_size(self, room: QSize) -> QSize:
        """A table, not a device's body: its proportions follow the room's, within 8 % of 4 : 3, so a
        short, wide stage gives the ring its height too."""
        height = room.height() or 1
        aspect = min(self.aspect * 1.08, max(self.aspect * 0.92, room.width() / height))
        width = min(room.width(), round(room.height() * aspect))
        return QSize(width, min(room.height(), round(width / aspect)))

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        path = QPainterPath()
        path.addRoundedRect(self.body_rect().adjusted(1, 1, -1, -1), self.look.px(FRAME_RADIUS),
                            self.look.px(FRAME_RADIUS))
        painter.fillPath(path, self.look.colour("chrome"))
        painter.setPen(QPen(self.look.colour("border"), 2))
        painter.drawPath(path)
        painter.end()


class BrowserFrame(DeviceFrame):
    """A computer's browser window: tab, toolbar and the full address."""

    name = "browser"
    width_100 = 860
    min_width_100 = 600
    aspect = 16 / 10
    """A computer's screen with the browser filling it: 16 : 10."""
    screen_100 = 720
    screen_height_100 = 400
    casing_100 = (2, 2 + 60)

    def __init__(self, look: Look, parent: QWidget | None = None) -> None:
        super().__init__(look, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(0)
        self.tab = Bar(look, "chrome", "chrome_text", role="body")
        self.toolbar = _Painted(self._paint_toolbar, look.px(TOOLBAR_HEIGHT))
        self.address = AddressBar(look)
        layout.addWidget(self.tab)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.address)
        layout.addWidget(self.scroll_area, 1)

    def _chrome(self, screen: Screen, view: ScreenView) -> None:
        self.tab.set_text(self.title_of(screen, view))
        self.address.set_url(screen.url)

    def _paint_toolbar(self, painter: QPainter, rect: QRectF) -> None:
        look = self.look
        painter.fillRect(rect, look.colour("chrome"))
        side = rect.height() * 0.6
        x = rect.left() + look.space.lg
        for name in ("back", "forward", "reload"):
            paint_icon(painter, QRectF(x, rect.center().y() - side / 2, side, side), name,
                       look.colour("chrome_text"))
            x += side + look.space.wide

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.body_rect(), self.look.colour("chrome"))
        painter.setPen(QPen(self.look.colour("border"), 2))
        painter.drawRect(self.body_rect().adjusted(1, 1, -1, -1))
        painter.end()


DEVICES: dict[str, type[DeviceFrame]] = {cls.name: cls for cls in (
    PhoneFrame, KioskFrame, CardReaderFrame, SpeakerFrame, BrowserFrame)}


def make_device(name: str, look: Look, parent: QWidget | None = None) -> DeviceFrame:
    """The device frame for a step's ``device`` (a phone if unknown); devices
    with bodies (``trainer.widgets.bodies``) take the place of the plain frames."""
    from trainer.widgets.bodies import BODIES

    return {**DEVICES, **BODIES}.get(name, PhoneFrame)(look, parent)


# -- no line cut in two at the top of a screen ---------------------------------------------------
def text_bands(view: QWidget) -> list[tuple[int, int]]:
    """The rows (top, bottom, in ``view``'s coordinates) that hold a line of text on a screen:
    every visible text widget (a text, a button's label, a field) inside ``view``."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit

    from trainer.widgets.button import BigButton

    bands = []
    for widget in view.findChildren(QWidget):
        text = isinstance(widget, TextBlock | BigButton | QLabel | QLineEdit | QAbstractButton) or (
            type(widget).__name__ == "RubyLabel")
        if text and widget.isVisibleTo(view) and widget.height() > 0:
            top = widget.mapTo(view, QPoint(0, 0)).y()
            bands.append((top, top + widget.height() - 1))
    return bands


def uncut_scroll(value: int, start: int, end: int, room: int, most: int, margin: int,
                 bands: list[tuple[int, int]]) -> int:
    """A scroll position for a screen ``room`` rows high that shows rows ``start``–``end`` whole and
    cuts none of ``bands`` (rows of text, top and bottom inclusive) at the top edge; ``value`` when
    it cuts none already or when no position does. Preferred, in order: a position the screen
    scrolls to (at most ``most``) over one past its end (which needs blank room below, at most half
    a window of it); at least half of ``margin`` rows of room round the target; the position that shows the most of
    what comes before the target (the top of the screen when it fits with it). Pure."""
    def cuts(at: int) -> bool:
        return any(top < at <= bottom for top, bottom in bands)

    if value <= 0 or not cuts(value):
        return value
    candidates = {0}
    for top, bottom in bands:
        candidates.update((top - margin, top, bottom + 1, bottom + 1 + margin))
    best: tuple[tuple[bool, bool, int], int] | None = None
    for at in candidates:
        if at < 0 or at > most + room // 2 or cuts(at) or start < at or end > at + room - 1:
            continue
        key = (at > most, min(start - at, at + room - 1 - end) < margin // 2, at)
        if best is None or key < best[0]:
            best = (key, at)
    return value if best is None else best[1]

