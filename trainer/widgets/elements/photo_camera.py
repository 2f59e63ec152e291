"""A phone's camera for taking photos, laid out as camera apps are.

What the camera sees fills the top; under it a dark bar holds, left to
right, the last photo as a small round-cornered picture (tap to see it),
the big white round shutter, and the round switch between the back and
the front (selfie) camera. Each is a real button (Tab, Enter, Space) whose
accessible name is its label, so 「白い丸のシャッター」 and 「左下の小さな写真」
describe what is drawn.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from trainer.scenarios.actions import ActionKind
from trainer.scenarios.model import Element
from trainer.widgets.base import ElementContext, ElementWidget
from trainer.widgets.button import BigButton, paint_focus_ring
from trainer.widgets.elements.image import Picture
from trainer.widgets.icons import paint_icon
from trainer.widgets.labels import TextBlock
from trainer.widgets.look import Look
from trainer.widgets.registry import element_widget

SHUTTER_SIDE = 76
"""Diameter of the shutter button at 100 %, in pixels."""
CAMERA_BUTTON_SIDE = 56
"""Diameter of the camera's other round buttons at 100 %, in pixels."""
SHUTTER_RING_PEN = 4
"""Width of the white ring round the shutter at 100 %."""
VIEW_WIDTH = 380
"""Widest the camera's view is drawn at 100 %, in pixels."""

BAR = "#111111"
"""The camera's control bar is black on every phone (and in both themes)."""


class CameraButton(BigButton):
    """The shutter, the thumbnail or the switch, painted as the camera app draws them."""

    def __init__(self, kind: str, label: str, look: Look, thumbnail: QPixmap | None = None,
                 parent: QWidget | None = None) -> None:
        self.kind = kind
        self._thumb = thumbnail
        super().__init__(label, look, style="quiet", parent=parent)
        self.setAccessibleName(label)
        self.setToolTip(label)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def _side(self) -> int:
        return self.look.px(SHUTTER_SIDE if self.kind == "shutter" else CAMERA_BUTTON_SIDE)

    @staticmethod
    def outer(kind: str, look: Look) -> int:
        """The button's side with its ring, in ``look``."""
        side = look.px(SHUTTER_SIDE if kind == "shutter" else CAMERA_BUTTON_SIDE)
        return max(side, look.target) + 2 * max(3, look.line.thick)

    def sizeHint(self) -> QSize:
        side = self.outer(self.kind, self.look)
        return QSize(side, side)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def hasHeightForWidth(self) -> bool:
        return False

    def text_fits(self) -> bool:
        return True  # the label is its accessible name and the words under the bar

    def paintEvent(self, event) -> None:
        look = self.look
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = self._side()
        box = QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)
        down = self.isDown()
        if self.kind == "shutter":
            painter.setPen(QPen(QColor("#FFFFFF"), max(3, look.px(SHUTTER_RING_PEN))))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(box.adjusted(2, 2, -2, -2))
            inner = box.adjusted(side * 0.12, side * 0.12, -side * 0.12, -side * 0.12)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#C8C8C8" if down else "#FFFFFF"))
            painter.drawEllipse(inner)
        elif self.kind == "thumbnail":
            path = QPainterPath()
            path.addRoundedRect(box, look.space.md, look.space.md)
            painter.setClipPath(path)
            if self._thumb is not None and not self._thumb.isNull():
                painter.drawPixmap(box, self._thumb, QRectF(self._thumb.rect()))
            else:
                painter.fillPath(path, QColor("#555555"))
            painter.setClipping(False)
            painter.setPen(QPen(QColor("#FFFFFF"), max(2, look.line.mid)))
            painter.drawPath(path)
        else:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#4A4A4A" if down else "#333333"))
            painter.drawEllipse(box)
            inset = side * 0.22
            paint_icon(painter, box.adjusted(inset, inset, -inset, -inset), "repeat", "#FFFFFF")
        if self.hasFocus():
            paint_focus_ring(painter, QRectF(self.rect()), look, self.width() / 2 - max(3, look.line.thick))
        painter.end()


class _Bar(QWidget):
    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(BAR))
        painter.end()


@element_widget("photo-camera")
class PhotoCameraElement(ElementWidget):
    """What the camera sees, and the camera's control bar."""

    def __init__(self, element: Element, ctx: ElementContext, parent: QWidget | None = None) -> None:
        super().__init__(element, ctx, parent)
        look = self.look
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        view = QPixmap(str(ctx.asset(str(element.props.get("src", "")))))
        alt = ctx.text(element.text("alt"))
        self.view = Picture(view, look.px(VIEW_WIDTH), self)
        self.view.setAccessibleName(alt)
        layout.addWidget(self.view)
        thumb_src = element.props.get("thumbnail")
        thumb = QPixmap(str(ctx.asset(str(thumb_src)))) if thumb_src else view
        bar = _Bar()
        row = QHBoxLayout(bar)
        pad = look.space.gap
        row.setContentsMargins(pad, pad, pad, pad)
        row.setSpacing(0)  # the stretches part the buttons
        self._row = row
        self._spacers: dict[str, QWidget] = {}
        self._bar_scale = look.scale  # the scale the bar's buttons are drawn at (``_fit_bar``)
        self.buttons: dict[str, CameraButton] = {}
        slots: dict[str, CameraButton | None] = {"thumbnail": None, "shutter": None, "switch": None}
        for item in element.props.get("buttons", ()):
            button = CameraButton(item["kind"], ctx.text(item.get("label")), look, thumb)
            button_id = item["id"]
            button.clicked.connect(lambda _=False, b=button_id: self.emit_action(ActionKind.TAP, b))
            self.buttons[button_id] = button
            slots[item["kind"]] = button
        for kind in ("thumbnail", "shutter", "switch"):  # left, middle, right — always in these places
            slot = slots[kind]
            if slot is None:
                spacer = QWidget()
                side = CameraButton.outer(kind, look)
                spacer.setFixedSize(side, side)
                self._spacers[kind] = spacer
                row.addWidget(spacer)
            else:
                row.addWidget(slot)
            if kind != "switch":
                row.addStretch(1)
        layout.addWidget(bar)
        least = look.with_(scale=min(look.scale, 0.85))  # the bar at its least (``_fit_bar``): what it needs
        self.setMinimumWidth(self._bar_width(least))
        layout.addSpacing(look.space.xs)
        layout.addWidget(TextBlock(alt, look, role="small", colour="screen_muted", align=Qt.AlignmentFlag.AlignHCenter))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_bar(event.size().width())

    def _fit_bar(self, width: int) -> None:
        """The bar's three buttons a little smaller (steps of 0.05, never under 85 %: 44 px targets)
        where at the look's size they would be wider than the screen (a phone's 8-character line).
        Only ever smaller, like a button's words (``fit_words``): a bar that grew back when a smaller
        one let the screen's scroll bar go would shrink again when it came back, one layout pass after
        another without end."""
        look, scale = self.look, self._bar_scale
        candidate = look.with_(scale=scale)
        while scale > 0.85 and self._bar_width(candidate) > width:
            scale = max(0.85, round(scale - 0.05, 2))
            candidate = look.with_(scale=scale)
        if scale == self._bar_scale:
            return  # as it is: setting the same looks again would ask for another layout pass, without end
        self._bar_scale = scale
        pad = candidate.space.gap
        self._row.setContentsMargins(pad, pad, pad, pad)
        for button in self.buttons.values():
            button.set_look(candidate)
        for kind, spacer in self._spacers.items():
            side = CameraButton.outer(kind, candidate)
            spacer.setFixedSize(side, side)

    @staticmethod
    def _bar_width(look: Look) -> int:
        return sum(CameraButton.outer(kind, look) for kind in ("thumbnail", "shutter", "switch")) + 2 * look.space.gap

    def target_widget(self, target: str):
        if target in self.buttons:
            return self.buttons[target]
        return super().target_widget(target)
