"""The library interface: lint text, files and trees, or validate already-parsed data."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple, Union

from frontlint.checking.engine import Linter, sorted_diagnostics
from frontlint.config.project import Project
from frontlint.config.public import Config
from frontlint.diagnostic import Diagnostic
from frontlint.registry import RUN_RULES
from frontlint.run.linting import check_sources
from frontlint.run.sources import file_source, sources_for
from frontlint.schema.contract import BUNDLED_SCHEMAS, DEFAULT_SCHEMA, Schema, load_schema

SchemaLike = Union[Schema, str, "os.PathLike[str]", None]
ConfigLike = Union[Config, str, "os.PathLike[str]", None]


@lru_cache(maxsize=8)
def _cached_linter(name_or_path: str, version: tuple[int, int] | None) -> Linter:
    return Linter(load_schema(name_or_path))


def _linter(schema: SchemaLike) -> Linter:
    if isinstance(schema, Schema):
        return Linter(schema)
    name_or_path = os.fspath(schema) if schema is not None else DEFAULT_SCHEMA
    return _cached_linter(name_or_path, _file_version(name_or_path))


def _file_version(name_or_path: str) -> tuple[int, int] | None:
    """A schema file's modification time and size, so that a changed file is loaded again.

    ``None`` for a bundled schema's name, or a path that cannot be looked at (loading it
    then says why).
    """
    if name_or_path in BUNDLED_SCHEMAS:
        return None
    try:
        status = os.stat(name_or_path)
    except (OSError, ValueError):
        return None
    return status.st_mtime_ns, status.st_size


def lint_text(
    text: str | bytes, path: str = "<string>", schema: SchemaLike = None, config: ConfigLike = None
) -> list[Diagnostic]:
    """Lint the text of one Markdown file and return its diagnostics in report order.

    ``text`` may be bytes (decoded as UTF-8, reporting an ``encoding`` diagnostic if it is
    not); a str holding a lone surrogate, which no UTF-8 bytes hold, is an ``encoding``
    diagnostic at it too. ``path`` names the text in diagnostics. ``schema`` is a :class:`Schema`, the name
    of a bundled schema, or a schema file's path; the bundled article contract by default.
    ``config`` is a :class:`Config` or a configuration file's path (see :func:`lint_paths`).
    """
    linter = _linter_for(schema, config, path)
    if isinstance(text, bytes):
        return linter.lint_bytes(text, path)
    return linter.lint_text(text, path)


def lint_file(path: str | os.PathLike[str], schema: SchemaLike = None, config: ConfigLike = None) -> list[Diagnostic]:
    """Read and lint one file. Raises :class:`OSError` when the file cannot be read. ``config``: see :func:`lint_paths`."""
    linter = _linter_for(schema, config, os.fspath(path)).at(datetime.now(timezone.utc))
    report = check_sources(linter, [file_source(os.fspath(path), named=True)], _raise)
    return report.diagnostics


def lint_paths(
    paths: Iterable[str | os.PathLike[str]],
    schema: SchemaLike = None,
    on_error: Callable[[Path, Exception], None] | None = None,
    jobs: int = 1,
    config: ConfigLike = None,
) -> list[Diagnostic]:
    """Lint files and every ``*.md`` / ``*.markdown`` file below directories (a file named ``*.jsonl`` or ``*.ndjson`` as JSON Lines).

    Directories are walked as the command walks them (the default ``exclude`` leaves out
    hidden folders, ``_site``, ``vendor``, ``node_modules`` …; ``.gitignore`` is respected in a
    git repository). ``config`` is a :class:`Config`, or the path of a configuration file
    (read by :meth:`Config.from_file`), that applies to every file: its selection, rule options,
    ``now``, ``include``/``exclude``, ``schema`` and ``per-file-schemas`` (unless ``schema`` is
    given too, which wins); without it no configuration file is read.

    A path that cannot be read raises :class:`OSError`, unless ``on_error`` is given: it is
    then called with the path and the error (also for an unexpected failure inside
    frontlint: a :class:`frontlint.run.linting.InternalError` whose ``rule`` names the rule that
    raised, if one did, and whose ``traceback`` holds the original traceback as text, from a
    worker process too; raised, it prints that traceback as its cause), and the other files
    are still linted. ``jobs`` > 1 lints in that many
    processes (not on Windows; at most one per CPU); the result is the same. If a
    worker process dies, the files not yet linted are reported in one
    :class:`frontlint.run.parallel.WorkerDied` (raised, or passed to ``on_error`` with the first
    of them). Threads may call this at the same time.
    """
    report = on_error or _raise
    now = datetime.now(timezone.utc)  # one time for every file of the call, in every process
    linters = _linters(schema, config, now)
    sources = sources_for([Path(p) for p in paths], linters, report)
    return check_sources(linters, sources, report, jobs=jobs).diagnostics


def validate_data(
    data: object, schema: SchemaLike = None, path: str = "<data>", config: ConfigLike = None
) -> list[Diagnostic]:
    """Check an already-parsed record, as a data pipeline holds it, against the contract.

    ``data`` is judged as the same front matter written in a file: any ``Mapping`` at any
    depth (a dict, ``OrderedDict``, ``MappingProxyType``, your own class), an object with a
    ``.metadata`` mapping (python-frontmatter's ``Post``), tuples as lists, and ``datetime``
    / ``date`` values (what ``yaml.safe_load`` makes of timestamps) as the RFC 3339 text
    they stand for (``Z`` for UTC; a naive ``datetime`` gets no offset, so it fails the
    ``date-time`` format as the text without an offset does in a file). ``config`` (see
    :func:`lint_paths`) selects rules and sets their options; ``path`` is the name its
    ``per-file-*`` patterns are matched against.

    The diagnostics have no line or column; ``json_path`` names the offending node. A key
    that is not a string (``1``, ``None``, ``(1, 2)``), at any depth, is a ``yaml-key-type``
    diagnostic at the mapping that holds it, never an exception; ``data`` is not changed.
    As in a file, nesting deeper than ``max-nesting-depth`` (64 by default) is
    ``yaml-depth-limit`` and an integer of more than 4,300 digits ``yaml-syntax``, at the
    node, and the record is not checked further.
    """
    return _linter_for(schema, config, path).validate_data(data, path)


class RecordResult(NamedTuple):
    """What :func:`validate_records` found in one record.

    ``position`` is its 0-based index in the stream; ``id`` what ``id_of`` gave for it (``None``
    without ``id_of``); ``diagnostics`` its diagnostics in report order (empty: it passed),
    each named ``<path>[<position>]`` with the JSON path of its node.
    """

    position: int
    id: object
    diagnostics: list[Diagnostic]


def validate_records(
    records: Iterable[object],
    schema: SchemaLike = None,
    config: ConfigLike = None,
    *,
    id_of: str | Callable[[Any], object] | None = None,
    path: str = "<records>",
) -> Iterator[RecordResult]:
    """Check a stream of records, as :func:`validate_data` checks one; yield a :class:`RecordResult` for each, in order.

    ``records`` is any iterable (a generator over ten million rows is fine): it is read one
    record at a time, as the results are taken, so memory does not grow with the stream;
    only what ``duplicate-article`` needs is kept of each record (a 16-byte digest of its
    normalised ``webUrl`` and its name). That rule works across the records: a record with the
    ``webUrl`` of an earlier one is reported, naming it. ``id_of`` names each record in its
    result: a key of the record (``"webUrl"``) or a function of it; a key it does not have
    gives ``None``. ``config`` and ``schema`` are as for :func:`validate_data`, for a file
    named ``path``; "now" is one time for the whole stream (the configuration's, if it sets one).
    """
    linter = _linter_for(schema, config, path).at(datetime.now(timezone.utc))
    indexes = {rule.id: rule.run_wide.index() for rule in RUN_RULES if rule.run_wide is not None}
    name_of = _id_function(id_of)
    for index, record in enumerate(records):
        name = f"{path}[{index}]"
        report = linter.check_record(record, path)
        diagnostics = [diagnostic._replace(path=name) for diagnostic in report.diagnostics]
        for rule_id, collected in (report.records or {}).items():
            for found in indexes[rule_id].add(name, collected[0]):
                diagnostic = linter.finaliser.run_wide_diagnostic(found._replace(path=path))
                if diagnostic is not None:
                    diagnostics.append(diagnostic._replace(path=name))
        yield RecordResult(index, name_of(record), sorted_diagnostics(diagnostics))


def _id_function(id_of: str | Callable[[Any], object] | None) -> Callable[[Any], object]:
    """How to name a record in its result: by a key of it, by the caller's function, or not at all."""
    if id_of is None:
        return lambda _record: None
    if callable(id_of):
        return id_of
    key = id_of

    def by_key(record: Any) -> object:
        mapping = record if isinstance(record, Mapping) else getattr(record, "metadata", None)
        return mapping.get(key) if isinstance(mapping, Mapping) else None

    return by_key


def _as_config(config: ConfigLike) -> Config | None:
    if config is None or isinstance(config, Config):
        return config
    return Config.from_file(config)


def _linters(schema: SchemaLike, config: ConfigLike, now: datetime) -> Linter | Project:
    """What lints the files of one call: ``schema`` wins over the configuration's schemas."""
    chosen = _as_config(config)
    if chosen is None:
        return _linter(schema).at(now)
    if isinstance(schema, Schema):
        return Linter(schema, chosen.settings).at(now)
    return chosen.project(run_time=now, schema=os.fspath(schema) if schema is not None else None)


def _linter_for(schema: SchemaLike, config: ConfigLike, path: str) -> Linter:
    """The linter of one file named ``path``."""
    chosen = _as_config(config)
    if chosen is None:
        return _linter(schema)
    if isinstance(schema, Schema):
        return Linter(schema, chosen.settings)
    if schema is not None:
        project = chosen.project(schema=os.fspath(schema))
        return project.linter(project.key_for(project.settings_of((chosen.settings.source, "")), os.path.abspath(path)))
    return chosen.linter(path)


def _raise(path: Path, error: Exception) -> None:
    raise error
