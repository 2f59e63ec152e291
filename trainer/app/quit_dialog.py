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
ROOM_MARGIN = 48
"""Pixels kept free around the dialog inside the window: the dialog's title bar and a margin."""


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
        self._set_room(look.space.xxl, look.space.xl)
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
        room_width, self._room_height = self._room(parent)
        width = min(look.px(DIALOG_WIDTH), 1200, room_width)
        self.setMinimumWidth(width)
        if layout.totalHeightForWidth(width) > self._room_height:
            # At 300 % on 1280×720 the roomy margins pushed the buttons below the screen's edge
            # (753 px of 720): tighter margins give the text the width to need one line fewer.
            self._set_room(look.space.md, look.space.md)
        self.stay.setFocus(Qt.FocusReason.OtherFocusReason)

    def _set_room(self, pad: int, spacing: int) -> None:
        layout = self.layout()
        if layout is not None:
            layout.setContentsMargins(pad, pad, pad, pad)
            layout.setSpacing(spacing)

    @staticmethod
    def _room(parent: QWidget | None) -> tuple[int, int]:
        """The largest the question may be, (width, height): inside the app's window (or the screen),
        with a margin for the dialog's own title bar."""
        from PySide6.QtGui import QGuiApplication

        if parent is not None and parent.window().width() > 0:
            width, height = parent.window().width(), parent.window().height()
        else:
            screen = QGuiApplication.primaryScreen()
            area = screen.availableGeometry() if screen is not None else None
            width, height = (area.width(), area.height()) if area is not None else (1200, 900)
        return max(320, width - ROOM_MARGIN), max(240, height - ROOM_MARGIN)

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
