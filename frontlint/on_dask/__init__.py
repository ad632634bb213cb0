"""Validate JSON Lines and Markdown files beyond one machine, on Dask (``pip install 'frontlint[dask]'``).

:func:`validate_on_dask` checks every file in a ``dask.bag``, on whatever Dask runs it (a
``dask.distributed`` cluster when a ``Client`` is active); :func:`dask_run` gives the same
work lazily, as bags. A JSON Lines file is one partition, read a line at a time where the
task runs, so every diagnostic has its exact line; Markdown files are grouped
``markdown_per_partition`` to a partition. ``duplicate-article`` is a fold by the digest of each
normalised ``webUrl`` across all partitions (:mod:`frontlint.on_dask.duplicates`). The result is
what a serial run over the same files, in the same order, reports: byte for byte.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import datetime, timezone
from typing import NamedTuple

try:
    import dask.bag as db
    from dask.base import compute
    from dask.delayed import delayed
except ImportError:  # the optional extra is not installed
    raise ImportError("frontlint.on_dask needs Dask: pip install 'frontlint[dask]'") from None

from frontlint.api import ConfigLike, SchemaLike, _linters
from frontlint.checking.engine import FileReport, sorted_diagnostics
from frontlint.config.public import read_now
from frontlint.diagnostic import Diagnostic
from frontlint.on_dask import duplicates
from frontlint.on_dask.files import RunFile, check_run_file, run_files
from frontlint.run.sources import InputFormat, Linters

__all__ = ["DaskResult", "DaskRun", "dask_run", "validate_on_dask"]

Checked = tuple[RunFile, FileReport]


class DaskResult(NamedTuple):
    """What a Dask run found: every diagnostic in report order, the count of each rule's, and how many files it checked."""

    diagnostics: list[Diagnostic]
    counts: dict[str, int]
    files: int


class DaskRun(NamedTuple):
    """A Dask run not yet computed: its files in order, a bag of its diagnostics (in no order) and one of ``(rule, count)``."""

    files: list[RunFile]
    diagnostics: db.Bag
    counts: db.Bag


def validate_on_dask(
    paths: Iterable[str | os.PathLike[str]],
    *,
    schema: SchemaLike = None,
    config: ConfigLike = None,
    now: datetime | str | None = None,
    input_format: InputFormat = "auto",
    markdown_per_partition: int = 256,
    scheduler: str | None = None,
) -> DaskResult:
    """Check JSON Lines and Markdown files with Dask; return what a serial run of them reports.

    ``paths`` are local paths, globs or fsspec URLs (``s3://bucket/news/*.jsonl``,
    ``memory://…``), in the run's order (a glob's matches sorted). ``input_format`` is
    ``"jsonl"``, ``"markdown"`` or ``"auto"`` (``.jsonl`` and ``.ndjson`` files are JSON Lines). ``schema`` and
    ``config`` are as for :func:`frontlint.lint_paths`; ``now`` (default: the time of the call)
    is the one time every worker judges dates against, unless the configuration sets one: an
    aware ``datetime`` or an RFC 3339 string, as ``Config(now=...)`` takes it (a naive
    ``datetime`` raises :class:`~frontlint.config.loading.ConfigError` here, before any task).
    ``scheduler`` is passed to ``dask.compute``: ``None`` uses an active ``Client``, else
    Dask's default for bags. A file that cannot be read raises its :class:`OSError`.
    """
    run = dask_run(
        paths,
        schema=schema,
        config=config,
        now=now,
        input_format=input_format,
        markdown_per_partition=markdown_per_partition,
    )
    if not run.files:
        return DaskResult([], {}, 0)
    diagnostics, counts = compute(run.diagnostics, run.counts, scheduler=scheduler)  # type: ignore[no-untyped-call]
    return DaskResult(sorted_diagnostics(diagnostics), dict(sorted(counts)), len(run.files))


def dask_run(
    paths: Iterable[str | os.PathLike[str]],
    *,
    schema: SchemaLike = None,
    config: ConfigLike = None,
    now: datetime | str | None = None,
    input_format: InputFormat = "auto",
    markdown_per_partition: int = 256,
) -> DaskRun:
    """The work of :func:`validate_on_dask` as bags, for those who write the diagnostics out themselves.

    ``run.diagnostics.map(Diagnostic.format).to_textfiles("s3://…/*.txt")`` writes them from
    the workers, without gathering them (partitions in the files' order; each partition
    sorted only if you sort it). The arguments are those of :func:`validate_on_dask`.
    """
    run_time = read_now(now, "frontlint.on_dask") if now is not None else datetime.now(timezone.utc)
    linters = _linters(schema, config, run_time)
    files = run_files(paths, linters, input_format)
    shared = delayed(linters, pure=True)  # sent once to each worker, which builds its linters once
    units = _partitions(files, max(1, markdown_per_partition))
    checked = db.from_sequence(units, npartitions=max(1, len(units))).map_partitions(_check, shared)  # type: ignore[no-untyped-call]
    found = checked.map(_diagnostics_of).flatten()
    groups = (
        checked.map(_sightings_of).flatten().foldby(duplicates.digest_of, duplicates.add, None, duplicates.merge, None)
    )
    reported = groups.map_partitions(duplicates.reported, shared)
    # Each partition a list: two outputs read it, and an iterator would be used up by the first.
    every = db.concat([found, reported]).map_partitions(list)  # type: ignore[no-untyped-call]
    return DaskRun(files, every, every.map(_rule_of).frequencies())


def _partitions(files: list[RunFile], markdown_per_partition: int) -> list[list[RunFile]]:
    """The files in order, a JSON Lines file alone, Markdown files ``markdown_per_partition`` together."""
    units: list[list[RunFile]] = []
    for file in files:
        if (
            units
            and file.kind == "markdown"
            and units[-1][-1].kind == "markdown"
            and len(units[-1]) < markdown_per_partition
        ):
            units[-1].append(file)
        else:
            units.append([file])
    return units


def _check(units: Iterable[list[RunFile]], linters: Linters) -> list[Checked]:
    """Check the files of one partition (what a task does)."""
    return [(file, check_run_file(linters, file)) for unit in units for file in unit]


def _diagnostics_of(checked: Checked) -> list[Diagnostic]:
    return checked[1].diagnostics


def _sightings_of(checked: Checked) -> list[duplicates.Keyed]:
    return duplicates.sightings(*checked)


def _rule_of(diagnostic: Diagnostic) -> str:
    return diagnostic.rule
