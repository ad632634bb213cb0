"""What a run lints: its sources, each with how to read it and the key of its linter, found below the paths given."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, Union

from frontlint.config.project import LinterKey, Project
from frontlint.reading.files import read_start
from frontlint.run.discovery import walk_files

if TYPE_CHECKING:
    from frontlint.checking.engine import Linter

# One linter for every file, or a project that chooses each file's.
Linters = Union["Linter", Project]
# Called with a path that could not be read (OSError) or that frontlint failed on (a bug).
ErrorHandler = Callable[[Path, Exception], None]


class Source(NamedTuple):
    """A text to lint: its name in diagnostics, how to read at most N of its bytes, and its linter's key."""

    name: str
    read: Callable[[int], bytes]
    shareable: bool = True  # False for stdin: only this process can read it
    named: bool = False  # True for a file named itself (on the command line), not found by walking
    key: LinterKey | None = (
        None  # its configuration and schema (see frontlint.config.project); None: the run's one linter
    )


def as_project(linters: Linters) -> Project:
    """The project that gives each file its linter: ``linters`` itself, or one that gives every file one linter."""
    return linters if isinstance(linters, Project) else Project(linter=linters)


def sources_for(
    paths: Iterable[Path], linters: Linters, on_error: ErrorHandler, on_skip: Callable[[str], None] | None = None
) -> Iterator[Source]:
    """Yield a source for every file found below ``paths`` (see :mod:`frontlint.run.discovery`), with its linter's key.

    A linked file found in a directory that leads out of it goes to ``on_skip``. A
    configuration found on the way that cannot be used raises :class:`ConfigError`.
    """
    project = as_project(linters)
    for path, named, settings in walk_files(list(paths), project, on_error, on_skip):
        key = project.key_for(settings, os.path.abspath(path))
        yield Source(path, functools.partial(read_start, path), named=named, key=key)
