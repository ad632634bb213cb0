"""Time frontlint at two checkouts side by side: is a change slower than the code before it?

    python benchmarks/side_by_side.py BEFORE_CHECKOUT AFTER_CHECKOUT CORPUS [--rounds 9] [--jobs 2]

Each round runs ``python -m frontlint --isolated --jobs J -q CORPUS`` once from each checkout
(``PYTHONPATH`` set to it), alternating which goes first, with this interpreter. It prints the
median wall and CPU time (of the process and its workers) of each, their ratios after/before,
and each round's paired wall ratio: the machines here are noisy, and only ratios measured in
one run mean anything. Both runs must print the same report; a difference is said, not hidden.
A corpus: ``python ../shared/bench/gen_corpus.py --seed 1 /tmp/corpus10k 10000``.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from typing import NamedTuple


class Timing(NamedTuple):
    """One run of one checkout: wall and CPU seconds, and what it printed."""

    wall: float
    cpu: float
    report: bytes


def run_once(checkout: str, corpus: str, jobs: int) -> Timing:
    """Run frontlint from ``checkout`` on ``corpus`` and time it (CPU of its children included)."""
    environment = {**os.environ, "PYTHONPATH": os.path.abspath(checkout)}
    command = [sys.executable, "-m", "frontlint", "--isolated", "--jobs", str(jobs), "-q", corpus]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, env=environment, capture_output=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return Timing(wall, cpu, result.stdout)


def main() -> int:
    """Time both checkouts for the rounds asked and print the medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("corpus")
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    timings: dict[str, list[Timing]] = {"before": [], "after": []}
    for round_number in range(args.rounds):
        order = ["before", "after"] if round_number % 2 == 0 else ["after", "before"]
        for name in order:
            timing = run_once(getattr(args, name), args.corpus, args.jobs)
            timings[name].append(timing)
            print(f"round {round_number + 1} {name}: {timing.wall:.2f} s wall, {timing.cpu:.2f} s CPU", file=sys.stderr)
    before, after = timings["before"], timings["after"]
    for name, rows in timings.items():
        wall = statistics.median(row.wall for row in rows)
        cpu = statistics.median(row.cpu for row in rows)
        print(f"{name}: median {wall:.3f} s wall, {cpu:.3f} s CPU")
    wall_ratio = statistics.median(row.wall for row in after) / statistics.median(row.wall for row in before)
    cpu_ratio = statistics.median(row.cpu for row in after) / statistics.median(row.cpu for row in before)
    print(f"after/before: {wall_ratio:.3f} wall, {cpu_ratio:.3f} CPU")
    print("paired wall ratios: " + ", ".join(f"{a.wall / b.wall:.3f}" for a, b in zip(after, before)))
    if {row.report for row in before + after} != {before[0].report}:
        print("the two checkouts printed different reports", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
