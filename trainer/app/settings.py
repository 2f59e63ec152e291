"""The learner's settings, kept in a small JSON file.

Text size, colours, furigana, read-aloud (voice, speed, volume), easy
words and language. The file lives in the user's configuration folder
(platformdirs); ``TRAINER_CONFIG_DIR`` points it elsewhere (tests use a
temporary folder). A missing or damaged file gives the defaults — a
settings file can never stop the app from starting.
"""

from __future__ import annotations

import json
import logging
import math
import os
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from trainer.widgets.look import TEXT_SCALES
from trainer.widgets.theme import THEMES

CONFIG_ENV = "TRAINER_CONFIG_DIR"


@dataclass(frozen=True)
class Settings:
    """What a learner chose. Nothing here identifies a person."""

    text_scale: int = 100
    """Text size in percent, one of ``TEXT_SCALES`` (100–300)."""
    theme: str = "standard"
    furigana: bool = False
    read_aloud: bool = True
    easy: bool = False
    """Show a scenario's easy-Japanese text (``easy:``) where there is one."""
    voice: str | None = None
    rate: float = 1.0
    """Speaking speed, 0.5–2.0."""
    volume: float = 1.0
    """Loudness, 0–1."""
    lang: str | None = None
    """"ja" or "en"; None follows the command line / the system."""
    text_size_chosen: bool = False
    """False until the first-start page was answered."""
    maximized: bool = True
    """Open the window maximized (False: a normal window that still fits the screen)."""
    switches: int = 0
    """Switch access: 0 off, 1 one switch (the app scans by itself), 2 two switches (move, choose)."""
    switch_keys: tuple[str, str] = ("Space", "Return")
    """The keys that are the switches (Qt key names): the first moves (or, alone, chooses), the second chooses."""
    scan_seconds: float = 2.0
    """One switch: how long each place stays highlighted, 0.5–10 s (the app's only timer, the learner's choice)."""

    def checked(self) -> Settings:
        """The same settings with every value brought into its range (a value that is not a
        finite number — ``1e400`` reads as infinity — takes its default)."""
        default = Settings()
        raw_scale = _finite(self.text_scale, default.text_scale)
        scale = min(TEXT_SCALES, key=lambda s: abs(s - raw_scale))
        return replace(
            self, text_scale=scale, theme=self.theme if self.theme in THEMES else "standard",
            rate=min(2.0, max(0.5, _finite(self.rate, default.rate))),
            volume=min(1.0, max(0.0, _finite(self.volume, default.volume))),
            lang=self.lang if self.lang in ("ja", "en") else None,
            switches=self.switches if type(self.switches) is int and self.switches in (0, 1, 2) else 0,
            switch_keys=_keys(self.switch_keys),
            scan_seconds=min(10.0, max(0.5, _finite(self.scan_seconds, default.scan_seconds))),
        )

    @property
    def scale(self) -> float:
        return self.text_scale / 100


def _finite(value: Any, default: float) -> float:
    """``value`` as a finite float (a bool or a non-number gives ``default``)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return float(default)
    number = float(value) if not isinstance(value, int) or abs(value) < 10**9 else float(default)
    return number if math.isfinite(number) else float(default)


def _keys(value: Any) -> tuple[str, str]:
    """Two different, non-empty key names (from a list read back from the file, too), else the defaults."""
    default = Settings.switch_keys
    if isinstance(value, list | tuple) and len(value) == 2 and all(isinstance(k, str) and k for k in value) \
            and value[0] != value[1]:
        return (value[0], value[1])
    return default


def config_dir() -> Path:
    """Where settings live: ``$TRAINER_CONFIG_DIR`` or the user's config folder."""
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override)
    from platformdirs import user_config_dir

    return Path(user_config_dir("trainer", appauthor=False))


class SettingsStore:
    """Loads and saves ``settings.json`` in ``folder``."""

    def __init__(self, folder: Path | str | None = None) -> None:
        self.folder = Path(folder) if folder is not None else config_dir()
        self.path = self.folder / "settings.json"

    def load(self) -> Settings:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):  # RecursionError: "[[[[…" 100,000 deep
            return Settings()
        if not isinstance(raw, dict):
            return Settings()
        known = {f.name for f in fields(Settings)}
        values: dict[str, Any] = {k: v for k, v in raw.items() if k in known}
        try:
            return Settings(**values).checked()
        except (TypeError, ValueError, OverflowError, RecursionError):
            return Settings()

    def save(self, settings: Settings) -> bool:
        """Write atomically (a crash mid-write leaves the old file). A folder that cannot be
        written (full, read-only) is not an error: the choice holds until the app closes."""
        temporary = self.path.with_suffix(".tmp")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            temporary.write_text(json.dumps(asdict(settings.checked()), ensure_ascii=False, indent=2),
                                 encoding="utf-8")
            temporary.replace(self.path)
        except OSError as exc:
            logging.getLogger(__name__).warning("settings not saved: %s", type(exc).__name__)
            try:
                temporary.unlink(missing_ok=True)
            except OSError:
                pass
            return False
        return True
