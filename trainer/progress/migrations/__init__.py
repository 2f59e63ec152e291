"""Alembic migrations of the progress record (run with ``trainer db upgrade``).

A package so that the revision files are shipped inside the ``trainer``
distribution; no ``alembic.ini`` is needed (see ``trainer.progress.migrate``).
"""
