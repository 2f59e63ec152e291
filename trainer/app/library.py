"""The scenarios the app offers, grouped by category for the home screen.

Starting the app must be quick, and the home screen and the lists need only
a few facts per scenario (title, summary, category, level, minutes). So
``Library.load`` keeps those facts in a small cache file keyed by each
file's size and modification time: on a normal start it only looks at the
files' dates — it does not even import the scenario engine (YAML, loader,
runner) — and a scenario is loaded and fully checked when a learner opens
it. A changed, new or broken file is loaded at start as before (with the
cycle collector paused, so a large catalogue loads in time linear in its
size), broken files are reported then, and only its facts are kept: a
scenario is loaded whole only when a learner starts it, and only the one
being practised stays loaded. Any change to the engine's code (or the app's
version) makes the cache start over.
"""

from __future__ import annotations

import gc
import json
import logging
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import trainer
from trainer import __version__

if TYPE_CHECKING:
    from trainer.scenarios.model import Scenario, Text
    from trainer.scenarios.problems import Problem

log = logging.getLogger(__name__)

CATEGORY_ICONS = {"cashless": "wallet", "shopping": "cart", "government": "government", "speaker": "speaker",
                  "smartphone": "phone", "safety": "shield"}
CACHE_NAME = "catalogue-cache.json"


def cache_key() -> str:
    """The app's version and the engine's code dates: a cache from other code is ignored."""
    engine = Path(trainer.__file__).parent / "scenarios"
    try:
        newest = max(p.stat().st_mtime_ns for p in engine.glob("*.py"))
    except (OSError, ValueError):
        newest = 0
    return f"{__version__}/{newest}/2"


@dataclass(frozen=True)
class CachedText:
    """A title or summary from the cache; reads like the model's ``Text``."""

    values: Mapping[str, str]

    def get(self, lang: str = "ja") -> str:
        if lang in self.values:
            return self.values[lang]
        return self.values.get("ja") or next(iter(self.values.values()), "")


@dataclass(frozen=True)
class ScenarioInfo:
    """What the home screen and the lists show about a scenario (loaded on demand)."""

    id: str
    version: int
    title: CachedText | Text
    summary: CachedText | Text
    category: str
    level: int
    minutes: int
    device: str
    path: str

    @classmethod
    def of(cls, scenario: Scenario) -> ScenarioInfo:
        return cls(scenario.id, scenario.version, scenario.title, scenario.summary, scenario.category,
                   scenario.level, scenario.minutes, scenario.device, scenario.path)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "version": self.version, "title": dict(self.title.values),
                "summary": dict(self.summary.values), "category": self.category, "level": self.level,
                "minutes": self.minutes, "device": self.device}

    @classmethod
    def from_json(cls, raw: dict[str, Any], path: str) -> ScenarioInfo:
        # Made for every cached scenario at every start (2,300 in a city's catalogue): the frozen
        # dataclass's __init__ (one object.__setattr__ per field) was most of a cached start, so the
        # fields are set at once; the cache's dicts are fresh from json and wrapped, not copied.
        info = object.__new__(cls)
        title, summary = raw["title"], raw["summary"]
        if not (isinstance(title, dict) and isinstance(summary, dict)):
            raise TypeError("title and summary must be mappings")
        info.__dict__.update(id=str(raw["id"]), version=int(raw["version"]),
                             title=_cached_text(MappingProxyType(title)),
                             summary=_cached_text(MappingProxyType(summary)), category=str(raw["category"]),
                             level=int(raw["level"]), minutes=int(raw["minutes"]), device=str(raw["device"]),
                             path=path)
        return info


def _cached_text(values: Mapping[str, str]) -> CachedText:
    text = object.__new__(CachedText)
    text.__dict__["values"] = values
    return text


def cache_path() -> Path:
    from trainer.app.settings import CONFIG_ENV, config_dir

    if os.environ.get(CONFIG_ENV):
        return config_dir() / CACHE_NAME
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("trainer", appauthor=False)) / CACHE_NAME


@dataclass
class Library:
    """The scenarios on offer (broken files are left out and listed in ``problems``).

    ``scenarios`` holds loaded ``Scenario`` objects (tests, previews) and/or
    ``ScenarioInfo`` facts (the app); ``find`` always returns a loaded
    ``Scenario`` and keeps only the last one it loaded."""

    scenarios: list[Scenario | ScenarioInfo] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    category_ids: tuple[str, ...] = ()
    """The home screen's categories, in order (from the engine, or from the cache)."""
    _loaded: tuple[ScenarioInfo, Scenario] | None = field(default=None, repr=False, compare=False)
    """The last scenario ``find`` loaded (only one is kept whole)."""

    @classmethod
    def load(cls, paths: Iterable[Path | str], cache: Path | None = None) -> Library:
        """Every scenario under ``paths``; unchanged files come from the cache.

        The cycle collector is paused meanwhile (as in ``loader.collector_paused``): reading the
        cache makes tens of thousands of small objects that all live on, and the collector walked
        them again and again for nothing (at 2,300 cached scenarios, half of the time)."""
        collecting = gc.isenabled()
        gc.disable()
        try:
            return cls._load(paths, cache)
        finally:
            if collecting:
                gc.enable()

    @classmethod
    def _load(cls, paths: Iterable[Path | str], cache: Path | None) -> Library:
        cache = cache_path() if cache is None else cache
        key = cache_key()
        known, categories = _read_cache(cache, key)
        items: list[Scenario | ScenarioInfo] = []
        fresh: dict[str, Any] = {}
        to_load: list[Path] = []
        for name, stat in _scan(paths):  # one directory walk and one stat per file, no Path objects
            stamp = [stat.st_size, stat.st_mtime_ns]
            entry = known.get(name)
            if isinstance(entry, dict) and entry.get("stamp") == stamp:
                try:
                    items.append(ScenarioInfo.from_json(entry["info"], name))
                    fresh[name] = entry
                    continue
                except (KeyError, TypeError, ValueError):  # a damaged cache entry: load the file again
                    pass
            to_load.append(Path(name))
        problems: list[Problem] = []
        if to_load or not categories:
            from trainer.scenarios.loader import load_all
            from trainer.scenarios.model import CATEGORIES, Severity

            categories = CATEGORIES

            loaded, found = load_all(to_load) if to_load else ([], [])
            problems = [p for p in found if p.severity is Severity.ERROR]
            for scenario in loaded:
                # Only what the catalogue shows is kept (a scenario whole is ~100 KB in memory;
                # 2,300 of them were 231 MiB): the player loads it again, checked, when started.
                info = ScenarioInfo.of(scenario)
                items.append(info)
                stat = Path(scenario.path).stat()
                fresh[str(Path(scenario.path).resolve())] = {
                    "stamp": [stat.st_size, stat.st_mtime_ns], "info": info.to_json()}
            del loaded
        items = _unique(items)
        if fresh != known:
            _write_cache(cache, key, fresh, categories)
        return cls(items, problems, tuple(categories))

    def in_category(self, category: str) -> list[Scenario | ScenarioInfo]:
        """The category's scenarios: easiest first, then by title."""
        found = [s for s in self.scenarios if s.category == category]
        return sorted(found, key=lambda s: (s.level, s.title.get("ja")))

    def categories(self) -> tuple[str, ...]:
        if not self.category_ids:
            from trainer.scenarios.model import CATEGORIES

            self.category_ids = CATEGORIES
        return self.category_ids

    def source_of(self, item: Scenario | ScenarioInfo) -> CachedText | None:
        """The imported pack ``item`` comes from (its title), or None for a bundled or own folder."""
        return pack_title_for(str(item.path))

    def find(self, scenario_id: str) -> Scenario | None:
        """The scenario, loaded and checked (None if it is gone or no longer valid)."""
        for item in self.scenarios:
            if item.id != scenario_id:
                continue
            if not isinstance(item, ScenarioInfo):
                return item
            if self._loaded is not None and self._loaded[0] is item:
                return self._loaded[1]
            from trainer.scenarios.loader import check_file
            from trainer.scenarios.model import Severity

            scenario, problems = check_file(item.path)
            if scenario is None:
                self.problems.extend(p for p in problems if p.severity is Severity.ERROR)
                log.warning("scenario %s can no longer be loaded", scenario_id)
                return None
            self._loaded = (item, scenario)  # the one being practised (「もう一度」 starts it again at once)
            return scenario
        return None


# -- imported packs (``trainer pack import``): shown beside the bundled scenarios -------------

_PACK_TITLES: dict[str, CachedText] = {}


def imported_pack_folders(into: Path | None = None) -> list[Path]:
    """The folders of the installed packs, to load beside the bundled content.

    Each pack's title is remembered so the lists can name the pack a
    scenario comes from (:meth:`Library.source_of`). Reads only the small
    manifests; a pack whose manifest cannot be read is left out (and logged).
    With no pack installed (an empty or missing folder) the scenario engine
    that reads manifests is not even imported (it is ~150 ms of a start).
    """
    from trainer.pack_folder import nothing_installed

    if nothing_installed(into):
        return []
    from trainer.authoring.packs import installed_packs

    folders = []
    for pack in installed_packs(into):
        root = pack.root.resolve()
        _PACK_TITLES[str(root)] = CachedText(MappingProxyType(dict(pack.title.values)))
        folders.append(root)
    return folders


def pack_title_for(path: str) -> CachedText | None:
    """The title of the imported pack that holds ``path`` (None when it is not in one)."""
    if not _PACK_TITLES:
        return None
    resolved = Path(path).resolve()
    for root, title in _PACK_TITLES.items():
        if resolved.is_relative_to(root):
            return title
    return None


def scenario_files(paths: Iterable[Path | str]) -> Iterable[Path]:
    """The same files as ``trainer.scenarios.loader.find_scenario_files`` (sorted ``*.yaml`` /
    ``*.yml``, hidden folders skipped), without importing the engine."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                if found.suffix in (".yaml", ".yml") and found.name != "pack.yaml" and found.is_file() and not any(
                        part.startswith(".") for part in found.relative_to(path).parts):
                    yield found
        else:
            yield path


def _scan(paths: Iterable[Path | str]) -> list[tuple[str, os.stat_result]]:
    """(resolved path, stat) of each file ``scenario_files`` gives, in its order — without pathlib.

    At 2,300 files, ``Path.rglob``, sorting ``Path`` objects, ``relative_to``
    and ``resolve()`` (an ``lstat`` per folder of every file) took most of a
    cached start; this walks each folder once with ``os.scandir``."""
    found: list[tuple[str, os.stat_result]] = []
    for raw in paths:
        root = os.fspath(raw)
        if not os.path.isdir(root):
            try:
                found.append((os.path.realpath(root), os.stat(root)))
            except OSError:
                pass
            continue
        real_root = os.path.realpath(root)
        files: list[tuple[tuple[str, ...], str, os.stat_result]] = []
        _walk(real_root, (), files)
        files.sort(key=lambda f: f[0])  # the order of sorted(Path.rglob("*")): part by part
        found.extend((name, stat) for _parts, name, stat in files)
    return found


def _walk(folder: str, parts: tuple[str, ...], out: list[tuple[tuple[str, ...], str, os.stat_result]]) -> None:
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue  # hidden files and folders are skipped (a pack's pack.yaml manifest below)
        here = (*parts, os.path.normcase(entry.name))
        try:
            if entry.is_dir():
                _walk(entry.path, here, out)
            elif entry.name.endswith((".yaml", ".yml")) and entry.name != "pack.yaml" and entry.is_file():
                name = os.path.realpath(entry.path) if entry.is_symlink() else entry.path
                out.append((here, name, entry.stat()))
        except OSError:
            continue


def _unique(items: list[Scenario | ScenarioInfo]) -> list[Scenario | ScenarioInfo]:
    seen: set[str] = set()
    result = []
    for item in sorted(items, key=lambda i: str(i.path)):
        if item.id not in seen:
            seen.add(item.id)
            result.append(item)
    return result


def _read_cache(path: Path, key: str) -> tuple[dict[str, Any], tuple[str, ...]]:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}, ()
    if not isinstance(raw, dict) or raw.get("key") != key or not isinstance(raw.get("files"), dict):
        return {}, ()
    return raw["files"], tuple(str(c) for c in raw.get("categories") or ())


def _write_cache(path: Path, key: str, files: dict[str, Any], categories: Iterable[str]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps({"key": key, "categories": list(categories), "files": files},
                                        ensure_ascii=False), encoding="utf-8")
        temporary.replace(path)
    except OSError:
        pass  # a cache is only a shortcut
