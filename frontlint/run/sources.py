"""What a run lints: its sources, each with how to read it and the key of its linter, found below the paths given."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Literal, NamedTuple, Union

from frontlint.config.project import LinterKey, Project
from frontlint.reading.files import open_regular, read_start
from frontlint.run.discovery import JSON_LINES_SUFFIXES, walk_files

if TYPE_CHECKING:
    from frontlint.checking.engine import Linter

# One linter for every file, or a project that chooses each file's.
Linters = Union["Linter", Project]
# Called with a path that could not be read (OSError) or that frontlint failed on (a bug).
ErrorHandler = Callable[[Path, Exception], None]
# How the files named (and stdin) are read: auto goes by the name's suffix (.jsonl, .ndjson: JSON Lines).
InputFormat = Literal["auto", "markdown", "jsonl"]
INPUT_FORMATS: tuple[InputFormat, ...] = ("auto", "markdown", "jsonl")


class Source(NamedTuple):
    """A text to lint: its name in diagnostics, how to read at most N of its bytes, and its linter's key.

    A JSON Lines source has ``stream`` too: it opens the whole text to be read one line at a
    time (a Markdown file's is ``None``: only its start is read, by ``read``).
    """

    name: str
    read: Callable[[int], bytes]
    shareable: bool = True  # False for stdin: only this process can read it
    named: bool = False  # True for a file named itself (on the command line), not found by walking
    key: LinterKey | None = (
        None  # its configuration and schema (see frontlint.config.project); None: the run's one linter
    )
    stream: Callable[[], AbstractContextManager[IO[bytes]]] | None = None


def as_project(linters: Linters) -> Project:
    """The project that gives each file its linter: ``linters`` itself, or one that gives every file one linter."""
    return linters if isinstance(linters, Project) else Project(linter=linters)


def sources_for(
    paths: Iterable[Path],
    linters: Linters,
    on_error: ErrorHandler,
    on_skip: Callable[[str], None] | None = None,
    input_format: InputFormat = "auto",
) -> Iterator[Source]:
    """Yield a source for every file found below ``paths`` (see :mod:`frontlint.run.discovery`), with its linter's key.

    A linked file found in a directory that leads out of it goes to ``on_skip``. A
    configuration found on the way that cannot be used raises :class:`ConfigError`.
    ``input_format`` says how the files named in ``paths`` are read (see :func:`is_json_lines`).
    """
    project = as_project(linters)
    for path, named, settings in walk_files(list(paths), project, on_error, on_skip):
        key = project.key_for(settings, os.path.abspath(path))
        yield file_source(path, named, key, input_format)


def file_source(path: str, named: bool, key: LinterKey | None = None, input_format: InputFormat = "auto") -> Source:
    """The source of one file: JSON Lines (streamed) or Markdown (its start read), as :func:`is_json_lines` says."""
    if is_json_lines(path, input_format if named else "auto"):
        return Source(
            path,
            functools.partial(read_start, path),
            named=named,
            key=key,
            stream=functools.partial(open_regular, path),
        )
    return Source(path, functools.partial(read_start, path), named=named, key=key)


def is_json_lines(name: str, input_format: InputFormat) -> bool:
    """Whether a file (or stdin's ``--stdin-filename``) is read as JSON Lines: as ``input_format`` says, or by its suffix.

    ``auto`` reads a name ending ``.jsonl`` or ``.ndjson`` (any case) as JSON Lines and any
    other as Markdown. Files found by walking a folder always go by their suffix.
    """
    if input_format != "auto":
        return input_format == "jsonl"
    return name.lower().endswith(JSON_LINES_SUFFIXES)
