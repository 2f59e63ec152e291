"""What every element widget shares: its context, its one signal, and the
small protocol the screen and the hints use.

An element widget draws one ``Element`` of a mock screen and turns what
the learner does with it into an ``Action`` (``acted``). It never decides
whether that was right. It tells the screen which child widget stands for
a target id (for highlights, demonstrations and tests) and what its inputs
currently hold (``field_values``, used only inside ``Action.fields``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import ClassVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from trainer.reading.ruby import plain
from trainer.scenarios.actions import Action, ActionKind
from trainer.scenarios.model import Element, Text
from trainer.widgets.look import Look


@dataclass(frozen=True)
class ElementContext:
    """What an element widget needs besides its element: the look, where the
    scenario's files are, and the scenario's reading overrides."""

    look: Look
    base_dir: str = ""
    readings: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    device: str = "phone"
    """The mock device the element is shown on (a phone shows its keyboard, as phones do)."""

    def raw(self, value: Text | str | None) -> str:
        """The text in the current language, reading notation kept."""
        if value is None:
            return ""
        if isinstance(value, Text):
            return value.get(self.look.lang)
        return str(value)

    def text(self, value: Text | str | None) -> str:
        """The text as shown: current language, reading notation removed."""
        return plain(self.raw(value))

    def asset(self, name: str) -> Path:
        return Path(self.base_dir) / name

    def money(self, amount: int) -> str:
        return self.look.tr("money", n=f"{amount:,}")


class ElementWidget(QWidget):
    """Base class of the widget for one element kind (see ``registry``)."""

    kind: ClassVar[str] = ""

    acted = Signal(object)
    """Fires with an ``Action`` when the learner does something with the element.
    The screen adds the current input values (``fields``) before judging."""

    def __init__(self, element: Element, ctx: ElementContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.element = element
        self.ctx = ctx
        self.look = ctx.look

    # -- protocol -------------------------------------------------------------
    def target_widget(self, target: str) -> QWidget | None:
        """The widget that stands for ``target`` (an id this element owns), or None."""
        return self if target == self.element.id else None

    def field_values(self) -> dict[str, str]:
        """Current values of this element's inputs, by input id (typed text stays here)."""
        return {}

    def prop(self, name: str, default=None):
        return self.element.props.get(name, default)

    def emit_action(self, kind: ActionKind, target: str | None = None, value: str | None = None) -> None:
        self.acted.emit(Action(kind, target, value))
