"""Settings are kept (in a temporary folder here), damaged files are
harmless, and every change applies at once — also in the middle of a step,
which is kept. First start asks for the text size; the finish screen says
what was learned and offers 「もう一度」 and 「ほかの練習へ」."""

from __future__ import annotations

import json
from dataclasses import replace

from tests.player.autoplay import click, perform, routes, settle
from tests.player.conftest import bundled, scenario_named
from trainer.app.library import Library
from trainer.app.main_window import MainWindow
from trainer.app.settings import Settings, SettingsStore, config_dir
from trainer.reading.ruby import plain


def test_settings_live_in_the_folder_tests_point_to(private_config):
    assert config_dir() == private_config
    store = SettingsStore()
    assert store.load() == Settings()
    store.save(Settings(text_scale=250, theme="high-contrast", furigana=True, read_aloud=False, lang="en",
                        rate=1.3, volume=0.5, text_size_chosen=True))
    again = SettingsStore().load()
    assert (again.text_scale, again.theme, again.furigana, again.read_aloud, again.lang) == (
        250, "high-contrast", True, False, "en")
    assert json.loads((private_config / "settings.json").read_text(encoding="utf-8"))["text_scale"] == 250


def test_damaged_or_strange_settings_give_safe_values(private_config):
    private_config.mkdir(parents=True, exist_ok=True)
    path = private_config / "settings.json"
    path.write_text("{not json", encoding="utf-8")
    assert SettingsStore().load() == Settings()
    path.write_text(json.dumps({"text_scale": 999, "theme": "neon", "rate": 9, "volume": -1, "lang": "fr",
                                "unknown": 1}), encoding="utf-8")
    loaded = SettingsStore().load()
    assert (loaded.text_scale, loaded.theme, loaded.rate, loaded.volume, loaded.lang) == (
        300, "standard", 2.0, 0.0, None)


def test_first_start_asks_for_text_size_and_remembers_it(qtbot, private_config):
    store = SettingsStore()
    window = MainWindow(Library(bundled()), settings_store=store)
    qtbot.addWidget(window)
    window.show()
    assert window.page_name == "first-start"
    page = window._pages["first-start"]
    click(page.options[200])
    assert window.look.scale == 2.0, "the choice shows at once"
    page = window._pages["first-start"]
    assert page.options[200].isChecked()
    click(page.go)
    assert window.page_name == "home"
    saved = store.load()
    assert saved.text_scale == 200 and saved.text_size_chosen
    second = MainWindow(Library(bundled()), settings_store=SettingsStore())
    qtbot.addWidget(second)
    assert second.page_name == "home"


def test_settings_change_mid_step_keeps_the_step(qtbot, private_config):
    scenario = scenario_named("scan-to-pay")
    window = MainWindow(Library([scenario]), settings_store=SettingsStore(),
                        settings=Settings(text_size_chosen=True, read_aloud=False))
    qtbot.addWidget(window)
    window.resize(1280, 860)
    window.show()
    player = window.start(scenario.id)
    perform(player, scenario.steps[0].expect[0])
    step = player.run.current.id
    click(window.nav.settings)
    assert window.page_name == "settings"
    page = window._pages["settings"]
    click(page.options["text_scale"][150])
    click(window._pages["settings"].options["theme"]["high-contrast"])
    click(window._pages["settings"].options["furigana"][True])
    assert window.look.scale == 1.5 and window.look.theme.name == "high-contrast" and window.look.furigana
    click(window._pages["settings"].close_button)
    assert window.page_name == "player" and window.player is player
    assert player.run.current.id == step and player.look.scale == 1.5
    saved = SettingsStore().load()
    assert saved.text_scale == 150 and saved.theme == "high-contrast" and saved.furigana


def test_language_switch_to_english(qtbot):
    scenario = scenario_named("open-an-app")
    window = MainWindow(Library([scenario]), settings=Settings(text_size_chosen=True, read_aloud=False))
    qtbot.addWidget(window)
    window.show()
    window.apply_settings(replace(window.settings, lang="en"))
    assert window.look.lang == "en"
    assert window.nav.settings.text() == "Settings"
    player = window.start(scenario.id)
    assert player.panel.step_text.text() == scenario.steps[0].say.get("en")
    assert player.controls.hint.text() == "Hint"


def test_furigana_shows_readings_over_the_step_text(qtbot):
    from trainer.widgets.ruby_label import RubyLabel

    scenario = scenario_named("open-an-app")
    window = MainWindow(Library([scenario]), settings=Settings(text_size_chosen=True, read_aloud=False,
                                                               furigana=True))
    qtbot.addWidget(window)
    window.resize(1280, 860)
    window.show()
    player = window.start(scenario.id)
    settle()
    label = player.panel.step_text
    assert isinstance(label, RubyLabel)
    assert label.accessibleName() == plain(scenario.steps[0].say.get("ja"))
    assert any(w.kana for w in label.words() if w.needs_ruby)


def test_easy_words_show_the_easy_text_when_there_is_one(qtbot):
    scenario = scenario_named("open-an-app")
    window = MainWindow(Library([scenario]), settings=Settings(text_size_chosen=True, read_aloud=False, easy=True))
    qtbot.addWidget(window)
    window.show()
    player = window.start(scenario.id)
    assert player.panel.step_text.text() == plain(scenario.steps[0].easy.get("ja"))


def test_home_list_player_finish_and_back(qtbot):
    scenario = scenario_named("open-an-app")
    window = MainWindow(Library(bundled()), settings=Settings(text_size_chosen=True, read_aloud=False))
    qtbot.addWidget(window)
    window.resize(1280, 860)
    window.show()
    home = window._pages["home"]
    assert set(home.tiles) == {"cashless", "shopping", "government", "speaker", "smartphone", "safety"}
    assert home.tiles["smartphone"].text().startswith("スマホの基本")
    click(home.tiles["smartphone"])
    listing = window._pages["list"]
    assert scenario.id in listing.start_buttons
    click(listing.start_buttons[scenario.id])
    assert window.page_name == "modes"  # the scenario's start: 「やってみる」 or 「ひとりで」
    click(window._pages["modes"].buttons["try"])
    player = window.player
    for move in routes(scenario)["done"]:
        perform(player, move.expect)
    assert window.page_name == "finish"
    finish = window._pages["finish"]
    assert finish.headline.text() == "できました！"
    assert [b.text() for b in finish.learned] == [plain(t.get("ja")) for t in finish.step.learned]
    click(finish.again)
    assert window.page_name == "player" and window.player.run.current.id == scenario.steps[0].id
    for move in routes(scenario)["done"]:
        perform(window.player, move.expect)
    click(window._pages["finish"].others)
    assert window.page_name == "list"


def test_a_risky_ending_is_learning_not_failure(qtbot):
    scenario = scenario_named("parcel-sms")
    window = MainWindow(Library([scenario]), settings=Settings(text_size_chosen=True, read_aloud=False))
    qtbot.addWidget(window)
    window.show()
    step = next(s for s in scenario.finishes if s.finish == "risky")
    window.show_finish(step, scenario)
    finish = window._pages["finish"]
    assert finish.headline.text() == "練習なのでだいじょうぶです"


def test_explain_only_steps_offer_next_and_others_do_not(qtbot):
    scenario = scenario_named("open-an-app")
    window = MainWindow(Library([scenario]), settings=Settings(text_size_chosen=True, read_aloud=False))
    qtbot.addWidget(window)
    window.show()
    player = window.start(scenario.id)
    assert scenario.steps[0].only_explains and player.panel.next_button.isVisible()
    click(player.panel.next_button)
    assert not player.run.current.only_explains and not player.panel.next_button.isVisible()
    assert player.panel.feedback_kind == "praise"


def test_progress_hooks_hear_every_event_and_play_works_without_them(qtbot):
    scenario = scenario_named("open-an-app")
    heard = []
    window = MainWindow(Library([scenario]), settings=Settings(text_size_chosen=True, read_aloud=False),
                        listeners_for=lambda s: [heard.append])
    qtbot.addWidget(window)
    window.show()
    window.start(scenario.id)
    assert [type(e).__name__ for e in heard[:2]] == ["RunStarted", "StepShown"]


def test_learner_page_and_instructor_button_are_optional_slots(qtbot):
    from trainer.app.pages import PageWidget

    opened = []

    def instructor(look):
        opened.append(look)
        return PageWidget()

    window = MainWindow(Library(bundled()), settings=Settings(text_size_chosen=True, read_aloud=False),
                        learner_page=lambda look: PageWidget(), instructor_page=instructor)
    qtbot.addWidget(window)
    window.show()
    assert window.page_name == "learner"
    window._pages["learner"].done.emit()  # any page with the Page protocol: done, and the window goes on
    assert window.page_name == "home"
    assert window.nav.instructor.isVisible() and window.nav.learner.isVisible()
    click(window.nav.instructor)
    assert window.page_name == "instructor" and opened
    window._pages["instructor"].done.emit()
    assert window.page_name == "learner"


def test_library_cache_gives_the_same_catalogue_without_loading_the_engine(tmp_path):
    import subprocess
    import sys

    from trainer.app.library import Library, scenario_files
    from trainer.content import bundled_content_dir
    from trainer.scenarios.loader import find_scenario_files

    folder = bundled_content_dir()
    assert list(scenario_files([folder])) == list(find_scenario_files([folder]))
    cache = tmp_path / "cache.json"
    first = Library.load([folder], cache=cache)
    second = Library.load([folder], cache=cache)
    assert [(s.id, s.title.get("ja"), s.category, s.level, s.minutes) for s in first.scenarios] == [
        (s.id, s.title.get("ja"), s.category, s.level, s.minutes) for s in second.scenarios]
    assert second.categories() == first.categories()
    whole = second.find("scan-to-pay")
    assert whole is not None and whole.steps
    code = ("import sys; from pathlib import Path; from trainer.app.library import Library; "
            f"Library.load([{str(folder)!r}], cache=Path({str(cache)!r})); "
            "print('yaml' in sys.modules or 'trainer.scenarios' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "False", result.stderr


def test_a_changed_file_is_loaded_again(tmp_path):
    import shutil

    from trainer.app.library import Library
    from trainer.content import bundled_content_dir

    folder = tmp_path / "content"
    shutil.copytree(bundled_content_dir() / "smartphone", folder)
    cache = tmp_path / "cache.json"
    Library.load([folder], cache=cache)
    path = folder / "open-an-app.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("アプリを開いて、閉じてみよう", "アプリを開こう"),
                    encoding="utf-8")
    again = Library.load([folder], cache=cache)
    assert next(s for s in again.scenarios if s.id == "open-an-app").title.get("ja") == "アプリを開こう"


def test_a_damaged_cache_entry_is_loaded_again_and_the_collector_is_left_as_it_was(tmp_path):
    import gc
    import json
    import shutil

    from trainer.app.library import Library
    from trainer.content import bundled_content_dir

    folder = tmp_path / "content"
    shutil.copytree(bundled_content_dir() / "smartphone", folder)
    cache = tmp_path / "cache.json"
    first = Library.load([folder], cache=cache)
    raw = json.loads(cache.read_text(encoding="utf-8"))
    name = next(iter(raw["files"]))
    raw["files"][name]["info"]["title"] = "not a mapping"
    raw["files"][next(iter(list(raw["files"])[1:]))]["info"].pop("level")
    cache.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    assert gc.isenabled()
    again = Library.load([folder], cache=cache)
    assert gc.isenabled(), "the collector is paused only while loading"
    assert sorted((s.id, s.title.get("ja"), s.level) for s in again.scenarios) == sorted(
        (s.id, s.title.get("ja"), s.level) for s in first.scenarios)
    gc.disable()
    try:
        Library.load([folder], cache=cache)
        assert not gc.isenabled(), "a collector switched off by the caller stays off"
    finally:
        gc.enable()


def test_the_library_keeps_only_the_catalogue_facts_and_one_scenario_whole(tmp_path):
    import shutil

    from trainer.app.library import Library, ScenarioInfo
    from trainer.content import bundled_content_dir

    folder = tmp_path / "content"
    shutil.copytree(bundled_content_dir() / "smartphone", folder)
    library = Library.load([folder], cache=tmp_path / "cache.json")  # no cache yet: every file is loaded
    assert library.scenarios and all(isinstance(s, ScenarioInfo) for s in library.scenarios)
    first, second = library.scenarios[0].id, library.scenarios[1].id
    whole = library.find(first)
    assert whole is not None and whole.steps
    assert library.find(first) is whole, "started again: not loaded again"
    assert library.find(second).id == second
    assert all(isinstance(s, ScenarioInfo) for s in library.scenarios), "the list never fills up with whole scenarios"
    assert library.find(first) is not whole, "only the last one stays loaded"


def test_the_catalogue_walk_finds_the_same_files_in_the_same_order_as_the_engine(tmp_path):
    import shutil

    from trainer.app.library import _scan
    from trainer.content import bundled_content_dir
    from trainer.scenarios.loader import find_scenario_files

    folder = tmp_path / "content"
    shutil.copytree(bundled_content_dir(), folder)
    (folder / ".hidden").mkdir()
    (folder / ".hidden" / "secret.yaml").write_text("id: x\n", encoding="utf-8")
    (folder / "a-b.yaml").write_text("id: y\n", encoding="utf-8")  # '-' sorts before '/' as text, not by part
    (folder / "a").mkdir()
    (folder / "a" / "b.yml").write_text("id: z\n", encoding="utf-8")
    (folder / "notes.txt").write_text("not a scenario", encoding="utf-8")
    expected = [str(p.resolve()) for p in find_scenario_files([folder]) if p.name != "pack.yaml"]
    assert [name for name, _stat in _scan([folder])] == expected
