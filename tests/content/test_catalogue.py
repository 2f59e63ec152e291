"""The catalogue's rules (docs/content.md): what every bundled scenario and
the catalogue as a whole must keep to. Tests are parametrised by scenario
id, so ``pytest tests/content -k parcel-sms`` checks one scenario.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from trainer.scenarios.devices import part as device_part
from trainer.scenarios.elements import KINDS
from trainer.scenarios.model import CATEGORIES
from trainer.scenarios.runner import Run

from .catalogue import catalogue, element_by_id, paths, plain_strings, shown, targets_of, texts

SCENARIOS, PROBLEMS = catalogue()
BY_ID = {s.id: s for s in SCENARIOS}
IDS = sorted(BY_ID)

SAY_LIMIT_JA = 80
"""A step's instruction is read aloud and shown at up to 300% text size."""
SAY_LIMIT_EN = 140

BRANDS = re.compile(
    r"paypay|ペイペイ|amazon|アマゾン|alexa|アレクサ|楽天|rakuten|メルカリ|mercari|google|グーグル|siri|"
    r"アップル|iphone|アイフォン|android|アンドロイド|docomo|ドコモ|ソフトバンク|softbank|セブン|ローソン|"
    r"lawson|ファミリーマート|ファミマ|familymart|ミニストップ|ヤマト|佐川|ゆうちょ|三井住友|三菱|みずほ|イオン|"
    r"suica|スイカ|pasmo|nanaco|waon|d払い|楽天ペイ|メルペイ|microsoft|マイクロソフト|エコー|クローム|"
    r"(?-i:LINE|Echo|Apple|Seven|Windows|Chrome|Edge|Safari|\bau\b)",
    re.IGNORECASE,
)
"""Real brands: allowed only as an explanatory mention in a step's ``say``."""

PHONE = re.compile(r"(?<![\d-])(?:0[1-9]\d{0,3}[-‐ー]\d{1,4}[-‐ー]\d{3,4}|0[1-9]\d{8,9}|0120[-‐]?\d+)(?![\d-])")
ALLOWED_PHONES = re.compile(r"^(?:03-5978-7509|090-0000-\d{4})$")
URL = re.compile(r"(?:https?://|www\.)[^\s）」』、。]+", re.IGNORECASE)


def _host(url: str) -> str:
    return (urlsplit(url if "://" in url else f"https://{url}").hostname or "").lower()


def _practice_host(url: str) -> bool:
    host = _host(url)
    return host == "example.invalid" or host.endswith(".example.invalid")


def _official_host(url: str) -> bool:
    return _host(url).endswith((".go.jp", ".lg.jp"))


# -- the catalogue as a whole -------------------------------------------------

def test_every_bundled_scenario_is_valid():
    errors = [p for p in PROBLEMS if p.severity == "error"]
    assert not errors, "\n".join(p.format("en") for p in errors)


def test_at_least_eighteen_scenarios_in_all_six_categories():
    assert len(SCENARIOS) >= 18
    assert {s.category for s in SCENARIOS} == set(CATEGORIES)


def test_at_least_half_are_bilingual():
    bilingual = [s for s in SCENARIOS if "en" in s.languages]
    assert len(bilingual) * 2 >= len(SCENARIOS)


def test_files_are_filed_by_category_and_id():
    for scenario in SCENARIOS:
        parts = scenario.path.replace("\\", "/").split("/")
        assert parts[-2:] == [scenario.category, f"{scenario.id}.yaml"], scenario.path


# -- each scenario ------------------------------------------------------------

@pytest.mark.parametrize("sid", IDS)
def test_bilingual_means_every_text(sid):
    """A scenario offered in English has English for every text except the
    やさしい日本語 line (``easy``), which is Japanese by nature."""
    scenario = BY_ID[sid]
    if "en" not in scenario.languages:
        return
    missing = [f.where for f in texts(scenario) if not f.is_easy and not f.text.has("en")]
    assert not missing, f"{sid}: no English in {missing}"


@pytest.mark.parametrize("sid", IDS)
def test_urls_are_practice_addresses_only(sid):
    """Shops, banks and every fake are under example.invalid; only a genuine
    government service (a government scenario, never a scam's screen) shows
    the official go.jp / lg.jp that learners are taught to look for."""
    scenario = BY_ID[sid]
    for where, value in plain_strings(scenario):
        for url in URL.findall(value):
            if _official_host(url):
                assert scenario.category == "government", f"{sid} {where}: {url} — only government services use go.jp"
                continue
            assert _practice_host(url), f"{sid} {where}: {url} is not under example.invalid"


@pytest.mark.parametrize("sid", IDS)
def test_no_real_brand_names_outside_explanations(sid):
    scenario = BY_ID[sid]
    assert not BRANDS.search(scenario.id), sid
    for where, value in plain_strings(scenario):
        if where.split(".")[0].endswith(":say") and where.startswith("step:") and ":mistake:" not in where \
                and ":choice:" not in where:
            continue  # an explanatory mention ("real apps such as ... look similar") is allowed here
        found = BRANDS.search(value)
        assert not found, f"{sid} {where}: real brand {found.group(0)!r} in {value!r}"


@pytest.mark.parametrize("sid", IDS)
def test_only_hotlines_and_dummy_phone_numbers(sid):
    scenario = BY_ID[sid]
    for where, value in plain_strings(scenario):
        for number in PHONE.findall(value):
            assert ALLOWED_PHONES.match(number), f"{sid} {where}: phone number {number!r} is not a dummy or a hotline"


@pytest.mark.parametrize("sid", IDS)
def test_instructions_fit_large_text(sid):
    scenario = BY_ID[sid]
    for step in scenario.steps:
        ja = shown(step.say.get("ja"))
        assert len(ja) <= SAY_LIMIT_JA, f"{sid} {step.id}: say is {len(ja)} characters: {ja}"
        if step.say.has("en"):
            en = step.say.get("en")
            assert len(en) <= SAY_LIMIT_EN, f"{sid} {step.id}: English say is {len(en)} characters"


@pytest.mark.parametrize("sid", IDS)
def test_level_one_is_short(sid):
    scenario = BY_ID[sid]
    if scenario.level == 1:
        assert 5 <= len(scenario.steps) <= 8, f"{sid}: level 1 has {len(scenario.steps)} steps"


@pytest.mark.parametrize("sid", IDS)
def test_safety_scenarios_end_safe_and_risky(sid):
    scenario = BY_ID[sid]
    outcomes = {s.finish for s in scenario.finishes}
    if scenario.category == "safety":
        assert {"safe", "risky"} <= outcomes, f"{sid}: finishes {outcomes}"
    if "risky" in outcomes:
        assert "safe" in outcomes, f"{sid}: a risky ending needs a safe one too"


@pytest.mark.parametrize("sid", IDS)
def test_every_ending_says_what_was_learned(sid):
    scenario = BY_ID[sid]
    for finish in scenario.finishes:
        assert finish.learned, f"{sid} {finish.id}: no learned:"


@pytest.mark.parametrize("sid", IDS)
def test_names_its_sources_and_goals(sid):
    scenario = BY_ID[sid]
    assert scenario.sources, f"{sid}: no sources"
    assert scenario.goals, f"{sid}: no goals"


@pytest.mark.parametrize("sid", IDS)
def test_targets_are_on_the_screen_and_answer_the_action(sid):
    scenario = BY_ID[sid]
    for step in scenario.steps:
        expectations = [*step.expect, *(e for c in step.choices for e in c.when),
                        *(e for m in step.mistakes for e in m.when)]
        for expect in expectations:
            if element_by_id(step, expect.target or "") is None and device_part(step.device, expect.target):
                continue  # a part of the device's body (the loader checks those)
            for target in targets_of(expect):
                element = element_by_id(step, target)
                assert element is not None, f"{sid} {step.id}: {target!r} is not on the screen"
            if expect.kind in ("tap", "long-press", "choose", "toggle", "place") and expect.target:
                element = element_by_id(step, expect.target)
                kind = KINDS[element.type]
                assert expect.kind in kind.actions, f"{sid} {step.id}: {element.type} does not answer {expect.kind}"
        for hint in step.hints:
            if hint.target and not device_part(step.device, hint.target):
                assert element_by_id(step, hint.target), f"{sid} {step.id}: hint target {hint.target!r} not on screen"


@pytest.mark.parametrize("sid", IDS)
def test_every_step_is_reachable(sid):
    scenario = BY_ID[sid]
    reached: set[str] = set()
    stack = [scenario.steps[0]]
    while stack:
        step = stack.pop()
        if step.id in reached:
            continue
        reached.add(step.id)
        following = [scenario.step(c.next) for c in step.choices]
        if not step.is_finish and (step.expect or step.only_explains or step.next):
            after = scenario.step_after(step)
            if after:
                following.append(after)
        stack.extend(following)
    unreached = [s.id for s in scenario.steps if s.id not in reached]
    assert not unreached, f"{sid}: steps no path reaches: {unreached}"


@pytest.mark.parametrize("sid", IDS)
def test_played_to_each_ending(sid):
    """The runner reaches every finish along some path, with the outcome it names."""
    scenario = BY_ID[sid]
    for finish_id, found in paths(scenario).items():
        assert found, f"{sid}: no path reaches {finish_id}"
        for actions in found:
            run = Run(scenario)
            run.start()
            for action in actions:
                feedback = run.judge(action)
                assert feedback.next_step is not None, f"{sid}: {action} was not accepted at {run.current.id}"
            assert run.finished and run.current.id == finish_id
            assert run.outcome == scenario.step(finish_id).finish


@pytest.mark.parametrize("sid", IDS)
def test_known_mistakes_are_not_the_right_answer(sid):
    """A mistake written for a step must not also be what the step expects
    (the runner would never say it)."""
    from .catalogue import action_for

    scenario = BY_ID[sid]
    for step in scenario.steps:
        for mistake in step.mistakes:
            for when in mistake.when:
                if when.fields and any(m.mode == "any" for m in when.fields.values()):
                    continue  # "any other value" — judged after the right answer
                run = Run(scenario)
                run._enter(step)  # jump straight to the step under test
                feedback = run.judge(action_for(when))
                assert feedback.mistake_id == mistake.id, f"{sid} {step.id}: mistake {mistake.id} never shown"


def _reading_check():
    try:
        from trainer.cli.check import reading_check
    except ImportError:
        return None
    return reading_check()


@pytest.mark.parametrize("sid", IDS)
def test_trainer_check_finds_nothing(sid):
    """``trainer check`` (flow, targets, text lengths at 300%, readings the
    engine is unsure of, every path played) reports no error and no warning."""
    lint = pytest.importorskip("trainer.authoring.check")
    scenario = BY_ID[sid]
    check = _reading_check()
    report = lint.check_scenario(scenario, check(scenario) if check else None)
    lines = Path(scenario.path).read_text(encoding="utf-8").splitlines()
    problems = [p for p in report.problems if not (
        p.code == "text-too-long" and any(label in lines[p.where.line - 1] for label in REAL_LONG_LABELS))]
    assert not problems, "\n".join(p.format("en") for p in problems)


REAL_LONG_LABELS = ("マイナンバーカードを読み取る",)
"""Real buttons whose verbatim label is longer than the 300% limit. Learners
must recognise the real label, so these keep it (the button wraps)."""


HOTLINES = (
    (re.compile(r"(?<![\d,])188(?![\d,])"), ("イチハチハチ", "イヤヤ")),
    (re.compile(r"#9110"), ("シャープキュウイチイチゼロ", "シャープキューイチイチゼロ")),
    (re.compile(r"(?<![\d#,])110(?![\d,])"), ("ヒャクトオ",)),
)
"""Hotlines must be read as people say them (188 is "いちはちはち", not a hundred
and eighty-eight; #9110 is "シャープ きゅう いち いち ぜろ")."""


@pytest.mark.parametrize("sid", IDS)
def test_hotlines_are_read_as_people_say_them(sid):
    engine = pytest.importorskip("trainer.reading.engine")
    scenario = BY_ID[sid]
    reader = engine.Reader(scenario.readings)
    for found in texts(scenario):
        text = found.text.get("ja")
        for pattern, spoken in HOTLINES:
            if pattern.search(shown(text)):
                kana = reader.kana(text)
                assert any(s in kana for s in spoken), f"{sid} {found.where}: read as {kana}"


@pytest.mark.parametrize("sid", IDS)
def test_icons_are_drawn(sid):
    """Every icon a scenario names is one the player draws (an unknown name
    falls back to a letter, which looks broken on a mock phone)."""
    icons = pytest.importorskip("trainer.widgets.icons")
    scenario = BY_ID[sid]
    for step in scenario.steps:
        for element in step.screen.elements:
            names = [element.props.get("icon")]
            for key in ("apps",):
                names.extend(item.get("icon") for item in element.props.get(key, ()) or ())
            for name in filter(None, names):
                assert icons.icon_name(name), f"{sid} {step.id}: icon {name!r} is not drawn"


@pytest.mark.parametrize("sid", IDS)
def test_speaker_suggestions_are_accepted_phrases(sid):
    """What the speaker suggests saying is something the step accepts."""
    from trainer.scenarios.matching import phrase_matches

    scenario = BY_ID[sid]
    for step in scenario.steps:
        phrases = tuple(p for e in step.expect if e.kind == "say" for p in e.phrases)
        if not phrases:
            continue
        for element in step.screen.elements:
            for suggestion in element.props.get("suggestions", ()) or ():
                for lang, value in suggestion.values.items():
                    assert phrase_matches(phrases, value), f"{sid} {step.id}: suggestion {value!r} ({lang}) not accepted"
