"""Records per second of frontlint.on_dask on a LocalCluster of 1 and 2 worker processes, and of the serial run.

Run: ``.venv/bin/python benchmarks/dask_throughput.py [--records 200000] [--files 8]`` (a venv
with ``.[test]``: Dask and the tests' corpus generator). It writes the generated corpus of
``tests/record_corpus.py`` (JSON Lines, with defects and duplicates across files) into
``benchmarks/.scratch/dask/``, then times, one after the other and once each: the serial run
(each file checked in turn, then duplicate-article), and ``validate_on_dask`` on a
``LocalCluster(n_workers=N, processes=True, threads_per_worker=1)`` for each N. A cluster's
start is not timed (it is paid once per session, not per run); its first run is. Every run
must report the same diagnostics as the serial one, or the script stops. It prints a
Markdown table, with the CPU time each run used (of every process: less sensitive than the wall
clock to other work on a small shared machine) and the load average.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import shutil
import sys
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, NamedTuple

from distributed import Client, LocalCluster
from measure import SCRATCH

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
# By name: the tests' corpus generator (shared with them), and frontlint, which mypy run from
# here does not see in an editable install (a CI install it does).
corpus = importlib.import_module("record_corpus")
frontlint = importlib.import_module("frontlint")
on_dask = importlib.import_module("frontlint.on_dask")

NOW = datetime(2025, 1, 1, tzinfo=timezone.utc)


class Measured(NamedTuple):
    """One run: wall-clock seconds, CPU seconds of every process it used, and what it reported."""

    seconds: float
    cpu: float
    found: list[Any]


def timed(run: Callable[[], list[Any]], workers_cpu: Callable[[], float] = lambda: 0.0) -> Measured:
    """Run ``run`` once: its wall-clock time, and the CPU time of this process and of ``workers_cpu``."""
    cpu, start, workers = time.process_time(), time.perf_counter(), workers_cpu()
    found = run()
    seconds = time.perf_counter() - start
    return Measured(seconds, time.process_time() - cpu + workers_cpu() - workers, found)


def on_cluster(files: list[str], workers: int) -> Measured:
    """One validate_on_dask run on a fresh LocalCluster of ``workers`` processes (its start not counted).

    Its CPU time is the workers' and this process's, where the cluster's scheduler runs.
    """
    with (
        LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=workers,
            processes=True,
            threads_per_worker=1,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,  # type: ignore[no-untyped-call]
    ):

        def workers_cpu() -> float:
            return float(sum(client.run(time.process_time).values()))

        return timed(lambda: on_dask.validate_on_dask(files, now=NOW).diagnostics, workers_cpu)


def main() -> None:
    """Write the corpus, time each way, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--records", type=int, default=200_000)
    parser.add_argument("--files", type=int, default=8)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    options = parser.parse_args()
    folder = SCRATCH / "dask"
    shutil.rmtree(folder, ignore_errors=True)
    files = [str(path) for path in corpus.write_corpus(folder, options.records, options.files, markdown=0)]
    scratch = SCRATCH / "dask-probe"
    scratch.mkdir(parents=True, exist_ok=True)
    serial = timed(lambda: list(corpus.serial(files, frontlint.Config(now=NOW), scratch)))
    rows = [("serial (one process, no Dask)", serial)]
    for workers in options.workers:
        measured = on_cluster(files, workers)
        if measured.found != serial.found:
            raise SystemExit(f"{workers} worker(s): the diagnostics differ from the serial run's")
        rows.append((f"LocalCluster, {workers} worker process{'es' if workers > 1 else ''}", measured))
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"{options.records:,} records in {options.files} JSON Lines files, {len(serial.found):,} diagnostics;")
    print(f"{os.cpu_count()} CPUs, load average at the end {load} (other work on the machine counts)\n")
    print("| run | seconds | records/s | vs serial | CPU seconds | records per CPU second |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, run in rows:
        print(
            f"| {label} | {run.seconds:.1f} | {options.records / run.seconds:,.0f} | "
            f"{serial.seconds / run.seconds:.2f}x | {run.cpu:.1f} | {options.records / run.cpu:,.0f} |"
        )


if __name__ == "__main__":
    main()
