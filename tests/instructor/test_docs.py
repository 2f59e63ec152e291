"""The authoring guide keeps up with the code: the reference is generated from
the registry, the quoted messages are the real ones, the templates are clean."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from trainer.authoring.docgen import committed_reference, reference
from trainer.authoring.schema import every_key
from trainer.cli import main
from trainer.scenarios import elements

ROOT = Path(__file__).resolve().parents[2]
DOCS = {"ja": ROOT / "docs" / "authoring.md", "en": ROOT / "docs" / "authoring.en.md"}
TEMPLATES = ROOT / "docs" / "templates"


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_reference_is_up_to_date(lang):
    assert committed_reference(DOCS[lang]) == reference(lang), (
        f"run: python -m trainer.authoring.docgen --lang {lang} --update {DOCS[lang].relative_to(ROOT)}")


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_docs_list_every_kind_and_key(lang):
    text = DOCS[lang].read_text(encoding="utf-8")
    for kind in elements.KINDS.values():
        assert f"### `{kind.name}`" in text, kind.name
        assert kind.example in text, kind.name
        for name, key in kind.keys.items():
            assert f"| `{name}` |" in text, f"{kind.name}.{name}"
            for item in key.item or {}:
                assert f"| `{name}.{item}` |" in text, f"{kind.name}.{name}.{item}"
    for table, keys in every_key().items():
        for key in keys:
            assert f"| `{key}` |" in text, f"{table}.{key}"


# The mistakes of section 2, made on the template; every line they print
# (but the summary) must be quoted verbatim in the guide.
VARIANTS = {
    "full-width space": ("    say: 画面の下の", "\u3000  say: 画面の下の"),
    "full-width colon": ("    say: 画面の下の", "    say：画面の下の"),
    "no space after colon": ("    say: 画面の下の", "    say:画面の下の"),
    "misspelt key": ("    say: 画面の下の", "    sya: 画面の下の"),
    "misspelt next": ("    expect: {tap: next}\n", "    expect: {tap: next}\n    next: enter-amont\n"),
    "no finish": ("    finish: success\n", ""),
    "target not on screen": ("expect: {tap: next}", "expect: {tap: nxet}"),
    "real address": ("        - {type: text, text: ようこそ}\n",
                     "        - {type: message, from: 市役所, text: こちら, links: "
                     "[{id: web, url: \"https://www.city.example.jp/\"}]}\n"),
    "long label": ("label: 決定", "label: 金額をよく確かめてから決定する"),
    "indentation": ("    screen:\n      title: れんしゅう", "    screen:\n     title: れんしゅう"),
    "number after a space and #": ("    say: よくできました。ボタンを押して、金額を入れることができました。",
                                   "    say: よくできました。困ったら #9110"),
    "unsure reading": ("say: 画面の下の「次へ」", "say: MachiPayの「次へ」"),
}
SKIP_FIRST = {"full-width space", "full-width colon"}  # a YAML error follows on the next line


@pytest.mark.parametrize("name", list(VARIANTS))
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_quoted_messages_are_the_real_ones(tmp_path, monkeypatch, name, lang):
    if name == "unsure reading":
        from trainer.cli.check import reading_check

        if reading_check() is None:
            pytest.skip("the reading engine is not available")
    old, new = VARIANTS[name]
    template = (TEMPLATES / "first-scenario.yaml").read_text(encoding="utf-8")
    assert old in template
    monkeypatch.chdir(tmp_path)
    Path("my-scenarios").mkdir()
    Path("my-scenarios/first.yaml").write_text(template.replace(old, new, 1), encoding="utf-8")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main(["--lang", lang, "check", "my-scenarios"])
    lines = [line for line in out.getvalue().splitlines() if line.startswith("my-scenarios/")]
    assert lines
    if name in SKIP_FIRST:
        lines = lines[:1]
    text = DOCS[lang].read_text(encoding="utf-8")
    for line in lines:
        assert line in text, f"{name}: not quoted in {DOCS[lang].name}:\n{line}"


def test_templates_have_no_problem_at_all(capsys):
    assert main(["check", str(TEMPLATES)]) == 0
    out = capsys.readouterr().out
    assert "問題 0 件" in out and "注意 0 件" in out


def test_the_template_folder_exports_as_a_pack(tmp_path):
    assert main(["pack", "export", str(TEMPLATES), "--out", str(tmp_path / "t.zip")]) == 0
