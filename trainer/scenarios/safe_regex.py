"""Refuse regular expressions that can take exponential time (``(a+)+$``).

Python's ``re`` backtracks: a pattern that repeats something which itself
repeats — or repeats a choice whose branches can begin alike — can need
2ⁿ steps on a typed value of n characters that almost matches, freezing the
window while an answer is judged. Such patterns are refused when a scenario
is loaded (``check``, pack import, the app), with the place and a rewrite
to try. As a second guard, :data:`MAX_MATCH_CHARS` caps how much typed text
a pattern is ever run on. Pure Python, no Qt.
"""

from __future__ import annotations

import importlib
import logging
from typing import Any

log = logging.getLogger(__name__)

# The standard library's own regex parser (Python 3.11+), untyped: its parse tree is plain tuples.
_c: Any = importlib.import_module("re._constants")
_parser: Any = importlib.import_module("re._parser")

#: Typed text longer than this never matches a pattern (no real answer is this long).
MAX_MATCH_CHARS = 200
#: A repeat allowing more than this many rounds counts as "many".
_MANY = 16

_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT}
_SAFE = {getattr(_c, "POSSESSIVE_REPEAT", None), getattr(_c, "ATOMIC_GROUP", None)} - {None}
_ONE_CHAR = {_c.LITERAL, _c.NOT_LITERAL, _c.IN, _c.ANY, _c.CATEGORY}


def _many(high: int) -> bool:
    return high == _c.MAXREPEAT or high > _MANY


def _first_chars(items: Any) -> set[Any] | None:
    """The literal first character of a branch (None: anything, or unknown)."""
    for op, av in items:
        if op == _c.LITERAL:
            return {av}
        if op == _c.SUBPATTERN:
            return _first_chars(av[-1])
        if op == _c.AT:
            continue
        return None
    return set()


def _has_many_repeat(items: Any) -> bool:
    for op, av in items:
        if op in _REPEATS and _many(av[1]):
            return True
        if op in _REPEATS and _has_many_repeat(av[2]):
            return True
        if op == _c.SUBPATTERN and _has_many_repeat(av[-1]):
            return True
        if op == _c.BRANCH and any(_has_many_repeat(b) for b in av[1]):
            return True
    return False


def _risky_branch(items: Any) -> bool:
    """A choice whose branches may begin with the same character (``a|aa``)."""
    for op, av in items:
        if op == _c.SUBPATTERN:
            if _risky_branch(av[-1]):
                return True
        elif op == _c.BRANCH:
            branches = av[1]
            if all(len(b) == 1 and b[0][0] in _ONE_CHAR for b in branches):
                continue  # like a character class: one way to match each character
            seen: set[Any] = set()
            for branch in branches:
                first = _first_chars(branch)
                if first is None or not first or first & seen:
                    return True
                seen |= first
    return False


def _walk(items: Any) -> str | None:
    for op, av in items:
        if op in _SAFE:
            continue
        if op in _REPEATS:
            _low, high, body = av
            if _many(high):
                if _has_many_repeat(body):
                    return "nested"
                if _risky_branch(body):
                    return "choice"
            found = _walk(body)
        elif op == _c.SUBPATTERN:
            found = _walk(av[-1])
        elif op == _c.BRANCH:
            found = next((r for r in (_walk(b) for b in av[1]) if r), None)
        elif op in (_c.ASSERT, _c.ASSERT_NOT):
            found = _walk(av[1])
        elif op == _c.GROUPREF_EXISTS:
            found = _walk(av[1]) or (_walk(av[2]) if av[2] else None)
        else:
            found = None
        if found:
            return found
    return None


def catastrophic(pattern: str) -> str | None:
    """``"nested"`` / ``"choice"`` when ``pattern`` can backtrack exponentially, else None.

    The pattern must already compile (``re.compile``).
    """
    try:
        parsed = _parser.parse(pattern)
    except Exception:  # compile() reports a bad pattern
        log.debug("a pattern the regex parser refuses (compile() reports it)", exc_info=True)
        return None
    items = getattr(parsed, "data", parsed)
    return _walk(items)
