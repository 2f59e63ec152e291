"""Golden readings: tricky words, numbers, Latin letters, author overrides."""

from __future__ import annotations

import threading

import pytest

from trainer.reading.engine import Reader


@pytest.fixture(scope="module")
def reader() -> Reader:
    return Reader()


def reading_of(reader: Reader, text: str, surface: str) -> str:
    found = [w.kana for w in reader.words(text) if w.surface == surface]
    assert found, f"{surface!r} is not a word of {text!r}: {[w.surface for w in reader.words(text)]}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "surface", "kana"),
    [
        ("今日は晴れです", "今日", "きょう"),
        ("一人で行けます", "一人", "ひとり"),
        ("大人の料金", "大人", "おとな"),
        ("上手に使えました", "上手", "じょうず"),
        ("1月1日に行きます", "1日", "ついたち"),
        ("1月1日に行きます", "1月", "いちがつ"),
        ("1分で終わります", "分", "ぷん"),
        ("都城市に行く", "都城", "みやこのじょう"),
        ("手続きをします", "手続き", "てつづき"),  # spelled づ, though heard as ず
        ("続きから", "続き", "つづき"),
    ],
)
def test_furigana_of_tricky_words(reader, text, surface, kana):
    assert reading_of(reader, text, surface) == kana


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        ("3人", "サンニン"),
        ("2枚", "ニマイ"),
        ("1本", "イッポン"),
        ("1月1日", "イチガツツイタチ"),
        ("580円", "ゴヒャクハチジューエン"),
        ("1,000円", "センエン"),
        ("￥5,000", "ゴセンエン"),
        ("¥300", "サンビャクエン"),
        ("10時30分", "ジュージサンジュップン"),
        ("12:30", "ジューニジサンジュップン"),
        ("9:00", "クジ"),
        ("2024/5/3", "ニセンニジューヨネンゴガツミッカ"),
        ("10〜20人", "ジューカラニジューニン"),
        ("QR", "キューアール"),
        ("QRコード", "キューアールコード"),
        ("PIN", "ピン"),
        ("ＰＩＮ", "ピン"),
        ("ATM", "エーティーエム"),
        ("SMS", "エスエムエス"),
        ("URL", "ユーアールエル"),
        ("ID", "アイディー"),
        ("OK", "オーケー"),
        ("Wi-Fi", "ワイファイ"),
        ("LINE", "ライン"),
        ("今日は", "キョーワ"),
    ],
)
def test_spoken_kana(reader, text, spoken):
    assert reader.kana(text) == spoken


def test_acronym_only_as_a_whole_word(reader):
    assert "ピン" not in reader.kana("PINK")
    assert reader.kana("OKです") == "オーケーデス"


def test_kana_is_one_line_with_pauses(reader):
    spoken = reader.kana("はい。\nいいえ、 ちがいます")
    assert "\n" not in spoken
    assert spoken == "ハイ。イーエ、チガイマス"
    assert reader.kana("今日は", hiragana=True) == "きょーわ"


def test_place_name_without_and_with_override():
    plain_reader = Reader()
    assert reading_of(plain_reader, "都城市に行く", "都城") == "みやこのじょう"
    dialect = Reader({"都城": "みやこんじょ"})
    word = next(w for w in dialect.words("都城市に行く") if w.surface == "都城")
    assert (word.kana, word.source) == ("みやこんじょ", "author")
    assert dialect.kana("都城市") == "ミヤコンジョシ"


def test_override_of_a_made_up_place_name_wins():
    guessed = Reader().kana("鬼怒嶺町へ")
    reader = Reader({"鬼怒嶺": "おにぬれ"})
    assert guessed != reader.kana("鬼怒嶺町へ")
    assert reader.kana("鬼怒嶺町へ") == "オニヌレマチエ"
    assert reading_of(reader, "鬼怒嶺町へ", "鬼怒嶺") == "おにぬれ"


def test_inline_notation_wins_over_the_map_and_the_dictionary():
    reader = Reader({"都城": "とじょう"})
    word = reader.words("｜都城《みやこんじょ》に")[0]
    assert (word.surface, word.kana, word.source) == ("都城", "みやこんじょ", "author")
    assert reader.plain("｜都城《みやこんじょ》に") == "都城に"


def test_longest_override_first():
    reader = Reader({"都城": "とじょう", "都城市": "みやこのじょうし"})
    assert reader.words("都城市へ")[0].kana == "みやこのじょうし"
    assert reader.words("都城へ")[0].kana == "とじょう"


def test_override_beats_acronym_table():
    assert Reader({"PIN": "ぴんばんごう"}).kana("PIN") == "ピンバンゴウ"


def test_unsure_lists_guesses_not_known_words():
    reader = Reader()
    assert reader.unsure("今日は龘を見る") == ["龘"]
    assert reader.unsure("XYZ社です") == ["XYZ"]
    assert reader.unsure("今日はATMでPINを入れる") == []
    assert Reader({"龘": "たつ"}).unsure("龘を見る") == []


TEXTS = [
    "今日は都城市で一人の大人が上手に3人、2枚、1本、1月1日、580円、1,000円、￥5,000、10時30分",
    "ＰＩＮコード、 12:30 2024/5/3 です。\n改行😀★龘",
    "｜都城《みやこのじょう》市の0120-123-456に電話",
    "  前後に空白  ",
    "ﾃｽﾄです",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_words_cover_the_plain_text_exactly(reader, text):
    words = reader.words(text)
    plain = reader.plain(text)
    assert "".join(w.surface for w in words) == plain
    for word in words:
        assert plain[word.start : word.end] == word.surface
        if word.needs_ruby:
            assert word.kana and all("\u3041" <= ch <= "\u309f" or ch == "ー" for ch in word.kana)


def test_needs_ruby_only_for_kanji(reader):
    flags = {w.surface: w.needs_ruby for w in reader.words("QRコードで580円を払う")}
    assert flags == {"QRコード": False, "で": False, "580": False, "円": True, "を": False, "払う": True}


def test_clauses_split_at_punctuation_and_a_long_first_clause():
    reader = Reader()
    text = "今日は都城市で一人の大人が上手に買い物をしました。次へ進みます。"
    clauses = reader.clauses(text)
    assert [c.speech for c in clauses] == ["今日は都城市で一人の大人が上手に買い物をしました。", "次へ進みます。"]
    quick = reader.clauses(text, first_max_moras=10)
    assert len(quick) == 3
    assert quick[0].moras <= 15
    assert "".join(c.speech for c in quick) == reader.speech_text(text)
    assert reader.clauses("｜都城《みやこのじょう》へ")[0].speech == "ミヤコノジョウへ"


def test_reader_is_thread_safe_and_cached():
    reader = Reader()
    texts = [f"{n}人で{n * 100}円の切符を買う。今日は上手にできた。" for n in range(1, 25)]
    expected = {text: Reader().words(text) for text in texts}
    results: dict[str, list] = {}
    errors: list[BaseException] = []

    def work(chunk):
        try:
            for text in chunk:
                results[text] = reader.words(text)
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(texts[i::4],)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors
    assert results == expected
    assert reader.words(texts[0]) == results[texts[0]]


def test_readers_share_one_bounded_cache_of_analyses(monkeypatch):
    """A catalogue has a reader per scenario's readings: a text is analysed once for equal readings,
    whichever reader asks, and the cache is bounded as a whole."""
    from trainer.reading import engine

    calls = []
    original = Reader._analyse_uncached

    def counting(self, text, store=True):
        calls.append(text)
        return original(self, text, store)

    monkeypatch.setattr(Reader, "_analyse_uncached", counting)
    text = "共有の解析を試す文です。"
    first = Reader({"都城": "みやこのじょう"}).words(text)
    again = Reader({"都城": "みやこのじょう"}).words(text)  # another reader, the same readings
    assert first == again and calls == [text]
    Reader({"都城": "みやこんじょ"}).words(text)  # other readings: analysed for them
    assert calls == [text, text]
    for n in range(engine._ANALYSES._size + 10):
        Reader({}).plain(f"文{n}")
    assert len(engine._ANALYSES) == engine._ANALYSES._size
