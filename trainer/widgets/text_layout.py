"""Measure and draw wrapped text exactly the same way.

Both the size a widget asks for and the text it paints come from one
``QTextLayout`` with "wrap at word boundaries, or anywhere if a word (a
long URL) does not fit", so what is measured is what is drawn and nothing
is clipped. ``\\n`` in the text starts a new line.

Japanese is easy to read here:

- lines are ``pitch`` font heights apart: at least ``LINE_HEIGHT`` (1.5),
  ``BODY_LINE_HEIGHT`` (1.7, the Digital Agency design system's body text)
  for running text;
- Japanese lines break between phrases, never inside one (``phrases``:
  BudouX), and no line starts with 。、」 or ends with 「（ (kinsoku); a
  phrase wider than the whole line is broken by Qt's own rules;
- a short name in 「」 (``phrases.quoted_names``: 「まちの銀行」) is not broken
  between its phrases where the line holds it whole: it moves down whole;
- a last line that would hold only one or two characters (「ん」, 「う。」)
  takes the previous line's last phrase with it, when that fits;
- a web or mail address too long for its line breaks only after one of its
  separators (``https://machino-bank- / secure.example. / invalid/login``), never
  inside a name (「invali / d」): reading the address is often the very lesson.
"""

from __future__ import annotations

import bisect
import functools
import math
import re

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QPainter, QTextLayout, QTextOption

from trainer.widgets.phrases import _cjk, phrase_starts, quoted_names

_BIG = 1 << 20
LINE_HEIGHT = 1.5
"""Distance between the tops of two wrapped lines, in font heights (older eyes need room)."""
BODY_LINE_HEIGHT = 1.7
"""The same for running text (paragraphs, instructions)."""
LEADING = LINE_HEIGHT - 1.0
"""Extra space between wrapped lines at ``LINE_HEIGHT``, in text heights (kept for callers)."""
SHORT_LINE = 2
"""A last line with this many characters or fewer is too short to stand alone."""

NO_LINE_START = set("、。，．,.）」』】〕〉》”’！？!?ー～ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ・：；:;%％")
"""Characters that may not begin a line (kinsoku)."""
NO_LINE_END = set("（「『【〔〈《“‘([￥¥$")
"""Characters that may not end a line."""


def _visible(text: str) -> int:
    return sum(1 for ch in text if not ch.isspace() and ch != "\u2028")


@functools.lru_cache(maxsize=2048)
def _x_positions(font_key: str, display: str) -> tuple[float, ...]:
    """x of every cursor position in ``display`` laid out without wrapping (per paragraph); the
    same for every width, so it is kept."""
    layout = QTextLayout(display, _fonts[font_key])
    layout.beginLayout()
    lines = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(_BIG)
        lines.append(line)
    layout.endLayout()
    xs = []
    current = 0
    for index in range(len(display) + 1):
        while current + 1 < len(lines) and index >= lines[current + 1].textStart():
            current += 1
        xs.append(lines[current].cursorToX(index)[0] if lines else 0.0)  # type: ignore[index]  # stub says object
    return tuple(xs)


ADDRESS = re.compile(r"(?:[a-z][a-z0-9+.-]*://)?(?:[A-Za-z0-9_%+-]+(?:\.[A-Za-z0-9_%+-]+)*@)?"
                     r"[A-Za-z0-9-]+(?:\.[A-Za-z][A-Za-z0-9-]*)+(?:[/?#][A-Za-z0-9._~%!$&'()*+,;=:@/?#-]*)?")
"""A web address or a mail address (a host name with at least one dot before a letter: not 「3.5」)."""
ADDRESS_BREAK_AFTER = frozenset("./-?&=#@_")
"""The separators of an address a line may end after."""


def _address_breaks(display: str) -> tuple[list[tuple[int, int]], set[int]]:
    """The spans of the addresses in ``display`` and the breaks allowed inside them: after a
    separator, before a name (never inside 「://」)."""
    spans, breaks = [], set()
    for found in ADDRESS.finditer(display):
        a, b = found.span()
        spans.append((a, b))
        scheme = display.find("://", a, b)
        for at in range(a + 1, b):
            if display[at - 1] in ADDRESS_BREAK_AFTER and display[at] not in ADDRESS_BREAK_AFTER and not (
                    scheme >= 0 and at <= scheme + 3):
                breaks.add(at)
    return spans, breaks


def _plan_breaks(display: str, starts: frozenset[int], xs: tuple[float, ...], width: float) -> list[int] | None:
    """Line lengths (characters) that break only between phrases and keep kinsoku; a phrase wider
    than a whole line is broken between two characters that allow it. None when a line is too
    narrow even for that (then Qt breaks the text by its own rules)."""
    n = len(display)
    allowed = []
    for b in range(1, n):
        before, after = display[b - 1], display[b]
        if before == "\u2028" or after == "\u2028":
            continue
        if after in NO_LINE_START or before in NO_LINE_END:
            continue
        if b in starts or before.isspace():
            allowed.append(b)
    addresses, address_breaks = _address_breaks(display)
    if addresses:  # inside an address only after its separators (no phrase of BudouX's in a host name)
        allowed = sorted({b for b in allowed if not any(a < b < e for a, e in addresses)} | address_breaks)

    def span(a: int, b: int) -> float:
        end = b
        while end > a and display[end - 1].isspace():
            end -= 1
        return xs[end] - xs[a] if end > a else 0.0

    # a short name in 「」 that fits the line (with what is glued to its end: 」を, 」と) is not broken
    # between its phrases (「まちの / 銀行」) — unless that leaves a line of one or two characters
    def glued(b: int) -> int:
        found = bisect.bisect_left(allowed, b)
        return allowed[found] if found < len(allowed) else n

    whole = [(a, b) for a, b in quoted_names(display) if span(a, glued(b)) <= width]
    if whole:
        kept = [cut for cut in allowed if not any(a < cut < b for a, b in whole)]
        lengths = _greedy(display, kept, span, xs, width)
        if lengths is not None and not _short_line(display, lengths):
            return lengths
    return _greedy(display, allowed, span, xs, width)


def _short_line(display: str, lengths: list[int]) -> bool:
    """Whether a line of ``lengths`` (more than one) holds one or two characters."""
    at = 0
    for length in lengths:
        if len(lengths) > 1 and _visible(display[at:at + length]) <= SHORT_LINE:
            return True
        at += length
    return False


def _greedy(display: str, allowed: list[int], span, xs: tuple[float, ...], width: float) -> list[int] | None:
    """Line lengths filling each line up to ``width``, breaking at ``allowed`` (see ``_plan_breaks``)."""
    n = len(display)
    lengths: list[int] = []
    pos = 0
    hard = [i + 1 for i, ch in enumerate(display) if ch == "\u2028"]
    while pos < n:
        found = bisect.bisect_right(hard, pos)
        stop = hard[found] if found < len(hard) else n  # a hard line end
        if span(pos, stop) <= width:
            lengths.append(stop - pos)
            pos = stop
            continue
        # Nothing past ``reach`` fits (x grows along a paragraph); look back from there.
        reach = min(stop - 1, bisect.bisect_right(xs, xs[pos] + width, pos, stop) + 1)
        first, last = bisect.bisect_right(allowed, pos), bisect.bisect_right(allowed, reach)
        cut = next((allowed[i] for i in range(last - 1, first - 1, -1) if span(pos, allowed[i]) <= width), None)
        if cut is None:  # one phrase is wider than the line: break it where the characters allow
            cut = next((b for b in range(reach, pos, -1) if span(pos, b) <= width
                        and _may_break_inside(display[b - 1], display[b])), None)
            if cut is None:
                return None  # not even that: Qt's own emergency breaks for the whole text
            phrase_end = next((b for b in allowed if b > cut), stop)
            if _visible(display[cut:phrase_end]) <= SHORT_LINE:  # not 「た。」 alone on the next line
                earlier = next((b for b in range(cut - 1, pos + SHORT_LINE, -1)
                                if _visible(display[b:phrase_end]) > SHORT_LINE
                                and _may_break_inside(display[b - 1], display[b])), None)
                cut = earlier or cut
        lengths.append(cut - pos)
        pos = cut
    _keep_last_line_company(display, lengths, allowed, span, width)
    return lengths


def _may_break_inside(before: str, after: str) -> bool:
    if after in NO_LINE_START or before in NO_LINE_END or before == "\u2028":
        return False
    return not (before.isascii() and after.isascii() and before.isalnum() and after.isalnum())


def _keep_last_line_company(display, lengths, allowed, span, width) -> None:
    """A last line of one or two characters takes the previous line's last phrase with it."""
    if len(lengths) < 2:
        return
    last_start = sum(lengths[:-1])
    if _visible(display[last_start:]) > SHORT_LINE or display[last_start - 1] == "\u2028":
        return
    prev_start = last_start - lengths[-2]
    for cut in reversed([b for b in allowed if prev_start < b < last_start]):
        if _visible(display[prev_start:cut]) <= SHORT_LINE:
            return
        if span(cut, len(display)) <= width:
            lengths[-2] = cut - prev_start
            lengths[-1] = len(display) - cut
        return


def _layout(font: QFont, text: str, width: float, align: Qt.AlignmentFlag,
            pitch: float = LINE_HEIGHT) -> tuple[QTextLayout, float, float]:
    display = text.replace("\n", "\u2028")
    layout = QTextLayout(display, font)
    option = QTextOption(align)
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.setCacheEnabled(True)
    size = font.pixelSize() if font.pixelSize() > 0 else font.pointSizeF() * 96 / 72
    gap = size * max(0.0, pitch - 1.0)
    width = max(1.0, width)
    lengths = None
    if width < _BIG:
        starts = phrase_starts(text)
        # one long phrase (「個人番号カード交付申請書」) has no starts but must not leave 「書」 alone
        if starts or any(_cjk(ch) for ch in text) or ADDRESS.search(text):
            lengths = _plan_breaks(display, starts, _x_positions(font_key(font), display), width)
    laid = _run(layout, width, gap, lengths)
    if laid is None:  # Qt would not break where planned: its own breaks, as before
        laid = _run(layout, width, gap, None)
    return layout, laid[0], laid[1]


def _run(layout: QTextLayout, width: float, gap: float, lengths: list[int] | None):
    """Lay out ``layout`` in lines of ``lengths`` characters (None: Qt's breaks at ``width``);
    (widest, height), or None when Qt did not make a planned line that long."""
    height = 0.0
    widest = 0.0
    layout.beginLayout()
    index = 0
    ok = True
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        if index:
            height += gap
        if lengths is not None and index < len(lengths):
            line.setNumColumns(lengths[index], width)
            ok = ok and line.textLength() == lengths[index]
        else:
            line.setLineWidth(width)
        line.setPosition(QPointF(0, height))
        height += line.height()
        widest = max(widest, line.naturalTextWidth())
        index += 1
    layout.endLayout()
    if lengths is not None and (not ok or index != len(lengths)):
        return None
    return widest, height


_fonts: dict[str, QFont] = {}


@functools.lru_cache(maxsize=8192)
def _measure(font_key: str, text: str, width: int, pitch: float) -> tuple[int, int]:
    if width < _BIG:
        # A text whose every line is narrower than ``width`` unwrapped is laid out at ``width``
        # in those same lines (breaks are only planned where a line is too wide): its size is
        # the unwrapped one, measured once for all the widths a layout pass asks about.
        natural = _measure(font_key, text, _BIG, pitch)
        if natural[0] + 1 <= width:
            return natural
    _, widest, height = _layout(_fonts[font_key], text, width, Qt.AlignmentFlag.AlignLeft, pitch)
    return math.ceil(widest), math.ceil(height)


def font_key(font: QFont) -> str:
    """A key for ``font`` that ``text_size`` can be given to skip computing it again."""
    key = font.key()
    if key not in _fonts:
        _fonts[key] = QFont(font)
    return key


def text_size(font: QFont, text: str, width: float | None = None, key: str | None = None,
              pitch: float = LINE_HEIGHT) -> tuple[int, int]:
    """(width, height) of ``text`` wrapped at ``width`` (unwrapped if None), lines ``pitch`` font
    heights apart.

    Results are cached: layouts ask the same question many times per frame,
    and the same texts come back on every step. Pass ``key`` (``font_key``)
    when asking often about one font."""
    return _measure(key or font_key(font), text or " ", int(width) if width is not None else _BIG, pitch)


def line_height(font: QFont) -> int:
    return text_size(font, "あ")[1]


@functools.lru_cache(maxsize=1024)
def _drawable(font_key: str, text: str, width: float, align: Qt.AlignmentFlag,
              pitch: float) -> tuple[QTextLayout, float]:
    layout, _, height = _layout(_fonts[font_key], text, width, align, pitch)
    return layout, height


def laid_out(font: QFont, text: str, width: float, pitch: float = LINE_HEIGHT) -> list[tuple[str, float]]:
    """The lines ``text`` is drawn in at ``width``: (the line's text, its top) — for tests and checks."""
    layout, _ = _drawable(font_key(font), text, float(int(width)), Qt.AlignmentFlag.AlignLeft, pitch)
    display = layout.text()
    found = []
    for index in range(layout.lineCount()):
        line = layout.lineAt(index)
        chunk = display[line.textStart():line.textStart() + line.textLength()]
        found.append((chunk.replace("\u2028", ""), line.y()))
    return found


def draw_text(painter: QPainter, rect: QRectF, text: str, font: QFont,
              align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft, valign_centre: bool = False,
              pitch: float = LINE_HEIGHT) -> None:
    """Draw ``text`` wrapped inside ``rect`` (pen = current painter pen).

    The laid-out text is kept (a small cache), so repainting costs only the drawing."""
    layout, height = _drawable(font_key(font), text, float(int(rect.width())), align, pitch)
    top = rect.top() + (max(0.0, (rect.height() - height) / 2) if valign_centre else 0.0)
    layout.draw(painter, QPointF(rect.left(), top))
