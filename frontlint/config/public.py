"""The library's configuration: :class:`Config`, built from keyword arguments or read from a file.

A ``Config`` holds what a configuration file holds, checked by the same code with the same
messages (:func:`~frontlint.config.loading.settings_from_mapping`): the keyword arguments are
the file's keys with ``_`` for ``-`` (``extend_select`` for ``extend-select``), and errors name
the keys as a file writes them. :meth:`Config.from_file` reads a ``frontlint.toml``,
``.frontlint.toml`` or ``pyproject.toml`` as ``frontlint --config FILE`` does.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from frontlint.config.loading import load_config, parse_now, settings_from_mapping
from frontlint.config.project import Overrides, Project
from frontlint.settings.resolved import Settings

if TYPE_CHECKING:
    from frontlint.checking.engine import Linter

# How a Config names itself in an error (a file names itself by its path).
SOURCE = "Config"


class Config:
    """What to check and how: selection, severities, rule options, ``now``, schemas, limits, files.

    Immutable, picklable, and safe to share between threads. Every argument is a configuration
    file's key (``per_file_ignores`` for ``per-file-ignores``); ``rules`` maps a rule id to its
    table (``{"url-insecure": {"severity": "warning"}}``). ``now`` is an aware ``datetime`` or an
    RFC 3339 string. Patterns and relative schema paths are relative to ``base`` (default: the
    working directory). A bad value raises :class:`~frontlint.config.loading.ConfigError` with a
    configuration file's message, ``Config: `` before it.
    """

    __slots__ = ("_project", "settings")
    settings: Settings
    _project: Project

    def __init__(
        self,
        *,
        select: Iterable[str] | None = None,
        extend_select: Iterable[str] | None = None,
        ignore: Iterable[str] | None = None,
        per_file_ignores: Mapping[str, Iterable[str]] | None = None,
        rules: Mapping[str, Mapping[str, Any]] | None = None,
        now: datetime | str | None = None,
        schema: str | os.PathLike[str] | None = None,
        per_file_schemas: Mapping[str, str | os.PathLike[str]] | None = None,
        include: Iterable[str] | None = None,
        extend_include: Iterable[str] | None = None,
        exclude: Iterable[str] | None = None,
        extend_exclude: Iterable[str] | None = None,
        respect_gitignore: bool | None = None,
        force_exclude: bool | None = None,
        max_front_matter_bytes: int | None = None,
        max_nesting_depth: int | None = None,
        max_alias_nodes: int | None = None,
        base: str | os.PathLike[str] | None = None,
    ) -> None:
        """Check the arguments as a configuration file's keys; ``None`` leaves a key unset."""
        given = {key: value for key, value in locals().items() if key not in ("self", "base") and value is not None}
        table = {key.replace("_", "-"): _as_toml(value) for key, value in given.items()}
        folder = Path(os.fspath(base)) if base is not None else Path.cwd()
        self._set(settings_from_mapping(table, base_dir=folder, source=SOURCE, where=SOURCE))

    def _set(self, settings: Settings) -> None:
        object.__setattr__(self, "settings", settings)
        object.__setattr__(self, "_project", Project(Overrides(), settings=settings))

    def __setattr__(self, name: str, value: Any) -> None:
        """A Config cannot be changed: build another."""
        raise AttributeError(f"Config is immutable: cannot set {name!r}")

    @classmethod
    def from_file(cls, path: str | os.PathLike[str]) -> Config:
        """Read a configuration file as ``frontlint --config FILE`` does, with its errors (and every schema it names)."""
        return cls._of(load_config(Path(os.fspath(path))))

    @classmethod
    def _of(cls, settings: Settings) -> Config:
        config = cls.__new__(cls)
        config._set(settings)
        return config

    def __reduce__(self) -> tuple[Any, ...]:
        """A Config crosses to another process as its settings; schemas are loaded there again."""
        return _config_of, (self.settings,)

    def __repr__(self) -> str:
        """Name the file a Config was read from, or say it was built in code."""
        return f"Config.from_file({self.settings.source!r})" if self.settings.source else "Config(...)"

    def linter(self, path: str = "<string>") -> Linter:
        """The linter for the file ``path`` (its ``per-file-schemas`` and ``per-file-ignores``), built once.

        It is picklable and may be used by many threads at once.
        """
        project = self._project
        return project.linter(project.key_for(self.settings, os.path.abspath(path)))

    def project(self, run_time: datetime | None = None, schema: str | None = None) -> Project:
        """The settings of every file of one run: ``run_time`` is its ``now`` unless the Config sets one; ``schema`` wins over its schemas."""
        return Project(Overrides(schema=schema, run_time=run_time), settings=self.settings)


def read_now(value: datetime | str, source: str) -> datetime:
    """A library function's ``now`` read as ``Config(now=...)`` reads it: an aware ``datetime`` or an RFC 3339 string.

    A naive ``datetime`` (no time zone: which one would it be?) raises
    :class:`~frontlint.config.loading.ConfigError` naming ``source``, as ``--now 2024-01-01T00:00:00`` is refused.
    """
    return parse_now(_as_toml(value), source)


def _as_toml(value: Any) -> Any:
    """An argument as a TOML document holds it: lists for sequences, tables for mappings, strings for paths and times."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    if isinstance(value, Mapping):
        return {key: _as_toml(item) for key, item in value.items()}
    if isinstance(value, Iterable) and not isinstance(value, (str, bytes)):
        return [_as_toml(item) for item in value]
    return value


def _config_of(settings: Settings) -> Config:
    """The Config of these settings (see :meth:`Config.__reduce__`)."""
    return Config._of(settings)
