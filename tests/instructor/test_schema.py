"""``trainer schema``: the JSON Schema agrees with the loader."""

from __future__ import annotations

import datetime
import json

import jsonschema
import pytest
import yaml

from tests.instructor.conftest import TINY
from trainer.authoring.schema import ELEMENT_KEY_DOCS, KEY_DOCS, build_schema, every_key
from trainer.cli import main
from trainer.content import bundled_content_dir
from trainer.scenarios import elements, loader
from trainer.scenarios.loader import check_file, find_scenario_files


def plain(value):
    """What an editor's YAML server sees: JSON values (dates become strings)."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    return value


@pytest.fixture(scope="module")
def validator():
    schema = build_schema("ja")
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the parser the scenario loader uses


def schema_errors(validator, text: str) -> list[str]:
    return [e.message for e in validator.iter_errors(plain(yaml.load(text, Loader=LOADER)))]


def test_cli_prints_valid_json_schema(capsys):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["additionalProperties"] is False
    assert "タイル" in schema["properties"]["title"]["description"]  # Japanese first
    assert "home tile" in schema["properties"]["title"]["description"]


def test_cli_writes_a_file_in_english_first(tmp_path):
    out = tmp_path / "scenario.schema.json"
    assert main(["schema", "--lang", "en", "--out", str(out)]) == 0
    schema = json.loads(out.read_text(encoding="utf-8"))
    assert schema["properties"]["title"]["description"].startswith("The title")


def test_every_bundled_scenario_passes_the_schema(validator):
    files = list(find_scenario_files([bundled_content_dir()]))
    assert files
    for path in files:
        assert check_file(path)[0] is not None
        errors = schema_errors(validator, path.read_text(encoding="utf-8"))
        assert not errors, f"{path}: {errors}"


def test_every_key_and_kind_is_in_the_schema():
    schema = build_schema()
    assert list(schema["properties"]) == list(loader.TOP_KEYS)
    assert list(schema["$defs"]["step"]["properties"]) == list(loader.STEP_KEYS)
    kinds = [b["if"]["properties"]["type"]["const"] for b in schema["$defs"]["element"]["allOf"]]
    assert kinds == list(elements.KINDS)
    for table, keys in every_key().items():
        for key in keys:
            assert key in KEY_DOCS, f"{table}.{key} has no description"
    for kind in elements.KINDS.values():
        for name, key in kind.keys.items():
            assert name in ELEMENT_KEY_DOCS, f"describe {kind.name}.{name} in ELEMENT_KEY_DOCS (trainer/authoring/schema.py)"
            for item in (key.item or {}):
                assert item in ELEMENT_KEY_DOCS, f"describe {kind.name}.{name}.{item} in ELEMENT_KEY_DOCS"


# (name, old, new): each change breaks TINY; schema and loader must both refuse.
BROKEN = [
    ("unknown top key", "minutes: 3\n", "minutes: 3\nminuts: 3\n"),
    ("missing key", "category: smartphone\n", ""),
    ("bad category", "category: smartphone", "category: smartfone"),
    ("level out of range", "level: 1", "level: 7"),
    ("format 2", "format: 1", "format: 2"),
    ("bad id", "id: tiny", "id: Tiny Scenario"),
    ("unknown step key", "    expect: {tap: next}\n", "    expect: {tap: next}\n    nxt: done\n"),
    ("no finish", "    finish: success\n", ""),
    ("finish with expect", "    finish: success\n", "    finish: success\n    expect: {tap: next}\n"),
    ("expect and choices", "    expect: {tap: next}\n", "    expect: {tap: next}\n    choices: [{tap: back, next: done}]\n"),
    ("unknown element", "{type: button, id: back", "{type: buton, id: back"),
    ("element missing required key", "{type: button, id: back, label: 戻る}", "{type: button, id: back}"),
    ("element unknown key", "{type: button, id: back, label: 戻る}", "{type: button, id: back, label: 戻る, size: 3}"),
    ("two actions in one", "expect: {tap: next}", "expect: {tap: next, long-press: next}"),
    ("no action", "expect: {tap: next}", "expect: {with: {a: '1'}}"),
    ("bad swipe", "expect: {tap: next}", "expect: {swipe: sideways}"),
    ("text without ja", "say: よくできました。", "say: {en: Well done.}"),
    ("empty text", "say: よくできました。", "say: ''"),
    ("real url on screen", "    screen:\n", "    screen:\n      url: https://www.google.com/\n"),
    ("bad finish", "finish: success", "finish: failure"),
    ("reading in kanji", "minutes: 3\n", "minutes: 3\nreadings: {都城: 都城}\n"),
    ("choice without next", "    expect: {tap: next}\n", "    choices: [{tap: next}]\n"),
    ("hint with both", "    expect: {tap: next}\n", "    expect: {tap: next}\n    hints: [{highlight: next, show: next}]\n"),
]


@pytest.mark.parametrize(("name", "old", "new"), BROKEN, ids=[b[0] for b in BROKEN])
def test_schema_and_loader_both_refuse(validator, write, name, old, new):
    assert old in TINY
    text = TINY.replace(old, new, 1)
    path = write(text)
    scenario, problems = check_file(path)
    assert scenario is None and problems, f"the loader accepted: {name}"
    assert schema_errors(validator, text), f"the schema accepted: {name}"


ACCEPTED = [
    ("number as text", "say: よくできました。", "say: 580"),
    ("english too", "say: よくできました。", "say: {ja: よくできました。, en: Well done.}"),
    ("with values", "expect: {tap: next}", "expect: {tap: next, with: {amount: [580, '５８０']}}"),
    ("list of actions", "expect: {tap: next}", "expect: [{tap: next}, {long-press: next}]"),
    ("practice url", "    screen:\n", "    screen:\n      url: https://Shop.Example.Invalid/cart?x=1\n"),
    ("toggle on", "expect: {tap: next}", "expect: {toggle: next, to: on}"),
    ("pattern", "expect: {tap: next}", "expect: {enter: {pin: {pattern: '[0-9]{4}'}}}"),
]


@pytest.mark.parametrize(("name", "old", "new"), ACCEPTED, ids=[a[0] for a in ACCEPTED])
def test_schema_and_loader_both_accept(validator, write, name, old, new):
    text = TINY.replace(old, new, 1)
    scenario, problems = check_file(write(text))
    assert scenario is not None, [p.format("en") for p in problems]
    assert not schema_errors(validator, text)
