"""Connects the progress record to the main window: the learner choice,
recording each run, 「続きから」 from the record, and the instructor area.

The main window knows nothing about databases; it takes page factories, a
``listeners_for(scenario)`` hook and a resume source. This module builds
them from ``trainer.progress.open_progress()``'s parts (the progress
helper's ``LearnerPicker`` and ``InstructorArea`` widgets, its recorder).
Guests are not recorded; their 「続きから」 lives in memory only.

``open_in_background`` opens the record on a worker thread (SQLAlchemy and
the migrations take a moment) so the window appears at once. The link is
attached at once too, still *opening* (``ProgressLink(None)``): the learner
page is on screen right after the first frame, says the names are being
prepared, and its guest button works; when the record is ready
(:meth:`ProgressLink.ready`) the page asks it for the names, keeping what was
typed in its search box, and 「先生・サポーター用」 pressed meanwhile opens the
instructor area then. Practice started before that is not
lost: ``EarlyRuns`` keeps each such run's events, and when the learner then
says who they are (the learner choice comes next), their runs are handed to
the record as if it had been open all along — a run still going on goes on
being recorded; a guest's are dropped.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget
from shiboken6 import isValid

from trainer.app.early_runs import EarlyRuns
from trainer.app.pages import PageWidget, fill
from trainer.widgets.look import Look
from trainer.words.catalogue import tr

if TYPE_CHECKING:
    import uuid  # in annotations only (not imported before the first frame)

    from trainer.app.instructor import InstructorArea
    from trainer.app.learner_picker import LearnerPicker
    from trainer.scenarios.snapshot import Snapshot

log = logging.getLogger(__name__)

__all__ = ["EarlyRuns", "ProgressLink", "ProgressResume", "data_dir_override", "open_in_background"]

DATA_ENV = "TRAINER_DATA_DIR"
"""Where the embedded record lives, when not in the user's data folder."""

#: How often the record is asked again while the names come from this PC (ms).
RECHECK_MS = 10_000


def data_dir_override() -> Path | None:
    """``$TRAINER_DATA_DIR``, else ``<TRAINER_CONFIG_DIR>/data`` when that is set (tests), else None."""
    if os.environ.get(DATA_ENV):
        return Path(os.environ[DATA_ENV]).expanduser().absolute()
    from trainer.app.settings import CONFIG_ENV

    if os.environ.get(CONFIG_ENV):
        return Path(os.environ[CONFIG_ENV]) / "data"
    return None


class ProgressResume:
    """Resume points: from the record for a learner, from memory for a guest.

    Also what the learner's own pages show: their name (``learner_name``) and,
    per scenario, a mark (``mark(scenario_id)``: "finished", "in-progress" or
    None). Marks are read from the record in the background when a learner
    is chosen and kept current from the runs on this PC, so a page never waits.
    """

    def __init__(self, link: ProgressLink) -> None:
        self._link = link
        self._guest: dict[str, Snapshot] = {}
        self._marks: dict[str, tuple[bool, bool]] = {}  # scenario id -> (finished, in progress)
        self._marks_lock = threading.Lock()
        self._running: str | None = None  # the scenario being played on this PC

    @property
    def learner_name(self) -> str | None:
        """The chosen learner's display name (None for a guest, or not known yet)."""
        return self._link.learner_name

    def mark(self, scenario_id: str) -> str | None:
        """"in-progress" when there is a run to resume, else "finished" once finished, else None."""
        with self._marks_lock:
            finished, in_progress = self._marks.get(scenario_id, (False, False))
        if in_progress:
            return "in-progress"
        return "finished" if finished else None

    def load_marks(self, learner_id: uuid.UUID | None) -> None:
        with self._marks_lock:
            self._marks = {}
        if learner_id is None:
            return
        reports = self._link.progress.reports

        def work() -> None:
            try:
                marks = reports.scenario_marks(learner_id)
            except Exception:  # marks are a nicety; the lesson goes on without them
                log.warning("could not read the learner's marks", exc_info=True)
                return
            with self._marks_lock:
                if self._link.learner_id == learner_id:
                    for sid, mark in marks.items():
                        finished, in_progress = self._marks.get(sid, (False, False))
                        self._marks.setdefault(sid, (mark.finished or finished, mark.in_progress))

        threading.Thread(target=work, name="learner-marks", daemon=True).start()

    def note_event(self, event: Any) -> None:
        """Keep the marks current from this PC's runs (a run listener)."""
        from trainer.scenarios import events as ev

        if self._link.learner_id is None:
            return
        sid = event.scenario_id if isinstance(event, ev.RunStarted) else self._running
        with self._marks_lock:
            finished, _ = self._marks.get(sid, (False, False)) if sid else (False, False)
            if isinstance(event, ev.RunStarted):
                self._running = event.scenario_id
                self._marks[event.scenario_id] = (finished, True)
            elif isinstance(event, ev.RunFinished) and sid:
                self._marks[sid] = (True, False)

    def get(self, scenario_id: str) -> Snapshot | None:
        learner = self._link.learner_id
        if learner is None:
            return self._guest.get(scenario_id)
        try:
            return self._link.progress.recorder.resumable(learner, scenario_id)
        except Exception:  # a record that cannot be read must not stop the lesson
            log.warning("could not read where %s was left", scenario_id, exc_info=True)
            return None

    def put(self, snapshot: Snapshot) -> None:
        if self._link.learner_id is None:  # a learner's snapshot is already in the record
            self._guest[snapshot.scenario_id] = snapshot

    def forget(self, scenario_id: str) -> None:
        self._guest.pop(scenario_id, None)


class ProgressLink:
    """The progress record, seen from the main window."""

    def __init__(self, progress: Any | None, scenario_title: Callable[[str], str] | None = None,
                 early: EarlyRuns | None = None, library: Any | None = None, *,
                 seat_poll_s: float | None = None) -> None:
        self.progress: Any = progress
        """The open record; None while it is still opening (see :meth:`ready`)."""
        self.learner_id: uuid.UUID | None = None
        self.learner_name: str | None = None
        self.scenario_title = scenario_title
        self.library = library
        self.resume = ProgressResume(self)
        self.early = early
        """Runs practised before the record was open; recorded for the first learner chosen."""
        self._seat_poll_s = seat_poll_s
        self._names: _NamesSeen | None = None
        self.seat: Any = None
        self._pages: list[LearnerPicker | _WaitingPage] = []  # pickers and waiting pages made while the record was opening
        self._closed = False
        if progress is not None:
            self._open(progress)

    def _open(self, progress: Any) -> None:
        self.progress = progress
        self._names = _NamesSeen(getattr(progress, "learner_choices", None) or progress.learners)
        self.seat = self._open_seat(self._seat_poll_s)

    @property
    def opening(self) -> bool:
        """True while the record is still opening."""
        return self.progress is None

    def ready(self, progress: Any) -> None:
        """The record is open (on the UI thread): the pages made meanwhile ask it now."""
        if self._closed:  # the app quit while it was opening
            progress.close()
            return
        self._open(progress)
        pages, self._pages = self._pages, []
        for page in pages:
            if not isValid(page):
                continue
            if isinstance(page, _WaitingPage):
                page.record_ready()
            else:
                page.set_source(cast(_NamesSeen, self._names))  # set by _open just now

    @property
    def runs_waiting(self) -> bool:
        """True while runs practised before the record opened wait for the learner choice."""
        return self.early is not None and self.early.waiting > 0

    def _open_seat(self, poll_s: float | None) -> Any:
        """This PC's seat in the class on the shared record (see ``progress.classes``)."""
        engine = getattr(self.progress, "engine", None)
        recorder = getattr(self.progress, "recorder", None)
        if engine is None or recorder is None:
            return None
        from trainer.app.hand import HandChannel
        from trainer.progress.classes import SEAT_POLL_S, Seat

        seat = Seat(engine, poll_s=poll_s or SEAT_POLL_S, attempt_source=lambda: recorder.current_attempt)
        seat.on_helped = lambda helped: setattr(recorder, "helper_assisted", helped)
        recorder.session_source = seat.session_source()  # weakly: the seat stops with this link
        HandChannel.instance().attach(seat)
        return seat

    def failed(self) -> None:
        """The record could not be opened: the pages made meanwhile say so (guests still practise)."""
        pages, self._pages = self._pages, []
        for page in pages:
            if not isValid(page):
                continue
            if isinstance(page, _WaitingPage):
                page.message.set_text(tr("picker.unavailable", page.lang))
            else:
                page.set_source(_NoRecord())

    def choose(self, learner_id: uuid.UUID | None) -> None:
        """The learner picked themselves (None: a guest, not recorded)."""
        if self.progress is None:
            learner_id = None  # no names are offered before the record is open: a guest
        self.learner_id = learner_id
        self.learner_name = self._names.name_of(learner_id) if self._names is not None else None
        if self.seat is not None:
            self.seat.set_person(learner_id)
        from trainer.app.hand import HandChannel

        HandChannel.instance().reset()
        self.resume.load_marks(learner_id)  # first: it starts from no marks, and the early runs add theirs
        early, self.early = self.early, None
        if early is not None and learner_id is None:  # a guest's practice is not recorded
            early.hand_over(None)
        elif early is not None:  # recorded for this learner, and counted in their marks
            recorder, resume = self.progress.recorder, self.resume

            def listener_for() -> Callable[[Any], None]:
                record = recorder.listener(learner_id)

                def both(event: Any) -> None:
                    record(event)
                    resume.note_event(event)

                return both

            early.hand_over(listener_for)

    def learner_page(self, look: Look) -> LearnerPicker:
        from trainer.app.learner_picker import LearnerPicker

        # The record's names, or those last seen on this PC (remembered for the home); none yet while
        # the record opens (the picker gets them from ready()).
        picker = LearnerPicker(self._names, look=look)
        picker.learner_chosen.connect(self.choose)
        self._look = look
        if self.progress is None:
            self._pages.append(picker)
        self._show_notice(picker)

        watching: list[bool] = []

        def answered() -> None:  # only then is it known whether the names come from this PC
            self._show_notice(picker)
            source = self._names
            if getattr(source, "from_cache", False) and not watching:
                watching.append(True)
                self._watch_until_back(picker, source)

        picker.names_shown.connect(answered)
        if picker.loaded:  # a source asked on this thread has answered already
            answered()
        return picker

    def _show_notice(self, picker: QWidget) -> None:
        if self.progress is None:
            return
        look = getattr(self, "_look", None)
        english = look is not None and look.lang == "en"
        notice = getattr(self.progress, "notice_en", None) if english else self.progress.notice_ja
        notes = [notice if isinstance(notice, str) else self.progress.notice_ja]
        source = getattr(self.progress, "learner_choices", None)
        if source is not None and source.from_cache:
            notes.append(look.tr("picker.offline_names") if look is not None else tr("picker.offline_names"))
        if self.runs_waiting and look is not None:
            notes.append(look.tr("learner.keep_early"))  # practice before the record opened is kept
        text = "\n".join(n for n in notes if n)
        if hasattr(picker, "set_notice"):
            picker.set_notice(text)
        elif text and hasattr(picker, "message"):
            if hasattr(picker.message, "setTextFormat"):  # a QLabel; the app's TextBlock is always plain
                picker.message.setTextFormat(Qt.TextFormat.PlainText)
            picker.message.setText(text)
            picker.message.setVisible(True)

    def _watch_until_back(self, picker: LearnerPicker, source: Any) -> None:
        """While the names come from this PC, ask the record now and then (off the UI thread);
        when it answers again, the picker shows the record's names. A background check, not a
        timer on the learner: nothing changes under a learner's finger but the list itself."""
        from PySide6.QtCore import QTimer

        timer = QTimer(picker)
        timer.setInterval(RECHECK_MS)
        back = _Ready(picker)
        busy = threading.Event()

        answered = threading.Event()

        def probe() -> None:
            if busy.is_set() or answered.is_set():  # one check at a time; none once the record answered
                return
            busy.set()

            def work() -> None:
                try:
                    prepare = getattr(self.progress, "prepare_again", None)
                    if prepare is not None:  # a server down at start: its migrations first
                        try:
                            prepare()
                        except Exception:
                            log.warning("the record could not be prepared yet", exc_info=True)
                    if source.reachable():
                        answered.set()
                        back.opened.emit(True)
                finally:
                    busy.clear()

            threading.Thread(target=work, name="learners-recheck", daemon=True).start()

        def refresh(_: object) -> None:
            timer.stop()
            try:
                picker.refresh()  # its answer brings the notice up to date
            except RuntimeError:  # the page is gone
                return
            self.progress.recorder.retry_now(timeout=0)

        back.opened.connect(refresh, Qt.ConnectionType.QueuedConnection)
        timer.timeout.connect(probe)
        timer.start()
        self._recheck = timer

    def instructor_page(self, look: Look) -> InstructorArea | PageWidget:
        if self.progress is None:  # pressed while the record opens: the area opens when it is ready
            page = _WaitingPage(look)
            self._pages.append(page)
            return page
        from trainer.app.instructor import InstructorArea
        from trainer.app.report_export import ScenarioNames

        names = (ScenarioNames.from_library(self.library, look.lang) if self.library is not None
                 else ScenarioNames(title=self.scenario_title or (lambda sid: sid)))
        area = InstructorArea(self.progress.learners, self.progress.pin, self.progress.reports,
                              self.progress.recorder, scenario_title=self.scenario_title, look=look, names=names,
                              notice=lambda: self.progress.notice_en if look.lang == "en"
                              else self.progress.notice_ja)
        if self.seat is not None:
            area.session_changed.connect(self.seat.wake)
        return area

    def suggest_mode(self, scenario_id: str) -> str:
        """The way to offer first on the scenario's start page, from the chosen learner's record."""
        if self.progress is None:
            return "try"
        try:
            return self.progress.recorder.suggested_mode(self.learner_id, scenario_id)
        except Exception:  # a record that cannot be read must not stop the lesson
            log.warning("could not read how %s was played before", scenario_id, exc_info=True)
            return "try"

    def fixed_mode(self) -> str | None:
        """The way an instructor fixed for the chosen learner (None: none, or a guest)."""
        if self.learner_id is None or self.progress is None:
            return None
        try:
            return self.progress.recorder.store.default_mode(self.learner_id)
        except Exception:  # a record that cannot be read must not stop the lesson
            log.warning("could not read the learner's fixed way to practise", exc_info=True)
            return None

    def listeners_for(self, scenario: Any) -> list[Callable[[Any], None]]:
        if self.progress is None:  # kept for the learner who says who they are (a guest's go)
            kept = self.early.listeners_for(scenario) if self.early is not None else []
            return [*kept, self.resume.note_event]
        listeners: list[Callable[[Any], None]] = [self.progress.recorder.listener(self.learner_id)]
        if self.seat is not None:
            listeners.append(self.seat.listener())  # after the recorder's: it reads the attempt id
        listeners.append(self.resume.note_event)
        return listeners

    def install_quit_notice(self, window: QWidget, lang: str = "ja") -> None:
        """When ``window`` closes while records wait, tell the learner calmly where they are."""
        self._quit_notice = _QuitNotice(self, lang, window)
        window.installEventFilter(self._quit_notice)

    def close(self) -> None:
        self._closed = True
        if self.progress is None:
            return
        if self.seat is not None:
            from trainer.app.hand import HandChannel

            HandChannel.instance().attach(None)
            self.seat.close()
        try:
            self.progress.close()
        except Exception:
            log.warning("the progress record did not close cleanly", exc_info=True)


class _NamesSeen:
    """The learner directory as the picker sees it, remembering the names it listed.

    So the learner's home can greet the chosen learner by name at once,
    without asking the record again on the UI thread.
    """

    off_thread = True
    """The picker asks a record on a worker thread (a city's record takes a moment)."""

    def __init__(self, directory: Any) -> None:
        self._directory = directory
        self._names: dict[uuid.UUID, str] = {}
        self._lock = threading.Lock()

    def list_learners(self, group_id: uuid.UUID | None = None) -> list[Any]:
        return self._seen(self._directory.list_learners(group_id))

    def find_learners(self, group_id: uuid.UUID | None = None, text: str | None = None,
                      limit: int | None = None) -> list[Any]:
        find = getattr(self._directory, "find_learners", None)
        if find is None:  # a directory that lists everyone
            needle = (text or "").casefold()
            found = [x for x in self._directory.list_learners(group_id) if needle in x.display_name.casefold()]
            return self._seen(found if limit is None else found[:limit])
        return self._seen(find(group_id, text, limit))

    def _seen(self, learners: list[Any]) -> list[Any]:
        with self._lock:
            self._names.update({learner.id: learner.display_name for learner in learners})
        return learners

    def name_of(self, learner_id: uuid.UUID | None) -> str | None:
        with self._lock:
            return self._names.get(learner_id) if learner_id is not None else None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._directory, name)


class _NoRecord:
    """The picker's source when the record could not be opened: every question fails (a plain message)."""

    def list_groups(self) -> list[Any]:
        raise ConnectionError("the record could not be opened")

    def list_learners(self, group_id: uuid.UUID | None = None) -> list[Any]:
        raise ConnectionError("the record could not be opened")


def tell_before_quit(parent: QWidget | None, text: str) -> None:
    """Show ``text`` in a plain, modal message (tests replace this function)."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Information, "trainer", text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setAccessibleName(text)
    box.exec()


class _QuitNotice(QObject):
    def __init__(self, link: ProgressLink, lang: str, parent: QObject) -> None:
        super().__init__(parent)
        self.link = link
        self.lang = lang
        self.told: str | None = None

    def eventFilter(self, watched: QObject, event: Any) -> bool:
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.Close and self.told is None:
            # The window's language now (the learner may have chosen English in the settings).
            lang = getattr(getattr(watched, "look", None), "lang", None) or self.lang
            if self.link.progress is None:  # still opening: nothing was recorded yet
                return False
            try:
                text = self.link.progress.recorder.quit_message(lang)
            except Exception:  # telling must never stop the app from closing
                log.warning("quit notice not shown", exc_info=True)
                text = None
            if text:
                self.told = text
                tell_before_quit(watched if isinstance(watched, QWidget) else None, text)
        return False


class _WaitingPage(PageWidget):
    """「先生・サポーター用」 pressed while the record opens: says so, and opens the area when it is ready."""

    def __init__(self, look: Look) -> None:
        super().__init__()
        from trainer.widgets.button import BigButton
        from trainer.widgets.labels import TextBlock

        self.setObjectName("instructorWaiting")
        self.lang = look.lang
        fill(self, look)
        self.message = TextBlock(look.tr("ia.waiting"), look, colour="text", box="surface", border="border")
        self.back = BigButton(look.tr("ia.close"), look, style="secondary", role="body")
        self.back.clicked.connect(self.done)
        layout = QVBoxLayout(self)
        margin = look.space.xl
        layout.setContentsMargins(margin, margin, margin, margin)
        layout.addWidget(self.message)
        layout.addWidget(self.back, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

    def record_ready(self) -> None:
        window = self.window()
        if self.isVisible() and hasattr(window, "show_instructor"):  # still waiting: open the area now
            window.show_instructor()


class _Ready(QObject):
    opened = Signal(object)
    """The record is open (a ``Progress``), delivered on the UI thread."""
    failed = Signal()
    """The record could not be opened."""


def open_in_background(on_ready: Callable[[Any], None], parent: QObject | None = None,
                       on_failed: Callable[[], None] | None = None) -> threading.Thread:
    """Open the record on a worker thread; ``on_ready(progress)`` (or ``on_failed()``) runs on the UI thread."""
    ready = _Ready(parent)
    ready.opened.connect(on_ready, Qt.ConnectionType.QueuedConnection)
    if on_failed is not None:
        ready.failed.connect(on_failed, Qt.ConnectionType.QueuedConnection)

    def work() -> None:
        try:
            from trainer.progress import open_progress

            progress = open_progress(data_dir_override=data_dir_override())
        except Exception:
            log.error("the progress record could not be opened; practice is not recorded", exc_info=True)
            ready.failed.emit()
            return
        ready.opened.emit(progress)

    thread = threading.Thread(target=work, name="open-progress", daemon=True)
    thread.start()
    return thread
