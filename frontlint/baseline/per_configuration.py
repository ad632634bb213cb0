"""The baselines of a run: the one ``--baseline`` names, or each file's configuration's ``baseline``.

Reading, writing and applying them for the command, their faults as :class:`ConfigError`;
:mod:`frontlint.baseline.store` (imported only when a baseline is used) holds the file format.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from frontlint.checking.engine import sorted_diagnostics
from frontlint.config.loading import ConfigError, key_in_file
from frontlint.config.project import Project
from frontlint.diagnostic import Diagnostic
from frontlint.text.terminal_safe import shown_path, visible

if TYPE_CHECKING:  # imported only when a baseline is used
    from frontlint.baseline.store import Baseline, BaselineEntry


def load_named(path: str | None) -> Baseline | None:
    """Read the baseline named on the command line; its errors are reported like config errors."""
    if path is None:
        return None
    # deferred: only a run with a baseline reads one: baseline.store costs 12 ms (dataclasses, inspect, hashlib)
    from frontlint.baseline.store import BaselineError, load_baseline

    try:
        return load_baseline(Path(path))
    except BaselineError as error:
        raise ConfigError(str(error)) from None


def prepare_write(path: str | None) -> Baseline | None:
    """Before the run: fail now if ``--write-baseline`` could not write, and read the baseline it replaces.

    A baseline that is there but cannot be read is refused, not replaced: its entries of
    files this run does not lint would be lost.
    """
    if path is None:
        return None
    # deferred: only a run with a baseline reads one: baseline.store costs 12 ms (dataclasses, inspect, hashlib)
    from frontlint.baseline.store import BaselineError, check_writable, load_for_update

    try:
        check_writable(Path(path))
        return load_for_update(Path(path))
    except BaselineError as error:
        raise ConfigError(str(error)) from None


def write_named(path: Path, diagnostics: list[Diagnostic], linted: Sequence[str], previous: Baseline) -> int:
    """Record this run's problems; entries of files this run did not lint are kept as they were."""
    # deferred: only a run with a baseline reads one: baseline.store costs 12 ms (dataclasses, inspect, hashlib)
    from frontlint.baseline.store import BaselineError, write_baseline

    try:
        return write_baseline(path, diagnostics, keep=previous.entries_outside(linted))
    except BaselineError as error:
        raise ConfigError(str(error)) from None


def apply_baselines(
    project: Project,
    given: Baseline | None,
    given_name: str | None,
    diagnostics: list[Diagnostic],
    linted: Sequence[str],
    err: TextIO,
) -> list[Diagnostic]:
    """Hide the problems the baselines record: ``--baseline``'s for every file, or else each file's
    configuration's ``baseline``. Stale entries are said on stderr."""
    groups: Mapping[str, tuple[Baseline, list[Diagnostic], Sequence[str]]]
    if given is not None:
        groups = {given_name or "": (given, diagnostics, linted)}
    else:
        groups = _baseline_groups(project, diagnostics, linted)
    if not groups:
        return diagnostics
    kept: list[Diagnostic] = []
    for name, (baseline, found, files) in groups.items():
        filtered = baseline.filter(found, files)
        kept.extend(filtered.diagnostics)
        _report_stale(baseline, filtered.stale, name if given is not None else os.path.relpath(name), err)
    if given is None:  # the files no baseline covers
        baseline_of = _baselines(project)
        kept.extend(d for d in diagnostics if baseline_of(d.path) is None)
    return sorted_diagnostics(kept) if given is None else kept


def _baselines(project: Project) -> Callable[[str], str | None]:
    """A function that gives the ``baseline`` of the configuration of a file (as the run names it), once per folder."""
    by_folder: dict[str, str | None] = {}

    def baseline_of(path: str) -> str | None:
        folder = os.path.dirname(path)
        if folder not in by_folder:
            by_folder[folder] = project.settings_for_folder(os.path.abspath(folder or os.curdir)).baseline
        return by_folder[folder]

    return baseline_of


def _baseline_groups(
    project: Project, diagnostics: list[Diagnostic], linted: Sequence[str]
) -> dict[str, tuple[Baseline, list[Diagnostic], list[str]]]:
    """Each configured baseline, read, with the diagnostics and the files of the files it covers."""
    groups: dict[str, tuple[Baseline, list[Diagnostic], list[str]]] = {}
    baseline_of = _baselines(project)
    for path in linted:
        name = baseline_of(path)
        if name is None:
            continue
        if name not in groups:
            # deferred: only a run with a baseline reads one: baseline.store costs 12 ms (dataclasses, inspect, hashlib)
            from frontlint.baseline.store import BaselineError, load_baseline

            try:
                groups[name] = (load_baseline(Path(name)), [], [])
            except BaselineError as error:  # say which configuration names it, at which line
                source = project.settings_for_folder(os.path.abspath(os.path.dirname(path) or os.curdir)).source
                raise ConfigError(f"{key_in_file(source, ('baseline',))}: {error}" if source else str(error)) from None
        groups[name][2].append(path)
    if not groups:
        return groups
    for diagnostic in diagnostics:
        name = baseline_of(diagnostic.path)
        if name is not None and name in groups:
            groups[name][1].append(diagnostic)
    return groups


def _report_stale(baseline: Baseline, stale: Sequence[BaselineEntry], name: str, err: TextIO) -> None:
    """Say on stderr which entries of a baseline no longer match any problem."""
    if not stale:
        return
    verb, entries = ("matches", "baseline entry") if len(stale) == 1 else ("match", "baseline entries")
    print(
        f"frontlint: {len(stale):,} {entries} in {shown_path(name)} no longer "
        f"{verb} (stale); --write-baseline drops them:",
        file=err,
    )
    for entry in stale:
        print(
            f"  {shown_path(baseline.shown_path(entry))}: {visible(entry.rule)} at {visible(entry.json_path)}", file=err
        )
