"""Shared by the content tests: the step text's font beside a machine at 1280×720 / 300 %."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont

from trainer import fonts

PX = 60
"""The step text's pixel size beside a device at 1280×720 / 300 % (about 62 px in the shots)."""


@pytest.fixture(scope="module")
def face(qapp) -> QFont:
    fonts.register()
    result = QFont(fonts.FAMILY)
    result.setPixelSize(PX)
    return result
