"""「手を挙げる」: asking for help without words.

:class:`HandButton` is one big button in the player's control bar (and the
F1 key, which nothing else in the player uses and which means "help"
everywhere). Pressing it raises the learner's hand: the button itself turns
into 「サポーターが来ます」 (pressing it again lowers the hand), the words are read aloud, and —
in a class on a shared record — the hand appears on the help board.
Pressing it again lowers the hand; a helper's 「対応しました」 lowers it too.
It never times anything and never blocks: the practice goes on meanwhile.

:class:`HandChannel` is the one line per application between every hand
button and this PC's :class:`~trainer.progress.classes.Seat` (attached by
the progress link when the record is open). Without a seat the hand is
still shown and read aloud on this PC.
"""

from __future__ import annotations

import logging
import weakref
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QWidget

from trainer.widgets.button import BigButton
from trainer.widgets.look import Look

log = logging.getLogger("trainer.app")

#: The key that raises and lowers the hand in the player.
HAND_KEY = Qt.Key.Key_F1


class HandChannel(QObject):
    """Whether this PC's learner has a raised hand, shared by every hand button."""

    changed = Signal(bool)
    """The hand went up (True) or down (False); on the UI thread."""
    _seat_lowered = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._raised = False
        self._seat: Any = None
        self._seat_lowered.connect(self._lowered_elsewhere, Qt.ConnectionType.QueuedConnection)

    @classmethod
    def instance(cls) -> HandChannel:
        """The application's channel (made on first use, owned by the QApplication)."""
        app = QApplication.instance()
        channel = getattr(app, "_trainer_hand_channel", None) if app is not None else None
        if channel is None:
            channel = cls(app)
            if app is not None:
                app._trainer_hand_channel = channel  # type: ignore[attr-defined]
        return channel

    @property
    def raised(self) -> bool:
        return self._raised

    def attach(self, seat: Any) -> None:
        """Send the hand to ``seat`` (None: this PC only) and hear when a helper lowers it.

        The seat is held weakly: it belongs to the progress link, not to the application.
        """
        old = self._seat() if self._seat is not None else None
        if old is not None:
            old.remove_hand_listener(self._seat_lowered.emit)
        self._seat = weakref.ref(seat) if seat is not None else None
        if seat is not None:
            seat.add_hand_listener(self._seat_lowered.emit)

    def set_raised(self, raised: bool) -> None:
        """The learner raised or lowered the hand."""
        if raised == self._raised:
            return
        self._raised = raised
        seat = self._seat() if self._seat is not None else None
        if seat is not None:
            try:
                (seat.raise_hand if raised else seat.lower_hand)()
            except Exception as exc:  # the board is a help, never a reason to stop
                log.warning("hand could not be sent to the board: %s", type(exc).__name__)
        self.changed.emit(raised)

    def reset(self) -> None:
        """A new person sits down: their hand starts lowered (nothing is sent)."""
        if self._raised:
            self._raised = False
            self.changed.emit(False)

    def _lowered_elsewhere(self, raised: bool) -> None:
        if not raised and self._raised:
            self._raised = False
            self.changed.emit(False)


class HandButton(BigButton):
    """「手を挙げる」 / 「サポーターが来ます」 — one big button; F1 does the same."""

    def __init__(self, look: Look, channel: HandChannel | None = None, parent: QWidget | None = None) -> None:
        super().__init__(look.tr("hand.raise"), look, icon="person", parent=parent)
        self.setObjectName("handButton")
        self.channel = channel or HandChannel.instance()
        self.channel.changed.connect(self._show)
        self.hand_key = QShortcut(QKeySequence(HAND_KEY), self)
        self.hand_key.setContext(Qt.ShortcutContext.WindowShortcut)
        self.hand_key.activated.connect(self.toggle_hand)
        self.clicked.connect(self.toggle_hand)
        self.setToolTip(look.tr("hand.key"))
        self.setAccessibleDescription(look.tr("hand.key"))
        self._show(self.channel.raised, speak=False)

    @property
    def raised(self) -> bool:
        return self.channel.raised

    def toggle_hand(self) -> None:
        if not self.isVisible():
            return
        self.channel.set_raised(not self.channel.raised)

    def _show(self, raised: bool, *, speak: bool = True) -> None:
        look = self.look
        self.setText(look.tr("hand.raised" if raised else "hand.raise"))
        self.setAccessibleDescription(look.tr("hand.lower_note" if raised else "hand.key"))
        self.set_emphasis(raised)
        if speak and self.isVisible():
            self._say(look.tr("hand.said_raised" if raised else "hand.said_lowered"))

    def _say(self, text: str) -> None:
        """Read aloud through the player's narrator (the nearest parent that has one)."""
        widget: QWidget | None = self.parentWidget()
        while widget is not None:
            narrator = getattr(widget, "narrator", None)
            if narrator is not None and hasattr(narrator, "say"):
                try:
                    narrator.say(text)
                except Exception as exc:
                    log.warning("hand could not be read aloud: %s", type(exc).__name__)
                return
            widget = widget.parentWidget()
