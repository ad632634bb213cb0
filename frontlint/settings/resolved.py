"""What a run checks: which rules are on, at what severity, with which options.

Selectors are rule ids or prefixes of them: ``schema`` selects every ``schema/*`` id, ``url``
selects ``url-syntax`` and ``url-insecure``, ``ALL`` selects everything.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping
from datetime import datetime
from types import MappingProxyType
from typing import Any, NamedTuple

from frontlint.diagnostic import Severity
from frontlint.reading.limits import Limits
from frontlint.registry import ALWAYS_ON
from frontlint.settings.path_patterns import DEFAULT_EXCLUDE, DEFAULT_INCLUDE, PatternSet, relative_to


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
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    limits: Limits = Limits()
    include: tuple[str, ...] = DEFAULT_INCLUDE
    extend_include: tuple[str, ...] = ()
    extend_exclude: tuple[str, ...] = ()
    respect_gitignore: bool = True
    force_exclude: bool = False
    per_file_schemas: tuple[tuple[str, str], ...] = ()
    baseline: str | None = None
    base: str | None = None
    source: str | None = None


class Settings(_SettingsFields):
    """The resolved configuration of one configuration file (or of the command line, or code).

    ``select`` is ``None`` for the default (every rule); ``severities`` maps a rule id to a
    severity or ``None`` for "off"; ``rule_options`` maps a rule id to its options. ``schema``
    is a bundled schema's name or a file's absolute path (``None``: the bundled contract);
    ``per_file_schemas`` maps patterns to such schemas, ``baseline`` is a file's absolute path.
    Every pattern (``include``, ``exclude``, ``per-file-*``) is gitignore-style, relative to
    ``base``, the configuration's folder (``None``: the working directory); see
    :mod:`frontlint.settings.path_patterns`. ``source`` names the configuration file, ``None`` for none.
    The patterns are prepared once, when first matched. (A named tuple, not a dataclass:
    importing ``dataclasses`` would slow the start of every run.)
    """

    def __reduce__(self) -> tuple[Any, ...]:
        """Settings cross to a worker process (``spawn``) as their fields, read-only mappings as plain ones; caches stay here."""
        return _settings, tuple(_plain(value) for value in self)

    @functools.cached_property
    def folder(self) -> str:
        """The absolute folder patterns are relative to."""
        return os.path.abspath(self.base or os.curdir)

    @functools.cached_property
    def _excluded(self) -> PatternSet:
        return PatternSet(self.exclude + self.extend_exclude)

    @functools.cached_property
    def _included(self) -> PatternSet | None:
        if self.include == DEFAULT_INCLUDE and not self.extend_include:
            return None  # the default: a name's suffix says it, without a pattern
        return PatternSet(self.include + self.extend_include)

    @functools.cached_property
    def _schemas(self) -> PatternSet:
        return PatternSet(pattern for pattern, _ in self.per_file_schemas)

    @functools.cached_property
    def _ignored_in(self) -> PatternSet:
        return PatternSet(pattern for pattern, _ in self.per_file_ignores)

    @functools.cached_property
    def _last_ignored(self) -> list[tuple[str, tuple[str, ...]]]:
        """The last file asked about and the selectors ``per-file-ignores`` switch off in it (one slot)."""
        return [("", ())]

    def relative(self, path: str) -> str:
        """``path`` relative to :attr:`folder`, as patterns are matched (see :func:`~.path_patterns.relative_to`)."""
        return relative_to(self.folder, os.path.abspath(path))

    def excludes(self, relative: str, *, whole: bool = True) -> bool:
        """Whether ``exclude`` and ``extend-exclude`` leave out ``relative`` (ending in ``/`` for a folder).

        ``whole``: only a pattern that matches the path itself counts (its folders were judged
        as they were walked); otherwise one that matches a folder of it counts too.
        """
        return self._excluded.decide(relative, whole=whole) is True

    def includes(self, relative: str) -> bool:
        """Whether ``include`` and ``extend-include`` take the file ``relative`` (found in a folder walked).

        The default takes ``.md`` and ``.markdown`` in any case (``README.MD``); patterns written in a
        configuration match case as git does.
        """
        included = self._included
        if included is None:
            return relative.lower().endswith(_DEFAULT_SUFFIXES)
        return included.decide(relative) is True

    def schema_for(self, relative: str) -> str | None:
        """The schema of the file ``relative``: the last ``per-file-schemas`` pattern that applies (see
        :meth:`~.path_patterns.PatternSet.all_matches`), else ``schema``."""
        if self.per_file_schemas:
            indexes = self._schemas.all_matches(relative)
            if indexes:
                return self.per_file_schemas[indexes[-1]][1]
        return self.schema

    def is_selected(self, rule_id: str, file_path: str | None = None) -> bool:
        """Whether diagnostics of ``rule_id`` are reported (in ``file_path``, if given)."""
        if rule_id in ALWAYS_ON:
            return True
        selected = self._selected_anywhere.get(rule_id)
        if selected is None:  # worked out once per rule: this is asked some 15 times a file
            selected = self._selected_anywhere[rule_id] = self._selects(rule_id)
        if selected and file_path is not None and self.per_file_ignores:
            return not any(matches(s, rule_id) for s in self.ignored_in(file_path))
        return selected

    def selects_family(self, family: str) -> bool:
        """Whether ``select`` or ``extend-select`` may select an id of ``family`` (``schema``: any ``schema/*``).

        A cheap test, made once, before any id of the family is known; ``ignore`` is left to :meth:`is_selected`.
        """
        if self.select is None:
            return True
        return any(matches(s, family) or s.startswith(family + "/") for s in self.select + self.extend_select)

    @functools.cached_property
    def _selected_anywhere(self) -> dict[str, bool]:
        return {}

    def _selects(self, rule_id: str) -> bool:
        """Whether ``select``, ``extend-select``, ``ignore`` and the severities leave ``rule_id`` on."""
        if rule_id in self.severities and self.severities[rule_id] is None:
            return False
        selected = self.select is None or any(matches(s, rule_id) for s in self.select)
        selected = selected or any(matches(s, rule_id) for s in self.extend_select)
        return selected and not any(matches(s, rule_id) for s in self.ignore)

    def ignored_in(self, file_path: str) -> tuple[str, ...]:
        """The selectors ``per-file-ignores`` switch off in ``file_path`` (a path as shown, from the working directory)."""
        slot = self._last_ignored
        last_path, selectors = slot[0]
        if last_path != file_path or not last_path:
            indexes = self._ignored_in.all_matches(self.relative(file_path))
            selectors = tuple(s for index in indexes for s in self.per_file_ignores[index][1])
            slot[0] = (file_path, selectors)
        return selectors

    def severity(self, rule_id: str, default: Severity) -> Severity:
        """Return the configured severity of ``rule_id``, or ``default``."""
        return self.severities.get(rule_id) or default


_DEFAULT_SUFFIXES = tuple(pattern[1:] for pattern in DEFAULT_INCLUDE)


def _plain(value: Any) -> Any:
    """``value`` with its read-only mappings (which cannot be pickled) as dicts, at any depth."""
    return {key: _plain(item) for key, item in value.items()} if isinstance(value, Mapping) else value


def _settings(*fields: Any) -> Settings:
    """The settings of these fields (see :meth:`Settings.__reduce__`)."""
    return Settings(*fields)
