"""The instruction pane and the control bar of the player.

The pane shows, top to bottom: a calm message box (praise, the gentle
explanation of a slip, a hint, a notice), which step this is, the step's
text in large type (with furigana when chosen), and 「次へ」 on steps that
only explain. The control bar holds 「もう一度聞く」「ヒント」「やり直す」
「やめる」 — always these four, always in the same place.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QVBoxLayout, QWidget

from trainer.widgets.button import BigButton
from trainer.widgets.flow import FlowLayout
from trainer.widgets.labels import TextBlock, make_text
from trainer.widgets.look import Look

FEEDBACK_STYLES = {
    "praise": ("praise", "praise_text", "star"),
    "explain": ("explain", "explain_text", "leaf"),
    "hint": ("hint", "hint_text", "bulb"),
    "notice": ("notice", "notice_text", "info"),
}
"""Message kinds: fill, text colour and icon. Slips get a leaf, never a cross."""


class InstructionPanel(QWidget):
    """What to do now, and what the app has to say about the last action."""

    def __init__(self, look: Look, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.look = look
        self.setAutoFillBackground(False)
        self.layout_ = QVBoxLayout(self)
        pad = look.px(20)
        self.layout_.setContentsMargins(pad, pad, pad, pad)
        self.layout_.setSpacing(look.px(14))
        self.feedback = TextBlock("", look, role="body", box="praise", box_text="praise_text",
                                  border="praise_text", icon="star")
        self.feedback.setAccessibleDescription(look.tr("player.feedback"))
        self.feedback.hide()
        self.feedback_kind: str | None = None
        self.title = TextBlock(title, look, role="body", colour="surface_text", bold=True)
        self.counter = TextBlock("", look, role="small", colour="muted", bold=True)
        self.step_text: QWidget = TextBlock("", look, role="large", colour="surface_text")
        self.speech_notice = TextBlock(look.tr("player.speech_failed"), look, role="small", colour="muted",
                                       icon="info")
        self.speech_notice.hide()
        self.next_button = BigButton(look.tr("player.next"), look, style="primary", icon="right", role="large")
        self.next_button.hide()
        self.layout_.addWidget(self.title)
        self.layout_.addWidget(self.counter)
        self.layout_.addWidget(self.feedback)
        self.layout_.addWidget(self.step_text)
        self.layout_.addWidget(self.next_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.layout_.addWidget(self.speech_notice)
        self.layout_.addStretch(1)

    def paintEvent(self, event) -> None:  # noqa: N802, ARG002
        """A quiet card behind the instructions."""
        look = self.look
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width = max(1, look.px(1.5))
        bottom = max((w.geometry().bottom() for w in self.findChildren(QWidget) if w.isVisible()
                      and w.parentWidget() is self), default=0) + self.layout_.contentsMargins().bottom()
        rect = QRectF(self.rect()).adjusted(width, width, -width, -width)
        rect.setBottom(min(rect.bottom(), bottom))
        path = QPainterPath()
        path.addRoundedRect(rect, look.px(14), look.px(14))
        painter.fillPath(path, look.colour("surface"))
        painter.setPen(QPen(look.colour("border"), width))
        painter.drawPath(path)
        painter.end()

    def set_step(self, number: int, raw_text: str, readings, explains_only: bool) -> None:
        """Show step ``number``'s text (raw: reading notation allowed)."""
        self.counter.set_text(self.look.tr("player.step", n=number))
        new = make_text(raw_text, self.look, role="large", colour="surface_text", readings=readings)
        new.setAccessibleDescription(self.look.tr("player.instructions"))
        self.layout_.replaceWidget(self.step_text, new)
        self.step_text.hide()
        self.step_text.deleteLater()
        self.step_text = new
        self.next_button.setVisible(explains_only)

    def show_feedback(self, kind: str, text: str) -> None:
        fill, colour, icon = FEEDBACK_STYLES[kind]
        self.feedback_kind = kind
        self.feedback.set_colours(colour, fill, colour)
        self.feedback.set_icon(icon)
        self.feedback.set_text(text)
        self.feedback.show()

    def clear_feedback(self) -> None:
        self.feedback_kind = None
        self.feedback.hide()

    def show_speech_notice(self) -> None:
        self.speech_notice.show()


class ControlBar(QWidget):
    """「もう一度聞く」「ヒント」「やり直す」「やめる」."""

    def __init__(self, look: Look, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        flow = FlowLayout(self, spacing=look.px(10), uniform=True, balanced=True, fill_height=True)
        pad = look.px(10)
        flow.setContentsMargins(pad, pad, pad, pad)
        self.repeat = BigButton(look.tr("player.repeat"), look, icon="repeat")
        self.hint = BigButton(look.tr("player.hint"), look, icon="bulb")
        self.restart = BigButton(look.tr("player.restart"), look, icon="reload")
        self.quit = BigButton(look.tr("player.quit"), look, icon="exit", style="quiet")
        for button in (self.repeat, self.hint, self.restart, self.quit):
            flow.addWidget(button)
