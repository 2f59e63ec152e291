"""「やめる」: a gentle question, and the promise that nothing is lost.

``QuitDialog.ask(parent, look)`` returns True to stop; tests replace it
(pytest-qt's advice for dialogs). 「続ける」 is the default button.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from trainer.app.pages import heading_role
from trainer.widgets.accessibility import set_role
from trainer.widgets.button import BigButton
from trainer.widgets.flow import FlowLayout
from trainer.widgets.labels import TextBlock
from trainer.widgets.look import Look

DIALOG_WIDTH = 560
"""The dialog's least width at 100 %, in pixels (up to 1200 and the room there is)."""


class QuitDialog(QDialog):
    """Asks whether to stop practising."""

    def __init__(self, look: Look, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(look.tr("quit.title"))
        self.setModal(True)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, look.colour("surface"))
        self.setPalette(palette)
        self.setAutoFillBackground(True)
        layout = QVBoxLayout(self)
        pad = look.space.xxl
        layout.setContentsMargins(pad, pad, pad, pad)
        layout.setSpacing(look.space.xl)
        self.setAccessibleDescription(look.tr("quit.text"))
        layout.addWidget(set_role(TextBlock(look.tr("quit.title"), look, role=heading_role(look),
                                            colour="surface_text", bold=True), "heading"))
        layout.addWidget(TextBlock(look.tr("quit.text"), look, colour="surface_text"))
        holder = QWidget()
        row = FlowLayout(holder, spacing=look.space.gap, stretch=True, fill_height=True)
        self.stay = BigButton(look.tr("quit.stay"), look, style="primary")
        self.leave = BigButton(look.tr("quit.leave"), look, style="secondary")
        self.stay.clicked.connect(self.reject)
        self.leave.clicked.connect(self.accept)
        row.addWidget(self.stay)
        row.addWidget(self.leave)
        layout.addWidget(holder)
        self.setMinimumWidth(min(look.px(DIALOG_WIDTH), 1200, self._room(parent)))
        self.stay.setFocus(Qt.FocusReason.OtherFocusReason)

    @staticmethod
    def _room(parent: QWidget | None) -> int:
        """The widest the question may be: inside the app's window (or the screen), with a margin."""
        from PySide6.QtGui import QGuiApplication

        if parent is not None and parent.window().width() > 0:
            width = parent.window().width()
        else:
            screen = QGuiApplication.primaryScreen()
            width = screen.availableGeometry().width() if screen is not None else 1200
        return max(320, width - 48)

    def resizeEvent(self, event) -> None:
        """A window does not grow for wrapped text by itself: make room for every line."""
        super().resizeEvent(event)
        layout = self.layout()
        needed = layout.totalHeightForWidth(self.width()) if layout is not None else 0
        if needed > self.height():
            self.setMinimumHeight(needed)

    @classmethod
    def ask(cls, parent: QWidget | None, look: Look) -> bool:
        """True when the learner chose to stop."""
        dialog = cls(look, parent)
        return dialog.exec() == QDialog.DialogCode.Accepted
