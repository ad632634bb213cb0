"""The ``frontlint`` command: lint files and directories, print compiler-style diagnostics.

Exit status: 0 when no error was found, 1 when any error diagnostic was reported, 2 when
the command line, a schema, or a file could not be used (the other files are still linted).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from . import __version__
from .diagnostic import Diagnostic, Severity
from .discovery import iter_markdown_files
from .engine import Linter, sorted_diagnostics
from .schema import DEFAULT_SCHEMA, SchemaError, load_schema

EXIT_CLEAN = 0
EXIT_PROBLEMS = 1
EXIT_TROUBLE = 2
STDIN = "-"


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``frontlint`` command."""
    parser = argparse.ArgumentParser(
        prog="frontlint",
        description="Lint the YAML front matter of Markdown articles against a JSON Schema contract.",
        epilog="Exit status: 0 no errors, 1 errors found, 2 usage, schema or file trouble.",
    )
    parser.add_argument(
        "paths", nargs="*", metavar="PATH",
        help="files, or directories to search for *.md and *.markdown files ('-' reads stdin; default: .)",
    )
    parser.add_argument(
        "--schema", metavar="FILE",
        help="JSON or YAML schema file to check against instead of the bundled article contract",
    )
    parser.add_argument(
        "--stdin-filename", metavar="NAME",
        help="the name to show for text read from stdin (default: -)",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="do not print the summary line")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run the command with ``argv`` (default: ``sys.argv[1:]``) and return the exit status."""
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exit_:  # argparse has printed usage or --version
        return int(exit_.code or 0)
    try:
        schema = load_schema(args.schema or DEFAULT_SCHEMA)
    except SchemaError as error:
        print(f"frontlint: error: {error}", file=err)
        return EXIT_TROUBLE
    run = _Run(Linter(schema), err)
    diagnostics = run.lint(args.paths or ["."], args.stdin_filename or STDIN)
    try:
        for diagnostic in diagnostics:
            print(diagnostic.format(), file=out)
        out.flush()
    except BrokenPipeError:
        return run.exit_status(diagnostics)
    if not args.quiet:
        print(summary(diagnostics, run.files_checked), file=err)
    return run.exit_status(diagnostics)


class _Run:
    """One run over the command line's paths: counts files and remembers trouble."""

    def __init__(self, linter: Linter, err: TextIO) -> None:
        self.linter = linter
        self.err = err
        self.files_checked = 0
        self.trouble = False

    def lint(self, paths: list[str], stdin_name: str) -> list[Diagnostic]:
        diagnostics: list[Diagnostic] = []
        file_paths = [Path(path) for path in paths if path != STDIN]
        if STDIN in paths:
            diagnostics.extend(self._lint_one(stdin_name, sys.stdin.buffer.read))
        for path in iter_markdown_files(file_paths, self.report):
            diagnostics.extend(self._lint_one(str(path), path.read_bytes, path))
        return sorted_diagnostics(diagnostics)

    def _lint_one(self, name: str, read: Callable[[], bytes], path: Path | None = None) -> list[Diagnostic]:
        try:
            raw = read()
        except OSError as error:
            self.report(path or Path(name), error)
            return []
        self.files_checked += 1
        try:
            return self.linter.lint_bytes(raw, name)
        except Exception as error:  # a bug in frontlint: one line, not a traceback
            self.trouble = True
            print(f"frontlint: internal error on {name}: {type(error).__name__}: {error}", file=self.err)
            return []

    def report(self, path: Path, error: OSError) -> None:
        """Print a one-line message for a path that could not be read."""
        self.trouble = True
        reason = error.strerror or str(error)
        print(f"frontlint: error: {path}: {reason}", file=self.err)

    def exit_status(self, diagnostics: list[Diagnostic]) -> int:
        if self.trouble:
            return EXIT_TROUBLE
        if any(diagnostic.severity is Severity.ERROR for diagnostic in diagnostics):
            return EXIT_PROBLEMS
        return EXIT_CLEAN


def summary(diagnostics: list[Diagnostic], files_checked: int) -> str:
    """Return the summary line: ``3 errors, 1 warning in 2 of 120 files``."""
    files = _plural(files_checked, "file")
    if not diagnostics:
        return f"no problems found in {files}"
    errors = sum(1 for diagnostic in diagnostics if diagnostic.severity is Severity.ERROR)
    warnings = len(diagnostics) - errors
    affected = len({diagnostic.path for diagnostic in diagnostics})
    return f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')} in {affected} of {files}"


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"
