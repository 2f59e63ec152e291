"""Load scenario files into the model, reporting every problem in one pass.

Stages: read and decode (``yamlsource``) → catch input-method slips → compose
YAML nodes safely → walk the nodes into the model, checking keys and types
as we go → check the cross-references (step ids, ``next``, choices). Every
problem carries ``file:line:column``; nothing raises a traceback at an author.
"""

from __future__ import annotations

import dataclasses
import difflib
import gc
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit

import yaml
from yaml.constructor import SafeConstructor

from trainer.reading.ruby import validate_notation
from trainer.scenarios import devices as device_kinds
from trainer.scenarios import elements as element_kinds
from trainer.scenarios.actions import ActionKind
from trainer.scenarios.model import (
    CATEGORIES,
    DEVICES,
    FORMAT_VERSION,
    OUTCOMES,
    Choice,
    Element,
    Expectation,
    Hint,
    HintKind,
    MatchMode,
    Mistake,
    Scenario,
    Screen,
    Severity,
    Source,
    Step,
    Text,
    ValueMatch,
    Where,
)
from trainer.scenarios.problems import Problem, ScenarioError, type_name
from trainer.scenarios.safe_regex import catastrophic
from trainer.scenarios.yamlsource import (
    compose,
    decode_source,
    read_source,
    scan_control_characters,
    scan_input_method_slips,
)
from trainer.words.catalogue import tr

STR = "tag:yaml.org,2002:str"
INT = "tag:yaml.org,2002:int"
BOOL = "tag:yaml.org,2002:bool"
NULL = "tag:yaml.org,2002:null"
FLOAT = "tag:yaml.org,2002:float"

#: No setting needs a longer number; longer ones are refused before Python converts them.
MAX_NUMBER_DIGITS = 18
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
KANA_RE = re.compile(r"^[\u3041-\u309f\u30a0-\u30ffー・\s]+$")
ACTION_KEYS = tuple(k.value for k in ActionKind if k is not ActionKind.CONTINUE)
DIRECTIONS = ("left", "right", "up", "down")
LANG_KEYS = ("ja", "en")

TOP_KEYS = ("format", "id", "version", "lang", "title", "summary", "category", "level", "minutes",
            "device", "app", "goals", "sources", "readings", "steps", "task")
TOP_REQUIRED = ("format", "id", "version", "title", "summary", "category", "level", "minutes", "device", "steps")
STEP_KEYS = ("id", "say", "easy", "device", "arrive", "body", "screen", "expect", "hints", "mistakes", "choices", "next", "praise",
             "finish", "learned", "goal")
SCREEN_KEYS = ("title", "url", "app", "elements")
ACTION_EXTRA = ("with", "on", "to", "thing")
MISTAKE_KEYS = ("id", "when", "say", "show")
CHOICE_KEYS = (*ACTION_KEYS, *ACTION_EXTRA, "next", "outcome", "say")
SOURCE_KEYS = ("title", "url", "publisher")

_constructor = SafeConstructor()
_NOTATION_CHARS = frozenset("《》｜|")
_KNOWN_KEYS = frozenset(
    (*TOP_KEYS, *STEP_KEYS, *SCREEN_KEYS, *CHOICE_KEYS, *MISTAKE_KEYS, *SOURCE_KEYS, *LANG_KEYS, "type",
     "highlight", "show",
     *(key for kind in element_kinds.KINDS.values() for key in kind.keys),
     *(key for kind in device_kinds.KINDS.values() for key in kind.state))
)


OFFICIAL_SUFFIXES = (".go.jp", ".lg.jp")
"""Genuine government services may show their real kind of address (``*.go.jp``
for the state, ``*.lg.jp`` for a city), which is what learners are taught to
look for; nothing is ever fetched. Shops, banks and every fake stay under
``example.invalid``."""


def practice_host(url: str) -> bool:
    """True when a learner may see ``url`` on a mock screen: under
    ``example.invalid``, or a government address (``*.go.jp``, ``*.lg.jp``)."""
    parts = urlsplit(url if "://" in url else f"https://{url}")
    try:
        host = (parts.hostname or "").lower().rstrip(".")
    except ValueError:
        return False
    if host == "example.invalid" or host.endswith(".example.invalid"):
        return True
    return any(host.endswith(suffix) and len(host) > len(suffix) for suffix in OFFICIAL_SUFFIXES)


def suggest(word: str, options: Iterable[str]) -> str | None:
    """The option closest to a misspelt ``word`` (for "did you mean …?"), or None."""
    found = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return found[0] if found else None


def _where(place: str, **fields: object) -> dict[str, str]:
    """Where a missing key belongs, in words, for the ``missing-key`` problem (``problem.where.<name>``)."""
    key = f"problem.where.{place}"
    return {"where_ja": tr(key, "ja", **fields), "where_en": tr(key, "en", **fields)}


def _kind_of(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "mapping"
    if isinstance(node, yaml.SequenceNode):
        return "sequence"
    return {STR: "str", INT: "int", BOOL: "bool", NULL: "null", FLOAT: "number"}.get(node.tag, "scalar")


class Walker:
    """Turns nodes into model values, collecting problems instead of raising.

    Public for the authoring tools that read other YAML files with the same
    positions and messages (``trainer.authoring.packs`` reads ``pack.yaml``)."""

    def __init__(self, shown: str, base_dir: Path | None,
                 comments: dict[tuple[int, int], tuple[int, str]] | None = None):
        self.shown = shown
        self.base_dir = base_dir
        self.problems: list[Problem] = []
        # (line, column) where a value ends -> (column of '#', the comment): see _comments_after_values
        self.comments = comments or {}

    # -- basics ---------------------------------------------------------
    def where(self, node: yaml.Node) -> Where:
        mark = node.start_mark
        return Where(self.shown, mark.line + 1, mark.column + 1)

    def problem(self, node: yaml.Node, code: str, **args: Any) -> None:
        self.problems.append(Problem(self.where(node), code, args))

    def wrong_type(self, node: yaml.Node, key: str, want: str) -> None:
        got = _kind_of(node)
        self.problem(node, "wrong-type", key=key, want_ja=type_name(want, "ja"), want_en=type_name(want, "en"),
                     got_ja=type_name(got, "ja"), got_en=type_name(got, "en"))

    def mapping(self, node: yaml.Node, key: str, allowed: Iterable[str], required: Iterable[str] = (),
                where_ja: str = "", where_en: str = "") -> dict[str, tuple[yaml.Node, yaml.Node]] | None:
        """Check a mapping's keys; return key -> (key node, value node)."""
        if not isinstance(node, yaml.MappingNode):
            self.wrong_type(node, key, "map")
            return None
        allowed = tuple(allowed)
        result: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.wrong_type(key_node, key, "str")
                continue
            name = key_node.value
            if name == "<<":
                self.problem(key_node, "alias")
                continue
            if name in result:
                self.problem(key_node, "duplicate-key", key=name, first=result[name][0].start_mark.line + 1)
                continue
            if name not in allowed:
                self.problem(key_node, "unknown-key", key=name, suggest=suggest(name, allowed),
                             allowed=", ".join(allowed))
                continue
            result[name] = (key_node, value_node)
        for name in required:
            if name not in result:
                self.problem(node, "missing-key", key=name, **(_where("here") if not where_ja else
                                                              {"where_ja": where_ja, "where_en": where_en}))
        return result

    def sequence(self, node: yaml.Node, key: str) -> list[yaml.Node]:
        if not isinstance(node, yaml.SequenceNode):
            self.wrong_type(node, key, "list")
            return []
        return list(node.value)

    def scalar(self, node: yaml.Node, key: str, want: str = "str") -> yaml.ScalarNode | None:
        if not isinstance(node, yaml.ScalarNode):
            self.wrong_type(node, key, want)
            return None
        if self.comments and not node.style:
            found = self.comment_after(node)
            if found and found[1][1:2].isdigit():  # "迷ったら #9110": the number would be lost
                self.cut_text(node, found, "comment-cuts-number")
        return node

    def comment_after(self, node: yaml.ScalarNode) -> tuple[int, str] | None:
        """The ``#…`` comment YAML found right after this plain value, if any."""
        return self.comments.get((node.end_mark.line, node.end_mark.column)) if not node.style else None

    def cut_text(self, node: yaml.ScalarNode, found: tuple[int, str], code: str) -> None:
        column, comment = found
        whole = f"{node.value} {comment}"
        quoted = '"' + whole.replace("\\", "\\\\").replace('"', '\\"') + '"'
        self.problems.append(Problem(Where(self.shown, node.end_mark.line + 1, column + 1), code,
                                     {"kept": node.value, "comment": comment, "quoted": quoted},
                                     severity=Severity.ERROR if code == "comment-cuts-number" else Severity.WARNING))

    def string(self, node: yaml.Node, key: str) -> str | None:
        """Any plain scalar as its written text (``580``, ``yes`` stay as typed)."""
        scalar = self.scalar(node, key)
        if scalar is None:
            return None
        if scalar.tag == NULL and scalar.value in ("", "~"):
            self.wrong_type(node, key, "str")
            return None
        return str(scalar.value)

    def integer(self, node: yaml.Node, key: str, low: int | None = None, high: int | None = None) -> int | None:
        scalar = self.scalar(node, key, "int")
        if scalar is None:
            return None
        if scalar.tag != INT:
            self.wrong_type(node, key, "int")
            return None
        if self._too_long(scalar, key):
            return None
        value = _constructor.construct_yaml_int(scalar)
        if (low is not None and value < low) or (high is not None and value > high):
            self.problem(node, "bad-range", key=key, low=low, high=high, value=value)
            return None
        return value

    def _too_long(self, scalar: yaml.ScalarNode, key: str) -> bool:
        """A number with more digits than any setting needs (Python refuses > 4,300 digits)."""
        digits = sum(ch.isdigit() for ch in scalar.value)
        if digits > MAX_NUMBER_DIGITS:
            self.problem(scalar, "number-too-long", key=key, digits=digits)
            return True
        return False

    def boolean(self, node: yaml.Node, key: str) -> bool | None:
        scalar = self.scalar(node, key, "bool")
        if scalar is None:
            return None
        if scalar.tag != BOOL:
            self.wrong_type(node, key, "bool")
            return None
        return bool(_constructor.construct_yaml_bool(scalar))

    def number(self, node: yaml.Node, key: str) -> float | None:
        scalar = self.scalar(node, key, "number")
        if scalar is None:
            return None
        if scalar.tag in (INT, FLOAT) and self._too_long(scalar, key):
            return None
        if scalar.tag == INT:
            return float(_constructor.construct_yaml_int(scalar))
        if scalar.tag == FLOAT:
            value = float(_constructor.construct_yaml_float(scalar))
            if value != value or value in (float("inf"), float("-inf")):
                self.wrong_type(node, key, "number")
                return None
            return value
        self.wrong_type(node, key, "number")
        return None

    def ident(self, node: yaml.Node, key: str) -> str | None:
        value = self.string(node, key)
        if value is None:
            return None
        if not ID_RE.match(value):
            self.problem(node, "bad-id", value=value)
            return None
        return value

    def enum(self, node: yaml.Node, key: str, allowed: Iterable[str]) -> str | None:
        value = self.string(node, key)
        if value is None:
            return None
        allowed = tuple(allowed)
        if value not in allowed:
            self.problem(node, "bad-enum", key=key, value=value, suggest=suggest(value, allowed),
                         allowed=", ".join(allowed))
            return None
        return value

    def text(self, node: yaml.Node, key: str) -> Text | None:
        """A string (Japanese) or ``{ja: ..., en: ...}``."""
        where = self.where(node)
        if isinstance(node, yaml.ScalarNode):
            value = self.string(node, key)
            if value is None:
                return None
            values = {"ja": value}
            nodes: dict[str, yaml.Node] = {"ja": node}
            self._comment_after_text(node)
        else:
            found = self.mapping(node, key, LANG_KEYS)
            if found is None:
                return None
            values, nodes = {}, {}
            for lang, (_, value_node) in found.items():
                value = self.string(value_node, f"{key}.{lang}")
                if value is not None:
                    values[lang], nodes[lang] = value, value_node
                    self._comment_after_text(value_node)
            if not values:
                self.problem(node, "empty-text", key=key)
                return None
            if "ja" not in values:
                self.problem(node, "no-japanese", key=key)
        for lang, value in values.items():
            if not value.strip():
                self.problem(nodes[lang], "empty-text", key=key)
                continue
            if not _NOTATION_CHARS.intersection(value):
                continue
            for offset, detail_ja, detail_en in validate_notation(value):
                self.problems.append(Problem(self._offset_where(nodes[lang], value, offset),
                                             "bad-reading-notation", {"detail_ja": detail_ja, "detail_en": detail_en}))
        return Text(MappingProxyType(values), where)

    def _comment_after_text(self, node: yaml.Node) -> None:
        """A text followed by `` # note``: YAML drops the note from the text, silently."""
        if self.comments and isinstance(node, yaml.ScalarNode):
            found = self.comment_after(node)
            if found and not found[1][1:2].isdigit():  # the digits case is already an error
                self.cut_text(node, found, "comment-after-text")

    def _offset_where(self, node: yaml.Node, value: str, offset: int) -> Where:
        base = self.where(node)
        # Exact for plain one-line scalars; the node's start otherwise.
        style = getattr(node, "style", None)
        if style in (None, "", '"', "'") and "\n" not in value[:offset]:
            quote = 1 if style in ('"', "'") else 0
            return Where(base.path, base.line, base.column + quote + offset)
        return base

    def texts(self, node: yaml.Node, key: str) -> tuple[Text, ...]:
        if isinstance(node, yaml.ScalarNode) and node.tag == STR:
            one = self.text(node, key)
            return (one,) if one else ()
        return tuple(t for t in (self.text(item, key) for item in self.sequence(node, key)) if t)

    def url(self, node: yaml.Node, key: str, practice_only: bool = True) -> str | None:
        value = self.string(node, key)
        if value is None:
            return None
        if practice_only and not practice_host(value):
            self.problem(node, "bad-url", value=value)
            return None
        return value

    def asset(self, node: yaml.Node, key: str) -> str | None:
        value = self.string(node, key)
        if value is None or self.base_dir is None:
            return value
        relative = Path(value)
        if relative.is_absolute() or value.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", value):
            self.problem(node, "asset-outside", value=value)
            return None
        base = self.base_dir.resolve()
        target = (base / relative).resolve()
        if base != target and base not in target.parents:
            self.problem(node, "asset-outside", value=value)
            return None
        if not target.is_file():
            self.problem(node, "asset-missing", value=value)
            return None
        return value


def _value_match(w: Walker, node: yaml.Node, key: str) -> ValueMatch | None:
    """``"580"`` exact; ``any``; ``empty``; ``[a, b]`` one of; ``{pattern: ...}``;
    ``{one-of: [...]}``; ``{exact: ...}``."""
    where = w.where(node)
    if isinstance(node, yaml.SequenceNode):
        values = tuple(v for v in (w.string(item, key) for item in w.sequence(node, key)) if v is not None)
        return ValueMatch(MatchMode.ONE_OF, values, where)
    if isinstance(node, yaml.MappingNode):
        found = w.mapping(node, key, (MatchMode.PATTERN, MatchMode.ONE_OF, MatchMode.EXACT))
        if not found or len(found) != 1:
            return None
        (written, (_, value_node)), = found.items()
        mode = MatchMode(written)
        if mode is MatchMode.ONE_OF:
            return _value_match(w, value_node, key) if isinstance(value_node, yaml.SequenceNode) else None
        value = w.string(value_node, key)
        if value is None:
            return None
        if mode is MatchMode.PATTERN:
            try:
                re.compile(value)
            except (re.error, RecursionError, OverflowError) as error:
                w.problem(value_node, "bad-pattern", value=value, detail=str(error))
                return None
            if catastrophic(value):
                w.problem(value_node, "slow-pattern", value=value)
                return None
        return ValueMatch(mode, (value,), where)
    value = w.string(node, key)
    if value is None:
        return None
    if value in (MatchMode.ANY, MatchMode.EMPTY):
        return ValueMatch(MatchMode(value), (), where)
    return ValueMatch(MatchMode.EXACT, (value,), where)


def _expectation(w: Walker, node: yaml.Node, key: str, extra: Iterable[str] = ()) -> Expectation | None:
    """One action: ``{tap: next, with: {amount: "580"}}``, ``{say: [...]}`` ..."""
    if isinstance(node, yaml.ScalarNode) and node.value == "continue":
        return Expectation(ActionKind.CONTINUE, None, where=w.where(node))
    found = w.mapping(node, key, (*ACTION_KEYS, *ACTION_EXTRA, *extra))
    if found is None:
        return None
    kinds = [k for k in found if k in ACTION_KEYS]
    if not kinds:
        w.problem(node, "expect-kind", suggest=None)
        return None
    if len(kinds) > 1:
        w.problem(node, "expect-many-kinds", kinds=", ".join(kinds))
        return None
    kind = ActionKind(kinds[0])
    value_node = found[kind][1]
    target: str | None = None
    value: ValueMatch | None = None
    phrases: tuple[str, ...] = ()
    fields: dict[str, ValueMatch] = {}
    if kind is ActionKind.SAY:
        if isinstance(value_node, yaml.SequenceNode):
            phrases = tuple(p for p in (w.string(n, "say") for n in w.sequence(value_node, "say")) if p)
        else:
            phrase = w.string(value_node, "say")
            phrases = (phrase,) if phrase else ()
    elif kind is ActionKind.ENTER:
        if isinstance(value_node, yaml.MappingNode) and len(value_node.value) == 1:
            (key_node, item_node), = value_node.value
            target = w.ident(key_node, "enter")
            value = _value_match(w, item_node, "enter")
        else:
            w.wrong_type(value_node, "enter", "map")
    elif kind is ActionKind.SCAN:
        target = w.string(value_node, "scan")
    elif kind is ActionKind.SWIPE:
        target = w.string(value_node, "swipe")
        if target is not None and target not in DIRECTIONS:
            w.problem(value_node, "bad-direction", value=target)
    else:
        target = w.ident(value_node, kind)
    if "with" in found:
        with_node = found["with"][1]
        if isinstance(with_node, yaml.MappingNode):
            for key_node, item_node in with_node.value:
                field_id = w.ident(key_node, "with")
                match = _value_match(w, item_node, "with")
                if field_id and match:
                    fields[field_id] = match
        else:
            w.wrong_type(with_node, "with", "map")
    if "to" in found:
        state = found["to"][1]
        raw = state.value if isinstance(state, yaml.ScalarNode) else None
        on = {"on": "on", "true": "on", "yes": "on", "off": "off", "false": "off", "no": "off"}.get(str(raw).lower())
        if on is None:
            w.problem(state, "bad-enum", key="to", value=raw, allowed="on, off", suggest=None)
        value = ValueMatch(MatchMode.EXACT, (on or "on",), w.where(state))
    if "thing" in found:
        thing_node = found["thing"][1]
        thing = w.string(thing_node, "thing")
        if kind not in (ActionKind.INSERT, ActionKind.PLACE):
            w.problem(thing_node, "unknown-key", key="thing", suggest=None, allowed=", ".join(
                k for k in ACTION_EXTRA if k != "thing"))
        elif thing is not None and thing not in device_kinds.OBJECTS:
            w.problem(thing_node, "bad-object", key="thing", value=thing,
                      suggest=suggest(thing, device_kinds.OBJECTS), allowed=", ".join(device_kinds.OBJECTS))
        elif thing is not None:
            value = ValueMatch(MatchMode.ONE_OF, (thing,), w.where(thing_node))
    swipe_on: str | None = None
    if "on" in found:
        on_target = w.ident(found["on"][1], "on")
        if kind is ActionKind.SWIPE:
            swipe_on = on_target
    return Expectation(kind, target, MappingProxyType(fields), value, phrases, w.where(node), swipe_on)


def _expectations(w: Walker, node: yaml.Node, key: str, extra: Iterable[str] = ()) -> tuple[Expectation, ...]:
    if isinstance(node, yaml.SequenceNode):
        items = w.sequence(node, key)
        return tuple(e for e in (_expectation(w, item, key, extra) for item in items) if e)
    one = _expectation(w, node, key, extra)
    return (one,) if one else ()


def _element(w: Walker, node: yaml.Node) -> Element | None:
    if not isinstance(node, yaml.MappingNode):
        w.wrong_type(node, "elements", "map")
        return None
    type_node = next((v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == "type"), None)
    if type_node is None:
        w.problem(node, "missing-key", key="type", **_where("element"))
        return None
    type_name = type_node.value if isinstance(type_node, yaml.ScalarNode) else None
    kind = element_kinds.KINDS.get(type_name or "")
    if kind is None:
        names = element_kinds.kind_names()
        w.problem(type_node, "unknown-element", value=type_name, suggest=suggest(str(type_name), names),
                  allowed=", ".join(names))
        return None
    required = [k for k, spec in kind.keys.items() if spec.required]
    found = w.mapping(node, "element", ("type", *kind.keys), required, where_ja=f"「{kind.name}」",
                      where_en=f"the {kind.name}")
    if found is None:
        return None
    props = {name: _key_value(w, spec, value_node, name)
             for name, spec in kind.keys.items() if name in found
             for value_node in (found[name][1],)}
    element_id = props.pop("id", None) or kind.default_id
    props = {k: v for k, v in props.items() if v is not None}
    return Element(kind.name, element_id, MappingProxyType(props), w.where(node))


def _key_value(w: Walker, spec: element_kinds.Key, node: yaml.Node, name: str) -> Any:
    kind = spec.type
    if kind == "id":
        return w.ident(node, name)
    if kind == "text":
        return w.text(node, name)
    if kind == "texts":
        return w.texts(node, name)
    if kind == "str":
        return w.string(node, name)
    if kind == "strs":
        return tuple(s for s in (w.string(n, name) for n in w.sequence(node, name)) if s is not None)
    if kind == "int":
        return w.integer(node, name)
    if kind == "number":
        return w.number(node, name)
    if kind == "bool":
        return w.boolean(node, name)
    if kind == "enum":
        return w.enum(node, name, spec.choices)
    if kind == "asset":
        return w.asset(node, name)
    if kind == "url":
        return w.url(node, name)
    item = spec.item or {}
    required = [k for k, s in item.items() if s.required]
    if kind == "map":
        found = w.mapping(node, name, item, required, where_ja=f"「{name}」", where_en=name)
        if found is None:
            return None
        return MappingProxyType({k: _key_value(w, item[k], v, k) for k, (_, v) in found.items()})
    if kind == "list":
        result = []
        for entry in w.sequence(node, name):
            found = w.mapping(entry, name, item, required, **_where("item", name=name))
            if found is not None:
                result.append(MappingProxyType({k: _key_value(w, item[k], v, k) for k, (_, v) in found.items()}))
        return tuple(result)
    raise AssertionError(f"unhandled key type {kind}")  # a programming error in elements.py


def _screen(w: Walker, node: yaml.Node, app: str | None = None) -> Screen:
    found = w.mapping(node, "screen", SCREEN_KEYS)
    if found is None:
        return Screen(where=w.where(node), app=app)
    title = w.text(found["title"][1], "title") if "title" in found else None
    url = w.url(found["url"][1], "url") if "url" in found else None
    if "app" in found:
        app = w.enum(found["app"][1], "app", element_kinds.APP_LOOKS)
    elements: list[Element] = []
    if "elements" in found:
        seen: dict[str, Element] = {}
        for item in w.sequence(found["elements"][1], "elements"):
            element = _element(w, item)
            if element is None:
                continue
            for target in element_kinds.target_ids(element):
                if target in seen and seen[target] is not element:
                    w.problems.append(Problem(element.where or w.where(item), "duplicate-element-id", {"id": target}))
                seen[target] = element
            elements.append(element)
    return Screen(title, url, tuple(elements), w.where(node), app)


def _hint(w: Walker, node: yaml.Node) -> Hint | None:
    if isinstance(node, yaml.MappingNode):
        keys = {k.value for k, _ in node.value if isinstance(k, yaml.ScalarNode)}
        if keys & {"highlight", "show"}:
            found = w.mapping(node, "hints", ("highlight", "show", "say"))
            if found is None:
                return None
            if "highlight" in found and "show" in found:
                w.problem(node, "hint-kind")
                return None
            kind = HintKind.HIGHLIGHT if HintKind.HIGHLIGHT in found else HintKind.SHOW
            target = w.ident(found[kind][1], kind)
            say = w.text(found["say"][1], "say") if "say" in found else None
            return Hint(kind, say, target, w.where(node)) if target else None
        if not keys <= set(LANG_KEYS):
            w.problem(node, "hint-kind")
            return None
    text = w.text(node, "hints")
    return Hint(HintKind.TEXT, text, None, w.where(node)) if text else None


def _body(w: Walker, node: yaml.Node, device: str) -> dict[str, Any]:
    """A step's ``body:`` — the state of the device's physical parts."""
    kind = device_kinds.KINDS[device]
    found = w.mapping(node, "body", tuple(kind.state), where_ja="body", where_en="body")
    if found is None:
        return {}
    objects = (*device_kinds.OBJECTS, "none")
    body: dict[str, Any] = {}

    def one_object(value_node: yaml.Node, key: str) -> str | None:
        value = w.string(value_node, key)
        if value is None:
            return None
        if value not in objects:
            w.problem(value_node, "bad-object", key=key, value=value, suggest=suggest(value, objects),
                      allowed=", ".join(objects))
            return None
        return value

    for name, (_, value_node) in found.items():
        spec = kind.state[name]
        if spec.type == "object":
            value = one_object(value_node, name)
            if value is not None and value != "none":
                body[name] = value
        elif spec.type == "objects":
            items = w.sequence(value_node, name) if isinstance(value_node, yaml.SequenceNode) else [value_node]
            body[name] = tuple(v for v in (one_object(item, name) for item in items) if v and v != "none")
        elif spec.type == "enum":
            value = w.enum(value_node, name, spec.choices)
            if value is not None:
                body[name] = value
        else:
            flag = w.boolean(value_node, name)
            if flag is not None:
                body[name] = flag
    return body


def _bind_parts(w: Walker, expectations: tuple[Expectation, ...], device: str,
                element_ids: Iterable[str]) -> tuple[Expectation, ...]:
    """Check that body actions name a part of ``device`` that answers them,
    and give ``insert`` / ``place`` on a part the objects it takes in."""
    kind = device_kinds.KINDS[device]
    names = tuple(kind.parts)
    ids = set(element_ids)
    bound: list[Expectation] = []
    for expect in expectations:
        # only body actions (and place / long-press) can name a part; a tap names an element
        part = kind.parts.get(expect.target or "") if expect.kind in device_kinds.PART_ACTIONS else None
        at = expect.where or Where(w.shown, 1, 1)
        if expect.kind in device_kinds.BODY_ACTIONS and part is not None and expect.target in ids:
            # An element id shadows a part of the same name; a body action on it is ambiguous.
            w.problems.append(Problem(at, "part-is-element", {"target": expect.target, "device": device}))
            continue
        if expect.kind in device_kinds.BODY_ACTIONS and part is None:
            w.problems.append(Problem(at, "unknown-part", {
                "device": device, "device_ja": kind.label_ja, "device_en": kind.label_en,
                "target": expect.target, "suggest": suggest(str(expect.target), names),
                "allowed": ", ".join(names) or "—"}))
            continue
        if part is not None and expect.target not in ids:
            if expect.kind not in part.actions:
                w.problems.append(Problem(at, "part-action", {
                    "target": part.name, "device": kind.label_ja, "device_en": kind.label_en, "label": part.label_ja,
                    "label_en": part.label_en, "kind": expect.kind,
                    "allowed": ", ".join(part.actions)}))
                continue
            if expect.kind in (ActionKind.INSERT, ActionKind.PLACE) and part.accepts and expect.value is None:
                expect = dataclasses.replace(expect, value=ValueMatch(MatchMode.ONE_OF, part.accepts, expect.where))
        bound.append(expect)
    return tuple(bound)


def _step(w: Walker, node: yaml.Node, index: int, device: str = "phone", app: str | None = None) -> Step | None:
    found = w.mapping(node, "steps", STEP_KEYS, ("id", "say"), **_where("step"))
    if found is None:
        return None
    if "device" in found:
        device = w.enum(found["device"][1], "device", DEVICES) or device
    step_id = w.ident(found["id"][1], "id") if "id" in found else None
    say = w.text(found["say"][1], "say") if "say" in found else None
    if step_id is None or say is None:
        # Keep walking the rest so every problem is reported in one pass.
        step_id = step_id or f"#{index + 1}"
        say = say or Text(MappingProxyType({"ja": ""}))
    get = {k: v for k, (_, v) in found.items()}
    finish = w.enum(get["finish"], "finish", OUTCOMES) if "finish" in get else None
    if finish is not None:
        for key in ("expect", "choices", "mistakes", "hints", "next", "goal"):
            if key in found:
                w.problem(found[key][0], "finish-with-action", key=key)
    if "expect" in found and "choices" in found:
        w.problem(found["choices"][0], "expect-and-choices")
    mistakes: list[Mistake] = []
    for number, item in enumerate(w.sequence(get["mistakes"], "mistakes") if "mistakes" in get else (), 1):
        m = w.mapping(item, "mistakes", MISTAKE_KEYS, ("when", "say"), **_where("mistake"))
        if m is None:
            continue
        mistake_id = w.ident(m["id"][1], "id") if "id" in m else f"m{number}"
        when = _expectations(w, m["when"][1], "when") if "when" in m else ()
        say_m = w.text(m["say"][1], "say") if "say" in m else None
        show = w.boolean(m["show"][1], "show") if "show" in m else False
        if mistake_id and when and say_m:
            mistakes.append(Mistake(mistake_id, when, say_m, w.where(item), show=bool(show)))
    choices: list[Choice] = []
    for item in w.sequence(get["choices"], "choices") if "choices" in get else ():
        c = w.mapping(item, "choices", CHOICE_KEYS, ("next",), **_where("choice"))
        if c is None:
            continue
        action_part = yaml.MappingNode("tag:yaml.org,2002:map",
                                       [(k, v) for k, v in item.value if k.value in (*ACTION_KEYS, *ACTION_EXTRA)],
                                       item.start_mark, item.end_mark)
        taken = _expectation(w, action_part, "choices")
        target = w.ident(c["next"][1], "next") if "next" in c else None
        outcome = w.ident(c["outcome"][1], "outcome") if "outcome" in c else None
        say_c = w.text(c["say"][1], "say") if "say" in c else None
        if taken and target:
            choices.append(Choice((taken,), target, outcome, say_c, w.where(c["next"][1])))
    screen = _screen(w, get["screen"], app) if "screen" in get else Screen(app=app)
    ids = screen.ids()
    expect = _expectations(w, get["expect"], "expect") if "expect" in get else ()
    mistakes = [dataclasses.replace(m, when=_bind_parts(w, m.when, device, ids)) for m in mistakes]
    choices = [dataclasses.replace(c, when=_bind_parts(w, c.when, device, ids)) for c in choices]
    return Step(
        id=step_id,
        index=index,
        say=say,
        easy=w.text(get["easy"], "easy") if "easy" in get else None,
        screen=screen,
        expect=_bind_parts(w, expect, device, ids),
        hints=tuple(h for h in (_hint(w, n) for n in w.sequence(get["hints"], "hints")) if h) if "hints" in get else (),
        mistakes=tuple(m for m in mistakes if m.when),
        choices=tuple(c for c in choices if c.when),
        next=w.ident(get["next"], "next") if "next" in get else None,
        praise=w.text(get["praise"], "praise") if "praise" in get else None,
        finish=finish,
        learned=w.texts(get["learned"], "learned") if "learned" in get else (),
        device=device,
        body=MappingProxyType(_body(w, get["body"], device)) if "body" in get else MappingProxyType({}),
        arrive=w.text(get["arrive"], "arrive") if "arrive" in get else None,
        where=w.where(node),
        next_where=w.where(get["next"]) if "next" in get else None,
        goal=w.text(get["goal"], "goal") if "goal" in get else None,
    )


def _readings(w: Walker, node: yaml.Node) -> dict[str, str]:
    result: dict[str, str] = {}
    lines: dict[str, int] = {}
    if not isinstance(node, yaml.MappingNode):
        w.wrong_type(node, "readings", "map")
        return result
    for key_node, value_node in node.value:
        word = w.string(key_node, "readings")
        kana = w.string(value_node, str(word))
        if word is None or kana is None:
            continue
        if word in lines:
            w.problem(key_node, "duplicate-key", key=word, first=lines[word])
            continue
        lines[word] = key_node.start_mark.line + 1
        if not KANA_RE.match(kana):
            w.problem(value_node, "bad-reading", key=word, value=kana)
            continue
        result[word] = kana
    return result


def _sources(w: Walker, node: yaml.Node) -> tuple[Source, ...]:
    sources = []
    for item in w.sequence(node, "sources"):
        found = w.mapping(item, "sources", SOURCE_KEYS, ("title",), **_where("source"))
        if not found or "title" not in found:
            continue
        title = w.string(found["title"][1], "title")
        url = w.url(found["url"][1], "url", practice_only=False) if "url" in found else None
        publisher = w.string(found["publisher"][1], "publisher") if "publisher" in found else None
        if title:
            sources.append(Source(title, url, publisher))
    return tuple(sources)


def _check_references(w: Walker, steps: list[Step], nodes: dict[str, yaml.Node]) -> None:
    ids: dict[str, Step] = {}
    for step in steps:
        if step.id in ids and not step.id.startswith("#"):
            first_where = ids[step.id].where
            first = first_where.line if first_where else 0
            w.problem(nodes[f"{step.index}"], "duplicate-step", id=step.id, first=first)
        ids.setdefault(step.id, step)
    names = [s for s in ids if not s.startswith("#")]

    def check(target: str | None, where: Where | None) -> None:
        if target and target not in ids and where:
            w.problems.append(Problem(where, "unknown-step", {
                "id": target, "suggest": suggest(target, names), "allowed": ", ".join(names)}))

    for step in steps:
        if step.next:
            check(step.next, step.next_where)
        for choice in step.choices:
            check(choice.next, choice.where)


def _shared_nodes(root: yaml.Node) -> list[yaml.Node]:
    """Nodes reached twice: what anchors and aliases (``&a`` / ``*a``) make.

    Stops at the first repeat of each node, so a small file whose aliases
    would expand into a huge document ("billion laughs") costs nothing."""
    seen: set[int] = set()
    shared: list[yaml.Node] = []
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            shared.append(node)
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.append(key)
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return shared


_SPACE_HASH = re.compile(r"\S[ \t]+#")


def _comments_after_values(text: str) -> dict[tuple[int, int], tuple[int, str]]:
    """Where a ``#`` follows a space after something: (line, column just after
    that something, both from 0) -> (column of the ``#``, the rest of the line).

    In YAML a space then ``#`` starts a comment, so ``say: 迷ったら #9110``
    holds only 「迷ったら」. The walker asks this map whether a plain value ends
    where such a comment begins. One C-speed search over the whole text; a
    file with no `` #`` after anything costs nothing more. A ``#`` inside
    quotes is listed too, but no plain value ends just before it."""
    found: dict[tuple[int, int], tuple[int, str]] = {}
    if not _SPACE_HASH.search(text):
        return found
    for match in _SPACE_HASH.finditer(text):
        start = match.start()
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", start)
        line = text.count("\n", 0, start)
        hash_at = match.end() - 1
        found[(line, start + 1 - line_start)] = (hash_at - line_start,
                                                 text[hash_at: line_end if line_end >= 0 else len(text)].rstrip())
    return found


def build(node: yaml.Node, shown: str, base_dir: Path | None,
          may_alias: bool = True, text: str | None = None) -> tuple[Scenario | None, list[Problem]]:
    """Walk a composed document into a :class:`Scenario`, collecting problems.

    With the file's ``text``, plain values that a `` #`` comment cut short are
    reported too."""
    w = Walker(shown, base_dir, _comments_after_values(text) if text else None)
    shared = _shared_nodes(node) if may_alias else []
    if shared:
        first = {id(n): n for n in shared}.values()
        problems = [Problem(w.where(n), "alias") for n in first]
        return None, sorted(problems, key=lambda p: (p.where.line, p.where.column))
    top = w.mapping(node, "scenario", TOP_KEYS, TOP_REQUIRED, **_where("top"))
    if top is None:
        return None, w.problems
    get = {k: v for k, (_, v) in top.items()}
    if "format" in get:
        fmt = w.integer(get["format"], "format")
        if fmt is not None and fmt != FORMAT_VERSION:
            w.problem(get["format"], "bad-format", want=FORMAT_VERSION, value=fmt)
    if "lang" in get:
        lang = w.string(get["lang"], "lang")
        if lang not in LANG_KEYS:
            w.problem(get["lang"], "bad-lang", value=lang)
    scenario_id = w.ident(get["id"], "id") if "id" in get else None
    version = w.integer(get["version"], "version", 1, 10_000) if "version" in get else None
    title = w.text(get["title"], "title") if "title" in get else None
    summary = w.text(get["summary"], "summary") if "summary" in get else None
    category = w.enum(get["category"], "category", CATEGORIES) if "category" in get else None
    level = w.integer(get["level"], "level", 1, 3) if "level" in get else None
    minutes = w.integer(get["minutes"], "minutes", 1, 240) if "minutes" in get else None
    device = w.enum(get["device"], "device", DEVICES) if "device" in get else None
    app = w.enum(get["app"], "app", element_kinds.APP_LOOKS) if "app" in get else None
    goals = w.texts(get["goals"], "goals") if "goals" in get else ()
    task = w.text(get["task"], "task") if "task" in get else None
    sources = _sources(w, get["sources"]) if "sources" in get else ()
    readings = _readings(w, get["readings"]) if "readings" in get else {}
    steps: list[Step] = []
    step_nodes: dict[str, yaml.Node] = {}
    if "steps" in get:
        current = device or "phone"
        for item in w.sequence(get["steps"], "steps"):
            step = _step(w, item, len(steps), current, app)
            if step is not None:
                step_nodes[f"{step.index}"] = item
                steps.append(step)
                current = step.device
        if not steps and isinstance(get["steps"], yaml.SequenceNode):
            w.problem(get["steps"], "no-steps")
        elif steps and not any(s.is_finish for s in steps):
            w.problem(get["steps"], "no-finish")
        _check_references(w, steps, step_nodes)
    problems = sorted(w.problems, key=lambda p: (p.where.line, p.where.column))
    if any(p.severity is Severity.ERROR for p in problems):
        return None, problems
    assert scenario_id and version and title and summary and category and level and minutes and device
    scenario = Scenario(
        id=scenario_id, version=version, title=title, summary=summary, category=category, level=level,
        minutes=minutes, device=device, steps=tuple(steps), goals=goals, sources=sources,
        readings=MappingProxyType(readings), path=shown, base_dir=str(base_dir or ""), task=task,
    )
    return scenario, problems


def check_bytes(data: bytes, shown: str, base_dir: Path | None = None) -> tuple[Scenario | None, list[Problem]]:
    """Load a scenario from bytes (what an editor saved) with all its problems."""
    source = decode_source(data, shown)
    return _from_source(source, base_dir)


def check_file(path: Path | str, display: str | None = None) -> tuple[Scenario | None, list[Problem]]:
    """Load ``path``; return the scenario (None if any error) and every problem."""
    p = Path(path)
    return _from_source(read_source(p, display), p.parent)


def _from_source(source: Any, base_dir: Path | None) -> tuple[Scenario | None, list[Problem]]:
    if source.text is None:
        return None, source.problems
    controls = scan_control_characters(source.text, source.path)
    if controls:
        return None, controls
    slips = scan_input_method_slips(source.text, source.path, _KNOWN_KEYS)
    node, problems = compose(source.text, source.path)
    if node is None:
        # A slip usually causes the syntax error: show the slip (what to type) first.
        # A syntax error at or after a slip is most likely its echo; one before it is not.
        first_slip = min((s.where.line for s in slips), default=None)
        return None, slips + [p for p in problems if first_slip is None or p.where.line < first_slip]
    # Without '&' or '*' anywhere in the text there can be no anchor or alias.
    may_alias = "&" in source.text or "*" in source.text
    scenario, found = build(node, source.path, base_dir, may_alias, source.text)
    if slips:
        return None, sorted(slips + found, key=lambda p: (p.where.line, p.where.column))
    return scenario, found


def load(path: Path | str) -> Scenario:
    """Load one scenario or raise :class:`ScenarioError` with all problems."""
    scenario, problems = check_file(path)
    if scenario is None:
        raise ScenarioError(problems)
    return scenario


def find_scenario_files(paths: Iterable[Path | str]) -> Iterator[Path]:
    """Scenario files named by ``paths``: files as given, folders searched
    for ``*.yaml`` / ``*.yml`` (sorted, hidden folders skipped; a pack's
    ``pack.yaml`` manifest is not a scenario)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                if found.suffix in (".yaml", ".yml") and found.name != "pack.yaml" and found.is_file() and not any(
                    part.startswith(".") for part in found.relative_to(path).parts
                ):
                    yield found
        else:
            yield path


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector for a bulk load (it is switched back on after, as it was).

    Loading makes many small objects that live on (nodes, texts, steps). The
    collector counts them and, every so many, walks *everything* alive to look
    for cycles — there are none to find here — so with N scenarios loaded each
    walk costs O(N) and the load as a whole grew faster than N (half of the
    time at 2,300 files went to full collections that freed nothing).
    Reference counting still frees everything that is dropped.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def load_all(paths: Iterable[Path | str]) -> tuple[list[Scenario], list[Problem]]:
    """Load every scenario under ``paths``; problems for the broken ones and
    for two files that share one scenario id."""
    scenarios: list[Scenario] = []
    problems: list[Problem] = []
    by_id: dict[str, Scenario] = {}
    with collector_paused():
        for path in find_scenario_files(paths):
            scenario, found = check_file(path)
            problems.extend(found)
            if scenario is None:
                continue
            if scenario.id in by_id:
                problems.append(Problem(Where(scenario.path, 1, 1), "duplicate-scenario",
                                        {"id": scenario.id, "other": by_id[scenario.id].path}))
                continue
            by_id[scenario.id] = scenario
            scenarios.append(scenario)
    return scenarios, problems
