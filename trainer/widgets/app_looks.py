"""The looks of the mock apps: each kind of app drawn as its real counterparts
are, without any real brand.

A screen's ``app`` (or the scenario's) names one of ``trainer.scenarios.
elements.APP_LOOKS``; ``app_look`` turns the player's look into that app's:
the header's colours, the buttons' colours and their shape (pill, rounded,
squarish). So a pay app is red on white, a shop has its orange pill
buttons, a government service is navy and squarish, a bank green, a mail
client grey and outlined, and a scam page loud red and yellow — and the
button a step asks for is not picked out by being the only blue one.

High contrast keeps its own palette (yellow on black): only the button
shape follows the app, because 7:1 text matters more than likeness.
Every colour pair here carries text and is checked by
``tests/player/test_app_looks.py`` (4.5:1, as the standard theme).
"""

from __future__ import annotations

from dataclasses import replace
from types import MappingProxyType
from typing import Any, cast

from trainer.widgets.look import Look
from trainer.widgets.theme import UI_CONTRAST, Theme

APP_COLOURS: MappingProxyType[str, dict[str, str]] = MappingProxyType({
    "system": {"header": "#F2F2F7", "header_text": "#1A1A1A", "primary": "#1C6B3A", "primary_text": "#FFFFFF",
               "secondary": "#F2F2F7", "secondary_text": "#1A1A1A", "secondary_border": "#767680",
               "link": "#0B57A4", "button_shape": "rounded"},
    "pay": {"header": "#C8102E", "header_text": "#FFFFFF", "primary": "#C8102E", "primary_text": "#FFFFFF",
            "secondary": "#FFFFFF", "secondary_text": "#A00D25", "secondary_border": "#C8102E",
            "link": "#A00D25", "button_shape": "rounded"},
    "shop": {"header": "#232F3E", "header_text": "#FFFFFF", "primary": "#F7A41D", "primary_text": "#1A1A1A",
             "secondary": "#FFD814", "secondary_text": "#1A1A1A", "secondary_border": "#8A6A00",
             "link": "#0A5C8C", "button_shape": "pill"},
    "government": {"header": "#0B2A5B", "header_text": "#FFFFFF", "primary": "#0B2A5B", "primary_text": "#FFFFFF",
                   "secondary": "#FFFFFF", "secondary_text": "#0B2A5B", "secondary_border": "#0B2A5B",
                   "link": "#0B3F8C", "button_shape": "square"},
    "bank": {"header": "#00694A", "header_text": "#FFFFFF", "primary": "#00694A", "primary_text": "#FFFFFF",
             "secondary": "#E6F2EE", "secondary_text": "#004D36", "secondary_border": "#00694A",
             "link": "#005A40", "button_shape": "rounded"},
    "mail": {"header": "#E8EAED", "header_text": "#202124", "primary": "#FFFFFF", "primary_text": "#202124",
             "secondary": "#FFFFFF", "secondary_text": "#202124", "secondary_border": "#5F6368",
             "link": "#0B57D0", "button_shape": "pill"},
    "scam": {"header": "#D00000", "header_text": "#FFFFFF", "primary": "#FFE000", "primary_text": "#1A1A1A",
             "secondary": "#FFE000", "secondary_text": "#1A1A1A", "secondary_border": "#B00000",
             "link": "#B00000", "button_shape": "square"},
})
"""Theme roles each app look changes (plus ``button_shape``: pill, rounded or square)."""

TEXT_PAIRS = (("header_text", "header"), ("primary_text", "primary"), ("secondary_text", "secondary"),
              ("link", "screen"))
"""The pairs an app look sets that carry text (checked at 4.5:1 against the standard screen)."""


def app_theme(theme: Theme, app: str | None) -> Theme:
    """``theme`` as the app ``app`` draws it (high contrast: only the button shape changes)."""
    colours = APP_COLOURS.get(app or "")
    if colours is None:
        return theme
    if theme.name == "high-contrast":
        return replace(theme, button_shape=colours["button_shape"])
    return _ring_seen(replace(theme, **cast(dict[str, Any], colours)))  # its colours are str fields


RING_COLOURS = ("#1A1A1A", "#0B2A5B")
"""Focus-ring colours an app look falls back to when the theme's own ring does not stand out
from the app's fills (the standard theme's orange ring round the shop's orange button)."""


def _ring_seen(theme: Theme) -> Theme:
    """``theme`` with a focus ring that is at least 3:1 against every fill it sits on
    (WCAG 1.4.11, 2.4.13): the theme's own ring when it is, else the first of ``RING_COLOURS``."""
    for focus in (theme.focus, *RING_COLOURS):
        candidate = theme if focus == theme.focus else replace(theme, focus=focus)
        if all(ratio >= UI_CONTRAST for _name, ratio in candidate.focus_ring_pairs()):
            return candidate
    return theme


def app_look(look: Look, app: str | None) -> Look:
    """The player's ``look`` as app ``app`` draws its screen (the same look when ``app`` is not set)."""
    theme = app_theme(look.theme, app)
    return look if theme is look.theme else look.with_(theme=theme)
