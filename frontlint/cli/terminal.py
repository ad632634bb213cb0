"""The terminal and the standard streams: width, streams that tolerate any path and a reader
that goes away, stderr that a progress bar shares, and a stdout closed before the start."""

from __future__ import annotations

import argparse
import errno
import io
import os
import sys
from collections.abc import Callable
from typing import TextIO

from frontlint.cli.status import EXIT_CLEAN, EXIT_TROUBLE
from frontlint.text.terminal_safe import visible


class HelpFormatter(argparse.HelpFormatter):
    """argparse's help formatter, as wide as the terminal, found without ``shutil``.

    The help it lays out is argparse's own, character for character (tests/test_cli.py
    compares the two at 60, 80, 100 and 120 columns, an unset, a junk and a zero
    ``COLUMNS``): only the width is found another way. argparse builds a formatter for every
    ``add_argument``, not only for ``--help``, and its own formatter imports :mod:`shutil` (with
    ``bz2``, ``lzma`` and ``zlib``) to ask :func:`shutil.get_terminal_size`: with
    ``argparse.HelpFormatter`` every run, even of one clean file, pays that import, 2.5-2.9 ms
    and 0.24-0.30 MB of peak memory in a process that has imported the command, and
    ``test_linting_one_clean_file_imports_only_what_it_needs`` fails (``shutil`` imported).
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


def tolerant(stream: TextIO) -> TextIO:
    """Let a stream print any path: file names that are not UTF-8 reach Python as surrogates."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        utf8 = (getattr(stream, "encoding", "") or "").lower().replace("-", "") == "utf8"
        reconfigure(errors="surrogateescape" if utf8 else "backslashreplace")
    return stream


class ClosedStream(io.StringIO):
    """Stands for a stdout that was closed when frontlint started (``>&-``): writing fails with EBADF."""

    def write(self, text: str) -> int:
        """Fail as writing to a closed file descriptor does."""
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))


def emit(out: TextIO, text: str) -> None:
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


class Stderr(io.StringIO):
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


def print_to_stdout(text: str, out: TextIO, err: TextIO) -> int:
    """Print a subcommand's text; a stdout that cannot be written is exit 2 with one line."""
    try:
        emit(out, text)
    except OSError as error:
        print(f"frontlint: error: <stdout>: {visible(error.strerror or str(error))}", file=err)
        return EXIT_TROUBLE
    return EXIT_CLEAN
