"""Finding the Markdown files to lint below the paths given on the command line.

Folders are walked as ruff walks them: a file is linted when ``include`` (``*.md`` and
``*.markdown`` by default) takes it and neither ``exclude`` (hidden folders, ``_site``, ``vendor``,
``node_modules`` ... by default), ``extend-exclude`` nor, in a git repository, a ``.gitignore``
(``respect-gitignore``) leaves it out; an excluded folder is never entered. Each entry of a folder
is judged by that folder's configuration (see :mod:`frontlint.config.project`), its patterns relative
to the configuration's folder (see :mod:`frontlint.settings.path_patterns`). A path named on the command
line is linted whatever its name and the excludes, unless ``--force-exclude``. A file found is
read as JSON Lines when its name ends ``.jsonl`` or ``.ndjson`` (so a walk finds them only where
``include`` or ``extend-include`` names them), as Markdown otherwise (see :mod:`frontlint.run.sources`).

Links (the policy git and ruff follow):

- A path named on the command line is used wherever it points: a link to a file is linted,
  a link to a directory is walked.
- A link found while walking a directory is linted only when the file it leads to (every
  link resolved) lies inside that directory, the one named on the command line. A link that
  leads out of it (``_news/x.md -> /proc/self/environ``, ``-> ../../secrets.md``) is skipped
  without a word, as ruff skips it; the command counts them in its summary line. Links to
  directories are never followed while walking, so a link loop cannot recurse.
- Whatever a link leads to, only a regular file is ever read (:func:`frontlint.reading.files.read_start`).

A path that cannot be used (missing, a link loop, a name too long, in a directory that cannot
be searched, in a folder whose whole name is too long to look for its configuration there) is
passed to ``on_error`` with the operating system's reason, and the others are still found.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from frontlint.config.loading import CONFIG_FILES
from frontlint.reading.files import NUL_IN_NAME
from frontlint.settings.path_patterns import Gitignores, gitignores_for, relative_to_common, repository_ignores

if TYPE_CHECKING:
    from frontlint.config.project import Project
    from frontlint.settings.resolved import Settings

MARKDOWN_SUFFIXES = (".md", ".markdown")
# Files read as JSON Lines when named or walked (include must name them for a walk to find them).
JSON_LINES_SUFFIXES = (".jsonl", ".ndjson")
_HERE = "." + os.sep
_LONGEST_CONFIG_NAME = max(CONFIG_FILES, key=len)


class FoundFile(NamedTuple):
    """A file to lint, whether it was named itself, and the settings of its folder."""

    path: str
    named: bool
    settings: Settings


def walk_files(
    paths: list[Path],
    project: Project,
    on_error: Callable[[Path, Exception], None],
    on_skip: Callable[[str], None] | None = None,
) -> Iterator[FoundFile]:
    """Yield every file named in ``paths`` and every file to lint below a named directory.

    Files named explicitly are linted whatever their name (and excludes, unless the settings
    say ``force-exclude``). Directories are walked in sorted order (a directory's files, then
    its subdirectories), without following links to directories. A linked file found while
    walking is passed to ``on_skip`` instead when it leads outside the directory walked.
    Paths that do not exist or cannot be used are passed to ``on_error`` and skipped. Paths
    are yielded as strings: a ``Path`` interns every part of its name, which adds up over a
    hundred thousand files. A configuration that cannot be used raises
    :class:`~frontlint.config.loading.ConfigError`.
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
        absolute = os.path.abspath(path)
        if _too_long_for_a_configuration(absolute if is_directory else os.path.dirname(absolute)):
            on_error(path, OSError(errno.ENAMETOOLONG, os.strerror(errno.ENAMETOOLONG), str(path)))
            continue
        settings = project.settings_for_folder(searchable_directory(absolute))
        if force_excluded(absolute, settings, is_directory):
            continue
        if is_directory:
            yield from _walk(path, absolute, settings, project, on_error, on_skip or _ignore)
        else:
            yield FoundFile(str(path), True, settings)


def force_excluded(absolute: str, settings: Settings, is_directory: bool = False) -> bool:
    """Whether a path named on the command line (or stdin's ``--stdin-filename``) is left out: with
    ``force-exclude``, by a pattern that matches it or a folder it is in, relative to its configuration's folder."""
    if not settings.force_exclude:
        return False
    relative = relative_to_common(settings.folder, absolute) + ("/" if is_directory else "")
    if settings.excludes(relative, whole=False):
        return True
    if not settings.respect_gitignore:
        return False
    ignores = gitignores_for(os.path.dirname(absolute))
    return ignores is not None and ignores.ignores(absolute, is_dir=is_directory, whole=False)


def _walk(
    root: Path,
    absolute_root: str,
    settings: Settings,
    project: Project,
    on_error: Callable[[Path, Exception], None],
    on_skip: Callable[[str], None],
) -> Iterator[FoundFile]:
    """Yield the files to lint below ``root``, as :func:`os.walk` (top down, links not followed) finds them."""
    tree = _Tree(os.path.realpath(root))
    above = os.path.dirname(absolute_root)
    pending: list[tuple[str, str, Settings, Gitignores | None]] = [
        (str(root), absolute_root, settings, gitignores_for(above) if above != absolute_root else None)
    ]
    while pending:
        directory, absolute, parent_settings, parent_ignores = pending.pop()
        try:
            with os.scandir(directory) as listing:
                entries = list(listing)
        except OSError as error:
            on_error(Path(error.filename) if error.filename else root, error)
            continue
        names = {entry.name for entry in entries}
        folder_settings = project.settings_below(absolute, names, parent_settings)
        ignores = _ignores_in(parent_ignores, absolute, names)
        used = ignores if folder_settings.respect_gitignore else None
        files, subdirectories = _list(entries, absolute, folder_settings, used, tree, on_skip)
        for path in files:
            yield FoundFile(path[2:] if path.startswith(_HERE) else path, False, folder_settings)  # "./a.md" as "a.md"
        pending.extend(
            (path, os.path.join(absolute, os.path.basename(path)), folder_settings, ignores)
            for path in reversed(subdirectories)
        )


def _ignores_in(parent: Gitignores | None, folder: str, names: set[str]) -> Gitignores | None:
    """The ``.gitignore`` files that apply in ``folder``, given those of its parent and its own entries."""
    if ".git" in names:  # a repository's top (or a submodule's): its own ignore files only
        return repository_ignores(folder, ".gitignore" in names)
    return parent.below(folder, names) if parent is not None else None


def _list(
    entries: list[os.DirEntry[str]],
    absolute: str,
    settings: Settings,
    ignores: Gitignores | None,
    tree: _Tree,
    on_skip: Callable[[str], None],
) -> tuple[list[str], list[str]]:
    """The files to lint among a directory's ``entries`` and the subdirectories to walk, each sorted."""
    files, subdirectories = [], []
    prefix = settings.relative(absolute)
    prefix = prefix + "/" if prefix else ""
    for entry in entries:
        relative = prefix + entry.name
        if _is_real_directory(entry):
            if not settings.excludes(relative + "/") and not (
                ignores is not None and ignores.ignores(os.path.join(absolute, entry.name), is_dir=True)
            ):
                subdirectories.append(entry.path)
        elif settings.includes(relative) and not settings.excludes(relative):
            if ignores is not None and ignores.ignores(os.path.join(absolute, entry.name), is_dir=False):
                continue
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


def _too_long_for_a_configuration(folder: str) -> bool:
    """Whether a configuration file in ``folder`` (absolute) has a name longer than the system takes.

    A path named from the working directory may fit where the whole name of its folder does not:
    whether that folder holds a configuration cannot be known, so the path is not linted with another's.
    """
    try:
        os.lstat(os.path.join(folder, _LONGEST_CONFIG_NAME))
    except OSError as error:
        return error.errno == errno.ENAMETOOLONG
    return False


def searchable_directory(path: Path | str) -> str:
    """The nearest directory at or above ``path`` (absolute, as written: links are not resolved) that can be searched.

    Where the search for a configuration file starts: ``path`` itself may be a file, a link
    loop, a name too long, or lie in a directory that cannot be searched or whose configuration
    files' names would be too long.
    """
    candidate = os.path.abspath(path)
    while True:
        try:
            searchable = stat.S_ISDIR(os.stat(os.path.join(candidate, os.curdir)).st_mode)
            if searchable and not _too_long_for_a_configuration(candidate):
                return candidate
        except (OSError, ValueError):
            pass
        parent = os.path.dirname(candidate)
        if parent == candidate:
            return candidate
        candidate = parent


def _ignore(path: str) -> None:
    """Skip a linked file quietly (the library's default)."""
