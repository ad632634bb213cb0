"""What a run checks: which rules are on, at what severity, with which options.

Selectors are rule ids or prefixes of them: ``schema`` selects every ``schema/*`` id, ``url``
selects ``url-syntax`` and ``url-insecure``, ``ALL`` selects everything.
"""

from __future__ import annotations

import fnmatch
import functools
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from pathlib import PurePath
from types import MappingProxyType
from typing import Any, NamedTuple

from .diagnostic import Severity
from .limits import Limits

# Diagnostics that mean a file could not be read at all: they always show.
ALWAYS_ON = frozenset({
    "encoding", "yaml-syntax", "front-matter-unclosed",
    "front-matter-too-large", "yaml-depth-limit", "yaml-alias-limit",
})


def matches(selector: str, rule_id: str) -> bool:
    """Whether ``selector`` (an id, a prefix of ids, or ``ALL``) selects ``rule_id``."""
    if selector == "ALL" or selector == rule_id:
        return True
    return rule_id.startswith(selector) and rule_id[len(selector)] in "/-"


_NOTHING: Mapping[str, Any] = MappingProxyType({})


class _SettingsFields(NamedTuple):
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    severities: Mapping[str, Severity | None] = _NOTHING
    rule_options: Mapping[str, Mapping[str, Any]] = _NOTHING
    now: datetime | None = None
    schema: str | None = None
    exclude: tuple[str, ...] = ()
    limits: Limits = Limits()


class Settings(_SettingsFields):
    """The resolved configuration of a run (from a config file, the command line, or code).

    ``select`` is ``None`` for the default (every rule); ``severities`` maps a rule id to a
    severity or ``None`` for "off"; ``rule_options`` maps a rule id to its options. The
    ``exclude`` and ``per-file-ignores`` globs are prepared once, when first matched. (A named
    tuple, not a dataclass: importing ``dataclasses`` would slow the start of every run.)
    """

    @functools.cached_property
    def _excluded(self) -> GlobSet:
        return GlobSet(self.exclude)

    @functools.cached_property
    def _ignored_in(self) -> tuple[tuple[GlobSet, tuple[str, ...]], ...]:
        return tuple((GlobSet((pattern,)), selectors) for pattern, selectors in self.per_file_ignores)

    def is_selected(self, rule_id: str, file_path: str | None = None) -> bool:
        """Whether diagnostics of ``rule_id`` are reported (in ``file_path``, if given)."""
        if rule_id in ALWAYS_ON:
            return True
        if rule_id in self.severities and self.severities[rule_id] is None:
            return False
        selected = self.select is None or any(matches(s, rule_id) for s in self.select)
        selected = selected or any(matches(s, rule_id) for s in self.extend_select)
        if not selected or any(matches(s, rule_id) for s in self.ignore):
            return False
        if file_path is not None:
            for globs, selectors in self._ignored_in:
                if any(matches(s, rule_id) for s in selectors) and globs.matches(file_path):
                    return False
        return True

    def severity(self, rule_id: str, default: Severity) -> Severity:
        """Return the configured severity of ``rule_id``, or ``default``."""
        return self.severities.get(rule_id) or default

    def is_excluded(self, file_path: str) -> bool:
        """Whether ``file_path`` matches one of the ``exclude`` globs."""
        return self._excluded.matches(file_path)


class GlobSet:
    """Globs (``fnmatch`` patterns) matched against a path, any trailing part of it, or its name.

    Prepared once, for any number of globs: a glob without wildcards is looked up in a set;
    every other one is filed under its longest stretch of plain text, which the path must
    contain for the glob to match, so a path is compared only with the globs whose text it
    holds. Each glob is compiled when it is first needed. Only globs with no plain text at
    all (``*``, ``?[!.]*``) are compared with every path.
    """

    def __init__(self, patterns: Iterable[str]) -> None:
        self._literals: set[str] = set()
        self._by_text: dict[str, list[str]] = {}
        self._everywhere: list[str] = []
        for pattern in dict.fromkeys(patterns):
            runs = _plain_runs(pattern)
            longest = max(runs, key=len)
            if longest == pattern:
                self._literals.add(pattern)
            elif longest:
                self._by_text.setdefault(longest, []).append(pattern)
            else:
                self._everywhere.append(pattern)
        self._text_lengths = sorted({len(text) for text in self._by_text})
        self._compiled: dict[str, Callable[[str], object]] = {}
        self._empty = not (self._literals or self._by_text or self._everywhere)

    def matches(self, file_path: str) -> bool:
        """Whether any glob matches the whole path, any trailing part of it, or its name."""
        if self._empty:
            return False
        path = PurePath(file_path)
        posix = path.as_posix()
        root = len(posix) - len(posix.lstrip("/")) - 1  # the last "/" of a root ("/", "//")
        candidates = [posix] + [posix[at + 1 :] for at, char in enumerate(posix) if char == "/" and at >= root]
        if path.name != candidates[-1]:  # "." has the name ""
            candidates.append(path.name)
        if any(candidate in self._literals for candidate in candidates):
            return True
        patterns = [*self._everywhere, *self._holding_text_of(posix)]
        return any(self._compiled_match(pattern)(candidate) for pattern in patterns for candidate in candidates)

    def _holding_text_of(self, posix: str) -> list[str]:
        """The globs filed under a text that ``posix`` contains."""
        found: list[str] = []
        for length in self._text_lengths:
            if length > len(posix):
                break
            for start in range(len(posix) - length + 1):
                found.extend(self._by_text.get(posix[start : start + length], ()))
        return list(dict.fromkeys(found))

    def _compiled_match(self, pattern: str) -> Callable[[str], object]:
        match = self._compiled.get(pattern)
        if match is None:
            match = self._compiled[pattern] = re.compile(fnmatch.translate(pattern)).match
        return match


_STAR_OR_QUESTION = re.compile(r"[*?]")


def _plain_runs(pattern: str) -> list[str]:
    """The stretches of plain text between a glob's wildcards (read as :func:`fnmatch.translate` reads them)."""
    if "[" not in pattern:
        return _STAR_OR_QUESTION.split(pattern)
    runs: list[str] = []
    current: list[str] = []
    index, size = 0, len(pattern)
    while index < size:
        char = pattern[index]
        index += 1
        if char == "[":
            end = index + (index < size and pattern[index] == "!")
            end += end < size and pattern[end] == "]"
            end = pattern.find("]", end)
            if end < 0:  # no closing bracket: a plain "["
                current.append(char)
                continue
            index = end + 1
        elif char not in "*?":
            current.append(char)
            continue
        runs.append("".join(current))
        current = []
    runs.append("".join(current))
    return runs
