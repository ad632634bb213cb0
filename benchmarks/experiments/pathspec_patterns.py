#!/usr/bin/env python3
"""frontlint's path patterns (``settings/path_patterns.py``, ``settings/globs.py``) against pathspec's ``GitIgnoreSpec``.

usage: pathspec_patterns.py CORPUS [--depths 14,18,22,24,26,28,40] [--limit 60]

Needs pathspec (the ``test`` extra). Prints, for the paths below CORPUS (files and folders, as
the walk writes them): the time each takes to decide every path with the 8 default patterns and
with 100, 1,000 and 10,000 generated ones (best of a few rounds), and how many decisions agree.
Then the time of ``a/**/a/**/.../b`` (twenty ``a/**``) against a path of each depth of folders,
each in a process of its own, stopped after ``--limit`` seconds. Compare the start-up cost with
``python -X importtime -c "import pathspec"`` and ``... -c "import frontlint.settings.path_patterns"``.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import time
import warnings
from collections.abc import Callable, Iterator

import pathspec

# mypy checks the benchmarks from their folder, where frontlint may not be found (an editable install).
from frontlint.settings.path_patterns import PatternSet  # type: ignore[import-not-found, unused-ignore]

DEFAULTS = [".*/", "_site/", "vendor/", "node_modules/", "venv/", "__pycache__/", "build/", "dist/"]
PATHOLOGICAL = "/".join(["a", "**"] * 20) + "/b"
ONE_MATCH = """
import sys, time, warnings
warnings.simplefilter("ignore", FutureWarning)
pattern, path, which = sys.argv[1], sys.argv[2], sys.argv[3]
start = time.perf_counter()
if which == "pathspec":
    import pathspec
    pathspec.GitIgnoreSpec.from_lines([pattern]).check_file(path)
else:
    from frontlint.settings.path_patterns import PatternSet
    PatternSet([pattern]).decide(path, whole=False)
print(f"{time.perf_counter() - start:.3f}")
"""


def walked(root: str) -> list[str]:
    """Every file and folder below ``root``, relative, with ``/``; a folder's ending in ``/``."""
    paths = []
    for folder, folders, files in os.walk(root):
        relative = os.path.relpath(folder, root)
        prefix = "" if relative == "." else relative.replace(os.sep, "/") + "/"
        paths += [prefix + name + "/" for name in folders] + [prefix + name for name in files]
    return paths


def pattern_sets() -> Iterator[tuple[str, list[str]]]:
    """The defaults, then 100, 1,000 and 10,000 generated patterns (and three that match)."""
    chosen = random.Random(1).choice
    yield "8 defaults", DEFAULTS
    for count in (100, 1000, 10000):
        generated = [
            f"{chosen(['', '/', '**/'])}{chosen(['draft', 'old', 'x', 'tmp'])}{n}{chosen(['', '.md', '/', '*.md'])}"
            for n in range(count)
        ]
        yield f"{count:,} patterns", [*generated, "0003/", "!0003/0003001.md", "*5.md"]


def best(decide: Callable[[], list[bool | None]], rounds: int) -> tuple[float, list[bool | None]]:
    """The shortest time of ``rounds`` calls, and what the call returned."""
    times, decided = [], []
    for _ in range(rounds):
        start = time.perf_counter()
        decided = decide()
        times.append(time.perf_counter() - start)
    return min(times), decided


def decide_ours(patterns: PatternSet, paths: list[str]) -> list[bool | None]:
    """frontlint's decision on each path, as an ``exclude`` decides (a folder's pattern takes what is in it)."""
    return [patterns.decide(path, whole=False) for path in paths]


def decide_theirs(spec: pathspec.GitIgnoreSpec, paths: list[str]) -> list[bool | None]:
    """pathspec's decision on each path."""
    return [spec.check_file(path).include for path in paths]


def compare_sets(paths: list[str]) -> None:
    """Decide every path with each set of patterns, both ways."""
    for label, patterns in pattern_sets():
        rounds = 3 if len(patterns) > 1000 else 5
        ours, ours_decided = best(lambda: decide_ours(PatternSet(patterns), paths), rounds)  # noqa: B023
        theirs, theirs_decided = best(
            lambda: decide_theirs(pathspec.GitIgnoreSpec.from_lines(patterns), paths),  # noqa: B023
            rounds,
        )
        same = sum(a == b for a, b in zip(ours_decided, theirs_decided))
        print(
            f"{label:>16}: frontlint {ours * 1000:9.1f} ms, pathspec {theirs * 1000:9.1f} ms, "
            f"{theirs / ours:6.1f} times; same decisions {same:,} of {len(paths):,}"
        )


def compare_pathological(depths: list[int], limit: float) -> None:
    """The pathological pattern against deeper and deeper paths, each match in a process of its own."""
    for depth in depths:
        path = "/".join(["a"] * depth) + "/x.md"
        for which in ("frontlint", "pathspec"):
            command = [sys.executable, "-c", ONE_MATCH, PATHOLOGICAL, path, which]
            try:
                done = subprocess.run(command, capture_output=True, text=True, timeout=limit, check=True)
                took = f"{done.stdout.strip()} s"
            except subprocess.TimeoutExpired:
                took = f"stopped after {limit:g} s"
            print(f"a/**/.../b, {depth:3} folders deep: {which:>9} {took}")


def main() -> int:
    """Run both comparisons on the corpus named on the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("--depths", default="14,18,22,24,26,28,40")
    parser.add_argument("--limit", type=float, default=60.0)
    arguments = parser.parse_args()
    warnings.simplefilter("ignore", FutureWarning)
    paths = walked(arguments.corpus)
    print(f"{len(paths):,} paths below {arguments.corpus}")
    compare_sets(paths)
    compare_pathological([int(depth) for depth in arguments.depths.split(",")], arguments.limit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
