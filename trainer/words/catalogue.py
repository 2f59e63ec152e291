"""The one way to look up a word of the app: ``tr(key, lang, **fields)``.

Every table of words (``learner``, ``instructor``, …) has one shape,
key → (ja, en), and is merged into ``STRINGS``.
"""

from __future__ import annotations

from trainer.words.learner import STRINGS, tr

__all__ = ["STRINGS", "tr"]
