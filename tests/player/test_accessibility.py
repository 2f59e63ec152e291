"""Accessibility from the first screen: contrast of every theme colour pair
(WCAG formula), the app's own pages at 100% and 300% (nothing clipped,
targets big enough, names equal to visible text), the keyboard path with
a visible focus, the universal-design font, and no timers on learners."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest

import trainer.app
import trainer.widgets
from tests.player.autoplay import settle
from tests.player.conftest import bundled
from tests.player.inspect_ui import problems
from trainer.app.library import Library
from trainer.app.main_window import MainWindow
from trainer.app.quit_dialog import QuitDialog
from trainer.app.settings import Settings
from trainer.widgets.button import BigButton
from trainer.widgets.look import PREFERRED_FAMILIES, pick_family
from trainer.widgets.theme import THEMES, UI_CONTRAST, contrast


def test_contrast_formula_matches_wcag_reference_values():
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast("#FFFFFF", "#FFFFFF") == pytest.approx(1.0)
    assert contrast("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)
    assert contrast("#595959", "#FFFFFF") == pytest.approx(7.0, abs=0.01)


@pytest.mark.parametrize("theme", list(THEMES.values()), ids=list(THEMES))
def test_every_text_colour_pair_reaches_the_themes_level(theme):
    assert theme.level >= (7.0 if theme.name == "high-contrast" else 4.5)
    low = [(name, round(contrast(fg, bg), 2)) for name, fg, bg in theme.text_pairs() if contrast(fg, bg) < theme.level]
    assert not low, low


@pytest.mark.parametrize("theme", list(THEMES.values()), ids=list(THEMES))
def test_focus_rings_highlights_and_borders_can_be_seen(theme):
    low = [(name, round(contrast(fg, bg), 2)) for name, fg, bg in theme.ui_pairs() if contrast(fg, bg) < UI_CONTRAST]
    assert not low, low


def test_high_contrast_theme_is_at_least_7_to_1():
    assert THEMES["high-contrast"].level == 7.0


def window_for(qtbot, scale: float, theme: str, size=(1280, 860), **settings) -> MainWindow:
    window = MainWindow(Library(bundled()), settings=Settings(text_scale=round(scale * 100), theme=theme,
                                                              read_aloud=False, **settings))
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    settle()
    return window


@pytest.mark.parametrize(("scale", "theme", "size"), [(1.0, "standard", (1280, 860)),
                                                      (3.0, "high-contrast", (1024, 700)),
                                                      (2.0, "standard", (1024, 700))],
                         ids=["100%", "300%-hc", "200%"])
def test_app_pages_fit_at_every_size(qtbot, scale, theme, size):
    window = window_for(qtbot, scale, theme, size)
    assert window.page_name == "first-start"
    found = [f"first-start: {p}" for p in problems(window, scale)]
    pages = (("home", window.show_home), ("list", lambda: window.show_category("cashless")),
             ("settings", window.show_settings))
    for name, show in pages:
        show()
        settle()
        found += [f"{name}: {p}" for p in problems(window, scale)]
    scenario = bundled()[0]
    window.show_finish(scenario.finishes[0], scenario)
    settle()
    found += [f"finish: {p}" for p in problems(window, scale)]
    dialog = QuitDialog(window.look, window)
    qtbot.addWidget(dialog)
    dialog.show()
    settle()
    found += [f"quit dialog: {p}" for p in problems(dialog, scale)]
    assert not found, "\n".join(found)


def test_home_tiles_work_with_arrow_keys_and_enter(qtbot):
    window = window_for(qtbot, 1.0, "standard", text_size_chosen=True)
    page = window._pages["home"]
    tiles = list(page.tiles.values())
    assert tiles[0].hasFocus()
    QTest.keyClick(tiles[0], Qt.Key.Key_Right)
    assert tiles[1].hasFocus()
    QTest.keyClick(tiles[1], Qt.Key.Key_Down)
    below = [t for t in tiles if t.hasFocus()][0]
    assert below.geometry().top() > tiles[1].geometry().top()
    QTest.keyClick(below, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.page_name == "list")


def test_the_player_works_from_the_keyboard_alone(qtbot):
    scenario = next(s for s in bundled() if s.id == "open-an-app")
    window = window_for(qtbot, 1.0, "standard", text_size_chosen=True)
    window.library = Library([scenario])
    player = window.start(scenario.id)
    settle()
    reached = []
    for _ in range(40):
        QTest.keyClick(QApplicationFocus.get(), Qt.Key.Key_Tab)
        reached.append(QApplicationFocus.get())
    names = {w.accessibleName() for w in reached}
    for control in (player.panel.next_button, player.controls.repeat, player.controls.hint,
                    player.controls.restart, player.controls.quit):
        assert control in reached, f"Tab never reaches {control.text()}"
    assert all(names), "every stop on the Tab path has a name"
    player.panel.next_button.setFocus()
    QTest.keyClick(player.panel.next_button, Qt.Key.Key_Space)
    settle()
    assert player.run.current.id != scenario.steps[0].id


class QApplicationFocus:
    @staticmethod
    def get():
        from PySide6.QtWidgets import QApplication

        return QApplication.focusWidget()


@pytest.mark.parametrize("theme", list(THEMES))
def test_focus_is_clearly_visible(qtbot, look, theme):
    from PySide6.QtWidgets import QHBoxLayout, QWidget

    from trainer.widgets.look import Look

    styled = Look(theme=THEMES[theme], family=look.family)
    holder = QWidget()
    row = QHBoxLayout(holder)
    other = BigButton("もう一度聞く", styled)
    button = BigButton("ヒント", styled)
    row.addWidget(other)
    row.addWidget(button)
    qtbot.addWidget(holder)
    holder.resize(500, 80)
    holder.show()
    other.setFocus()
    settle()
    assert not button.hasFocus()
    edge = QPoint(1, button.height() // 2)
    before = button.grab().toImage().pixelColor(edge)
    button.setFocus()
    settle()
    after = button.grab().toImage().pixelColor(edge)
    assert before != after
    assert after == QColor(THEMES[theme].focus)
    assert contrast(after.name(), THEMES[theme].window) >= UI_CONTRAST


def test_targets_are_at_least_44_px_at_100_percent(qtbot, look):
    assert look.target >= 44
    assert BigButton("x", look).minimumSizeHint().height() >= 44


def test_universal_design_font_is_preferred_and_missing_fonts_fall_back():
    assert PREFERRED_FAMILIES[0] == "BIZ UDGothic"
    assert pick_family(["Arial", "BIZ UDGothic"]) == "BIZ UDGothic"
    assert pick_family(["Noto Sans CJK JP"]) == "Noto Sans CJK JP"
    assert pick_family(["Arial"]) == ""


def test_biz_ud_gothic_is_used_on_every_machine(qapp):
    assert pick_family() == "BIZ UDGothic"  # shipped in the package (tests/player/test_bundled_font.py)


ALLOWED_TIMERS = {
    "trainer/widgets/elements/speaker.py": "the speaker's ring spins while it 'thinks' (device animation)",
    "trainer/widgets/hint_overlay.py": "the demonstration hand glides to its target (hint animation)",
    "trainer/app/watch.py": "watch mode's showing: the hand's way, keys typed one by one, a drag's moves (an "
                            "animation; moving on waits for 「次へ」, see test_watch_mode)",
    "trainer/app/narrator.py": "a new text waits for its window's paint, at most 100 ms (not a timer on the learner)",
    "trainer/app/first_frame.py": "speech, readings and the record start once the first frame is painted "
                                  "(zero delay; a fallback when the window is never painted)",
    "trainer/authoring/preview.py": "the authors' live preview waits for an editor to finish saving",
    "trainer/app/crash_guard.py": "the calm message is shown once the failing slot has returned (zero delay)",
    "trainer/app/instructor/board.py": "the helpers' board reads the record every second (never a learner's screen)",
    "trainer/app/switch_access.py": "one-switch scanning moves at the speed the learner chose — the only timer "
                                    "on learners, off unless they ask for it, waiting while the voice reads",
    "trainer/app/idle_lock.py": "the unlocked instructor area locks itself after idle minutes (instructors only)",
    "trainer/app/main_window.py": "free memory goes back to the system once a finish or home page has been "
                                  "shown (zero delay; nothing waits on the learner)",
    "trainer/app/progress_link.py": "while the record is unreachable, it is asked again now and then; the name "
                                    "list refreshes when it answers (nothing waits on the learner)",
    "trainer/app/screens_ahead.py": "the next step's screen is built in the idle passes after a step is painted "
                                    "(zero delay, a short pause while its readings are still being analysed; "
                                    "nothing waits on the learner)",
    "trainer/widgets/lifetime.py": "a deleted page's parts are emptied one pass after its deletion (zero delay; "
                                   "nothing waits on the learner)",
}


def test_no_timers_on_learners():
    """Nothing expires and nothing waits on the learner: the only timers are animations, and the
    one-switch scanning the learner chose (its speed is theirs; see test_switch_access)."""
    root = Path(trainer.app.__file__).resolve().parents[1]
    found = {}
    for package in (Path(trainer.app.__file__).parent, Path(trainer.widgets.__file__).parent,
                    Path(trainer.app.__file__).parents[1] / "authoring"):
        for path in package.rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            if re.search(r"QTimer|QVariantAnimation|QPropertyAnimation|singleShot|time\.sleep", text):
                found[str(path.relative_to(root.parent)).replace("\\", "/")] = True
    unexpected = sorted(set(found) - set(ALLOWED_TIMERS) - {"trainer/widgets/ruby_label.py"})
    assert not unexpected, unexpected


@pytest.mark.parametrize("theme", list(THEMES.values()), ids=list(THEMES))
def test_the_focus_ring_is_seen_against_every_fill_it_touches(theme):
    low = [(name, round(ratio, 2)) for name, ratio in theme.focus_ring_pairs() if ratio < UI_CONTRAST]
    assert not low, low
    assert ("placeholder", theme.placeholder, theme.input) in theme.text_pairs()


@pytest.mark.parametrize("theme", list(THEMES))
def test_the_ring_round_a_primary_button_has_an_inner_band_that_contrasts_with_its_fill(qtbot, look, theme):
    from trainer.widgets.button import focus_width
    from trainer.widgets.look import Look

    styled = Look(theme=THEMES[theme], family=look.family)
    button = BigButton("次へ", styled, style="primary")
    qtbot.addWidget(button)
    button.resize(240, 80)
    button.show()
    button.setFocus()
    settle()
    image = button.grab().toImage()
    ring = focus_width(styled)
    outer = image.pixelColor(1, button.height() // 2)
    inner = image.pixelColor(ring + 1, button.height() // 2)
    fill = image.pixelColor(button.width() // 2, ring + styled.px(4) + 3)
    assert outer == QColor(THEMES[theme].focus)
    assert inner == QColor(THEMES[theme].focus_inner)
    assert contrast(inner.name(), THEMES[theme].primary) >= UI_CONTRAST
    assert contrast(inner.name(), fill.name()) >= UI_CONTRAST, "the inner band against the drawn fill"


@pytest.mark.parametrize("theme", list(THEMES))
def test_placeholder_text_is_drawn_at_the_themes_text_contrast(qtbot, look, theme):
    """The speaker's field has only its placeholder as a label: it is text, so 4.5:1 (7:1)."""
    from PySide6.QtWidgets import QApplication, QLineEdit

    from trainer.widgets.look import Look
    from trainer.widgets.style import apply_look

    styled = Look(theme=THEMES[theme], family=look.family)
    apply_look(QApplication.instance(), styled)
    field = QLineEdit()
    field.setFont(styled.font("large"))
    field.setPlaceholderText("話しかける言葉")
    qtbot.addWidget(field)
    field.resize(400, 70)
    field.show()
    settle()
    image = field.grab().toImage()
    background = QColor(THEMES[theme].input)
    from collections import Counter

    inside = Counter(image.pixelColor(x, y).name() for x in range(14, 380) for y in range(14, 56))
    inside.pop(background.name(), None)
    drawn = inside.most_common(1)[0][0]  # the colour of the letters' strokes (edges are blended)
    apply_look(QApplication.instance(), Look(family=look.family))
    assert drawn.upper() == THEMES[theme].placeholder.upper()
    assert contrast(drawn, background.name()) >= THEMES[theme].level


def test_every_test_docs_accessibility_names_exists():
    """docs/accessibility.md proves each promise with a named test: those tests exist."""
    root = Path(__file__).resolve().parents[2]
    doc = (root / "docs" / "accessibility.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`(?:[\w/.]+::)?(test_\w+)`", doc))
    defined = {m for path in (root / "tests").rglob("test_*.py")
               for m in re.findall(r"^def (test_\w+)", path.read_text(encoding="utf-8"), flags=re.M)}
    assert len(named) > 15
    assert not named - defined, sorted(named - defined)
    for path in re.findall(r"`(tests/[\w/]+\.py)", doc):
        assert (root / path).exists(), path


@pytest.mark.parametrize("theme", list(THEMES))
def test_the_focus_ring_is_seen_in_every_mock_apps_colours(theme):
    """An app look brings its own fills (the shop's orange buttons): the ring stays 3:1 on them."""
    from trainer.widgets.app_looks import APP_COLOURS, app_theme

    low = {app: [(name, round(ratio, 2)) for name, ratio in app_theme(THEMES[theme], app).focus_ring_pairs()
                 if ratio < UI_CONTRAST] for app in APP_COLOURS}
    assert not {app: pairs for app, pairs in low.items() if pairs}
