"""The ``frontlint`` command: lint files and directories, print compiler-style diagnostics.

Exit status: 0 when no error was found (a run that finds no Markdown file says so on stderr
and exits 0, as ruff does), 1 when any error diagnostic was reported, 2 when
the command line, the configuration, a schema, or a file could not be used (the other files
are still linted), a worker process died, or the report could not be written (stdout
closed, ``>&-``); 130 after Ctrl-C (SIGINT) and 143 after SIGTERM (128 + the signal's number,
as a shell reports a command a signal ended). A reader that goes away (``frontlint . | head -1``)
ends the output quietly and leaves the exit status as the run found it.

Everything printed for people that others control (file names, messages, keys) is shown
through :mod:`frontlint.terminal_safe`: control characters and bidirectional overrides as
escapes, a file name that needs them quoted.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import errno
import gc
import io
import itertools
import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from . import __version__
from .checks import BUILTIN_CHECKS, SCHEMA_CHECK
from .config import ConfigError, key_in_file, parse_now, parse_selectors, selects_nothing
from .diagnostic import Diagnostic, Severity
from .discovery import MARKDOWN_SUFFIXES, force_excluded, searchable_directory
from .engine import sorted_diagnostics
from .rules import ALL_RULES_BY_ID, RULES, DocumentedCheck, documentation, summary
from .rules import duplicate_article
from .parallel import WorkerDied, default_jobs
from .project import Overrides, Project
from .run import FixMode, InternalError, NotFixed, RunResult, lint_sources
from .sources import Source, sources_for
from .schema import SchemaError
from .terminal_safe import shown_path, visible

if TYPE_CHECKING:  # imported only when --baseline or --write-baseline is given
    from .baseline import Baseline, BaselineEntry

# The report formats, by name; each one's module is imported only when it is used.
FORMATS = ("github", "gitlab", "json", "junit", "sarif", "text")
# --color: auto follows NO_COLOR, FORCE_COLOR and whether stdout is a terminal; the others win over them.
COLOR_MODES = ("auto", "always", "never")

# New container objects the cycle collector waits for in a lint run (Python's default: 700).
YOUNG_OBJECTS_PER_COLLECTION = 10_000

EXIT_CLEAN = 0
EXIT_PROBLEMS = 1
EXIT_TROUBLE = 2
EXIT_INTERRUPTED = 128 + signal.SIGINT
EXIT_TERMINATED = 128 + signal.SIGTERM
STDIN = "-"
SUBCOMMANDS = ("rules", "rule")
NOTHING_SELECTED = "select, extend-select and ignore leave no rule selected: only front matter that cannot be read is reported"
NO_FILES = "no Markdown files found (see include, exclude and .gitignore: frontlint --show-settings PATH)"


class HelpFormatter(argparse.HelpFormatter):
    """argparse's help formatter, as wide as the terminal, found without ``shutil``.

    argparse builds a formatter for every argument it is given, and its own asks
    :func:`shutil.get_terminal_size`: importing ``shutil`` (with ``bz2`` and ``lzma``) cost
    every run 1.7 MB and 2 ms. The width is the one shutil would give argparse.
    """

    def __init__(
        self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None
    ) -> None:
        super().__init__(prog, indent_increment, max_help_position, terminal_columns() - 2 if width is None else width)


def terminal_columns() -> int:
    """The terminal's width as :func:`shutil.get_terminal_size` gives it: ``$COLUMNS``, stdout's terminal, or 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns if columns > 0 else 80


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
        "and rules. 'frontlint rules' lists the rules; 'frontlint rule ID' shows one's documentation.",
        epilog="Exit status: 0 no errors, 1 errors found, 2 usage, configuration, schema, file or "
        "worker process trouble; 130 interrupted (Ctrl-C), 143 terminated (SIGTERM).",
    )
    parser.add_argument(
        "paths", nargs="*", metavar="PATH", type=_file_name,
        help="files, or directories to search for *.md and *.markdown files ('-' reads stdin; default: .)",
    )
    parser.add_argument("--schema", metavar="FILE", type=_file_name, help="JSON or YAML schema file to check every file against (instead of schema and per-file-schemas)")
    parser.add_argument(
        "--config", metavar="FILE", type=_file_name,
        help="use this frontlint.toml or pyproject.toml for every file instead of each file's nearest one",
    )
    parser.add_argument("--isolated", action="store_true", help="ignore configuration files")
    parser.add_argument(
        "--force-exclude", action="store_true",
        help="leave out files named on the command line that exclude, extend-exclude or .gitignore leave out (for pre-commit)",
    )
    parser.add_argument("--select", metavar="IDS", help="comma-separated rule ids or prefixes to check (replaces the configured selection)")
    parser.add_argument("--extend-select", metavar="IDS", help="comma-separated rule ids or prefixes to check in addition")
    parser.add_argument("--ignore", metavar="IDS", help="comma-separated rule ids or prefixes not to report")
    parser.add_argument("--now", metavar="DATETIME", help="the current time for date rules, e.g. 2024-01-01T00:00:00Z (for reproducible runs)")
    parser.add_argument(
        "--jobs", "-j", type=_positive_int, metavar="N",
        help="processes to lint with, at most the number of CPUs this process may use "
        "(default: that number; runs of fewer than 64 files use one)",
    )
    parser.add_argument("--stdin-filename", metavar="NAME", help="the name to show for text read from stdin (default: -)")
    output = parser.add_argument_group("output")
    output.add_argument(
        "--format", choices=FORMATS,
        help="report format (default: text; github when GITHUB_ACTIONS=true)",
    )
    output.add_argument("--output-file", metavar="FILE", type=_file_name, help="write the report to FILE instead of stdout")
    output.add_argument("--show-source", action="store_true", help="text format: show the source line, a caret and help")
    output.add_argument(
        "--color", choices=COLOR_MODES, default="auto",
        help="text format: colour the report (default: auto, on a terminal unless NO_COLOR is set, or if FORCE_COLOR is)",
    )
    output.add_argument("--statistics", action="store_true", help="print counts per rule (to stderr)")
    output.add_argument("-q", "--quiet", action="store_true", help="do not print the summary line or a progress bar")
    output.add_argument("--show-files", action="store_true", help="list the files that would be linted, one a line, and exit")
    output.add_argument(
        "--show-settings", metavar="FILE", type=_file_name,
        help="print the settings resolved for FILE (configuration file, schema, rules, patterns, limits) and exit",
    )
    status = parser.add_argument_group("exit status")
    status.add_argument("--exit-zero", action="store_true", help="exit 0 even when errors are found")
    status.add_argument("--strict", action="store_true", help="warnings fail the run too (exit 1)")
    fixing = parser.add_argument_group("fixing and baselines")
    fixing.add_argument("--fix", action="store_true", help="write the unambiguous fixes into the files")
    fixing.add_argument("--diff", action="store_true", help="print the fixes as a unified diff; write nothing")
    fixing.add_argument("--baseline", metavar="FILE", type=_file_name, help="hide the problems recorded in FILE; report only new ones")
    fixing.add_argument("--write-baseline", metavar="FILE", type=_file_name, help="record the current problems in FILE")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


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
    out = _tolerant(stdout or sys.stdout or _ClosedStream())
    err = _Stderr(_tolerant(stderr or sys.stderr or io.StringIO()))  # stderr closed (2>&-): nowhere to tell
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments and arguments[0] in SUBCOMMANDS and not Path(arguments[0]).exists():
        return _rules_command(arguments, out, err)
    parser = build_parser()
    try:
        args = parser.parse_args(arguments)
        _check_combinations(parser, args)
    except SystemExit as exit_:  # argparse has printed usage or --version
        return int(exit_.code or 0)
    try:
        project = _project(args)
        settings = project.settings_for_folder(searchable_directory(_first_path(args)))
        baseline = _load_baseline(args.baseline)
        previous_baseline = _prepare_baseline_write(args.write_baseline)
    except (ConfigError, SchemaError) as error:
        print(f"frontlint: error: {visible(str(error))}", file=err)
        return EXIT_TROUBLE
    if args.show_settings:
        return _show_settings(project, args.show_settings, out, err)
    if selects_nothing(settings):
        print(f"frontlint: warning: {NOTHING_SELECTED}", file=err)
    trouble: list[str] = []

    def report(path: Path, error: Exception) -> None:
        severity = error.severity if isinstance(error, NotFixed) else "error"
        if severity == "error":  # a link not fixed is only a warning
            trouble.append(str(path))
        if isinstance(error, OSError):
            reason = error.strerror or str(error)
        elif isinstance(error, NotFixed):
            reason = f"not fixed: {error}"
        elif isinstance(error, WorkerDied):
            print(f"frontlint: error: {visible(str(error))}", file=err)
            return
        elif isinstance(error, (ConfigError, SchemaError)):  # a worker could not use a configuration
            reason = str(error)
        elif isinstance(error, InternalError):
            reason = f"internal error, please report it: {error}"
        else:
            reason = f"internal error, please report it: {type(error).__name__}: {error}"
        print(f"frontlint: {severity}: {shown_path(str(path))}: {visible(reason)}", file=err)

    paths = args.paths or ["."]
    try:
        stdin = _stdin_source(args, project) if STDIN in paths else []
    except (ConfigError, SchemaError) as error:  # the configuration of --stdin-filename's folder cannot be used
        print(f"frontlint: error: {visible(str(error))}", file=err)
        return EXIT_TROUBLE
    # Found as they are linted, never listed all at once: memory stays flat in the number of files.
    skipped_links = 0  # linked files found in a directory that lead out of it (not linted)
    found = 0

    def skip(path: str) -> None:
        nonlocal skipped_links
        skipped_links += 1

    def counted(sources: Iterator[Source]) -> Iterator[Source]:
        nonlocal found
        for source in sources:
            found += 1
            yield source

    named_paths = [Path(path) for path in paths if path != STDIN]
    sources = counted(itertools.chain(stdin, sources_for(named_paths, project, report, skip)))
    if args.show_files:
        try:
            return _show_files(sources, out, err, trouble)
        except (ConfigError, SchemaError) as error:  # a configuration found on the way cannot be used
            print(f"frontlint: error: {visible(str(error))}", file=err)
            return EXIT_TROUBLE
    fix_mode: FixMode | None = "fix" if args.fix else "diff" if args.diff else None
    jobs = args.jobs if args.jobs is not None else default_jobs()
    # Text and GitHub reports stream line by line and need no list of the files linted.
    keep_names = _format(args) not in ("text", "github") or bool(args.baseline or args.write_baseline)

    def count_again() -> Iterable[object]:  # for the progress bar's total
        return itertools.chain(stdin, sources_for(named_paths, project, _unheard, _unheard))

    try:
        with collecting_garbage_less_often(), _progress(args, err, count_again) as on_progress:
            result = lint_sources(
                project, sources, report, fix=fix_mode, keep_sources=args.show_source, jobs=jobs, keep_names=keep_names,
                on_progress=on_progress,
            )
    except (ConfigError, SchemaError) as error:  # a configuration found on the way cannot be used
        print(f"frontlint: error: {visible(str(error))}", file=err)
        return EXIT_TROUBLE
    if not found and not skipped_links and not trouble:
        print(f"frontlint: warning: {NO_FILES}", file=err)
    diagnostics = result.diagnostics
    if args.write_baseline and previous_baseline is not None:
        try:
            written = _write_baseline(Path(args.write_baseline), diagnostics, result.files, previous_baseline)
        except ConfigError as error:
            trouble.append(args.write_baseline)
            print(f"frontlint: error: {visible(str(error))}", file=err)
        else:
            print(f"frontlint: wrote {_plural(written, 'entry', 'entries')} to {shown_path(args.write_baseline)}", file=err)
    try:
        diagnostics = _apply_baselines(project, baseline, args.baseline, diagnostics, result.files, err)
    except ConfigError as error:
        print(f"frontlint: error: {visible(str(error))}", file=err)
        return EXIT_TROUBLE
    try:
        _write_output(args, result, diagnostics, out)
    except OSError as error:
        report(Path(args.output_file or "<stdout>"), error)
    if args.statistics:
        err.write(statistics(diagnostics))
    if not args.quiet:
        print(summary_line(diagnostics, result.files_checked, result.fixed, fix_mode, skipped_links, len(result.diffs)), file=err)
    return _exit_status(args, diagnostics, result, bool(trouble))


@contextlib.contextmanager
def _progress(args: argparse.Namespace, err: _Stderr, sources: Callable[[], Iterable[object]]) -> Iterator[Callable[[], None] | None]:
    """The callback of a progress bar for the run (:mod:`frontlint.progress`), or ``None`` where none may be shown.

    While the bar may be on the screen, every other line written to stderr clears it first;
    it is taken off when the run ends, however it ends.
    """
    terminal = err.terminal()
    if terminal is None:
        yield None
        return
    from .progress import Progress, wanted

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


def _load_baseline(path: str | None) -> Baseline | None:
    """Read the baseline named on the command line; its errors are reported like config errors."""
    if path is None:
        return None
    from .baseline import BaselineError, load_baseline

    try:
        return load_baseline(Path(path))
    except BaselineError as error:
        raise ConfigError(str(error)) from None


def _prepare_baseline_write(path: str | None) -> Baseline | None:
    """Before the run: fail now if ``--write-baseline`` could not write, and read the baseline it replaces.

    A baseline that is there but cannot be read is refused, not replaced: its entries of
    files this run does not lint would be lost.
    """
    if path is None:
        return None
    from .baseline import BaselineError, check_writable, load_for_update

    try:
        check_writable(Path(path))
        return load_for_update(Path(path))
    except BaselineError as error:
        raise ConfigError(str(error)) from None


def _write_baseline(path: Path, diagnostics: list[Diagnostic], linted: Sequence[str], previous: Baseline) -> int:
    """Record this run's problems; entries of files this run did not lint are kept as they were."""
    from .baseline import BaselineError, write_baseline

    try:
        return write_baseline(path, diagnostics, keep=previous.entries_outside(linted))
    except BaselineError as error:
        raise ConfigError(str(error)) from None


def _check_combinations(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Refuse options that contradict each other (argparse exits with status 2)."""
    if args.fix and args.diff:
        parser.error("--fix and --diff cannot be combined: --diff only shows what --fix would write")
    if args.fix and STDIN in args.paths:
        parser.error("--fix cannot write back to stdin: use --diff")
    if args.output_file and _is_linted(args.output_file, args.paths or ["."]):
        parser.error(f"--output-file {shown_path(args.output_file)} is a file this run lints: the report would replace it")


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
        from .reporters import REPORTERS, ReportContext, use_color

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
    _emit(out, text)


class _ClosedStream(io.StringIO):
    """Stands for a stdout that was closed when frontlint started (``>&-``): writing fails with EBADF."""

    def write(self, text: str) -> int:
        """Fail as writing to a closed file descriptor does."""
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))


def _emit(out: TextIO, text: str) -> None:
    """Write ``text`` to stdout; a reader that has gone (``| head``) ends the output quietly.

    Nothing to write is no error, even to a closed stdout (as coreutils do it). After a
    broken pipe, stdout is pointed at the null device so that Python's own flush at exit
    does not complain about the bytes still buffered.
    """
    if not text:
        return
    try:
        out.write(text)
        out.flush()
    except BrokenPipeError:
        _discard_further_output(out)


class _Stderr(io.StringIO):
    """stderr that stops quietly when it cannot be written (``2>&1 | head``, a full disk).

    What cannot be said cannot be said: the run goes on, and its exit status stays its own.
    """

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self._stream: TextIO | None = stream
        # Called before each write: a progress bar on the screen takes itself off.
        self.before_write: Callable[[], None] | None = None

    def write(self, text: str) -> int:
        """Write ``text`` through at once; after a failed write, write nothing more."""
        if self.before_write is not None:
            self.before_write()
        if self._stream is not None:
            try:
                self._stream.write(text)
                self._stream.flush()
            except (OSError, ValueError):
                _discard_further_output(self._stream)
                self._stream = None
        return len(text)

    def terminal(self) -> int | None:
        """The file descriptor of stderr if it is a terminal, else ``None``."""
        try:
            if self._stream is not None and self._stream.isatty():
                return self._stream.fileno()
        except (AttributeError, OSError, ValueError):  # not a file, or closed
            pass
        return None

    def encoding_of_terminal(self) -> str:
        """The encoding stderr writes in (``utf-8`` when it does not say)."""
        return getattr(self._stream, "encoding", None) or "utf-8"


def _discard_further_output(stream: TextIO) -> None:
    try:
        descriptor = stream.fileno()
    except (AttributeError, OSError, ValueError):  # not backed by a file descriptor: nothing is left to flush
        return
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, descriptor)
    finally:
        os.close(null)


def _format(args: argparse.Namespace) -> str:
    """The report format: as asked, else GitHub annotations inside GitHub Actions, else text."""
    if args.format:
        return str(args.format)
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def _report_stale(baseline: Baseline, stale: Sequence[BaselineEntry], name: str, err: TextIO) -> None:
    if not stale:
        return
    verb = "matches" if len(stale) == 1 else "match"
    print(
        f"frontlint: {_plural(len(stale), 'baseline entry', 'baseline entries')} in {shown_path(name)} no longer "
        f"{verb} (stale); --write-baseline drops them:", file=err,
    )
    for entry in stale:
        print(f"  {shown_path(baseline.shown_path(entry))}: {visible(entry.rule)} at {visible(entry.json_path)}", file=err)


def _exit_status(args: argparse.Namespace, diagnostics: list[Diagnostic], result: RunResult, trouble: bool) -> int:
    if trouble:
        return EXIT_TROUBLE
    if args.diff:
        return EXIT_PROBLEMS if result.diffs else EXIT_CLEAN
    if args.exit_zero or args.write_baseline:
        return EXIT_CLEAN
    failing = (Severity.ERROR, Severity.WARNING) if args.strict else (Severity.ERROR,)
    return EXIT_PROBLEMS if any(diagnostic.severity in failing for diagnostic in diagnostics) else EXIT_CLEAN


def statistics(diagnostics: Sequence[Diagnostic]) -> str:
    """Counts per rule, most frequent first: ``  12  error    url-syntax``."""
    counts = collections.Counter((diagnostic.rule, diagnostic.severity) for diagnostic in diagnostics)
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0][0]))
    return "".join(f"{count:>6}  {str(severity):<8} {visible(rule)}\n" for (rule, severity), count in rows)


def _tolerant(stream: TextIO) -> TextIO:
    """Let a stream print any path: file names that are not UTF-8 reach Python as surrogates."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        utf8 = (getattr(stream, "encoding", "") or "").lower().replace("-", "") == "utf8"
        reconfigure(errors="surrogateescape" if utf8 else "backslashreplace")
    return stream


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
    return [Source(name, sys.stdin.buffer.read, shareable=False, key=project.key_for(settings, absolute))]


def _show_files(sources: Iterator[Source], out: TextIO, err: TextIO, trouble: Sequence[str]) -> int:
    """``--show-files``: print the path of every file the run would lint, one a line.

    ``trouble`` fills while ``sources`` are found (paths that cannot be used): any is exit 2, as for a run.
    """
    lines = [f"{shown_path(source.name)}\n" for source in sources]
    if not lines and not trouble:
        print(f"frontlint: warning: {NO_FILES}", file=err)
    try:
        _emit(out, "".join(lines))
    except OSError as error:
        print(f"frontlint: error: <stdout>: {visible(error.strerror or str(error))}", file=err)
        return EXIT_TROUBLE
    return EXIT_TROUBLE if trouble else EXIT_CLEAN


def _show_settings(project: Project, path: str, out: TextIO, err: TextIO) -> int:
    """``--show-settings FILE``: print the settings resolved for one file, as ruff does."""
    from .settingsview import describe_settings

    absolute = os.path.abspath(path)
    if not os.path.lexists(absolute):  # said, so that a typo does not pass for the file meant
        print(f"frontlint: warning: {shown_path(path)}: {os.strerror(errno.ENOENT)}: the settings a file there would get", file=err)
    settings = project.settings_for_folder(searchable_directory(absolute))
    return _print_to_stdout(describe_settings(path, absolute, settings, project.key_for(settings, absolute)[1]), out, err)


def _apply_baselines(
    project: Project, given: Baseline | None, given_name: str | None, diagnostics: list[Diagnostic],
    linted: Sequence[str], err: TextIO,
) -> list[Diagnostic]:
    """Hide the problems the baselines record: ``--baseline``'s for every file, or else each file's
    configuration's ``baseline``. Stale entries are said on stderr."""
    groups: Mapping[str, tuple[Baseline, list[Diagnostic], Sequence[str]]]
    if given is not None:
        groups = {given_name or "": (given, diagnostics, linted)}
    else:
        groups = _baseline_groups(project, diagnostics, linted)
    if not groups:
        return diagnostics
    kept: list[Diagnostic] = []
    for name, (baseline, found, files) in groups.items():
        filtered = baseline.filter(found, files)
        kept.extend(filtered.diagnostics)
        _report_stale(baseline, filtered.stale, name if given is not None else os.path.relpath(name), err)
    if given is None:  # the files no baseline covers
        baseline_of = _baselines(project)
        kept.extend(d for d in diagnostics if baseline_of(d.path) is None)
    return sorted_diagnostics(kept) if given is None else kept


def _baselines(project: Project) -> Callable[[str], str | None]:
    """A function that gives the ``baseline`` of the configuration of a file (as the run names it), once per folder."""
    by_folder: dict[str, str | None] = {}

    def baseline_of(path: str) -> str | None:
        folder = os.path.dirname(path)
        if folder not in by_folder:
            by_folder[folder] = project.settings_for_folder(os.path.abspath(folder or os.curdir)).baseline
        return by_folder[folder]

    return baseline_of


def _baseline_groups(
    project: Project, diagnostics: list[Diagnostic], linted: Sequence[str]
) -> dict[str, tuple[Baseline, list[Diagnostic], list[str]]]:
    """Each configured baseline, read, with the diagnostics and the files of the files it covers."""
    groups: dict[str, tuple[Baseline, list[Diagnostic], list[str]]] = {}
    baseline_of = _baselines(project)
    for path in linted:
        name = baseline_of(path)
        if name is None:
            continue
        if name not in groups:
            from .baseline import BaselineError, load_baseline

            try:
                groups[name] = (load_baseline(Path(name)), [], [])
            except BaselineError as error:  # say which configuration names it, at which line
                source = project.settings_for_folder(os.path.abspath(os.path.dirname(path) or os.curdir)).source
                raise ConfigError(f"{key_in_file(source, ('baseline',))}: {error}" if source else str(error)) from None
        groups[name][2].append(path)
    if not groups:
        return groups
    for diagnostic in diagnostics:
        name = baseline_of(diagnostic.path)
        if name is not None and name in groups:
            groups[name][1].append(diagnostic)
    return groups


def summary_line(
    diagnostics: Sequence[Diagnostic],
    files_checked: int,
    fixed: int = 0,
    fix_mode: str | None = None,
    skipped_links: int = 0,
    files_changed: int = 0,
) -> str:
    """Return the summary line: ``3 errors, 1 warning in 2 of 120 files; 2 fixable with --fix``.

    The diagnostics that carry a fix are counted at the end (not when there are none). With
    --fix, it begins with what was fixed and says what remains: ``fixed 4 problems in 2
    files; ...``; with --diff, it says what would change: ``4 problems would be fixed in 2
    files (of 120 checked)``. Linked files found in a directory but leading out of it (not
    linted) are counted last: ``...; skipped 1 link leading outside the linted directory``.
    """
    return _summary(diagnostics, files_checked, fixed, fix_mode, files_changed) + _skipped_note(skipped_links)


def _summary(
    diagnostics: Sequence[Diagnostic], files_checked: int, fixed: int, fix_mode: str | None, files_changed: int
) -> str:
    files = _plural(files_checked, "file")
    if fix_mode == "diff":
        if not fixed:
            return f"no problems would be fixed in {files}"
        return f"{_plural(fixed, 'problem')} would be fixed in {_plural(files_changed, 'file')} (of {files_checked:,} checked)"
    prefix = ""
    if fix_mode == "fix":
        changed = f" in {_plural(files_changed, 'file')}" if files_changed else ""
        prefix = f"fixed {_plural(fixed, 'problem')}{changed}; "
    if not diagnostics:
        return f"{prefix}no problems found in {files}"
    errors = sum(1 for diagnostic in diagnostics if diagnostic.severity is Severity.ERROR)
    warnings = len(diagnostics) - errors
    affected = len({diagnostic.path for diagnostic in diagnostics})
    fixable = 0 if fix_mode else sum(1 for diagnostic in diagnostics if diagnostic.fix is not None)
    hint = f"; {fixable:,} fixable with --fix" if fixable else ""
    return f"{prefix}{_plural(errors, 'error')}, {_plural(warnings, 'warning')} in {affected:,} of {files}{hint}"


def _skipped_note(skipped_links: int) -> str:
    if not skipped_links:
        return ""
    if skipped_links == 1:
        return "; skipped 1 link leading outside the linted directory"
    return f"; skipped {skipped_links:,} links leading outside the linted directories"


def _plural(count: int, noun: str, plural: str | None = None) -> str:
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {plural or noun + 's'}"


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
        return _print_to_stdout(rule_listing(), out, err)
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
    return _print_to_stdout(rule_page(check), out, err)


def rule_page(check: DocumentedCheck) -> str:
    """The page ``frontlint rule ID`` prints: a title line with the default severity, then the documentation as plain text."""
    from .plaintext import plain_text

    title = f"{check.ID} ({check.SEVERITY}{', fixable' if check.FIXABLE else ''})"
    return f"{title}\n{'=' * len(title)}\n\n{plain_text(documentation(check))}\n"


def rule_listing() -> str:
    """The table ``frontlint rules`` prints: id, default severity, fixable, summary (plain text)."""
    from .plaintext import plain_inline

    rows = rule_table()
    width = max(len(row[0]) for row in rows)
    lines = [f"{'id':<{width}}  {'severity':<8}  fix  summary"]
    lines.extend(
        f"{rule_id:<{width}}  {severity:<8}  {fixable:<3}  {plain_inline(text)}" for rule_id, severity, fixable, text in rows
    )
    return "\n".join(lines) + "\n"


def _print_to_stdout(text: str, out: TextIO, err: TextIO) -> int:
    """Print a subcommand's text; a stdout that cannot be written is exit 2 with one line."""
    try:
        _emit(out, text)
    except OSError as error:
        print(f"frontlint: error: <stdout>: {visible(error.strerror or str(error))}", file=err)
        return EXIT_TROUBLE
    return EXIT_CLEAN
