"""Which language to speak to a person in: Japanese first, English too."""

from __future__ import annotations

import locale
import os

LANGS = ("ja", "en")


def detect_lang(explicit: str | None = None) -> str:
    """Return "ja" or "en": ``explicit`` if given, else from the locale.

    ``TRAINER_LANG`` wins over the locale; anything that is not clearly
    English falls back to Japanese, the app's first language.
    """
    if explicit in LANGS:
        return explicit
    env = os.environ.get("TRAINER_LANG")
    if env in LANGS:
        return env
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "en" if value.lower().startswith("en") else "ja"
    try:
        loc = locale.getlocale()[0] or ""
    except ValueError:
        loc = ""
    return "en" if loc.lower().startswith("en") else "ja"
