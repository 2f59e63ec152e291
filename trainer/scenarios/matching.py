"""Does a learner's action match what the author described?

Pure functions; the runner calls them. Comparisons are forgiving in form and
strict in meaning: typed values are trimmed and width-folded (全角 "５８０"
equals "580"); spoken phrases are also compared without punctuation, spaces
and the kana/kanji difference when a reading normaliser is given.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping

from trainer.scenarios.actions import Action, ActionKind
from trainer.scenarios.model import Expectation, MatchMode, ValueMatch
from trainer.scenarios.safe_regex import MAX_MATCH_CHARS

_PUNCT = re.compile(r"[\s、。，．,.!?！？「」『』（）()・ー〜~…]+")


def fold(value: str) -> str:
    """Trim, fold widths (NFKC) and case: what a person would call "the same"."""
    return unicodedata.normalize("NFKC", value).strip().casefold()


def value_matches(match: ValueMatch, value: str | None) -> bool:
    text = fold(value or "")
    if match.mode is MatchMode.ANY:
        return bool(text)
    if match.mode is MatchMode.EMPTY:
        return not text
    if match.mode in (MatchMode.EXACT, MatchMode.ONE_OF):
        return any(text == fold(v) for v in match.values)
    if match.mode is MatchMode.PATTERN:
        raw = (value or "").strip()
        if len(text) > MAX_MATCH_CHARS or len(raw) > MAX_MATCH_CHARS:
            return False  # no answer is this long; and a pattern never runs on unbounded text
        return re.fullmatch(match.values[0], text) is not None or re.fullmatch(match.values[0], raw) is not None
    raise ValueError(f"unknown match mode {match.mode!r}")


def to_katakana(text: str) -> str:
    return "".join(chr(ord(c) + 0x60) if "\u3041" <= c <= "\u3096" else c for c in text)


def default_speech_normaliser(text: str) -> str:
    """Fold width, case, punctuation and hiragana/katakana (no kanji readings)."""
    return _PUNCT.sub("", to_katakana(fold(text)))


def phrase_matches(phrases: tuple[str, ...], said: str | None,
                   normalise: Callable[[str], str] = default_speech_normaliser) -> bool:
    if not said:
        return False
    heard = normalise(said)
    return bool(heard) and any(heard == normalise(p) for p in phrases)


def action_matches(expect: Expectation, action: Action,
                   normalise: Callable[[str], str] = default_speech_normaliser) -> bool:
    """True when ``action`` is what ``expect`` describes."""
    if action.kind != expect.kind:
        return False
    kind = expect.kind
    if kind is ActionKind.CONTINUE:
        return True
    if kind is ActionKind.SAY:
        if not phrase_matches(expect.phrases, action.value, normalise):
            return False
    elif kind is ActionKind.SCAN:
        if fold(action.value or "") != fold(expect.target or ""):
            return False
    elif kind is ActionKind.SWIPE:
        if action.value != expect.target:
            return False
        if expect.on is not None and action.target != expect.on:
            return False
    elif kind is ActionKind.ENTER:
        if action.target != expect.target:
            return False
        if expect.value is not None and not value_matches(expect.value, action.value):
            return False
    else:
        if expect.target is not None and action.target != expect.target:
            return False
        if kind is ActionKind.TOGGLE and expect.value is not None and fold(action.value or "on") != expect.value.values[0]:
            return False
        if kind in (ActionKind.INSERT, ActionKind.PLACE) and expect.value is not None and not value_matches(expect.value, action.value):
            return False  # the wrong thing pushed at the part (a coin at the card tray)
    return _fields_match(expect.fields, action.fields)


def _fields_match(fields: Mapping[str, ValueMatch], values: Mapping[str, str]) -> bool:
    return all(value_matches(match, values.get(name)) for name, match in fields.items())
