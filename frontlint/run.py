"""One run over many files: read each, lint it, then apply the run-wide checks."""

from __future__ import annotations

import errno
import functools
import os
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import Literal, NamedTuple
from pathlib import Path

from .diagnostic import Diagnostic
from .discovery import iter_markdown_files
from .engine import FileReport, Linter, sorted_diagnostics
from .parallel import check_sources
from .rules import duplicate_article

FixMode = Literal["fix", "diff"]
# Called with a path that could not be read (OSError) or that frontlint failed on (a bug).
ErrorHandler = Callable[[Path, Exception], None]


# Room beyond the front matter's own limit for the fences, a byte order mark and blank lines.
_FENCE_ROOM = 4096


# A file that grew after its size was taken is read on in steps of this many bytes.
_READ_CHUNK = 64 * 1024

_NO_SOURCES: Mapping[str, str] = MappingProxyType({})


class Source(NamedTuple):
    """A text to lint: its name in diagnostics, and how to read at most N of its bytes."""

    name: str
    read: Callable[[int], bytes]
    shareable: bool = True  # False for stdin: only this process can read it


def read_start(path: str | Path, size: int) -> bytes:
    """Read at most ``size`` bytes of a regular file.

    A FIFO, socket or device would block or never end: it is refused with an
    :class:`OSError`, without waiting for a writer. The file is read with as many bytes
    asked for as it holds (plus one, to see it grow), not ``size``: asking a 2 MiB
    limit of a 7 KiB file made every read allocate and free 2 MiB.
    """
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        return _read_up_to(descriptor, size, status.st_size + 1)
    finally:
        os.close(descriptor)


def _read_up_to(descriptor: int, size: int, expected: int) -> bytes:
    """Read until end of file or ``size`` bytes, asking first for the ``expected`` bytes."""
    parts: list[bytes] = []
    total, first = 0, min(size, expected)
    while total < size:
        part = os.read(descriptor, first - total if total < first else min(size - total, _READ_CHUNK))
        if not part:
            break
        parts.append(part)
        total += len(part)
    return parts[0] if len(parts) == 1 else b"".join(parts)


class RunResult(NamedTuple):
    """What a run found: every diagnostic in report order, and how many files it linted.

    ``files`` names them, in report order, when the run was asked to keep their names
    (a JUnit report and baselines need them; nothing else does). With fixing on, ``fixed`` counts the diagnostics fixed and ``diffs`` holds a unified
    diff per changed file. ``sources`` holds each file's text when it was asked to be kept
    (to show source lines).
    """

    diagnostics: list[Diagnostic]
    files_checked: int
    files: Sequence[str] = ()
    fixed: int = 0
    diffs: Sequence[str] = ()
    sources: Mapping[str, str] = _NO_SOURCES


def sources_for(paths: Iterable[Path], linter: Linter, on_error: ErrorHandler) -> Iterator[Source]:
    """Yield a source for every file found below ``paths`` that is not excluded."""
    for path in iter_markdown_files(list(paths), on_error):
        if not linter.settings.is_excluded(path):
            yield Source(path, functools.partial(read_start, path))


class InternalError(Exception):
    """frontlint failed on a file (a bug): the original error's type and message, picklable."""


class SourceOutcome(NamedTuple):
    """What checking one source gave: its report, or the error that stopped it."""

    name: str
    report: FileReport | None
    error: Exception | None = None
    fixed: int = 0
    diff: str = ""
    text: str | None = None


def check_source(linter: Linter, source: Source, fix: FixMode | None, keep_source: bool) -> SourceOutcome:
    """Read, lint and (with ``fix``) fix one source. Never raises: errors are in the outcome."""
    read_limit = linter.settings.limits.max_front_matter_bytes + _FENCE_ROOM
    try:
        raw = source.read(read_limit + 1)
        complete = len(raw) <= read_limit
        raw = raw[:read_limit]
        text = raw.decode("utf-8", "replace").removeprefix("\ufeff") if keep_source else None
        if fix is None or not complete:
            return SourceOutcome(source.name, linter.check_bytes(raw, source.name, complete=complete), text=text)
        from .fixer import fix_file  # only a fixing run needs it

        outcome = fix_file(linter, raw, source.name)
        if outcome.new_bytes is not None and fix == "fix":
            from .atomic import write_atomically

            write_atomically(Path(source.name), outcome.new_bytes)
        return SourceOutcome(source.name, outcome.report, None, outcome.fixed, outcome.diff, text)
    except OSError as error:
        return SourceOutcome(source.name, None, error)
    except Exception as error:  # a bug in frontlint: report it and go on with the others
        return SourceOutcome(source.name, None, InternalError(f"{type(error).__name__}: {error}"))


def lint_sources(
    linter: Linter,
    sources: Iterable[Source],
    on_error: ErrorHandler,
    fix: FixMode | None = None,
    keep_sources: bool = False,
    jobs: int = 1,
    keep_names: bool = True,
) -> RunResult:
    """Lint every source, in ``jobs`` processes; one that cannot be read or linted goes to ``on_error``.

    ``fix`` is ``"fix"`` to write fixes into the files, ``"diff"`` to only compute the diffs
    they would make. A file read only in part (over the size limit) is never fixed. The
    result is the same, in the same order, whatever the number of processes.

    Memory stays flat in the number of files: of a file without problems, only a 16-byte
    digest of its normalised ``webUrl`` with its name and line is kept (for
    ``duplicate-article``), and its name with ``keep_names``.
    """
    diagnostics: list[Diagnostic] = []
    names: list[str] = []
    web_urls = duplicate_article.WebUrlIndex()
    settings = linter.settings
    checked, fixed, diffs, texts = 0, 0, [], {}
    for outcome in check_sources(linter, sources, fix, keep_sources, jobs):
        if outcome.error is not None:
            on_error(Path(outcome.name), outcome.error)
            continue
        report = outcome.report
        assert report is not None
        checked += 1
        if keep_names:
            names.append(report.path)
        diagnostics.extend(report.diagnostics)
        if report.web_url is not None:
            duplicate = web_urls.add(report.path, report.web_url)
            if duplicate is not None and settings.is_selected(duplicate.rule, duplicate.path):
                diagnostics.append(duplicate._replace(severity=settings.severity(duplicate.rule, duplicate.severity)))
        fixed += outcome.fixed
        if outcome.diff:
            diffs.append((outcome.name, outcome.diff))
        if outcome.text is not None:
            texts[outcome.name] = outcome.text
    return RunResult(
        sorted_diagnostics(diagnostics), checked, sorted(names), fixed, [diff for _, diff in sorted(diffs)], texts
    )

