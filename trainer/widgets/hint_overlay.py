"""Draws hints on top of the player: a glowing frame around the element to
use (highlight) and a hand that moves to it and points (demonstration).

The overlay lets every click through. The hand's movement is a short
animation of the hint itself; nothing waits for it and nothing expires —
the frame and the hand stay until the step changes or starts over.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QEasingCurve, QPointF, QRect, QRectF, Qt, QVariantAnimation
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QTransform
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from trainer.widgets.icons import paint_icon
from trainer.widgets.look import Look

DEMO_MS = 900
"""How long the hand takes to reach its target."""


HAND_SIDE = 64
"""Side of the pointing hand's picture, at 100%."""

HAND_START = 40
"""How far in from the bottom-right corner (both ways) the hand starts its way, at 100%."""

TIP_LIFT = 5
"""How far above a target's lower edge the fingertip rests when the hand hangs below it, at 100%."""

HALO_PEN = 10
"""Pen width of the white (or black) halo around the highlighted target, at 100%."""

FRAME_PEN = 6
"""Pen width of the highlight frame around the target, at 100%."""

TAP_RING_PEN = 4
"""Pen width of the ring under the fingertip once the hand has arrived, at 100%."""

TAP_RING_RADIUS = 10
"""Radius of that ring, at 100%."""


class HintOverlay(QWidget):
    """A transparent layer over the player for highlight and demonstration hints."""

    def __init__(self, look: Look, parent: QWidget) -> None:
        super().__init__(parent)
        self._look = look
        self.target: QWidget | None = None
        self.clip_widget: QWidget | None = None
        self.showing_hand = False
        self._progress = 1.0
        self._start: QPointF | None = None
        self._free_tip: QPointF | None = None
        self.hand_look: Look | None = None
        """Sizes the hand (default: the overlay's look); watch mode sizes it as the device's
        content, so a big text size does not make a hand that hides what it points at."""
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._animation = QVariantAnimation(self)
        self._animation.setStartValue(0.0)
        self._animation.setEndValue(1.0)
        self._animation.setDuration(DEMO_MS)
        self._animation.setEasingCurve(QEasingCurve.Type.InOutCubic)
        self._animation.valueChanged.connect(self._step)
        self.hide()

    # -- control ----------------------------------------------------------------
    def highlight(self, target: QWidget, clip: QWidget | None = None) -> None:
        """Frame ``target`` (kept inside ``clip``'s rectangle)."""
        self.target, self.clip_widget = target, clip
        self._cover()

    def demonstrate(self, target: QWidget, clip: QWidget | None = None, animate: bool = True,
                    duration: int | None = None) -> None:
        """Frame ``target`` and move a pointing hand onto it (in ``duration`` ms; watch mode's hand
        is slower than a hint's and sets off from where it was)."""
        start = self.hand_tip() if duration is not None else None
        self.target, self.clip_widget = target, clip
        self.showing_hand = True
        self._free_tip = None
        self._start = start
        self._cover()
        self._animation.stop()
        self._animation.setDuration(DEMO_MS if duration is None else max(1, duration))
        if animate and (duration is None or duration > 0):
            self._progress = 0.0
            self._animation.start()
        else:
            self._progress = 1.0

    def finish_animation(self) -> None:
        """Jump to the end of the demonstration (for pictures and tests)."""
        self._animation.stop()
        self._progress = 1.0
        self.update()

    def set_tip(self, tip: QPointF | None) -> None:
        """Show the hand's fingertip at ``tip`` (this overlay's coordinates) with no frame: a
        finger that drags something (watch mode)."""
        self._animation.stop()
        self.target = None
        self._free_tip = tip
        self.showing_hand = tip is not None
        self._progress = 1.0
        self._cover()

    def clear(self) -> None:
        self._animation.stop()
        self._free_tip = None
        self._start = None
        self.target = None
        self.clip_widget = None
        self.showing_hand = False
        self.hide()

    def _cover(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.show()
        self.raise_()
        self.update()

    def _step(self, value) -> None:
        self._progress = float(value)
        self.update()

    # -- geometry -----------------------------------------------------------------
    def target_rect(self) -> QRect | None:
        """Where the target is, in this overlay's coordinates (None if gone)."""
        if self.target is None or not isValid(self.target) or not self.target.isVisible():
            return None  # gone, or deleted with a screen drawn again
        top_left = self.target.mapTo(self._host(), self.target.rect().topLeft())
        return QRect(top_left, self.target.size())

    def _host(self) -> QWidget:
        return cast(QWidget, self.parentWidget())  # made with a parent (see __init__), drawn over it

    def clip_rect(self) -> QRect:
        if self.clip_widget is None or not isValid(self.clip_widget) or not self.clip_widget.isVisible():
            return self.rect()
        top_left = self.clip_widget.mapTo(self._host(), self.clip_widget.rect().topLeft())
        return QRect(top_left, self.clip_widget.size())

    def hand_tip(self) -> QPointF | None:
        """Where the hand's fingertip is now (None when no hand is shown)."""
        if self.showing_hand and self._free_tip is not None:
            return self._free_tip
        rect = self.target_rect()
        if not self.showing_hand or rect is None:
            return None
        end, _ = self.resting_pose(rect)
        start = self._start if self._start is not None else (
            QPointF(self.clip_rect().bottomRight()) - QPointF(self._look.px(HAND_START), self._look.px(HAND_START)))
        return start + (end - start) * self._progress

    def resting_pose(self, rect: QRect) -> tuple[QPointF, float]:
        """Where the fingertip rests on ``rect`` and which way the hand turns (degrees): the hand
        never lies on the target's middle, where its label is. It comes from the right, finger
        pointing left at the target's right end (or from the left), its palm beside the target;
        when the screen has no room beside it, the fingertip rests at the middle of the lower
        edge and the hand hangs below. The tip stays on the part of the target that is in view."""
        clip = self.clip_rect()
        seen = QRect(rect).intersected(clip)
        if seen.isEmpty():
            seen = QRect(rect)
        size = self.hand_look or self._look
        reach = size.px(HAND_SIDE) * 0.95 + 6
        inset = min(size.space.md, seen.width() / 4)
        centre = QPointF(seen.center())
        if clip.right() - seen.right() >= reach:
            return QPointF(seen.right() - inset, centre.y()), -90.0
        if seen.left() - clip.left() >= reach:
            return QPointF(seen.left() + inset, centre.y()), 90.0
        return QPointF(centre.x(), max(centre.y(), seen.bottom() - size.px(TIP_LIFT))), 0.0

    def _turn(self) -> float:
        rect = self.target_rect()
        return self.resting_pose(rect)[1] if rect is not None and self._free_tip is None else 0.0

    @staticmethod
    def _hand_box(side: float) -> QRectF:
        """The hand's picture around its fingertip (at the origin): the tip is at the top-left
        third of the icon."""
        return QRectF(-side * 0.38, -side * 0.05, side, side)

    def hand_rect(self) -> QRectF | None:
        """Where the hand is drawn now, in this overlay's coordinates (None when none is shown)."""
        tip = self.hand_tip()
        if tip is None:
            return None
        transform = QTransform()
        transform.translate(tip.x(), tip.y())
        transform.rotate(self._turn())
        return transform.mapRect(self._hand_box((self.hand_look or self._look).px(HAND_SIDE)))

    # -- painting -----------------------------------------------------------------
    def paintEvent(self, event) -> None:
        rect = self.target_rect()
        if rect is None and self._free_tip is None:
            return
        look = self._look
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setClipRect(self.clip_rect())
        if rect is None:
            assert self._free_tip is not None  # (returned above otherwise)
            self._paint_hand(painter, self._free_tip)
            painter.end()
            return
        size = self.hand_look or look
        pad = size.space.sm
        frame = QRectF(rect).adjusted(-pad, -pad, pad, pad)
        radius = size.space.gap
        path = QPainterPath()
        path.addRoundedRect(frame, radius, radius)
        glow = QColor(look.hex("highlight"))
        glow.setAlpha(40)
        painter.fillPath(path, glow)
        painter.setPen(QPen(QColor("#FFFFFF") if look.theme.name != "high-contrast" else QColor("#000000"),
                            max(8, size.px(HALO_PEN))))
        painter.drawPath(path)
        painter.setPen(QPen(look.colour("highlight"), max(5, size.px(FRAME_PEN))))
        painter.drawPath(path)
        tip = self.hand_tip()
        if tip is not None:
            self._paint_hand(painter, tip)
        painter.end()

    def _paint_hand(self, painter: QPainter, tip: QPointF) -> None:
        look = self._look
        size = self.hand_look or look
        side = size.px(HAND_SIDE)
        if self._progress >= 1.0:
            ring = QColor(look.hex("highlight"))
            painter.setPen(QPen(ring, max(3, size.px(TAP_RING_PEN))))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(tip, size.px(TAP_RING_RADIUS), size.px(TAP_RING_RADIUS))
        painter.save()
        painter.translate(tip)
        painter.rotate(self._turn())
        box = self._hand_box(side)
        backdrop = QPainterPath()
        backdrop.addEllipse(box.adjusted(-4, -4, 4, 4))
        painter.fillPath(backdrop, QColor(255, 255, 255, 220))
        paint_icon(painter, box, "hand", look.colour("highlight"), stroke=2.2)
        painter.restore()
