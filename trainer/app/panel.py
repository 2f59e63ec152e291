"""The instruction column and the control bar of the player.

The column shows, top to bottom, in a quiet rounded card that scrolls when
the text is long: the scenario's title and which step this is (small), a
calm message box (praise, the gentle explanation of a slip, a hint, a
notice), and the step's text in large type (with furigana when chosen).
Under the card, never scrolled away, 「次へ」 on steps that only explain.
The control bar holds 「もう一度聞く」「ヒント」「やり直す」「やめる」 — always
these, always in the same place: in one row along the bottom of the player
beside a landscape device when they fit there, else in rows under the column.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QVBoxLayout, QWidget

from trainer.app.reflow import FitScroll
from trainer.reading.ruby import plain
from trainer.widgets.button import BigButton
from trainer.widgets.flow import FlowLayout
from trainer.widgets.labels import TextBlock, make_text
from trainer.widgets.look import Look
from trainer.widgets.phrases import phrase_starts
from trainer.widgets.text_layout import LINE_HEIGHT, NO_LINE_END, NO_LINE_START, font_key, text_size

FEEDBACK_STYLES = {
    "praise": ("praise", "praise_text", "star"),
    "explain": ("explain", "explain_text", "leaf"),
    "hint": ("hint", "hint_text", "bulb"),
    "notice": ("notice", "notice_text", "info"),
}
"""Message kinds: fill, text colour and icon. Slips get a leaf, never a cross."""

LINE_CHARS = 10
"""Characters of step text a line the column holds at least (a line of 4–6 large characters breaks
almost every phrase: 「次は / ATMです。」): the step text is drawn at the largest size up to the chosen
one that gives this many, in steps of 25 %, never below ``LEAST_TEXT_SCALE``."""
LEAST_TEXT_SCALE = 1.5
"""The smallest scale ``LINE_CHARS`` may bring the step text down to (a 300 % learner's text beside a
machine at 1280×720 is drawn at 175 %, 49 px, where it was 84 px in lines of 6; a 200 % learner's
beside the ATM at 150 %)."""
LOOKS_KEPT = 64
"""Step texts whose size ``look_for`` keeps (a scenario's steps and their neighbours)."""
CARD_SIDE = 20
"""The card's side padding at 100 %, in pixels; it never grows past this."""
FEEDBACK_CHARS = 12
"""Characters a line the message box (praise, explanation, hint) holds at least beside its icon and
padding: it is drawn at the largest size up to the chosen one, in steps of 25 %, that gives them (at
1280×720 / 300 % it held 8.5 beside a machine), never below ``LEAST_TEXT_SCALE``."""


FEEDBACK_SCALES_KEPT = 64
"""Message-box scales kept per (look, line width) (``InstructionPanel._feedback_scale``)."""
_FEEDBACK_SCALES: dict[tuple[Look, int], float] = {}
"""The message box's scale per look and line width, shared by every panel: it depends on nothing else, and a
learner's every scenario has the same look and the same few column widths (a probe box measured once)."""


def longest_phrase(text: str, font: QFont) -> int:
    """The width of ``text``'s widest phrase (``phrases``; the whole text between spaces when it has
    no Japanese), unwrapped: a line narrower than this must break a phrase in two."""
    # kinsoku glues a phrase that may not begin a line (「・お届け先」) to the one before it
    starts = sorted(b for b in phrase_starts(text) if text[b] not in NO_LINE_START and text[b - 1] not in NO_LINE_END)
    cuts = [0, *starts, len(text)]
    key = font_key(font)
    widest = 0
    for a, b in zip(cuts, cuts[1:], strict=False):
        for piece in text[a:b].replace("\u2028", "\n").split("\n"):
            for word in (piece.split() if not starts else [piece.strip()]):
                if word:
                    widest = max(widest, text_size(font, word, key=key)[0])
    return widest


class _Card(QWidget):
    """A quiet rounded card behind the instructions, as tall as what it holds."""

    def __init__(self, look: Look) -> None:
        super().__init__()
        self.look = look

    def paintEvent(self, event) -> None:
        look = self.look
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width = max(1, look.line.thin)
        rect = self.card_rect().adjusted(width, width, -width, -width)
        path = QPainterPath()
        path.addRoundedRect(rect, look.space.wide, look.space.wide)
        painter.fillPath(path, look.colour("surface"))
        painter.setPen(QPen(look.colour("border"), width))
        painter.drawPath(path)
        painter.end()

    def card_rect(self) -> QRectF:
        """The painted card: the whole width, down to under the last visible line."""
        layout = self.layout()
        bottom = max((w.geometry().bottom() for w in self.findChildren(QWidget) if w.isVisible()
                      and w.parentWidget() is self), default=0) + 1
        if layout is not None:
            bottom += layout.contentsMargins().bottom()
        rect = QRectF(self.rect())
        rect.setBottom(min(rect.bottom(), bottom))
        return rect


class InstructionPanel(QWidget):
    """What to do now, and what the app has to say about the last action."""

    def __init__(self, look: Look, title: str = "", action_look: Look | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.look = look
        self.setAutoFillBackground(False)
        self.card = _Card(look)
        self.layout_ = QVBoxLayout(self.card)
        # at big sizes every pixel of the line is a character's worth: the card's sides stay at 20 px
        pad = min(look.px(CARD_SIDE), CARD_SIDE)
        self.layout_.setContentsMargins(pad, min(look.space.wide, 24), pad, pad)
        self.layout_.setSpacing(min(look.space.gap, 24))
        self.feedback = self._make_feedback(look)
        self.feedback.hide()
        self.feedback_kind: str | None = None
        # the title and the step number say where one is; the step's own text is what matters,
        # so at big sizes they stay a little smaller and leave it the room
        quiet = look.with_(scale=min(look.scale, 1.25))
        self.title = TextBlock(title, quiet, role="body", colour="surface_text", bold=True)
        self.counter = TextBlock("", quiet, role="small", colour="muted", bold=True)
        self.text_look = look
        """The look the step text is drawn in: the learner's, or smaller where the column is narrow
        (``fit_line``) or the text would break a phrase or scroll (``look_for``)."""
        self.line_look = look
        """The largest look whose line holds ``LINE_CHARS`` in the column (``fit_line``)."""
        self._line = 0
        self._fitted: tuple[int, int] | None = None
        self._looks: dict[tuple[str, float, int, int], Look] = {}
        """``look_for``'s answers (the step change asks twice, the texts built ahead once more)."""
        self._step: tuple[str, object] | None = None
        self._held = 0
        self._refit_owed = False
        """``changing`` is under way / a ``refit`` waits for its end."""
        self.step_text: QWidget = TextBlock("", look, role="large", colour="surface_text")
        self.speech_notice = TextBlock(look.tr("player.speech_failed"), quiet, role="small", colour="muted",
                                       icon="info")
        self.speech_notice.hide()
        self.layout_.addWidget(self.title)
        self.layout_.addWidget(self.counter)
        self.layout_.addWidget(self.feedback)
        self.layout_.addWidget(self.step_text)
        self.layout_.addWidget(self.speech_notice)
        self.layout_.addStretch(1)
        self.scroll_area = FitScroll(self.card)
        self._column = QVBoxLayout(self)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(min(look.space.lg, 16))
        self._column.addWidget(self.scroll_area)  # as tall as the card needs, 「次へ」 right under it
        self._explains_only = False
        self.next_button = self._make_next(action_look or look)
        self._column.addStretch(1)  # the room to spare is below both

    def _make_next(self, look: Look) -> BigButton:
        button = BigButton(self.look.tr("player.next"), look, style="primary", icon="right", role="large")
        # into the column first: a parentless widget made visible opens as a window of its own
        # (for a moment, taking the active window away from the app and the focus with it)
        self._column.insertWidget(1, button, 0, Qt.AlignmentFlag.AlignLeft)  # right under the card
        button.setVisible(self._explains_only)
        return button

    def set_action_look(self, look: Look) -> BigButton:
        """Draw 「次へ」 at ``look``'s size (the control bar's); returns the new button (reconnect it)."""
        old = self.next_button
        if old.look.scale == look.scale:
            return old
        self._column.removeWidget(old)
        old.hide()
        old.deleteLater()
        self.next_button = self._make_next(look)
        return self.next_button

    def set_step(self, number: int, raw_text: str, readings, explains_only: bool, total: int | None = None,
                 text_widget: QWidget | None = None) -> None:
        """Show step ``number`` of ``total``'s text (raw: reading notation allowed); ``text_widget``: that
        text's widget built ahead by the same ``make_text`` call (``trainer.app.screens_ahead``), at
        ``look_for(raw_text, explains_only)``."""
        self.counter.set_text(self.look.tr("player.step", n=number, total=max(total or number, number)))
        self._step = (raw_text, readings)
        self._explains_only = explains_only
        self.text_look = self.look_for(raw_text, explains_only)
        self._show_text(raw_text, readings, text_widget)
        self.next_button.setVisible(explains_only)
        self._refit()
        self.scroll_area.verticalScrollBar().setValue(0)

    def leave_step(self) -> None:
        """The step's text is about to be replaced (``set_step`` comes next): a new column width
        fitted meanwhile (another device's) does not lay the old text out again."""
        self._step = None

    def fit_line(self, width: int, height: int | None = None) -> None:
        """The column is ``width`` × ``height``: the largest size up to the chosen one (in steps of 25 %,
        not below ``LEAST_TEXT_SCALE``) whose lines hold ``LINE_CHARS`` characters beside the card's
        padding and its scroll bar is the step text's largest (``line_look``; ``look_for`` picks the
        size of each text), and the message box's the one that holds ``FEEDBACK_CHARS``."""
        look = self.look
        height = self.height() if height is None else height
        if self._fitted == (width, height):
            return
        self._fitted = (width, height)
        line = self._line_in(width)
        self._line = line
        scale = self._line_scale(line)
        if scale != self.line_look.scale:  # (the same object otherwise: its fonts are made already)
            self.line_look = look if scale == look.scale else look.with_(scale=scale)
        self._fit_feedback(line)
        if self._step is not None:
            fitted = self.look_for(self._step[0], self._explains_only)
            if fitted.scale != self.text_look.scale:
                self.text_look = fitted
                self._show_text(*self._step)
                self._refit()

    def _line_in(self, width: int) -> int:
        """The step text's line in a column ``width`` wide (beside the card's padding and its scroll bar)."""
        margins = self.layout_.contentsMargins()
        return width - margins.left() - margins.right() - self.scroll_area.verticalScrollBar().sizeHint().width()

    def _line_scale(self, line: int) -> float:
        """``line_look``'s scale for a line ``line`` pixels long (``fit_line``)."""
        look = self.look
        scale, least = look.scale, min(look.scale, LEAST_TEXT_SCALE)
        while scale - 0.25 >= least - 1e-9 and line < LINE_CHARS * look.with_(scale=scale).size("large"):
            scale = round(scale - 0.25, 2)
        return scale

    def prepare_column(self, width: int) -> Look:
        """Measure ahead what a column ``width`` wide will need (another device's, built ahead): its
        message box's size; returns its ``line_look``. Nothing on show changes."""
        line = self._line_in(width)
        self._feedback_scale(line)
        scale = self._line_scale(line)
        return self.line_look if scale == self.line_look.scale else self.look.with_(scale=scale)

    def look_in_column(self, raw_text: str, explains_only: bool, width: int, height: int) -> Look:
        """The look ``look_for`` would likely give ``raw_text`` in a column ``width`` × ``height`` (another
        device's, for the text built ahead; the message then on show is not known yet, so the one on
        show now stands in for it). Nothing on show changes."""
        top = self.prepare_column(width)
        line = self._line_in(width)
        room = self._text_room(explains_only, width, height)
        return self._look_for(plain(raw_text), room, top, line)

    def look_for(self, raw_text: str, explains_only: bool = False) -> Look:
        """The look ``raw_text`` is drawn in as the step text: of the sizes from ``line_look``'s down to
        ``LEAST_TEXT_SCALE`` (steps of 25 %), the largest at which no phrase is wider than the line
        and the whole text is in view without scrolling (beside the title, the step number and the
        message on show); else (it scrolls at every size) the smallest at which no phrase is broken,
        which shows the most of it; else ``line_look``'s."""
        top = self.line_look
        if not self._line:
            return top
        room = self._text_room(explains_only)
        key = (raw_text, top.scale, self._line, room)
        found = self._looks.get(key)
        if found is None:
            found = self._looks[key] = self._look_for(plain(raw_text), room)
            while len(self._looks) > LOOKS_KEPT:
                self._looks.pop(next(iter(self._looks)))
        return found

    def _look_for(self, text: str, room: int, top: Look | None = None, line: int | None = None) -> Look:
        top = top or self.line_look
        line = self._line if line is None else line
        least = min(self.look.scale, LEAST_TEXT_SCALE)
        whole = None
        scale = top.scale
        while scale >= least - 1e-9:
            candidate = top if scale == top.scale else self.look.with_(scale=scale)
            font = candidate.font("large")
            if longest_phrase(text, font) <= line:
                whole = candidate
                _, needed = text_size(font, text, line, pitch=LINE_HEIGHT)
                if candidate.furigana:  # a band of furigana over each line (about half the text's size)
                    needed = round(needed * (1 + 0.5 / LINE_HEIGHT))
                if needed <= room:
                    return candidate
            scale = round(scale - 0.25, 2)
        return whole or top

    def _text_room(self, explains_only: bool, width: int | None = None, height: int | None = None) -> int:
        """The height the step text has in the card without it scrolling (in a column ``width`` ×
        ``height``; the panel's own size unless given)."""
        width = max(1, self.width() if width is None else width)
        height = self.height() if height is None else height
        if explains_only:
            height -= self._column.spacing() + self.next_button.heightForWidth(self.next_button.sizeHint().width())
        margins = self.layout_.contentsMargins()
        spacing = self.layout_.spacing()
        inner = width - margins.left() - margins.right()
        used = margins.top() + margins.bottom()
        for block in (self.title, self.counter, self.feedback, self.speech_notice):
            if block is self.title or not block.isHidden():
                used += block.heightForWidth(inner) + spacing
        return height - used

    def _make_feedback(self, look: Look) -> TextBlock:
        block = TextBlock("", look, role="body", box="praise", box_text="praise_text", border="praise_text",
                          icon="star")
        block.setAccessibleDescription(self.look.tr("player.feedback"))
        return block

    def _fit_feedback(self, line: int) -> None:
        """Draw the message box at the largest size (steps of 25 %, not below ``LEAST_TEXT_SCALE``) whose
        line holds ``FEEDBACK_CHARS`` beside its icon and padding; rebuilt only when that size changes."""
        look = self.look
        scale = self._feedback_scale(line)
        old = self.feedback
        if old._look.scale == scale:
            return
        new = self._make_feedback(look.with_(scale=scale))
        if self.feedback_kind is not None:
            fill, colour, icon = FEEDBACK_STYLES[self.feedback_kind]
            new.set_colours(colour, fill, colour)
            new.set_icon(icon)
        new.set_text(old.text())
        self.layout_.replaceWidget(old, new)
        new.setVisible(not old.isHidden())
        old.hide()
        old.deleteLater()
        self.feedback = new

    def _feedback_scale(self, line: int) -> float:
        """The message box's scale for a line ``line`` pixels long (``_fit_feedback``), measured with a
        probe box once per look and line (``_FEEDBACK_SCALES``)."""
        look = self.look
        key = (look, line)
        scale = _FEEDBACK_SCALES.get(key)
        if scale is None:
            scale, least = look.scale, min(look.scale, LEAST_TEXT_SCALE)
            while scale - 0.25 >= least - 1e-9:
                candidate = look.with_(scale=scale)
                probe = self._make_feedback(candidate)
                fits = line - probe._chrome() >= FEEDBACK_CHARS * candidate.size("body")
                probe.deleteLater()
                if fits:
                    break
                scale = round(scale - 0.25, 2)
            while len(_FEEDBACK_SCALES) >= FEEDBACK_SCALES_KEPT:
                _FEEDBACK_SCALES.pop(next(iter(_FEEDBACK_SCALES)))
            _FEEDBACK_SCALES[key] = scale
        return scale

    def _show_text(self, raw_text: str, readings, text_widget: QWidget | None = None) -> None:
        """``text_widget``: the same text built ahead at ``text_look`` (taken instead of building it)."""
        new = text_widget or make_text(raw_text, self.text_look, role="large", colour="surface_text", readings=readings)
        new.setAccessibleDescription(self.look.tr("player.instructions"))
        self.layout_.replaceWidget(self.step_text, new)
        new.show()  # now, not on the next pass of the event loop: the card is measured with it
        self.step_text.hide()
        self.step_text.deleteLater()
        self.step_text = new

    @contextmanager
    def changing(self) -> Iterator[None]:
        """Change several parts of the card (the message, then the step) and fit the card to them once,
        at the end, instead of after each part."""
        self._held += 1
        try:
            yield
        finally:
            self._held -= 1
            if not self._held and self._refit_owed:
                self._refit_owed = False
                self.scroll_area.refit()

    def _refit(self) -> None:
        """The card as tall as what it holds now (``FitScroll.refit``), or at the end of ``changing``."""
        if self._held:
            self._refit_owed = True
            return
        self.scroll_area.refit()

    def show_feedback(self, kind: str, text: str) -> None:
        fill, colour, icon = FEEDBACK_STYLES[kind]
        self.feedback_kind = kind
        self.feedback.set_colours(colour, fill, colour)
        self.feedback.set_icon(icon)
        self.feedback.set_text(text)
        self.feedback.show()
        self._refit()
        self.scroll_area.verticalScrollBar().setValue(0)  # the new message is at the top: show it

    def clear_feedback(self) -> None:
        self.feedback_kind = None
        self.feedback.hide()
        self._refit()

    def show_speech_notice(self) -> None:
        self.speech_notice.show()
        self._refit()

    def needed_height(self, width: int) -> int:
        """The height that shows everything without scrolling, at ``width``."""
        card = self.card.heightForWidth(width) if self.card.hasHeightForWidth() else self.card.sizeHint().height()
        extra = 0
        if self.next_button.isVisibleTo(self) or self._explains_only:
            extra = self._column.spacing() + self.next_button.heightForWidth(self.next_button.sizeHint().width())
        return card + extra


class ControlBar(QWidget):
    """「もう一度聞く」「ヒント」「やり直す」「手を挙げる」「やめる」."""

    def __init__(self, look: Look, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.look = look
        # natural widths sharing out the spare: 125 % still fits beside a phone at 300 %, where equal
        # columns as wide as 「もう一度聞く」 would only hold 100 %
        self.flow = FlowLayout(self, spacing=look.space.lg, stretch=True, fill_height=True, balanced=True)
        self.flow.setContentsMargins(0, 0, 0, 0)
        self.repeat = BigButton(look.tr("player.repeat"), look, icon="repeat")
        self.hint = BigButton(look.tr("player.hint"), look, icon="bulb")
        self.restart = BigButton(look.tr("player.restart"), look, icon="reload")
        self.quit = BigButton(look.tr("player.quit"), look, icon="exit", style="quiet")
        from trainer.app.hand import HandButton  # 「手を挙げる」 (its own widget; the bar only holds it)

        self.hand = HandButton(look)
        for button in self.buttons():
            self.flow.addWidget(button)

    def buttons(self) -> tuple[BigButton, ...]:
        return self.repeat, self.hint, self.restart, self.hand, self.quit

    def height_for(self, width: int) -> int:
        """The bar's height at ``width`` (as many to a row as fit, each its own width)."""
        return self.flow.heightForWidth(width)

    def two_columns(self) -> int:
        """The width two buttons to a row need with every label on one line."""
        return 2 * max(button.sizeHint().width() for button in self.buttons()) + self.look.space.lg

    def row_height(self, width: int) -> int:
        """The bar's height as one row across ``width``, every label on one line (each button
        its own width, the spare shared out); 0 when its buttons do not fit in one row there."""
        shown = [button for button in self.buttons() if not button.isHidden()]
        if sum(b.sizeHint().width() for b in shown) + (len(shown) - 1) * self.look.space.lg > width:
            return 0
        return max(b.sizeHint().height() for b in shown)


    def fits(self, width: int, height: int) -> bool:
        """True when every label fits on one line in ``width`` and the bar within ``height``."""
        widest = max(button.sizeHint().width() for button in self.buttons())
        return widest <= width and self.height_for(width) <= height
