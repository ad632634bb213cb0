"""Linting an editor's text as the command lints the file: its nearest configuration, its schema, its limits.

A document is linted through :func:`frontlint.run.linting.check_source`, the function each file
of a command-line run goes through, with the editor's text as the source's bytes: the same
configuration lookup (:class:`~frontlint.config.project.Project`), per-file schemas and ignores,
inline suppressions, size limit and error handling, and the same ``exclude``: a file the
configuration leaves out (``exclude``, ``extend-exclude``, ``.gitignore``) is not linted, as
with ``--force-exclude`` (what the pre-commit hook passes) and in a run of its folder; then the configuration's ``baseline`` hides
what it records, as :func:`~frontlint.baseline.per_configuration.apply_baselines` does for a run.
Configurations, schemas and baselines are read again after :meth:`DocumentLinter.reload` (a
configuration or schema file changed) only.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from typing import NamedTuple

from frontlint.baseline.per_configuration import apply_baselines
from frontlint.checking.engine import Linter
from frontlint.config.loading import ConfigError
from frontlint.config.project import Project
from frontlint.diagnostic import Diagnostic
from frontlint.reading.positions import LineIndex
from frontlint.run.discovery import MARKDOWN_SUFFIXES, force_excluded, searchable_directory
from frontlint.run.linting import InternalError, check_source
from frontlint.run.sources import Source
from frontlint.schema.loading import SchemaError
from frontlint.settings.resolved import Settings

_BOM = "\ufeff"


class Linted(NamedTuple):
    """One document's lint: its text as frontlint reads it, its diagnostics, and what can fix it.

    ``text`` has no byte order mark (``bom`` says whether the editor's had one). ``linter`` is
    the file's linter (``None`` when its configuration or schema cannot be used: ``error``
    says why); ``relint`` lints another text of the file as this one was (baseline included).
    ``complete``: the whole text was read (a text over the size limit is only read in part,
    and never fixed, as on the command line). ``failure``: frontlint failed (a bug): the rule
    that raised, if one did, and the traceback (``error`` is then its one-line form).
    """

    path: str
    text: str
    bom: bool
    diagnostics: list[Diagnostic]
    linter: Linter | None
    relint: Callable[[str], list[Diagnostic]] | None = None
    complete: bool = True
    error: str | None = None
    failure: InternalError | None = None

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
        """At most ``size`` bytes of the text (a run asks for its size limit and one byte more)."""
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
        return self.project.linter(self.project.key_for(self._settings(path), path))

    def excluded(self, path: str) -> bool:
        """Whether the nearest configuration of the file at ``path`` (absolute) leaves it out, as ``--force-exclude`` does.

        Raises :class:`ConfigError` when the configuration cannot be used.
        """
        return force_excluded(path, self._settings(path)._replace(force_exclude=True))

    def _settings(self, path: str) -> Settings:
        return self.project.settings_for_folder(searchable_directory(os.path.dirname(path)))

    def lint(self, path: str, text: str) -> Linted:
        """Lint the editor's ``text`` of the file at ``path`` (absolute), as ``frontlint PATH`` would lint it on disk."""
        bom = text.startswith(_BOM)
        plain = text[1:] if bom else text
        try:
            if self.excluded(path):
                return Linted(path, plain, bom, [], None)
            linter = self.linter_for(path)
        except (ConfigError, SchemaError) as error:
            return Linted(path, plain, bom, [], None, error=str(error))
        source = _EditorText(text.encode("utf-8", "surrogatepass"))
        outcome = check_source(linter, Source(path, source.read, named=True), None, False)
        complete = len(source.raw) < source.asked
        if outcome.report is None:
            failure = outcome.error if isinstance(outcome.error, InternalError) else None
            return Linted(path, plain, bom, [], linter, None, complete, str(outcome.error), failure)
        try:
            diagnostics = self.without_baselined(path, outcome.report.diagnostics)
        except ConfigError as error:  # the baseline cannot be read
            return Linted(path, plain, bom, [], linter, None, complete, str(error))

        def relint(changed: str) -> list[Diagnostic]:
            return self.without_baselined(path, linter.lint_text(changed, path))

        return Linted(path, plain, bom, diagnostics, linter, relint, complete)

    def without_baselined(self, path: str, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
        """``diagnostics`` of the file ``path`` without those its configuration's ``baseline`` records.

        Raises :class:`ConfigError` when the baseline cannot be read. Stale entries are not said.
        """
        return apply_baselines(self.project, None, None, diagnostics, [path], io.StringIO())
