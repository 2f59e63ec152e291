"""A phone's home screen: app icons in rows that reflow with the text size.

Arrow keys move between icons; Enter or Space opens one; the Menu key (or
holding the mouse) is a long press.

With ``menu``, the screen is the moment after a long press: the menu opens
right beside the app that was held (below it, or above when there is no
room), over the other icons, which are dimmed — as on a real phone, not a
dialog in the middle. Touching anywhere outside the menu (or Esc) sends
``menu-close``.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QVBoxLayout, QWidget

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

ICON_SIDE = 64
"""Side of an app's coloured icon square, at 100%."""

ICON_RADIUS = 16
"""Corner radius of that square, at 100%."""

TILE_WIDTH = 112
"""Width of an app tile (icon and name), at 100%."""

MENU_MIN_WIDTH = 240
"""Narrowest the long-press menu gets (when the screen is wide enough), at 100%."""


class AppTile(BigButton):
    """One app: a coloured rounded square with a white glyph, its name below."""

    def __init__(self, label: str, look: Look, icon: str | None, badge: int | None,
                 parent: QWidget | None = None) -> None:
        self._app_icon = icon
        self._badge = badge
        super().__init__(label, look, style="quiet", long_press=True, parent=parent)

    def _square(self) -> int:
        return self.look.px(ICON_SIDE)

    def _tile_width(self) -> int:
        return self.look.px(TILE_WIDTH)

    def sizeHint(self) -> QSize:
        width = self._tile_width()
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        return QSize(self._tile_width(), self.heightForWidth(self._tile_width()))

    def heightForWidth(self, width: int) -> int:
        pad = self.look.space.md
        _, text_h = text_size(self._font(), self.text(), max(1, width - 2 * pad))
        return pad + self._square() + self.look.space.sm + text_h + pad

    def text_fits(self) -> bool:
        return self.height() >= self.heightForWidth(self.width())

    def paintEvent(self, event) -> None:
        look = self.look
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pad = look.space.md
        side = self._square()
        square = QRectF((self.width() - side) / 2, pad, side, side)
        radius = look.px(ICON_RADIUS)
        path = QPainterPath()
        path.addRoundedRect(square, radius, radius)
        high_contrast = look.theme.name == "high-contrast"
        fill = QColor("#000000") if high_contrast else QColor(app_colour(self._app_icon))
        if self.isDown():
            fill = fill.darker(125) if not high_contrast else QColor("#333333")
        painter.fillPath(path, fill)
        if high_contrast:
            painter.setPen(QPen(look.colour("screen_text"), max(2, look.line.mid)))
            painter.drawPath(path)
        inset = side * 0.2
        paint_icon(painter, square.adjusted(inset, inset, -inset, -inset), self._app_icon, QColor("#FFFFFF"),
                   self.text(), stroke=2.0)
        if self._badge:
            self._paint_badge(painter, square)
        painter.setPen(look.colour("screen_text"))
        text_rect = QRectF(pad, square.bottom() + look.space.sm, self.width() - 2 * pad, self.height())
        draw_text(painter, text_rect, self.text(), self._font(), Qt.AlignmentFlag.AlignHCenter)
        if self.hasFocus():
            paint_focus_ring(painter, QRectF(self.rect()), look, look.space.lg)
        painter.end()

    def _paint_badge(self, painter: QPainter, square: QRectF) -> None:
        look = self.look
        text = str(self._badge)
        font = look.font("small", bold=True)
        width, height = text_size(font, text)
        side = max(height + look.space.xs, width + look.space.gap)
        badge = QRectF(square.right() - side * 0.7, square.top() - side * 0.3, side, height + look.space.xs)
        path = QPainterPath()
        path.addRoundedRect(badge, badge.height() / 2, badge.height() / 2)
        painter.fillPath(path, look.colour("badge"))
        painter.setPen(look.colour("badge_text"))
        painter.setFont(font)
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)


class Backdrop(QWidget):
    """Everything outside an open long-press menu: dimmed (but the held app); touching it closes the
    menu. The menu is a child of it: one layer over the icons."""

    def __init__(self, look: Look, on_close, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._look = look
        self._on_close = on_close
        self.hole = QRect()
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setAccessibleName(look.tr("grid.outside"))

    def mousePressEvent(self, event) -> None:
        event.accept()

    def mouseReleaseEvent(self, event) -> None:
        if self.rect().contains(event.position().toPoint()):
            self._on_close()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            event.accept()
            self._on_close()
            return
        super().keyPressEvent(event)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        dim = QColor(0, 0, 0, 90) if self._look.theme.name != "high-contrast" else QColor(0, 0, 0, 150)
        path = QPainterPath()
        path.addRect(QRectF(self.rect()))
        if not self.hole.isEmpty():  # the held app stays bright, as on a phone
            held = QPainterPath()
            held.addRoundedRect(QRectF(self.hole), self._look.space.gap, self._look.space.gap)
            path = path.subtracted(held)
        painter.fillPath(path, dim)
        if self.hasFocus():
            paint_focus_ring(painter, QRectF(self.rect()), self._look, self._look.space.sm)
        painter.end()


class MenuPopup(QWidget):
    """The small menu a long press opens: a rounded card of rows, with a shadow."""

    def __init__(self, look: Look, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._look = look
        self.items: dict[str, BigButton] = {}
        self.box = QVBoxLayout(self)
        pad = look.space.sm
        self.box.setContentsMargins(pad, pad, pad, pad)
        self.box.setSpacing(look.space.xxs)

    def add(self, item_id: str, button: BigButton) -> None:
        self.items[item_id] = button
        self.box.addWidget(button)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        backdrop = self.parent()
        if event.key() == Qt.Key.Key_Escape and isinstance(backdrop, Backdrop):
            event.accept()
            backdrop._on_close()
            return
        super().keyPressEvent(event)

    def paintEvent(self, event) -> None:
        look = self._look
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        radius = look.space.wide
        body = QRectF(self.rect()).adjusted(2, 2, -2, -4)
        shadow = QPainterPath()
        shadow.addRoundedRect(body.translated(0, 3), radius, radius)
        painter.fillPath(shadow, QColor(0, 0, 0, 60))
        path = QPainterPath()
        path.addRoundedRect(body, radius, radius)
        painter.fillPath(path, look.colour("surface"))
        painter.setPen(QPen(look.colour("border"), max(1, look.line.hair)))
        painter.drawPath(path)
        painter.end()


@element_widget("app-grid")
class AppGridElement(ElementWidget):
    """The home screen's app icons; each app id is a target (and the open menu's items)."""

    def __init__(self, element: Element, ctx: ElementContext, parent: QWidget | None = None) -> None:
        super().__init__(element, ctx, parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.icons = QWidget(self)
        outer.addWidget(self.icons)
        layout = FlowLayout(self.icons, spacing=self.look.space.sm, uniform=True, fill_height=True)
        self.tiles: dict[str, AppTile] = {}
        for app in element.props.get("apps", ()):
            tile = AppTile(ctx.text(app.get("label")), self.look, app.get("icon"), app.get("badge"))
            app_id = app["id"]
            tile.clicked.connect(lambda _=False, a=app_id: self.emit_action(ActionKind.TAP, a))
            tile.long_pressed.connect(lambda a=app_id: self.emit_action(ActionKind.LONG_PRESS, a))
            layout.addWidget(tile)
            self.tiles[app_id] = tile
        self._arrows = ArrowNavigator(list(self.tiles.values()), self)
        self.menu: MenuPopup | None = None
        self.backdrop: Backdrop | None = None
        self._menu_on = element.props.get("menu-on")
        self._close_id = element.props.get("menu-close")
        if element.props.get("menu"):
            self._build_menu(element, ctx)

    def _build_menu(self, element: Element, ctx: ElementContext) -> None:
        look = self.look
        self.backdrop = Backdrop(look, self.close_menu, self)
        self.menu = MenuPopup(look, self.backdrop)
        for item in element.props.get("menu", ()):
            button = BigButton(ctx.text(item.get("label")), look, style=item.get("style", "plain")
                               if item.get("style") in ("danger",) else "plain", icon=item.get("icon"),
                               align_left=True, compact=True)
            item_id = item["id"]
            button.clicked.connect(lambda _=False, i=item_id: self.emit_action(ActionKind.TAP, i))
            self.menu.add(item_id, button)
        held = self.tiles.get(self._menu_on or "")
        for watched in (held, self.icons):
            if watched is not None:
                watched.installEventFilter(self)

    def close_menu(self) -> None:
        if self._close_id:
            self.emit_action(ActionKind.TAP, self._close_id)

    def _menu_rect(self) -> QRect:
        """Beside the held app: under it when there is room on the screen, else above it."""
        assert self.menu is not None
        look = self.look
        width = min(self.width(), max(look.px(MENU_MIN_WIDTH), self.menu.sizeHint().width()))
        height = self.menu.heightForWidth(width) if self.menu.hasHeightForWidth() else self.menu.sizeHint().height()
        height = max(height, self.menu.minimumSizeHint().height())
        held = self.tiles.get(self._menu_on or "")
        anchor = self._held_rect() if held is not None else QRect(0, 0, self.width(), 0)
        left = min(max(0, anchor.left()), max(0, self.width() - width))
        top = anchor.bottom() + look.space.xs
        room = self._room()
        if held is not None and top + height > room:
            if anchor.top() - height - look.space.xs >= 0:
                top = anchor.top() - height - look.space.xs
            else:  # no room under nor over it: the menu overlaps the held row, as a phone's does
                top = max(0, room - height - look.space.md)
        return QRect(left, top, width, height)

    def _held_rect(self) -> QRect:
        held = self.tiles.get(self._menu_on or "")
        if held is None:
            return QRect()
        return QRect(held.mapTo(self, held.rect().topLeft()), held.size())

    def _room(self) -> int:
        view = self.parentWidget()
        return max(self.height(), view.height() - self.y() if view is not None else 0)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place_menu()

    def eventFilter(self, watched, event) -> bool:
        if event.type() in (QEvent.Type.Move, QEvent.Type.Resize):
            self._place_menu()  # the icons reflowed: the menu follows the held app
        return False

    def _place_menu(self) -> None:
        if self.menu is None or self.backdrop is None:
            return
        rect = self._menu_rect()
        needed = rect.bottom() + self.look.space.md
        if self.minimumHeight() < needed:
            self.setMinimumHeight(needed)
        self.backdrop.setGeometry(self.rect())
        self.backdrop.hole = self._held_rect()
        self.menu.setGeometry(rect)  # the backdrop covers the element, so its coordinates are ours
        self.backdrop.raise_()

    def target_widget(self, target: str):
        if target in self.tiles:
            return self.tiles[target]
        if self.menu is not None and target in self.menu.items:
            return self.menu.items[target]
        if self.backdrop is not None and target == self._close_id:
            return self.backdrop
        return super().target_widget(target)
