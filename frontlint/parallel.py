"""Checking sources in several processes, results in the same order as one process gives."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .engine import Linter
    from .run import FixMode, Source, SourceOutcome

# Below this many files, starting processes costs more than it saves (pre-commit's usual case).
MIN_FILES_FOR_PROCESSES = 64
# Sources handed to a worker at a time: enough that handing them over costs little next to
# checking them (each hand-over wakes threads of this process), few enough that the
# workers finish together. A run of up to LOOKAHEAD files is cut in 4 chunks per process.
MAX_CHUNK = 128
LOOKAHEAD = 1024
_WORK: tuple[Any, ...] = ()  # (linter, fix, keep_sources), inherited by forked workers


def default_jobs() -> int:
    """The number of processes to use by default: the CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def check_sources(
    linter: Linter, sources: Iterable[Source], fix: FixMode | None, keep_sources: bool, jobs: int
) -> Iterator[SourceOutcome]:
    """Check every source, in ``jobs`` forked processes when there are enough files.

    Workers are forked, so they share the compiled schema and rules without pickling them;
    where ``fork`` does not exist (Windows), everything runs in this process. A source that
    only this process can read (stdin) is checked here, in its place when it comes first.
    """
    from .run import check_source

    pending = iter(sources)
    head = list(itertools.islice(pending, LOOKAHEAD))
    if jobs <= 1 or len(head) < MIN_FILES_FOR_PROCESSES or "fork" not in _start_methods():
        for source in itertools.chain(head, pending):
            yield check_source(linter, source, fix, keep_sources)
        return
    import multiprocessing  # only here: a small run never needs it

    # Sources only this process can read (stdin) are checked here: first when they come
    # first (the command line puts stdin first), after all the others otherwise.
    chunksize = chunk_size(len(head), jobs, complete=len(head) < LOOKAHEAD)
    first_shareable = next((index for index, source in enumerate(head) if source.shareable), len(head))
    for source in head[:first_shareable]:
        yield check_source(linter, source, fix, keep_sources)
    head = head[first_shareable:]
    local: list[Source] = []

    def shareable() -> Iterator[Source]:
        for source in itertools.chain(head, pending):
            if source.shareable:
                yield source
            else:
                local.append(source)

    global _WORK
    _WORK = (linter, fix, keep_sources)
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        yield from pool.imap(_check_in_worker, shareable(), chunksize=chunksize)
    for source in local:
        yield check_source(linter, source, fix, keep_sources)


def chunk_size(sources: int, jobs: int, *, complete: bool) -> int:
    """How many sources to hand a worker at a time: ``sources`` are all there are if ``complete``."""
    if not complete:
        return MAX_CHUNK
    return max(1, min(MAX_CHUNK, -(-sources // (jobs * 4))))


def _start_methods() -> list[str]:
    import multiprocessing

    return multiprocessing.get_all_start_methods()


def _check_in_worker(source: Source) -> SourceOutcome:
    from .run import check_source

    linter, fix, keep_sources = _WORK
    return check_source(linter, source, fix, keep_sources)
