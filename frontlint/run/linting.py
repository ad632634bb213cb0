"""One run over many files: read each, check it, then apply the run-wide checks."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Literal, NamedTuple

from frontlint.checking.engine import FileReport, Linter, RuleFailed, sorted_diagnostics
from frontlint.config.loading import ConfigError
from frontlint.config.project import LinterKey
from frontlint.diagnostic import Diagnostic
from frontlint.registry import RUN_RULES
from frontlint.rule_support.base import RunWideIndex
from frontlint.run.parallel import Handling, Work, ordered_map
from frontlint.run.sources import ErrorHandler, Linters, Source, as_project
from frontlint.schema.loading import SchemaError

FixMode = Literal["fix", "diff"]


# Room beyond the front matter's own limit for the fences, a byte order mark and blank lines.
_FENCE_ROOM = 4096


_NO_SOURCES: Mapping[str, str] = MappingProxyType({})


class RunResult(NamedTuple):
    """What a run found: every diagnostic in report order, and how many files it linted.

    ``files`` names them, in report order, when the run was asked to keep their names
    (a JUnit report and baselines need them; nothing else does). With fixing on, ``fixed`` counts the diagnostics fixed and ``diffs`` holds a unified
    diff per changed file. ``sources`` holds each file's text when it was asked to be kept
    (to show source lines). ``records`` counts the records of the JSON Lines files linted.
    """

    diagnostics: list[Diagnostic]
    files_checked: int
    files: Sequence[str] = ()
    fixed: int = 0
    diffs: Sequence[str] = ()
    sources: Mapping[str, str] = _NO_SOURCES
    records: int = 0


class InternalError(Exception):
    """frontlint failed on a file (a bug): the original error's type and message, the rule that raised it, its traceback.

    ``str()`` is the original error's type and message (``KeyError: 'x'``); ``rule`` is the id
    of the rule that raised it, ``None`` when the error was not a rule's; ``traceback`` is the
    original error's whole traceback as Python prints it. All three are text, so the error
    crosses from a worker process whole; the traceback is also the ``__cause__`` (an
    :class:`OriginalTraceback`), so that an ``InternalError`` left uncaught prints it, as
    :mod:`concurrent.futures` does for an error in a worker.
    """

    def __init__(self, message: str, rule: str | None = None, traceback: str = "") -> None:
        super().__init__(message)
        self.rule = rule
        self.traceback = traceback
        if traceback:
            self.__cause__ = OriginalTraceback(traceback)

    def __reduce__(self) -> tuple[type[InternalError], tuple[str, str | None, str]]:
        return InternalError, (str(self), self.rule, self.traceback)

    @property
    def headline(self) -> str:
        """What failed, as the command and the language server say it: ``internal error in rule url-insecure``."""
        return f"internal error in rule {self.rule}" if self.rule else "internal error"


class OriginalTraceback(Exception):
    """The traceback, as text, of the error an :class:`InternalError` stands for."""

    def __str__(self) -> str:
        return f'\n"""\n{self.args[0]}"""'


def internal_error(error: Exception) -> InternalError:
    """The :class:`InternalError` of an unexpected ``error``; a :class:`RuleFailed` stands for the error its rule raised."""
    import traceback  # deferred: only when frontlint fails: 3.6 ms

    failed = error.__cause__ if isinstance(error, RuleFailed) and error.__cause__ is not None else error
    rule = error.rule if isinstance(error, RuleFailed) else None
    text = "".join(traceback.format_exception(type(failed), failed, failed.__traceback__))
    return InternalError(f"{type(failed).__name__}: {failed}", rule, text)


class NotFixed(Exception):
    """A file ``--fix`` did not write, and why, in a few words (``the file is read-only``).

    An error: the run exits 2. The file's problems are still reported. It holds one
    argument, so that it crosses from a worker process to the parent.
    """

    severity = "error"


class LinkNotFixed(NotFixed):
    """A symbolic link found by walking a directory, not written through: a warning only."""

    severity = "warning"


class SourceOutcome(NamedTuple):
    """What checking one source gave: its report, or the error that stopped it, or both.

    Both when the file was linted but its fixes were not written (``error`` is a
    :class:`NotFixed`): ``report`` then holds the problems of the file as it was read, and
    ``fixed`` is 0.
    """

    name: str
    report: FileReport | None
    error: Exception | None = None
    fixed: int = 0
    diff: str = ""
    text: str | None = None
    key: LinterKey | None = None


def check_source(linters: Linters, source: Source, fix: FixMode | None, keep_source: bool) -> SourceOutcome:
    """Read, lint and (with ``fix``) fix one source. Never raises: errors are in the outcome.

    A linter that cannot be built here (a worker process reads a configuration again) is
    that file's error.
    """
    try:
        linter = linters if isinstance(linters, Linter) else linters.linter(source.key)
    except (ConfigError, SchemaError) as error:
        return SourceOutcome(source.name, None, error, key=source.key)
    return _check_source_with(linter, source, fix, keep_source)._replace(key=source.key)


def _check_source_with(linter: Linter, source: Source, fix: FixMode | None, keep_source: bool) -> SourceOutcome:
    """:func:`check_source` once the source's linter is known."""
    read_limit = linter.settings.limits.max_front_matter_bytes + _FENCE_ROOM
    try:
        if source.stream is not None:  # JSON Lines: read whole, nothing to fix
            # deferred: only JSON Lines input needs it: 2.5 ms
            from frontlint.run.json_lines_source import check_json_lines_source

            report, text = check_json_lines_source(linter, source, keep_source)
            return SourceOutcome(source.name, report, text=text)
        raw = source.read(read_limit + 1)
        complete = len(raw) <= read_limit
        raw = raw[:read_limit]
        text = raw.decode("utf-8", "replace").removeprefix("\ufeff") if keep_source else None
        if fix is None or not complete:
            report = linter.check_bytes(raw, source.name, complete=complete)
            unfixed = fix is not None and any(diagnostic.fix is not None for diagnostic in report.diagnostics)
            return SourceOutcome(source.name, report, _too_large_to_fix(read_limit) if unfixed else None, text=text)
        # deferred: only a fixing run needs it: fix.fixer costs 9.7 ms (dataclasses, inspect)
        from frontlint.fix.fixer import fix_file

        outcome = fix_file(linter, raw, source.name)
        if outcome.new_bytes is not None:
            try:
                check_writable_through(source)  # --diff shows only what --fix would write
                if fix == "fix":
                    write_fix(source, outcome.new_bytes, raw)
            except NotFixed as error:  # the problems of the file as it was read are reported
                return SourceOutcome(source.name, linter.check_bytes(raw, source.name), error, text=text)
        return SourceOutcome(source.name, outcome.report, None, outcome.fixed, outcome.diff, text)
    except OSError as error:
        return SourceOutcome(source.name, None, error)
    except Exception as error:  # a bug in frontlint: report it and go on with the others
        return SourceOutcome(source.name, None, internal_error(error))


def _too_large_to_fix(read_limit: int) -> NotFixed:
    """Why a file read only in part is not fixed: what is not read cannot be written back."""
    return NotFixed(
        f"the file is larger than {read_limit:,} bytes (max-front-matter-bytes + {_FENCE_ROOM:,}), and only its start is read"
    )


def check_writable_through(source: Source) -> None:
    """Raise :class:`LinkNotFixed` for a symbolic link found by walking a directory: ``--fix`` writes through links named only."""
    if not source.named and os.path.islink(source.name):
        raise LinkNotFixed("it is a symbolic link (name it explicitly to fix the file it points to)")


def write_fix(source: Source, data: bytes, original: bytes) -> None:
    """Write the fixed ``data`` of a file read as ``original``, or raise :class:`NotFixed` saying why not.

    A symbolic link is written through (its target is fixed, the link stays) only when the
    file was named itself (``source.named``); one found by walking a directory is not
    (:class:`LinkNotFixed`, a warning), so ``--fix`` never writes outside the tree through
    a link. Only the path's last component is checked: a file reached through a linked
    directory is written like any other. Everything
    :func:`~frontlint.fix.atomic_write.write_atomically` refuses (a read-only file, hard links, an
    owner that cannot be kept, a file changed since it was read) or fails at is a
    :class:`NotFixed` error with its reason.
    """
    check_writable_through(source)
    # deferred: only --fix writes files: fix.atomic_write costs 1.3 ms
    from frontlint.fix.atomic_write import write_atomically

    try:
        write_atomically(Path(source.name), data, expected=original)
    except OSError as error:
        raise NotFixed(error.strerror or str(error)) from None


def check_sources(
    linters: Linters,
    sources: Iterable[Source],
    on_error: ErrorHandler,
    fix: FixMode | None = None,
    keep_sources: bool = False,
    jobs: int = 1,
    keep_names: bool = True,
    on_progress: Callable[[], None] | None = None,
) -> RunResult:
    """Check every source, in ``jobs`` processes; one that cannot be read or checked goes to ``on_error``.

    ``fix`` is ``"fix"`` to write fixes into the files, ``"diff"`` to only compute the diffs
    they would make. A file read only in part (over the size limit) is never fixed. The
    result is the same, in the same order, whatever the number of processes. If a worker
    process dies, ``on_error`` is called once, with the first file it held and a
    :class:`~frontlint.run.parallel.WorkerDied` that counts the files not checked.

    Memory stays flat in the number of files: of a file without problems, only what the
    run-wide rules keep (for ``duplicate-article``, a 16-byte digest of its normalised
    ``webUrl`` with its name and line) is kept, and its name with ``keep_names`` or when its
    configuration names a ``baseline``. Each file's run-wide diagnostics follow its own settings.
    ``on_progress`` is called once for every source done, linted or not (a progress bar).
    """
    diagnostics: list[Diagnostic] = []
    names: list[str] = []
    indexes = {rule.id: rule.run_wide.index() for rule in RUN_RULES if rule.run_wide is not None}
    project = as_project(linters)
    checked, fixed, diffs, texts, records = 0, 0, [], {}, 0
    outcomes = source_outcomes(project, sources, fix, keep_sources, jobs)
    # Closed at once when anything goes wrong (Ctrl-C too): that stops the worker processes.
    with contextlib.closing(outcomes):
        for outcome in outcomes:
            if on_progress is not None:
                on_progress()
            if outcome.error is not None:
                on_error(Path(outcome.name), outcome.error)
            report = outcome.report
            if report is None:
                continue
            checked += 1
            records += report.record_count
            linter = project.linter(outcome.key)
            if keep_names or linter.settings.baseline is not None:
                names.append(report.path)
            diagnostics.extend(report.diagnostics)
            try:
                diagnostics.extend(_run_wide(report, indexes, linter))
            except RuleFailed as error:
                on_error(Path(outcome.name), internal_error(error))
            fixed += outcome.fixed
            if outcome.diff:
                diffs.append((outcome.name, outcome.diff))
            if outcome.text is not None:
                texts[outcome.name] = outcome.text
    ordered_diffs = [diff for _, diff in sorted(diffs)]
    return RunResult(sorted_diagnostics(diagnostics), checked, sorted(names), fixed, ordered_diffs, texts, records)


def source_outcomes(
    linters: Linters, sources: Iterable[Source], fix: FixMode | None, keep_sources: bool, jobs: int
) -> Generator[SourceOutcome, None, None]:
    """Each source's outcome, in order, checked in up to ``jobs`` worker processes (see :func:`frontlint.run.parallel.ordered_map`).

    A source only this process can read (stdin) is checked here. If a worker dies, the last
    outcome is one whose error is a :class:`~frontlint.run.parallel.WorkerDied`. Close the
    iterator (or exhaust it) to stop the workers.
    """
    return ordered_map(Work(check_source_in_run, (linters, fix, keep_sources)), sources, jobs, _HANDLING)


def check_source_in_run(work: tuple[Linters, FixMode | None, bool], source: Source) -> SourceOutcome:
    """:func:`check_source` with the run's constant arguments first: what a worker process does to each source."""
    linters, fix, keep_source = work
    return check_source(linters, source, fix, keep_source)


# How the parallel map treats sources: stdin only here; a dead worker is the error of its first file.
_HANDLING: Handling[Source, SourceOutcome] = Handling(
    lambda source: source.shareable, lambda source: source.name, lambda died: SourceOutcome(died.example, None, died)
)


def _run_wide(report: FileReport, indexes: Mapping[str, RunWideIndex], linter: Linter) -> Iterator[Diagnostic]:
    """Add a file's records to the run-wide rules' indexes; yield what they report, as the file's settings say."""
    for rule_id, records in (report.records or {}).items():
        try:
            found = [found for record in records for found in indexes[rule_id].add(report.path, record)]
        except Exception as error:  # a bug in the rule: RuleFailed names it, as the engine does for a file's rules
            raise RuleFailed(rule_id) from error
        for each in found:
            diagnostic = linter.finaliser.run_wide_diagnostic(each)
            if diagnostic is not None:
                yield diagnostic
