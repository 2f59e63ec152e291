"""Reports: the city's report (screen, CSV, PDF), one learner's progress, one practice's stumbles.

Every count is made on the area's worker thread; the page shows
「集計しています…」 meanwhile and stays usable.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from trainer.app.instructor.classes import parse_date
from trainer.app.instructor.common import (
    MIN_TARGET_PX,
    Item,
    Items,
    Jobs,
    LazyPages,
    Page,
    PageTabs,
    button,
    choices,
    field,
    form,
    label,
    set_choices,
    table,
    uuid_of,
)
from trainer.app.report_export import ScenarioNames, headline, kind_name, write_csv, write_pdf
from trainer.progress.classes import ClassBook, local_today
from trainer.progress.learners import LearnerDirectory
from trainer.progress.reports import CityReport, Reports, StumbleStep, city_report
from trainer.widgets.button import BigButton
from trainer.widgets.look import Look

SavePath = Callable[[QWidget, str, str], "str | None"]


def learner_items(directory: LearnerDirectory) -> Callable[[], Items]:
    """The work (for the area's worker thread) that lists the learners as choices, by name."""

    def work() -> Items:
        return Items([Item(learner.display_name, str(learner.id), learner.display_name)
                      for learner in directory.list_learners()])

    return work


def tabs_widget(name: str, look: Look) -> PageTabs:
    return PageTabs(name, look)


class CityReportPage(Page):
    """「市への報告」: a period (and a venue), the headline, the tables, CSV and PDF."""

    def __init__(
        self, reports: Reports, book: ClassBook, look: Look, jobs: Jobs, *, ask_save_path: SavePath,
        names: ScenarioNames | None = None, today: Callable[[], dt.date] = local_today,
        parent: QWidget | None = None, in_parts: bool = False,
    ) -> None:
        super().__init__(look, jobs, parent)
        self._reports = reports
        self._book = book
        self._ask_save_path = ask_save_path
        self._names = names or ScenarioNames()
        self._today = today
        self.report: CityReport | None = None
        self.make([self._build_choices, self._build_kinds, self._build_finished, self._build_helped, self._lay_out],
                  in_parts)

    def _build_choices(self) -> None:
        """The period, the venue, 「名前を入れる」 and the buttons."""
        t, look = self.tr, self.look
        today_value = self._today()
        self.from_edit = field(QLineEdit(today_value.replace(month=4, day=1).isoformat() if today_value.month >= 4
                                         else today_value.replace(year=today_value.year - 1, month=4, day=1).isoformat()),
                               t("reports.from"), look)
        self.to_edit = field(QLineEdit(today_value.isoformat()), t("reports.to"), look)
        self.venue_combo = field(QComboBox(), t("reports.venue"), look)
        self.venue_combo.addItem(t("reports.all_venues"), "")
        # The app's own check button (as in the settings): Qt's check box has a box a few pixels wide.
        self.names_check = BigButton(t("reports.names"), look, style="plain", indicator="check", align_left=True)
        self.names_check.setMinimumSize(MIN_TARGET_PX, MIN_TARGET_PX)
        self.show_button = button(t("reports.show"), look, style="primary")
        self.show_button.clicked.connect(self.count)
        self.csv_button = button(t("reports.save_csv"), look)
        self.csv_button.clicked.connect(lambda: self._save("csv"))
        self.pdf_button = button(t("reports.save_pdf"), look)
        self.pdf_button.clicked.connect(lambda: self._save("pdf"))
        self.headline = label(name="reportHeadline")
        self.headline.setFont(look.font("large", bold=True))
        self.details = label(name="reportDetails")
        self.message = label(name="reportMessage")

    def _build_kinds(self) -> None:
        t = self.tr
        self.kind_view, self.kind_model = table(
            [t("report.col.kind"), t("report.col.sessions"), t("report.col.attendances")], t("report.sessions"),
            self.look)

    def _build_finished(self) -> None:
        t = self.tr
        self.finished_view, self.finished_model = table(
            [t("report.col.scenario"), t("report.col.learners_finished"), t("report.col.finished_alone"),
             t("report.col.finished"), t("report.col.attempts")], t("report.finished"), self.look)

    def _build_helped(self) -> None:
        t = self.tr
        self.helped_view, self.helped_model = table(
            [t("report.col.scenario"), t("report.col.step"), t("report.col.helped")], t("report.helped"), self.look)

    def _lay_out(self) -> None:
        t = self.tr
        rows = form()
        rows.addRow(t("reports.from"), self.from_edit)
        rows.addRow(t("reports.to"), self.to_edit)
        rows.addRow(t("reports.venue"), self.venue_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(rows)
        layout.addWidget(self.names_check)
        layout.addWidget(self.show_button)
        layout.addWidget(self.headline)
        layout.addWidget(self.details)
        layout.addWidget(label(t("report.sessions")))
        layout.addWidget(self.kind_view)
        layout.addWidget(label(t("report.finished")))
        layout.addWidget(self.finished_view)
        layout.addWidget(label(t("report.helped")))
        layout.addWidget(self.helped_view)
        save_row = QHBoxLayout()
        save_row.addWidget(self.csv_button)
        save_row.addWidget(self.pdf_button)
        layout.addLayout(save_row)
        layout.addWidget(self.message)

    def reload(self) -> None:
        self.jobs.run(self._book.list_venues, self._show_venues)

    def _show_venues(self, venues: list[Any]) -> None:
        current = self.venue_combo.currentData()
        self.venue_combo.clear()
        self.venue_combo.addItem(self.tr("reports.all_venues"), "")
        for venue in venues:
            self.venue_combo.addItem(venue.name, venue.name)
        self.venue_combo.setCurrentIndex(max(0, self.venue_combo.findData(current)))

    def _period(self) -> tuple[dt.date, dt.date] | None:
        start, end = parse_date(self.from_edit.text()), parse_date(self.to_edit.text())
        if start is None or end is None or end < start:
            self.message.setText(self.tr("reports.bad_dates"))
            return None
        return start, end

    @Slot()
    def count(self, then: Callable[[CityReport], None] | None = None) -> None:
        period = self._period()
        if period is None:
            return
        venue = self.venue_combo.currentData() or None
        names = self.names_check.isChecked()
        engine = self._reports.engine
        self.message.setText(self.tr("reports.counting"))

        def done(report: CityReport) -> None:
            self._show(report)
            if callable(then):
                then(report)

        self.jobs.run(lambda: city_report(engine, *period, venue=venue, with_names=names), done,
                      lambda _e: self.message.setText(self.tr("ia.unreachable")))

    def _show(self, report: CityReport) -> None:
        self.report = report
        lang = self.look.lang
        self.message.clear()
        self.headline.setText(headline(report, lang))
        details = [self.tr("report.period", start=report.date_from.isoformat(), end=report.date_to.isoformat())]
        if report.venue is None:
            details.append(self.tr("report.outside", n=report.attempts_outside_class))
        self.details.setText("\n".join(details))
        self.kind_model.set_rows([[kind_name(k.kind, lang), k.sessions, k.attendances] for k in report.by_kind])
        self.finished_model.set_rows(
            [[self._names.title(s.scenario_id), s.learners_finished, s.learners_finished_in("alone"), s.finished,
              s.attempts] for s in report.scenarios]
        )
        names = self._names
        self.helped_model.set_rows(
            [[names.title(h.scenario_id), names.step(h.scenario_id, h.step_id), h.count] for h in report.helped_steps]
        )

    def _save(self, kind: str) -> None:
        # Count again with the period on screen, then ask where to save.
        self.count(then=lambda report: self._write(kind, report))

    def _write(self, kind: str, report: CityReport) -> None:
        name = f"report-{report.date_from.isoformat()}-{report.date_to.isoformat()}.{kind}"
        path = self._ask_save_path(self, name, kind)
        if not path:
            self.message.setText(self.tr("reports.cancelled"))
            return
        lang, names = self.look.lang, self._names
        # Qt may paint a PDF off the UI thread (QPdfWriter is not a widget), so both run as jobs.
        write = write_csv if kind == "csv" else write_pdf
        self.jobs.run(lambda: write(report, path, lang, names), self._saved, self._not_saved)

    def _saved(self, path: Any) -> None:
        self.message.setText(self.tr("reports.saved", path=str(path)))

    def _not_saved(self, _error: BaseException) -> None:
        self.message.setText(self.tr("reports.not_saved"))


class LearnerProgressPage(Page):
    """One learner's practices, outcomes and stumbling steps."""

    def __init__(self, directory: LearnerDirectory, reports: Reports, look: Look, jobs: Jobs, *,
                 names: ScenarioNames, parent: QWidget | None = None) -> None:
        super().__init__(look, jobs, parent)
        self._directory = directory
        self._reports = reports
        self._names = names
        self._title = names.title
        t = self.tr
        self.learner_combo = field(QComboBox(), t("progress.learner"), look)
        self._learner_choices = choices(self.learner_combo)
        self.learner_combo.currentIndexChanged.connect(lambda _i: self.show_learner())
        self.summary = label(name="progressSummary")
        self.table_view, self.table_model = table(
            [t("progress.col.scenario"), t("progress.col.attempts"), t("progress.col.finished"),
             t("progress.col.abandoned"), t("progress.col.outcome")],
            t("progress.table"),
            look,
        )
        self.stumble_view, self.stumble_model = table(
            [t("report.col.scenario"), t("report.col.step"), t("report.col.mistakes"), t("report.col.hints"),
             t("report.col.restarts"), t("report.col.abandons")],
            t("progress.stumbles"),
            look,
        )
        rows = form()
        rows.addRow(t("progress.learner"), self.learner_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(rows)
        layout.addWidget(self.summary)
        layout.addWidget(self.table_view, 1)
        layout.addWidget(label(t("progress.stumbles")))
        layout.addWidget(self.stumble_view, 1)

    def reload(self) -> None:
        self.jobs.run(learner_items(self._directory), self._show_learners,
                      lambda _e: self.summary.setText(self.tr("ia.unreachable")))

    def _show_learners(self, learners: Items) -> None:
        self.learner_combo.blockSignals(True)  # one report for the learner chosen afterwards, not two
        set_choices(self.learner_combo, learners, keep=self.learner_combo.currentData())
        self.learner_combo.blockSignals(False)
        self.show_learner()

    def choose(self, learner_id: uuid.UUID) -> None:
        self.learner_combo.setCurrentIndex(self._learner_choices.row_of(learner_id))

    def show_learner(self) -> None:
        learner_id = uuid_of(self.learner_combo.currentData())
        if learner_id is None:
            self.summary.setText(self.tr("progress.no_learners"))
            self.table_model.set_rows([])
            self.stumble_model.set_rows([])
            return
        self.jobs.run(lambda: self._reports.learner_report(learner_id), self._show,
                      lambda _e: self.summary.setText(self.tr("progress.unreadable")))

    def _show(self, report: Any) -> None:
        self.summary.setText(self.tr("progress.summary", name=report.display_name, n=len(report.scenarios),
                                     k=report.scenarios_finished))
        self.table_model.set_rows(
            [[self._title(s.scenario_id), s.attempts, s.finished, s.abandoned, s.last_outcome or self.tr("ia.none")]
             for s in report.scenarios]
        )
        self.stumble_model.set_rows([stumble_row(s, self._names, with_scenario=True) for s in report.stumbles])


def stumble_row(s: StumbleStep, names: ScenarioNames, *, with_scenario: bool) -> list[Any]:
    row: list[Any] = [names.step(s.scenario_id, s.step_id), s.mistakes, s.hints, s.restarts, s.abandons]
    return [names.title(s.scenario_id), *row] if with_scenario else row


class ScenarioStumblesPage(Page):
    """One practice: attempts, completion, stumbling steps, known mistakes."""

    def __init__(self, reports: Reports, look: Look, jobs: Jobs, *, names: ScenarioNames,
                 parent: QWidget | None = None) -> None:
        super().__init__(look, jobs, parent)
        self._reports = reports
        self._names = names
        self._title = names.title
        t = self.tr
        self.scenario_combo = field(QComboBox(), t("progress.scenario"), look)
        self.scenario_combo.currentIndexChanged.connect(lambda _i: self.show_scenario())
        self.summary = label(name="scenarioSummary")
        self.stumble_view, self.stumble_model = table(
            [t("report.col.step"), t("report.col.mistakes"), t("report.col.hints"), t("report.col.restarts"),
             t("report.col.abandons")],
            t("report.stumbles"),
            look,
        )
        self.mistake_view, self.mistake_model = table(
            [t("report.col.step"), t("report.col.mistake"), t("report.col.count")], t("report.mistakes"), look
        )
        rows = form()
        rows.addRow(t("progress.scenario"), self.scenario_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(rows)
        layout.addWidget(self.summary)
        layout.addWidget(label(t("report.stumbles")))
        layout.addWidget(self.stumble_view, 1)
        layout.addWidget(label(t("report.mistakes")))
        layout.addWidget(self.mistake_view, 1)

    def reload(self) -> None:
        self.jobs.run(self._reports.scenario_ids, self._show_ids,
                      lambda _e: self.summary.setText(self.tr("ia.unreachable")))

    def _show_ids(self, scenarios: list[str]) -> None:
        current = self.scenario_combo.currentData()
        self.scenario_combo.blockSignals(True)
        self.scenario_combo.clear()
        for sid in scenarios:
            self.scenario_combo.addItem(self._title(sid), sid)
        index = self.scenario_combo.findData(current)
        self.scenario_combo.setCurrentIndex(index if index >= 0 else (0 if scenarios else -1))
        self.scenario_combo.blockSignals(False)
        self.show_scenario()

    def show_scenario(self) -> None:
        sid = self.scenario_combo.currentData()
        if sid is None:
            self.summary.setText(self.tr("progress.no_records"))
            self.stumble_model.set_rows([])
            self.mistake_model.set_rows([])
            return
        self.jobs.run(lambda: self._reports.scenario_report(sid), self._show,
                      lambda _e: self.summary.setText(self.tr("progress.unreadable")))

    def _show(self, report: Any) -> None:
        by_mode = {m.mode: m.learners_finished for m in report.modes}
        self.summary.setText(
            self.tr("progress.scenario_summary", n=report.learners, a=report.attempts, f=report.finished,
                    rate=f"{report.completion_rate:.0%}")
            + "\n" + self.tr("progress.scenario_modes", t=by_mode.get("try", 0), a=by_mode.get("alone", 0))
        )
        names = self._names
        self.stumble_model.set_rows([stumble_row(s, names, with_scenario=False) for s in report.stumbles])
        self.mistake_model.set_rows(
            [[names.step(m.scenario_id, m.step_id), names.mistake(m.scenario_id, m.step_id, m.mistake_id), m.count]
             for m in report.known_mistakes]
        )


class ReportsPage(Page):
    """Three reports in one page: the city's, by learner, by practice (each built when first shown)."""

    def __init__(self, reports: Reports, book: ClassBook, directory: LearnerDirectory, look: Look, jobs: Jobs, *,
                 ask_save_path: SavePath, names: ScenarioNames, built: Callable[[QWidget], None] | None = None,
                 dress: Callable[[QWidget], None] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(look, jobs, parent)
        self.tabs = tabs_widget(self.tr("tab.reports"), look)
        self._lazy = LazyPages(self.tabs, {
            "city": (self.tr("reports.city"), lambda: CityReportPage(reports, book, look, jobs, in_parts=True,
                                                                     ask_save_path=ask_save_path, names=names)),
            "learner": (self.tr("reports.by_learner"),
                        lambda: LearnerProgressPage(directory, reports, look, jobs, names=names)),
            "scenario": (self.tr("reports.by_scenario"), lambda: ScenarioStumblesPage(reports, look, jobs, names=names)),
        }, may_load=lambda: self._loading, built=built, jobs=jobs, dress=dress)
        self._loading = False  # not before the area first loads this page
        self.tabs.currentChanged.connect(lambda _i: self._lazy.show_current() if self._loading else None)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    @property
    def city(self) -> CityReportPage:
        return self._lazy.page("city")

    @property
    def learner(self) -> LearnerProgressPage:
        return self._lazy.page("learner")

    @property
    def scenario(self) -> ScenarioStumblesPage:
        return self._lazy.page("scenario")

    def reload(self) -> None:
        self._loading = True
        self._lazy.reload()
