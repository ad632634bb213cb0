"""What a run checks: which rules are on, at what severity, with which options.

Selectors are rule ids or prefixes of them: ``schema`` selects every ``schema/*`` id, ``url``
selects ``url-syntax`` and ``url-insecure``, ``ALL`` selects everything.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Mapping
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


class Settings(NamedTuple):
    """The resolved configuration of a run (from a config file, the command line, or code).

    ``select`` is ``None`` for the default (every rule); ``severities`` maps a rule id to a
    severity or ``None`` for "off"; ``rule_options`` maps a rule id to its options.
    """

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
            for pattern, selectors in self.per_file_ignores:
                if path_matches(file_path, pattern) and any(matches(s, rule_id) for s in selectors):
                    return False
        return True

    def severity(self, rule_id: str, default: Severity) -> Severity:
        """Return the configured severity of ``rule_id``, or ``default``."""
        return self.severities.get(rule_id) or default

    def is_excluded(self, file_path: str) -> bool:
        """Whether ``file_path`` matches one of the ``exclude`` globs."""
        return any(path_matches(file_path, pattern) for pattern in self.exclude)


def path_matches(file_path: str, pattern: str) -> bool:
    """Match a path against a glob: the whole path, any trailing part of it, or its name."""
    path = PurePath(file_path)
    posix = path.as_posix()
    if fnmatch.fnmatchcase(posix, pattern) or fnmatch.fnmatchcase(path.name, pattern):
        return True
    parts = path.parts
    return any(fnmatch.fnmatchcase(PurePath(*parts[i:]).as_posix(), pattern) for i in range(1, len(parts)))
