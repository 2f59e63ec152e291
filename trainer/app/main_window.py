"""The main window: pages in one stack, and the navigation between them.

    first start (text size) → [learner choice] → home → list → player → finish
                                                  ↑______ settings (any time) ___|

Services are passed in, never fetched: the speech service (optional, a
``Speech``), a ``listeners_for(scenario)`` hook that gives run listeners (the
progress recorder plugs in here; without it play simply is not recorded), and
two optional page factories for the progress helper's learner picker and the
instructor area (each page a ``PageWidget``: its ``done`` signal says the
window goes on). The pages are the members of ``PageKind``; ``_OPENERS`` is the
one table of how each is shown again (after a new look, or on leaving the
settings). Every page is rebuilt when the look changes; the player keeps its run.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Protocol, cast

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from trainer.app.library import Library
from trainer.app.narrator import Narrator
from trainer.app.pages import NavBar, PageKind, PageWidget, fill
from trainer.app.settings import Settings, SettingsStore
from trainer.widgets.focus import focus_first, install_keeper, remember, restore
from trainer.widgets.lifetime import bound_qt_caches, give_back_free_memory, put_away
from trainer.widgets.look import Look, pick_family
from trainer.widgets.style import apply_look
from trainer.widgets.theme import theme_named

log = logging.getLogger(__name__)

if TYPE_CHECKING:  # the player and the other pages are imported when first shown (fast start)
    from trainer.app.finish import FinishPage
    from trainer.app.player import Listener, Player
    from trainer.app.progress_link import ProgressLink
    from trainer.app.speech_port import Speech
    from trainer.scenarios.model import Scenario, Step
    from trainer.scenarios.snapshot import Snapshot

PageFactory = Callable[[Look], PageWidget]


class Resume(Protocol):
    """Where each scenario was left: this PC's ``ResumeStore`` or the record's (``ProgressResume``)."""

    @property
    def learner_name(self) -> str | None: ...

    def mark(self, scenario_id: str) -> str | None: ...

    def get(self, scenario_id: str) -> Snapshot | None: ...

    def put(self, snapshot: Snapshot) -> None: ...

    def forget(self, scenario_id: str) -> None: ...


def look_for(settings: Settings, lang: str, family: str | None = None) -> Look:
    """The ``Look`` that ``settings`` ask for."""
    return Look(theme=theme_named(settings.theme), scale=settings.scale,
                family=pick_family() if family is None else family, lang=settings.lang or lang,
                furigana=settings.furigana, easy=settings.easy)


def _resume_store(store: SettingsStore | None) -> Resume:
    """This PC's resume points (not recording). Imported here, not at the top: a recorded start
    takes the record's, and the snapshot module is not needed before the first frame."""
    from trainer.app.resume import ResumeStore

    return ResumeStore(store.folder if store else None)


class MainWindow(QMainWindow):
    """The app's one window."""

    page_changed = Signal(str)
    """The page on show changed (its name: first-start, learner, home, list, player, finish, settings,
    instructor)."""

    def __init__(self, library: Library, *, settings_store: SettingsStore | None = None,
                 settings: Settings | None = None, lang: str = "ja", speech: Speech | None = None,
                 listeners_for: Callable[[Scenario], Iterable[Listener]] | None = None,
                 learner_page: PageFactory | None = None, instructor_page: PageFactory | None = None,
                 resume_store: Resume | None = None,
                 ask_quit: Callable[[QWidget, Look], bool] | None = None,
                 progress: ProgressLink | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.store = settings_store
        self.settings = (settings or (settings_store.load() if settings_store else Settings())).checked()
        self.default_lang = lang
        self.speech = speech
        self.listeners_for = listeners_for
        self.learner_factory = learner_page
        self.instructor_factory = instructor_page
        self.resume_store: Resume = resume_store or (progress.resume if progress is not None
                                                     else _resume_store(settings_store))
        self.suggest_mode: Callable[[str], str] | None = None
        self.fixed_mode: Callable[[], str | None] | None = None
        self.ask_quit = ask_quit
        install_keeper()
        bound_qt_caches()
        self.family = pick_family()
        self.look = look_for(self.settings, lang, self.family)
        self.narrator = Narrator(speech, enabled=self.settings.read_aloud, parent=self)
        self._apply_speech_settings()
        self.player: Player | None = None
        self.page_name: PageKind | str = ""
        self._category: str | None = None
        self._finish_step: Step | None = None
        self._finish_scenario: Scenario | None = None
        self._finish_summary: Any = None
        self._finish_watched = False
        self._choosing: str | None = None
        self._before_settings = PageKind.HOME
        self._learner_next = False
        self._pages: dict[PageKind, QWidget] = {}
        if progress is not None:  # recorded from the start: the learner choice is the first page
            self._take_progress(progress)
        self._build_frame()
        from trainer.app.switch_access import SwitchAccess

        self.switch = SwitchAccess(self)  # off unless the settings ask for one or two switches
        self.setWindowTitle(self.look.tr("app.title"))
        self._fit_screen()
        if not self.settings.text_size_chosen:
            self.show_first_start()
        elif self.learner_factory is not None:
            self.show_learner_choice()
        else:
            self.show_home()

    def _fit_screen(self) -> None:
        """A normal window's size, never larger than the screen's available area
        (``launch`` then maximizes it or applies ``--window``, see ``window_fit``)."""
        from trainer.app.window_fit import plan_window

        screen = self.screen() or QApplication.primaryScreen()
        if screen is None:
            self.resize(1280, 860)
            return
        area = screen.availableGeometry()
        plan = plan_window((area.x(), area.y(), area.width(), area.height()), maximized=False)
        self.resize(plan.width, plan.height)

    # -- frame --------------------------------------------------------------------
    def _build_frame(self) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):  # (always, in a window: the widgets need one)
            apply_look(app, self.look)
        central = QWidget()
        fill(central, self.look)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.nav = NavBar(self.look, instructor=self.instructor_factory is not None,
                          learner=self.learner_factory is not None)
        self.nav.home.clicked.connect(self.show_home)
        self.nav.settings.clicked.connect(self.show_settings)
        self.nav.instructor.clicked.connect(self.show_instructor)
        self.nav.learner.clicked.connect(self.show_learner_choice)
        layout.addWidget(self.nav)
        self.stack = QStackedWidget()
        layout.addWidget(self.stack, 1)
        old = self.takeCentralWidget()
        if old is not None:
            old.deleteLater()
        self.setCentralWidget(central)
        if self.isVisible():
            central.show()  # a new central widget would otherwise appear only on the next event loop pass

    def _show(self, name: PageKind, page: QWidget, *, title: Callable[[], str | None] | None = None,
              focus: Callable[[], QWidget | None] | None = None) -> None:
        """Show ``page`` as ``name``: the top bar takes ``title()`` (a question at large sizes), the
        focus goes to ``focus()`` (else the page's first named control)."""
        old = self._pages.get(name)
        if old is not None and old is not page:
            if old is self.player:
                self.stack.removeWidget(cast(QWidget, old))  # (kept: it comes back)
            else:
                put_away(old)  # (left in the stack until Qt deletes it: see put_away)
        self._pages[name] = page
        if self.stack.indexOf(page) < 0:
            self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)
        self.page_name = name
        self.nav.set_title(title() if title is not None else None)
        self.nav.for_page(name)
        target = focus() if focus is not None else None
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)
        elif page is not self.player:
            focus_first(page)  # a named control, never the unnamed page (the player focuses its step)
        else:
            from trainer.app.access import focus_step

            focus_step(page)
        self.page_changed.emit(str(name))

    def _forget(self, name: PageKind) -> None:
        old = self._pages.pop(name, None)
        if old is not None and old is not self.player:
            put_away(old)

    # -- pages --------------------------------------------------------------------
    def show_first_start(self) -> None:
        from trainer.app.settings_page import FirstStartPage

        page = FirstStartPage(self.look, self.settings.text_scale)
        page.previewed.connect(self._first_start_preview)
        page.chosen.connect(self._first_start_done)
        self._show(PageKind.FIRST_START, page)

    def _first_start_preview(self, scale: int) -> None:
        self.apply_settings(replace(self.settings, text_scale=scale))
        from trainer.app.settings_page import FirstStartPage

        page = self._pages.get(PageKind.FIRST_START)
        if isinstance(page, FirstStartPage):
            QApplication.processEvents()
            page.reveal_choice()

    def _first_start_done(self, scale: int) -> None:
        self.apply_settings(replace(self.settings, text_scale=scale, text_size_chosen=True))
        if self.learner_factory is not None:
            self.show_learner_choice()
        else:
            self.show_home()

    def show_learner_choice(self) -> None:
        self._learner_next = False
        self._forget(PageKind.LIST)  # another learner: their own 「続きから」
        if self.learner_factory is None:
            self.show_home()
            return
        self._close_player()
        from trainer.app.learner_picker import LearnerPicker

        page = self.learner_factory(self.look)
        page.done.connect(self.show_home)
        if isinstance(page, LearnerPicker):
            page.instructor_requested.connect(self.show_instructor)
        self._show(PageKind.LEARNER, page, title=page.title_to_bar,
                   focus=page.first_stop if isinstance(page, LearnerPicker) else None)

    def attach_progress(self, link: ProgressLink) -> None:
        """Record from now on through ``link`` (a ``ProgressLink``): learner choice first,
        the instructor area, 「続きから」 from the record. Called when the record is open;
        a learner who already started practising is not interrupted."""
        self._take_progress(link)
        page = PageKind.LEARNER if self.page_name == PageKind.HOME else self.page_name
        self._learner_next = page != PageKind.LEARNER  # someone busy practising says who they are on the way home
        self._rebuild(page, self.player)

    def _take_progress(self, link: ProgressLink) -> None:
        self.learner_factory = link.learner_page
        self.instructor_factory = link.instructor_page
        self.listeners_for = link.listeners_for
        self.suggest_mode = link.suggest_mode
        self.fixed_mode = link.fixed_mode
        self.resume_store = link.resume

    def show_instructor(self) -> None:
        if self.instructor_factory is None:
            return
        self._close_player()
        page = self.instructor_factory(self.look)
        page.done.connect(self.show_learner_choice)
        self._show(PageKind.INSTRUCTOR, page, title=page.title_to_bar)

    def show_home(self) -> None:
        if self._learner_next and self.learner_factory is not None:
            self.show_learner_choice()
            return
        self._close_player()
        # Not before the first frame: the first page is the learner choice.
        from trainer.app.home import HomePage

        page = HomePage(self.library, self.look, learner_name=self.resume_store.learner_name)
        page.category_chosen.connect(self.show_category)
        self._show(PageKind.HOME, page, focus=page.first_tile)
        self._quiet_moment()

    def _quiet_moment(self) -> None:
        """A page the learner reads (the finish, the home page): once it is shown, the C allocator's
        free memory goes back to the system (``give_back_free_memory``; at most every 30 s)."""
        QTimer.singleShot(0, self, self._give_back_memory)

    def _give_back_memory(self) -> None:
        if self.player is None:  # never while a step is on screen
            give_back_free_memory()

    def show_category(self, category: str, changed: tuple[str, ...] = ()) -> None:
        """The category's list; shown again as it was (``changed``: scenarios whose 「続きから」 may differ)."""
        from trainer.app.scenario_list import ScenarioListPage

        if self._learner_next and self.learner_factory is not None:
            self.show_learner_choice()
            return
        self._close_player()
        self._category = category
        page = self._pages.get(PageKind.LIST)
        if (isinstance(page, ScenarioListPage) and page.category == category and page.look == self.look
                and page.library is self.library):
            page.refresh(changed)  # not rebuilt on every return from the player or the settings
        else:
            page = ScenarioListPage(self.library, category, self.look,
                                    can_resume=lambda sid: self.resume_store.get(sid) is not None,
                                    mark=self.resume_store.mark)
            page.start_requested.connect(self._list_start)
            page.back_requested.connect(self.show_home)
        self._show(PageKind.LIST, page)

    def _list_start(self, scenario_id: str, resume: bool) -> None:
        """「はじめる」 opens the scenario's start page (how to practise); 「続きから」 goes on as begun."""
        if resume:
            self.start(scenario_id, True)
        else:
            self.choose_mode(scenario_id)

    def choose_mode(self, scenario_id: str) -> None:
        """The start of a scenario: 「やってみる」 or 「ひとりで」 (then the player)."""
        from trainer.app.mode_choice import ModeChoicePage

        scenario = self.library.find(scenario_id)
        if scenario is None:
            return
        self._close_player()
        self._category = scenario.category
        self._choosing = scenario_id
        fixed_mode = self.fixed_mode() if self.fixed_mode is not None else None
        # no record: the first time, as far as we know
        suggested = self.suggest_mode(scenario_id) if self.suggest_mode is not None else "watch"
        page = ModeChoicePage(scenario, self.look, suggested=suggested,
                              fixed=fixed_mode is not None and fixed_mode == suggested)
        page.chosen.connect(lambda mode: self.start(scenario_id, mode=mode))
        page.back_requested.connect(lambda: self.show_category(scenario.category))
        self._show(PageKind.MODES, page, focus=page.first_tile)
        self.narrator.say(*page.spoken())

    def start(self, scenario_id: str, resume: bool = False, snapshot: Snapshot | Mapping[str, Any] | None = None,
              mode: str = "try") -> Player | None:
        """Open the player on ``scenario_id`` in ``mode`` (from where it was left when ``resume``,
        or at ``snapshot``'s step, in the mode it was begun in)."""
        scenario = self.library.find(scenario_id)
        if scenario is None:
            return None
        self._close_player()
        self._category = scenario.category
        if snapshot is None:
            snapshot = self.resume_store.get(scenario_id) if resume else None
        self.resume_store.forget(scenario_id)
        from trainer.app.player import Player

        listeners = tuple(self.listeners_for(scenario)) if self.listeners_for else ()
        self._set_reader(scenario)
        player = Player(scenario, self.look, narrator=self.narrator, listeners=listeners, snapshot=snapshot,
                        ask_quit=self.ask_quit, mode=mode)
        player.finished.connect(self.show_finish)
        player.left.connect(self._player_left)
        self.player = player
        self._show(PageKind.PLAYER, player)
        return player

    def _set_reader(self, scenario: Scenario) -> None:
        if self.speech is None:
            return
        try:
            from trainer.widgets.labels import reader_for

            self.speech.set_reader(reader_for(scenario.readings))
        except Exception:  # readings are a nicety; a voice without them still speaks
            log.debug("no readings for the voice; it speaks without them", exc_info=True)

    def _player_left(self, snapshot: Snapshot) -> None:
        self.resume_store.put(snapshot)
        self.show_category(self._category or "cashless", changed=(snapshot.scenario_id,))

    def _close_player(self) -> None:
        if self.player is not None:
            self.narrator.stop()
            player, self.player = self.player, None
            self._pages.pop(PageKind.PLAYER, None)
            put_away(player, keep_own=True)  # its run and scenario may still be asked about

    def show_finish(self, step: Step, scenario: Scenario | None = None) -> None:
        scenario = scenario or (self.player.scenario if self.player is not None else None)
        if scenario is None:
            return
        self._finish_step = step
        self._finish_scenario = scenario
        player = self.player
        self._finish_summary = player.tally.summary() if player is not None and player.mode == "alone" else None
        self._finish_watched = player is not None and player.mode == "watch"
        page = self._finish_page()
        self._show(PageKind.FINISH, page)
        self._close_player()
        self.narrator.say(*page.spoken())
        self._quiet_moment()

    def show_settings(self) -> None:
        from trainer.app.settings_page import SettingsPage

        if self.page_name != PageKind.SETTINGS and isinstance(self.page_name, PageKind):
            self._before_settings = self.page_name
        voices = None
        if self.speech is not None:
            try:
                voices = list(self.speech.voices())
            except Exception:
                log.debug("the voices could not be listed", exc_info=True)
                voices = []
        page = SettingsPage(self.settings, self.look, voices)
        page.changed.connect(self.apply_settings)
        page.closed.connect(self.close_settings)
        page.voice_tried.connect(lambda: self.narrator.say(self.look.tr("settings.voice_sample")))
        self._show(PageKind.SETTINGS, page)

    def close_settings(self) -> None:
        """Back to the page the settings were opened from (home when it cannot be shown again)."""
        self._reopen(self._before_settings)

    def show_finish_again(self) -> None:
        self._show(PageKind.FINISH, self._finish_page())

    def _finish_page(self) -> FinishPage:
        from trainer.app.finish import FinishPage

        scenario, summary, watched = self._finish_scenario, self._finish_summary, self._finish_watched
        assert scenario is not None, "a finish page needs the scenario that was finished"
        assert self._finish_step is not None, "and the step it finished on"
        page = FinishPage(scenario, self._finish_step, self.look, summary=summary, watched=watched)
        mode = "alone" if summary is not None else "watch" if watched else "try"
        page.again_requested.connect(lambda: self.start(scenario.id, mode=mode))
        page.practise_requested.connect(lambda: self.start(scenario.id, mode="try"))
        page.others_requested.connect(lambda: self.show_category(scenario.category, changed=(scenario.id,)))
        return page

    # -- settings -----------------------------------------------------------------
    def apply_settings(self, settings: Settings) -> None:
        """Save ``settings`` and redraw every page with them, right away."""
        settings = settings.checked()
        switches_before = self.settings.switches
        self.settings = settings
        if self.store is not None:
            try:
                self.store.save(settings)
            except OSError:
                pass  # a read-only folder must not stop the lesson; the change still applies now
        self.narrator.set_enabled(settings.read_aloud)
        self._apply_speech_settings()
        new_look = look_for(settings, self.default_lang, self.family)
        if new_look == self.look:
            self.switch.configure(settings)
            if self.page_name == PageKind.SETTINGS and settings.switches != switches_before:
                mark = remember(self)  # the switch group shows the speed or the keys that now apply
                self.show_settings()
                restore(self, mark)
            return
        self.look = new_look
        self._rebuild(self.page_name, self.player)
        self.switch.configure(settings)

    def _rebuild(self, page: PageKind | str, player: Player | None) -> None:
        """Build the frame and every page again (new look, or new services), keeping ``player``."""
        mark = remember(self)  # the focus comes back to the same control in the new drawing
        self._pages.clear()
        for index in reversed(range(self.stack.count())):
            widget = self.stack.widget(index)
            if widget is player:
                self.stack.removeWidget(cast(QWidget, widget))  # into the new stack below
            elif widget is not None:
                put_away(widget)  # deleted with the old frame (see put_away: not taken out first)
        self._build_frame()
        self.setWindowTitle(self.look.tr("app.title"))
        if player is not None:
            # into the stack first: Qt's style sheet puts back the palette a widget had when it is
            # moved, so restyling before would leave the old theme's background behind the player
            self.stack.addWidget(player)
            player.restyle(self.look)
            self._pages[PageKind.PLAYER] = player
            self.player = player
        self._reopen(page)
        restore(self, mark)

    def _openers(self) -> dict[PageKind, Callable[[], bool]]:
        """The one table of how each page is shown again: False when it cannot be (home instead)."""

        def when(ready: object, show: Callable[[], object]) -> Callable[[], bool]:
            def open_it() -> bool:
                if not ready:
                    return False
                show()
                return True

            return open_it

        player, category, choosing = self.player, self._category, self._choosing
        return {
            PageKind.FIRST_START: when(True, self.show_first_start),
            PageKind.LEARNER: when(True, self.show_learner_choice),
            PageKind.HOME: when(True, self.show_home),
            PageKind.LIST: when(category, lambda: self.show_category(category or "")),
            PageKind.MODES: when(choosing, lambda: self.choose_mode(choosing or "")),
            PageKind.PLAYER: when(player is not None, lambda: self._show(PageKind.PLAYER, cast(QWidget, player))),
            PageKind.FINISH: when(self._finish_step is not None, self.show_finish_again),
            PageKind.SETTINGS: when(True, self.show_settings),
            PageKind.INSTRUCTOR: when(True, self.show_instructor),
        }

    def _reopen(self, page: PageKind | str) -> None:
        try:
            kind = PageKind(page)
        except ValueError:  # no page yet
            kind = PageKind.HOME
        if not self._openers()[kind]():
            self.show_home()

    def attach_speech(self, speech: Speech) -> None:
        """Use ``speech`` from now on (started after the first paint, so the window opens fast)."""
        self.speech = speech
        self.narrator.attach(speech)
        self._apply_speech_settings()
        if self.player is not None:
            self._set_reader(self.player.scenario)

    def _apply_speech_settings(self) -> None:
        speech = self.speech
        if speech is None:
            return
        settings = self.settings
        for apply in (lambda: speech.set_rate(settings.rate), lambda: speech.set_volume(settings.volume),
                      lambda: speech.set_voice(settings.voice)):
            try:
                apply()
            except (ValueError, RuntimeError):
                pass  # e.g. a voice that is gone: keep the default

    def closeEvent(self, event) -> None:
        if self.player is not None and not self.player.run.finished:
            self.resume_store.put(self.player.snapshot())
        self.narrator.stop()
        super().closeEvent(event)
