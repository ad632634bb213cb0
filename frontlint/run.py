"""One run over many files: read each, lint it, then apply the run-wide checks."""

from __future__ import annotations

import errno
import functools
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from .diagnostic import Diagnostic
from .discovery import iter_markdown_files
from .engine import FileReport, Linter, sorted_diagnostics
from .rules import duplicate_article

# Called with a path that could not be read (OSError) or that frontlint failed on (a bug).
ErrorHandler = Callable[[Path, Exception], None]


# Room beyond the front matter's own limit for the fences, a byte order mark and blank lines.
_FENCE_ROOM = 4096


@dataclass(frozen=True)
class Source:
    """A text to lint: its name in diagnostics, and how to read at most N of its bytes."""

    name: str
    read: Callable[[int], bytes]


def read_start(path: Path, size: int) -> bytes:
    """Read at most ``size`` bytes of a regular file.

    A FIFO, socket or device would block or never end: it is refused with an
    :class:`OSError`, without waiting for a writer.
    """
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        return handle.read(size)


@dataclass(frozen=True)
class RunResult:
    """Every diagnostic of a run, in report order, and how many files were linted."""

    diagnostics: list[Diagnostic]
    files_checked: int


def sources_for(paths: Iterable[Path], linter: Linter, on_error: ErrorHandler) -> Iterator[Source]:
    """Yield a source for every file found below ``paths`` that is not excluded."""
    for path in iter_markdown_files(list(paths), on_error):
        if not linter.settings.is_excluded(str(path)):
            yield Source(str(path), functools.partial(read_start, path))


def lint_sources(linter: Linter, sources: Iterable[Source], on_error: ErrorHandler) -> RunResult:
    """Lint every source; a source that cannot be read or linted goes to ``on_error``."""
    reports: list[FileReport] = []
    read_limit = linter.settings.limits.max_front_matter_bytes + _FENCE_ROOM
    for source in sources:
        try:
            raw = source.read(read_limit + 1)
        except OSError as error:
            on_error(Path(source.name), error)
            continue
        complete = len(raw) <= read_limit
        try:
            reports.append(linter.check_bytes(raw[:read_limit], source.name, complete=complete))
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
