"""A phone's home screen: app icons in rows that reflow with the text size.

Arrow keys move between icons; Enter or Space opens one; the Menu key (or
holding the mouse) is a long press.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QWidget

from trainer.scenarios.actions import ActionKind
from trainer.scenarios.model import Element
from trainer.widgets.arrow_nav import ArrowNavigator
from trainer.widgets.base import ElementContext, ElementWidget
from trainer.widgets.button import BigButton, paint_focus_ring
from trainer.widgets.flow import FlowLayout
from trainer.widgets.icons import app_colour, paint_icon
from trainer.widgets.look import Look
from trainer.widgets.registry import element_widget
from trainer.widgets.text_layout import draw_text, text_size


class AppTile(BigButton):
    """One app: a coloured rounded square with a white glyph, its name below."""

    def __init__(self, label: str, look: Look, icon: str | None, badge: int | None,
                 parent: QWidget | None = None) -> None:
        self._app_icon = icon
        self._badge = badge
        super().__init__(label, look, style="quiet", long_press=True, parent=parent)

    def _square(self) -> int:
        return self.look.px(64)

    def _tile_width(self) -> int:
        return self.look.px(112)

    def sizeHint(self) -> QSize:  # noqa: N802
        width = self._tile_width()
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(self._tile_width(), self.heightForWidth(self._tile_width()))

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        pad = self.look.px(8)
        _, text_h = text_size(self._font(), self.text(), max(1, width - 2 * pad))
        return pad + self._square() + self.look.px(6) + text_h + pad

    def text_fits(self) -> bool:
        return self.height() >= self.heightForWidth(self.width())

    def paintEvent(self, event) -> None:  # noqa: N802, ARG002
        look = self.look
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pad = look.px(8)
        side = self._square()
        square = QRectF((self.width() - side) / 2, pad, side, side)
        radius = look.px(16)
        path = QPainterPath()
        path.addRoundedRect(square, radius, radius)
        high_contrast = look.theme.name == "high-contrast"
        fill = QColor("#000000") if high_contrast else QColor(app_colour(self._app_icon))
        if self.isDown():
            fill = fill.darker(125) if not high_contrast else QColor("#333333")
        painter.fillPath(path, fill)
        if high_contrast:
            painter.setPen(QPen(look.colour("screen_text"), max(2, look.px(2))))
            painter.drawPath(path)
        inset = side * 0.2
        paint_icon(painter, square.adjusted(inset, inset, -inset, -inset), self._app_icon, QColor("#FFFFFF"),
                   self.text(), stroke=2.0)
        if self._badge:
            self._paint_badge(painter, square)
        painter.setPen(look.colour("screen_text"))
        text_rect = QRectF(pad, square.bottom() + look.px(6), self.width() - 2 * pad, self.height())
        draw_text(painter, text_rect, self.text(), self._font(), Qt.AlignmentFlag.AlignHCenter)
        if self.hasFocus():
            paint_focus_ring(painter, QRectF(self.rect()), look, look.px(10))
        painter.end()

    def _paint_badge(self, painter: QPainter, square: QRectF) -> None:
        look = self.look
        text = str(self._badge)
        font = look.font("small", bold=True)
        width, height = text_size(font, text)
        side = max(height + look.px(4), width + look.px(12))
        badge = QRectF(square.right() - side * 0.7, square.top() - side * 0.3, side, height + look.px(4))
        path = QPainterPath()
        path.addRoundedRect(badge, badge.height() / 2, badge.height() / 2)
        painter.fillPath(path, look.colour("badge"))
        painter.setPen(look.colour("badge_text"))
        painter.setFont(font)
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)


@element_widget("app-grid")
class AppGridElement(ElementWidget):
    """The home screen's app icons; each app id is a target."""

    def __init__(self, element: Element, ctx: ElementContext, parent: QWidget | None = None) -> None:
        super().__init__(element, ctx, parent)
        layout = FlowLayout(self, spacing=self.look.px(6), uniform=True, fill_height=True)
        self.tiles: dict[str, AppTile] = {}
        for app in element.props.get("apps", ()):
            tile = AppTile(ctx.text(app.get("label")), self.look, app.get("icon"), app.get("badge"))
            app_id = app["id"]
            tile.clicked.connect(lambda _=False, a=app_id: self.emit_action(ActionKind.TAP, a))
            tile.long_pressed.connect(lambda a=app_id: self.emit_action(ActionKind.LONG_PRESS, a))
            layout.addWidget(tile)
            self.tiles[app_id] = tile
        self._arrows = ArrowNavigator(list(self.tiles.values()), self)

    def target_widget(self, target: str):
        if target in self.tiles:
            return self.tiles[target]
        return super().target_widget(target)
