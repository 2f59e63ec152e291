"""Applies a ``Look`` to the whole application: palette, font and the few
style-sheet rules for Qt's own widgets (text fields, scroll bars, tool tips,
and plain push buttons such as the learner picker's and the instructor
area's, so they get the same colours and a clearly visible focus).

Everything else is painted by our own widgets from the ``Look`` they are
given, which keeps step changes fast (no style-sheet re-polish of custom
widgets).
"""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from trainer.widgets.look import Look

FOCUS_BORDER = 4
"""Border width of a focused Qt field, at 100% (never under 3 px)."""

SCROLL_BAR = 18
"""Thickness of the scroll bars, at 100% (never under 14 px)."""


def palette_for(look: Look) -> QPalette:
    palette = QPalette()
    role = QPalette.ColorRole
    palette.setColor(role.Window, look.colour("window"))
    palette.setColor(role.WindowText, look.colour("text"))
    palette.setColor(role.Base, look.colour("input"))
    palette.setColor(role.Text, look.colour("input_text"))
    palette.setColor(role.AlternateBase, look.colour("surface"))
    palette.setColor(role.Button, look.colour("secondary"))
    palette.setColor(role.ButtonText, look.colour("secondary_text"))
    palette.setColor(role.Highlight, look.colour("primary"))
    palette.setColor(role.HighlightedText, look.colour("primary_text"))
    palette.setColor(role.PlaceholderText, look.colour("placeholder"))
    palette.setColor(role.ToolTipBase, look.colour("surface"))
    palette.setColor(role.ToolTipText, look.colour("surface_text"))
    palette.setColor(role.Link, look.colour("link"))
    return palette


def style_sheet(look: Look, bar: int | None = None) -> str:
    """The rules for Qt's own widgets at ``look``; ``bar``: the scroll bars' thickness in pixels
    (default: 18 at 100 %, never under 14)."""
    t = look.theme
    border = max(2, look.line.mid)
    focus = max(3, look.px(FOCUS_BORDER))
    radius = look.space.md
    pad = look.space.md
    bar = max(14, look.px(SCROLL_BAR)) if bar is None else bar
    return f"""
QLineEdit {{
    background: {t.input}; color: {t.input_text};
    border: {border}px solid {t.input_border}; border-radius: {radius}px;
    padding: {pad}px {pad + 2}px; selection-background-color: {t.primary}; selection-color: {t.primary_text};
    placeholder-text-color: {t.placeholder};
}}
QLineEdit:focus {{ border: {focus}px solid {t.focus}; padding: {pad - focus + border}px {pad + 2 - focus + border}px; }}
QScrollBar:vertical {{ background: {t.window}; width: {bar}px; margin: 0; }}
QScrollBar::handle:vertical {{ background: {t.border}; border-radius: {bar // 2}px; min-height: {bar * 2}px; }}
QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{ height: 0; }}
QScrollBar:horizontal {{ background: {t.window}; height: {bar}px; margin: 0; }}
QScrollBar::handle:horizontal {{ background: {t.border}; border-radius: {bar // 2}px; min-width: {bar * 2}px; }}
QScrollBar::add-line:horizontal, QScrollBar::sub-line:horizontal {{ width: 0; }}
QToolTip {{ background: {t.surface}; color: {t.surface_text}; border: 1px solid {t.border}; }}
QPushButton {{
    background: {t.secondary}; color: {t.secondary_text}; border: {border}px solid {t.secondary_border};
    border-radius: {radius}px; padding: {pad}px {pad * 2}px; min-height: {look.target - 2 * pad - 2 * border}px;
}}
QPushButton:hover {{ border-color: {t.focus}; }}
QPushButton:focus {{ border: {focus}px solid {t.focus}; padding: {pad - focus + border}px {pad * 2 - focus + border}px; }}
QPushButton:disabled {{ color: {t.muted}; }}
"""


def apply_look(app: QApplication, look: Look) -> None:
    """Use ``look`` for Qt's own widgets everywhere in ``app``."""
    sheet = style_sheet(look)
    if app.property("trainer_look") == repr((look.theme.name, look.scale, look.family)) and app.styleSheet() == sheet:
        return  # re-applying the same sheet would re-polish every widget for nothing
    app.setPalette(palette_for(look))
    app.setFont(look.font("body"))
    app.setStyleSheet(sheet)
    app.setProperty("trainer_look", repr((look.theme.name, look.scale, look.family)))
