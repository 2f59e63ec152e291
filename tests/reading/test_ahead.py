"""Reading ahead: the texts of the next steps are analysed in the background, never during a step change."""

from __future__ import annotations

import threading
import time

from trainer.reading import ahead as ahead_module
from trainer.reading.ahead import Ahead
from trainer.reading.engine import Reader


class CountingReader:
    def __init__(self, known=()) -> None:
        self.read: list[str] = []
        self.threads: set[str] = set()
        self.known = set(known)

    def knows(self, text: str) -> bool:
        return text in self.known

    def words(self, text: str):
        self.threads.add(threading.current_thread().name)
        self.read.append(text)
        self.known.add(text)
        return []


def wait_for(condition, timeout=5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.005)
    return False


def test_texts_are_read_once_in_order_on_a_background_thread_skipping_known_ones():
    ahead, reader = Ahead(), CountingReader(known={"既知"})
    ahead.prepare(reader, lambda: ["次の画面", "既知", "次の画面", "", "ボタン"])
    assert wait_for(lambda: ahead.done == 2)
    assert reader.read == ["次の画面", "ボタン"]
    assert reader.threads == {"readings-ahead"}


def test_a_hold_stops_the_reading_until_released():
    ahead, reader = Ahead(), CountingReader()
    ahead.hold()
    ahead.prepare(reader, lambda: ["一", "二"])
    time.sleep(0.15)
    assert reader.read == [], "nothing is read while the window is busy"
    ahead.release()
    assert wait_for(lambda: ahead.done == 2)


def test_a_hold_never_released_ends_by_itself(monkeypatch):
    monkeypatch.setattr(ahead_module, "HOLD_LIMIT_S", 0.1)
    ahead, reader = Ahead(), CountingReader()
    ahead.hold()
    ahead.prepare(reader, lambda: ["一"])
    assert wait_for(lambda: ahead.done == 1, timeout=3)


def test_a_new_prepare_replaces_what_was_waiting():
    ahead, reader = Ahead(), CountingReader()
    ahead.hold()
    ahead.prepare(reader, lambda: ["古い"])
    ahead.prepare(reader, lambda: ["新しい"])
    ahead.release()
    assert wait_for(lambda: ahead.done == 1)
    time.sleep(0.05)
    assert reader.read == ["新しい"]


def test_a_failing_text_list_or_text_does_not_stop_the_thread():
    ahead = Ahead()

    class Broken(CountingReader):
        def words(self, text):
            if text == "壊れ":
                raise RuntimeError("broken")
            return super().words(text)

    reader = Broken()
    def no_list():
        raise RuntimeError("no list")

    ahead.prepare(reader, no_list)
    ahead.prepare(reader, lambda: ["壊れ", "次"])
    assert wait_for(lambda: reader.read == ["次"])


def test_the_real_reader_then_answers_from_its_cache():
    reader = Reader({"都城": "みやこのじょう"})
    text = "都城市で暗証番号を入れる（先読みのテスト）"
    assert not reader.knows(text)
    ahead = Ahead()
    ahead.prepare(reader, lambda: [text])
    assert wait_for(lambda: reader.knows(text), timeout=30)
    assert [w.surface for w in reader.words(text)][0] == "都城"


def test_a_speaking_thread_waits_while_the_window_is_busy():
    ahead = Ahead()
    passed: list[float] = []
    ahead.hold()
    assert ahead.held
    thread = threading.Thread(target=lambda: (ahead.wait_while_held(), passed.append(time.monotonic())))
    thread.start()
    time.sleep(0.1)
    assert passed == [], "no analysis or synthesis starts during a step change"
    released = time.monotonic()
    ahead.release()
    thread.join(5)
    assert passed and passed[0] >= released
    assert not ahead.held
