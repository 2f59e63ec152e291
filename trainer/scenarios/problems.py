"""Problems found in a scenario file, in plain Japanese and English.

Every problem reads ``path:line:column: what is wrong — what would be right``.
Their words live in the app's one catalogue (``trainer.words.author``, keys
``problem.<code>``) so the wording stays kind and consistent, and translators
have one place to look.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from trainer.scenarios.model import Severity, Where, as_member
from trainer.words.catalogue import STRINGS, tr


def known(code: str) -> bool:
    """True when ``code`` names a problem (its words are ``problem.<code>`` in the catalogue)."""
    return f"problem.{code}" in STRINGS


def type_name(kind: str, lang: str = "ja") -> str:
    """What a value of ``kind`` is, in words (``problem.type.<kind>``; an unknown kind is "a single value")."""
    key = f"problem.type.{kind}"
    return tr(key if key in STRINGS else "problem.type.scalar", lang)


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a scenario file, with where it is."""

    where: Where
    code: str
    args: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    severity: Severity = Severity.ERROR

    def __post_init__(self) -> None:
        as_member(self, "severity", Severity)

    def message(self, lang: str = "ja") -> str:
        template = tr(f"problem.{self.code}", lang)
        args = dict(self.args)
        suggestion = args.get("suggest")
        for each in ("ja", "en"):
            args.setdefault(f"suggest_{each}", tr("problem.suggest", each, suggestion=suggestion) if suggestion else "")
        return template.format_map(_Defaults(args))

    def format(self, lang: str = "ja") -> str:
        label = "" if self.severity is Severity.ERROR else tr("problem.warning", lang)
        return printable(f"{self.where}: {label}{self.message(lang)}")


_UNPRINTABLE = None


def printable(text: str) -> str:
    """``text`` safe to print on a terminal: control, format and line-separator characters
    (an escape sequence hidden in a zip entry name or a scenario value) are shown as ``\\u001b``."""
    global _UNPRINTABLE
    if _UNPRINTABLE is None:
        import re

        _UNPRINTABLE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e"
                                  "\u2066-\u2069]")
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class _Defaults(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "?"


class ScenarioError(Exception):
    """Raised by :func:`trainer.scenarios.loader.load` when a file has problems."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems
