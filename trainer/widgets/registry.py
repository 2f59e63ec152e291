"""The widget half of the element-kind registry.

``trainer.scenarios.elements`` holds the schema of each kind; this module
maps the same names to widget classes. A widget class registers itself::

    @element_widget("qr")
    class QrElement(ElementWidget): ...

Modules in ``trainer.widgets.elements`` are imported on first use, so a new
kind is one schema entry plus one module there. ``missing_widgets()`` lists
schema kinds with no widget (a test keeps it empty).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable

from PySide6.QtWidgets import QVBoxLayout, QWidget

from trainer.scenarios import elements as schema
from trainer.scenarios.model import Element
from trainer.widgets.base import ElementContext, ElementWidget

_WIDGETS: dict[str, type[ElementWidget]] = {}
_loaded = False


def element_widget(kind: str) -> Callable[[type[ElementWidget]], type[ElementWidget]]:
    """Class decorator: ``cls`` draws elements of ``kind``."""

    def register(cls: type[ElementWidget]) -> type[ElementWidget]:
        if kind in _WIDGETS and _WIDGETS[kind] is not cls:
            raise ValueError(f"element kind {kind!r} already has a widget ({_WIDGETS[kind].__name__})")
        cls.kind = kind
        _WIDGETS[kind] = cls
        return cls

    return register


def _load() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    from trainer.widgets import elements as package

    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        if not info.name.startswith("_"):
            importlib.import_module(f"{package.__name__}.{info.name}")


def widget_class(kind: str) -> type[ElementWidget] | None:
    _load()
    return _WIDGETS.get(kind)


def widget_kinds() -> tuple[str, ...]:
    _load()
    return tuple(_WIDGETS)


def missing_widgets() -> list[str]:
    """Schema kinds that have no widget yet."""
    _load()
    return [name for name in schema.kind_names() if name not in _WIDGETS]


class UnknownElement(ElementWidget):
    """Shown for a kind with a schema entry but no widget yet: a calm note, never a crash."""

    def __init__(self, element: Element, ctx: ElementContext, parent: QWidget | None = None) -> None:
        super().__init__(element, ctx, parent)
        from trainer.widgets.labels import TextBlock

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(TextBlock(f"（{element.type}）", ctx.look, colour="screen_muted"))


def build_element(element: Element, ctx: ElementContext, parent: QWidget | None = None) -> ElementWidget:
    cls = widget_class(element.type) or UnknownElement
    return cls(element, ctx, parent)
