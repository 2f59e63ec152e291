"""``trainer shots SCENARIO --out DIR`` — a picture of every step, offscreen.

For authors, handouts and reviews: each step of the scenario is drawn as
the learner sees it — the whole main window, 1280×720 unless ``--window
WxH`` says otherwise (instructions, the mock device, the controls, at every
text size) — and saved as ``NN-stepid.png``; finish steps show the finish
screen. ``--scale 1|2|3`` is the text size (100/200/300%), ``--theme`` the
colours, ``--hints`` adds one picture per hint level. SCENARIO is a file or
a scenario id.
Nothing is saved to the learner's settings.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from trainer.cli._messages import both_ways
from trainer.words.catalogue import tr

HELP = both_ways("cli.shots.help")


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("scenario", metavar="SCENARIO", help="scenario file, or scenario id")
    parser.add_argument("--out", required=True, metavar="DIR", help="folder for the PNG files")
    parser.add_argument("--scale", type=float, default=1.0, help="text size: 1, 1.5, 2, 3 ... (default 1)")
    parser.add_argument("--theme", default="standard", help="standard or high-contrast")
    parser.add_argument("--window", "--size", dest="size", default="1280x720", metavar="WxH",
                        help="the main window's size in pixels (default 1280x720)")
    parser.add_argument("--furigana", action="store_true", help="show furigana")
    parser.add_argument("--hints", action="store_true", help="also draw each hint level")
    parser.add_argument("--app-pages", action="store_true",
                        help="also draw the app's own pages (first start, home, list, settings)")


def _find(spec: str, folders: list[str]):
    from trainer.scenarios.loader import load, load_all

    path = Path(spec)
    if path.is_file():
        return load(path)
    scenarios, _ = load_all(folders)
    for scenario in scenarios:
        if scenario.id == spec:
            return scenario
    return None


def run(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from trainer.content import bundled_content_dir
    from trainer.scenarios.problems import ScenarioError
    from trainer.widgets.theme import THEMES

    lang = args.lang
    if args.theme not in THEMES:
        print(tr("cli.shots.theme", lang, theme=args.theme, themes=", ".join(THEMES)), file=sys.stderr)
        return 2
    try:
        width, height = (int(v) for v in args.size.lower().split("x"))
    except ValueError:
        print(f"--window: {args.size} (" + both_ways("cli.shots.example") + ")", file=sys.stderr)
        return 2
    folders = getattr(args, "content", None) or [bundled_content_dir()]
    try:
        scenario = _find(args.scenario, [str(f) for f in folders])
    except ScenarioError as error:
        for problem in error.problems:
            print(problem.format(lang), file=sys.stderr)
        return 1
    if scenario is None:
        print(tr("cli.shots.not_found", lang, scenario=args.scenario), file=sys.stderr)
        return 2
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    options = {"scale": args.scale, "theme": args.theme, "size": (width, height), "lang": lang,
               "furigana": args.furigana}
    for path in render_steps(scenario, out, hints=args.hints, **options):
        print(path)
    if args.app_pages:
        for path in render_app_pages(scenario, out, **options):
            print(path)
    return 0


def render_steps(scenario, out: Path, *, scale: float = 1.0, theme: str = "standard",
                 size: tuple[int, int] = (1280, 720), lang: str = "ja", furigana: bool = False,
                 hints: bool = False) -> list[Path]:
    """Draw every step of ``scenario`` into ``out``; return the files written."""
    from PySide6.QtWidgets import QApplication

    import trainer.app  # noqa: F401  (PySide6 reference-count fix)
    from trainer.app.library import Library
    from trainer.app.main_window import MainWindow
    from trainer.app.settings import Settings

    app = QApplication.instance() or QApplication([])
    settings = Settings(text_scale=round(scale * 100), theme=theme, furigana=furigana, text_size_chosen=True,
                        lang=lang, read_aloud=False)
    window = MainWindow(Library([scenario]), settings=settings, lang=lang)
    window.resize(*size)
    window.show()
    written: list[Path] = []
    for number, step in enumerate(scenario.steps, 1):
        name = f"{number:02d}-{step.id}"
        if step.is_finish:
            window.show_finish(step, scenario)
        else:
            window.start(scenario.id, snapshot={"scenario_id": scenario.id, "scenario_version": scenario.version,
                                                "step_id": step.id,
                                                "path": [s.id for s in scenario.steps[:number]]})
        app.processEvents()
        written.append(_save(window, out / f"{name}.png"))
        if hints and not step.is_finish and window.player is not None:
            for level in range(1, len(window.player.run.hints()) + 1):
                window.player.give_hint()
                window.player.overlay.finish_animation()
                app.processEvents()
                written.append(_save(window, out / f"{name}-hint{level}.png"))
    window.close()
    window.deleteLater()
    app.processEvents()
    return written


def render_app_pages(scenario, out: Path, *, scale: float = 1.0, theme: str = "standard",
                     size: tuple[int, int] = (1280, 720), lang: str = "ja", furigana: bool = False) -> list[Path]:
    """Draw the first-start, home, list and settings pages (with ``scenario`` in the list)."""
    from PySide6.QtWidgets import QApplication

    import trainer.app  # noqa: F401  (PySide6 reference-count fix)
    from trainer.app.library import Library
    from trainer.app.main_window import MainWindow
    from trainer.app.settings import Settings

    app = QApplication.instance() or QApplication([])
    settings = Settings(text_scale=round(scale * 100), theme=theme, furigana=furigana, lang=lang,
                        read_aloud=False)
    window = MainWindow(Library([scenario]), settings=settings, lang=lang)
    window.resize(*size)
    window.show()
    written: list[Path] = []
    for name, show in (("app-first-start", window.show_first_start), ("app-home", window.show_home),
                       ("app-list", lambda: window.show_category(scenario.category)),
                       ("app-settings", window.show_settings)):
        show()
        app.processEvents()
        written.append(_save(window, out / f"{name}.png"))
    window.close()
    window.deleteLater()
    app.processEvents()
    return written


def _save(window, path: Path) -> Path:
    window.grab().save(str(path))
    return path
