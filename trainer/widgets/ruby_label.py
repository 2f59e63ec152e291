"""RubyLabel: text with furigana over the kanji, wrapped to its width.

Qt's rich text has no ``<ruby>``, so this widget lays the text out itself:
each word is a group that is kept on one line when it fits (Japanese may
break between any two characters, but whole words are easier to read),
punctuation never starts a line, opening brackets never end one, ``\\n``
starts a new line. Words of one phrase (文節, found by BudouX, see
``trainer.widgets.phrases``) stay together too, and a last line of one or
two characters takes the previous line's last phrase with it. Furigana (half the text size) sit centred over each
kanji run; a reading wider than its kanji widens the run so nothing
overlaps. Every line keeps room for furigana when the text has any, so the
lines stay evenly spaced.

The accessible name is the plain text. ``highlightWord(offset, length)``
(connect ``SpeechService.word``) shades the word being spoken.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, QSize, Slot
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from trainer.reading.engine import Reader, Word
from trainer.reading.furigana import ruby_parts
from trainer.reading.ruby import Segment, plain
from trainer.widgets.phrases import phrase_starts

RUBY_SCALE = 0.5
"""Furigana size relative to the text."""
LINE_GAP = 0.5
"""Extra space between lines, in text heights: lines at least 1.5 text heights apart (older eyes
need room; furigana get their own band on top)."""
SHORT_LINE = 2
"""A last line of this many characters or fewer takes the previous line's last phrase with it."""
PREFERRED_CHARS = 24
"""A comfortable line length for sizeHint, in full-width characters."""

_NO_LINE_START = set("、。，．,.）」』】〕〉》”’！？!?ー～ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ・：；:;%％")
_NO_LINE_END = set("（「『【〔〈《“‘([￥¥$")

_default_reader: Reader | None = None

# Shared caches (one UI thread): the same texts come back on every step and pass, and a layout pass
# asks each label for its height at many widths. Words are measured once per font, a text's word
# groups are made once per font, and its layout once per width — for every label showing it.
_ADVANCES: dict[tuple[str, str], float] = {}
_ADVANCES_KEPT = 50_000
_GROUPS: OrderedDict[tuple[Any, ...], list[Any]] = OrderedDict()
_GROUPS_KEPT = 512
_LAYOUTS: OrderedDict[tuple[Any, ...], _Layout] = OrderedDict()
_LAYOUTS_KEPT = 2048


def _advance(metrics: QFontMetricsF, key: str, text: str) -> float:
    """``metrics.horizontalAdvance(text)``, remembered per font ``key``."""
    found = _ADVANCES.get((key, text))
    if found is None:
        if len(_ADVANCES) >= _ADVANCES_KEPT:
            _ADVANCES.clear()
        found = _ADVANCES[(key, text)] = metrics.horizontalAdvance(text)
    return found


def _remember(cache: OrderedDict[tuple[Any, ...], Any], key: tuple[Any, ...], value: Any, kept: int) -> None:
    cache[key] = value
    while len(cache) > kept:
        cache.popitem(last=False)


def _shared_reader() -> Reader:
    global _default_reader
    if _default_reader is None:
        _default_reader = Reader()
    return _default_reader


@dataclass(slots=True)
class _Piece:
    """A run of text drawn together, with its furigana if any."""

    text: str
    ruby: str | None
    start: int
    width: float = 0.0
    base_width: float = 0.0
    ruby_width: float = 0.0


@dataclass(slots=True)
class _Group:
    """Pieces that stay on one line (a word, with punctuation glued to it)."""

    pieces: list[_Piece] = field(default_factory=list)
    newline: bool = False
    space: bool = False
    words: list[int] = field(default_factory=list)
    """Where in ``pieces`` a word joined for its phrase begins (a too-wide phrase splits there first)."""

    @property
    def width(self) -> float:
        return sum(p.width for p in self.pieces)


@dataclass(slots=True)
class _Placed:
    piece: _Piece
    x: float
    line: int


@dataclass(slots=True)
class _Layout:
    placed: list[_Placed]
    lines: int
    line_height: float
    ruby_band: float
    height: float
    widest: float


def _splittable(group: _Group) -> bool:
    return len(group.pieces) > 1 or (group.pieces[0].ruby is None and len(group.pieces[0].text) > 1)


class RubyLabel(QWidget):
    """A label that shows furigana over kanji; wraps like a QLabel with word wrap.

    ``text`` may contain inline readings (``｜都城《みやこのじょう》``);
    ``reader`` gives the readings (a scenario's reader carries its
    ``readings:``). Use ``setWords`` to show words read elsewhere.
    """

    def __init__(self, text: str = "", *, reader: Reader | None = None, font: QFont | None = None,
                 furigana: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._reader = reader
        self._raw = ""
        self._plain = ""
        self._words: list[Word] = []
        self._words_key: tuple[int, str] = (0, "")
        self._fonts: tuple[str, str, QFont, float] | None = None
        """(base font key, ruby font key, ruby font, width of 「あ」): made once per font."""
        self._furigana = furigana
        self._highlight: tuple[int, int] | None = None
        self._cache: dict[int, _Layout] = {}
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        if font is not None:
            self.setFont(font)
        self.setText(text)

    # -- content -------------------------------------------------------------

    def setText(self, text: str) -> None:
        """Show ``text`` (notation allowed); readings come from the reader."""
        self._raw = text
        reader = self._reader or _shared_reader()
        try:
            words = reader.words(text)
        except ImportError:  # no dictionary: show the text without furigana
            words = [Word(plain(text), "", False, 0)]
        self._set_words(words, raw=text)

    def setWords(self, words: list[Word]) -> None:
        """Show words already read (their surfaces joined are the text)."""
        self._set_words(list(words), raw=None)

    def _set_words(self, words: list[Word], raw: str | None) -> None:
        self._words = words
        # The words' hash with the text: the shared caches' key, hashed once here and not again for
        # each of the hundred size questions a layout pass asks.
        self._words_key = (hash(tuple(words)), self._plain_of(words))
        self._plain = self._words_key[1]
        if raw is None:
            self._raw = self._plain
        self._highlight = None
        self.setAccessibleName(self._plain)
        self._invalidate()

    @staticmethod
    def _plain_of(words: list[Word]) -> str:
        return "".join(w.surface for w in words)

    def text(self) -> str:
        """The plain text shown (notation removed)."""
        return self._plain

    def words(self) -> list[Word]:
        """The words shown, with their readings."""
        return list(self._words)

    def setReader(self, reader: Reader | None) -> None:
        """Read with ``reader`` (None: a shared default reader) and re-read the text."""
        self._reader = reader
        self.setText(self._raw)

    def setFurigana(self, on: bool) -> None:
        """Show or hide the furigana."""
        if on != self._furigana:
            self._furigana = on
            self._invalidate()

    def furigana(self) -> bool:
        """True when furigana are shown."""
        return self._furigana

    @Slot(int, int)
    def highlightWord(self, offset: int, length: int) -> None:
        """Shade the characters [offset, offset+length) of the plain text."""
        self._shade((offset, length) if length > 0 else None)

    @Slot()
    def clearHighlight(self) -> None:
        """Remove the shading."""
        self._shade(None)

    def _shade(self, highlight: tuple[int, int] | None) -> None:
        """Shade ``highlight`` instead of what was; repaint only the words whose shading changes (the
        voice moves on every few hundred ms while the learner reads: not the whole text each time)."""
        if highlight == self._highlight:
            return
        before = self._shaded_rect()
        self._highlight = highlight
        self.update(before.united(self._shaded_rect()))

    def _shaded_rect(self) -> QRect:
        """Where the shaded pieces are drawn (an empty rectangle when nothing is shaded)."""
        if self._highlight is None or not self._words:
            return QRect()
        rect = self.contentsRect()
        layout = self._layout(max(1, rect.width()))
        pitch = layout.ruby_band + layout.line_height * (1 + LINE_GAP)
        found = QRectF()
        for item in layout.placed:
            if self._is_highlighted(item.piece):
                found = found.united(QRectF(rect.left() + item.x, rect.top() + item.line * pitch, item.piece.width,
                                            layout.ruby_band + layout.line_height))
        return found.toAlignedRect().adjusted(-2, -2, 2, 2) if not found.isEmpty() else QRect()

    # -- sizes -----------------------------------------------------------------

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        margins = self.contentsMargins()
        inner = max(1, width - margins.left() - margins.right())
        return int(self._layout(inner).height + 0.999) + margins.top() + margins.bottom()

    def sizeHint(self) -> QSize:
        margins = self.contentsMargins()
        natural = self._layout(1 << 20).widest
        width = int(min(natural, self._font_facts()[3] * PREFERRED_CHARS) + 0.999)
        width = max(width, 1) + margins.left() + margins.right()
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        margins = self.contentsMargins()
        width = int(self._font_facts()[3] * 2) + margins.left() + margins.right()
        layout = self._layout(1 << 20)
        return QSize(width, int(layout.line_height + layout.ruby_band + 0.999) + margins.top() + margins.bottom())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._invalidate()
        super().changeEvent(event)

    def _invalidate(self) -> None:
        self._cache.clear()
        self._fonts = None
        self.updateGeometry()
        self.update()

    # -- layout -----------------------------------------------------------------

    def _font_facts(self) -> tuple[str, str, QFont, float]:
        if self._fonts is None:
            font = self.font()
            ruby = self._ruby_font()
            key = font.key()
            wide = _ADVANCES.get((key, "あ"))
            if wide is None:  # measured once per font, for every label
                wide = _advance(QFontMetricsF(font), key, "あ")
            self._fonts = (key, ruby.key(), ruby, wide)
        return self._fonts

    def _ruby_font(self) -> QFont:
        font = QFont(self.font())
        if font.pixelSize() > 0:
            font.setPixelSize(max(6, round(font.pixelSize() * RUBY_SCALE)))
        else:
            font.setPointSizeF(max(5.0, font.pointSizeF() * RUBY_SCALE))
        return font

    def _groups(self, base: QFontMetricsF, ruby: QFontMetricsF, keys: tuple[str, str]) -> list[_Group]:
        """The word groups, made once per font for every label showing these words (not changed later)."""
        cache_key = (keys, self._furigana, self._words_key)
        found = _GROUPS.get(cache_key)
        if found is not None:
            _GROUPS.move_to_end(cache_key)
            return found
        groups = self._make_groups(base, ruby, keys)
        _remember(_GROUPS, cache_key, groups, _GROUPS_KEPT)
        return groups

    def _make_groups(self, base: QFontMetricsF, ruby: QFontMetricsF, keys: tuple[str, str]) -> list[_Group]:
        base_key, ruby_key = keys
        groups: list[_Group] = []
        starts = phrase_starts(self._plain)
        for word in self._words:
            if "\n" in word.surface:
                self._add_lines(groups, word, base)
                continue
            parts = ruby_parts(word.surface, word.kana) if self._furigana and word.needs_ruby else None
            group = _Group(space=word.surface.isspace())
            offset = word.start
            for part in parts or [Segment(word.surface, None)]:
                piece = _Piece(part.base, part.reading, offset)
                piece.base_width = _advance(base, base_key, part.base)
                piece.ruby_width = _advance(ruby, ruby_key, part.reading) if part.reading else 0.0
                piece.width = max(piece.base_width, piece.ruby_width)
                group.pieces.append(piece)
                offset += len(part.base)
            previous = groups[-1] if groups else None
            same_phrase = bool(starts) and word.start not in starts and not group.space
            if previous is not None and not previous.newline and not previous.space and group.pieces and (
                group.pieces[0].text[:1] in _NO_LINE_START
                or (previous.pieces and previous.pieces[-1].text[-1:] in _NO_LINE_END)
                or same_phrase
            ):
                if same_phrase and not (group.pieces[0].text[:1] in _NO_LINE_START or (
                        previous.pieces and previous.pieces[-1].text[-1:] in _NO_LINE_END)):
                    previous.words.append(len(previous.pieces))
                previous.pieces.extend(group.pieces)  # keep 。 after its word, 「 before it, a phrase whole
            else:
                groups.append(group)
        self._allow_overhang(groups, ruby.horizontalAdvance("あ") / 2)
        return groups

    @staticmethod
    def _allow_overhang(groups: list[_Group], half_em: float) -> None:
        """Let long furigana reach half a ruby character over plain neighbours (次の行です)."""
        pieces = [p for g in groups for p in g.pieces]
        for index, piece in enumerate(pieces):
            if not piece.ruby or piece.ruby_width <= piece.base_width:
                continue
            before = pieces[index - 1] if index > 0 else None
            after = pieces[index + 1] if index + 1 < len(pieces) else None
            if before is not None and after is not None and not before.ruby and not after.ruby \
                    and not before.text.isspace() and not after.text.isspace():
                piece.width = max(piece.base_width, piece.ruby_width - 2 * half_em)

    @staticmethod
    def _add_lines(groups: list[_Group], word: Word, base: QFontMetricsF) -> None:
        offset = word.start
        for index, chunk in enumerate(word.surface.split("\n")):
            if index:
                groups.append(_Group(newline=True))
            if chunk:
                piece = _Piece(chunk, None, offset, base.horizontalAdvance(chunk), base.horizontalAdvance(chunk))
                groups.append(_Group([piece], space=chunk.isspace()))
            offset += len(chunk) + 1

    @staticmethod
    def _split_wide(group: _Group, base: QFontMetricsF) -> list[_Group]:
        """A group wider than a line: its words first (a phrase of several words), else one group
        per piece, plain pieces per character (「。」 stays with the character before it)."""
        if group.words:
            cuts = [0, *group.words, len(group.pieces)]
            return [_Group(group.pieces[a:b]) for a, b in zip(cuts, cuts[1:], strict=False) if b > a]
        result: list[_Group] = []
        for piece in group.pieces:
            if piece.ruby is not None:
                result.append(_Group([piece]))
                continue
            for index, ch in enumerate(piece.text):
                width = base.horizontalAdvance(ch)
                single = _Piece(ch, None, piece.start + index, width, width)
                if result and (ch in _NO_LINE_START or result[-1].pieces[-1].text in _NO_LINE_END):
                    result[-1].pieces.append(single)
                else:
                    result.append(_Group([single]))
        return result

    def _layout(self, width: int) -> _Layout:
        cached = self._cache.get(width)
        if cached is not None:
            return cached
        base_key, ruby_key, ruby_font, _ = self._font_facts()
        keys = (base_key, ruby_key)
        shared_key = (keys, self._furigana, self._words_key, width)
        shared = _LAYOUTS.get(shared_key)
        if shared is not None:
            _LAYOUTS.move_to_end(shared_key)
            self._keep(width, shared)
            return shared
        layout = self._make_layout(width, QFontMetricsF(self.font()), QFontMetricsF(ruby_font), keys)
        _remember(_LAYOUTS, shared_key, layout, _LAYOUTS_KEPT)
        self._keep(width, layout)
        return layout

    def _keep(self, width: int, layout: _Layout) -> None:
        if len(self._cache) > 16:
            self._cache.clear()
        self._cache[width] = layout

    def _make_layout(self, width: int, base: QFontMetricsF, ruby: QFontMetricsF, keys: tuple[str, str]) -> _Layout:
        groups = self._groups(base, ruby, keys)
        has_ruby = any(p.ruby for g in groups for p in g.pieces)
        ruby_band = ruby.height() if has_ruby else 0.0
        line_height = base.height()
        placed, line, widest = self._place(groups, width, base, None)
        last = [p for p in placed if p.line == line]
        if line >= 1 and sum(len(p.piece.text.strip()) for p in last) <= SHORT_LINE and last:
            before = [p for p in placed if p.line == line - 1]
            if before:
                # Move the previous line's last group (a phrase) down when the last line has room.
                group = next((g for g in groups if any(p is before[-1].piece for p in g.pieces)), None)
                if group is not None and group.pieces[0] is not before[0].piece:
                    used = sum(p.piece.width for p in last)
                    if group.width + used <= width:
                        fixed = self._place(groups, width, base, id(group))
                        if fixed[1] == line:
                            placed, line, widest = fixed
        lines = line + 1 if (self._words and self._plain) else 0
        pitch = ruby_band + line_height
        height = lines * pitch + max(0, lines - 1) * line_height * LINE_GAP
        return _Layout(placed, lines, line_height, ruby_band, height, widest)

    def _place(self, groups: list[_Group], width: int, base: QFontMetricsF,
               break_before: int | None) -> tuple[list[_Placed], int, float]:
        """Place ``groups`` in lines ``width`` wide (a new line before the group whose id is
        ``break_before``); (the pieces placed, the last line's number, the widest line)."""
        placed: list[_Placed] = []
        line, x, widest = 0, 0.0, 0.0
        wrapped = False  # the current line began because the previous one was full
        queue = list(groups)
        while queue:
            group = queue.pop(0)
            if group.newline:
                line, x, wrapped = line + 1, 0.0, False
                continue
            if group.space and x == 0.0 and wrapped:
                continue  # no space at the start of a wrapped line
            if x > 0 and (x + group.width > width or id(group) == break_before):
                if group.space:
                    continue  # a space at the end of a line is not drawn
                line, x, wrapped = line + 1, 0.0, True
            if x == 0.0 and group.width > width and _splittable(group):
                queue[:0] = self._split_wide(group, base)
                continue
            for piece in group.pieces:
                placed.append(_Placed(piece, x, line))
                x += piece.width
            widest = max(widest, x)
        return placed, line, widest

    # -- painting ----------------------------------------------------------------

    def paintEvent(self, event) -> None:  # Qt signature
        rect = self.contentsRect()
        layout = self._layout(max(1, rect.width()))
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        base_font, ruby_font = self.font(), self._font_facts()[2]
        base_ascent = QFontMetricsF(base_font).ascent()
        ruby_ascent = QFontMetricsF(ruby_font).ascent()
        palette = self.palette()
        text_color = palette.color(QPalette.ColorRole.WindowText)
        pitch = layout.ruby_band + layout.line_height * (1 + LINE_GAP)
        left0, top0 = rect.left(), rect.top()
        # Fonts and pens are set once per pass, not once per piece (a 300 % instruction has
        # ~50 pieces): the shading first, then the text, then the furigana over it.
        # Only the pieces near the part to paint are drawn (Qt clips the rest away anyway, but shaping
        # them costs): a label taller than its scroll area's view, or one word's shading changing.
        clip = QRectF(event.rect()).adjusted(-layout.line_height, -layout.line_height,
                                             layout.line_height, layout.line_height)
        band = layout.ruby_band + layout.line_height
        placed = [item for item in layout.placed
                  if top0 + item.line * pitch < clip.bottom() and top0 + item.line * pitch + band > clip.top()
                  and left0 + item.x < clip.right() and left0 + item.x + item.piece.width > clip.left()]
        marked = [self._is_highlighted(item.piece) for item in placed] if self._highlight else None
        if marked is not None and any(marked):
            shade = palette.color(QPalette.ColorRole.Highlight)
            for item, on in zip(placed, marked, strict=True):
                if on:
                    painter.fillRect(QRectF(left0 + item.x, top0 + item.line * pitch, item.piece.width,
                                            layout.ruby_band + layout.line_height), shade)
        painter.setFont(base_font)
        painter.setPen(text_color)
        pen_marked = False
        highlighted_color = palette.color(QPalette.ColorRole.HighlightedText) if marked is not None else text_color
        for index, item in enumerate(placed):
            piece = item.piece
            if marked is not None and marked[index] != pen_marked:
                pen_marked = marked[index]
                painter.setPen(highlighted_color if pen_marked else text_color)
            baseline = top0 + item.line * pitch + layout.ruby_band + base_ascent
            painter.drawText(QPointF(left0 + item.x + (piece.width - piece.base_width) / 2, baseline), piece.text)
        if self._furigana and layout.ruby_band:
            painter.setFont(ruby_font)
            painter.setPen(text_color)
            pen_marked = False
            for index, item in enumerate(placed):
                piece = item.piece
                if not piece.ruby:
                    continue
                if marked is not None and marked[index] != pen_marked:
                    pen_marked = marked[index]
                    painter.setPen(highlighted_color if pen_marked else text_color)
                painter.drawText(QPointF(left0 + item.x + (piece.width - piece.ruby_width) / 2,
                                         top0 + item.line * pitch + ruby_ascent), piece.ruby)
        painter.end()

    def _is_highlighted(self, piece: _Piece) -> bool:
        if self._highlight is None:
            return False
        start, length = self._highlight
        return piece.start < start + length and start < piece.start + len(piece.text)

