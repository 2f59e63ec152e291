"""Geometry and accessibility checks over a live widget tree.

``problems(root)`` walks every visible widget under ``root`` and reports,
in words, what a person would notice: text that does not fit its box (by
geometry: the height the text needs at the widget's width, or a wrapped
label's text running past its width), controls smaller than the target
size, controls without an accessible name or whose name does not start with
their visible text (WCAG 2.5.3; a repeated 「はじめる」 adds what it starts),
siblings that overlap (not the focus ring laid over focused text), and
screens that need sideways scrolling.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLineEdit, QScrollArea, QWidget

from trainer.widgets.button import BigButton
from trainer.widgets.focus import FocusRing
from trainer.widgets.hint_overlay import HintOverlay
from trainer.widgets.labels import TextBlock

MIN_TARGET = 44
"""WCAG 2.5.5 (AAA) target size, in pixels at 100%."""


def visible_widgets(root: QWidget) -> list[QWidget]:
    return [w for w in root.findChildren(QWidget) if w.isVisibleTo(root) and w.isVisible()]


def _name(widget: QWidget) -> str:
    return f"{type(widget).__name__}({getattr(widget, 'text', lambda: '')()!r})" if hasattr(
        widget, "text") else type(widget).__name__


def problems(root: QWidget, scale: float = 1.0, check_targets: bool = True) -> list[str]:
    found: list[str] = []
    widgets = visible_widgets(root)
    for widget in widgets:
        if isinstance(widget, HintOverlay) or widget.width() <= 0:
            continue
        fits = getattr(widget, "text_fits", None)
        if fits is not None and not fits():
            found.append(f"clipped: {_name(widget)} {widget.size().toTuple()} needs "
                         f"{widget.heightForWidth(widget.width())} px high")
        elif type(widget).__name__ == "RubyLabel" and widget.height() < widget.heightForWidth(widget.width()):
            found.append(f"clipped: {_name(widget)} {widget.size().toTuple()}")
        if isinstance(widget, BigButton | TextBlock) and not widget.accessibleName().startswith(widget.text()):
            found.append(f"name differs from text: {_name(widget)} is named {widget.accessibleName()!r}")
        focusable = widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isEnabled()
        if focusable and not isinstance(widget, QScrollArea):
            if not widget.accessibleName():
                found.append(f"no accessible name: {_name(widget)}")
            interactive = isinstance(widget, QAbstractButton | QLineEdit) or widget.cursor().shape() in (
                Qt.CursorShape.PointingHandCursor, Qt.CursorShape.OpenHandCursor)
            if check_targets and interactive and (widget.width() < MIN_TARGET or widget.height() < MIN_TARGET):
                found.append(f"too small to press: {_name(widget)} {widget.size().toTuple()}")
    for area in (w for w in widgets if isinstance(w, QScrollArea)):
        inner = area.widget()
        if inner is not None and inner.width() > area.viewport().width() + 1:
            found.append(f"sideways scrolling needed: {type(inner).__name__} is {inner.width()} px wide in "
                         f"{area.viewport().width()} px")
    by_parent: dict[int, list[QWidget]] = {}
    for widget in widgets:
        parent = widget.parentWidget()
        if parent is not None and not isinstance(widget, HintOverlay | FocusRing) and widget.width() > 0:
            by_parent.setdefault(id(parent), []).append(widget)
    for siblings in by_parent.values():
        siblings = [w for w in siblings if not w.isWindow() and type(w).__name__ not in ("CardPicture", "QWidget")
                    or isinstance(w, TextBlock | BigButton)]
        for index, first in enumerate(siblings):
            for second in siblings[index + 1:]:
                overlap = first.geometry().intersected(second.geometry())
                if overlap.width() > 1 and overlap.height() > 1 and type(first).__name__ != "QScrollBar" \
                        and type(second).__name__ != "QScrollBar":
                    found.append(f"overlap: {_name(first)} {first.geometry().getRect()} and "
                                 f"{_name(second)} {second.geometry().getRect()}")
    return found
