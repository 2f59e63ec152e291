"""Safety numbers survive from the file to the screen and to the voice.

A space then ``#`` starts a YAML comment, so ``迷ったら #9110`` once loaded
as 「迷ったら」 with nothing said about it. These tests count every safety
number of the catalogue (docs/content.md: 188, #9110, 110, IPA's
03-5978-7509) in each file as written and in what the loader produced, then
check that the Japanese speech text and its kana reading still say it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

from trainer.scenarios.model import Text

from .catalogue import catalogue, shown, texts

SCENARIOS, _ = catalogue()
BY_ID = {s.id: s for s in SCENARIOS}

SAFETY_NUMBERS = {
    "188": (re.compile(r"(?<![\d,#-])188(?![\d,-])"), ("イチハチハチ", "イヤヤ")),
    "#9110": (re.compile(r"#9110(?!\d)"), ("シャープキュウイチイチゼロ", "シャープキューイチイチゼロ")),
    "110": (re.compile(r"(?<![\d#,-])110(?![\d,-])"), ("ヒャクトオ", "ヒャクトー")),
    "03-5978-7509": (re.compile(r"03-5978-7509"), ("ゼロサン、ゴーキューナナハチ、ナナゴーゼロキュー",)),
}
"""The catalogue's hotlines, each with the kana a voice must say for it."""

SPOKEN_AS_KANA = ("188", "#9110")

WITH_NUMBERS = sorted(s.id for s in SCENARIOS if any(
    pattern.search(Path(s.path).read_text(encoding="utf-8")) for pattern, _ in SAFETY_NUMBERS.values()))


def _strings(value: object) -> Iterator[str]:
    """Every string the loader kept in a scenario (texts, labels, readings' words, sources…)."""
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            if field.name not in ("where", "next_where", "path", "base_dir"):
                yield from _strings(getattr(value, field.name))
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from _strings(item)


def _written(path: str) -> str:
    """The file as written, without its comment lines (a note may name a number)."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return "\n".join(line for line in lines if not line.lstrip().startswith("#"))


def test_the_catalogue_has_its_hotlines():
    assert {"refund-scam-call", "fake-virus-warning", "fake-shop-site", "parcel-sms"} <= set(WITH_NUMBERS)
    loaded = "\n".join(s for scenario in SCENARIOS for s in _strings(scenario))
    for name, (pattern, _) in SAFETY_NUMBERS.items():
        assert pattern.search(loaded), f"no scenario names {name} any more"


@pytest.mark.parametrize("sid", WITH_NUMBERS)
def test_every_safety_number_written_is_loaded(sid):
    scenario = BY_ID[sid]
    written = _written(scenario.path)
    loaded = list(_strings(scenario))
    for name, (pattern, _) in SAFETY_NUMBERS.items():
        in_file = len(pattern.findall(written))
        in_texts = sum(len(pattern.findall(s)) for s in loaded)
        assert in_texts == in_file, f"{sid}: {name} is written {in_file} times but loaded {in_texts} times"


@pytest.mark.parametrize("sid", WITH_NUMBERS)
def test_every_safety_number_shown_is_spoken(sid):
    engine = pytest.importorskip("trainer.reading.engine")
    scenario = BY_ID[sid]
    reader = engine.Reader(scenario.readings)
    heard = 0
    for found in texts(scenario):
        assert isinstance(found.text, Text)
        for lang, text in found.text.values.items():
            for name, (pattern, spoken) in SAFETY_NUMBERS.items():
                count = len(pattern.findall(shown(text)))
                if not count:
                    continue
                if lang == "en":  # English is read as written
                    assert len(pattern.findall(engine.Reader().plain(text))) == count
                    continue
                kana = reader.kana(text).replace(" ", "")
                speech = reader.speech_text(text).replace(" ", "")
                said = sum(kana.count(s) for s in spoken)
                assert said >= count, f"{sid} {found.where}: {name} is read as {kana}"
                # what the Japanese voice is given: the number's kana (a voice reads "#9110" as
                # 「きゅうせんひゃくじゅう」 and 188 as 「ひゃくはちじゅうはち」), or 110 / IPA's number as written
                given = sum(speech.count(s) for s in spoken)
                if name not in SPOKEN_AS_KANA:
                    given += len(pattern.findall(speech))
                assert given >= count, f"{sid} {found.where}: {name} is not in the speech text {speech}"
                heard += count
    assert heard, f"{sid}: no Japanese text says a safety number"
