"""The ``frontlint`` command: lint files and directories, print compiler-style diagnostics.

Exit status: 0 when no error was found (a run that finds no Markdown file says so on stderr
and exits 0, as ruff does), 1 when any error diagnostic was reported, 2 when
the command line, the configuration, a schema, or a file could not be used (the other files
are still linted), a worker process died, or the report could not be written (stdout
closed, ``>&-``); 130 after Ctrl-C (SIGINT) and 143 after SIGTERM (128 + the signal's number,
as a shell reports a command a signal ended). A reader that goes away (``frontlint . | head -1``)
ends the output quietly and leaves the exit status as the run found it.

Everything printed for people that others control (file names, messages, keys) is shown
through :mod:`frontlint.text.terminal_safe`: control characters and bidirectional overrides as
escapes, a file name that needs them quoted.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import gc
import io
import itertools
import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, TYPE_CHECKING, TextIO

from frontlint.baseline.per_configuration import apply_baselines, load_named, prepare_write, write_named
from frontlint.cli.init_command import INIT_SUBCOMMAND, init_command
from frontlint.cli.lsp_command import LSP_SUBCOMMAND, lsp_command
from frontlint.cli.rules_command import SUBCOMMANDS, rules_command
from frontlint.cli.schema_command import SCHEMA_SUBCOMMAND, schema_command
from frontlint.cli.status import EXIT_CLEAN, EXIT_INTERRUPTED, EXIT_PROBLEMS, EXIT_TERMINATED, EXIT_TROUBLE
from frontlint.cli.summary import plural, statistics, summary_line
from frontlint.cli.terminal import ClosedStream, HelpFormatter, Stderr, emit, print_to_stdout, tolerant
from frontlint.config.loading import ConfigError, parse_now, parse_selectors, selects_nothing
from frontlint.config.project import Overrides, Project
from frontlint.diagnostic import Diagnostic, Severity
from frontlint.reporters import OUTPUT_FORMATS, REPORTERS, ReportContext, output_format, use_color
from frontlint.run.discovery import MARKDOWN_SUFFIXES, force_excluded, searchable_directory
from frontlint.run.linting import FixMode, InternalError, NotFixed, RunResult, check_sources, internal_error
from frontlint.run.parallel import WorkerDied, default_jobs
from frontlint.run.sources import INPUT_FORMATS, Source, is_json_lines, sources_for
from frontlint.schema.contract import SchemaError
from frontlint.text.terminal_safe import shown_path, visible
from frontlint.version import __version__

if TYPE_CHECKING:  # imported only when --baseline or --write-baseline is given
    from frontlint.baseline.store import Baseline


# --color: auto follows NO_COLOR, FORCE_COLOR and whether stdout is a terminal; the others win over them.
COLOR_MODES = ("auto", "always", "never")

# New container objects the cycle collector waits for in a lint run (Python's default: 700).
YOUNG_OBJECTS_PER_COLLECTION = 10_000

STDIN = "-"
# Set (not empty, not 0): internal errors show their whole traceback, as --show-traceback does.
DEBUG_VARIABLE = "FRONTLINT_DEBUG"
NOTHING_SELECTED = (
    "select, extend-select and ignore leave no rule selected: only front matter that cannot be read is reported"
)
NO_FILES = "no Markdown files found (see include, exclude and .gitignore: frontlint --show-settings PATH)"


@contextlib.contextmanager
def collecting_garbage_less_often(young_objects: int = YOUNG_OBJECTS_PER_COLLECTION) -> Iterator[None]:
    """Let the cycle collector wait for ``young_objects`` new containers, not Python's 700.

    Every file's node tree and data are a few hundred containers that reference counting
    frees as soon as the file is done: collecting after every 700 made the collector scan
    them again and again (5 % of a run's time). Cycles are still collected, later. The
    thresholds are restored afterwards, for callers of :func:`main` in their own process.
    """
    thresholds = gc.get_threshold()
    gc.set_threshold(young_objects, *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``frontlint`` command."""
    parser = argparse.ArgumentParser(
        prog="frontlint",
        formatter_class=HelpFormatter,
        description="Lint the YAML front matter of Markdown articles against a JSON Schema contract "
        "and rules. 'frontlint rules' lists the rules; 'frontlint rule ID' shows one's documentation; "
        "'frontlint lsp' starts the language server for editors; 'frontlint schema [NAME]' prints a bundled "
        "schema; 'frontlint init' writes a configuration for a site checkout. A file named like a subcommand "
        "is linted with '--' first: 'frontlint -- init'.",
        epilog="Exit status: 0 no errors, 1 errors found, 2 usage, configuration, schema, file or "
        "worker process trouble; 130 interrupted (Ctrl-C), 143 terminated (SIGTERM).",
    )
    _add_run_arguments(parser)
    _add_output_arguments(parser)
    _add_status_and_fix_arguments(parser)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def _add_run_arguments(parser: argparse.ArgumentParser) -> None:
    """The paths, and what to check them with: schema, configuration, selection, time, processes."""
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        type=_file_name,
        help="files, or directories to search for *.md and *.markdown files ('-' reads stdin; default: .); "
        "a file named *.jsonl or *.ndjson is read as JSON Lines, one record a line",
    )
    parser.add_argument(
        "--input-format",
        choices=INPUT_FORMATS,
        default="auto",
        help="how files named and stdin are read: auto (by suffix: *.jsonl and *.ndjson as JSON Lines, "
        "others as Markdown), markdown, or jsonl (default: auto; files found in directories go by suffix)",
    )
    parser.add_argument(
        "--schema",
        metavar="FILE",
        type=_file_name,
        help="JSON or YAML schema file to check every file against (instead of schema and per-file-schemas)",
    )
    parser.add_argument(
        "--config",
        metavar="FILE",
        type=_file_name,
        help="use this frontlint.toml or pyproject.toml for every file instead of each file's nearest one",
    )
    parser.add_argument("--isolated", action="store_true", help="ignore configuration files")
    _add_selection_arguments(parser)


def _add_selection_arguments(parser: argparse.ArgumentParser) -> None:
    """Which files and rules, at what time, in how many processes: the flags that win over a configuration's keys."""
    parser.add_argument(
        "--force-exclude",
        action="store_true",
        help="leave out files named on the command line that exclude, extend-exclude or .gitignore leave out (for pre-commit)",
    )
    parser.add_argument(
        "--select",
        metavar="IDS",
        help="comma-separated rule ids or prefixes to check (replaces the configured selection)",
    )
    parser.add_argument(
        "--extend-select", metavar="IDS", help="comma-separated rule ids or prefixes to check in addition"
    )
    parser.add_argument("--ignore", metavar="IDS", help="comma-separated rule ids or prefixes not to report")
    parser.add_argument(
        "--now",
        metavar="DATETIME",
        help="the current time for date rules, e.g. 2024-01-01T00:00:00Z (for reproducible runs)",
    )
    parser.add_argument(
        "--jobs",
        "-j",
        type=_positive_int,
        metavar="N",
        help="processes to lint with, at most the number of CPUs this process may use "
        "(default: that number; runs of fewer than 64 files use one)",
    )
    parser.add_argument(
        "--stdin-filename", metavar="NAME", help="the name to show for text read from stdin (default: -)"
    )


def _add_output_arguments(parser: argparse.ArgumentParser) -> None:
    """What the report looks like and where it goes; what to show instead of linting."""
    output = parser.add_argument_group("output")
    output.add_argument(
        "--format",
        choices=sorted(fmt.name for fmt in OUTPUT_FORMATS),
        help="report format (default: text; github when GITHUB_ACTIONS=true): "
        + "; ".join(f"{fmt.name} for {fmt.audience}" for fmt in OUTPUT_FORMATS),
    )
    output.add_argument(
        "--output-file", metavar="FILE", type=_file_name, help="write the report to FILE instead of stdout"
    )
    showing = _formats_that_show_source()
    output.add_argument("--show-source", action="store_true", help=f"{showing}: show the source line, a caret and help")
    output.add_argument(
        "--color",
        choices=COLOR_MODES,
        default="auto",
        help=f"{showing}: colour the report (default: auto, on a terminal unless NO_COLOR is set, or if FORCE_COLOR is)",
    )
    output.add_argument("--statistics", action="store_true", help="print counts per rule (to stderr)")
    output.add_argument(
        "--show-traceback",
        action="store_true",
        help=f"on an internal error, print its whole traceback to stderr (also when {DEBUG_VARIABLE}=1)",
    )
    output.add_argument("-q", "--quiet", action="store_true", help="do not print the summary line or a progress bar")
    output.add_argument(
        "--show-files", action="store_true", help="list the files that would be linted, one a line, and exit"
    )
    output.add_argument(
        "--show-settings",
        metavar="FILE",
        type=_file_name,
        help="print the settings resolved for FILE (configuration file, schema, rules, patterns, limits) and exit",
    )


def _formats_that_show_source() -> str:
    """``text format``: the formats ``--show-source`` and ``--color`` change, for their help."""
    names = [fmt.name for fmt in OUTPUT_FORMATS if fmt.shows_source]
    return f"{', '.join(names)} format{'s' if len(names) > 1 else ''}"


def _add_status_and_fix_arguments(parser: argparse.ArgumentParser) -> None:
    """What fails the run; fixing and baselines."""
    status = parser.add_argument_group("exit status")
    status.add_argument("--exit-zero", action="store_true", help="exit 0 even when errors are found")
    status.add_argument("--strict", action="store_true", help="warnings fail the run too (exit 1)")
    fixing = parser.add_argument_group("fixing and baselines")
    fixing.add_argument("--fix", action="store_true", help="write the unambiguous fixes into the files")
    fixing.add_argument("--diff", action="store_true", help="print the fixes as a unified diff; write nothing")
    fixing.add_argument(
        "--baseline", metavar="FILE", type=_file_name, help="hide the problems recorded in FILE; report only new ones"
    )
    fixing.add_argument("--write-baseline", metavar="FILE", type=_file_name, help="record the current problems in FILE")


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected at least 1, got {value}")
    return value


def _file_name(text: str) -> str:
    """A file name from the command line: an empty one (an unset ``$VARIABLE``) is refused, never read as ``.``."""
    if not text:
        raise argparse.ArgumentTypeError("expected a file name, got ''")
    return text


class Terminated(BaseException):
    """SIGTERM reached the command: raised wherever it was, like KeyboardInterrupt for SIGINT."""


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run the command with ``argv`` (default: ``sys.argv[1:]``) and return the exit status.

    Ctrl-C (SIGINT) and SIGTERM end the run with one line on stderr and status 130 or 143;
    worker processes are stopped first. SIGTERM is caught only while ``main`` runs, and only
    in the main thread (where Python lets a program catch signals).
    """
    try:
        with _raising_on_sigterm():
            return _main(argv, stdout, stderr)
    except KeyboardInterrupt:
        _last_word("frontlint: interrupted", stderr)
        return EXIT_INTERRUPTED
    except Terminated:
        _last_word("frontlint: terminated", stderr)
        return EXIT_TERMINATED


@contextlib.contextmanager
def _raising_on_sigterm() -> Iterator[None]:
    """Turn SIGTERM into :class:`Terminated` for the duration, then restore the handler before."""
    try:
        previous = signal.signal(signal.SIGTERM, _terminated)
    except ValueError:  # not the main thread: leave signals to the program that has it
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL if previous is None else previous)


def _terminated(signum: int, frame: object) -> None:
    raise Terminated


def _last_word(line: str, stderr: TextIO | None) -> None:
    """Say why the run stopped, on stderr if there is one that can still be written."""
    stream = stderr or sys.stderr
    if stream is None:  # stderr closed (2>&-)
        return
    try:
        print(line, file=stream, flush=True)
    except (OSError, ValueError):  # gone or closed: nowhere to tell
        pass


def _main(argv: Sequence[str] | None, stdout: TextIO | None, stderr: TextIO | None) -> int:
    out = tolerant(stdout or sys.stdout or ClosedStream())
    err = Stderr(tolerant(stderr or sys.stderr or io.StringIO()))  # stderr closed (2>&-): nowhere to tell
    arguments = list(sys.argv[1:] if argv is None else argv)
    # A subcommand's name first is the subcommand, even where a file has its name: '--' first lints such a file.
    if arguments and arguments[0] in SUBCOMMANDS:
        return rules_command(arguments, out, err)
    if arguments and arguments[0] == LSP_SUBCOMMAND:
        return lsp_command(arguments, err)
    if arguments and arguments[0] == SCHEMA_SUBCOMMAND:
        return schema_command(arguments, out, err)
    if arguments and arguments[0] == INIT_SUBCOMMAND:
        return init_command(arguments, out, err, _main)
    parser = build_parser()
    try:
        args = parser.parse_args(arguments)
        _check_combinations(parser, args)
    except SystemExit as exit_:  # argparse has printed usage or --version
        return int(exit_.code or 0)
    try:
        return _lint(args, out, err)
    except (ConfigError, SchemaError) as error:  # a configuration, a schema or a baseline cannot be used
        print(f"frontlint: error: {visible(str(error))}", file=err)
        return EXIT_TROUBLE
    except Exception as error:  # a bug outside any one file's checks (a report, the walk): one line, not a traceback
        _say_internal_error(err, internal_error(error), _shows_traceback(args))
        return EXIT_TROUBLE


def _shows_traceback(args: argparse.Namespace) -> bool:
    """Whether internal errors show their whole traceback: ``--show-traceback``, or ``FRONTLINT_DEBUG`` set."""
    return bool(args.show_traceback) or os.environ.get(DEBUG_VARIABLE, "") not in ("", "0")


def _say_internal_error(err: TextIO, error: InternalError, show_traceback: bool, path: str | None = None) -> None:
    """Say that frontlint failed (on ``path``, if on a file), in which rule, and (with ``show_traceback``) where."""
    how = "with this traceback" if show_traceback else "with --show-traceback"
    where = f"{shown_path(path)}: " if path is not None else ""
    print(f"frontlint: error: {where}{visible(f'{error.headline}, please report it {how}: {error}')}", file=err)
    if show_traceback:
        err.write("".join(f"{visible(line)}\n" for line in error.traceback.splitlines()))


class _Tally:
    """What a run meets on the way besides diagnostics: paths it cannot use, links it skips, files it finds.

    Files are found as they are linted, never listed all at once: memory stays flat in the number of files.
    """

    def __init__(self, err: TextIO, show_traceback: bool = False) -> None:
        self.err = err
        self.show_traceback = show_traceback
        self.trouble: list[str] = []  # paths that could not be used (exit 2)
        self.skipped_links = 0  # linked files found in a directory that lead out of it (not linted)
        self.found = 0

    def report(self, path: Path, error: Exception) -> None:
        """Say on stderr why ``path`` could not be linted (or fixed)."""
        severity = error.severity if isinstance(error, NotFixed) else "error"
        if severity == "error":  # a link not fixed is only a warning
            self.trouble.append(str(path))
        if isinstance(error, OSError):
            reason = error.strerror or str(error)
        elif isinstance(error, NotFixed):
            reason = f"not fixed: {error}"
        elif isinstance(error, WorkerDied):
            print(f"frontlint: error: {visible(str(error))}", file=self.err)
            return
        elif isinstance(error, (ConfigError, SchemaError)):  # a worker could not use a configuration
            reason = str(error)
        elif isinstance(error, InternalError):
            _say_internal_error(self.err, error, self.show_traceback, str(path))
            return
        else:
            reason = f"internal error, please report it: {type(error).__name__}: {error}"
        print(f"frontlint: {severity}: {shown_path(str(path))}: {visible(reason)}", file=self.err)

    def skip(self, path: str) -> None:
        """Count a link that leads out of the directory it was found in."""
        self.skipped_links += 1

    def counted(self, sources: Iterator[Source]) -> Iterator[Source]:
        """``sources``, counted as they are taken."""
        for source in sources:
            self.found += 1
            yield source


def _lint(args: argparse.Namespace, out: TextIO, err: Stderr) -> int:
    """Lint the paths of the command line (or show the files or settings) and report; the exit status."""
    project = _project(args)
    settings = project.settings_for_folder(searchable_directory(_first_path(args)))
    baseline = load_named(args.baseline)
    previous_baseline = prepare_write(args.write_baseline)
    if args.show_settings:
        return _show_settings(project, args.show_settings, out, err)
    if selects_nothing(settings):
        print(f"frontlint: warning: {NOTHING_SELECTED}", file=err)
    tally = _Tally(err, _shows_traceback(args))
    paths = args.paths or ["."]
    stdin = _stdin_source(args, project) if STDIN in paths else []
    named_paths = [Path(path) for path in paths if path != STDIN]
    sources = tally.counted(
        itertools.chain(stdin, sources_for(named_paths, project, tally.report, tally.skip, args.input_format))
    )
    if args.show_files:
        return _show_files(sources, out, err, tally.trouble)

    def count_again() -> Iterable[object]:  # for the progress bar's total
        return itertools.chain(stdin, sources_for(named_paths, project, _unheard, _unheard))

    fix_mode: FixMode | None = "fix" if args.fix else "diff" if args.diff else None
    jobs = args.jobs if args.jobs is not None else default_jobs()
    report_format = output_format(_format(args))
    keep_names = report_format.reads_files or bool(args.baseline or args.write_baseline)
    with collecting_garbage_less_often(), _progress(args, err, count_again) as on_progress:
        result = check_sources(
            project,
            sources,
            tally.report,
            fix=fix_mode,
            keep_sources=args.show_source and report_format.shows_source,
            jobs=jobs,
            keep_names=keep_names,
            on_progress=on_progress,
        )
    if not tally.found and not tally.skipped_links and not tally.trouble:
        print(f"frontlint: warning: {NO_FILES}", file=err)
    if args.write_baseline and previous_baseline is not None:
        _record_baseline(args.write_baseline, result, previous_baseline, tally)
    diagnostics = apply_baselines(project, baseline, args.baseline, result.diagnostics, result.files, err)
    return _report(args, result, diagnostics, fix_mode, tally, out)


def _record_baseline(name: str, result: RunResult, previous: Baseline, tally: _Tally) -> None:
    """``--write-baseline``: record the run's problems in ``name``; a failure is said and makes the run exit 2."""
    try:
        written = write_named(Path(name), result.diagnostics, result.files, previous)
    except ConfigError as error:
        tally.trouble.append(name)
        print(f"frontlint: error: {visible(str(error))}", file=tally.err)
    else:
        print(f"frontlint: wrote {plural(written, 'entry', 'entries')} to {shown_path(name)}", file=tally.err)


def _report(
    args: argparse.Namespace,
    result: RunResult,
    diagnostics: list[Diagnostic],
    fix_mode: FixMode | None,
    tally: _Tally,
    out: TextIO,
) -> int:
    """Write the report, the statistics and the summary line; the exit status."""
    try:
        _write_output(args, result, diagnostics, out)
    except OSError as error:
        tally.report(Path(args.output_file or "<stdout>"), error)
    if args.statistics:
        tally.err.write(statistics(diagnostics))
    if not args.quiet:
        line = summary_line(
            diagnostics,
            result.files_checked,
            result.fixed,
            fix_mode,
            tally.skipped_links,
            len(result.diffs),
            result.records,
        )
        print(line, file=tally.err)
    return _exit_status(args, diagnostics, result, bool(tally.trouble))


@contextlib.contextmanager
def _progress(
    args: argparse.Namespace, err: Stderr, sources: Callable[[], Iterable[object]]
) -> Iterator[Callable[[], None] | None]:
    """The callback of a progress bar for the run (:mod:`frontlint.cli.progress`), or ``None`` where none may be shown.

    While the bar may be on the screen, every other line written to stderr clears it first;
    it is taken off when the run ends, however it ends.
    """
    terminal = err.terminal()
    if terminal is None:
        yield None
        return
    # deferred: only a run shown on a terminal draws a bar: cli.progress costs 0.8 ms (tqdm's 29 ms come later still)
    from frontlint.cli.progress import Progress, wanted

    if not wanted(terminal, args.quiet, os.environ):
        yield None
        return
    progress = Progress(err, terminal, err.encoding_of_terminal(), sources)
    err.before_write = progress.clear
    try:
        yield progress.advance
    finally:
        err.before_write = None
        progress.close()


def _unheard(*_: object) -> None:
    """Drop what the walk that counts the files for the progress bar finds wrong: the run reports it."""


def _check_combinations(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Refuse options that contradict each other (argparse exits with status 2)."""
    if args.fix and args.diff:
        parser.error("--fix and --diff cannot be combined: --diff only shows what --fix would write")
    if args.fix and STDIN in args.paths:
        parser.error("--fix cannot write back to stdin: use --diff")
    if args.output_file and _is_linted(args.output_file, args.paths or ["."]):
        parser.error(
            f"--output-file {shown_path(args.output_file)} is a file this run lints: the report would replace it"
        )


def _is_linted(output_file: str, paths: Sequence[str]) -> bool:
    """Whether ``output_file`` is a file named in ``paths``, or a Markdown file below a directory named there."""
    if not os.path.isfile(output_file):
        return False
    target = os.path.realpath(output_file)
    for path in paths:
        if path == STDIN:
            continue
        if os.path.isdir(path):
            inside = target.startswith(os.path.join(os.path.realpath(path), ""))
            if inside and target.lower().endswith(MARKDOWN_SUFFIXES):
                return True
        elif os.path.exists(path) and os.path.samefile(path, output_file):
            return True
    return False


def _write_output(args: argparse.Namespace, result: RunResult, diagnostics: list[Diagnostic], out: TextIO) -> None:
    """Print the diffs (with --diff) or the report in the chosen format, to stdout or a file."""
    if args.diff:
        text = "".join(result.diffs)
    else:
        context = ReportContext(
            files=result.files,
            read_source=lambda name: result.sources.get(name),
            color=args.color == "always" if args.output_file else use_color(out, os.environ, args.color),
            show_source=args.show_source,
        )
        text = REPORTERS[_format(args)](diagnostics, context)
    if args.output_file:
        Path(args.output_file).write_text(text, encoding="utf-8", errors="surrogateescape")
        return
    emit(out, text)


def _format(args: argparse.Namespace) -> str:
    """The report format: as asked, else GitHub annotations inside GitHub Actions, else text."""
    if args.format:
        return str(args.format)
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def _exit_status(args: argparse.Namespace, diagnostics: list[Diagnostic], result: RunResult, trouble: bool) -> int:
    if trouble:
        return EXIT_TROUBLE
    if args.diff:
        return EXIT_PROBLEMS if result.diffs else EXIT_CLEAN
    if args.exit_zero or args.write_baseline:
        return EXIT_CLEAN
    failing = (Severity.ERROR, Severity.WARNING) if args.strict else (Severity.ERROR,)
    return EXIT_PROBLEMS if any(diagnostic.severity in failing for diagnostic in diagnostics) else EXIT_CLEAN


def _project(args: argparse.Namespace) -> Project:
    """The configurations of the run: ``--config`` for every file, none (``--isolated``), or each
    file's nearest; the command line wins over them."""
    overrides = Overrides(
        select=parse_selectors(args.select, "--select") if args.select is not None else None,
        extend_select=parse_selectors(args.extend_select, "--extend-select") if args.extend_select else (),
        ignore=parse_selectors(args.ignore, "--ignore", ignoring=True) if args.ignore else (),
        now=parse_now(args.now, "--now") if args.now else None,
        schema=args.schema,
        force_exclude=args.force_exclude,
        # One time for the whole run, every file and worker (--show-settings shows what is configured).
        run_time=None if args.show_settings else datetime.now(timezone.utc),
    )
    return Project(overrides, config=args.config, isolated=args.isolated)


def _first_path(args: argparse.Namespace) -> str:
    """The path whose configuration is read before the run (its faults stop the run at once)."""
    if args.show_settings:
        return str(args.show_settings)
    named = [path for path in args.paths if path != STDIN]
    return named[0] if named else (args.stdin_filename or os.curdir) if STDIN in args.paths else os.curdir


def _stdin_source(args: argparse.Namespace, project: Project) -> list[Source]:
    """stdin as a source, with the configuration of ``--stdin-filename``'s folder (the working directory's without it);
    none when ``--force-exclude`` leaves that name out (as ruff, for an editor linting an excluded file)."""
    name = args.stdin_filename or STDIN
    absolute = os.path.abspath(name)
    settings = project.settings_for_folder(searchable_directory(os.path.dirname(absolute)))
    if args.stdin_filename and force_excluded(absolute, settings):
        return []
    key = project.key_for(settings, absolute)
    if is_json_lines(name, args.input_format):
        return [Source(name, sys.stdin.buffer.read, shareable=False, key=key, stream=_stdin_stream)]
    return [Source(name, sys.stdin.buffer.read, shareable=False, key=key)]


def _stdin_stream() -> contextlib.nullcontext[IO[bytes]]:
    """stdin as a JSON Lines stream, read one line at a time; left open when the run is done with it."""
    return contextlib.nullcontext(sys.stdin.buffer)


def _show_files(sources: Iterator[Source], out: TextIO, err: TextIO, trouble: Sequence[str]) -> int:
    """``--show-files``: print the path of every file the run would lint, one a line.

    ``trouble`` fills while ``sources`` are found (paths that cannot be used): any is exit 2, as for a run.
    """
    lines = [f"{shown_path(source.name)}\n" for source in sources]
    if not lines and not trouble:
        print(f"frontlint: warning: {NO_FILES}", file=err)
    try:
        emit(out, "".join(lines))
    except OSError as error:
        print(f"frontlint: error: <stdout>: {visible(error.strerror or str(error))}", file=err)
        return EXIT_TROUBLE
    return EXIT_TROUBLE if trouble else EXIT_CLEAN


def _show_settings(project: Project, path: str, out: TextIO, err: TextIO) -> int:
    """``--show-settings FILE``: print the settings resolved for one file, as ruff does."""
    # deferred: only --show-settings needs it: 0.6 ms
    from frontlint.cli.show_settings import describe_settings

    absolute = os.path.abspath(path)
    if not os.path.lexists(absolute):  # said, so that a typo does not pass for the file meant
        print(
            f"frontlint: warning: {shown_path(path)}: {os.strerror(errno.ENOENT)}: the settings a file there would get",
            file=err,
        )
    settings = project.settings_for_folder(searchable_directory(absolute))
    return print_to_stdout(
        describe_settings(path, absolute, settings, project.key_for(settings, absolute)[1]), out, err
    )
