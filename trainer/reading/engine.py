"""Japanese text → words with kana readings, for furigana and for speech.

``Reader(overrides).words(text)`` cuts a text into words that cover it
exactly (``"".join(w.surface for w in words) == plain(text)``), each with
its reading in hiragana for furigana and in katakana as spoken (``pron``,
long vowels as ``ー``, the particle は as ワ) for engines that cannot read
kanji. The dictionary is pyopenjtalk-plus (Open JTalk + its own rules);
author readings always win, then the acronym table and number rules
(see ``pieces``), then the dictionary.

Pure Python, no Qt. Safe to call from several threads; results are cached
per sentence.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Generic, TypeVar, cast

from trainer.reading import jtalk
from trainer.reading.furigana import ruby_parts
from trainer.reading.kana import is_kana, to_hiragana
from trainer.reading.pieces import Prepared, override_pattern, prepare
from trainer.reading.ruby import Segment, is_kanji


@dataclass(frozen=True, slots=True)
class Word:
    """One word of a text and how it is read."""

    surface: str
    """The word as shown (a slice of the plain text)."""
    kana: str
    """Reading in hiragana for furigana; "" for punctuation and spaces."""
    needs_ruby: bool
    """True when the surface has kanji, i.e. furigana helps."""
    start: int = 0
    """Offset of the word in the plain text."""
    pron: str = ""
    """Katakana as spoken (キョーワ), punctuation as 、。？！, a space as " "."""
    moras: int = 0
    """Number of morae spoken (for timing word highlights)."""
    source: str = "dictionary"
    """Who decided the reading: "author", "rule", "dictionary" or "none"."""
    unsure: bool = False
    """True when the dictionary did not know the word and guessed."""
    pos: str = ""
    """Part of speech from the dictionary (名詞, 助詞 ...), "" if none."""

    @property
    def end(self) -> int:
        """Offset just after the word in the plain text."""
        return self.start + len(self.surface)


@dataclass(frozen=True, slots=True)
class Clause:
    """A stretch of text synthesised in one go (split at 、。 and line ends)."""

    start: int
    end: int
    speech: str
    """Text for a Japanese speech engine: author readings already applied."""
    words: tuple[Word, ...]

    @property
    def moras(self) -> int:
        """Morae spoken in this clause."""
        return sum(w.moras for w in self.words)


@dataclass(frozen=True, slots=True)
class _Analysis:
    prepared: Prepared
    words: tuple[Word, ...]
    speech_spans: tuple[tuple[int, int], ...]


_PUNCT_PRON = {"、": "、", ",": "、", "，": "、", "。": "。", ".": "。", "．": "。", "?": "？", "？": "？",
               "!": "！", "！": "！", "・": "、", "：": "、", ":": "、",
               "-": "、", "−": "、", "－": "、", "‐": "、"}
_CLAUSE_END = set("、。，,！？!?")
_VOWELS = set("アイウエオ")
_SPELLED = {("ズ", "ヅ"), ("ジ", "ヂ")}
_LATIN = re.compile(r"[A-Za-zＡ-Ｚａ-ｚ]")
_SPOKEN_KANA = re.compile(r"[\u30a1-\u30fa\u30fc]")


def _clean(pron: str) -> str:
    return pron.replace("’", "").replace("'", "")


def _furigana(pron: str, read: str) -> str:
    """Pron spelled as written, from ``read``: キョー + キョウ → きょう; テツズキ + テツヅキ → てつづき."""
    if len(pron) == len(read):
        # Spell as written, not as heard: long vowels from ``read`` (きょう, not
        # きょー) and the づ/ぢ of 手続き・鼻血 (pron has ズ/ジ for both).
        pron = "".join(r if (p == "ー" and r in _VOWELS) or (p, r) in _SPELLED else p
                       for p, r in zip(pron, read, strict=True))
    return to_hiragana(pron)


K = TypeVar("K")
V = TypeVar("V")


class _Recent(Generic[K, V]):
    """A bounded, thread-safe cache of ``compute(key)`` that can also be asked without storing.

    Texts read aloud are often one-offs (praise joined to a step's text); they
    are analysed with ``store=False`` so they neither fill the cache nor push
    out the texts shown on screen, which come back on every pass."""

    def __init__(self, compute: Callable[[K, bool], V] | None, size: int) -> None:
        self._compute = compute  # None: every call brings its own
        self._size = size
        self._items: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def __call__(self, key: K, store: bool = True, compute: Callable[[K, bool], V] | None = None) -> V:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = cast(Callable[[K, bool], V], compute or self._compute)(key, store)
        if store:
            with self._lock:
                self._items[key] = value
                while len(self._items) > self._size:
                    self._items.popitem(last=False)
        return value

    def cache_clear(self) -> None:
        with self._lock:
            self._items.clear()

    def __contains__(self, key: object) -> bool:
        with self._lock:
            return key in self._items

    def __len__(self) -> int:
        return len(self._items)


_Entry = dict[str, Any]
"""One of pyopenjtalk's dictionary entries (``g2p_mapping``): surface, pron, char_span, pos_group1 ..."""


def _mapping_uncached(speech: str, _store: bool = True) -> tuple[_Entry, ...]:
    pyopenjtalk = jtalk.module()
    with jtalk.FRONTEND_LOCK:
        return tuple(pyopenjtalk.g2p_mapping(speech))


_mapping: _Recent[str, tuple[_Entry, ...]] = _Recent(_mapping_uncached, 2048)
_ANALYSES: _Recent[tuple[tuple[tuple[str, str], ...], str], _Analysis] = _Recent(None, 4096)
"""Every reader's analyses, by (its readings, the text) — bounded as a whole, however many readers."""


class _Token:
    """Dictionary entries grouped into one word, with a span in the speech text."""

    __slots__ = ("start", "end", "entries")

    def __init__(self, start: int, end: int, entry: _Entry) -> None:
        self.start, self.end, self.entries = start, end, [entry]


def _is_numeral(entry: _Entry) -> bool:
    return entry["pos_group1"] == "数" or (entry["surface"] in "．." and entry["pron"] == "テン")


def _tokens(entries: Iterable[_Entry]) -> list[_Token]:
    """Group entries: digits of one number become one token ("580" not 五|百|八|十)."""
    tokens: list[_Token] = []
    for entry in entries:
        start, end = entry["char_span"]
        if tokens and (start, end) == (0, 0):  # a part of a number with no span of its own
            tokens[-1].entries.append(entry)
            continue
        last = tokens[-1] if tokens else None
        if last is not None and _is_numeral(entry) and _is_numeral(last.entries[-1]) and start <= last.end:
            last.entries.append(entry)
            last.end = max(last.end, end)
            continue
        tokens.append(_Token(start, end, entry))
    return tokens


class Reader:
    """Reads Japanese texts; author ``overrides`` (word → kana) always win.

    ``overrides`` is a scenario's ``readings:`` map; inline notation such as
    ``｜都城《みやこのじょう》`` in the text wins as well. When two keys
    overlap, the longest match wins.
    """

    def __init__(self, overrides: Mapping[str, str] | None = None) -> None:
        self._overrides = MappingProxyType(dict(overrides or {}))
        self._override_re = override_pattern(self._overrides)
        self._key = tuple(sorted(self._overrides.items()))

    def _analyse(self, text: str, store: bool = True) -> _Analysis:
        # One cache for every reader, by (readings, text): a catalogue has a reader per scenario (its
        # ``readings:``), more than a per-reader cache could keep without a day's memory growing.
        return _ANALYSES((self._key, text), store, lambda key, keep: self._analyse_uncached(key[1], keep))

    @property
    def overrides(self) -> Mapping[str, str]:
        """The author's readings this reader applies."""
        return self._overrides

    def with_overrides(self, extra: Mapping[str, str]) -> Reader:
        """A new reader with ``extra`` readings added (they win over ours)."""
        return Reader({**self._overrides, **extra})

    # -- public queries -------------------------------------------------

    def knows(self, text: str) -> bool:
        """True when ``text`` was analysed lately (its words come from the cache)."""
        return (self._key, text) in _ANALYSES

    def words(self, text: str) -> list[Word]:
        """The words of ``text`` (notation removed), covering it exactly."""
        return list(self._analyse(text).words)

    def kana(self, text: str, *, hiragana: bool = False) -> str:
        """The whole text as spoken, in katakana (or hiragana), on one line.

        Long vowels are written ``ー`` and particles as pronounced (は → ワ),
        which is what kana-only engines such as espeak-ng read best.
        """
        spoken = "".join(w.pron for w in self._analyse(text).words)
        spoken = re.sub(r"\s+", " ", spoken).strip()
        spoken = re.sub(r"([、。？！]) ", r"\1", spoken)
        return to_hiragana(spoken) if hiragana else spoken

    def unsure(self, text: str) -> list[str]:
        """Words the dictionary did not know and guessed (each listed once)."""
        seen: dict[str, None] = {}
        for word in self._analyse(text).words:
            if word.unsure:
                seen.setdefault(word.surface, None)
        return list(seen)

    def speech_text(self, text: str) -> str:
        """The text for a Japanese speech engine, with author readings applied."""
        return self._analyse(text).prepared.speech

    def plain(self, text: str) -> str:
        """The text as shown (notation removed)."""
        return self._analyse(text).prepared.plain

    def annotate(self, text: str) -> str:
        """The text in reading notation: 都城《みやこのじょう》市《し》で｜PIN《ぴん》を入《い》れる.

        Every word not written in kana gets its reading (kanji, digits,
        Latin letters), so an instructor sees how all of it will be read;
        ``plain()`` of the result is the text again.
        """
        out: list[str] = []
        for word in self._analyse(text).words:
            if not word.kana or (is_kana(word.surface) and not word.needs_ruby):
                out.append(word.surface)
                continue
            for part in ruby_parts(word.surface, word.kana) if word.needs_ruby else [Segment(word.surface, word.kana)]:
                if part.reading is None:
                    out.append(part.base)
                    continue
                previous = out[-1][-1:] if out else ""
                bare = all(is_kanji(ch) for ch in part.base) and not (previous and is_kanji(previous))
                out.append(f"{'' if bare else '｜'}{part.base}《{part.reading}》")
        return "".join(out)

    def clauses(self, text: str, *, first_max_moras: int | None = None, remember: bool = True) -> list[Clause]:
        """Cut ``text`` for synthesis at 、。！？ and line ends.

        With ``first_max_moras``, a long first clause is cut once more after
        a particle so the first sound comes quickly. ``remember=False``: a
        text heard once (not kept among the analyses; one already kept is used).
        """
        analysis = self._analyse(text, store=remember)
        groups: list[list[int]] = [[]]
        for index, word in enumerate(analysis.words):
            groups[-1].append(index)
            if word.surface[-1:] in _CLAUSE_END or (word.surface.isspace() and "\n" in word.surface):
                groups.append([])
        groups = [g for g in groups if g]
        if first_max_moras and groups:
            groups[:1] = self._split_first(analysis.words, groups[0], first_max_moras)
        clauses = []
        for group in groups:
            first, last = group[0], group[-1]
            speech_start = analysis.speech_spans[first][0]
            speech_end = analysis.speech_spans[last][1]
            words = tuple(analysis.words[i] for i in group)
            clauses.append(Clause(words[0].start, words[-1].end, analysis.prepared.speech[speech_start:speech_end],
                                  words))
        return clauses

    @staticmethod
    def _split_first(words: tuple[Word, ...], group: list[int], limit: int) -> list[list[int]]:
        """Cut after the particle closest to ``limit`` morae (keeping 3+ on each side)."""
        total = sum(words[i].moras for i in group)
        if total <= limit:
            return [group]
        count = 0
        best: tuple[int, int] | None = None
        for position, index in enumerate(group[:-1]):
            count += words[index].moras
            following = words[group[position + 1]]
            if words[index].pos == "助詞" and following.pos != "助詞" and 3 <= count <= total - 3:
                score = abs(count - limit)
                if best is None or score < best[0]:
                    best = (score, position)
        if best is None:
            return [group]
        cut = best[1] + 1
        return [group[:cut], group[cut:]]

    # -- analysis -------------------------------------------------------

    def _analyse_uncached(self, text: str, store: bool = True) -> _Analysis:
        prepared = prepare(text, self._overrides, self._override_re)
        entries = _mapping(prepared.speech, store) if prepared.speech.strip() else ()
        # Parallel lists: one (word, speech span, dictionary entries) per word.
        words: list[Word] = []
        spans: list[tuple[int, int]] = []
        groups: list[list[_Entry]] = []
        cursor = 0
        for token in _tokens(entries):
            start, end = prepared.plain_span(token.start, token.end)
            if words and start < words[-1].end:  # same replaced piece as the previous word: merge
                start = words.pop().start
                token.start = min(token.start, spans.pop()[0])
                token.entries = groups.pop() + token.entries
                cursor = start
            if start > cursor:
                words.append(_gap(prepared, cursor, start))
                spans.append((prepared.speech_offset(cursor), prepared.speech_offset(start)))
                groups.append([])
            end = max(end, start)
            words.append(self._word(prepared, token, start, end))
            spans.append((token.start, token.end))
            groups.append(token.entries)
            cursor = end
        if cursor < len(prepared.plain):
            words.append(_gap(prepared, cursor, len(prepared.plain)))
            spans.append((prepared.speech_offset(cursor), len(prepared.speech)))
        return _Analysis(prepared, tuple(words), tuple(spans))

    @staticmethod
    def _word(prepared: Prepared, token: _Token, start: int, end: int) -> Word:
        surface = prepared.plain[start:end]
        entries = token.entries
        source = "dictionary"
        exact = None
        for piece in prepared.pieces:
            if piece.start < end and start < piece.end and piece.kind != "text":
                source = piece.kind
                if piece.start == start and piece.end == end:
                    exact = piece.kana
        spoken = [e for e in entries if e["pos"] != "記号" and _SPOKEN_KANA.search(_clean(e["pron"]))]
        if not spoken:
            pron = " " if surface.isspace() else _PUNCT_PRON.get(surface.strip()[-1:], "")
            return Word(surface, "", False, start, pron, 0, "none", False, entries[-1]["pos"])
        pron = "".join(_clean(e["pron"]) for e in spoken)
        has_kanji = any(is_kanji(ch) for ch in surface)
        if exact:
            kana = exact
        elif not is_kana(surface):  # kanji, digits, Latin: as spoken (いっぷん, さんびゃく)
            kana = "".join(_furigana(_clean(e["pron"]), e["read"]) for e in spoken)
        else:  # kana words: the reading as written (は stays は)
            kana = to_hiragana("".join(e["read"] for e in spoken))
        unsure = source == "dictionary" and any(
            e["is_unknown"] and (any(is_kanji(ch) for ch in e["surface"]) or _LATIN.search(e["surface"]))
            for e in spoken
        )
        moras = sum(int(e["mora_count"]) for e in spoken)
        return Word(surface, kana, has_kanji and kana != surface, start, pron, moras, source, unsure,
                    spoken[-1]["pos"])


def _gap(prepared: Prepared, start: int, end: int) -> Word:
    """A stretch the dictionary skipped (spaces, emoji): shown, not read."""
    surface = prepared.plain[start:end]
    pron = " " if surface.isspace() else _PUNCT_PRON.get(surface, "")
    return Word(surface, "", False, start, pron, 0, "none", False, "")
