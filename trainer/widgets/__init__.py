"""Qt widgets of the player: one widget class per screen element kind,
the mock devices they sit in, and the shared building blocks (big buttons,
labels, themes). Widgets turn clicks, typing, scanning, dragging and
speaking into plain ``Action`` values; they never judge them."""

from trainer.widgets import pyside_refcount as _pyside_refcount  # see its docstring

_pyside_refcount.ensure()
