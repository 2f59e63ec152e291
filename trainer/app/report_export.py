"""The city's report as a CSV file (Excel keeps the Japanese) or an A4 large-print PDF.

``write_csv`` writes UTF-8 with a byte-order mark, which is what Excel needs
to open Japanese text without asking; sections follow one another, each
with a heading line and a header row. ``write_pdf`` draws with Qt alone
(``QPdfWriter`` + ``QPainter``): a headline in the shape the city publishes
(「講習会 36 コマ・相談会 6 コマ・延べ 518 人」), then each part of the report
as a bar chart with its numbers, and one chart per scenario category for
the learners who finished. No learner names appear unless the report was
made with names. Words come from the app's catalogue.
"""

from __future__ import annotations

import csv
import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from trainer.progress.models import SessionKind
from trainer.progress.reports import CityReport
from trainer.words.catalogue import STRINGS, tr

log = logging.getLogger(__name__)


@dataclass
class ScenarioNames:
    """How a report names scenarios, their steps and known mistakes, and groups them (ids when nothing is known).

    A step reads 「2. 「支払う」を押しましょう…」 (its number and the start of
    what it says), a known mistake the start of its explanation, so a
    coordinator need not know the authors' ids.
    """

    title: Callable[[str], str] = field(default=lambda sid: sid)
    category: Callable[[str], str | None] = field(default=lambda sid: None)
    step: Callable[[str, str], str] = field(default=lambda sid, step_id: step_id)
    mistake: Callable[[str, str, str], str] = field(default=lambda sid, step_id, mistake_id: mistake_id)

    @classmethod
    def from_library(cls, library: object, lang: str) -> ScenarioNames:
        items = {item.id: item for item in getattr(library, "scenarios", [])}
        loaded: dict[str, object] = {}
        width = 18 if lang == "ja" else 32  # characters: about one table cell's width either way

        def title(sid: str) -> str:
            item = items.get(sid)
            return item.title.get(lang) if item is not None else sid

        def category(sid: str) -> str | None:
            item = items.get(sid)
            return getattr(item, "category", None) if item is not None else None

        def step_of(sid: str, step_id: str) -> Any:  # a Step, or None
            if sid not in loaded:  # a listed scenario may be loaded on first use (library.find)
                try:
                    find = getattr(library, "find", None)
                    loaded[sid] = find(sid) if find is not None else items.get(sid)
                except Exception:  # a report stands with ids
                    log.debug("a scenario could not be loaded for the report; its ids stand", exc_info=True)
                    loaded[sid] = None
            return next((s for s in getattr(loaded[sid], "steps", ()) if s.id == step_id), None)

        def step(sid: str, step_id: str) -> str:
            found = step_of(sid, step_id)
            if found is None:
                return step_id
            return tr("report.step_label", lang, n=found.index + 1, say=_start(found.say.get(lang), width))

        def mistake(sid: str, step_id: str, mistake_id: str) -> str:
            found = step_of(sid, step_id)
            known = next((m for m in getattr(found, "mistakes", ()) if m.id == mistake_id), None)
            return _start(known.say.get(lang), width) if known is not None else mistake_id

        return cls(title, category, step, mistake)


def _start(text: str, length: int = 18) -> str:
    """The first ``length`` characters of ``text`` as plain text (readings dropped), "…" when cut."""
    from trainer.reading.ruby import plain

    flat = " ".join(plain(text).split())
    return flat if len(flat) <= length else flat[:length] + "…"


def kind_name(kind: SessionKind | str, lang: str) -> str:
    return tr(f"class.kind.{SessionKind(kind).value}", lang)


def headline(report: CityReport, lang: str) -> str:
    """「講習会 36 コマ・相談会 6 コマ・延べ 518 人」 (kinds without sessions left out)."""
    parts = [tr("report.headline_part", lang, kind=kind_name(k.kind, lang), n=k.sessions) for k in report.by_kind if k.sessions]
    if not parts:
        parts = [tr("report.headline_part", lang, kind=kind_name(SessionKind.COURSE, lang), n=0)]
    parts.append(tr("report.headline_total", lang, n=report.total_attendances))
    return tr("report.headline_sep", lang).join(parts)


@dataclass
class Section:
    """One part of the report: a heading, a table, and which column the bar chart shows."""

    title: str
    header: list[str]
    rows: list[list[object]]
    #: Index of the column drawn as bars (None: a table only).
    bar_column: int | None = None
    #: How many leading columns name a bar.
    label_columns: int = 1
    key: str = ""


def sections(report: CityReport, lang: str, names: ScenarioNames | None = None) -> list[Section]:
    names = names or ScenarioNames()
    t = lambda key, **kw: tr(key, lang, **kw)  # noqa: E731
    out = [
        Section(
            t("report.sessions"),
            [t("report.col.kind"), t("report.col.sessions"), t("report.col.attendances")],
            [[kind_name(k.kind, lang), k.sessions, k.attendances] for k in report.by_kind],
            bar_column=2,
        ),
        Section(
            t("report.by_venue"),
            [t("report.col.venue"), t("report.col.kind"), t("report.col.sessions"), t("report.col.attendances")],
            [[k.venue or "", kind_name(k.kind, lang), k.sessions, k.attendances] for k in report.by_venue],
            bar_column=3,
            label_columns=2,
        ),
        Section(
            t("report.session_list"),
            [t("report.col.date"), t("report.col.venue"), t("report.col.kind"), t("report.col.instructor"),
             t("report.col.attendances"), t("report.col.guests")],
            [[s.held_on.isoformat(), s.venue, kind_name(s.kind, lang), s.instructor_name, s.attendances, s.guests]
             for s in report.sessions],
        ),
        Section(
            t("report.finished"),
            [t("report.col.scenario"), t("report.col.learners_finished"), t("report.col.finished_alone"),
             t("report.col.finished"), t("report.col.attempts"), t("report.col.watched")],
            [[names.title(s.scenario_id), s.learners_finished, s.learners_finished_in("alone"), s.finished, s.attempts,
              s.learners_watched] for s in report.scenarios],
            bar_column=1,
            key="finished",
        ),
        Section(
            t("report.stumbles"),
            [t("report.col.scenario"), t("report.col.step"), t("report.col.mistakes"), t("report.col.known"),
             t("report.col.hints"), t("report.col.restarts"), t("report.col.abandons")],
            [[names.title(s.scenario_id), names.step(s.scenario_id, s.step_id), s.mistakes, s.known_mistakes, s.hints,
              s.restarts, s.abandons] for s in report.stumbles],
        ),
        Section(
            t("report.mistakes"),
            [t("report.col.scenario"), t("report.col.step"), t("report.col.mistake"), t("report.col.count")],
            [[names.title(m.scenario_id), names.step(m.scenario_id, m.step_id),
              names.mistake(m.scenario_id, m.step_id, m.mistake_id), m.count] for m in report.known_mistakes],
        ),
        Section(
            t("report.helped"),
            [t("report.col.scenario"), t("report.col.step"), t("report.col.helped")],
            [[names.title(h.scenario_id), names.step(h.scenario_id, h.step_id), h.count] for h in report.helped_steps],
        ),
    ]
    if report.learners is not None:
        out.append(
            Section(
                t("report.learners"),
                [t("report.col.name"), t("report.col.scenarios_finished")],
                [[n.display_name, n.scenarios_finished] for n in report.learners],
            )
        )
    return out


def intro_lines(report: CityReport, lang: str) -> list[str]:
    lines = [tr("report.period", lang, start=report.date_from.isoformat(), end=report.date_to.isoformat())]
    if report.venue:
        lines.append(tr("report.venue_only", lang, venue=report.venue))
    if report.venue is None:
        lines.append(tr("report.outside", lang, n=report.attempts_outside_class))
    if any(s.learners_watched for s in report.scenarios):
        lines.append(tr("report.watch_note", lang))  # what "finished" counts: practice, not watching
    return lines


def write_csv(report: CityReport, path: str | Path, lang: str = "ja", names: ScenarioNames | None = None) -> Path:
    """Write the report as CSV, UTF-8 with BOM (opens in Excel with Japanese intact)."""
    path = Path(path)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([tr("report.title", lang)])
        writer.writerow([headline(report, lang)])
        for line in intro_lines(report, lang):
            writer.writerow([line])
        for section in sections(report, lang, names):
            writer.writerow([])
            writer.writerow([section.title])
            writer.writerow(section.header)
            writer.writerows(section.rows)
    return path


# -- PDF ---------------------------------------------------------------------------------------

#: Body text size in points (large print), headings and the headline.
BODY_PT = 16
HEADING_PT = 20
HEADLINE_PT = 24
TITLE_PT = 28


def write_pdf(
    report: CityReport,
    path: str | Path,
    lang: str = "ja",
    names: ScenarioNames | None = None,
    *,
    theme: str = "standard",
) -> Path:
    """Draw the report on A4 pages with Qt: large print, a bar chart per part and per category."""
    from PySide6.QtCore import QMarginsF, QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen

    import trainer.widgets  # noqa: F401  (PySide6 reference-count guard, see trainer.widgets)
    from trainer.widgets.look import pick_family

    path = Path(path)
    names = names or ScenarioNames()
    writer = QPdfWriter(str(path))
    writer.setPageLayout(
        QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF(15, 15, 15, 15),
                    QPageLayout.Unit.Millimeter)
    )
    writer.setResolution(150)
    writer.setTitle(tr("report.title", lang))
    writer.setCreator("trainer")
    family = pick_family()
    painter = QPainter(writer)
    if not painter.isActive():
        raise OSError(f"cannot write {path}")
    dpi = writer.resolution()
    page = painter.viewport()
    width, height = page.width(), page.height()
    ink, muted, bar_colour, grid = QColor("#1a1a1a"), QColor("#555555"), QColor("#1f5fa8"), QColor("#bbbbbb")
    y = 0.0
    page_no = 1

    def font(points: int, bold: bool = False) -> QFont:
        f = QFont(family) if family else QFont()
        f.setPointSizeF(points)
        f.setBold(bold)
        return f

    def line_height(points: int) -> float:
        return points / 72 * dpi * 1.5

    def new_page() -> None:
        nonlocal y, page_no
        writer.newPage()
        page_no += 1
        y = 0.0

    def ensure(space: float) -> None:
        if y + space > height - line_height(BODY_PT):
            new_page()

    def text_line(text: str, points: int, *, bold: bool = False, colour: QColor = ink) -> None:
        nonlocal y
        painter.setFont(font(points, bold))
        painter.setPen(colour)
        rect = QRectF(0, y, width, height - y)
        bound = painter.boundingRect(rect, int(Qt.TextFlag.TextWordWrap), text)
        ensure(bound.height())
        rect = QRectF(0, y, width, bound.height())
        painter.drawText(rect, int(Qt.TextFlag.TextWordWrap), text)
        y += bound.height() + line_height(points) * 0.2

    def chart(title: str | None, labels: list[str], values: list[int]) -> None:
        """Horizontal bars: the label left, the bar, the number at its end (``title``: a caption)."""
        nonlocal y
        if not labels:
            return
        row_h = line_height(BODY_PT) * 1.1
        ensure(line_height(HEADING_PT) + row_h * min(len(labels), 3))
        if title:
            text_line(tr("report.chart", lang, title=title), BODY_PT, bold=True, colour=muted)
        label_w = width * 0.42
        number_w = width * 0.12
        bar_w = width - label_w - number_w
        top = max(values) if values else 0
        painter.setFont(font(BODY_PT))
        for label, value in zip(labels, values, strict=True):
            ensure(row_h)
            painter.setPen(ink)
            painter.drawText(QRectF(0, y, label_w - dpi * 0.05, row_h),
                             int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                             painter.fontMetrics().elidedText(label, Qt.TextElideMode.ElideMiddle,
                                                              int(label_w - dpi * 0.1)))
            length = bar_w * (value / top) if top else 0
            painter.fillRect(QRectF(label_w, y + row_h * 0.15, max(length, 1.0 if value else 0.0), row_h * 0.7),
                             bar_colour)
            painter.setPen(QPen(grid, max(1.0, dpi / 150)))
            painter.drawLine(int(label_w), int(y), int(label_w), int(y + row_h))
            painter.setPen(ink)
            painter.drawText(QRectF(label_w + length + dpi * 0.05, y, number_w + bar_w - length, row_h),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), str(value))
            y += row_h
        y += row_h * 0.4

    def table(header: list[str], rows: list[list[object]]) -> None:
        nonlocal y
        # Text columns get twice the room of number columns.
        numeric = [bool(rows) and all(isinstance(r[i], int) for r in rows) for i in range(len(header))]
        weights = [1.0 if n else 2.0 for n in numeric]
        unit = width / sum(weights)
        lefts = [sum(weights[:i]) * unit for i in range(len(weights))]
        widths = [w * unit for w in weights]
        gap = dpi * 0.05

        def row_height(texts: list[str], bold: bool) -> float:
            painter.setFont(font(BODY_PT, bold))
            heights = [
                painter.boundingRect(QRectF(0, 0, widths[i] - gap, height), int(Qt.TextFlag.TextWordWrap), text).height()
                for i, text in enumerate(texts)
            ]
            return max([*heights, painter.fontMetrics().height()]) + dpi * 0.04

        def draw_row(cells: list[object], bold: bool) -> None:
            nonlocal y
            texts = [str(c) for c in cells]
            row_h = row_height(texts, bold)
            ensure(row_h)
            painter.setFont(font(BODY_PT, bold))
            for i, text in enumerate(texts):
                align = Qt.AlignmentFlag.AlignRight if numeric[i] else Qt.AlignmentFlag.AlignLeft
                painter.drawText(QRectF(lefts[i], y, widths[i] - gap, row_h),
                                 int(align | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap), text)
            y += row_h
            painter.setPen(QPen(grid, max(1.0, dpi / 150)))
            painter.drawLine(0, int(y), int(width), int(y))
            painter.setPen(ink)

        header_texts = [str(h) for h in header]
        first = row_height([str(c) for c in rows[0]], False) if rows else 0.0
        ensure(row_height(header_texts, True) + first)  # never a header alone at the foot of a page
        draw_row(list(header), True)
        for row in rows:
            draw_row(row, False)
        y += line_height(BODY_PT) * 0.5

    try:
        text_line(tr("report.title", lang), TITLE_PT, bold=True)
        text_line(headline(report, lang), HEADLINE_PT, bold=True, colour=bar_colour)
        for line in intro_lines(report, lang):
            text_line(line, BODY_PT)
        text_line(tr("report.made", lang, date=dt.date.today().isoformat()), BODY_PT, colour=muted)
        y += line_height(BODY_PT) * 0.5
        for section in sections(report, lang, names):
            ensure(line_height(HEADING_PT) * 3)
            text_line(section.title, HEADING_PT, bold=True)
            if not section.rows:
                text_line(tr("report.none", lang), BODY_PT, colour=muted)
                continue
            by_category: dict[str, list[tuple[str, int]]] = {}
            if section.key == "finished":
                for item in report.scenarios:
                    category = names.category(item.scenario_id)
                    if category:
                        by_category.setdefault(category, []).append(
                            (names.title(item.scenario_id), item.learners_finished)
                        )
            if by_category:  # one chart per scenario category
                for category, items in sorted(by_category.items()):
                    key = f"cat.{category}"
                    chart(tr(key, lang) if key in STRINGS else category, [i[0] for i in items], [i[1] for i in items])
            elif section.bar_column is not None:
                labels = [" ".join(str(c) for c in row[: section.label_columns]) for row in section.rows]
                chart(None, labels, [int(cast(int, row[section.bar_column])) for row in section.rows])  # counts
            table(section.header, section.rows)
    finally:
        painter.end()
    return path
