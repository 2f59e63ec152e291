"""Shared test set-up: offscreen Qt, a private data folder, no real audio."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TRAINER_LANG", "ja")


@pytest.fixture(autouse=True)
def bundled_font(request):
    """Tests that draw use the app's own font (BIZ UD Gothic, shipped in the package), as the app
    does, so they pass the same with or without any font installed on the machine."""
    if {"qapp", "qtbot"} & set(request.fixturenames):
        request.getfixturevalue("qapp")
        from trainer import fonts

        fonts.register()
