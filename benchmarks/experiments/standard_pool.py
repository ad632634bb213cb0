#!/usr/bin/env python3
"""frontlint's own worker pool against ``concurrent.futures.ProcessPoolExecutor``: two checkouts to test and time.

usage: standard_pool.py OUT_DIR

Writes two copies of this checkout's committed tree (``git archive HEAD``): ``OUT_DIR/own``, as
it is, and ``OUT_DIR/standard``, where ``frontlint/run/parallel.py`` hands its chunks to a
``ProcessPoolExecutor`` instead of its own workers (the code below is appended to it and
replaces ``_map_in_workers``). Everything else is the same: the chunks, stdin done here, the
workers' signals (SIGINT ignored, SIGTERM a quiet exit, both held while a worker starts), the
constant given once to each worker (the executor's ``initializer``), and a bounded window of
``jobs * CHUNKS_PER_WORKER`` chunks submitted at once, yielded in order. A dead worker
(``BrokenProcessPool``) is reported with the chunks whose futures failed and what was not
submitted; the public API gives no exit status. Then::

    cd OUT_DIR/standard && python -m pytest -p no:randomly tests/security/test_workers_end_cleanly.py \\
        tests/test_parallel_and_fast_path.py tests/test_workers_started_by_spawn.py
    python benchmarks/side_by_side.py OUT_DIR/own OUT_DIR/standard /tmp/corpus10k --rounds 7 --jobs 2

The result is in the docstring of ``frontlint/run/parallel.py``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

# Appended to frontlint/run/parallel.py: these definitions replace the module's own.
STANDARD_POOL = """

_constant_work: Work[Any, Any, Any] | None = None


def _begin(work: Work[Any, Any, Any]) -> None:
    global _constant_work
    _constant_work = work
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _leave)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD_SIGNALS)


def _do_chunk(chunk: list[Any]) -> list[Any]:
    assert _constant_work is not None
    return [_constant_work(item) for item in chunk]


def _map_in_workers(chunks, jobs, work, handling):
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context(start_method())
    executor = ProcessPoolExecutor(jobs, mp_context=context, initializer=_begin, initargs=(work,))
    window = deque()
    finished = False

    def submit(chunk):
        # Workers start in submit (all at the first under fork): signals held meanwhile.
        held = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD_SIGNALS)
        try:
            return executor.submit(_do_chunk, chunk)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)

    try:
        try:
            for chunk in chunks:
                while len(window) >= jobs * CHUNKS_PER_WORKER:
                    yield from window[0][0].result()
                    window.popleft()
                window.append((submit(chunk), chunk))
            while window:
                yield from window[0][0].result()
                window.popleft()
        except BrokenProcessPool:
            unchecked, example = 0, None
            for future, chunk in window:
                if future.done() and future.exception() is None:
                    yield from future.result()
                else:
                    unchecked += len(chunk)
                    example = chunk[0] if example is None else example
            unchecked += sum(len(chunk) for chunk in chunks)
            yield handling.died(WorkerDied(None, unchecked, handling.name(example) if example is not None else ""))
        finished = True
    finally:
        executor.shutdown(wait=finished, cancel_futures=True)
"""


def main() -> int:
    """Write the two checkouts into the folder named on the command line."""
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    out = Path(sys.argv[1])
    repository = Path(__file__).resolve().parents[2]
    tree = subprocess.run(["git", "archive", "HEAD"], cwd=repository, capture_output=True, check=True).stdout
    for name in ("own", "standard"):
        (out / name).mkdir(parents=True, exist_ok=False)
        subprocess.run(["tar", "-x", "-C", str(out / name)], input=tree, check=True)
    with open(out / "standard" / "frontlint" / "run" / "parallel.py", "a", encoding="utf-8") as parallel:
        parallel.write(STANDARD_POOL)
    print(f"{out}/own: this checkout; {out}/standard: its parallel map on ProcessPoolExecutor")
    return 0


if __name__ == "__main__":
    sys.exit(main())
