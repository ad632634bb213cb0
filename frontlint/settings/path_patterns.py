"""gitignore-style path patterns: ``include``, ``exclude``, ``per-file-*`` keys and ``.gitignore`` files.

A pattern is read as a line of a ``.gitignore`` file is read (gitignore(5), as the ``pathspec``
library translates it: see :mod:`frontlint.settings.globs`, which matches any pattern against any
path in bounded time) and matched against a path relative to a base folder (the folder of the
configuration or of the ``.gitignore`` that holds it), written with ``/`` and ending in ``/`` for
a folder:

- a pattern without a ``/`` but at its end matches a name at any depth: ``vendor``, ``*.md``;
- a pattern with a ``/`` at its start or in its middle is anchored to the base folder:
  ``/drafts``, ``_news/2019-*.md``; ``**`` spans folders; a ``/`` at its end matches folders only;
- a later pattern wins over an earlier one, and ``!`` before a pattern takes a file back.

Patterns are prepared once, for any number of them. A pattern's matcher is made when it is
first needed, and a path is compared only with the patterns whose plain text it
holds (a hundred thousand ``exclude`` patterns cost each file a few dictionary look-ups).

Why this index and not pathspec's ``GitIgnoreSpec``, which tries every pattern on every path:
the two cost about the same with the 8 default patterns, and pathspec falls further behind with
each order of magnitude of patterns (``benchmarks/experiments/pathspec_patterns.py``; the numbers
are in ``benchmarks/README.md``). See :mod:`frontlint.settings.globs` for what pathspec matches otherwise.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence

from frontlint.reading.files import read_limited
from frontlint.settings.globs import Matcher, compile_glob, parse

# The files linted in a folder that is walked, unless ``include`` says otherwise.
DEFAULT_INCLUDE = ("*.md", "*.markdown")
# What a static site's checkout holds beside its content, never walked unless ``exclude`` is replaced:
# hidden folders (.git, .hg, .svn, .jekyll-cache, .sass-cache, .bundle, .venv, .tox, .cache,
# .github's issue templates), the built site, installed gems and packages, Python and build output.
DEFAULT_EXCLUDE = (".*/", "_site/", "vendor/", "node_modules/", "venv/", "__pycache__/", "build/", "dist/")
# Below this many patterns every pattern is tried; above it, only those whose text the path holds.
_FEW = 24
_SPECIAL = re.compile(r"\\.|[*?/]|\[(?:[!^]?\]?[^\]]*)\]")


class PatternSet:
    """gitignore-style patterns, matched against paths relative to their base folder."""

    def __init__(self, patterns: Iterable[str]) -> None:
        self.patterns: tuple[str, ...] = tuple(patterns)
        self._used = [index for index, pattern in enumerate(self.patterns) if _is_pattern(pattern)]
        # A pattern ending in "/" matches folders only: never a file's own path (the defaults all do).
        self._for_files = [index for index in self._used if not self.patterns[index].rstrip(" ").endswith("/")]
        self._by_text: dict[str, list[int]] = {}
        self._everywhere: list[int] = []
        if len(self._used) > _FEW:
            for index in self._used:
                text = _longest_text(self.patterns[index])
                if text:
                    self._by_text.setdefault(text, []).append(index)
                else:
                    self._everywhere.append(index)
        self._lengths = sorted({len(text) for text in self._by_text})
        self._compiled: dict[int, tuple[Matcher, bool]] = {}
        self._negated = [index for index in self._used if self.patterns[index].startswith("!")]

    def __bool__(self) -> bool:
        return bool(self._used)

    def decide(self, path: str, *, whole: bool = True) -> bool | None:
        """Whether the last pattern that matches ``path`` takes it (``True``) or gives it back (``!``, ``False``).

        ``None`` when no pattern matches. ``whole``: a pattern must match the path itself;
        otherwise a pattern that matches one of its folders matches it too.
        """
        index = self.last_match(path, whole=whole)
        return None if index is None else self._compile(index)[1]

    def last_match(self, path: str, *, whole: bool = True) -> int | None:
        """The index of the last pattern that matches ``path`` (see :meth:`decide`), or ``None``."""
        if whole and not self._by_text and not path.endswith("/"):
            candidates: Iterable[int] = self._for_files  # a file itself: folder patterns cannot match it
        else:
            candidates = self._candidates(path)
        for index in sorted(candidates, reverse=True):
            matcher = self._compile(index)[0]
            if matcher.fullmatch(path) if whole else matcher.match(path):
                return index
        return None

    def all_matches(self, path: str) -> list[int]:
        """The indexes, in order, of the patterns that apply to ``path`` as ``per-file-*`` keys, each on its own (as ruff
        reads them): a pattern that matches it or one of its folders, and a ``!`` pattern that does not."""
        found = [
            index
            for index in self._candidates(path)
            if not self.patterns[index].startswith("!") and self._compile(index)[0].match(path)
        ]
        found += [index for index in self._negated if not self._compile(index)[0].match(path)]
        return sorted(found)

    def _candidates(self, path: str) -> Iterable[int]:
        if not self._by_text:
            return self._used
        found = set(self._everywhere)
        for name in set(
            path.split("/")
        ):  # a pattern's text holds no "/": it lies in one name (once for a name met again)
            size = len(name)
            for length in self._lengths:
                if length > size:
                    break
                for start in range(size - length + 1):
                    found.update(self._by_text.get(name[start : start + length], ()))
        return found

    def _compile(self, index: int) -> tuple[Matcher, bool]:
        compiled = self._compiled.get(index)
        if compiled is None:
            compiled = self._compiled[index] = translate(self.patterns[index])
        return compiled


def _is_pattern(pattern: str) -> bool:
    """Whether a line is a pattern at all: blank lines and ``#`` comments are not (as in a .gitignore)."""
    return bool(pattern.strip()) and not pattern.startswith("#")


def translate(pattern: str) -> tuple[Matcher, bool]:
    """The matcher of a gitignore pattern (see :mod:`frontlint.settings.globs`) and whether it takes paths (not ``!``).

    A pattern git cannot read (``!``, ``[z-a]``, an unclosed ``[``) matches nothing.
    """
    glob = parse(pattern)
    if glob is None:
        return _NOTHING, False
    return compile_glob(glob), glob.include


_NOTHING = re.compile(r"(?!)")


def _longest_text(pattern: str) -> str:
    """The longest stretch of plain text (no ``/``) that every path a pattern matches holds."""
    body = pattern[1:] if pattern.startswith("!") else pattern
    if not body.endswith("\\ "):
        body = body.rstrip()  # as a pattern is read: a tab or any other space at its end is not part of it
    runs: list[str] = []
    current: list[str] = []
    position = 0
    for special in _SPECIAL.finditer(body):
        current.append(body[position : special.start()])
        token = special.group()
        position = special.end()
        if token.startswith("\\") and token != "\\/":
            current.append(token[1:])
            continue
        runs.append("".join(current))
        current = []
    current.append(body[position:])
    runs.append("".join(current))
    return max(runs, key=len)


def relative_to(base: str, path: str) -> str:
    """``path`` (absolute) relative to ``base`` (absolute), with ``/``; outside ``base``, the absolute path without its root."""
    prefix = base if base.endswith(os.sep) else base + os.sep
    if path == base:
        return ""
    relative = path[len(prefix) :] if path.startswith(prefix) else path.lstrip(os.sep)
    return relative if os.sep == "/" else relative.replace(os.sep, "/")


def relative_to_common(base: str, path: str) -> str:
    """``path`` (absolute) relative to ``base``, or, outside it, to the nearest folder that holds both.

    To judge a path named on the command line with its folders (``whole=False``): the folders above
    that common one (``~/.local`` above a site) were never walked, so no pattern judges them.
    """
    try:
        common = os.path.commonpath([base, path])
    except ValueError:  # on two drives (Windows): nothing in common
        common = base
    return relative_to(common, path)


class Gitignores:
    """The ``.gitignore`` files that apply in one folder of a git repository, the nearest last.

    ``.git/info/exclude`` of the repository comes first (it yields to every ``.gitignore``).
    """

    def __init__(self, layers: Sequence[tuple[str, PatternSet]] = ()) -> None:
        self.layers = tuple(layers)

    def ignores(self, path: str, *, is_dir: bool, whole: bool = True) -> bool:
        """Whether git ignores ``path`` (absolute): the nearest ``.gitignore`` with a matching pattern decides."""
        for base, patterns in reversed(self.layers):
            relative = relative_to(base, path) + ("/" if is_dir else "")
            decision = patterns.decide(relative, whole=whole)
            if decision is not None:
                return decision
        return False

    def below(self, folder: str, names: Iterable[str]) -> Gitignores:
        """The files that apply in ``folder`` (absolute), a subfolder, given the names it holds."""
        if ".gitignore" not in names:
            return self
        return Gitignores([*self.layers, (folder, read_patterns(os.path.join(folder, ".gitignore")))])


def repository_ignores(root: str, has_gitignore: bool) -> Gitignores:
    """The ignore files at a repository's top: ``.git/info/exclude``, then ``.gitignore`` if ``has_gitignore``."""
    layers = [(root, read_patterns(os.path.join(root, ".git", "info", "exclude")))]
    if has_gitignore:
        layers.append((root, read_patterns(os.path.join(root, ".gitignore"))))
    return Gitignores([(base, patterns) for base, patterns in layers if patterns])


def gitignores_for(folder: str) -> Gitignores | None:
    """The ``.gitignore`` files that apply in ``folder`` (absolute): those of it and its parents up to
    the repository's top, with ``.git/info/exclude``. ``None`` outside a git repository (as git and ruff,
    frontlint then reads no ``.gitignore``)."""
    chain: list[str] = []
    current = folder
    while True:
        chain.append(current)
        if os.path.lexists(os.path.join(current, ".git")):
            break
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent
    root = chain.pop()
    found = repository_ignores(root, os.path.isfile(os.path.join(root, ".gitignore")))
    for below in reversed(chain):
        found = found.below(below, [".gitignore"] if os.path.isfile(os.path.join(below, ".gitignore")) else [])
    return found


# A .gitignore larger than this is read only so far (git itself stops at 100 MB).
MAX_GITIGNORE_BYTES = 4 * 1024 * 1024


def read_patterns(path: str) -> PatternSet:
    """The patterns of a ``.gitignore`` file; one that cannot be read holds none (as git reads it)."""
    try:
        raw = read_limited(path, MAX_GITIGNORE_BYTES)
    except OSError:  # a NUL in the name too: read_limited says so with an OSError
        return PatternSet(())
    return PatternSet(line.rstrip("\r") for line in raw.decode("utf-8", "replace").split("\n"))
