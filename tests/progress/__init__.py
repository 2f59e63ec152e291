"""Tests of the progress record: models, store, outbox, recorder, reports, widgets."""
