"""The loader: what it refuses (with file:line:column and a fix), what it accepts."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.scenarios.conftest import MINIMAL
from trainer.scenarios.loader import check_file, load, load_all
from trainer.scenarios.problems import ScenarioError


def problems_of(path: Path, lang: str = "ja") -> list[str]:
    scenario, problems = check_file(path)
    assert scenario is None, "a broken file must not produce a scenario"
    return [p.format(lang) for p in problems]


def codes_of(path: Path) -> list[str]:
    return [p.code for p in check_file(path)[1]]


def test_minimal_scenario_loads(write):
    scenario = load(write(MINIMAL))
    assert scenario.id == "tiny"
    assert [s.id for s in scenario.steps] == ["press", "done"]
    assert scenario.steps[0].expect[0].kind == "tap"
    assert scenario.steps[0].expect[0].target == "next"
    assert scenario.steps[1].finish == "success"
    assert scenario.steps[0].where.line == 11
    assert scenario.steps[0].screen.elements[0].where.line == 15


# (name, change to MINIMAL, expected code, expected line, expected column)
REFUSALS = [
    ("duplicate key", ("level: 1\n", "level: 1\nlevel: 2\n"), "duplicate-key", 8, 1),
    ("unknown key", ("minutes: 3\n", "minutes: 3\nminuts: 3\n"), "unknown-key", 9, 1),
    ("missing required key", ("category: smartphone\n", ""), "missing-key", 1, 1),
    ("wrong type", ("level: 1\n", "level: [1]\n"), "wrong-type", 7, 8),
    ("level out of range", ("level: 1\n", "level: 7\n"), "bad-range", 7, 8),
    ("bad enum", ("category: smartphone", "category: smartfone"), "bad-enum", 6, 11),
    ("bad id", ("id: tiny", "id: Tiny Scenario"), "bad-id", 2, 5),
    ("next to nowhere", ("    expect: {tap: next}\n", "    expect: {tap: next}\n    next: finnish\n"),
     "unknown-step", 18, 11),
    ("duplicate step id", ("  - id: done", "  - id: press"), "duplicate-step", 18, 5),
    ("unknown element", ("{type: button, id: back", "{type: buton, id: back"), "unknown-element", 16, 18),
    ("format 2", ("format: 1", "format: 2"), "bad-format", 1, 9),
    ("no finish", ("    finish: success\n", ""), "no-finish", 11, 3),
    ("expect and choices", ("    expect: {tap: next}\n", "    expect: {tap: next}\n    choices: [{tap: back, next: done}]\n"),
     "expect-and-choices", 18, 5),
    ("bad reading notation", ("say: 「次へ」を押しましょう。", "say: ｜都城《みやこのじょう を押しましょう。"),
     "bad-reading-notation", 12, 13),
    ("alias", ("title: ちいさな練習", "title: &t ちいさな練習\nsummary2: *t"), "alias", 4, 8),
]


@pytest.mark.parametrize(("name", "change", "code", "line", "column"), REFUSALS, ids=[r[0] for r in REFUSALS])
def test_refusals_point_at_the_spot(write, name, change, code, line, column):
    old, new = change
    assert old in MINIMAL
    path = write(MINIMAL.replace(old, new, 1))
    scenario, problems = check_file(path)
    assert scenario is None
    found = [p for p in problems if p.code == code]
    assert found, f"{name}: expected {code}, got {[p.format('en') for p in problems]}"
    assert (found[0].where.line, found[0].where.column) == (line, column), found[0].format("en")
    text = found[0].format("ja")
    assert text.startswith(f"{path}:{line}:{column}: ")
    assert "—" in found[0].format("en") or "にしてください" in text or "ください" in text


def test_unknown_key_suggests_the_close_one(write):
    [message] = [m for m in problems_of(write(MINIMAL.replace("minutes: 3", "minuts: 3")), "en") if "minuts" in m]
    assert "did you mean 'minutes'" in message
    ja = [m for m in problems_of(write(MINIMAL.replace("minutes: 3", "minuts: 3"))) if "minuts" in m][0]
    assert "「minutes」のことですか" in ja


def test_unknown_step_suggests_the_close_one(write):
    path = write(MINIMAL.replace("    expect: {tap: next}\n", "    expect: {tap: next}\n    next: dnoe\n"))
    [message] = [m for m in problems_of(path, "en") if "dnoe" in m]
    assert "did you mean 'done'" in message


def test_choice_target_must_exist(write):
    text = MINIMAL.replace("    expect: {tap: next}\n", "    choices:\n      - {tap: next, next: nowhere}\n")
    assert "unknown-step" in codes_of(write(text))


def test_all_errors_reported_in_one_pass(write):
    text = MINIMAL.replace("level: 1", "level: 9").replace("category: smartphone", "category: x").replace(
        "{type: button, id: back", "{type: buton, id: back")
    codes = codes_of(write(text))
    assert {"bad-range", "bad-enum", "unknown-element"} <= set(codes)


def test_file_over_one_mebibyte_is_refused(write):
    path = write("", raw=MINIMAL.encode() + b"#" * (1024 * 1024))
    assert codes_of(path) == ["file-too-big"]


def test_not_utf8_points_at_the_byte(write):
    raw = MINIMAL.replace("ちいさな練習", "XX").encode("utf-8").replace(b"XX", "ちいさな".encode("shift_jis"))
    problems = check_file(write("", raw=raw))[1]
    assert [p.code for p in problems] == ["not-utf8"]
    assert (problems[0].where.line, problems[0].where.column) == (4, 8)


def test_bom_and_crlf_are_accepted(write):
    raw = b"\xef\xbb\xbf" + MINIMAL.replace("\n", "\r\n").encode("utf-8")
    scenario = load(write("", raw=raw))
    assert scenario.title.get() == "ちいさな練習"
    assert scenario.steps[0].where.line == 11


def test_fullwidth_space_in_indentation_says_what_to_type(write):
    text = MINIMAL.replace("  - id: done", "\u3000- id: done")
    problems = check_file(write(text))[1]
    first = problems[0]
    assert first.code == "fullwidth-space"
    assert (first.where.line, first.where.column) == (18, 1)
    assert "半角スペース" in first.format("ja")


def test_fullwidth_colon_after_key_says_what_to_type(write):
    text = MINIMAL.replace("minutes: 3", "minutes：3")
    problems = check_file(write(text))[1]
    assert problems[0].code == "fullwidth-colon"
    assert (problems[0].where.line, problems[0].where.column) == (8, 8)
    assert "': '" in problems[0].format("en")


def test_fullwidth_space_inside_text_is_fine(write):
    scenario = load(write(MINIMAL.replace("title: ちいさな練習", "title: ちいさな　練習")))
    assert scenario.title.get() == "ちいさな　練習"


def test_billion_laughs_is_refused_quickly(write):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 12):
        lines.append(f"a{i}: &a{i} [{', '.join(['*a' + str(i - 1)] * 10)}]")
    codes = codes_of(write("\n".join(lines) + "\n"))
    assert "alias" in codes


def test_yaml_syntax_error_has_position(write):
    problems = check_file(write(MINIMAL.replace("    expect: {tap: next}", "    expect: {tap: next")))[1]
    assert problems[0].code == "yaml-syntax"
    assert problems[0].where.line >= 17


def test_assets_must_stay_inside_and_exist(write, tmp_path):
    (tmp_path / "pics").mkdir()
    (tmp_path / "pics" / "ok.png").write_bytes(b"\x89PNG")
    (tmp_path.parent / "secret.png").write_bytes(b"\x89PNG")
    base = MINIMAL.replace("{type: button, id: back, label: 戻る}", "{type: image, src: SRC, alt: 絵}")
    assert load(write(base.replace("SRC", "pics/ok.png"))).steps[0].screen.elements[1].props["src"] == "pics/ok.png"
    assert codes_of(write(base.replace("SRC", "../secret.png"))) == ["asset-outside"]
    assert codes_of(write(base.replace("SRC", "/etc/passwd"))) == ["asset-outside"]
    assert codes_of(write(base.replace("SRC", "pics/missing.png"))) == ["asset-missing"]


def test_learner_links_must_be_practice_addresses(write):
    text = MINIMAL.replace("    screen:\n", "    screen:\n      url: https://real-bank.co.jp/login\n", 1)
    assert codes_of(write(text)) == ["bad-url"]
    ok = MINIMAL.replace("    screen:\n", "    screen:\n      url: https://bank.example.invalid/login\n", 1)
    assert load(write(ok)).steps[0].screen.url == "https://bank.example.invalid/login"


@pytest.mark.parametrize(("url", "allowed"), [
    ("https://myna.go.jp/", True), ("https://www.city.miyakonojo.lg.jp/", True), ("https://go.jp/", False),
    ("https://go.jp.example.com/", False), ("https://city.lg.jp.evil.co.jp/", False), ("https://notgo.jp/", False),
    ("https://shop.example.invalid/", True), ("https://real-bank.co.jp/", False),
])
def test_genuine_government_pages_may_show_go_jp_and_lg_jp(write, url, allowed):
    text = MINIMAL.replace("    screen:\n", f"    screen:\n      url: {url}\n", 1)
    assert codes_of(write(text)) == ([] if allowed else ["bad-url"])


def test_texts_may_be_bilingual(write):
    scenario = load(write(MINIMAL.replace("title: ちいさな練習", "title: {ja: ちいさな練習, en: A tiny practice}")))
    assert scenario.title.get("en") == "A tiny practice"
    assert scenario.title.get("ja") == "ちいさな練習"
    assert scenario.summary.get("en") == "ボタンを押すだけの練習です。"  # falls back to Japanese


def test_text_without_japanese_is_refused(write):
    assert "no-japanese" in codes_of(write(MINIMAL.replace("title: ちいさな練習", "title: {en: Tiny}")))


def test_readings_must_be_kana(write):
    text = MINIMAL.replace("steps:", "readings:\n  都城: みやこのじょう\n  上手: jouzu\nsteps:")
    problems = check_file(write(text))[1]
    assert [p.code for p in problems] == ["bad-reading"]
    good = load(write(MINIMAL.replace("steps:", "readings:\n  都城: みやこのじょう\nsteps:")))
    assert good.readings == {"都城": "みやこのじょう"}


def test_value_matchers(write):
    text = MINIMAL.replace(
        "        - {type: button, id: back, label: 戻る}\n",
        "        - {type: input, id: amount, keyboard: number}\n",
    ).replace("expect: {tap: next}", "expect: {tap: next, with: {amount: [580, '５８０']}}")
    step = load(write(text)).steps[0]
    match = step.expect[0].fields["amount"]
    assert match.mode == "one-of" and match.values == ("580", "５８０")


def test_english_messages(write):
    [message] = problems_of(write(MINIMAL.replace("level: 1", "level: 7")), "en")
    assert message.endswith("'level' must be between 1 and 3 (it is 7).")


def test_load_raises_with_all_problems(write):
    with pytest.raises(ScenarioError) as caught:
        load(write(MINIMAL.replace("level: 1", "level: 7").replace("minutes: 3", "minutes: 0")))
    assert len(caught.value.problems) == 2


def test_load_all_refuses_two_files_with_one_id(write, tmp_path):
    write(MINIMAL, "a.yaml")
    write(MINIMAL, "b.yaml")
    scenarios, problems = load_all([tmp_path])
    assert len(scenarios) == 1
    assert [p.code for p in problems] == ["duplicate-scenario"]


def test_empty_file(write):
    assert codes_of(write("")) == ["empty-file"]


def test_missing_space_after_a_keys_colon_says_what_to_type(write):
    text = MINIMAL.replace("say: 「次へ」を押しましょう。", "say:「次へ」を押しましょう。")
    problems = check_file(write(text))[1]
    assert [p.code for p in problems] == ["no-space-after-colon"]
    assert (problems[0].where.line, problems[0].where.column) == (12, 8)  # the colon
    assert "「say: 」" in problems[0].format("ja")


def test_urls_and_times_are_not_mistaken_for_tight_colons(write):
    text = MINIMAL.replace("title: ちいさな練習", "title: \"10:30 https://a.example.invalid\"")
    assert load(write(text)).title.get() == "10:30 https://a.example.invalid"


def test_a_number_after_space_hash_is_reported_where_the_text_is_cut(write):
    text = MINIMAL.replace("say: よくできました。", "say: 迷ったら警察相談 #9110")
    scenario, problems = check_file(write(text))
    assert scenario is None  # the safety number would be lost: refuse, never show the cut text
    assert [p.code for p in problems] == ["comment-cuts-number"]
    where = problems[0].where
    assert (where.line, where.column) == (20, 19)  # the '#' itself
    ja, en = problems[0].format("ja"), problems[0].format("en")
    assert "「迷ったら警察相談」" in ja and "「#9110」" in ja and '"迷ったら警察相談 #9110"' in ja
    assert "'#9110'" in en and 'put the whole text in quotes: "迷ったら警察相談 #9110"' in en


def test_the_number_is_kept_when_quoted_or_in_a_block(write):
    quoted = MINIMAL.replace("say: よくできました。", 'say: "迷ったら #9110 です。"')
    assert load(write(quoted)).steps[1].say.get() == "迷ったら #9110 です。"
    block = MINIMAL.replace("say: よくできました。", "say: |-\n      迷ったら #9110 です。")
    assert load(write(block, "b.yaml")).steps[1].say.get() == "迷ったら #9110 です。"
    tight = MINIMAL.replace("say: よくできました。", "say: 迷ったら警察相談#9110")  # no space: not a comment
    assert load(write(tight, "c.yaml")).steps[1].say.get() == "迷ったら警察相談#9110"


def test_a_note_after_a_text_is_a_warning_and_a_note_after_an_id_is_fine(write):
    text = MINIMAL.replace("title: ちいさな練習", "title: ちいさな練習  # あとで直す").replace(
        "category: smartphone", "category: smartphone   # cashless / shopping / ...")
    scenario, problems = check_file(write(text))
    assert scenario is not None and scenario.title.get() == "ちいさな練習"
    assert [(p.code, p.severity, p.where.line, p.where.column) for p in problems] == [
        ("comment-after-text", "warning", 4, 16)]
    assert '"ちいさな練習 # あとで直す"' in problems[0].format("ja")


def test_english_text_cut_in_a_bilingual_map_and_a_list(write):
    text = MINIMAL.replace("    say: よくできました。", "    say: よくできました。\n    learned:\n"
                           "      - ja: 警察相談 #9110\n        en: police advice #9110")
    problems = check_file(write(text))[1]
    assert [(p.code, p.where.line) for p in problems] == [("comment-cuts-number", 22), ("comment-cuts-number", 23)]


def test_the_app_look_of_the_file_applies_to_every_screen_and_a_screen_may_change_it(write):
    text = MINIMAL.replace("device: phone\n", "device: phone\napp: pay\n").replace(
        "  - id: done\n", "  - id: mail\n    say: メールです。\n    screen:\n      app: mail\n"
        "      elements:\n        - {type: button, id: ok, label: OK}\n    expect: {tap: ok}\n  - id: done\n")
    scenario = load(write(text))
    assert [s.screen.app for s in scenario.steps] == ["pay", "mail", "pay"]
    assert load(write(MINIMAL, "plain.yaml")).steps[0].screen.app is None


def test_an_unknown_app_look_names_the_close_one(write):
    problems = check_file(write(MINIMAL.replace("device: phone\n", "device: phone\napp: bnak\n")))[1]
    assert [p.code for p in problems] == ["bad-enum"]
    assert "「bank」" in problems[0].format("ja")
