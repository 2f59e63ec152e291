"""Packaging glue that pyproject.toml cannot express: ship the repository's
``content/`` folder inside the wheel as ``trainer/_content`` so that
``pip install .`` (Windows, macOS) brings the bundled scenarios along, and
the app's font (``trainer/fonts``: BIZ UD Gothic and its licence, OFL.txt)."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["trainer", "trainer.*"]), "trainer._content"],
    package_dir={"trainer._content": "content"},
    package_data={
        "trainer._content": ["*.yaml", "*/*.yaml", "*/*/*.yaml", "**/*.png", "**/*.jpg", "**/*.svg"],
        # migrations, templates and other data that lives beside the code
        "": ["*.yaml", "*.ini", "*.mako", "*.png", "*.svg", "*.json", "*.ttf"],
        # the bundled font's licence must travel with the font files
        "trainer.fonts": ["*.ttf", "OFL.txt"],
    },
)
