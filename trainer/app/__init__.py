"""The app's windows: first start, home, scenario list, player, finish,
settings. Qt lives here and in ``trainer.widgets``; the judging lives in
``trainer.scenarios``. Services (speech, progress) are passed in."""

from trainer.widgets import pyside_refcount as _pyside_refcount  # see its docstring

_pyside_refcount.ensure()
