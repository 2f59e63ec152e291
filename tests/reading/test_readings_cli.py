"""``trainer readings TEXT`` for instructors."""

from __future__ import annotations

from trainer.cli import main


def test_readings_prints_the_text_in_reading_notation(capsys):
    assert main(["--lang", "ja", "readings", "今日は都城市でPINを入れる"]) == 0
    out = capsys.readouterr().out
    assert out == "今日《きょう》は都城《みやこのじょう》市《し》で｜PIN《ぴん》を入《い》れる\n"


def test_readings_kana_is_one_line(capsys):
    assert main(["readings", "今日は\n1,000円です", "--kana"]) == 0
    assert capsys.readouterr().out == "キョーワ センエンデス\n"
    assert main(["readings", "今日は", "--kana", "--hiragana"]) == 0
    assert capsys.readouterr().out == "きょーわ\n"


def test_readings_table_and_guesses(capsys):
    assert main(["--lang", "en", "readings", "龘を見る", "--table"]) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines()[0] == "龘\tとう\tdictionary  ?"
    assert "guessed readings: 龘" in captured.err


def test_readings_applies_a_scenarios_readings(tmp_path, capsys):
    scenario = tmp_path / "s.yaml"
    scenario.write_text("id: x\nreadings:\n  都城: みやこんじょ\n  鬼: 漢字はだめ\n", encoding="utf-8")
    assert main(["readings", "都城", "--kana", "--readings", str(scenario)]) == 0
    captured = capsys.readouterr()
    assert captured.out == "ミヤコンジョ\n"
    assert "かなではない" in captured.err


def test_readings_file_problems_are_usage_errors(tmp_path, capsys):
    assert main(["readings", "都城", "--readings", str(tmp_path / "missing.yaml")]) == 2
    assert "見つかりません" in capsys.readouterr().err
