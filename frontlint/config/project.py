"""Which configuration, schema and linter each file gets, as ruff resolves its settings.

Each file uses the nearest configuration file in its folder or above (``.frontlint.toml``,
``frontlint.toml``, or ``pyproject.toml`` with ``[tool.frontlint]``); a file with none above it
uses the defaults, its patterns relative to the working directory. ``--config FILE`` gives every
file that one, ``--isolated`` the defaults. The command line wins over every configuration.

A folder's configuration is looked up once (folders are cached, each holding its nearest
configuration); each configuration file and each schema is loaded once per process, and a
:class:`~frontlint.checking.engine.Linter` is built once per (configuration, schema). A file is handed
to a worker process with a small :data:`LinterKey`: the worker builds the same linter from it.
"""

from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, NamedTuple

from frontlint.checking.engine import Linter
from frontlint.config.loading import CONFIG_FILES, config_in_folder, key_in_file, load_config
from frontlint.schema.contract import Schema, load_schema
from frontlint.schema.loading import SchemaError
from frontlint.settings.resolved import Settings

# A file's configuration file (``None``: the defaults) and schema (a bundled name or a file).
LinterKey = tuple["str | None", str]
DEFAULT_SCHEMA = "article"


class Overrides(NamedTuple):
    """What the command line sets: it wins over every configuration file.

    ``run_time`` is not set by a flag: it is the time of the run, the ``now`` of every file whose
    configuration (and ``--now``) gives none, so that every file and every worker process of one
    run judges dates against one time. ``None``: each file is judged against the time it is checked.
    """

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    now: datetime | None = None
    schema: str | None = None
    force_exclude: bool = False
    run_time: datetime | None = None

    def apply(self, settings: Settings) -> Settings:
        """``settings`` with the command line's choices laid over them."""
        changes: dict[str, Any] = {}
        if self.select is not None:
            changes["select"] = self.select
        if self.extend_select:
            changes["extend_select"] = settings.extend_select + self.extend_select
        if self.ignore:
            changes["ignore"] = settings.ignore + self.ignore
        if self.now is not None:
            changes["now"] = self.now
        elif self.run_time is not None and settings.now is None:
            changes["now"] = self.run_time
        if self.schema is not None:
            changes["schema"], changes["per_file_schemas"] = self.schema, ()
        if self.force_exclude:
            changes["force_exclude"] = True
        return settings._replace(**changes) if changes else settings


class Project:
    """The configurations of a run, found per folder, and the linters built from them."""

    def __init__(
        self,
        overrides: Overrides = Overrides(),
        *,
        config: str | os.PathLike[str] | None = None,
        isolated: bool = False,
        settings: Settings | None = None,
        linter: Linter | None = None,
    ) -> None:
        """Resolve configurations as the command does: ``config`` for every file, or none if
        ``isolated``, or else each file's nearest. ``settings`` (or ``linter``'s) apply to every file instead."""
        self.overrides = overrides
        self._recipe = (overrides, config, isolated, settings, linter)
        self._by_folder: dict[str, Settings] = {}
        self._by_source: dict[str | None, Settings] = {}
        self._linters: dict[LinterKey, Linter] = {}
        self._schemas: dict[str, Schema] = {}
        self._linter = linter
        self._fixed: Settings | None = None
        if linter is not None:  # its schema and settings, as they are
            self._by_source[None] = self._fixed = linter.settings
            return
        defaults = self._finish(settings or Settings(base=os.getcwd()))
        self._by_source[None] = defaults
        if config is not None:
            self._fixed = self._load(os.fspath(config))
        elif isolated or settings is not None:
            self._fixed = defaults

    def __reduce__(self) -> tuple[Any, ...]:
        """A project crosses to a worker process (``spawn``) as the recipe it was built from; the worker loads its own.

        Without a time of the run, it is given the time it crosses at: every worker judges dates against one time.
        """
        overrides, *rest = self._recipe
        return _project, (overrides._replace(run_time=overrides.run_time or datetime.now(timezone.utc)), *rest)

    def _finish(self, settings: Settings) -> Settings:
        """Lay the command line over ``settings``, load every schema they name, and remember them."""
        settings = self.overrides.apply(settings)
        named: list[tuple[tuple[str, ...], str]] = [(("schema",), settings.schema or DEFAULT_SCHEMA)]
        named += [(("per-file-schemas", pattern), name) for pattern, name in settings.per_file_schemas]
        for location, schema in named:
            try:
                self.schema(schema)
            except SchemaError as error:  # say which configuration names it, at which line
                if settings.source is None:
                    raise
                raise SchemaError(f"{key_in_file(settings.source, location)}: {error}") from None
        self._by_source[settings.source] = settings
        return settings

    def _load(self, path: str) -> Settings:
        known = self._by_source.get(path)
        return known if known is not None else self._finish(load_config(Path(path)))

    @property
    def fixed(self) -> bool:
        """Whether every file gets one configuration (``--config``, ``--isolated``, or code)."""
        return self._fixed is not None

    def settings_for_folder(self, folder: str) -> Settings:
        """The settings of the files in ``folder`` (absolute): its nearest configuration's."""
        if self._fixed is not None:
            return self._fixed
        # Climbed without recursion (a folder may be thousands deep): every folder up to the nearest
        # one known or with a configuration gets what that one has.
        chain: list[str] = []
        current = folder
        found = self._by_folder.get(current)
        while found is None:
            chain.append(current)
            own = config_in_folder(Path(current))
            parent = os.path.dirname(current)
            if own is not None:
                found = self._load(str(own))
            elif parent == current:
                found = self._by_source[None]
            else:
                current = parent
                found = self._by_folder.get(current)
        for below in chain:
            self._by_folder[below] = found
        return found

    def settings_below(self, folder: str, names: set[str], parent: Settings) -> Settings:
        """The settings of ``folder`` (absolute), found walking: ``names`` are its entries, ``parent`` its parent's settings."""
        if self._fixed is not None:
            return self._fixed
        found = self._by_folder.get(folder)
        if found is None:
            own = config_in_folder(Path(folder)) if not names.isdisjoint(CONFIG_FILES) else None
            found = self._by_folder[folder] = self._load(str(own)) if own is not None else parent
        return found

    def key_for(self, settings: Settings, path: str) -> LinterKey:
        """The key of the linter for the file ``path`` (absolute) that ``settings`` apply to."""
        schema = settings.schema_for(settings.relative(path)) if settings.per_file_schemas else settings.schema
        return settings.source, schema or DEFAULT_SCHEMA

    def settings_of(self, key: LinterKey) -> Settings:
        """The settings a key names (loaded again here if this process has not read them yet)."""
        return self._by_source[key[0]] if key[0] in self._by_source else self._load(str(key[0]))

    def schema(self, name_or_path: str) -> Schema:
        """A schema, loaded once per process."""
        schema = self._schemas.get(name_or_path)
        if schema is None:
            schema = self._schemas[name_or_path] = load_schema(name_or_path)
        return schema

    def linter(self, key: LinterKey | None) -> Linter:
        """The linter of a key, built once per process; a worker builds it from the key alone."""
        if self._linter is not None:
            return self._linter
        if key is None:
            key = (None, self._by_source[None].schema or DEFAULT_SCHEMA)
        linter = self._linters.get(key)
        if linter is None:
            linter = self._linters[key] = Linter(self.schema(key[1]), self.settings_of(key))
        return linter


def _project(
    overrides: Overrides,
    config: str | os.PathLike[str] | None,
    isolated: bool,
    settings: Settings | None,
    linter: Linter | None,
) -> Project:
    """The project a recipe describes (see :meth:`Project.__reduce__`)."""
    return Project(overrides, config=config, isolated=isolated, settings=settings, linter=linter)
