"""Tools for the people who write and hand out scenarios, not for learners:
``check`` (the author's lint), ``schema`` (the JSON Schema), ``docgen`` (the
reference half of docs/authoring.md), ``packs`` (scenario packs), and two Qt
tools, ``preview`` (the live preview window) and ``handout`` (printed steps).

Only the CLI and the tests import this package. It uses the engine's public
functions only (a test scans the imports). ``check``, ``schema``, ``docgen``
and ``packs`` are pure Python; ``preview`` and ``handout`` use Qt.
"""
