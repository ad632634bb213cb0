"""The ``frontlint`` command; :func:`main` is its entry point (see :mod:`.main`)."""

from __future__ import annotations

from frontlint.cli.main import main

__all__ = ["main"]
