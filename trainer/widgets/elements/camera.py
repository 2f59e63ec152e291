"""A camera viewfinder the learner moves over a real QR code to scan it.

The picture shows a shop counter with the code on a stand, off to one
side. The learner brings the code into the square frame by dragging the
picture, with the arrow keys, or with the four big arrow buttons. When the
whole code is inside the frame it is "scanned" at once (no decoding is
needed: the element knows its data) and a ``scan`` action is sent.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QKeyEvent, QLinearGradient, QMouseEvent, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGridLayout, QSizePolicy, QVBoxLayout, QWidget

from trainer.scenarios.actions import ActionKind
from trainer.scenarios.model import Element
from trainer.widgets.base import ElementContext, ElementWidget
from trainer.widgets.button import BigButton, paint_focus_ring
from trainer.widgets.elements.buttons import fit_words
from trainer.widgets.labels import TextBlock
from trainer.widgets.look import Look
from trainer.widgets.qr_code import paint_qr
from trainer.widgets.registry import element_widget

VIEWFINDER_SIDE = 290
"""Natural side of the camera's square viewfinder at 100 %, in pixels."""
VIEWFINDER_MIN_SIDE = 176
"""Smallest side of the viewfinder at 100 %, in pixels: the phone's shortest line (8 characters of body
text, ``devices.PHONE_LINE_CHARS``), so its screen never scrolls sideways at big text."""
FRAME_SHADOW_PEN = 9
"""Width of the dark pen under the viewfinder's corner marks at 100 %."""
FRAME_PEN = 6
"""Width of the viewfinder's corner marks at 100 %."""

CODE = 0.36
"""Side of the code, as a share of the viewfinder's side."""
FRAME = 0.56
"""Side of the guide frame, as a share of the viewfinder's side."""
STEP = 0.08
"""How far one arrow press moves the picture."""
START = (0.40, 0.34)
"""Where the code starts: its centre's offset from the viewfinder's centre."""
SLACK = 0.02
LIMIT = 0.62


def code_inside(offset: tuple[float, float]) -> bool:
    """True when the whole code is inside the frame (with a little slack)."""
    room = FRAME / 2 - CODE / 2 + SLACK
    return abs(offset[0]) <= room and abs(offset[1]) <= room


class Viewfinder(QWidget):
    """The camera picture with the frame; drag it or use the arrow keys."""

    def __init__(self, data: str, label: str, look: Look, on_scan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data = data
        self.label = label
        self._look = look
        self._on_scan = on_scan
        self.offset = START
        self.scanned = False
        self._drag: tuple[QPointF, tuple[float, float]] | None = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def side(self) -> int:
        return min(self.width(), self.height())

    def sizeHint(self) -> QSize:
        side = self._look.px(VIEWFINDER_SIDE)
        return QSize(side, side)

    def minimumSizeHint(self) -> QSize:
        side = self._look.px(VIEWFINDER_MIN_SIDE)  # a narrow phone screen may shrink it (the arrows still move the code)
        return QSize(side, side)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return min(width, self._look.px(VIEWFINDER_SIDE))

    # -- moving -----------------------------------------------------------------
    def move_code(self, dx: float, dy: float) -> None:
        """Move the picture by (dx, dy) shares of the side; scans when the code is in the frame."""
        x = max(-LIMIT, min(LIMIT, self.offset[0] + dx))
        y = max(-LIMIT, min(LIMIT, self.offset[1] + dy))
        self.offset = (x, y)
        self.update()
        self._check()

    def _check(self) -> None:
        if not self.scanned and code_inside(self.offset):
            self.scanned = True
            self.update()
            self._on_scan()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        moves: dict[int, tuple[float, float]] = {Qt.Key.Key_Left: (-STEP, 0), Qt.Key.Key_Right: (STEP, 0),
                                                 Qt.Key.Key_Up: (0, -STEP), Qt.Key.Key_Down: (0, STEP)}
        if event.key() in moves:
            event.accept()
            self.move_code(*moves[event.key()])
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._drag = (event.position(), self.offset)
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()  # the drag is ours, not the screen's swipe
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag is not None and self.side():
            start, origin = self._drag
            delta = event.position() - start
            self.offset = (max(-LIMIT, min(LIMIT, origin[0] + delta.x() / self.side())),
                           max(-LIMIT, min(LIMIT, origin[1] + delta.y() / self.side())))
            self.update()
            self._check()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._drag = None
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        super().mouseReleaseEvent(event)

    # -- geometry for tests and hints --------------------------------------------
    def view_rect(self) -> QRectF:
        side = self.side()
        return QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)

    def code_rect(self) -> QRectF:
        view = self.view_rect()
        side = view.width()
        centre = view.center() + QPointF(self.offset[0] * side, self.offset[1] * side)
        half = CODE * side / 2
        return QRectF(centre.x() - half, centre.y() - half, 2 * half, 2 * half)

    def frame_rect(self) -> QRectF:
        view = self.view_rect()
        half = FRAME * view.width() / 2
        return QRectF(view.center().x() - half, view.center().y() - half, 2 * half, 2 * half)

    # -- painting -----------------------------------------------------------------
    def paintEvent(self, event) -> None:
        look = self._look
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        view = self.view_rect()
        radius = look.space.wide
        clip = QPainterPath()
        clip.addRoundedRect(view, radius, radius)
        painter.setClipPath(clip)
        side = view.width()
        code = self.code_rect()
        # the shop: a wall and a counter that move with the code
        wall = QLinearGradient(view.topLeft(), view.bottomLeft())
        wall.setColorAt(0, QColor("#B9A58C"))
        wall.setColorAt(1, QColor("#8C7358"))
        painter.fillRect(view, wall)
        counter_top = code.bottom() + side * 0.12
        painter.fillRect(QRectF(view.left(), counter_top, view.width(), view.bottom() - counter_top + side),
                         QColor("#5E4630"))
        # the stand holding the code and the shop name
        stand = code.adjusted(-side * 0.04, -side * 0.04, side * 0.04, side * 0.13)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#FFFFFF"))
        painter.drawRoundedRect(stand, side * 0.02, side * 0.02)
        paint_qr(painter, code, self.data)
        if self.label:
            font = look.font("small", bold=True)
            font.setPixelSize(max(10, int(side * 0.055)))
            painter.setFont(font)
            painter.setPen(QColor("#1A1A1A"))
            painter.drawText(QRectF(stand.left(), code.bottom(), stand.width(), stand.bottom() - code.bottom()),
                             Qt.AlignmentFlag.AlignCenter, self.label)
        # dim what is outside the frame, then draw the frame's corners
        frame = self.frame_rect()
        outside = QPainterPath()
        outside.addRect(view)
        inner = QPainterPath()
        inner.addRoundedRect(frame, side * 0.02, side * 0.02)
        painter.fillPath(outside.subtracted(inner), QColor(0, 0, 0, 110))
        painter.setClipping(False)
        corner = frame.width() * 0.22
        colour = QColor("#7CF07C") if self.scanned else QColor("#FFFFFF")
        for pen in (QPen(QColor("#000000"), max(6, look.px(FRAME_SHADOW_PEN))), QPen(colour, max(4, look.px(FRAME_PEN)))):
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            painter.setPen(pen)
            for (x, y), (sx, sy) in (((frame.left(), frame.top()), (1, 1)), ((frame.right(), frame.top()), (-1, 1)),
                                     ((frame.left(), frame.bottom()), (1, -1)),
                                     ((frame.right(), frame.bottom()), (-1, -1))):
                painter.drawLine(QPointF(x, y), QPointF(x + sx * corner, y))
                painter.drawLine(QPointF(x, y), QPointF(x, y + sy * corner))
        if self.hasFocus():
            paint_focus_ring(painter, view.adjusted(-2, -2, 2, 2), look, radius)
        painter.end()


@element_widget("camera")
class CameraElement(ElementWidget):
    """The viewfinder, what to do, and four arrow buttons (the keyboard path)."""

    def __init__(self, element: Element, ctx: ElementContext, parent: QWidget | None = None) -> None:
        super().__init__(element, ctx, parent)
        look = self.look
        target = element.props.get("target", {})
        data = str(target.get("data", ""))
        label = ctx.text(target.get("label")) if target.get("label") is not None else ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(look.space.md)
        self.status = TextBlock(look.tr("camera.frame"), look, colour="screen_text", bold=True)
        layout.addWidget(self.status)
        self.viewfinder = Viewfinder(data, label, look, self._scanned)
        self.viewfinder.setAccessibleName(look.tr("camera.frame"))
        layout.addWidget(self.viewfinder, 0, Qt.AlignmentFlag.AlignHCenter)
        arrows = QGridLayout()
        arrows.setSpacing(look.space.sm)
        self.arrows: dict[str, BigButton] = {}
        # the inverted T of a keyboard's arrow keys
        for name, (row, column), (dx, dy) in (("up", (0, 1), (0, -STEP)), ("left", (1, 0), (-STEP, 0)),
                                              ("down", (1, 1), (0, STEP)), ("right", (1, 2), (STEP, 0))):
            button = BigButton(look.tr(f"camera.{name}"), look, style="secondary", icon=name, compact=True,
                               icon_top=True, icon_px=26)
            button.clicked.connect(lambda _=False, x=dx, y=dy: self.viewfinder.move_code(x, y))
            self.arrows[name] = button
            arrows.addWidget(button, row, column)
        for column in range(3):
            arrows.setColumnStretch(column, 1)
        self._arrow_grid = arrows
        layout.addLayout(arrows)
        layout.addWidget(TextBlock(look.tr("camera.how"), look, role="small", colour="screen_muted"))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        column = (event.size().width() - 2 * self._arrow_grid.horizontalSpacing()) // 3
        for button in self.arrows.values():
            fit_words(button, self.look, column)  # 「上へ」 whole in a third of a narrow screen

    def _scanned(self) -> None:
        self.status.set_text(self.look.tr("camera.scanned"))
        self.emit_action(ActionKind.SCAN, self.element.id, self.viewfinder.data)

    def target_widget(self, target: str):
        if target == self.element.id or target == self.viewfinder.data:
            return self.viewfinder
        return None
