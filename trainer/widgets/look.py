"""How the app looks right now: theme, text size, font family, language.

One small immutable value passed to every widget that draws (no globals),
so a test can build any widget at 300% in high contrast. Sizes are written
at 100% and multiplied by ``scale`` (1.0 – 3.0).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from PySide6.QtGui import QColor, QFont, QFontDatabase

from trainer.widgets.theme import STANDARD, Theme

PREFERRED_FAMILIES = ("BIZ UDGothic", "BIZ UDPGothic", "UD Digi Kyokasho N-R", "Noto Sans CJK JP",
                      "Noto Sans JP", "IPAexGothic", "IPAGothic", "Yu Gothic UI", "Meiryo UI", "Meiryo",
                      "Hiragino Sans", "Hiragino Kaku Gothic ProN", "TakaoGothic", "VL Gothic")
"""Fonts tried in order; BIZ UD Gothic (a universal-design font, shipped with the app) first."""

SIZES = {"small": 19, "body": 22, "large": 28, "heading": 30, "title": 34, "huge": 44, "button": 22}
"""Pixel sizes of the text roles at 100%. Nothing is smaller than 19 px."""

MIN_TARGET = 52
"""Smallest control side at 100%, in pixels (WCAG asks 44; we give more)."""

SPACE = {"xxs": 2, "xs": 4, "sm": 6, "md": 8, "lg": 10, "gap": 12, "wide": 14, "xl": 16, "xxl": 24}
"""Spacings (margins, paddings, gaps between things, corner radii of small parts) at 100%, in pixels:
``look.space.md`` is ``SPACE["md"]`` at the look's scale; ``look.space.gap`` equals ``look.gap``.
The size of a drawn part (a phone's width, a card's height) is not a spacing: it is a named constant
of the module that draws it, passed through ``look.px``."""

LINE = {"hair": 1, "thin": 1.5, "mid": 2, "thick": 3}
"""Pen widths (outlines, strokes, borders) at 100%, in pixels: ``look.line.thin``."""

TEXT_SCALES = (100, 125, 150, 175, 200, 250, 300)
"""The text sizes a learner can choose, in percent."""


def pick_family(available: list[str] | None = None) -> str:
    """The first preferred family that is installed, else "" (the system font).

    Without ``available``, the font shipped with the app (BIZ UD Gothic, see
    ``trainer.fonts``) is registered first, so it is always found."""
    if available is None:
        from trainer import fonts

        fonts.register()
    names = set(available if available is not None else QFontDatabase.families())
    for family in PREFERRED_FAMILIES:
        if family in names:
            return family
    return ""


@dataclass(frozen=True)
class Look:
    """Theme, scale and language for drawing one frame of the app."""

    theme: Theme = STANDARD
    scale: float = 1.0
    family: str = ""
    lang: str = "ja"
    furigana: bool = False
    easy: bool = False
    _fonts: dict[tuple[str, bool], QFont] = field(default_factory=dict, compare=False, repr=False)

    def with_(self, **changes) -> Look:
        return replace(self, _fonts={}, **changes)

    def px(self, value: float) -> int:
        """``value`` (written for 100%) at the current scale, in pixels."""
        return max(1, round(value * self.scale))

    @property
    def target(self) -> int:
        """Smallest side of anything a learner presses."""
        return self.px(MIN_TARGET)

    @property
    def gap(self) -> int:
        return self.px(SPACE["gap"])

    @property
    def space(self) -> Spacing:
        """The named spacings at this look's scale (``look.space.md``), instead of literal pixels."""
        return Spacing(self)

    @property
    def line(self) -> Lines:
        """The named pen widths at this look's scale (``look.line.thin``), instead of literal pixels."""
        return Lines(self)

    def size(self, role: str) -> int:
        return self.px(SIZES.get(role, SIZES["body"]))

    def font(self, role: str = "body", bold: bool = False) -> QFont:
        key = (role, bold)
        cached = self._fonts.get(key)
        if cached is None:
            cached = QFont(self.family) if self.family else QFont()
            cached.setPixelSize(self.size(role))
            if bold:
                cached.setWeight(QFont.Weight.Bold)
            cached.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
            self._fonts[key] = cached
        return QFont(cached)

    def colour(self, role: str) -> QColor:
        """The theme's colour for ``role`` (e.g. "text", "primary_text")."""
        return QColor(getattr(self.theme, role))

    def hex(self, role: str) -> str:
        return getattr(self.theme, role)

    def tr(self, key: str, **args: object) -> str:
        from trainer.words.catalogue import tr

        return tr(key, self.lang, **args)


class Spacing:
    """A look's spacings in pixels, by name (see ``SPACE``)."""

    __slots__ = ("_look",)

    def __init__(self, look: Look) -> None:
        self._look = look

    @property
    def xxs(self) -> int:
        return self._look.px(SPACE["xxs"])

    @property
    def xs(self) -> int:
        return self._look.px(SPACE["xs"])

    @property
    def sm(self) -> int:
        return self._look.px(SPACE["sm"])

    @property
    def md(self) -> int:
        return self._look.px(SPACE["md"])

    @property
    def lg(self) -> int:
        return self._look.px(SPACE["lg"])

    @property
    def gap(self) -> int:
        return self._look.px(SPACE["gap"])

    @property
    def wide(self) -> int:
        return self._look.px(SPACE["wide"])

    @property
    def xl(self) -> int:
        return self._look.px(SPACE["xl"])

    @property
    def xxl(self) -> int:
        return self._look.px(SPACE["xxl"])


class Lines:
    """A look's pen widths in pixels, by name (see ``LINE``)."""

    __slots__ = ("_look",)

    def __init__(self, look: Look) -> None:
        self._look = look

    @property
    def hair(self) -> int:
        return self._look.px(LINE["hair"])

    @property
    def thin(self) -> int:
        return self._look.px(LINE["thin"])

    @property
    def mid(self) -> int:
        return self._look.px(LINE["mid"])

    @property
    def thick(self) -> int:
        return self._look.px(LINE["thick"])
