"""Read a YAML file safely into nodes that keep their line and column.

Only PyYAML's safe composer is used (the C one when available): no Python
objects can be built from a file. Before parsing, one pass over the lines
catches what Japanese input methods slip in where YAML needs ASCII (a
full-width space in the indentation, a full-width colon after a key), so the
author is told exactly where and what to type instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from trainer.scenarios.model import Where
from trainer.scenarios.problems import Problem

MAX_BYTES = 1024 * 1024

_Loader: type[yaml.SafeLoader] | type[yaml.CSafeLoader]
try:  # the C composer is several times faster; fall back to pure Python
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML without libyaml
    _Loader = yaml.SafeLoader

_FULLWIDTH_COLON = re.compile(r"^[ \t\u3000]*(?:[-－ー−][ \u3000]+)?([A-Za-z][A-Za-z0-9_-]*)[ \t\u3000]*：")
_FULLWIDTH_DASH = re.compile(r"^[ \t]*([－ー−])[ \u3000]")
_MAYBE_SLIP = re.compile(
    r"^[ \t]*\u3000|^ *\t|^[ \t]*[－ー−][ \u3000]"
    r"|^[ \t\u3000]*(?:[-－ー−][ \u3000]+)?[A-Za-z][A-Za-z0-9_-]*[ \t\u3000]*：", re.M)
_TIGHT_ANYWHERE = re.compile(r"^[ \t]*(?:-[ \t]+)?([a-z][a-z-]*):[^\s/]", re.M)


# Characters YAML either refuses (C0/C1 controls: it then reports 1:1) or reads as line
# breaks where an editor shows none (NEL, U+2028, U+2029: every later line number shifts),
# and direction overrides that make text read differently from what is stored.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")
_MAX_CONTROL_PROBLEMS = 20


def scan_control_characters(text: str, shown: str) -> list[Problem]:
    """Every control or line-separator character, at its line and column (lines counted by ``\\n``)."""
    if not _CONTROL.search(text):
        return []
    problems: list[Problem] = []
    for number, line in enumerate(text.split("\n"), start=1):
        for match in _CONTROL.finditer(line):
            char = match.group()
            problems.append(Problem(Where(shown, number, match.start() + 1), "control-char",
                                    {"char": f"U+{ord(char):04X}"}))
            if len(problems) >= _MAX_CONTROL_PROBLEMS:
                return problems
    return problems


def _maybe_tight_colon(text: str, keys: frozenset[str]) -> bool:
    return any(match.group(1) in keys for match in _TIGHT_ANYWHERE.finditer(text))




@dataclass
class Source:
    """A decoded scenario file: its text, or the problems that stopped it."""

    path: str
    text: str | None
    problems: list[Problem]


def read_source(path: Path | str, display: str | None = None) -> Source:
    """Read ``path`` as UTF-8 (a byte-order mark is fine), refusing big files."""
    shown = display or str(path)
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            return Source(shown, None, [Problem(Where(shown, 1, 1), "file-too-big", {"size": size})])
        data = p.read_bytes()
    except OSError as error:
        reason = error.strerror or type(error).__name__
        return Source(shown, None, [Problem(Where(shown, 1, 1), "file-unreadable", {"reason": reason})])
    return decode_source(data, shown)


def decode_source(data: bytes, shown: str) -> Source:
    if len(data) > MAX_BYTES:
        return Source(shown, None, [Problem(Where(shown, 1, 1), "file-too-big", {"size": len(data)})])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = len(before.rsplit(b"\n", 1)[-1].decode("utf-8", "replace")) + 1
        return Source(shown, None, [Problem(Where(shown, line, column), "not-utf8")])
    return Source(shown, text.replace("\r\n", "\n").replace("\r", "\n"), [])


def scan_input_method_slips(text: str, shown: str, keys: frozenset[str] = frozenset()) -> list[Problem]:
    """Find full-width spaces, tabs in indentation, full-width colons and list
    dashes, and a known key written without a space after its colon
    (``say:こんにちは``, which YAML would silently read as one long text)."""
    if not _MAYBE_SLIP.search(text) and not (keys and _maybe_tight_colon(text, keys)):
        return []  # the common case: one C-speed search instead of a Python loop per line
    problems: list[Problem] = []
    in_block = False
    block_indent = 0
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.lstrip(" \t\u3000")
        indent = len(line) - len(stripped)
        if in_block:  # inside a literal block (| or >): any content is text
            if not stripped or indent > block_indent:
                continue
            in_block = False
        if not stripped or stripped.startswith("#"):
            continue
        lead = line[:indent]
        if "\u3000" in lead:
            problems.append(Problem(Where(shown, number, lead.index("\u3000") + 1), "fullwidth-space"))
        elif "\t" in lead:
            problems.append(Problem(Where(shown, number, lead.index("\t") + 1), "tab-indent"))
        match = _FULLWIDTH_COLON.match(line)
        if match:
            problems.append(Problem(Where(shown, number, match.end()), "fullwidth-colon", {"key": match.group(1)}))
        tight = _TIGHT_ANYWHERE.match(line)
        if tight and tight.group(1) in keys:  # the column of the colon itself
            problems.append(Problem(Where(shown, number, tight.end(1) + 1), "no-space-after-colon",
                                    {"key": tight.group(1)}))
        dash = _FULLWIDTH_DASH.match(line)
        if dash:
            problems.append(Problem(Where(shown, number, dash.start(1) + 1), "fullwidth-dash", {"char": dash.group(1)}))
        if re.search(r":\s*[|>][-+0-9]*\s*(#.*)?$", line):
            in_block, block_indent = True, indent
    return problems


def compose(text: str, shown: str) -> tuple[yaml.Node | None, list[Problem]]:
    """Parse ``text`` into a node tree (safe: nodes only, no objects)."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = error.problem or error.context or "?"
        return None, [Problem(Where(shown, line, column), "yaml-syntax", {"problem": problem})]
    except yaml.YAMLError as error:  # e.g. a reader error on a control character
        return None, [Problem(Where(shown, 1, 1), "yaml-syntax", {"problem": str(error).splitlines()[0]})]
    if node is None:
        return None, [Problem(Where(shown, 1, 1), "empty-file")]
    return node, []

