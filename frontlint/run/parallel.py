"""An ordered parallel map: a function applied to many items in worker processes, results in the items' order.

It knows nothing of linting: it is given a function, one constant argument and the items,
and yields ``function(constant, item)`` for each item, in order, as one process would. Each
worker is a process started the platform's default way (``fork`` on Linux, ``spawn`` on
macOS and where ``fork`` is unsafe), with a pipe for the chunks of items it is handed and a
pipe for their results. Under ``spawn`` the function, the constant and the items are
pickled (the constant once per worker); under ``fork`` the constant is inherited, not
pickled. The environment variable ``FRONTLINT_START_METHOD`` (``fork``, ``spawn`` or
``forkserver``) chooses another start method: the tests run workers under ``spawn`` with it.

This process hands out the chunks, a few at a time, and waits on both the result pipes and
the workers' exit at once: a worker that dies (SIGKILL, the OOM killer) is seen at once,
not waited for. What it held, and every item not yet done, is then reported in one
:class:`WorkerDied` result and the other workers are stopped. An item that kills workers is
never tried again: it would kill the next one too.

Workers ignore SIGINT (Ctrl-C reaches the whole process group: this process alone handles
it) and leave quietly on SIGTERM, which is how this process stops them.

Why not ``concurrent.futures.ProcessPoolExecutor``: tried behind the same interface (the same
chunks, signals and initializer, a window of ``jobs * CHUNKS_PER_WORKER`` chunks;
``benchmarks/experiments/standard_pool.py``), it gave the same output under ``fork`` and
``spawn``, the same Ctrl-C and SIGTERM endings and the same speed (``benchmarks/README.md``,
"Our own worker pool and path patterns"), but failed these trust tests:

- ``security/test_workers_end_cleanly.py::test_workers_check_no_file_after_their_parent_is_killed``:
  its workers never see their parent die (each holds the writing end of the queue it reads);
  they go on fixing files after the kill, then stay, blocked, for good.
- ``security/test_workers_end_cleanly.py::test_when_the_system_refuses_more_processes_the_run_goes_on_with_those_it_has``
  (both cases): ``submit`` raises the refused fork (``BlockingIOError``) instead of going on
  with the workers it has; with one worker started, that worker waits for work forever and
  the run never ends.
- ``security/test_workers_end_cleanly.py::test_a_worker_killed_on_the_first_file_ends_the_run_naming_the_files_not_checked``,
  ``security/test_workers_end_cleanly.py::test_the_library_reports_a_dead_worker_once_to_on_error`` and
  ``test_workers_started_by_spawn.py::test_a_worker_that_fails_as_it_starts_is_reported_with_its_exit_status_not_as_killed``:
  ``BrokenProcessPool`` does not say how the worker ended ("it stopped answering", not
  "killed by SIGKILL" or "exit status 1").
- ``security/test_workers_end_cleanly.py::test_what_other_workers_fixed_before_one_died_is_reported_and_only_the_rest_counted``:
  besides the status, the window waits on its oldest chunk, so the other worker idles while
  the first is stuck.
"""

from __future__ import annotations

import itertools
import os
import signal
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    import queue
    import threading
    from multiprocessing.connection import Connection
    from multiprocessing.context import BaseContext
    from multiprocessing.process import BaseProcess

T = TypeVar("T")
R = TypeVar("R")
C = TypeVar("C")

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
# Signals this process must not take while starting a worker: the child sets its own handlers first.
_HELD_SIGNALS = frozenset({signal.SIGINT, signal.SIGTERM})


# The environment variable that chooses the workers' start method (the platform's default without it).
START_METHOD_VARIABLE = "FRONTLINT_START_METHOD"


class WorkerDied(Exception):
    """A worker process ended while it held items: they and every item after them were not done."""

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


class Work(Generic[C, T, R]):
    """What every worker does to each item: ``function(constant, item)``. Both are picklable (under ``spawn``), and so it is."""

    __slots__ = ("constant", "function")

    def __init__(self, function: Callable[[C, T], R], constant: C) -> None:
        self.function = function
        self.constant = constant

    def __call__(self, item: T) -> R:
        """Do the work on one item."""
        return self.function(self.constant, item)


class Handling(Generic[T, R]):
    """What this process alone knows of the items: which a worker may take, their names, and a dead worker's result.

    ``shareable`` is false for an item only this process can handle (stdin); ``name`` is what a
    :class:`WorkerDied` calls an item; ``died`` makes the result that reports a dead worker.
    """

    __slots__ = ("died", "name", "shareable")

    def __init__(
        self, shareable: Callable[[T], bool], name: Callable[[T], str], died: Callable[[WorkerDied], R]
    ) -> None:
        self.shareable = shareable
        self.name = name
        self.died = died


def ordered_map(
    work: Work[C, T, R], items: Iterable[T], jobs: int, handling: Handling[T, R]
) -> Generator[R, None, None]:
    """Yield ``work(item)`` for every item, in order, in up to ``jobs`` worker processes when there are enough items.

    ``jobs`` is capped at the CPUs this process may run on and at the number of chunks.
    Where workers cannot be started with signals held (Windows), everything runs in this
    process. An item that is not ``handling.shareable`` is done here, in its place when it
    comes first, after all the others otherwise. If a worker dies, the last result is
    ``handling.died`` of a :class:`WorkerDied`. Close the iterator (or exhaust it) to stop the workers.
    """
    pending = iter(items)
    head = list(itertools.islice(pending, LOOKAHEAD))
    jobs = min(jobs, default_jobs())
    if jobs <= 1 or len(head) < MIN_FILES_FOR_PROCESSES or not hasattr(signal, "pthread_sigmask"):
        yield from map(work, itertools.chain(head, pending))
        return
    complete = len(head) < LOOKAHEAD
    chunksize = chunk_size(len(head), jobs, complete=complete)
    if complete:
        jobs = min(jobs, -(-len(head) // chunksize))
    # Items only this process can handle (stdin) are done here: first when they come
    # first (the command line puts stdin first), after all the others otherwise.
    first_shareable = next((index for index, item in enumerate(head) if handling.shareable(item)), len(head))
    yield from map(work, head[:first_shareable])
    head = head[first_shareable:]
    local: list[T] = []

    def shareable() -> Iterator[T]:
        for item in itertools.chain(head, pending):
            if handling.shareable(item):
                yield item
            else:
                local.append(item)

    yield from _map_in_workers(_chunks(shareable(), chunksize), jobs, work, handling)
    yield from map(work, local)


def chunk_size(items: int, jobs: int, *, complete: bool) -> int:
    """How many items to hand a worker at a time: ``items`` are all there are if ``complete``."""
    if not complete:
        return MAX_CHUNK
    return max(1, min(MAX_CHUNK, -(-items // (jobs * 4))))


def start_method() -> str | None:
    """The start method asked for by :data:`START_METHOD_VARIABLE` if this platform has it, else ``None`` (the default)."""
    # deferred: multiprocessing costs 8.7 ms, needed only when --jobs starts workers
    import multiprocessing

    asked = os.environ.get(START_METHOD_VARIABLE)
    return asked if asked in multiprocessing.get_all_start_methods() else None


def _chunks(items: Iterator[T], size: int) -> Iterator[list[T]]:
    while chunk := list(itertools.islice(items, size)):
        yield chunk


class _Worker:
    """A worker process, the pipe ends this process keeps, and the numbers of the chunks it holds."""

    def __init__(self, process: BaseProcess, tasks: Connection, outcomes: Connection) -> None:
        self.process = process
        self.tasks = tasks
        self.outcomes = outcomes
        self.held: deque[int] = deque()


class _Lost(Exception):
    """A worker died (or its pipe broke) while this process handed it work or waited for it."""

    def __init__(self, worker: _Worker) -> None:
        super().__init__()
        self.worker = worker


def _map_in_workers(chunks: Iterator[list[T]], jobs: int, work: Work[C, T, R], handling: Handling[T, R]) -> Iterator[R]:
    """Do the chunks in ``jobs`` workers and yield the results in order; stop the workers at the end.

    When not even one worker can be started (no processes or memory left), this process does them.
    """
    workers: list[_Worker] = []
    numbered = enumerate(chunks)
    handed: dict[int, list[T]] = {}  # chunks handed out whose results are not yet yielded
    done: dict[int, list[R]] = {}  # results received, waiting for the chunks before them
    finished = False
    try:
        _start_workers(workers, jobs, work)
        if not workers:
            yield from map(work, itertools.chain.from_iterable(chunks))
        else:
            try:
                yield from _deal(workers, numbered, handed, done)
            except _Lost as lost:
                # Its pipe ended: it is ending too. Wait for it, so that its own exit status is reported, not our SIGTERM.
                lost.worker.process.join(STOP_GRACE_SECONDS)
                _stop(workers, at_once=True)
                # What the other workers did (and, with --fix, wrote) is reported, out of
                # the chunks' order; only what no worker finished is counted as not done.
                for number in sorted(done):
                    yield from done.pop(number)
                    del handed[number]
                yield handling.died(_died(lost.worker, handed, numbered, handling.name))
        finished = True
    finally:
        _stop(workers, at_once=not finished)


def _start_workers(workers: list[_Worker], jobs: int, work: Work[Any, Any, Any]) -> None:
    """Start up to ``jobs`` workers into ``workers``: as many as the system allows.

    SIGINT and SIGTERM are held off meanwhile: a worker sets its own handlers before it takes one.
    """
    # deferred: multiprocessing costs 8.7 ms, needed only when --jobs starts workers
    import multiprocessing

    context = multiprocessing.get_context(start_method())
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD_SIGNALS)
    try:
        for _ in range(jobs):
            try:
                workers.append(_start_worker(context, workers, work))
            except OSError:  # no more processes (EAGAIN), memory or file descriptors
                return
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _start_worker(context: BaseContext, others: Sequence[_Worker], work: Work[Any, Any, Any]) -> _Worker:
    task_reader, task_writer = context.Pipe(duplex=False)
    try:
        outcome_reader, outcome_writer = context.Pipe(duplex=False)
    except OSError:
        task_reader.close()
        task_writer.close()
        raise
    # A forked child closes this process's ends of every pipe: the other workers' too, or a
    # worker would never see the end of its tasks after this process is gone. A spawned
    # child inherits none of them.
    forked = context.get_start_method() == "fork"
    ours = [end for worker in others for end in (worker.tasks, worker.outcomes)] + [task_writer, outcome_reader]
    ours = ours if forked else []
    process = context.Process(  # type: ignore[attr-defined]  # every concrete context has it
        target=_serve, args=(task_reader, outcome_writer, ours, work), daemon=True
    )
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
    numbered: Iterator[tuple[int, list[T]]],
    handed: dict[int, list[T]],
    done: dict[int, list[R]],
) -> Iterator[R]:
    """Hand the chunks to the workers, a few each, and yield their results in the chunks' order.

    ``done`` keeps the results received before those of an earlier chunk.
    """
    # deferred: multiprocessing.connection costs 15.6 ms, needed only when --jobs starts workers
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


def _hand_out(worker: _Worker, numbered: Iterator[tuple[int, list[T]]], handed: dict[int, list[T]]) -> None:
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


def _died(
    worker: _Worker, handed: dict[int, list[T]], rest: Iterator[tuple[int, list[T]]], name: Callable[[T], str]
) -> WorkerDied:
    """What reports a dead worker: every item handed out and not yet yielded, and the rest."""
    first = min(worker.held, default=min(handed, default=None))
    example = name(handed[first][0]) if first is not None else ""
    unchecked = sum(len(chunk) for chunk in handed.values()) + sum(len(chunk) for _, chunk in rest)
    return WorkerDied(worker.process.exitcode, unchecked, example)


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


def _serve(tasks: Connection, outcomes: Connection, ours: Sequence[Connection], work: Work[Any, Any, Any]) -> None:
    """A worker's life: do each chunk that comes in and send back its results, until the tasks end."""
    # deferred: queue and threading cost 0.9 and 2.4 ms, needed only in a worker process
    import queue
    import threading

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _leave)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD_SIGNALS)
    for end in ours:
        end.close()
    # Tasks are read by a thread of their own, so that this process never blocks sending
    # results while the parent blocks sending it the next chunk (both pipes full).
    chunks: queue.SimpleQueue[list[Any] | None] = queue.SimpleQueue()
    ended = threading.Event()
    threading.Thread(target=_receive, args=(tasks, chunks, ended), daemon=True).start()
    try:
        while (chunk := chunks.get()) is not None:
            results = []
            for item in chunk:
                # The parent ends the tasks only when it wants nothing more (it has every
                # result, or it is gone): no item is done (no file fixed) after that.
                if ended.is_set():
                    return
                results.append(work(item))
            outcomes.send(results)
    except OSError:  # the parent is gone
        return


def _receive(tasks: Connection, chunks: queue.SimpleQueue[list[Any] | None], ended: threading.Event) -> None:
    """Queue each chunk the parent sends; when its end of the pipe closes, say so and stop."""
    try:
        while True:
            chunks.put(tasks.recv())
    except (EOFError, OSError):
        ended.set()
        chunks.put(None)


def _leave(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)
