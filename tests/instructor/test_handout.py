"""``trainer handout``: an A4 PDF with the right pages and the scenario's words."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.instructor.conftest import TINY
from trainer.cli import main
from trainer.content import bundled_content_dir
from trainer.scenarios.loader import load

pytestmark = pytest.mark.usefixtures("qapp")
pytest.importorskip("trainer.widgets.devices", reason="the player's device widgets are not in this checkout yet")


def pages_of(pdf: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", pdf.read_bytes()))


def text_of(pdf: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True, timeout=60).stdout


def a4(pdf: Path) -> bool:
    box = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf.read_bytes())
    assert box, "no page size"
    width, height = float(box.group(1)), float(box.group(2))
    return abs(width - 595.3) < 2 and abs(height - 841.9) < 2  # points


def test_handout_of_a_phone_scenario(tmp_path, capsys):
    source = bundled_content_dir() / "cashless" / "scan-to-pay.yaml"
    scenario = load(source)
    out = tmp_path / "scan.pdf"
    assert main(["handout", str(source), "--out", str(out)]) == 0
    assert "ページ" in capsys.readouterr().out
    steps = len(scenario.steps)
    assert pages_of(out) == 1 + (steps + 1) // 2  # the cover, then two steps a page
    assert a4(out)
    text = text_of(out)
    assert scenario.title.get("ja") in text
    assert "この練習で身につくこと" in text
    assert "メモ" in text
    assert f"ステップ {steps}" in text


def test_handout_with_furigana_and_a_branch(tmp_path):
    source = bundled_content_dir() / "safety" / "parcel-sms.yaml"
    out = tmp_path / "sms.pdf"
    assert main(["handout", str(source), "--out", str(out), "--furigana"]) == 0
    text = text_of(out)
    assert "どちらを選びますか" in text
    assert "学んだこと" in text
    assert "しら" in text  # the reading of 知らない sits over it


def test_handout_in_english_and_a_wide_device(tmp_path):
    wide = next((p for p in sorted(bundled_content_dir().rglob("*.yaml"))
                 if load(p).device in ("kiosk", "card-reader", "browser")), None)
    if wide is None:
        pytest.skip("no bundled scenario on a wide device")
    out = tmp_path / "wide.pdf"
    assert main(["--lang", "en", "handout", str(wide), "--out", str(out)]) == 0
    assert pages_of(out) == 1 + len(load(wide).steps)  # a page a step
    assert "What you will learn" in text_of(out) or not load(wide).goals


def test_handout_of_a_broken_file_says_why(tmp_path, capsys):
    broken = tmp_path / "broken.yaml"
    broken.write_text(TINY.replace("level: 1", "level: 9"), encoding="utf-8")
    assert main(["handout", str(broken), "--out", str(tmp_path / "x.pdf")]) == 1
    out = capsys.readouterr().out
    assert f"{broken}:7:8:" in out and "手引きは作りませんでした" in out
    assert not (tmp_path / "x.pdf").exists()
    assert main(["handout", str(tmp_path / "missing.yaml"), "--out", str(tmp_path / "x.pdf")]) == 2


def test_tiny_handout_page_count(tmp_path):
    from trainer.authoring.handout import write_handout

    path = tmp_path / "tiny.yaml"
    path.write_text(TINY, encoding="utf-8")
    assert write_handout(load(path), tmp_path / "t.pdf") == 2
    assert pages_of(tmp_path / "t.pdf") == 2


def test_handout_prints_what_the_hand_does_in_watch_mode(tmp_path):
    """Each step watch mode plays says what the hand does, a marked mistake first (issue #15)."""
    from trainer.widgets.watch_steps import handout_lines

    source = bundled_content_dir() / "cashless" / "code-pay.yaml"
    scenario = load(source)
    show = scenario.step("show-code")
    lines = handout_lines(scenario, show)
    assert lines[0].startswith("「見てみる」のよくある間違い: 「スキャン」を押します。")
    assert lines[-1] == "「見てみる」では: 「支払う」を押します。"
    assert handout_lines(scenario, show, "en")[-1] == "In “Watch”: Presses “Pay”."
    assert handout_lines(scenario, scenario.finishes[0]) == []
    out = tmp_path / "code.pdf"
    assert main(["handout", str(source), "--out", str(out)]) == 0
    text = re.sub(r"\s+", "", text_of(out))
    assert "「見てみる」では:「支払う」を押します。" in text
    assert "よくある間違い" in text
