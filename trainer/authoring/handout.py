"""A printable handout of one scenario: A4, large print, made with QPdfWriter.

Page 1: the title, the summary, what you will learn, and room for notes.
Then two steps a page: the step's screen as the player draws it (the
device widget rendered offscreen, as vectors) beside its instruction, the
choices of a branch, and ruled lines for notes. Ends show what was learned.
With ``furigana`` every kanji gets its reading (RubyLabel, the same widget
the player uses, with the scenario's ``readings:``).

Everything is laid out in 96-dpi pixels and scaled to the writer's
resolution, so the sizes below read as on screen: 24 px ≈ 18 pt.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPoint, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen
from PySide6.QtWidgets import QApplication, QWidget

import trainer.widgets  # noqa: F401  (the PySide6 reference-count guard, see trainer/widgets/pyside_refcount.py)
from trainer.reading.ruby import plain
from trainer.scenarios.model import Scenario, Step, Text
from trainer.scenarios.runner import label_of
from trainer.words.catalogue import STRINGS, tr

log = logging.getLogger(__name__)

PAGE_W, PAGE_H = 794.0, 1123.0
"""A4 at 96 dpi."""
MARGIN = 57.0
"""15 mm."""
CONTENT_W = PAGE_W - 2 * MARGIN
FOOTER_H = 34.0
BODY_PX = 24
"""Body text: 24 px ≈ 18 pt, large print."""
STEPS_PER_PAGE = 2
WIDE_DEVICES = ("kiosk", "card-reader", "browser")
PICTURE_W = 250.0
GUTTER = 26.0
LINE_GAP = 44.0
"""Ruled note lines, one every 44 px (≈ 11.6 mm: room for large handwriting)."""

_SAMPLE_KANA = "\u3042"
"""あ: a full-width sample to measure the height of one line (a glyph, not a word)."""


@dataclass(frozen=True)
class HandoutOptions:
    lang: str = "ja"
    furigana: bool = False
    family: str = ""


class _Pen:
    """Draws texts with RubyLabel (wrapping, kinsoku, furigana) onto the page."""

    def __init__(self, painter: QPainter, scenario: Scenario, options: HandoutOptions):
        from trainer.reading.engine import Reader
        from trainer.widgets.ruby_label import RubyLabel

        self.painter = painter
        self.options = options
        self.reader: Reader | None
        try:
            self.reader = Reader(scenario.readings)
        except Exception:  # no dictionary: plain text, no furigana
            log.debug("no readings dictionary: the handout has no furigana", exc_info=True)
            self.reader = None
        self.label = RubyLabel(reader=self.reader, furigana=options.furigana)
        self.label.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        self.label.setAutoFillBackground(False)
        self.label.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)

    def font(self, px: int, bold: bool = False) -> QFont:
        font = QFont(self.options.family) if self.options.family else QFont()
        font.setPixelSize(px)
        if bold:
            font.setWeight(QFont.Weight.Bold)
        return font

    def measure(self, text: str, width: float, px: int = BODY_PX, bold: bool = False) -> float:
        self._prepare(text, px, bold)
        return float(self.label.heightForWidth(int(width)))

    def text(self, text: str, x: float, y: float, width: float, px: int = BODY_PX, bold: bool = False,
             colour: str = "#000000") -> float:
        """Draw ``text`` wrapped to ``width`` at (x, y); return its height."""
        self._prepare(text, px, bold, colour)
        height = self.label.heightForWidth(int(width))
        self.label.resize(int(width), height)
        self.label.render(self.painter, QPoint(int(x), int(y)), renderFlags=QWidget.RenderFlag.DrawChildren)
        return float(height)

    def _prepare(self, text: str, px: int, bold: bool, colour: str = "#000000") -> None:
        self.label.setFont(self.font(px, bold))
        palette = self.label.palette()
        palette.setColor(palette.ColorRole.WindowText, QColor(colour))
        self.label.setPalette(palette)
        if self.label.text() != text or getattr(self.label, "_handout_raw", None) != text:
            self.label.setText(text)
            self.label._handout_raw = text  # type: ignore[attr-defined]


class Handout:
    """Lays out and paints one scenario's handout."""

    def __init__(self, scenario: Scenario, options: HandoutOptions):
        self.scenario = scenario
        self.options = options
        self.numbers = {step.id: n for n, step in enumerate(scenario.steps, 1)}

    def tr(self, key: str, **fields: object) -> str:
        """The handout's word ``key`` in its language."""
        return tr(key, self.options.lang, **fields)

    def _of(self, family: str, name: str, default: str) -> str:
        """``handout.<family>.<name>`` (an end, a device), or ``default`` when the catalogue has none."""
        key = f"handout.{family}.{name}"
        return self.tr(key) if key in STRINGS else default

    def t(self, text: Text | None) -> str:
        return text.get(self.options.lang) if text is not None else ""

    @property
    def wide(self) -> bool:
        """Wide devices (a kiosk, a browser) get a page a step, the picture on top."""
        return self.scenario.device in WIDE_DEVICES

    @property
    def per_page(self) -> int:
        return 1 if self.wide else STEPS_PER_PAGE

    @property
    def pages(self) -> int:
        return 1 + math.ceil(len(self.scenario.steps) / self.per_page)

    # -- painting ---------------------------------------------------------------

    def write(self, out: Path) -> int:
        """Write the PDF to ``out``; return the number of pages."""
        writer = QPdfWriter(str(out))
        writer.setTitle(self.t(self.scenario.title))
        writer.setCreator("trainer handout")
        writer.setResolution(300)
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                         QMarginsF(0, 0, 0, 0)))
        painter = QPainter(writer)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        scale = writer.resolution() / 96.0
        pen = _Pen(painter, self.scenario, self.options)
        steps = list(self.scenario.steps)
        total = self.pages
        for page in range(total):
            if page:
                writer.newPage()
            painter.save()
            painter.scale(scale, scale)
            if page == 0:
                self._cover(pen)
            else:
                chunk = steps[(page - 1) * self.per_page: page * self.per_page]
                slot_h = (PAGE_H - 2 * MARGIN - FOOTER_H) / len(chunk)
                for index, step in enumerate(chunk):
                    top = MARGIN + index * slot_h
                    if index:
                        painter.setPen(QPen(QColor("#888888"), 1.2, Qt.PenStyle.DashLine))
                        painter.drawLine(QPointF(MARGIN, top - 6), QPointF(PAGE_W - MARGIN, top - 6))
                    self._step(pen, step, QRectF(MARGIN, top + 8, CONTENT_W, slot_h - 26))
            self._footer(pen, page + 1, total)
            painter.restore()
        painter.end()
        return total

    def _footer(self, pen: _Pen, page: int, total: int) -> None:
        y = PAGE_H - MARGIN - FOOTER_H + 10
        painter = pen.painter
        painter.setPen(QPen(QColor("#555555"), 1))
        painter.drawLine(QPointF(MARGIN, y - 6), QPointF(PAGE_W - MARGIN, y - 6))
        painter.setFont(pen.font(16))
        painter.drawText(QRectF(MARGIN, y, CONTENT_W - 120, FOOTER_H), Qt.AlignmentFlag.AlignLeft,
                         plain(self.t(self.scenario.title)))
        painter.drawText(QRectF(PAGE_W - MARGIN - 120, y, 120, FOOTER_H), Qt.AlignmentFlag.AlignRight,
                         self.tr("handout.page", n=page, total=total))

    def _heading_bar(self, pen: _Pen, text: str, x: float, y: float, width: float, px: int = 26) -> float:
        painter = pen.painter
        height = pen.measure(text, width - 24, px, bold=True) + 12
        painter.fillRect(QRectF(x, y, width, height), QColor("#E8EEF6"))
        painter.fillRect(QRectF(x, y, 6, height), QColor("#1F4E8C"))
        pen.text(text, x + 16, y + 6, width - 24, px, bold=True, colour="#10243F")
        return height

    def _cover(self, pen: _Pen) -> None:
        s = self.scenario
        y = MARGIN
        y += pen.text(self.t(s.title), MARGIN, y, CONTENT_W, 38, bold=True, colour="#10243F") + 10
        meta = self.tr("handout.meta_separator").join((self.tr("handout.minutes", n=s.minutes),
                                                       self.tr("handout.level", n=s.level),
                                                       self._of("device", s.device, s.device)))
        y += pen.text(meta, MARGIN, y, CONTENT_W, 20, colour="#333333") + 18
        y += pen.text(self.t(s.summary), MARGIN, y, CONTENT_W, BODY_PX) + 26
        if s.goals:
            y += self._heading_bar(pen, self.tr("handout.goals"), MARGIN, y, CONTENT_W) + 12
            for goal in s.goals:
                y += self._bullet(pen, self.t(goal), MARGIN + 6, y, CONTENT_W - 6, BODY_PX) + 10
            y += 18
        bottom = PAGE_H - MARGIN - FOOTER_H
        if s.sources:
            lines = [self.tr("handout.sources") + ": " + "／".join(
                src.title + (f"（{src.publisher}）" if src.publisher else "") for src in s.sources)]
            height = pen.measure(lines[0], CONTENT_W, 16)
            pen.text(lines[0], MARGIN, bottom - height, CONTENT_W, 16, colour="#444444")
            bottom -= height + 16
        if bottom - y > 2 * LINE_GAP:
            y += self._heading_bar(pen, self.tr("handout.notes"), MARGIN, y, CONTENT_W) + 4
            self._ruled(pen, MARGIN, y, CONTENT_W, bottom)

    def _bullet(self, pen: _Pen, text: str, x: float, y: float, width: float, px: int) -> float:
        """A round bullet beside the first line of ``text``; returns the height."""
        indent = px * 1.3
        height = pen.text(text, x + indent, y, width - indent, px)
        first_line = pen.measure(_SAMPLE_KANA, width, px)
        # with furigana every line of the text keeps room above it: the first
        # line's characters sit that much lower than in plain text
        ruby_room = max(0.0, pen.measure(text, 10_000, px) - first_line)
        radius = px * 0.22
        centre = QPointF(x + radius + 2, y + ruby_room + first_line * 0.5)
        pen.painter.save()
        pen.painter.setPen(Qt.PenStyle.NoPen)
        pen.painter.setBrush(QColor("#1F4E8C"))
        pen.painter.drawEllipse(centre, radius, radius)
        pen.painter.restore()
        return height

    def _ruled(self, pen: _Pen, x: float, top: float, width: float, bottom: float) -> None:
        painter = pen.painter
        painter.setPen(QPen(QColor("#9AA5B1"), 1.0))
        y = top + LINE_GAP
        while y <= bottom:
            painter.drawLine(QPointF(x, y), QPointF(x + width, y))
            y += LINE_GAP

    def _step(self, pen: _Pen, step: Step, box: QRectF) -> None:
        number = self.numbers[step.id]
        title = self.tr("handout.step", n=number)
        if step.is_finish:
            title += "　" + self._of("end", step.finish or "success", self.tr("handout.end.success"))
        has_picture = bool(step.screen.elements or step.screen.title)
        y = box.top()
        if has_picture and self.wide:  # the picture on top, the text below it
            y += self._picture(pen, step, QRectF(box.left(), box.top(), box.width(), box.height() * 0.5)) + 20
            text_x, text_w = box.left(), box.width()
        else:
            text_x = box.left() + (PICTURE_W + GUTTER if has_picture else 0)
            text_w = box.right() - text_x
            if has_picture:
                self._picture(pen, step, QRectF(box.left(), box.top(), PICTURE_W, box.height()))
        y += self._heading_bar(pen, title, text_x, y, text_w, 24) + 12
        y += pen.text(self.t(step.say), text_x, y, text_w, BODY_PX) + 12
        if step.easy is not None and self.options.lang != "en":
            y += pen.text("（" + self.tr("handout.easy") + "）" + self.t(step.easy), text_x, y, text_w, 20, colour="#333333") + 10
        from trainer.widgets.watch_steps import handout_lines  # what the hand does in 「見てみる」

        for line in handout_lines(self.scenario, step, self.options.lang):
            y += pen.text(line, text_x, y, text_w, 20, colour="#10243F") + 8
        if step.choices:
            y += pen.text(self.tr("handout.choices"), text_x, y, text_w, 20, bold=True, colour="#10243F") + 6
            for choice in step.choices:
                y += pen.text(self._choice_line(step, choice), text_x + 12, y, text_w - 12, 20) + 6
        if step.learned:
            y += pen.text(self.tr("handout.learned"), text_x, y, text_w, 20, bold=True, colour="#10243F") + 6
            for item in step.learned:
                y += self._bullet(pen, self.t(item), text_x + 4, y, text_w - 4, 20) + 6
        if box.bottom() - y > LINE_GAP * 1.5:
            pen.painter.setPen(QPen(QColor("#555555"), 1))
            pen.painter.setFont(pen.font(18, bold=True))
            pen.painter.drawText(QRectF(text_x, y + 4, text_w, 26), Qt.AlignmentFlag.AlignLeft, self.tr("handout.notes"))
            self._ruled(pen, text_x, y + 4, text_w, box.bottom())

    def _choice_line(self, step: Step, choice) -> str:
        expect = choice.when[0]
        element = step.screen.ids().get(expect.target or "")
        label = label_of(step, expect.target) if expect.target else None
        if element is not None and element.type == "message" and element.id != expect.target:
            what = self.tr("handout.link")  # a link in a message: its address would say little
        else:
            what = f"「{self.t(label)}」" if label is not None else (expect.target or expect.kind)
        target = self.scenario.step(choice.next)
        if target.is_finish:
            where = self._of("to_end", target.finish or "success", self.tr("handout.to_end.success"))
            where += "（" + self.tr("handout.go", n=self.numbers[target.id])[2:] + "）"
        else:
            where = self.tr("handout.go", n=self.numbers[target.id])[2:]
        return f"・{what} → {where}"

    def _picture(self, pen: _Pen, step: Step, box: QRectF) -> float:
        """Draw the step's device, as large as fits ``box``; return its height."""
        device = _render_device(self.scenario, step, self.options)
        size = device.size()
        scale = min(box.width() / size.width(), box.height() / size.height())
        painter = pen.painter
        painter.save()
        painter.translate(box.left() + (box.width() - size.width() * scale) / 2, box.top())
        painter.scale(scale, scale)
        device.render(painter, QPoint(0, 0))
        painter.restore()
        device.deleteLater()
        return size.height() * scale


def _render_device(scenario: Scenario, step: Step, options: HandoutOptions) -> QWidget:
    """The player's device frame showing ``step``'s screen, laid out offscreen."""
    from trainer.widgets.base import ElementContext
    from trainer.widgets.devices import make_device
    from trainer.widgets.look import Look
    from trainer.widgets.screen_view import ScreenView

    look = Look(lang=options.lang, family=options.family, furigana=options.furigana)
    ctx = ElementContext(look, scenario.base_dir, scenario.readings)
    device = make_device(scenario.device, look)
    device.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    view = ScreenView(step.screen, ctx)
    device.show_screen(step.screen, view)
    hint = device.sizeHint()
    width = device.preferred_width()
    height = max(hint.height(), int(width * 1.8)) if scenario.device == "phone" else hint.height()
    device.resize(QSize(width, height))
    device.show()
    QApplication.processEvents()
    return device


def write_handout(scenario: Scenario, out: Path | str, *, lang: str = "ja", furigana: bool = False) -> int:
    """Write ``scenario``'s handout to ``out`` (a PDF); return the page count.
    A QApplication must exist (offscreen is fine)."""
    from trainer.widgets.look import pick_family

    options = HandoutOptions(lang=lang, furigana=furigana, family=pick_family())
    return Handout(scenario, options).write(Path(out))
