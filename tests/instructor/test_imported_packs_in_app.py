"""`trainer pack import` now shows in the app: beside the bundled scenarios, named by their pack;
`trainer list` prints every scenario the app offers (id, title, source)."""

from __future__ import annotations

import pytest

from tests.instructor.test_packs import valid_zip, zip_of
from trainer.app.library import Library, imported_pack_folders
from trainer.authoring import packs
from trainer.cli import main
from trainer.content import bundled_content_dir


@pytest.fixture
def installed(tmp_path, monkeypatch):
    into = tmp_path / "packs"
    monkeypatch.setenv(packs.PACKS_ENV, str(into))
    monkeypatch.setenv("TRAINER_CONFIG_DIR", str(tmp_path / "config"))  # a private catalogue cache
    path = tmp_path / "town.zip"
    path.write_bytes(zip_of(valid_zip(tmp_path)))
    assert main(["pack", "import", str(path), "--lang", "ja"]) == 0
    return into


def test_the_app_loads_imported_packs_beside_the_bundled_scenarios(installed):
    from trainer.app.launch import imported_pack_folders as launch_folders

    folders = launch_folders()
    assert folders == [installed / "town-basics"]
    library = Library.load([bundled_content_dir(), *folders])
    ids = {s.id for s in library.scenarios}
    assert {"tiny", "second", "scan-to-pay"} <= ids and not library.problems
    tiny = next(s for s in library.scenarios if s.id == "tiny")
    assert library.source_of(tiny).get("ja") == "まちの練習"
    bundled = next(s for s in library.scenarios if s.id == "scan-to-pay")
    assert library.source_of(bundled) is None
    assert library.find("tiny") is not None  # it can be played


def test_the_category_list_names_the_pack(installed, qtbot):
    from trainer.app.scenario_list import ScenarioListPage
    from trainer.widgets.labels import TextBlock
    from trainer.widgets.look import Look

    library = Library.load([bundled_content_dir(), *imported_pack_folders()])
    page = ScenarioListPage(library, "smartphone", Look())
    qtbot.addWidget(page)
    assert "tiny" in page.start_buttons and "second" in page.start_buttons
    texts = [w.text() for w in page.findChildren(TextBlock)]
    assert sum("パック「まちの練習」" in t for t in texts) == 2  # on the two pack cards only


def test_trainer_list_prints_every_scenario_the_app_offers(installed, capsys):
    assert main(["list", "--lang", "ja"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    rows = [line.split("\t") for line in lines]
    assert all(len(r) == 3 for r in rows)
    by_id = {r[0]: r for r in rows}
    assert by_id["tiny"][1:] == ["ちいさな練習", "パック「まちの練習」(town-basics)"]
    assert by_id["scan-to-pay"][2] == "同梱"
    library = Library.load([bundled_content_dir(), *imported_pack_folders()])
    assert sorted(by_id) == sorted(s.id for s in library.scenarios)
