"""The files of a Dask run: paths, globs and fsspec URLs expanded in order, and one file checked where a worker runs.

Nothing here needs Dask: :mod:`frontlint.on_dask` puts these functions in a ``dask.bag``.
A JSON Lines file is checked whole by one task, read one line at a time
(:func:`~frontlint.checking.json_lines.check_json_lines`): every line number is exact without
a pass to count the lines before a block, and memory stays flat however long the file.
A Markdown file is one record, read as the command reads it
(:func:`~frontlint.run.linting.check_source`).
"""

from __future__ import annotations

import errno
import functools
import glob
import io
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import IO, Any, Literal, NamedTuple, cast

import fsspec  # type: ignore[import-untyped]  # a dependency of Dask; no types

from frontlint.checking.engine import FileReport
from frontlint.config.project import LinterKey
from frontlint.reading.files import open_regular, read_start
from frontlint.run.linting import check_source
from frontlint.run.sources import InputFormat, Linters, Source, as_project, is_json_lines

FileKind = Literal["jsonl", "markdown"]
_GLOB_CHARACTERS = frozenset("*?[")


class RunFile(NamedTuple):
    """One file of a run: its place in the run's order, its name in diagnostics, its URL, kind and linter's key."""

    order: int
    name: str
    url: str
    kind: FileKind
    key: LinterKey | None


def run_files(paths: Iterable[str | os.PathLike[str]], linters: Linters, input_format: InputFormat) -> list[RunFile]:
    """Every file ``paths`` name, in the order given (a glob's matches sorted), each with its kind and linter's key.

    A local path is named as given (``data/part-0.jsonl``, as the command names it); a file
    found by a remote URL's glob by its full URL. A name that exists as written is that file,
    even with glob characters in it (``data/a[1].jsonl``). A name that is not a glob and a glob that
    matches nothing raise :class:`FileNotFoundError` when read or here; an ``input_format`` not
    known, :class:`ValueError`.
    """
    if input_format not in ("auto", "jsonl", "markdown"):
        raise ValueError(f"input_format must be 'auto', 'jsonl' or 'markdown', not {input_format!r}")
    project = as_project(linters)
    found: list[RunFile] = []
    for given in paths:
        for name, url in _expand(os.fspath(given)):
            absolute = os.path.abspath(name) if "://" not in name else name
            key = project.key_for(project.settings_for_folder(os.path.dirname(absolute)), absolute)
            found.append(RunFile(len(found), name, url, _kind(name, input_format), key))
    return found


def _expand(given: str) -> list[tuple[str, str]]:
    """The (name, URL) of every file ``given`` names: itself, or its glob's matches in sorted order.

    A name that exists as written is that file, glob characters and all (``data/a[1].jsonl``),
    as the command reads it; only a name that does not is a glob.
    """
    if _GLOB_CHARACTERS.isdisjoint(given) or _exists(given):
        return [(given, given)]
    if "://" not in given:
        matches = sorted(glob.glob(given))
        named = [(match, match) for match in matches if os.path.isfile(match)]
    else:
        fs, _, stripped = fsspec.core.get_fs_token_paths(given)
        named = [(fs.unstrip_protocol(path), fs.unstrip_protocol(path)) for path in sorted(stripped)]
    if not named:
        raise FileNotFoundError(errno.ENOENT, "no file matches the pattern", given)
    return named


def _exists(given: str) -> bool:
    """Whether a file or folder of exactly this name exists: a local path, or a URL of its file system."""
    if "://" not in given:
        return os.path.exists(given)
    fs, path = fsspec.core.url_to_fs(given)
    return bool(fs.exists(path))


def _kind(name: str, input_format: InputFormat) -> FileKind:
    """What a file is read as: what the command reads it as (:func:`frontlint.run.sources.is_json_lines`)."""
    return "jsonl" if is_json_lines(name, input_format) else "markdown"


def check_run_file(linters: Linters, file: RunFile) -> FileReport:
    """Check one file of the run as the command checks a file (:func:`~frontlint.run.linting.check_source`); a file that cannot be read raises :class:`OSError`."""
    stream = functools.partial(_opened, file.url) if file.kind == "jsonl" else None
    source = Source(file.name, functools.partial(_read_start, file.url), key=file.key, stream=stream)
    outcome = check_source(as_project(linters), source, None, False)
    if outcome.report is None:
        assert outcome.error is not None
        raise outcome.error
    return outcome.report


def _read_start(url: str, size: int) -> bytes:
    """At most ``size`` bytes of a file: a local one as the command reads it, any other through fsspec."""
    if "://" not in url:
        return read_start(url, size)
    with fsspec.open(url, "rb") as stream:
        data: bytes = stream.read(size)
        return data


@contextmanager
def _opened(url: str) -> Iterator[IO[bytes]]:
    """A file opened for reading lines: a local one as the command opens it (a regular file only: a FIFO would block)."""
    if "://" in url:
        with fsspec.open(url, "rb") as stream:
            yield cast(IO[bytes], stream) if isinstance(stream, io.BufferedIOBase) else _buffered(stream)
        return
    with open_regular(url) as stream:
        yield stream


def _buffered(stream: Any) -> IO[bytes]:
    """An fsspec file whose ``readline`` takes no size, behind a buffer whose ``readline`` does."""
    return io.BufferedReader(stream)
