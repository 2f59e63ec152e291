"""Small kana helpers: hiragana ⇄ katakana, and tests for kana-only text."""

from __future__ import annotations

import re

_KATA_TO_HIRA = {code: code - 0x60 for code in range(0x30A1, 0x30F7)}  # ァ..ヶ -> ぁ..ゖ
_HIRA_TO_KATA = {code - 0x60: code for code in range(0x30A1, 0x30F7)}

_KANA_ONLY = re.compile(r"^[\u3041-\u3096\u309d\u309e\u30a1-\u30fa\u30fc-\u30fe\s・ー〜、。]+$")


def to_hiragana(text: str) -> str:
    """Katakana to hiragana; other characters (ー, kanji, Latin) unchanged."""
    return text.translate(_KATA_TO_HIRA)


def to_katakana(text: str) -> str:
    """Hiragana to katakana; other characters unchanged."""
    return text.translate(_HIRA_TO_KATA)


def is_kana(text: str) -> bool:
    """True when ``text`` is written in kana only (a valid reading)."""
    return bool(_KANA_ONLY.match(text))
