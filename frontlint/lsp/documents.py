"""Linting an editor's text as the command lints the file: its nearest configuration, its schema, its limits.

A document is linted through :func:`frontlint.run.linting.check_source`, the function each file
of a command-line run goes through, with the editor's text as the source's bytes: the same
configuration lookup (:class:`~frontlint.config.project.Project`), per-file schemas and ignores,
inline suppressions, size limit and error handling. Configurations and schemas are read once
and kept until :meth:`DocumentLinter.reload` (a configuration or schema file changed).
"""

from __future__ import annotations

import os
from typing import NamedTuple

from frontlint.checking.engine import Linter
from frontlint.config.loading import ConfigError
from frontlint.config.project import Project
from frontlint.diagnostic import Diagnostic
from frontlint.reading.positions import LineIndex
from frontlint.run.discovery import MARKDOWN_SUFFIXES, searchable_directory
from frontlint.run.linting import InternalError, check_source
from frontlint.run.sources import Source
from frontlint.schema.loading import SchemaError

_BOM = "\ufeff"


class Linted(NamedTuple):
    """One document's lint: its text as frontlint reads it, its diagnostics, and what can fix it.

    ``text`` has no byte order mark (``bom`` says whether the editor's had one). ``linter`` is
    the file's linter (``None`` when its configuration or schema cannot be used: ``error``
    says why). ``complete``: the whole text was read (a text over the size limit is only read
    in part, and never fixed, as on the command line). ``internal``: frontlint failed (a bug).
    """

    path: str
    text: str
    bom: bool
    diagnostics: list[Diagnostic]
    linter: Linter | None
    complete: bool = True
    error: str | None = None
    internal: bool = False

    @property
    def lines(self) -> LineIndex:
        """The line index of :attr:`text`."""
        return LineIndex(self.text)


class _EditorText:
    """A document's text as a source's ``read``: records how much the run asked for (its size limit)."""

    def __init__(self, raw: bytes) -> None:
        self.raw = raw
        self.asked = len(raw) + 1

    def read(self, size: int) -> bytes:
        self.asked = size
        return self.raw[:size]


def is_markdown(path: str, language_id: str | None = None) -> bool:
    """Whether a document is one frontlint lints: Markdown by the editor's language or by its name."""
    return language_id == "markdown" or path.lower().endswith(MARKDOWN_SUFFIXES)


class DocumentLinter:
    """Lints documents of one editor session; configurations and schemas are cached until :meth:`reload`."""

    def __init__(self) -> None:
        self.project = Project()

    def reload(self) -> None:
        """Forget every configuration and schema read: the next lint reads them again."""
        self.project = Project()

    def linter_for(self, path: str) -> Linter:
        """The linter of the file at ``path`` (absolute): its nearest configuration's, with its schema.

        Raises :class:`ConfigError` or :class:`SchemaError` when those cannot be used.
        """
        settings = self.project.settings_for_folder(searchable_directory(os.path.dirname(path)))
        return self.project.linter(self.project.key_for(settings, path))

    def lint(self, path: str, text: str) -> Linted:
        """Lint the editor's ``text`` of the file at ``path`` (absolute), as ``frontlint PATH`` would lint it on disk."""
        bom = text.startswith(_BOM)
        plain = text[1:] if bom else text
        try:
            linter = self.linter_for(path)
        except (ConfigError, SchemaError) as error:
            return Linted(path, plain, bom, [], None, error=str(error))
        source = _EditorText(text.encode("utf-8", "surrogatepass"))
        outcome = check_source(linter, Source(path, source.read, named=True), None, False)
        complete = len(source.raw) < source.asked
        if outcome.report is None:
            internal = isinstance(outcome.error, InternalError)
            return Linted(path, plain, bom, [], linter, complete, str(outcome.error), internal)
        return Linted(path, plain, bom, outcome.report.diagnostics, linter, complete)
