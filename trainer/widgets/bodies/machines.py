"""Machines in a shop or a clinic, drawn with their bodies: the store's
multi-copy machine, an ATM, the clinic's face-recognition card reader, a
till's customer display, and a sheet of paper in the hand.

The layouts follow the real machines: the multi-copier has its card tray
and coin and note slots to the right of the screen and the paper outlet low
on the front; the ATM its card and receipt slots right of the screen and the
covered note slot below it; the clinic reader its camera on top, the screen,
and the card tray at the bottom.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QMargins, QMarginsF, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QLinearGradient,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QVBoxLayout, QWidget

from trainer.scenarios.actions import Action, ActionKind
from trainer.scenarios.model import Screen
from trainer.widgets.bodies.parts import (
    CASING,
    BodyFrame,
    PartWidget,
    outlet_painter,
    outlet_thing,
    print_label,
    slot_painter,
    slot_thing,
    tray_painter,
    tray_thing,
)
from trainer.widgets.devices import Bar
from trainer.widgets.icons import paint_icon
from trainer.widgets.look import SPACE, Look
from trainer.widgets.screen_view import ScreenView

CAPTION_ROOM = 30
"""The band on top of a machine's casing where its name is printed, at 100 %."""
FACE_FRAME_PEN = 4
"""The pen of the oval the learner fits their face into, on the card reader's camera view."""
ATM_HOOD_HEIGHT = 10
"""The privacy hood over the ATM's screen, how deep it is at 100 %."""
TILL_FRAME = 22
"""The till display's black frame at the sides of its screen, at 100 %."""
TILL_STAND_ROOM = 70
"""The room under the till display's screen for its frame and its stand, at 100 %."""
TILL_STAND = 58
"""How much of the till's body the stand (neck and foot) takes below the display, at 100 %."""
TILL_NECK = (44, 40)
"""The till stand's neck, width and height at 100 %."""
TILL_FOOT = (240, 16)
"""The till stand's foot on the counter, width and height at 100 %."""
PAPER_SIDE = 26
"""The table showing at each side of a form, at least, at 100 %."""
RECEIPT_SIDE = 70
"""The table showing at each side of a receipt, at least, at 100 %."""
PAPER_TOP = 26
"""The table above the sheet of paper, at 100 %."""
PAPER_BOTTOM = 34
"""The table below the sheet of paper, at 100 %."""
SHEET_FOOT = 18
"""How far the sheet reaches below its text, at 100 % (it reaches ``space.wide`` past the other sides)."""
SHADOW_DROP = 5
"""How far the sheet's shadow falls downwards, at 100 %."""
RECEIPT_TOOTH = (14, 7)
"""One tooth of a receipt's torn edge, width and depth at 100 %."""


def capped(look: Look, value: float, most: float = 1.8) -> int:
    """A part's size: it grows with the text, but a machine does not grow threefold."""
    return min(look.px(value), round(value * most))


class _ScreenBox(QWidget):
    """The touch screen set in the machine: a title bar over the scrolling screen."""

    def __init__(self, look: Look, scroll: QWidget, title_role: str = "title") -> None:
        super().__init__()
        inner = QVBoxLayout(self)
        pad = look.space.sm
        inner.setContentsMargins(pad, pad, pad, pad)
        inner.setSpacing(0)
        self.header = Bar(look, "header", "header_text", role=title_role)
        inner.addWidget(self.header)
        inner.addWidget(scroll, 1)


def column(rect: QRectF, parts: list[tuple[list[QWidget], float]], gap: float) -> None:
    """Put rows of parts one under another in ``rect``: each row ``share`` of its height, its parts
    side by side and equally wide, ``gap`` between and around them."""
    y = rect.top() + gap
    for widgets, share in parts:
        height = rect.height() * share
        width = (rect.width() - gap * (len(widgets) + 1)) / len(widgets)
        for index, widget in enumerate(widgets):
            x = rect.left() + gap + index * (width + gap)
            widget.setGeometry(QRectF(x, y, width, height).toRect())
        y += height + gap


def paint_casing(painter: QPainter, rect: QRectF, look: Look, top: str = CASING, radius: float = 16) -> None:
    gradient = QLinearGradient(rect.topLeft(), rect.bottomLeft())
    gradient.setColorAt(0, QColor(top).lighter(104))
    gradient.setColorAt(1, QColor(top).darker(115))
    path = QPainterPath()
    path.addRoundedRect(rect, look.px(radius), look.px(radius))
    painter.fillPath(path, gradient)
    painter.setPen(QPen(QColor("#6B7177"), 2))
    painter.drawPath(path)


def caption_room(look: Look) -> int:
    """The top margin of a machine, where its name is printed on the casing."""
    return min(look.px(CAPTION_ROOM), 48)


def paint_caption(painter: QPainter, rect: QRectF, text: str, look: Look, colour: str) -> None:
    """The machine's name, printed small on the top of its casing (「マルチコピー機（練習用）」)."""
    band = QRectF(rect.left() + look.space.xl, rect.top() + 2, rect.width() - look.px(SPACE["xl"] * 2), caption_room(look) - 2)
    font = look.font("small", bold=True)
    font.setPixelSize(max(12, min(look.size("small"), int(band.height() * 0.6))))
    painter.setFont(font)
    painter.setPen(QColor(colour))
    painter.drawText(band, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)


def paint_bezel(painter: QPainter, widget: QWidget, look: Look) -> None:
    """The black glass around a screen set in the casing."""
    rect = QRectF(widget.geometry()).adjusted(-look.space.xs, -look.space.xs, look.space.xs, look.space.xs)
    path = QPainterPath()
    path.addRoundedRect(rect, look.space.md, look.space.md)
    painter.fillPath(path, QColor("#111315"))


class MachineBody(BodyFrame):
    """A machine whose touch screen is set in its casing under the machine's printed name (the
    kiosk, the ATM, the clinic's reader, the till's display): the casing's margins, the screen
    with its title bar in the app's colour, the name as the accessible name."""

    caption_key = "device.kiosk"
    """The machine's name, printed on its casing and said by a screen reader."""
    title_role = "title"
    """The text role of the screen's title bar."""

    def __init__(self, look: Look, parent: QWidget | None = None) -> None:
        super().__init__(look, parent)
        self.outer = QVBoxLayout(self)
        self.outer.setContentsMargins(self.casing_margins(look))
        self.setAccessibleName(look.tr(self.caption_key))
        self.screen_box = _ScreenBox(look, self.scroll_area, title_role=self.title_role)
        self.header = self.screen_box.header
        self.outer.addWidget(self.screen_box, 1)

    @staticmethod
    def casing_margins(look: Look) -> QMargins:
        """The casing around the screen: its name printed above it."""
        pad = min(look.space.gap, 18)
        return QMargins(pad, caption_room(look), pad, pad)

    def _chrome(self, screen: Screen, view: ScreenView) -> None:
        self.header.set_look(view.ctx.look)  # the app's header colour (app_looks), or the player's
        self.header.set_text(self.title_of(screen, view))


class KioskBody(MachineBody):
    """The convenience store's multi-copy machine (コンビニ交付): the touch panel in
    its casing, the card tray, coin and note slots and change outlet to its
    right, the paper outlet below."""

    name = "kiosk"
    width_100 = 820
    min_width_100 = 600
    aspect = 4 / 3
    """The touch panel in its casing (4 : 3; the tray and slots beside it are ``extras``)."""
    extras = QMarginsF(0, 0, 0.44, 0.24)
    """The column of tray and slots to the panel's right; the paper outlet below it."""
    screen_100 = 400
    screen_height_100 = 300
    casing_100 = (22, 30)
    caption_key = "device.kiosk"

    def __init__(self, look: Look, parent: QWidget | None = None) -> None:
        super().__init__(look, parent)
        tray = self.add_part("card-tray", tray_painter("body.card_here"))
        tray.thing_at = tray_thing
        self.add_part("coin-slot", slot_painter("body.coin_slot", 0.35))
        self.add_part("note-slot", slot_painter("body.note_slot", 0.8))
        change = self.add_part("change-outlet", outlet_painter("body.change"))
        change.thing_at = outlet_thing
        outlet = self.add_part("printer-outlet", outlet_painter("body.outlet"))
        outlet.thing_at = outlet_thing

    def place_parts(self) -> None:
        unit = self.body_rect().height()
        side = self.extra_rect("right").adjusted(0, caption_room(self.look) * 0.5, 0, 0)
        parts = self.parts
        column(side, [([parts["card-tray"]], 0.34), ([parts["coin-slot"], parts["note-slot"]], 0.22),
                      ([parts["change-outlet"]], 0.2)], unit * 0.03)
        below = self.extra_rect("bottom")
        body = self.body_rect()
        width = body.width() * 0.7
        parts["printer-outlet"].setGeometry(QRectF(body.center().x() - width / 2, below.top() + unit * 0.02, width,
                                                   below.height() - unit * 0.06).toRect())

    def paint_body(self, painter: QPainter, rect: QRectF) -> None:
        paint_casing(painter, rect, self.look)
        paint_caption(painter, rect, self.look.tr(self.caption_key), self.look, "#2B3036")
        paint_bezel(painter, self.screen_box, self.look)


class AtmBody(MachineBody):
    """An ATM: the screen under its hood, the card and receipt slots to its right,
    the covered note slot below."""

    name = "atm"
    width_100 = 780
    min_width_100 = 580
    aspect = 4 / 3
    """The touch screen in its casing, under the hood."""
    extras = QMarginsF(0, 0, 0.42, 0.26)
    """The card and receipt slots to the screen's right; the note slot below."""
    screen_100 = 400
    screen_height_100 = 300
    casing_100 = (22, 34)
    caption_key = "device.atm"

    @staticmethod
    def casing_margins(look: Look) -> QMargins:
        """Its name, then the hood over the screen."""
        margins = MachineBody.casing_margins(look)
        margins.setTop(margins.top() + min(look.space.md, 12))
        return margins

    def __init__(self, look: Look, parent: QWidget | None = None) -> None:
        super().__init__(look, parent)
        card = self.add_part("card-slot", slot_painter("body.card_slot", 0.7, led=True))
        card.thing_at = slot_thing
        receipt = self.add_part("receipt-slot", slot_painter("body.receipt", 0.55))
        receipt.thing_at = slot_thing
        notes = self.add_part("note-slot", outlet_painter("body.atm_notes"))
        notes.thing_at = outlet_thing

    def place_parts(self) -> None:
        unit = self.body_rect().height()
        side = self.extra_rect("right").adjusted(0, caption_room(self.look), 0, 0)
        column(side, [([self.parts["card-slot"]], 0.3), ([self.parts["receipt-slot"]], 0.28)], unit * 0.04)
        below = self.extra_rect("bottom")
        body = self.body_rect()
        width = body.width() * 0.66
        self.parts["note-slot"].setGeometry(QRectF(body.center().x() - width / 2, below.top() + unit * 0.03, width,
                                                   below.height() - unit * 0.07).toRect())

    def paint_body(self, painter: QPainter, rect: QRectF) -> None:
        paint_casing(painter, rect, self.look, "#3E5368")
        paint_caption(painter, rect, self.look.tr(self.caption_key), self.look, "#FFFFFF")
        # the hood over the screen, for privacy
        hood = QRectF(self.screen_box.geometry()).adjusted(-self.look.space.lg, -self.look.space.gap, self.look.space.lg, 0)
        hood.setHeight(self.look.px(ATM_HOOD_HEIGHT))
        painter.fillRect(hood, QColor("#2B3A49"))
        paint_bezel(painter, self.screen_box, self.look)


class FaceCamera(PartWidget):
    """The reader's camera view: the learner's face (a silhouette) and the
    frame to fit it in. Drag the face into the frame, or use the arrow keys;
    Enter looks straight at the camera. Either sends ``look``."""

    STEP = 0.1

    def __init__(self, body: BodyFrame, size: QSize, done_key: str = "body.face_done") -> None:
        super().__init__(body.kind.parts["camera"], body.look, self._paint_view, body.hand.objects, size)
        self.done_key = done_key
        self.state = "off"
        self.offset = QPointF(0.32, 0.22)
        """Where the face is, relative to the frame's centre (fractions of the view)."""
        self._drag: tuple[QPointF, QPointF] | None = None

    def set_state(self, state: str) -> None:
        self.state = state
        self.offset = QPointF(0.32, 0.22) if state == "frame" else QPointF(0, 0)
        self.setVisible(state != "off")
        self.update()

    def aligned(self) -> bool:
        return abs(self.offset.x()) < 0.08 and abs(self.offset.y()) < 0.08

    def _looked(self) -> None:
        self.offset = QPointF(0, 0)
        self.update()
        self.acted.emit(Action(ActionKind.LOOK, "camera"))

    def activate(self) -> None:
        if self.state == "frame":
            self._looked()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        moves: dict[int, tuple[int, int]] = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0),
                                             Qt.Key.Key_Up: (0, -1), Qt.Key.Key_Down: (0, 1)}
        if event.key() in moves and self.state == "frame":
            dx, dy = moves[event.key()]
            self.offset = QPointF(self.offset.x() + dx * self.STEP, self.offset.y() + dy * self.STEP)
            self.update()
            event.accept()
            if self.aligned():
                self._looked()
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.state == "frame":
            self._drag = (event.position(), QPointF(self.offset))
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag is not None:
            start, origin = self._drag
            delta = event.position() - start
            self.offset = QPointF(origin.x() + delta.x() / max(1, self.width()),
                                  origin.y() + delta.y() / max(1, self.height()))
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._drag is not None:
            self._drag = None
            event.accept()
            if self.aligned():
                self._looked()
            return
        super().mouseReleaseEvent(event)

    def frame_rect(self) -> QRectF:
        rect = QRectF(self.rect())
        height = rect.height() * 0.74
        return QRectF(rect.center().x() - height * 0.38, rect.top() + rect.height() * 0.08, height * 0.76, height)

    def face_centre(self) -> QPointF:
        frame = self.frame_rect()
        return QPointF(frame.center().x() + self.offset.x() * self.width(),
                       frame.center().y() + self.offset.y() * self.height())

    @staticmethod
    def _paint_view(painter: QPainter, rect: QRectF, part: PartWidget) -> None:
        self = part
        assert isinstance(self, FaceCamera)
        look = self.look
        gradient = QLinearGradient(rect.topLeft(), rect.bottomLeft())
        gradient.setColorAt(0, QColor("#5D6B78"))
        gradient.setColorAt(1, QColor("#2C343C"))
        painter.fillRect(rect, gradient)
        frame = self.frame_rect()
        centre = self.face_centre()
        head = frame.height() * 0.34
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#E8C9A8"))
        painter.drawEllipse(centre, head * 0.72, head * 0.9)
        painter.setBrush(QColor("#3B3B48"))
        shoulders = QRectF(centre.x() - head * 1.6, centre.y() + head * 0.95, head * 3.2, head * 1.6)
        painter.drawRoundedRect(shoulders, head * 0.6, head * 0.6)
        colour = {"frame": "#FFFFFF", "checking": "#F2C94C", "done": "#35C46A"}.get(self.state, "#FFFFFF")
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(QColor(colour), max(3, look.px(FACE_FRAME_PEN)), Qt.PenStyle.DashLine if self.state == "frame"
                            else Qt.PenStyle.SolidLine))
        painter.drawEllipse(frame)
        key = {"frame": "body.face_fit", "checking": "body.face_checking", "done": self.done_key}.get(self.state)
        if key:
            band = QRectF(rect.left(), frame.bottom() + look.space.xxs, rect.width(), rect.bottom() - frame.bottom() - 2)
            painter.fillRect(band, QColor(0, 0, 0, 150))
            print_label(painter, band.adjusted(4, 2, -4, -2), look.tr(key), look, "#FFFFFF", 0.6)
        if self.state == "done":
            paint_icon(painter, QRectF(frame.right() - head * 0.4, frame.top(), head * 0.8, head * 0.8), "check",
                       QColor("#35C46A"), stroke=3)


class FaceReaderBody(MachineBody):
    """The clinic's face-recognition card reader, upright on the counter: the
    camera on top (its view with the face frame while it looks), the screen,
    the card tray at the bottom."""

    name = "card-reader"
    width_100 = 560
    min_width_100 = 440
    aspect = 4 / 3
    """The touch screen in its casing (4 : 3; camera and tray above and below it are ``extras``)."""
    extras = QMarginsF(0, 0.12, 0, 0.5)
    """The lens above the screen; the card tray below it."""
    camera_share = 0.5
    """The camera's view above the screen while it looks, as a share of the screen's height."""
    screen_100 = 380
    screen_height_100 = 240
    casing_100 = (18, 34)
    caption_key = "device.face_reader"
    title_role = "large"

    def __init__(self, look: Look, parent: QWidget | None = None) -> None:
        super().__init__(look, parent)
        self.camera = FaceCamera(self, QSize(capped(look, 260, 1.5), capped(look, 160, 1.5)))
        self.camera.setParent(self)
        self.parts["camera"] = self.camera
        self.camera.acted.connect(self.acted)
        self.camera.hide()
        tray = self.add_part("card-tray", tray_painter("body.card_here"))
        tray.thing_at = tray_thing

    def parts_extras(self) -> QMarginsF:
        extras = QMarginsF(self.extras)
        if getattr(self, "camera", None) is not None and self.camera.state != "off":
            extras.setTop(extras.top() + self.camera_share)
        return extras

    def place_parts(self) -> None:
        unit = self.body_rect().height()
        top = self.extra_rect("top")
        lens = unit * self.extras.top()
        view = top.adjusted(0, lens, 0, 0)
        width = min(view.width() * 0.8, view.height() * 1.5)
        self.camera.setGeometry(QRectF(view.center().x() - width / 2, view.top(), width,
                                       view.height()).toRect())
        below = self.extra_rect("bottom")
        width = min(below.width() * 0.62, below.height() * 1.8)
        self.parts["card-tray"].setGeometry(QRectF(below.center().x() - width / 2, below.top() + unit * 0.04, width,
                                                   below.height() - unit * 0.08).toRect())

    def apply_body(self, body: Mapping[str, Any]) -> None:
        self.camera.set_state(str(body.get("camera", "off")))

    def paint_body(self, painter: QPainter, rect: QRectF) -> None:
        look = self.look
        paint_casing(painter, rect, look, "#2F3338", 22)
        body = self.body_rect()
        paint_caption(painter, body, look.tr(self.caption_key), look, "#E6E8EA")
        # the lens, centred over the screen
        band = body.height() * self.extras.top()
        lens = QPointF(rect.center().x(), rect.top() + band * 0.55)
        radius = max(4.0, band * 0.28)
        painter.setBrush(QColor("#0B0C0E"))
        painter.setPen(QPen(QColor("#7A828A"), 2))
        painter.drawEllipse(lens, radius, radius)
        painter.setBrush(QColor("#3A6EA5"))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawEllipse(lens, radius * 0.4, radius * 0.4)
        paint_bezel(painter, self.screen_box, look)


class TillBody(MachineBody):
    """A till's small customer display on its stand, facing the customer."""

    name = "till"
    width_100 = 560
    min_width_100 = 420
    aspect = 1.15
    """A customer display on its stand: a small landscape screen."""
    screen_100 = 380
    screen_height_100 = 280
    casing_100 = (28, 60)
    caption_key = "device.till"
    title_role = "large"

    @staticmethod
    def casing_margins(look: Look) -> QMargins:
        """A wide black frame round the small screen, the stand below it."""
        pad = look.px(TILL_FRAME)
        return QMargins(pad, caption_room(look), pad, look.px(TILL_STAND_ROOM))

    def paint_body(self, painter: QPainter, rect: QRectF) -> None:
        look = self.look
        display = QRectF(rect.left(), rect.top(), rect.width(), rect.height() - look.px(TILL_STAND))
        paint_casing(painter, display, look, "#26292D", 14)
        paint_caption(painter, display, look.tr(self.caption_key), look, "#E6E8EA")
        paint_bezel(painter, self.screen_box, look)
        # the stand and its foot on the counter
        neck = QRectF(rect.center().x() - look.px(TILL_NECK[0] / 2), display.bottom(), look.px(TILL_NECK[0]),
                      look.px(TILL_NECK[1]))
        painter.fillRect(neck, QColor("#3A3E43"))
        foot = QRectF(rect.center().x() - look.px(TILL_FOOT[0] / 2), neck.bottom() - 2, look.px(TILL_FOOT[0]),
                      look.px(TILL_FOOT[1]))
        painter.setBrush(QColor("#2A2D31"))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawRoundedRect(foot, look.space.sm, look.space.sm)


A4 = 210 / 297
"""Width / height of an A4 sheet (ISO 216: 210 × 297 mm, the ratio 1 : √2)."""
RECEIPT = 0.5
"""Width / height of a receipt torn off its roll: 80 mm wide (the common till roll; 58 mm on
small terminals), about twice as long as wide for a few lines."""


class PaperBody(BodyFrame):
    """A sheet of paper in the hand: a form, or a receipt (no clock, no battery)."""

    name = "paper"
    width_100 = 560
    min_width_100 = 400
    aspect = 0.75
    """A sheet in the hand on the table (A4 is 0.71)."""
    screen_100 = 360
    screen_height_100 = 420
    casing_100 = (40, 34)

    def __init__(self, look: Look, parent: QWidget | None = None) -> None:
        super().__init__(look, parent)
        self.receipt = False
        self._outer = QVBoxLayout(self)
        self._outer.setSpacing(look.space.md)
        self._margins(False)
        self.scroll_area.setAccessibleName(look.tr("device.paper"))
        palette = self.scroll_area.palette()
        palette.setColor(QPalette.ColorRole.Window, look.colour("screen"))
        self.scroll_area.setPalette(palette)
        self._outer.addWidget(self.scroll_area, 1)

    def _margins(self, receipt: bool) -> None:
        look = self.look
        self._side = min(look.px(RECEIPT_SIDE), 90) if receipt else min(look.px(PAPER_SIDE), 40)
        self._base_margins = QMargins(0, look.px(PAPER_TOP), 0, look.px(PAPER_BOTTOM))  # the sides: _place_sheet
        self._outer.setContentsMargins(self._side, look.px(PAPER_TOP), self._side, look.px(PAPER_BOTTOM))
        self._place_sheet()

    def apply_body(self, body: Mapping[str, Any]) -> None:
        self.receipt = body.get("kind") == "receipt"
        self._margins(self.receipt)
        self.update()

    def _place(self) -> None:
        super()._place()
        self._place_sheet()

    def _place_sheet(self) -> None:
        """A form is an A4 sheet (210 × 297 mm, ISO 216) on the table: the sides take what its
        proportions leave; a receipt is a narrow strip (a 58 or 80 mm roll)."""
        if getattr(self, "_side", None) is None:
            return  # not built yet
        look = self.look
        body = self.body_rect()
        top, bottom = look.px(PAPER_TOP), look.px(PAPER_BOTTOM)
        sheet_height = body.height() - top - bottom + look.space.wide + look.px(SHEET_FOOT)
        wanted = RECEIPT if self.receipt else A4
        side = max(self._side, round((body.width() + 2 * look.space.wide - wanted * sheet_height) / 2))
        # never narrower than the paper's text needs (the device's text size was reckoned on that)
        side = min(side, max(self._side, round((body.width() - self.screen_100 * look.scale) / 2)))
        self._outer.setContentsMargins(round(body.left()) + side, round(body.top()) + top,
                                       round(self.width() - body.right()) + side,
                                       round(self.height() - body.bottom()) + bottom)

    def face_rect(self) -> QRectF:
        """The sheet itself: what has the real thing's proportions (the table around it has none)."""
        return self.sheet_rect(self.body_rect())

    @property
    def real_name(self) -> str:
        """``paper`` for a form (A4), ``receipt`` for a receipt (its length follows what it lists)."""
        return "receipt" if self.receipt else "paper"

    def sheet_rect(self, rect: QRectF) -> QRectF:
        geometry = QRectF(self.scroll_area.geometry())
        return geometry.adjusted(-self.look.space.wide, -self.look.space.wide, self.look.space.wide,
                                 self.look.px(SHEET_FOOT))

    def paint_body(self, painter: QPainter, rect: QRectF) -> None:
        look = self.look
        painter.fillRect(rect, QColor("#CDB89A"))  # the table
        sheet = self.sheet_rect(rect)
        shadow = sheet.translated(look.space.xs, look.px(SHADOW_DROP))
        painter.fillRect(shadow, QColor(0, 0, 0, 60))
        path = QPainterPath()
        if self.receipt:
            # a receipt torn off the roll: a zigzag bottom edge
            path.moveTo(sheet.topLeft())
            path.lineTo(sheet.topRight())
            teeth = max(8, int(sheet.width() / look.px(RECEIPT_TOOTH[0])))
            step = sheet.width() / teeth
            path.lineTo(sheet.right(), sheet.bottom())
            for index in range(teeth):
                x = sheet.right() - (index + 0.5) * step
                path.lineTo(x, sheet.bottom() - look.px(RECEIPT_TOOTH[1]))
                path.lineTo(sheet.right() - (index + 1) * step, sheet.bottom())
            path.closeSubpath()
        else:
            path.addRect(sheet)
        painter.fillPath(path, look.colour("screen"))
        painter.setPen(QPen(QColor("#9B8E79"), 1))
        painter.drawPath(path)
