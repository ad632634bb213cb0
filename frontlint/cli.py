"""The ``frontlint`` command: lint files and directories, print compiler-style diagnostics.

Exit status: 0 when no error was found, 1 when any error diagnostic was reported, 2 when
the command line, the configuration, a schema, or a file could not be used (the other files
are still linted).
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from . import __version__
from .checks import BUILTIN_CHECKS, SCHEMA_CHECK
from .config import ConfigError, find_config, load_config, parse_now, parse_selectors
from .diagnostic import Diagnostic, Severity
from .engine import Linter
from .rules import ALL_RULES_BY_ID, RULES, DocumentedCheck, documentation, summary
from .rules import duplicate_article
from .run import Source, lint_sources, sources_for
from .schema import DEFAULT_SCHEMA, SchemaError, load_schema
from .settings import Settings

EXIT_CLEAN = 0
EXIT_PROBLEMS = 1
EXIT_TROUBLE = 2
STDIN = "-"
SUBCOMMANDS = ("rules", "rule")


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``frontlint`` command."""
    parser = argparse.ArgumentParser(
        prog="frontlint",
        description="Lint the YAML front matter of Markdown articles against a JSON Schema contract "
        "and rules. 'frontlint rules' lists the rules; 'frontlint rule ID' shows one's documentation.",
        epilog="Exit status: 0 no errors, 1 errors found, 2 usage, configuration, schema or file trouble.",
    )
    parser.add_argument(
        "paths", nargs="*", metavar="PATH",
        help="files, or directories to search for *.md and *.markdown files ('-' reads stdin; default: .)",
    )
    parser.add_argument("--schema", metavar="FILE", help="JSON or YAML schema file to check against instead of the bundled article contract")
    parser.add_argument("--config", metavar="FILE", help="read settings from this frontlint.toml or pyproject.toml instead of searching for one")
    parser.add_argument("--isolated", action="store_true", help="ignore configuration files")
    parser.add_argument("--select", metavar="IDS", help="comma-separated rule ids or prefixes to check (replaces the configured selection)")
    parser.add_argument("--extend-select", metavar="IDS", help="comma-separated rule ids or prefixes to check in addition")
    parser.add_argument("--ignore", metavar="IDS", help="comma-separated rule ids or prefixes not to report")
    parser.add_argument("--now", metavar="DATETIME", help="the current time for date rules, e.g. 2024-01-01T00:00:00Z (for reproducible runs)")
    parser.add_argument("--stdin-filename", metavar="NAME", help="the name to show for text read from stdin (default: -)")
    parser.add_argument("-q", "--quiet", action="store_true", help="do not print the summary line")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run the command with ``argv`` (default: ``sys.argv[1:]``) and return the exit status."""
    out = _tolerant(stdout or sys.stdout)
    err = _tolerant(stderr or sys.stderr)
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments and arguments[0] in SUBCOMMANDS and not Path(arguments[0]).exists():
        return _rules_command(arguments, out, err)
    try:
        args = build_parser().parse_args(arguments)
    except SystemExit as exit_:  # argparse has printed usage or --version
        return int(exit_.code or 0)
    try:
        settings = _settings(args)
        schema = load_schema(args.schema or settings.schema or DEFAULT_SCHEMA)
    except (ConfigError, SchemaError) as error:
        print(f"frontlint: error: {error}", file=err)
        return EXIT_TROUBLE
    trouble: list[str] = []

    def report(path: Path, error: Exception) -> None:
        trouble.append(str(path))
        if isinstance(error, OSError):
            reason = error.strerror or str(error)
        else:
            reason = f"internal error, please report it: {type(error).__name__}: {error}"
        print(f"frontlint: error: {path}: {reason}", file=err)

    linter = Linter(schema, settings)
    paths = args.paths or ["."]
    sources = [Source(args.stdin_filename or STDIN, sys.stdin.buffer.read)] if STDIN in paths else []
    sources.extend(sources_for([Path(path) for path in paths if path != STDIN], linter, report))
    result = lint_sources(linter, sources, report)
    try:
        out.writelines(diagnostic.format() + "\n" for diagnostic in result.diagnostics)
        out.flush()
    except BrokenPipeError:  # the reader (| head) has gone: stop quietly
        sys.stdout = None  # type: ignore[assignment, unused-ignore]
    if not args.quiet:
        print(summary_line(result.diagnostics, result.files_checked), file=err)
    if trouble:
        return EXIT_TROUBLE
    if any(diagnostic.severity is Severity.ERROR for diagnostic in result.diagnostics):
        return EXIT_PROBLEMS
    return EXIT_CLEAN


def _tolerant(stream: TextIO) -> TextIO:
    """Let a stream print any path: file names that are not UTF-8 reach Python as surrogates."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        utf8 = (getattr(stream, "encoding", "") or "").lower().replace("-", "") == "utf8"
        reconfigure(errors="surrogateescape" if utf8 else "backslashreplace")
    return stream


def _settings(args: argparse.Namespace) -> Settings:
    """Merge the configuration file (if any) with the command line, which wins."""
    settings = Settings()
    if args.config:
        settings = load_config(Path(args.config))
    elif not args.isolated:
        start = next((Path(path) for path in args.paths if path != STDIN), Path(os.getcwd()))
        found = find_config(start.resolve())
        if found is not None:
            settings = load_config(found)
    changes: dict[str, Any] = {}
    if args.select is not None:
        changes["select"] = parse_selectors(args.select, "--select")
    if args.extend_select:
        changes["extend_select"] = settings.extend_select + parse_selectors(args.extend_select, "--extend-select")
    if args.ignore:
        changes["ignore"] = settings.ignore + parse_selectors(args.ignore, "--ignore")
    if args.now:
        changes["now"] = parse_now(args.now, "--now")
    return dataclasses.replace(settings, **changes) if changes else settings


def summary_line(diagnostics: list[Diagnostic], files_checked: int) -> str:
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


def rule_table() -> list[tuple[str, str, str, str]]:
    """Return (id, default severity, fixable, summary) for every id a diagnostic can carry."""
    checks: list[DocumentedCheck] = [*RULES, duplicate_article, *BUILTIN_CHECKS, SCHEMA_CHECK]
    return [
        (
            check.ID + ("/*" if check is SCHEMA_CHECK else ""),
            str(check.SEVERITY),
            "yes" if check.FIXABLE else "no",
            summary(check),
        )
        for check in checks
    ]


def _rules_command(arguments: list[str], out: TextIO, err: TextIO) -> int:
    if arguments[0] == "rules":
        if len(arguments) != 1:
            print("usage: frontlint rules", file=err)
            return EXIT_TROUBLE
        rows = rule_table()
        width = max(len(row[0]) for row in rows)
        out.write(f"{'id':<{width}}  {'severity':<8}  fix  summary\n")
        for rule_id, severity, fixable, text in rows:
            out.write(f"{rule_id:<{width}}  {severity:<8}  {fixable:<3}  {text}\n")
        return EXIT_CLEAN
    if len(arguments) != 2:
        print("usage: frontlint rule ID", file=err)
        return EXIT_TROUBLE
    rule_id = arguments[1]
    checks: dict[str, DocumentedCheck] = {
        **ALL_RULES_BY_ID, **{check.ID: check for check in BUILTIN_CHECKS}, "schema": SCHEMA_CHECK,
    }
    check = checks.get(rule_id) or (SCHEMA_CHECK if rule_id.startswith("schema/") else None)
    if check is None:
        print(f"frontlint: error: unknown rule {rule_id!r} (see 'frontlint rules')", file=err)
        return EXIT_TROUBLE
    out.write(f"# {check.ID} ({check.SEVERITY}{', fixable' if check.FIXABLE else ''})\n\n{documentation(check)}\n")
    return EXIT_CLEAN
