"""Checking sources in several processes, results in the same order as one process gives.

Each worker is a forked process with a pipe for the chunks of sources it is handed and a
pipe for their outcomes. This process hands out the chunks, a few at a time, and waits on
both the outcome pipes and the workers' exit at once: a worker that dies (SIGKILL, the
OOM killer) is seen at once, not waited for. What it held, and every source not yet
checked, is then reported in one :class:`WorkerDied` outcome and the other workers are
stopped. A file that kills workers is never tried again: it would kill the next one too.

Workers ignore SIGINT (Ctrl-C reaches the whole process group: this process alone handles
it) and leave quietly on SIGTERM, which is how this process stops them.
"""

from __future__ import annotations

import itertools
import os
import signal
from collections import deque
from collections.abc import Generator, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import queue
    import threading
    from multiprocessing.connection import Connection
    from multiprocessing.context import ForkContext, ForkProcess

    from .run import FixMode, Linters, Source, SourceOutcome

# Below this many files, starting processes costs more than it saves (pre-commit's usual case).
MIN_FILES_FOR_PROCESSES = 64
# Sources handed to a worker at a time: enough that handing them over costs little next to
# checking them, few enough that the workers finish together. A run of up to LOOKAHEAD
# files is cut in 4 chunks per process.
MAX_CHUNK = 128
LOOKAHEAD = 1024
# Chunks a worker holds at once: the next one waits in its pipe while it checks one.
CHUNKS_PER_WORKER = 2
# Seconds a worker is given to leave when asked before it is killed.
STOP_GRACE_SECONDS = 2.0
# Signals this process must not take while forking: the child sets its own handlers first.
_HELD_SIGNALS = frozenset({signal.SIGINT, signal.SIGTERM})


class WorkerDied(Exception):
    """A worker process ended while it held sources: they and every source after them were not checked."""

    def __init__(self, exitcode: int | None, unchecked: int, example: str) -> None:
        super().__init__(exitcode, unchecked, example)
        self.exitcode = exitcode
        self.unchecked = unchecked
        self.example = example

    def __str__(self) -> str:
        files = "1 file was" if self.unchecked == 1 else f"{self.unchecked:,} files were"
        return f"a worker process died ({_how_it_ended(self.exitcode)}): {files} not checked, among them {self.example}"


def _how_it_ended(exitcode: int | None) -> str:
    if exitcode is None:
        return "it stopped answering"
    if exitcode < 0:
        try:
            return f"killed by {signal.Signals(-exitcode).name}"
        except ValueError:
            return f"killed by signal {-exitcode}"
    return f"exit status {exitcode}"


def default_jobs() -> int:
    """The number of processes to use by default, and at most: the CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def check_sources(
    linter: Linters, sources: Iterable[Source], fix: FixMode | None, keep_sources: bool, jobs: int
) -> Generator[SourceOutcome, None, None]:
    """Check every source, in up to ``jobs`` forked processes when there are enough files.

    ``jobs`` is capped at the CPUs this process may run on and at the number of chunks.
    ``linter`` is one linter for every source, or a project that gives each source the linter
    its key names. Workers are forked, so they share the compiled schemas and rules (and the
    configurations read so far) without pickling them; a worker builds the linter of a key it
    has not seen from the key;
    where ``fork`` does not exist (Windows), everything runs in this process. A source that
    only this process can read (stdin) is checked here, in its place when it comes first.
    If a worker dies, the last outcome is one whose error is a :class:`WorkerDied`.
    Close the iterator (or exhaust it) to stop the workers.
    """
    from .run import check_source

    pending = iter(sources)
    head = list(itertools.islice(pending, LOOKAHEAD))
    jobs = min(jobs, default_jobs())
    if jobs <= 1 or len(head) < MIN_FILES_FOR_PROCESSES or "fork" not in _start_methods():
        for source in itertools.chain(head, pending):
            yield check_source(linter, source, fix, keep_sources)
        return
    complete = len(head) < LOOKAHEAD
    chunksize = chunk_size(len(head), jobs, complete=complete)
    if complete:
        jobs = min(jobs, -(-len(head) // chunksize))
    # Sources only this process can read (stdin) are checked here: first when they come
    # first (the command line puts stdin first), after all the others otherwise.
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

    yield from _check_in_workers(_chunks(shareable(), chunksize), jobs, (linter, fix, keep_sources))
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


def _chunks(sources: Iterator[Source], size: int) -> Iterator[list[Source]]:
    while chunk := list(itertools.islice(sources, size)):
        yield chunk


class _Worker:
    """A worker process, the pipe ends this process keeps, and the numbers of the chunks it holds."""

    def __init__(self, process: ForkProcess, tasks: Connection, outcomes: Connection) -> None:
        self.process = process
        self.tasks = tasks
        self.outcomes = outcomes
        self.held: deque[int] = deque()


class _Lost(Exception):
    """A worker died (or its pipe broke) while this process handed it work or waited for it."""

    def __init__(self, worker: _Worker) -> None:
        super().__init__()
        self.worker = worker


def _check_in_workers(
    chunks: Iterator[list[Source]], jobs: int, work: tuple[Linters, FixMode | None, bool]
) -> Iterator[SourceOutcome]:
    """Check the chunks in ``jobs`` workers and yield the outcomes in order; stop the workers at the end.

    When not even one worker can be started (no processes or memory left), this process checks them.
    """
    workers: list[_Worker] = []
    numbered = enumerate(chunks)
    handed: dict[int, list[Source]] = {}  # chunks handed out whose outcomes are not yet yielded
    done: dict[int, list[SourceOutcome]] = {}  # outcomes received, waiting for the chunks before them
    finished = False
    try:
        _start_workers(workers, jobs, work)
        if not workers:
            yield from _check_here(itertools.chain.from_iterable(chunks), work)
        else:
            try:
                yield from _deal(workers, numbered, handed, done)
            except _Lost as lost:
                _stop(workers, at_once=True)
                # What the other workers checked (and, with --fix, wrote) is reported, out of
                # the chunks' order; only what no worker finished is counted as not checked.
                for number in sorted(done):
                    yield from done.pop(number)
                    del handed[number]
                yield _died(lost.worker, handed, numbered)
        finished = True
    finally:
        _stop(workers, at_once=not finished)


def _check_here(sources: Iterable[Source], work: tuple[Linters, FixMode | None, bool]) -> Iterator[SourceOutcome]:
    from .run import check_source

    linter, fix, keep_sources = work
    for source in sources:
        yield check_source(linter, source, fix, keep_sources)


def _start_workers(workers: list[_Worker], jobs: int, work: tuple[Linters, FixMode | None, bool]) -> None:
    """Fork up to ``jobs`` workers into ``workers``: as many as the system allows.

    SIGINT and SIGTERM are held off meanwhile: a worker sets its own handlers before it takes one.
    """
    import multiprocessing

    context = multiprocessing.get_context("fork")
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD_SIGNALS)
    try:
        for _ in range(jobs):
            try:
                workers.append(_start_worker(context, workers, work))
            except OSError:  # no more processes (EAGAIN), memory or file descriptors
                return
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _start_worker(context: ForkContext, others: Sequence[_Worker], work: tuple[Linters, FixMode | None, bool]) -> _Worker:
    task_reader, task_writer = context.Pipe(duplex=False)
    try:
        outcome_reader, outcome_writer = context.Pipe(duplex=False)
    except OSError:
        task_reader.close()
        task_writer.close()
        raise
    # The child closes this process's ends of every pipe: the other workers' too, or a
    # worker would never see the end of its tasks after this process is gone.
    ours = [end for worker in others for end in (worker.tasks, worker.outcomes)] + [task_writer, outcome_reader]
    process = context.Process(target=_serve, args=(task_reader, outcome_writer, ours, *work), daemon=True)
    try:
        process.start()
    except BaseException:
        task_writer.close()
        outcome_reader.close()
        raise
    finally:
        task_reader.close()
        outcome_writer.close()
    return _Worker(process, task_writer, outcome_reader)


def _deal(
    workers: list[_Worker],
    numbered: Iterator[tuple[int, list[Source]]],
    handed: dict[int, list[Source]],
    done: dict[int, list[SourceOutcome]],
) -> Iterator[SourceOutcome]:
    """Hand the chunks to the workers, a few each, and yield their outcomes in the chunks' order.

    ``done`` keeps the outcomes received before those of an earlier chunk.
    """
    from multiprocessing.connection import wait

    next_to_yield = 0
    for worker in workers:
        _hand_out(worker, numbered, handed)
    while busy := [worker for worker in workers if worker.held]:
        ready = set(wait([worker.outcomes for worker in busy] + [worker.process.sentinel for worker in busy]))
        for worker in busy:
            if worker.outcomes in ready or worker.process.sentinel in ready:
                # A dead worker's pipe has no writer left: this returns what it sent, or raises.
                try:
                    done[worker.held[0]] = worker.outcomes.recv()
                except (EOFError, OSError):
                    raise _Lost(worker) from None
                worker.held.popleft()
                _hand_out(worker, numbered, handed)
        while next_to_yield in done:
            yield from done.pop(next_to_yield)
            del handed[next_to_yield]
            next_to_yield += 1


def _hand_out(worker: _Worker, numbered: Iterator[tuple[int, list[Source]]], handed: dict[int, list[Source]]) -> None:
    while len(worker.held) < CHUNKS_PER_WORKER:
        item = next(numbered, None)
        if item is None:
            return
        number, chunk = item
        handed[number] = chunk
        worker.held.append(number)
        try:
            worker.tasks.send(chunk)
        except OSError:  # the worker is gone
            raise _Lost(worker) from None


def _died(worker: _Worker, handed: dict[int, list[Source]], rest: Iterator[tuple[int, list[Source]]]) -> SourceOutcome:
    """The outcome that reports a dead worker: every source handed out and not yet yielded, and the rest."""
    from .run import SourceOutcome

    first = min(worker.held, default=min(handed, default=None))
    example = handed[first][0].name if first is not None else ""
    unchecked = sum(len(chunk) for chunk in handed.values()) + sum(len(chunk) for _, chunk in rest)
    return SourceOutcome(example, None, WorkerDied(worker.process.exitcode, unchecked, example))


def _stop(workers: Sequence[_Worker], *, at_once: bool) -> None:
    """End every worker: ask them to leave (their tasks end), or with ``at_once`` stop them; kill the slow."""
    for worker in workers:
        worker.tasks.close()
        if at_once and worker.process.exitcode is None:
            worker.process.terminate()
    for worker in workers:
        worker.process.join(STOP_GRACE_SECONDS)
        if worker.process.exitcode is None:
            worker.process.kill()
            worker.process.join()
        worker.outcomes.close()


def _serve(tasks: Connection, outcomes: Connection, ours: Sequence[Connection], *work: Any) -> None:
    """A worker's life: check each chunk that comes in and send back its outcomes, until the tasks end."""
    import queue
    import threading

    from .run import check_source

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _leave)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD_SIGNALS)
    for end in ours:
        end.close()
    linter, fix, keep_sources = work
    # Tasks are read by a thread of their own, so that this process never blocks sending
    # outcomes while the parent blocks sending it the next chunk (both pipes full).
    chunks: queue.SimpleQueue[list[Source] | None] = queue.SimpleQueue()
    ended = threading.Event()
    threading.Thread(target=_receive, args=(tasks, chunks, ended), daemon=True).start()
    try:
        while (chunk := chunks.get()) is not None:
            checked = []
            for source in chunk:
                # The parent ends the tasks only when it wants nothing more (it has every
                # outcome, or it is gone): no file is checked, nor fixed, after that.
                if ended.is_set():
                    return
                checked.append(check_source(linter, source, fix, keep_sources))
            outcomes.send(checked)
    except OSError:  # the parent is gone
        return


def _receive(tasks: Connection, chunks: queue.SimpleQueue[list[Source] | None], ended: threading.Event) -> None:
    """Queue each chunk the parent sends; when its end of the pipe closes, say so and stop."""
    try:
        while True:
            chunks.put(tasks.recv())
    except (EOFError, OSError):
        ended.set()
        chunks.put(None)


def _leave(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)
