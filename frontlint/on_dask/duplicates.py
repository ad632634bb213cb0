"""``duplicate-article`` across the partitions of a Dask run, as a fold by the digest of each ``webUrl``.

Every record's normalised ``webUrl`` is a *sighting*: its 16-byte digest (the key the serial
run's :class:`~frontlint.rules.duplicate_article.WebUrlIndex` uses), its place in the run's
order (the file's, then the record's in the file), its file's name and linter's key. Folding by
digest keeps, for each, the first sighting by that order and the others; each other one is then
reported by the rule's own index, naming the first, and finalised with its file's settings. This
is what the serial run reports, in whatever order the partitions were checked.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from frontlint.checking.engine import FileReport
from frontlint.config.project import LinterKey
from frontlint.diagnostic import Diagnostic
from frontlint.on_dask.files import RunFile
from frontlint.rules import duplicate_article
from frontlint.run.sources import Linters, as_project
from frontlint.text.fingerprints import short_digest


class Sighting(NamedTuple):
    """One record's ``webUrl``: its place in the run's order, its file's name and linter's key."""

    order: tuple[int, int]
    name: str
    key: LinterKey | None
    web_url: duplicate_article.WebUrl


# The first sighting of a digest by the run's order, and every other one.
Group = tuple[Sighting, tuple[Sighting, ...]]
Keyed = tuple[bytes, Group]


def sightings(file: RunFile, report: FileReport) -> list[Keyed]:
    """Each ``webUrl`` the rule collected of the file's records, keyed by its digest, as a group of one."""
    collected = (report.records or {}).get(duplicate_article.ID, ())
    return [
        (short_digest(web_url.key), (Sighting((file.order, position), file.name, file.key, web_url), ()))
        for position, web_url in enumerate(collected)
    ]


def digest_of(item: Keyed) -> bytes:
    """The key the fold groups by."""
    return item[0]


def add(group: Group | None, item: Keyed) -> Group:
    """Fold one more sighting into a digest's group (``None``: none yet)."""
    return merge(group, item[1])


def merge(group: Group | None, other: Group | None) -> Group:
    """Two groups of one digest as one: the earlier first, every other sighting kept."""
    if group is None or other is None:
        merged = group or other
        assert merged is not None
        return merged
    first, later = min(group[0], other[0]), max(group[0], other[0])
    return first, (*group[1], later, *other[1])


def reported(groups: Iterable[tuple[bytes, Group]], linters: Linters) -> list[Diagnostic]:
    """The diagnostics of every later sighting of a ``webUrl``, as each one's file's settings report it."""
    project = as_project(linters)
    found: list[Diagnostic] = []
    for _, (first, others) in groups:
        if not others:
            continue
        index = duplicate_article.index()
        list(index.add(first.name, first.web_url))  # the first holder: nothing to report
        for later in sorted(others, key=lambda sighting: sighting.order):
            for diagnostic in index.add(later.name, later.web_url):
                final = project.linter(later.key).finaliser.run_wide_diagnostic(diagnostic)
                if final is not None:
                    found.append(final)
    return found
