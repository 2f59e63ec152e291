"""One catalogue of words: ``trainer.words``, one shape (key → (ja, en)), looked up one way.

The tests fail on a key defined twice, a missing language, a key no code looks
up (keys built from a variable are declared in ``catalogue.DYNAMIC``), and a
Japanese text written anywhere in ``trainer`` outside the catalogue and the
few modules of data listed below (each with its reason).
"""

from __future__ import annotations

import ast
import re
import string
from functools import cache
from pathlib import Path

import pytest

import trainer
from trainer.words import catalogue
from trainer.words.catalogue import DYNAMIC, NOTHING_IN_ENGLISH, STRINGS, TABLES, both, merge, tr

PACKAGE = Path(trainer.__file__).resolve().parent
WORDS = PACKAGE / "words"

JAPANESE = re.compile(r"[\u3041-\u3096\u30a1-\u30fa\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9d]")
"""Kana and kanji (not the punctuation 「」・ー, which a separator may use)."""

DATA = {
    # module (relative to trainer/) -> why its Japanese is data, not the app's words
    "widgets/keyboard.py": "the kana pad's rows and its small/voiced cycles are the keys themselves",
    "reading": "the reading dictionary, acronym readings and kana tables of Open JTalk",
    "widgets/ruby_label.py": "a sample kana to measure a line's height and the kinsoku character classes",
    "widgets/text_layout.py": "a sample kana to measure a line's height and the kinsoku character classes",
    "widgets/button.py": "a sample kana to measure a line's height",
    "widgets/labels.py": "a sample text to measure a line's height",
    "widgets/elements/shop.py": "a sample text to measure a line's height",
    "scenarios/watch.py": "sample characters that tell letters, digits and kana apart for the watched hand",
    "scenarios/devices.py": "the authors' reference of each device, kept in its one register() call "
                            "(rendered into docs/authoring.md and the JSON Schema)",
    "scenarios/elements.py": "the authors' reference of each element kind, kept in its one register() call "
                             "(rendered into docs/authoring.md and the JSON Schema)",
    "authoring/schema.py": "the authors' reference of every key of the format (JSON Schema descriptions, "
                           "docs/authoring.md)",
    "authoring/docgen.py": "the generated reference half of docs/authoring.md (headings, tables, examples)",
}
"""Modules whose Japanese is not the app's words (keep this short and honest)."""

NOT_YET: dict[str, str] = {
    # module -> what is left; words still to be moved into the catalogue (the list may only shrink)
}


def _source_files() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if WORDS not in p.parents)


def _rel(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix() if PACKAGE in path.parents else path.name


def _listed(rel: str, listing: dict[str, str]) -> bool:
    return any(rel == name or rel.startswith(name.rstrip("/") + "/") for name in listing)


@cache
def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


def _docstrings(tree: ast.Module) -> set[int]:
    """String expressions standing alone (module, class, function and attribute docstrings)."""
    return {id(node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)}


def japanese_literals(path: Path) -> list[str]:
    """``file:line: text`` of every string written in Japanese in ``path`` (docstrings and comments aside).

    The source text is read, not the value: ``"\\u3041-\\u309f"`` in a pattern is not a Japanese text."""
    lines = path.read_text(encoding="utf-8").splitlines()
    tree = _tree(path)
    skip = _docstrings(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            if not JAPANESE.search(node.value):
                continue  # quick: no Japanese in the value, none written either
            first, last = node.lineno - 1, (node.end_lineno or node.lineno) - 1
            if first == last:
                written = lines[first][node.col_offset:node.end_col_offset]
            else:
                written = "\n".join([lines[first][node.col_offset:], *lines[first + 1:last],
                                      lines[last][:node.end_col_offset]])
            if JAPANESE.search(written):
                found.append(f"{_rel(path)}:{node.lineno}: {written[:60]}")
    return found


def test_no_japanese_text_outside_the_catalogue_and_the_data():
    stray = [hit for path in _source_files()
             if not _listed(_rel(path), DATA) and not _listed(_rel(path), NOT_YET)
             for hit in japanese_literals(path)]
    assert not stray, ("put these words in trainer/words (key → (ja, en)) and look them up with tr():\n"
                       + "\n".join(stray))


def test_the_lists_of_exceptions_are_honest():
    """Every module on the lists exists and still has Japanese (a stale entry would hide new words)."""
    for name in [*DATA, *NOT_YET]:
        target = PACKAGE / name
        files = sorted(target.rglob("*.py")) if target.is_dir() else [target]
        assert files and all(f.is_file() for f in files), f"{name}: no such module"
        assert any(japanese_literals(f) for f in files), f"{name} has no Japanese text left: take it off the list"


def test_the_literal_scan_is_not_blind(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text('"""ドキュメント"""\nX = "\\u3041"\nY = "・"\nZ = f"{X}を押す"\nW = ("x", "押す")\n',
                      encoding="utf-8")
    hits = japanese_literals(sample)
    assert len(hits) == 2, hits  # "を押す" (inside the f-string) and "押す"; not the docstring, escape, or dot


def test_every_word_has_both_languages_and_one_shape():
    for key, pair in STRINGS.items():
        assert isinstance(pair, tuple) and len(pair) == 2, f"{key}: one shape, (ja, en)"
        ja, en = pair
        assert isinstance(ja, str) and ja.strip(), f"{key}: the Japanese text is missing"
        if key in NOTHING_IN_ENGLISH:
            assert en == "", f"{key} is in NOTHING_IN_ENGLISH: its English must be empty"
        else:
            assert isinstance(en, str) and en.strip(), f"{key}: the English text is missing"
        assert re.fullmatch(r"[a-z0-9_]+(\.[a-z0-9_-]+)*", key), f"{key}: keys are lower-case words and dots"


def test_both_languages_ask_for_the_same_fields():
    def fields(text: str) -> set[str]:
        # a field may be per language (``{want_ja}`` / ``{want_en}``): the same field for the test
        return {re.sub(r"_(ja|en)$", "", name) for _, name, _, _ in string.Formatter().parse(text) if name}

    different = [key for key, (ja, en) in STRINGS.items() if fields(ja) != fields(en)]
    assert not different, f"the Japanese and English texts fill different {{fields}}: {different}"


def test_no_key_is_defined_twice():
    seen: dict[str, str] = {}
    for name, table in TABLES.items():
        for key in table:
            assert key not in seen, f"{key} is in both '{seen[key]}' and '{name}'"
            seen[key] = name
    assert len(STRINGS) == len(seen)
    with pytest.raises(RuntimeError, match="defined twice"):
        merge({"a": {"x.y": ("あ", "a")}, "b": {"x.y": ("い", "i")}})


def test_tr_picks_the_language_and_falls_back_to_japanese_never_to_the_key(monkeypatch):
    assert tr("app.title") == "デジタル生活の練習"
    assert tr("app.title", "en") == "Digital life practice"
    assert tr("player.step", "en", n=2, total=8) == "Step 2 of 8"
    monkeypatch.setitem(STRINGS, "test.only_ja", ("日本語だけ", ""))
    assert tr("test.only_ja", "en") == "日本語だけ"
    assert tr("learners.merge_after", "en") == "" and tr("learners.merge_after") == "に"  # on purpose
    assert both("player.step", n=1, total=3) == {"ja": "手順 1 / 3", "en": "Step 1 of 3"}
    with pytest.raises(KeyError):
        tr("no.such_key")


# --- every key is looked up -------------------------------------------------------------------

def _pattern(dynamic: str) -> re.Pattern[str]:
    return re.compile(".+".join(re.escape(part) for part in dynamic.split("{}")))


@cache
def _code_strings() -> tuple[frozenset[str], frozenset[str]]:
    """Every string constant in ``trainer`` outside the catalogue, and every f-string's shape (``cat.{}``)."""
    constants: set[str] = set()
    shapes: set[str] = set()
    for path in _source_files():
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.JoinedStr):
                shapes.add("".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values))
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                constants.add(node.value)
    return frozenset(constants), frozenset(shapes)


def unused_keys(keys: list[str]) -> list[str]:
    constants, _ = _code_strings()
    patterns = [_pattern(d) for d in DYNAMIC]
    return [k for k in keys if k not in constants and not any(p.fullmatch(k) for p in patterns)]


def test_every_key_is_looked_up_by_some_code():
    unused = unused_keys(list(STRINGS))
    assert not unused, ("no code looks these keys up — delete them, or declare a key built from a variable "
                        f"in catalogue.DYNAMIC: {unused}")


def test_every_dynamic_key_is_really_built_and_names_words():
    _, shapes = _code_strings()
    for dynamic, who in DYNAMIC.items():
        assert dynamic in shapes, f"DYNAMIC '{dynamic}' ({who}): no f-string in trainer builds it"
        assert any(_pattern(dynamic).fullmatch(k) for k in STRINGS), f"DYNAMIC '{dynamic}' names no key"


def looked_up_keys() -> list[tuple[str, str]]:
    """``(file:line, key)`` of every ``tr("key", …)`` / ``look.tr("key")`` / ``self.tr("key")`` in ``trainer``."""
    found = []
    for path in _source_files():
        for node in ast.walk(_tree(path)):
            if (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)
                    and (getattr(node.func, "id", None) == "tr" or getattr(node.func, "attr", None) == "tr")):
                found.append((f"{_rel(path)}:{node.lineno}", node.args[0].value))
    return found


def test_every_key_looked_up_is_in_the_catalogue():
    calls = looked_up_keys()
    assert len(calls) > 300, "the scan finds the app's lookups"
    missing = [f"{where}: {key}" for where, key in calls if key not in STRINGS]
    assert not missing, "tr() asks for keys the catalogue does not have:\n" + "\n".join(missing)


def test_the_unused_key_check_is_not_blind(monkeypatch):
    monkeypatch.setitem(STRINGS, "test.nobody_asks", ("だれも", "nobody"))
    assert unused_keys(["test.nobody_asks", "app.title", "cat.cashless"]) == ["test.nobody_asks"]


def test_the_catalogue_is_qt_free_and_imports_nothing_of_the_app():
    for path in sorted(WORDS.glob("*.py")):
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert node.module.startswith(("trainer.words", "__future__", "collections")), (path, node.module)
            elif isinstance(node, ast.Import):
                assert all(a.name.split(".")[0] in ("re", "string") for a in node.names), path
    assert catalogue.__name__ == "trainer.words.catalogue"
