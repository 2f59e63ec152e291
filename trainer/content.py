"""Where the bundled scenario packs are."""

from __future__ import annotations

from pathlib import Path


def bundled_content_dir() -> Path:
    """The ``content/`` folder shipped with the app.

    Installed from a wheel it is ``trainer/_content``; in a source checkout
    (``pip install -e .``) it is the repository's ``content/``.
    """
    here = Path(__file__).resolve().parent
    packaged = here / "_content"
    if packaged.is_dir():
        return packaged
    return here.parent / "content"
