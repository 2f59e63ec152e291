"""Revision files, oldest first; each name says what it changes."""
