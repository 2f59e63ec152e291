"""SpeechService: say() never blocks, interruption is immediate, failures are signals."""

from __future__ import annotations

import inspect
import sys
import time

import pytest
from PySide6.QtCore import QElapsedTimer, QObject, QTimer

from tests.speech.conftest import LONG_TEXT
from trainer.reading.engine import Reader
from trainer.speech import registry
from trainer.speech.audio import Audio, read_wav
from trainer.speech.base import SpeechBackend
from trainer.speech.fake import FakeSpeech
from trainer.speech.openjtalk import OpenJTalkBackend
from trainer.speech.playback import PipeOut
from trainer.speech.service import SpeechService
from trainer.speech.silent import SilentBackend


@pytest.fixture
def make_service(qtbot):
    made = []

    def make(backend):
        service = SpeechService(backend)
        made.append(service)
        return service

    yield make
    for service in made:
        service.shutdown()


class Recorder:
    def __init__(self, service) -> None:
        self.events: list = []
        service.started.connect(lambda: self.events.append("started"))
        service.finished.connect(lambda: self.events.append("finished"))
        service.failed.connect(lambda message: self.events.append(("failed", message)))
        service.word.connect(lambda offset, length: self.events.append(("word", offset, length)))

    def flow(self) -> list:
        """The events without word highlights."""
        return [e for e in self.events if not (isinstance(e, tuple) and e[0] == "word")]

    def words(self) -> list[tuple[int, int]]:
        return [(e[1], e[2]) for e in self.events if isinstance(e, tuple) and e[0] == "word"]


def test_say_returns_at_once_and_reports_start_and_end(qtbot, make_service):
    service = make_service(SilentBackend())
    record = Recorder(service)
    with qtbot.waitSignal(service.finished, timeout=5000):
        began = time.perf_counter()
        service.say("こんにちは")
        assert time.perf_counter() - began < 0.05
    assert record.events == ["started", "finished"]
    assert not service.is_speaking()


def test_openjtalk_speaks_with_word_highlights(qtbot, make_service, realtime_out):
    service = make_service(OpenJTalkBackend(audio_out=realtime_out))
    record = Recorder(service)
    text = "｜都城《みやこのじょう》市で580円を払います。"
    with qtbot.waitSignal(service.finished, timeout=15000):
        service.say(text)
    assert record.events[0] == "started" and record.events[-1] == "finished"
    plain = Reader().plain(text)
    spoken = [plain[offset : offset + length] for offset, length in record.words()]
    assert spoken[:3] == ["都城", "市", "で"]
    assert "580" in spoken
    assert realtime_out.interrupted == [False]
    assert read_wav(realtime_out.files[0]).duration_ms > 1500


def test_a_new_say_interrupts_the_old_one_at_once(qtbot, make_service, realtime_out):
    service = make_service(OpenJTalkBackend(audio_out=realtime_out))
    record = Recorder(service)
    with qtbot.waitSignal(service.started, timeout=15000):
        service.say(LONG_TEXT)
    service.say("次です。")
    assert record.flow() == ["started", "finished"], "the old speech must end inside say()"
    with qtbot.waitSignal(service.finished, timeout=15000):
        pass
    assert record.flow() == ["started", "finished", "started", "finished"]
    assert realtime_out.interrupted == [True, False]
    first, second = (read_wav(path).duration_ms for path in realtime_out.files)
    assert first < 5000 and second > 300


def test_stop_ends_speech_promptly(qtbot, make_service, realtime_out):
    service = make_service(OpenJTalkBackend(audio_out=realtime_out))
    record = Recorder(service)
    with qtbot.waitSignal(service.started, timeout=15000):
        service.say(LONG_TEXT)
    began = time.perf_counter()
    service.stop()
    assert record.flow() == ["started", "finished"]
    assert not service.is_speaking()
    qtbot.waitUntil(lambda: realtime_out.interrupted == [True], timeout=1000)
    assert time.perf_counter() - began < 0.5
    qtbot.wait(50)
    assert record.flow() == ["started", "finished"], "no late signal from the stopped speech"


def test_no_sound_device_is_a_failed_signal_with_a_japanese_message(qtbot, make_service):
    no_device = PipeOut("broken", lambda rate: [sys.executable, "-c", "import sys; sys.exit(1)"])
    service = make_service(OpenJTalkBackend(audio_out=no_device))
    with qtbot.waitSignal(service.failed, timeout=15000) as failed:
        service.say("こんにちは")
    assert "音が出せません" in failed.args[0]
    assert not service.is_speaking()
    assert service.last_error is not None and service.last_error.message_en.startswith("Could not")


class BrokenBackend(SpeechBackend):
    name = "broken"

    def synthesize(self, text, *, kana=None) -> Audio:
        raise RuntimeError("bug in a backend")


def test_a_crashing_backend_becomes_a_failed_signal(qtbot, make_service):
    service = make_service(BrokenBackend())
    with qtbot.waitSignal(service.failed, timeout=5000) as failed:
        service.say("こんにちは")
    assert failed.args[0].endswith("文字で続けられます。")


def test_the_ui_stays_responsive_while_speaking(qtbot, make_service, realtime_out):
    service = make_service(OpenJTalkBackend(audio_out=realtime_out))
    gaps: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.nsecsElapsed()]

    def tick():
        now = clock.nsecsElapsed()
        gaps.append((now - last[0]) / 1e6)
        last[0] = now

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)
    timer.start()
    with qtbot.waitSignal(service.started, timeout=15000):
        service.say(LONG_TEXT)
    qtbot.wait(1500)
    service.stop()
    timer.stop()
    assert len(gaps) > 100
    assert max(gaps) < 100, f"the event loop stalled {max(gaps):.0f} ms"


def test_settings_are_checked(make_service):
    service = make_service(SilentBackend())
    service.set_rate(0.5)
    service.set_volume(0.0)
    assert (service.rate(), service.volume()) == (0.5, 0.0)
    for bad in (0.4, 2.1):
        with pytest.raises(ValueError):
            service.set_rate(bad)
    with pytest.raises(ValueError):
        service.set_volume(1.5)
    with pytest.raises(ValueError):
        service.set_voice("no-such-voice")


def test_set_reader_and_backend_apply_to_what_follows(make_service):
    service = make_service(SilentBackend())
    reader = Reader({"都城": "とじょう"})
    service.set_reader(reader)
    assert service.backend.reader is reader
    service.set_rate(1.5)
    service.set_backend("silent")
    assert service.backend.reader is reader and service.backend.rate == 1.5


def test_choose_best_backend_prefers_natural_japanese(monkeypatch):
    assert registry.choose_best_backend().name == "openjtalk"
    monkeypatch.setattr(registry, "_openjtalk_available", lambda: False)
    monkeypatch.setattr(registry, "_pyttsx3_might_work", lambda: False)
    assert registry.choose_best_backend().name == "silent"
    assert registry.available_backends()[-1] == "silent"


def public_interface(cls) -> dict[str, str]:
    """Public methods with their signatures, and signals with their argument types."""
    names = {}
    meta = cls.staticMetaObject
    for index in range(meta.methodOffset(), meta.methodCount()):
        method = meta.method(index)
        signature = bytes(method.methodSignature().data()).decode()
        if method.methodType() == method.MethodType.Signal and not signature.startswith("_"):
            names[signature.split("(")[0]] = "signal " + signature
    for name, member in inspect.getmembers(cls):
        if name.startswith("_") or name in names or hasattr(QObject, name):
            continue
        names[name] = str(inspect.signature(member)) if callable(member) else type(member).__name__
    return names


def test_fake_speech_keeps_the_real_interface():
    real = public_interface(SpeechService)
    fake = public_interface(FakeSpeech)
    missing = {name: sig for name, sig in real.items() if name not in fake}
    assert not missing, f"FakeSpeech lacks {missing}"
    different = {name: (sig, fake[name]) for name, sig in real.items()
                 if fake[name] != sig and name not in ("__init__",)}
    assert not different, f"FakeSpeech differs: {different}"


def test_fake_speech_behaves_like_the_service(qtbot):
    fake = FakeSpeech()
    record = Recorder(fake)
    with qtbot.waitSignal(fake.started, timeout=1000):
        fake.say("一つ目")
    fake.say("二つ目")
    assert record.events == ["started", "finished"]
    with qtbot.waitSignal(fake.started, timeout=1000):
        pass
    fake.speak_word(0, 2)
    fake.finish()
    assert record.events == ["started", "finished", "started", ("word", 0, 2), "finished"]
    assert fake.said == ["一つ目", "二つ目"]


def test_no_more_speaking_threads_than_the_cores(qtbot, make_service):
    import os

    from trainer.speech.base import SPEECH_THREADS

    service = make_service(SilentBackend())
    assert len(service._workers) == SPEECH_THREADS <= max(2, os.cpu_count() or 2)
    assert OpenJTalkBackend()._engines._limit == SPEECH_THREADS, "one voice engine per speaking thread"
