"""One run over many files: read each, lint it, then apply the run-wide checks."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from .diagnostic import Diagnostic
from .discovery import iter_markdown_files
from .engine import FileReport, Linter, sorted_diagnostics
from .rules import duplicate_article

# Called with a path that could not be read (OSError) or that frontlint failed on (a bug).
ErrorHandler = Callable[[Path, Exception], None]


@dataclass(frozen=True)
class Source:
    """A text to lint: its name in diagnostics and how to read its bytes."""

    name: str
    read: Callable[[], bytes]


@dataclass(frozen=True)
class RunResult:
    """Every diagnostic of a run, in report order, and how many files were linted."""

    diagnostics: list[Diagnostic]
    files_checked: int


def sources_for(paths: Iterable[Path], linter: Linter, on_error: ErrorHandler) -> Iterator[Source]:
    """Yield a source for every file found below ``paths`` that is not excluded."""
    for path in iter_markdown_files(list(paths), on_error):
        if not linter.settings.is_excluded(str(path)):
            yield Source(str(path), path.read_bytes)


def lint_sources(linter: Linter, sources: Iterable[Source], on_error: ErrorHandler) -> RunResult:
    """Lint every source; a source that cannot be read or linted goes to ``on_error``."""
    reports: list[FileReport] = []
    for source in sources:
        try:
            raw = source.read()
        except OSError as error:
            on_error(Path(source.name), error)
            continue
        try:
            reports.append(linter.check_bytes(raw, source.name))
        except Exception as error:  # a bug in frontlint: report it and go on with the others
            on_error(Path(source.name), error)
    reports.sort(key=lambda report: report.path)
    diagnostics = [diagnostic for report in reports for diagnostic in report.diagnostics]
    diagnostics.extend(_run_wide(linter, reports))
    return RunResult(sorted_diagnostics(diagnostics), len(reports))


def _run_wide(linter: Linter, reports: list[FileReport]) -> Iterator[Diagnostic]:
    settings = linter.settings
    for diagnostic in duplicate_article.find_duplicates(reports):
        if settings.is_selected(diagnostic.rule, diagnostic.path):
            yield replace(diagnostic, severity=settings.severity(diagnostic.rule, diagnostic.severity))
