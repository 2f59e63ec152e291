"""Open every page of the real ``MainWindow`` and say what its main action is,
and measure what a person sees: how much of a widget is on screen without
scrolling, and whether two texts are drawn over each other.

Used by ``test_pages_keep_their_main_action.py`` and by the page screenshots
(``python -m tests.player.app_pages OUT``).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, QRect
from PySide6.QtGui import QRegion
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from trainer.app.library import Library
from trainer.app.main_window import MainWindow
from trainer.app.progress_link import ProgressLink
from trainer.app.quit_dialog import QuitDialog
from trainer.app.settings import Settings

NAMES = ["都城 花子", "高城 太郎", "山田 ヨシ子", "庄内 一郎", "ながいなまえの がくしゅうしゃさん", "佐藤 みどり",
         "鈴木 一", "田中 はな"]
CLASSES = ["月曜の教室", "高崎地区センター", "山之口 公民館"]
PAGES = ("first-start", "learner", "home", "list", "modes", "finish", "settings", "quit")


def settle() -> None:
    for _ in range(3):
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QApplication.processEvents()


def open_progress(folder: Path):
    from trainer.progress import open_progress as open_record

    record = open_record(data_dir_override=folder)
    groups = [record.learners.add_group(name) for name in CLASSES]
    for index, name in enumerate(NAMES):
        record.learners.add_learner(name, groups[index % len(groups)])
    return record


def make_window(library: Library, scale: int, theme: str, size: tuple[int, int], *,
                first_start: bool = False, lang: str | None = None) -> MainWindow:
    settings = Settings(text_scale=scale, theme=theme, read_aloud=False, text_size_chosen=not first_start,
                        lang=lang)
    window = MainWindow(library, settings=settings)
    window.resize(*size)
    window.show()
    settle()
    return window


def open_instructor_area(qtbot, progress, settings: Settings):
    """The real window (1280×860) showing the instructor area on ``progress``, its pages loaded:
    (window, area, link). Close ``link.seat`` at the end."""
    from trainer.app.instructor import InstructorArea

    window = MainWindow(Library([]), settings=settings)
    qtbot.addWidget(window)
    window.resize(1280, 860)
    window.show()
    link = ProgressLink(progress)
    window.attach_progress(link)
    window.show_instructor()
    area = window.findChild(InstructorArea)
    assert area is not None
    qtbot.waitExposed(area)
    qtbot.waitUntil(lambda: not area.jobs.busy)
    return window, area, link


def open_page(window: MainWindow, name: str, progress=None) -> tuple[QWidget, list[QWidget]]:
    """Show page ``name``; return (the widget to grab, its main actions)."""
    if name == "first-start":
        window.show_first_start()
        settle()
        page = window._pages["first-start"]
        return window, [page.go, page.options[window.settings.text_scale]]
    if name == "learner":
        window.attach_progress(ProgressLink(progress))
        window.show_learner_choice()
        settle()
        page = window._pages["learner"]
        until = time.monotonic() + 10
        while not page.loaded and time.monotonic() < until:  # the names are read on a worker thread
            settle()
        # The names arrived during that last pass: a tile whose name wraps asks for a taller row when
        # it gets its width, and the grid answers on the next pass. Measure the page as it then stays.
        settle()
        return window, [page.tiles[0], page.guest_button, page.instructor_button]
    if name == "home":
        window.show_home()
        settle()
        return window, [window._pages["home"].first_tile()]
    if name == "list":
        category = window.library.categories()[0]
        window.show_category(category)
        settle()
        page = window._pages["list"]
        return window, [next(iter(page.start_buttons.values()))]
    if name == "modes":
        window.choose_mode(window.library.scenarios[0].id)
        settle()
        page = window._pages["modes"]
        return window, [page.buttons["try"], page.buttons["alone"]]
    if name == "finish":
        scenario = next(s for s in window.library.scenarios if any(step.learned for step in s.steps))
        step = next(step for step in scenario.steps if step.is_finish and step.learned)
        window.show_finish(step, scenario)
        settle()
        page = window._pages["finish"]
        return window, [page.others, page.again]
    if name == "settings":
        window.show_settings()
        settle()
        page = window._pages["settings"]
        return window, [page.close_top]
    if name == "quit":
        dialog = QuitDialog(window.look, window)
        dialog.show()
        settle()
        return dialog, [dialog.stay, dialog.leave]
    raise ValueError(name)


def visible_fraction(widget: QWidget) -> float:
    """How much of ``widget`` can be seen without scrolling: its visible region, clipped by every
    ancestor's rectangle (a scroll area's viewport too) and by the window, over its whole area."""
    if not widget.isVisible() or widget.width() <= 0 or widget.height() <= 0:
        return 0.0
    window = widget.window()
    region = widget.visibleRegion().translated(widget.mapTo(window, QPoint(0, 0)))
    ancestor = widget.parentWidget()
    while ancestor is not None and ancestor is not window:
        region &= QRegion(QRect(ancestor.mapTo(window, QPoint(0, 0)), ancestor.size()))
        ancestor = ancestor.parentWidget()
    region &= QRegion(window.rect())
    seen = sum(r.width() * r.height() for r in region)
    return seen / (widget.width() * widget.height())


def _text_widgets(root: QWidget) -> list[QWidget]:
    from trainer.widgets.labels import TextBlock

    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() or widget.width() <= 0:
            continue
        if isinstance(widget, TextBlock | QAbstractButton | QLabel) or type(widget).__name__ == "RubyLabel":
            found.append(widget)
    return found


def overlapping_texts(root: QWidget) -> list[str]:
    """Pairs of texts whose visible parts are drawn over each other."""
    window = root.window()

    def seen(widget: QWidget) -> QRect:
        rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
        ancestor = widget.parentWidget()
        while ancestor is not None and ancestor is not window:
            rect &= QRect(ancestor.mapTo(window, QPoint(0, 0)), ancestor.size())
            ancestor = ancestor.parentWidget()
        return rect

    texts = [(w, seen(w)) for w in _text_widgets(root)]
    found = []
    for index, (one, one_rect) in enumerate(texts):
        for other, other_rect in texts[index + 1:]:
            if one.isAncestorOf(other) or other.isAncestorOf(one):
                continue
            both = one_rect & other_rect
            if both.width() > 1 and both.height() > 1:
                found.append(f"{_label(one)} and {_label(other)} overlap at {both.getRect()}")
    return found


def _label(widget: QWidget) -> str:
    text = getattr(widget, "text", None)
    return f"{type(widget).__name__}({text()!r})" if callable(text) else type(widget).__name__


def render_all(out: Path, cases: list[tuple[tuple[int, int], int, str]],
               library_factory: Callable[[], Library], progress) -> list[Path]:
    written = []
    for size, scale, theme in cases:
        for name in PAGES:
            window = make_window(library_factory(), scale, theme, size, first_start=name == "first-start")
            target, _ = open_page(window, name, progress)
            path = out / f"{name}-{size[0]}x{size[1]}-{scale}-{theme}.png"
            target.grab().save(str(path)) if target is not window else window.grab().save(str(path))
            if target is not window:
                target.close()
            window.close()
            window.deleteLater()
            settle()
            written.append(path)
    return written


if __name__ == "__main__":  # python -m tests.player.app_pages OUT [WxH:SCALE:THEME ...]
    import os
    import tempfile

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication([])
    import trainer.app  # noqa: F401
    from tests.player.conftest import bundled
    from trainer import fonts

    fonts.register()
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    specs = sys.argv[2:] or ["1280x720:100:standard", "1280x720:300:standard", "1280x720:100:high-contrast",
                             "1280x720:300:high-contrast", "1920x1080:150:standard"]
    cases = []
    for spec in specs:
        size, scale, theme = spec.split(":")
        w, h = size.split("x")
        cases.append(((int(w), int(h)), int(scale), theme))
    with tempfile.TemporaryDirectory() as folder:
        os.environ["TRAINER_CONFIG_DIR"] = folder
        record = open_progress(Path(folder) / "data")
        for path in render_all(out, cases, lambda: Library(bundled()), record):
            print(path)
        record.close()
