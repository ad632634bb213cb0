"""Finding the Markdown files to lint below the paths given on the command line."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

MARKDOWN_SUFFIXES = (".md", ".markdown")
_HERE = "." + os.sep


class Found(NamedTuple):
    """A file to lint: its path as shown, and whether it was named itself (not found in a directory)."""

    path: str
    named: bool


def iter_markdown_files(
    paths: list[Path], on_error: Callable[[Path, Exception], None]
) -> Iterator[Found]:
    """Yield every file named in ``paths`` and every Markdown file below a named directory.

    Files named explicitly are linted whatever their suffix. Directories are walked in sorted
    order, without following links to directories (so a link loop cannot recurse) and
    skipping hidden directories such as ``.git``. Paths that do not exist or cannot be
    listed are passed to ``on_error`` and skipped. Paths are yielded as strings: a
    ``Path`` interns every part of its name, which adds up over a hundred thousand files.
    """
    for path in paths:
        if path.is_dir():
            yield from _walk(path, on_error)
        elif path.exists():
            yield Found(str(path), True)
        else:
            on_error(path, FileNotFoundError(2, "No such file or directory", str(path)))


def _walk(root: Path, on_error: Callable[[Path, Exception], None]) -> Iterator[Found]:
    def report(error: OSError) -> None:
        on_error(Path(error.filename) if error.filename else root, error)

    for directory, subdirectories, files in os.walk(root, onerror=report):
        subdirectories[:] = sorted(name for name in subdirectories if not name.startswith("."))
        for name in sorted(files):
            if name.lower().endswith(MARKDOWN_SUFFIXES):
                path = os.path.join(directory, name)
                yield Found(path[2:] if path.startswith(_HERE) else path, False)  # "./a.md" as "a.md", as Path writes it
