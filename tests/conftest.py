"""Shared test set-up: offscreen Qt, a private data folder, no real audio."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TRAINER_LANG", "ja")
