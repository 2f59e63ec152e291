"""PySide6's per-import check ("does this module use PySide6?") asked directly, same answers."""

from __future__ import annotations

import sys
import types

import shibokensupport.feature as feature  # loaded with PySide6

import trainer.app  # noqa: F401  (installs the check)
from trainer.widgets import pyside_imports


def test_the_direct_check_is_installed_and_answers_as_pyside_does():
    check = feature._mod_uses_pyside
    assert pyside_imports.install()
    original = check.original
    import trainer.app.pages
    import trainer.i18n
    import trainer.scenarios.model

    for module in (trainer.app.pages, trainer.i18n, trainer.scenarios.model, pyside_imports):
        assert check(module) == original(module), module.__name__
    assert check(trainer.app.pages) is True
    assert check(trainer.scenarios.model) is False


def test_modules_without_a_source_file_go_to_pysides_own_check():
    check = feature._mod_uses_pyside
    bare = types.ModuleType("made_here")
    assert check(bare) == check.original(bare) is False
    assert check(sys) == check.original(sys)


def test_an_unreadable_file_goes_to_pysides_own_check(tmp_path):
    check = feature._mod_uses_pyside
    gone = types.ModuleType("gone")
    gone.__file__ = str(tmp_path / "gone.py")
    assert check(gone) == check.original(gone) is False


def test_a_scroll_areas_own_viewport_keeps_its_content_and_is_what_qt_shows(qtbot):
    from PySide6.QtWidgets import QLabel, QScrollArea

    area = QScrollArea()
    qtbot.addWidget(area)
    content = QLabel("content")
    area.setWidget(content)
    viewport = pyside_imports.viewport_of(area)
    assert area.viewport() is viewport and type(viewport).__name__ == "QWidget"
    assert area.widget() is content and content.parent() is viewport, "the content is kept, not deleted"
    assert content.text() == "content"
    assert pyside_imports.viewport_of(area) is viewport, "made once"
