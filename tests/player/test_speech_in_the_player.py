"""Read-aloud in the player, with the speech helper's fake service: each
step's text is read when it appears, 「もう一度聞く」 repeats it, moving on
stops the old speech at once, feedback and hints are read too, and when
speech fails a quiet notice appears and the lesson goes on."""

from __future__ import annotations

from dataclasses import replace

from tests.player.autoplay import click, perform, settle
from tests.player.conftest import scenario_named
from trainer.app.library import Library
from trainer.app.main_window import MainWindow
from trainer.app.narrator import Narrator
from trainer.app.settings import Settings
from trainer.reading.ruby import plain
from trainer.speech.fake import FakeSpeech


def open_with_speech(qtbot, name: str, **settings):
    scenario = scenario_named(name)
    speech = FakeSpeech(auto_finish=True)
    window = MainWindow(Library([scenario]), speech=speech,
                        settings=Settings(text_size_chosen=True, **settings))
    qtbot.addWidget(window)
    window.resize(1280, 860)
    window.show()
    player = window.start(scenario.id)
    settle()
    return window, player, speech, scenario


def test_each_step_is_read_when_it_appears(qtbot):
    _window, player, speech, scenario = open_with_speech(qtbot, "open-an-app")
    first = scenario.steps[0].say.get("ja")
    assert speech.said[-1] == first
    click(player.panel.next_button)
    second = scenario.steps[1].say.get("ja")
    assert speech.said[-1].endswith(second), "praise first, then the new step's text"
    assert plain(speech.said[-1]).startswith(player.panel.feedback.text())


def test_hear_again_repeats_and_moving_on_stops_old_speech_at_once(qtbot):
    _window, player, speech, scenario = open_with_speech(qtbot, "open-an-app")
    before = speech.stops
    click(player.controls.repeat)
    assert speech.said[-1] == scenario.steps[0].say.get("ja")
    assert speech.stops > before, "a new text interrupts the old one"
    stops = speech.stops
    click(player.panel.next_button)
    assert speech.stops > stops


def test_feedback_and_hints_are_read(qtbot):
    _window, player, speech, scenario = open_with_speech(qtbot, "open-an-app")
    click(player.panel.next_button)
    step = player.run.current
    perform(player, step.mistakes[0].when[0])
    assert speech.said[-1] == step.mistakes[0].say.get("ja")
    click(player.controls.hint)
    assert plain(speech.said[-1]) == player.panel.feedback.text()


def test_speech_failure_shows_a_quiet_notice_and_the_lesson_goes_on(qtbot):
    _window, player, speech, scenario = open_with_speech(qtbot, "open-an-app")
    assert not player.panel.speech_notice.isVisible()
    speech.fail("音が出せませんでした。")
    settle()
    assert player.panel.speech_notice.isVisible()
    click(player.panel.next_button)
    assert player.run.current.id == scenario.steps[1].id
    assert player.panel.speech_notice.isVisible(), "the notice stays; nothing else changes"


def test_read_aloud_off_says_nothing_and_can_be_turned_on(qtbot):
    window, player, speech, scenario = open_with_speech(qtbot, "open-an-app", read_aloud=False)
    assert speech.said == []
    window.apply_settings(replace(window.settings, read_aloud=True))
    click(player.controls.repeat)
    assert speech.said == [scenario.steps[0].say.get("ja")]


def test_voice_speed_and_volume_go_to_the_service(qtbot):
    window, _player, speech, _ = open_with_speech(qtbot, "open-an-app")
    window.apply_settings(replace(window.settings, rate=1.3, volume=0.5, voice="fake"))
    assert speech.rate() == 1.3 and speech.volume() == 0.5 and speech._voice == "fake"
    window.show_settings()
    page = window._pages["settings"]
    assert "voice" in page.options and "rate" in page.options and "volume" in page.options
    click(page.try_voice)
    assert speech.said[-1] == window.look.tr("settings.voice_sample")


def test_the_word_being_read_is_highlighted_with_furigana(qtbot):
    window, player, speech, scenario = open_with_speech(qtbot, "open-an-app", furigana=True)
    label = player.panel.step_text
    hits = []
    label.highlightWord = lambda offset, length: hits.append((offset, length))  # type: ignore[method-assign]
    speech.speak_word(0, 2)
    settle()
    assert hits == [(0, 2)]


def test_narrator_without_a_service_is_silent_and_safe(qtbot):
    narrator = Narrator(None)
    narrator.say("こんにちは")
    narrator.repeat()
    narrator.stop()
    assert narrator.spoken == [] and not narrator.available


def test_a_service_that_raises_is_treated_as_a_failure(qtbot):
    class Broken:
        def say(self, text):
            raise RuntimeError("no audio device")

        def stop(self):
            raise RuntimeError("no audio device")

    narrator = Narrator(Broken())
    failures = []
    narrator.unavailable.connect(failures.append)
    narrator.say("こんにちは")
    assert failures == ["no audio device"]


def test_a_new_text_is_spoken_once_its_window_has_painted_and_stop_cancels_it(qtbot):
    from PySide6.QtWidgets import QLabel


    window = QLabel("一")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    settle()
    speech = FakeSpeech(auto_finish=True)
    narrator = Narrator(speech, parent=window)
    window.setText("二")  # the new step is built ...
    narrator.say("次の手順です。")  # ... and its text is said before it is painted
    assert speech.said == [], "nothing is synthesised while the step is still being drawn"
    settle()  # the window paints
    assert speech.said == ["次の手順です。"]
    window.setText("三")
    narrator.say("もう一つ。")
    narrator.stop()  # moved on before the paint: never said
    settle()
    qtbot.wait(150)
    assert speech.said == ["次の手順です。"]


def test_a_text_that_nothing_repaints_for_is_spoken_soon_anyway(qtbot):
    from PySide6.QtWidgets import QLabel

    from trainer.app.narrator import PAINT_WAIT_MS

    window = QLabel("一")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    settle()
    speech = FakeSpeech(auto_finish=True)
    narrator = Narrator(speech, parent=window)
    narrator.say("同じ画面のまま。")
    qtbot.waitUntil(lambda: speech.said == ["同じ画面のまま。"], timeout=PAINT_WAIT_MS * 10)


def test_the_narrator_remembers_only_the_last_texts(qtbot):
    from trainer.app.narrator import SPOKEN_KEPT

    narrator = Narrator(FakeSpeech(auto_finish=True))
    for n in range(SPOKEN_KEPT + 50):
        narrator.say(f"文 {n}")
    assert len(narrator.spoken) == SPOKEN_KEPT and narrator.spoken[-1] == f"文 {SPOKEN_KEPT + 49}"
