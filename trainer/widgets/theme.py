"""Colour themes and the WCAG contrast arithmetic that keeps them honest.

A theme is plain data (hex colours by role). ``text_pairs`` lists every
foreground/background pair that carries text and must reach the theme's
``level`` (4.5:1 for the default theme, 7:1 for high contrast);
``ui_pairs`` lists the pairs that only need to be seen (focus ring,
highlight, borders: 3:1, WCAG 1.4.11). The focus ring has two bands, an
outer one in ``focus`` and an inner one in ``focus_inner``: against every
fill it can sit on or border (``focus_fills``) one of the two reaches 3:1,
and the two reach 3:1 against each other, so the ring is seen on the
window, on a dark primary button and on the dark top bar alike. A test
computes them all.
No Qt here, so the arithmetic is testable anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from trainer.words.catalogue import tr

UI_CONTRAST = 3.0
"""Minimum contrast of non-text parts against what they sit on (WCAG 1.4.11)."""


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(hex_colour: str) -> float:
    """Relative luminance of ``#rrggbb`` (WCAG 2.x definition)."""
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(fg: str, bg: str) -> float:
    """WCAG contrast ratio of two colours, 1.0 – 21.0."""
    a, b = luminance(fg), luminance(bg)
    light, dark = max(a, b), min(a, b)
    return (light + 0.05) / (dark + 0.05)


@dataclass(frozen=True)
class Theme:
    """Colours by role. Every ``*_text`` colour is meant for its background."""

    name: str
    label_ja: str
    label_en: str
    level: float
    """Minimum text contrast this theme promises."""
    window: str
    text: str
    muted: str
    surface: str
    surface_text: str
    border: str
    primary: str
    primary_text: str
    secondary: str
    secondary_text: str
    secondary_border: str
    danger: str
    danger_text: str
    focus: str
    focus_inner: str
    """The ring's inner band: contrasts with ``focus`` and with the fills ``focus`` cannot reach."""
    highlight: str
    praise: str
    praise_text: str
    explain: str
    explain_text: str
    hint: str
    hint_text: str
    notice: str
    notice_text: str
    screen: str
    screen_text: str
    screen_muted: str
    header: str
    header_text: str
    link: str
    warning: str
    warning_text: str
    note: str
    note_text: str
    input: str
    input_text: str
    input_border: str
    placeholder: str
    """The faint text in an empty field (it is sometimes the field's only label, so it is text)."""
    badge: str
    badge_text: str
    bezel: str
    bezel_text: str
    chrome: str
    chrome_text: str
    bubble_in: str
    bubble_in_text: str
    light_listening: str
    light_thinking: str
    light_muted: str
    light_notification: str
    light_off: str
    light_call: str
    """Green: a call or a drop-in is ringing or connected (as real speakers show it)."""
    button_shape: str = "rounded"
    """``rounded``, ``pill`` or ``square``: mock apps differ (see ``trainer.widgets.app_looks``)."""

    def text_pairs(self) -> list[tuple[str, str, str]]:
        """(name, foreground, background) for every pair that carries text."""
        pairs = [
            ("text/window", self.text, self.window), ("muted/window", self.muted, self.window),
            ("text/surface", self.surface_text, self.surface), ("muted/surface", self.muted, self.surface),
            ("primary", self.primary_text, self.primary), ("secondary", self.secondary_text, self.secondary),
            ("danger", self.danger_text, self.danger), ("praise", self.praise_text, self.praise),
            ("explain", self.explain_text, self.explain), ("hint", self.hint_text, self.hint),
            ("notice", self.notice_text, self.notice),
            ("screen", self.screen_text, self.screen), ("screen-muted", self.screen_muted, self.screen),
            ("header", self.header_text, self.header), ("link/screen", self.link, self.screen),
            ("warning", self.warning_text, self.warning), ("note", self.note_text, self.note),
            ("input", self.input_text, self.input), ("placeholder", self.placeholder, self.input),
            ("badge", self.badge_text, self.badge),
            ("bezel", self.bezel_text, self.bezel), ("chrome", self.chrome_text, self.chrome),
            ("bubble", self.bubble_in_text, self.bubble_in),
        ]
        return pairs

    def ui_pairs(self) -> list[tuple[str, str, str]]:
        """(name, colour, background) for parts that must be seen, not read."""
        return [
            ("focus/window", self.focus, self.window), ("focus/surface", self.focus, self.surface),
            ("focus/screen", self.focus, self.screen),
            ("highlight/screen", self.highlight, self.screen), ("highlight/window", self.highlight, self.window),
            ("input-border", self.input_border, self.input),
            ("secondary-border/window", self.secondary_border, self.window),
            ("secondary-border/screen", self.secondary_border, self.screen),
            ("border/surface", self.border, self.surface),
            ("listening/bezel", self.light_listening, self.bezel),
            ("muted-light/bezel", self.light_muted, self.bezel),
            ("notification/bezel", self.light_notification, self.bezel),
            ("thinking/bezel", self.light_thinking, self.bezel),
            ("call/bezel", self.light_call, self.bezel),
        ]

    def focus_fills(self) -> list[tuple[str, str]]:
        """(name, colour) of every fill the focus ring sits on or borders: the backgrounds of
        pages, panes, bars and device screens, and the fills of the buttons it goes round."""
        names = ("window", "surface", "screen", "header", "chrome", "bezel", "input", "primary", "secondary",
                 "danger", "praise", "explain", "hint", "notice", "warning", "note", "bubble_in", "badge")
        return [(name, getattr(self, name)) for name in names]

    def focus_ring_pairs(self) -> list[tuple[str, float]]:
        """(fill, the better contrast of the ring's two bands against it), and the bands against
        each other — each must reach ``UI_CONTRAST``."""
        found = [(f"focus/{name}", max(contrast(self.focus, fill), contrast(self.focus_inner, fill)))
                 for name, fill in self.focus_fills()]
        found.append(("focus/focus_inner", contrast(self.focus, self.focus_inner)))
        return found

    def colours(self) -> dict[str, str]:
        return {f.name: getattr(self, f.name) for f in fields(self) if isinstance(getattr(self, f.name), str)
                and getattr(self, f.name).startswith("#")}


STANDARD = Theme(
    name="standard", label_ja=tr("theme.standard", "ja"), label_en=tr("theme.standard", "en"), level=4.5,
    window="#F4F1EA", text="#1A1A1A", muted="#4A4A4A",
    surface="#FFFFFF", surface_text="#1A1A1A", border="#6B6B6B",
    primary="#14539A", primary_text="#FFFFFF",
    secondary="#E4ECF6", secondary_text="#0F2744", secondary_border="#4F6D91",
    danger="#9E2A1F", danger_text="#FFFFFF",
    focus="#B54800", focus_inner="#FFFFFF", highlight="#7B1FA2",
    praise="#E3F1E1", praise_text="#163F1A",
    explain="#FFF3D1", explain_text="#3B2C00",
    hint="#E4EEF9", hint_text="#0F2744",
    notice="#ECECEC", notice_text="#2B2B2B",
    screen="#FFFFFF", screen_text="#1A1A1A", screen_muted="#4F4F4F",
    header="#14539A", header_text="#FFFFFF", link="#0B4A94",
    warning="#FFEBD6", warning_text="#5E2600", note="#EAF1F8", note_text="#1B3147",
    input="#FFFFFF", input_text="#1A1A1A", input_border="#5A5A5A", placeholder="#5E5E5E",
    badge="#B3261E", badge_text="#FFFFFF",
    bezel="#2A2A2E", bezel_text="#FFFFFF", chrome="#DCDFE4", chrome_text="#1A1A1A",
    bubble_in="#E9EDF2", bubble_in_text="#1A1A1A",
    light_listening="#2F7BEA", light_thinking="#34B4E6", light_muted="#E5483B",
    light_notification="#F5C518", light_off="#7A7A7A", light_call="#34C759",
)

HIGH_CONTRAST = Theme(
    name="high-contrast", label_ja=tr("theme.high_contrast", "ja"), label_en=tr("theme.high_contrast", "en"), level=7.0,
    window="#000000", text="#FFFFFF", muted="#E6E6E6",
    surface="#000000", surface_text="#FFFFFF", border="#FFFFFF",
    primary="#FFE14D", primary_text="#000000",
    secondary="#000000", secondary_text="#FFFFFF", secondary_border="#FFFFFF",
    danger="#000000", danger_text="#FFB4A8",
    focus="#3DE8FF", focus_inner="#000000", highlight="#FF7BF2",
    praise="#000000", praise_text="#9BF59B",
    explain="#000000", explain_text="#FFE14D",
    hint="#000000", hint_text="#FFFFFF",
    notice="#000000", notice_text="#FFFFFF",
    screen="#000000", screen_text="#FFFFFF", screen_muted="#E6E6E6",
    header="#1F1F1F", header_text="#FFE14D", link="#FFE14D",
    warning="#000000", warning_text="#FFC266", note="#000000", note_text="#FFFFFF",
    input="#000000", input_text="#FFFFFF", input_border="#FFFFFF", placeholder="#C8C8C8",
    badge="#FFE14D", badge_text="#000000",
    bezel="#3A3A3A", bezel_text="#FFFFFF", chrome="#1F1F1F", chrome_text="#FFFFFF",
    bubble_in="#1F1F1F", bubble_in_text="#FFFFFF",
    light_listening="#5AA0FF", light_thinking="#5FD8FF", light_muted="#FF6A5E",
    light_notification="#FFE14D", light_off="#A0A0A0", light_call="#6BF08A",
)

THEMES: dict[str, Theme] = {t.name: t for t in (STANDARD, HIGH_CONTRAST)}


def theme_named(name: str | None) -> Theme:
    """The theme called ``name``, or the standard one."""
    return THEMES.get(name or "", STANDARD)
