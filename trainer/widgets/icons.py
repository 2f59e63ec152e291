"""Simple line icons drawn from small SVG paths (no image files, any size,
any colour). Used for app icons on the mock phone, category tiles and
buttons. An unknown name draws the first letter of the label instead, so a
scenario can name any icon without breaking.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPixmap

# 24x24 viewBox, stroke-drawn; "{c}" is the colour.
_PATHS: dict[str, str] = {
    "wallet": '<rect x="3" y="6" width="18" height="13" rx="2"/><path d="M3 9h14a2 2 0 0 1 2 2v2H15a2 2 0 0 0 0 4h4"/>'
              '<path d="M6 6l9-3 1 3"/>',
    "camera": '<rect x="3" y="7" width="18" height="13" rx="2"/><circle cx="12" cy="13.5" r="3.8"/>'
              '<path d="M8 7l1.5-3h5L16 7"/>',
    "mail": '<rect x="3" y="5" width="18" height="14" rx="2"/><path d="M3 7l9 6 9-6"/>',
    "phone": '<path d="M5 3h4l2 5-2.5 1.5a11 11 0 0 0 6 6L16 13l5 2v4a2 2 0 0 1-2 2A17 17 0 0 1 3 5a2 2 0 0 1 2-2z"/>',
    "sun": '<circle cx="12" cy="12" r="4"/><path d="M12 2v2M12 20v2M2 12h2M20 12h2M4.9 4.9l1.4 1.4M17.7 17.7l1.4 1.4'
           'M4.9 19.1l1.4-1.4M17.7 6.3l1.4-1.4"/>',
    "qr": '<rect x="3" y="3" width="7" height="7"/><rect x="14" y="3" width="7" height="7"/><rect x="3" y="14" width="7" '
          'height="7"/><path d="M14 14h3v3h-3zM18 18h3v3h-3zM14 20h2M20 14v2"/>',
    "barcode": '<path d="M3 5v14M6 5v14M8 5v14M11 5v14M14 5v14M16 5v14M19 5v14M21 5v14"/>',
    "cart": '<circle cx="9" cy="20" r="1.5"/><circle cx="18" cy="20" r="1.5"/><path d="M2 3h3l2.5 12h12L22 7H6.2"/>',
    "message": '<path d="M4 4h16a1 1 0 0 1 1 1v11a1 1 0 0 1-1 1H9l-5 4V5a1 1 0 0 1 1-1z"/>',
    "chat": '<path d="M4 5h16v10H10l-4 4v-4H4z"/><path d="M8 9h8M8 12h5"/>',
    "settings": '<circle cx="12" cy="12" r="3"/><path d="M12 2v3M12 19v3M2 12h3M19 12h3M4.9 4.9l2.1 2.1M17 17l2.1 2.1'
                'M4.9 19.1L7 17M17 7l2.1-2.1"/>',
    "map": '<path d="M3 6l6-3 6 3 6-3v15l-6 3-6-3-6 3z"/><path d="M9 3v15M15 6v15"/>',
    "browser": '<circle cx="12" cy="12" r="9"/><path d="M3 12h18M12 3c3 3 3 15 0 18M12 3c-3 3-3 15 0 18"/>',
    "bank": '<path d="M3 10l9-6 9 6M5 10v8M9.5 10v8M14.5 10v8M19 10v8M3 21h18"/>',
    "card": '<rect x="2" y="5" width="20" height="14" rx="2"/><path d="M2 10h20M6 15h4"/>',
    "speaker": '<rect x="6" y="3" width="12" height="18" rx="6"/><circle cx="12" cy="14" r="3"/>'
               '<circle cx="12" cy="7.5" r="1"/>',
    "clock": '<circle cx="12" cy="12" r="9"/><path d="M12 7v5l3 2"/>',
    "alarm": '<circle cx="12" cy="13" r="7"/><path d="M12 9v4l2 2M4 5l3-2M20 5l-3-2"/>',
    "photo": '<rect x="3" y="4" width="18" height="16" rx="2"/><circle cx="9" cy="10" r="2"/>'
             '<path d="M3 18l6-5 4 3 3-2 5 4"/>',
    "contacts": '<circle cx="12" cy="8" r="4"/><path d="M4 21c1-5 4-7 8-7s7 2 8 7"/>',
    "person": '<circle cx="12" cy="8" r="4"/><path d="M4 21c1-5 4-7 8-7s7 2 8 7"/>',
    "family": '<circle cx="8" cy="8" r="3"/><circle cx="17" cy="9" r="2.5"/><path d="M2 20c.5-4 3-6 6-6s5.5 2 6 6'
              'M14 20c.3-3 1.5-5 3-5s3 1.5 4 5"/>',
    "calendar": '<rect x="3" y="5" width="18" height="16" rx="2"/><path d="M3 10h18M8 3v4M16 3v4"/>',
    "shield": '<path d="M12 3l8 3v6c0 5-3.5 8-8 9-4.5-1-8-4-8-9V6z"/><path d="M8.5 12l2.5 2.5 4.5-5"/>',
    "home": '<path d="M3 11l9-7 9 7M5 10v10h5v-6h4v6h5V10"/>',
    "search": '<circle cx="10.5" cy="10.5" r="6.5"/><path d="M15.5 15.5L21 21"/>',
    "lock": '<rect x="5" y="10" width="14" height="11" rx="2"/><path d="M8 10V7a4 4 0 0 1 8 0v3"/>',
    "bell": '<path d="M6 16V11a6 6 0 0 1 12 0v5l2 2H4z"/><path d="M10 20a2 2 0 0 0 4 0"/>',
    "store": '<path d="M3 9l2-5h14l2 5M3 9h18v2a3 3 0 0 1-6 0 3 3 0 0 1-6 0 3 3 0 0 1-6 0zM5 12v8h14v-8"/>',
    "building": '<path d="M3 21h18M5 21V9h14v12M3 9l9-5 9 5M9 13v4M12 13v4M15 13v4"/>',
    "government": '<path d="M3 21h18M5 21V9h14v12M3 9l9-5 9 5M9 13v4M12 13v4M15 13v4"/>',
    "hospital": '<rect x="4" y="4" width="16" height="17" rx="1"/><path d="M12 8v6M9 11h6"/>',
    "printer": '<path d="M7 9V3h10v6"/><rect x="3" y="9" width="18" height="8" rx="1"/><path d="M7 14h10v7H7z"/>',
    "document": '<path d="M6 2h9l4 4v16H6z"/><path d="M15 2v4h4M9 11h7M9 15h7M9 19h4"/>',
    "yen": '<path d="M6 3l6 8 6-8M12 11v10M7 13h10M7 17h10"/>',
    "coin": '<circle cx="12" cy="12" r="9"/><path d="M8.5 7l3.5 5 3.5-5M12 12v6M9 13.5h6M9 16h6"/>',
    "charge": '<circle cx="12" cy="12" r="9"/><path d="M12 7v10M7 12h10"/>',
    "history": '<path d="M3 12a9 9 0 1 0 3-6.7L3 8"/><path d="M3 3v5h5M12 7v5l3 2"/>',
    "back": '<path d="M15 5l-7 7 7 7"/>',
    "check": '<path d="M4 12.5l5 5L20 6.5"/>',
    "star": '<path d="M12 3l2.8 5.8 6.2.9-4.5 4.4 1.1 6.3L12 17.4 6.4 20.4l1.1-6.3L3 9.7l6.2-.9z"/>',
    "leaf": '<path d="M5 19c0-9 5-14 15-15 0 10-5 15-14 15z"/><path d="M5 19l8-8"/>',
    "heart": '<path d="M12 20s-8-5-8-11a4.5 4.5 0 0 1 8-2.5A4.5 4.5 0 0 1 20 9c0 6-8 11-8 11z"/>',
    "warning": '<path d="M12 3l10 18H2z"/><path d="M12 10v5M12 18v.5"/>',
    "info": '<circle cx="12" cy="12" r="9"/><path d="M12 11v6M12 7.5v.5"/>',
    "mic": '<rect x="9" y="3" width="6" height="11" rx="3"/><path d="M5 11a7 7 0 0 0 14 0M12 18v3"/>',
    "mic-off": '<rect x="9" y="3" width="6" height="11" rx="3"/><path d="M5 11a7 7 0 0 0 14 0M12 18v3M3 3l18 18"/>',
    "video": '<rect x="2" y="6" width="14" height="12" rx="2"/><path d="M16 10l6-3v10l-6-3"/>',
    "music": '<path d="M9 18V5l11-2v13"/><circle cx="6" cy="18" r="3"/><circle cx="17" cy="16" r="3"/>',
    "trash": '<path d="M4 6h16M9 6V3h6v3M6 6l1 15h10l1-15M10 10v7M14 10v7"/>',
    "delete": '<path d="M4 6h16M9 6V3h6v3M6 6l1 15h10l1-15M10 10v7M14 10v7"/>',
    "keyboard": '<rect x="2" y="6" width="20" height="12" rx="2"/><path d="M6 10h1M10 10h1M14 10h1M18 10h1M7 14h10"/>',
    "link": '<path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1"/>',
    "send": '<path d="M3 11l18-8-8 18-2-8z"/>',
    "download": '<path d="M12 3v12M7 10l5 5 5-5M4 19h16"/>',
    "hand": '<path d="M9 11V4.5a1.5 1.5 0 0 1 3 0V10l.2-1.3a1.5 1.5 0 0 1 3 .3v1.5a1.5 1.5 0 0 1 3 0v1'
            'a1.5 1.5 0 0 1 3 .2V15c0 4-2.5 7-6.5 7h-1.5c-2.5 0-4-1-5.5-3L4 14.5a1.6 1.6 0 0 1 2.4-2L9 15z"/>',
    "up": '<path d="M12 19V5M5 12l7-7 7 7"/>',
    "down": '<path d="M12 5v14M5 12l7 7 7-7"/>',
    "left": '<path d="M19 12H5M12 5l-7 7 7 7"/>',
    "right": '<path d="M5 12h14M12 5l7 7-7 7"/>',
    "reload": '<path d="M20 12a8 8 0 1 1-2.3-5.7M20 4v5h-5"/>',
    "forward": '<path d="M9 5l7 7-7 7"/>',
    "ear": '<path d="M7 9a5 5 0 0 1 10 0c0 3-3 4-3 7a3 3 0 0 1-6 0"/><path d="M10 9a2 2 0 0 1 4 0"/>',
    "repeat": '<path d="M4 12a8 8 0 0 1 13.7-5.7L20 8.5M20 4v4.5h-4.5M20 12a8 8 0 0 1-13.7 5.7L4 15.5M4 20v-4.5h4.5"/>',
    "bulb": '<path d="M9 18h6M10 21h4M12 3a6 6 0 0 0-3.5 10.9c.6.5 1 1.2 1 2.1h5c0-.9.4-1.6 1-2.1A6 6 0 0 0 12 3z"/>',
    "stop": '<rect x="5" y="5" width="14" height="14" rx="2"/>',
    "exit": '<path d="M13 4H5v16h8M9 12h12M17 8l4 4-4 4"/>',
    "ticket": '<path d="M3 7h18v3a2 2 0 0 0 0 4v3H3v-3a2 2 0 0 0 0-4z"/><path d="M14 7v10"/>',
    "gift": '<rect x="3" y="8" width="18" height="5"/><path d="M5 13v8h14v-8M12 8v13M12 8c-2-4-6-4-6-1s6 1 6 1'
            'c2-4 6-4 6-1s-6 1-6 1"/>',
    "app": '<rect x="4" y="4" width="16" height="16" rx="4"/>',
    "backspace": '<path d="M9 5h11a1 1 0 0 1 1 1v12a1 1 0 0 1-1 1H9l-6-7z"/><path d="M12 9l5 6M17 9l-5 6"/>',
    "enter": '<path d="M20 5v7a2 2 0 0 1-2 2H5"/><path d="M9 10l-4 4 4 4"/>',
    "flower": '<circle cx="12" cy="6.5" r="3"/><circle cx="16.8" cy="9.3" r="3"/><circle cx="16.8" cy="14.7" r="3"/>'
              '<circle cx="12" cy="17.5" r="3"/><circle cx="7.2" cy="14.7" r="3"/><circle cx="7.2" cy="9.3" r="3"/>'
              '<circle cx="12" cy="12" r="1.6"/>',
}

ALIASES = {"pay": "wallet", "mynumber": "card", "weather": "sun", "gear": "settings", "globe": "browser",
           "web": "browser", "envelope": "mail", "sms": "message", "line": "chat", "bin": "trash",
           "user": "person", "health": "hospital", "shop": "store", "timer": "clock", "notification": "bell",
           "picture": "photo", "gallery": "photo", "photos": "flower", "call": "phone", "scan": "qr", "money": "yen"}

APP_COLOURS = {
    "wallet": "#C0392B", "camera": "#37474F", "mail": "#1565C0", "phone": "#2E7D32", "sun": "#A35200",
    "qr": "#263238", "cart": "#B23C00", "message": "#2E7D32", "chat": "#00695C", "settings": "#546E7A",
    "map": "#00796B", "browser": "#1565C0", "bank": "#283593", "card": "#4527A0", "speaker": "#37474F",
    "clock": "#455A64", "alarm": "#455A64", "photo": "#AD1457", "flower": "#AD1457", "contacts": "#5D4037", "calendar": "#C62828",
    "shield": "#2E7D32", "government": "#1A5276", "building": "#1A5276", "hospital": "#00838F",
    "store": "#6D4C41", "video": "#B71C1C", "music": "#6A1B9A", "document": "#37474F", "yen": "#2E7D32",
}
"""Background colours of app icons on the mock phone (white glyphs, each at least 4.5:1)."""


def icon_name(name: str | None) -> str | None:
    """The canonical icon for ``name`` (aliases resolved), or None if unknown."""
    if not name:
        return None
    name = ALIASES.get(name, name)
    return name if name in _PATHS else None


def _svg(name: str, colour: str, stroke: float) -> bytes:
    body = _PATHS[name]
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="{colour}" '
            f'stroke-width="{stroke}" stroke-linecap="round" stroke-linejoin="round">{body}</svg>').encode()


@lru_cache(maxsize=512)
def _pixmap(name: str, colour: str, size: int, stroke: float, ratio: float) -> QPixmap:
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(QByteArray(_svg(name, colour, stroke)))
    pixmap = QPixmap(round(size * ratio), round(size * ratio))
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, pixmap.width(), pixmap.height()))
    painter.end()
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


def paint_icon(painter: QPainter, rect: QRectF, name: str | None, colour: QColor | str,
               fallback_text: str = "", stroke: float = 2.0) -> None:
    """Draw icon ``name`` centred in ``rect``; unknown names draw ``fallback_text``'s first letter."""
    colour_name = QColor(colour).name()
    canonical = icon_name(name)
    side = int(min(rect.width(), rect.height()))
    if side <= 0:
        return
    if canonical is None:
        if fallback_text:
            font = QFont(painter.font())
            font.setPixelSize(max(8, int(side * 0.7)))
            font.setBold(True)
            painter.save()
            painter.setFont(font)
            painter.setPen(QColor(colour_name))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, fallback_text[:1])
            painter.restore()
        return
    ratio = painter.device().devicePixelRatioF() if painter.device() else 1.0
    pixmap = _pixmap(canonical, colour_name, side, stroke, ratio)
    x = rect.left() + (rect.width() - side) / 2
    y = rect.top() + (rect.height() - side) / 2
    painter.drawPixmap(int(x), int(y), pixmap)


def app_colour(name: str | None) -> str:
    """Background colour for an app icon (a calm grey-blue for unknown apps)."""
    return APP_COLOURS.get(icon_name(name) or "", "#3F51B5")
