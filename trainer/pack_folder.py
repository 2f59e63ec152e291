"""Where installed scenario packs live (no scenario engine imported).

The app asks this at every start; with no pack installed — the usual case —
that answer is all it needs, so it must not import the YAML reader and the
scenario engine that ``trainer.authoring.packs`` needs to read a manifest.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKS_ENV = "TRAINER_PACKS_DIR"


def packs_dir() -> Path:
    """Where installed packs live: ``$TRAINER_PACKS_DIR``, else ``packs`` in the data folder
    (``$TRAINER_DATA_DIR``, or ``<TRAINER_CONFIG_DIR>/data`` when only that is set, as the
    app's record does), else ``user_data_dir("trainer")/packs``."""
    if os.environ.get(PACKS_ENV):
        return Path(os.environ[PACKS_ENV]).expanduser().absolute()
    if os.environ.get("TRAINER_DATA_DIR"):
        return Path(os.environ["TRAINER_DATA_DIR"]).expanduser().absolute() / "packs"
    if os.environ.get("TRAINER_CONFIG_DIR"):
        return Path(os.environ["TRAINER_CONFIG_DIR"]).expanduser().absolute() / "data" / "packs"
    from platformdirs import user_data_dir

    return Path(user_data_dir("trainer")) / "packs"


def nothing_installed(into: Path | None = None) -> bool:
    """True when the packs folder is missing or empty (then nothing needs reading or recovering)."""
    folder = into if into is not None else packs_dir()
    try:
        with os.scandir(folder) as entries:
            return next(entries, None) is None
    except OSError:  # no such folder, or not a folder: no pack is installed there
        return True
