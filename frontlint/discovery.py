"""Finding the Markdown files to lint below the paths given on the command line.

Links (the policy git and ruff follow):

- A path named on the command line is used wherever it points: a link to a file is linted,
  a link to a directory is walked.
- A link found while walking a directory is linted only when the file it leads to (every
  link resolved) lies inside that directory, the one named on the command line. A link that
  leads out of it (``_news/x.md -> /proc/self/environ``, ``-> ../../secrets.md``) is skipped
  without a word, as ruff skips it; the command counts them in its summary line. Links to
  directories are never followed while walking, so a link loop cannot recurse.
- Whatever a link leads to, only a regular file is ever read (:func:`frontlint.files.read_start`).

A path that cannot be used (missing, a link loop, a name too long, in a directory that cannot
be searched) is passed to ``on_error`` with the operating system's reason, and the others
are still found.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

from .files import NUL_IN_NAME

MARKDOWN_SUFFIXES = (".md", ".markdown")
_HERE = "." + os.sep


class Found(NamedTuple):
    """A file to lint: its path as shown, and whether it was named itself (not found in a directory)."""

    path: str
    named: bool


def iter_markdown_files(
    paths: list[Path],
    on_error: Callable[[Path, Exception], None],
    on_skip: Callable[[str], None] | None = None,
) -> Iterator[Found]:
    """Yield every file named in ``paths`` and every Markdown file below a named directory.

    Files named explicitly are linted whatever their suffix. Directories are walked in sorted
    order (a directory's files, then its subdirectories), without following links to
    directories and skipping hidden directories such as ``.git``. A linked file found while
    walking is passed to ``on_skip`` instead when it leads outside the directory walked.
    Paths that do not exist or cannot be used are passed to ``on_error`` and skipped. Paths
    are yielded as strings: a ``Path`` interns every part of its name, which adds up over a
    hundred thousand files.
    """
    for path in paths:
        try:
            is_directory = stat.S_ISDIR(os.stat(path).st_mode)
        except OSError as error:  # missing, a link loop, a name too long, a directory not searchable
            on_error(path, error)
            continue
        except ValueError:  # a NUL in the name: no file can have it
            on_error(path, OSError(errno.EINVAL, NUL_IN_NAME, str(path)))
            continue
        if is_directory:
            yield from _walk(path, on_error, on_skip or _ignore)
        else:
            yield Found(str(path), True)


def _walk(root: Path, on_error: Callable[[Path, Exception], None], on_skip: Callable[[str], None]) -> Iterator[Found]:
    """Yield the Markdown files below ``root``, as :func:`os.walk` (top down, links not followed) finds them."""
    tree = _Tree(os.path.realpath(root))
    pending = [str(root)]
    while pending:
        directory = pending.pop()
        try:
            files, subdirectories = _list(directory, tree, on_skip)
        except OSError as error:
            on_error(Path(error.filename) if error.filename else root, error)
            continue
        for path in files:
            yield Found(path[2:] if path.startswith(_HERE) else path, False)  # "./a.md" as "a.md", as Path writes it
        pending.extend(reversed(subdirectories))


def _list(directory: str, tree: _Tree, on_skip: Callable[[str], None]) -> tuple[list[str], list[str]]:
    """The Markdown files to lint in ``directory`` and the subdirectories to walk, each sorted."""
    files, subdirectories = [], []
    with os.scandir(directory) as entries:
        for entry in entries:
            if _is_real_directory(entry):
                if not entry.name.startswith("."):
                    subdirectories.append(entry.path)
            elif entry.name.lower().endswith(MARKDOWN_SUFFIXES):
                if not entry.is_symlink():
                    files.append(entry.path)
                elif tree.holds(entry.path):
                    if not _leads_to_directory(entry):
                        files.append(entry.path)
                else:
                    on_skip(entry.path)
    return sorted(files), sorted(subdirectories)


def _is_real_directory(entry: os.DirEntry[str]) -> bool:
    """A directory itself, not a link to one (what :func:`os.walk` descends into)."""
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def _leads_to_directory(entry: os.DirEntry[str]) -> bool:
    """A link to a directory, named like a Markdown file: neither walked nor linted, as os.walk leaves it."""
    try:
        return entry.is_dir()
    except OSError:  # a loop or a dangling link: reading it reports why
        return False


class _Tree:
    """The directory being walked, every link in its name resolved."""

    def __init__(self, real_root: str) -> None:
        self._prefix = real_root if real_root.endswith(os.sep) else real_root + os.sep

    def holds(self, link: str) -> bool:
        """Whether the file a link leads to (every link resolved, as far as they go) lies inside the tree."""
        return os.path.realpath(link).startswith(self._prefix)


def searchable_directory(path: Path) -> Path:
    """The nearest directory at or above ``path`` (every link resolved) that can be searched.

    Where the search for a configuration file starts: ``path`` itself may be a link loop,
    a name too long, or lie in a directory that cannot be searched.
    """
    candidate = os.path.realpath(path)
    while True:
        try:
            if stat.S_ISDIR(os.stat(os.path.join(candidate, os.curdir)).st_mode):
                return Path(candidate)
        except OSError:
            pass
        parent = os.path.dirname(candidate)
        if parent == candidate:
            return Path(candidate)
        candidate = parent


def _ignore(path: str) -> None:
    """Skip a linked file quietly (the library's default)."""
