"""The one button of the app: big, wrapping, clearly focused, long-pressable.

``BigButton`` paints its own text with the same layout it measures with, so
a label never gets clipped at 300% text; it grows taller instead
(height-for-width). Its accessible name is always its visible text. Enter
and Space press it; the Menu key (or Shift+F10) is a long press, as is
holding the mouse for ``LONG_PRESS_MS`` — measured between press and
release, never with a timer.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QAbstractButton, QSizePolicy, QWidget

from trainer.widgets.accessibility import add_action, install, set_role
from trainer.widgets.icons import paint_icon
from trainer.widgets.look import Look
from trainer.widgets.text_layout import draw_text, font_key, line_height, text_size

LONG_PRESS_MS = 600
"""Holding a button at least this long is a long press."""


SQUARE_RADIUS = 3
"""Corner radius of a button body in the square shape, at 100%."""

TILE_PAD = 14
"""Padding of a tile button on every side, at 100%."""

BUTTON_PAD_H = 18
"""Horizontal padding of an ordinary button, at 100%."""

TOP_ICON_SIDE = 56
"""Side of the icon above a tile's text, at 100%."""

INDICATOR_SIDE = 30
"""Side of the check box or radio circle beside a button's text, at 100%."""

INDICATOR_PEN = 2.5
"""Pen width of the check box or radio circle, at 100%."""

EMPHASIS_BORDER = 4
"""Border width of an emphasised button, at 100%."""

TEXT_CAP = 460
"""Widest a button's text is laid out before it wraps, at 100%."""


def monotonic_ms() -> float:
    """The clock long presses are measured with (tests replace it)."""
    return time.monotonic() * 1000

install()

STYLES = ("primary", "secondary", "danger", "link", "plain", "tile", "quiet")


def button_radius(look: Look, height: float) -> float:
    """Corner radius of a button body ``height`` tall in the current app's shape (pill, rounded, square)."""
    shape = getattr(look.theme, "button_shape", "rounded")
    if shape == "pill":
        return height / 2
    if shape == "square":
        return look.px(SQUARE_RADIUS)
    return look.space.lg


def focus_width(look: Look) -> int:
    return max(3, look.line.thick)


def paint_focus_ring(painter: QPainter, rect: QRectF, look: Look, radius: float) -> None:
    """A thick ring in the theme's focus colour with an inner band in ``focus_inner``.

    The outer band sits on what is around the control, the inner one on the
    control's own fill; one of the two always contrasts at least 3:1 with
    whatever it touches (``Theme.focus_ring_pairs``), so the ring is seen on
    a dark primary button as well as on the light window."""
    width = focus_width(look)
    inner = max(2, round(width * 0.6))
    painter.save()
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(look.colour("focus"), width))
    half = width / 2
    painter.drawRoundedRect(rect.adjusted(half, half, -half, -half), radius + width, radius + width)
    painter.setPen(QPen(look.colour("focus_inner"), inner))
    edge = width + inner / 2
    painter.drawRoundedRect(rect.adjusted(edge, edge, -edge, -edge), radius, radius)
    painter.restore()


class BigButton(QAbstractButton):
    """A large button with wrapped text, an optional icon and a long press."""

    long_pressed = Signal()
    """Fires instead of ``clicked`` after a long press (mouse held, or the Menu key)."""

    def __init__(self, text: str, look: Look, *, style: str = "secondary", icon: str | None = None,
                 icon_top: bool = False, align_left: bool = False, indicator: str | None = None,
                 long_press: bool = False, role: str = "button", bold: bool | None = None,
                 compact: bool = False, icon_px: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._look = look
        self._style = style if style in STYLES else "secondary"
        self._icon = icon
        self._icon_top = icon_top
        self._align_left = align_left
        self._indicator = indicator  # None | "check" | "radio"
        self._long_press = long_press
        self._role = role
        self._compact = compact
        self._icon_px = icon_px
        self._bold = (style in ("primary", "tile")) if bold is None else bold
        self._font_cache = look.font(role, bold=self._bold)
        self._font_key = font_key(self._font_cache)
        self._hfw: dict[int, int] = {}
        self._pressed_at: float | None = None
        self._emphasis = False
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover)
        self.setCheckable(indicator is not None)
        self.setAutoExclusive(indicator == "radio")  # Qt's accessible role: RadioButton, not CheckBox
        if self._style == "link":
            set_role(self, "link")
        if long_press:
            add_action(self, look.tr("a11y.long_press"), self.long_pressed.emit)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setText(text)

    # -- text and accessibility ---------------------------------------------
    def setText(self, text: str) -> None:  # Qt API
        if hasattr(self, "_hfw"):
            self._hfw.clear()
        super().setText(text)
        self.setAccessibleName(text)
        self.updateGeometry()
        self.update()

    def set_look(self, look: Look) -> None:
        """Draw with ``look`` from now on (e.g. a bar that shrinks its words to stay one row)."""
        if look == self._look and look.scale == self._look.scale:
            return
        self._look = look
        self._font_cache = look.font(self._role, bold=self._bold)
        self._font_key = font_key(self._font_cache)
        self._hfw.clear()
        self.__dict__.pop("_padding_cache", None)
        self.__dict__.pop("_chrome_cache", None)
        self.updateGeometry()
        self.update()

    def set_style(self, style: str) -> None:
        """Change the button's style (e.g. 「はじめる」 steps back to secondary beside 「続きから」)."""
        style = style if style in STYLES else "secondary"
        if style != self._style:
            self._style = style
            self.__dict__.pop("_padding_cache", None)
            self.__dict__.pop("_chrome_cache", None)
            self._hfw.clear()
            self.updateGeometry()
            self.update()

    def set_emphasis(self, on: bool) -> None:
        """Draw the button as the suggested next thing to press (no blinking)."""
        if on != self._emphasis:
            self._emphasis = on
            self.update()

    @property
    def emphasised(self) -> bool:
        return self._emphasis

    @property
    def look(self) -> Look:
        return self._look

    # -- geometry -----------------------------------------------------------
    def _font(self):
        return self._font_cache

    def _padding(self) -> tuple[int, int]:
        found = self.__dict__.get("_padding_cache")
        if found is None:
            found = self.__dict__["_padding_cache"] = self._compute_padding()
        return found

    def _compute_padding(self) -> tuple[int, int]:
        if self._style == "tile":
            return self._look.px(TILE_PAD), self._look.px(TILE_PAD)
        if self._style == "link":
            return self._look.space.sm, self._look.space.sm
        if self._compact:
            return self._look.space.sm, self._look.space.md
        return self._look.px(BUTTON_PAD_H), self._look.space.lg

    def _icon_size(self) -> int:
        if self._icon_px is not None:
            return self._look.px(self._icon_px)
        if self._icon_top:
            return self._look.px(TOP_ICON_SIDE)
        return int(line_height(self._font()) * 1.15)

    def _side_extras(self) -> int:
        extra = 0
        gap = self._look.space.lg
        if self._indicator:
            extra += self._look.px(INDICATOR_SIDE) + gap
        if self._icon and not self._icon_top:
            extra += self._icon_size() + gap
        return extra

    def _chrome_width(self) -> int:
        found = self.__dict__.get("_chrome_cache")
        if found is None:
            pad_h, _ = self._padding()
            found = self.__dict__["_chrome_cache"] = 2 * focus_width(self._look) + 2 * pad_h + self._side_extras()
        return found

    def sizeHint(self) -> QSize:
        natural, _ = text_size(self._font(), self.text())
        cap = self._look.px(TEXT_CAP)
        width = min(natural, cap) + self._chrome_width() + 1
        if self._icon_top:
            width = max(width, self._icon_size() + 2 * self._padding()[0] + 2 * focus_width(self._look))
        width = max(width, self._look.target)
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        char, _ = text_size(self._font(), "あ")
        width = max(self._look.target, min(self.sizeHint().width(), self._chrome_width() + char))
        return QSize(width, self._look.target)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        found = self._hfw.get(width)
        if found is None:
            found = self._hfw[width] = self._height_for(width)
        return found

    def _height_for(self, width: int) -> int:
        _, pad_v = self._padding()
        inner = max(1, width - self._chrome_width())
        _, text_h = text_size(self._font_cache, self.text(), inner, key=self._font_key)
        height = text_h + 2 * pad_v + 2 * focus_width(self._look)
        if self._icon_top and self._icon:
            height += self._icon_size() + self._look.space.md
        elif self._icon:
            height = max(height, self._icon_size() + 2 * pad_v + 2 * focus_width(self._look))
        return max(height, self._look.target)

    def text_fits(self) -> bool:
        """True when the whole text is visible at the current size (for tests)."""
        return self.height() >= self.heightForWidth(self.width()) and self.width() >= self.minimumSizeHint().width()

    # -- input --------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.isAutoRepeat():
            event.accept()
            self.animateClick()
            return
        if self._long_press and (key == Qt.Key.Key_Menu or (
                key == Qt.Key.Key_F10 and event.modifiers() & Qt.KeyboardModifier.ShiftModifier)):
            event.accept()
            self.long_pressed.emit()
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._pressed_at = monotonic_ms()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        held = monotonic_ms() - self._pressed_at if self._pressed_at is not None else 0
        self._pressed_at = None
        if (self._long_press and held >= LONG_PRESS_MS and event.button() == Qt.MouseButton.LeftButton
                and self.rect().contains(event.position().toPoint()) and self.isDown()):
            self.setDown(False)
            event.accept()
            self.long_pressed.emit()
            return
        super().mouseReleaseEvent(event)

    # -- painting -----------------------------------------------------------
    def _colours(self) -> tuple[QColor, QColor, QColor | None]:
        look = self._look
        if self._style == "primary":
            fill, text, border = look.colour("primary"), look.colour("primary_text"), None
            if look.theme.name == "high-contrast":
                border = look.colour("primary")
        elif self._style == "danger":
            fill, text, border = look.colour("danger"), look.colour("danger_text"), look.colour("danger_text")
        elif self._style == "link":
            fill, text, border = QColor(0, 0, 0, 0), look.colour("link"), None
        elif self._style in ("plain", "tile"):
            fill, text, border = look.colour("surface"), look.colour("surface_text"), look.colour("border")
        elif self._style == "quiet":
            fill, text, border = QColor(0, 0, 0, 0), look.colour("text"), look.colour("secondary_border")
        else:
            fill, text, border = look.colour("secondary"), look.colour("secondary_text"), look.colour(
                "secondary_border")
        return fill, text, border

    def painted_colours(self) -> tuple[QColor, QColor, QColor | None]:
        """Fill, text and border as painted now. A button that cannot be pressed is drawn plain,
        whatever its style: the muted words on the fill of a secondary button (muted text on a
        primary's dark blue or a danger's red could hardly be read), in a dashed border (``paintEvent``)
        so it is not taken for a secondary button that can be pressed."""
        fill, text, border = self._colours()
        if not self.isEnabled():
            look = self._look
            if fill.alpha():  # (a link or a quiet button has no fill: only its words are muted)
                fill, border = look.colour("secondary"), look.colour("secondary_border")
            text = look.colour("muted")
        return fill, text, border

    def paintEvent(self, event) -> None:
        look = self._look
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        ring = focus_width(look)
        outer = QRectF(self.rect())
        body = outer.adjusted(ring, ring, -ring, -ring)
        radius = button_radius(look, body.height()) if self._style not in ("link", "quiet") else look.space.lg
        radius = min(radius, body.height() / 2, body.width() / 2)
        fill, text_colour, border = self.painted_colours()
        if self.isDown():
            fill = fill.darker(118) if fill.alpha() else look.colour("secondary")
        elif self.underMouse() and self.isEnabled() and fill.alpha():
            fill = fill.darker(106) if fill.lightness() > 60 else fill.lighter(140)
        path = QPainterPath()
        path.addRoundedRect(body, radius, radius)
        painter.fillPath(path, fill)
        border_w = look.line.mid
        if self._emphasis:
            border, border_w = look.colour("highlight"), max(3, look.px(EMPHASIS_BORDER))
        if self.isChecked() and self._indicator:
            border, border_w = look.colour("primary" if look.theme.name != "high-contrast" else "focus"), max(
                3, look.line.thick)
        if border is not None:
            pen = QPen(border, border_w)
            if not self.isEnabled():  # plain and dashed: seen as a button that cannot be pressed yet
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            half = border_w / 2
            painter.drawRoundedRect(body.adjusted(half, half, -half, -half), radius, radius)
        pad_h, pad_v = self._padding()
        content = body.adjusted(pad_h, pad_v, -pad_h, -pad_v)
        if self._indicator:
            content = self._paint_indicator(painter, content, text_colour)
        font = self._font()
        font.setUnderline(self._style == "link")
        if self._icon and self._icon_top:
            size = self._icon_size()
            paint_icon(painter, QRectF(content.left(), content.top(), content.width(), size), self._icon,
                       text_colour, self.text(), stroke=1.8)
            content.setTop(content.top() + size + look.space.md)
        elif self._icon:
            size = self._icon_size()
            top = content.top() + (content.height() - size) / 2
            measured = max(1.0, content.width() - size - look.space.lg)
            if not self._align_left:
                natural, _ = text_size(font, self.text(), measured)
                left = content.left() + max(0.0, (measured - natural) / 2)
            else:
                left = content.left()
            paint_icon(painter, QRectF(left, top, size, size), self._icon, text_colour, self.text())
            content.setLeft(left + size + look.space.lg)
            content.setWidth(measured)  # the width it was measured at, so the lines are the same
        painter.setPen(text_colour)
        # Beside an icon the text block is centred as a whole with the icon (its lines start together).
        align = Qt.AlignmentFlag.AlignLeft if self._align_left or (self._icon and not self._icon_top) \
            else Qt.AlignmentFlag.AlignHCenter
        draw_text(painter, content, self.text(), font, align, valign_centre=True)
        if self.hasFocus():
            paint_focus_ring(painter, outer, look, radius)
        painter.end()

    def _paint_indicator(self, painter: QPainter, content: QRectF, colour: QColor) -> QRectF:
        look = self._look
        side = look.px(INDICATOR_SIDE)
        box = QRectF(content.left(), content.top() + (content.height() - side) / 2, side, side)
        painter.save()
        painter.setPen(QPen(colour, max(2, look.px(INDICATOR_PEN))))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if self._indicator == "radio":
            painter.drawEllipse(box)
            if self.isChecked():
                painter.setBrush(colour)
                painter.drawEllipse(box.adjusted(side * 0.25, side * 0.25, -side * 0.25, -side * 0.25))
        else:
            painter.drawRoundedRect(box, look.space.xs, look.space.xs)
            if self.isChecked():
                paint_icon(painter, box.adjusted(2, 2, -2, -2), "check", colour, stroke=3.2)
        painter.restore()
        return content.adjusted(side + look.space.lg, 0, 0, 0)
