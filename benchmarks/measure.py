"""How the benchmarks time a tool: a command run whole, rounds interleaved, peak memory, progress.

Standard library only. Everything the benchmarks make is kept in ``benchmarks/.scratch/``.
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SCRATCH = HERE / ".scratch"
SCHEMA = REPO / "schemas/article.schema.json"
RUN_TIMEOUT = 3600

T0 = time.perf_counter()


def log(message: str) -> None:
    """Print a progress line to stderr, with the seconds since the script started."""
    print(f"[{time.perf_counter() - T0:7.1f}s] {message}", file=sys.stderr, flush=True)


def last_line(text: str | bytes, limit: int = 200) -> str:
    """The last non-blank line of a tool's output (what a failure row shows), cut to ``limit``."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return (lines[-1] if lines else "no output")[:limit]


def base_env() -> dict[str, str]:
    """The environment every tool runs in.

    Python bytecode caches are written, to a folder in the scratch directory: a tool installed
    by pip has its modules compiled at install time, and frontlint run from this checkout must
    not pay for compiling its sources on every run when the others do not
    (PYTHONDONTWRITEBYTECODE, should the shell set it, is dropped for the same reason).
    """
    dropped = ("PYTHONPATH", "PYTHONSTARTUP", "FORCE_COLOR", "PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env["PYTHONPYCACHEPREFIX"] = str(SCRATCH / "pycache")
    env["NO_COLOR"] = "1"
    return env


@dataclass
class Command:
    """What is run: one command line or several, run one after the other and timed together."""

    label: str  # the tool, as the table shows it
    argvs: list[list[str]]  # run in sequence; the wall time covers all of them
    cwd: Path
    env: dict[str, str]
    ok_codes: tuple[int, ...] = (0, 1)
    count_problems: Callable[[str], int | None] | None = None
    note: str = ""
    times: list[float] = field(default_factory=list)
    error: str | None = None
    problems: int | None = None

    def run_once(self, out_path: Path) -> float | None:
        """Run the command once; return its wall time, or None (and set error) when it failed."""
        if self.error:
            return None
        out_path.parent.mkdir(parents=True, exist_ok=True)
        with open(out_path, "wb") as out:
            start = time.perf_counter()
            for argv in self.argvs:
                self.error = _run_to_the_end(argv, self.cwd, self.env, out, self.ok_codes)
                if self.error:
                    return None
            elapsed = time.perf_counter() - start
        if self.count_problems is not None:
            self.problems = self.count_problems(out_path.read_text("utf-8", "replace"))
        self.times.append(elapsed)
        return elapsed

    @property
    def median(self) -> float | None:
        """The median wall time of the runs so far, or None when there were none or one failed."""
        return statistics.median(self.times) if self.times and not self.error else None


def _run_to_the_end(
    argv: list[str], cwd: Path, env: dict[str, str], out: BinaryIO, ok_codes: tuple[int, ...]
) -> str | None:
    """Run ``argv`` with its output to ``out``; return why it failed (with its last line), or None."""
    try:
        proc = subprocess.Popen(argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT)
    except OSError as error:
        return f"failed: {error}"
    # A timer kills a run that hangs. Not wait(timeout=...): that polls with sleeps
    # of up to 50 ms and adds ~25 ms to every run, a large error on a 0.1 s one.
    timed_out = threading.Event()

    def kill() -> None:
        timed_out.set()
        proc.kill()

    watchdog = threading.Timer(RUN_TIMEOUT, kill)
    watchdog.start()
    try:
        proc.wait()
    finally:
        watchdog.cancel()
    if timed_out.is_set():
        return f"failed: no answer in {RUN_TIMEOUT} s"
    if proc.returncode not in ok_codes:
        out.flush()
        return f"failed: exit {proc.returncode}: {last_line(Path(out.name).read_bytes())}"
    return None


def interleave(commands: Sequence[Command], rounds: int, group: str) -> None:
    """Run each command once per round, the order rotated each round: A B C, B C A, C A B, ...

    A run right after a long one (check-jsonschema's, 85 s on one core) was measured up to
    40 % slower than the same run a moment later; rotating the order puts a different tool
    in that place each round, and the median leaves the slow round out.
    """
    indexed = list(enumerate(commands))
    for number in range(1, rounds + 1):
        shift = (number - 1) % len(commands)
        for index, command in indexed[shift:] + indexed[:shift]:
            if command.error:
                continue
            out = SCRATCH / "output" / group / f"{index}-{re.sub(r'[^A-Za-z0-9]+', '-', command.label)}.txt"
            elapsed = command.run_once(out)
            shown = f"{elapsed:.3f} s" if elapsed is not None else command.error
            log(f"{group} round {number}/{rounds}: {command.label}: {shown}")


def peak_rss_kib(argv: list[str], cwd: Path, env: dict[str, str]) -> tuple[int | None, str | None]:
    """Peak RSS of ARGV, measured by getrusage(RUSAGE_CHILDREN) in a fresh wrapper process."""
    wrapper = (
        "import resource, subprocess, sys\n"
        "rc = subprocess.run(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,"
        " stderr=subprocess.PIPE).returncode\n"
        "print(rc, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    try:
        out = subprocess.run(
            [sys.executable, "-c", wrapper, *argv],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=RUN_TIMEOUT,
        )
        rc, kib = (int(x) for x in out.stdout.split())
    except (OSError, ValueError, subprocess.TimeoutExpired) as error:
        return None, f"failed: {error}"
    if rc not in (0, 1):
        return None, f"failed: exit {rc}"
    return kib, None
