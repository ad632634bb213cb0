#!/usr/bin/env python3
"""Benchmark frontlint against the bare libyaml parse, check-jsonschema and remark-lint-frontmatter-schema.

Every target is a ratio between tools measured in the same run, on the same corpus, with the
runs interleaved (A B C, B C A, C A B, ...) so that the noise of a shared machine falls on all of them
alike. Never compare the absolute times of two different runs.

Standard library only. The corpora, the extracted front matter, a venv with check-jsonschema
and an npm folder with remark are kept in benchmarks/.scratch/ (git-ignored) and reused by the
next run. The report, a Markdown table, goes to stdout; progress goes to stderr.

See benchmarks/README.md for what each row measures; tools.py says how each tool is set up,
corpora.py how the corpora are made, measure.py how a run is timed.
"""

from __future__ import annotations

import argparse
import os
import platform
import shlex
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from corpora import GEN_CORPUS, SEED, clean_article, corpus, extracted_yaml, relative_files
from measure import REPO, SCRATCH, T0, Command, interleave, log, peak_rss_kib
from report import Row, importtime_offenders, problems_note, ratio_of, render, seconds, verdict
from tools import CheckJsonschema, Frontlint, Remark, bare_parse

SINGLE_FILE_ROUNDS = 15
MEMORY_ROUNDS = 3

# Targets, from the issue.
TARGET_VS_BASELINE = 1.3  # frontlint wall time / bare parse wall time, at most
TARGET_VS_CHECK_JSONSCHEMA = 10  # check-jsonschema wall time / frontlint wall time, at least
TARGET_VS_REMARK = 50  # remark wall time / frontlint wall time, at least
TARGET_SINGLE_FILE = 0.4  # frontlint FILE / check-jsonschema FILE.yaml, at most
TARGET_MEMORY = 1.5  # peak RSS of a lint run / peak RSS of `import frontlint`, at most
TARGET_MEMORY_FLAT = 1.1  # peak RSS at N files / at N/10 files, at most
TARGET_LINEAR = 1.1  # time per file at a size / at the next smaller size, at most


@dataclass
class Peers:
    """The tools of one run, each installed (or with the reason it is not), and the notes under the table."""

    frontlint: Frontlint
    checker: CheckJsonschema
    remark: Remark
    notes: list[str] = field(default_factory=list)


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line; ``--quick`` already applied."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--files", type=int, default=10000, help="articles in the main corpus (default 10000)")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each tool; the table shows medians (default 5)")
    parser.add_argument("--quick", action="store_true", help="1000 files, 3 repeats, no remark")
    parser.add_argument("--no-remark", action="store_true", help="skip remark (minutes a run on 10,000 files)")
    parser.add_argument("--scale", action="store_true", help="also time frontlint on 10x --files (100,000 by default)")
    parser.add_argument("--jobs", type=int, default=2, help="processes for frontlint and the baseline (default 2)")
    parser.add_argument(
        "--remark-budget",
        type=float,
        default=600,
        metavar="SECONDS",
        help="seconds remark may take in all: fewer rounds of it when --repeat runs on --files "
        "would take longer, 1000 files when one would (default 600)",
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.files, args.repeat, args.no_remark = 1000, 3, True
    if args.files < 10 or args.repeat < 1:
        parser.error("--files must be at least 10 and --repeat at least 1")
    return args


def warm_up(peers: Peers, jobs: int, n: int) -> None:
    """Write bytecode caches and load each tool's files into the page cache (untimed)."""
    single_md = clean_article(n)
    warm = [peers.frontlint.command("warm", [single_md], corpus(n), None)]
    if not peers.checker.error:
        warm.append(peers.checker.command("warm", [str(Path(single_md).with_suffix(".yaml"))], extracted_yaml(n)))
    warm.append(bare_parse(jobs, [single_md], corpus(n)))
    for command in warm:
        command.run_once(SCRATCH / "output" / "warm.txt")


def remark_plan(args: argparse.Namespace, peers: Peers) -> tuple[int, int]:
    """The files and rounds remark can be timed on within ``--remark-budget``, from one probe on 1,000 files."""
    n, rounds = args.files, args.repeat
    if peers.remark.error or n <= 1000:
        return n, rounds
    probe = peers.remark.command("remark probe", corpus(1000))
    log("remark: one untimed probe run on 1000 files, to estimate its time")
    elapsed = probe.run_once(SCRATCH / "output" / "remark-probe.txt")
    if elapsed is None:
        peers.remark.error = probe.error
        return n, rounds
    # Its time per file grows with the corpus (about 13 ms a file at 1k, 21 ms at 10k,
    # as the issue measured), hence the 1.6.
    one_run = elapsed * n / 1000 * 1.6
    if one_run * rounds <= args.remark_budget:
        return n, rounds
    affordable = int(args.remark_budget // one_run)
    if affordable >= 1:
        plan = n, affordable
        how = (
            f"it was timed on all {n:,} files in {affordable} round{'s' if affordable > 1 else ''} "
            "(the median of those), against frontlint in the same rounds on the same files."
        )
    else:
        plan = 1000, rounds
        how = "it was timed on the 1,000-file corpus, against frontlint on those same files."
    peers.notes.append(
        f"remark-lint-frontmatter-schema took {elapsed:.1f} s on 1,000 files, so {rounds} runs on "
        f"{n:,} would take about {one_run * rounds / 60:.0f} min (> {args.remark_budget / 60:.0f} min): " + how
    )
    return plan


def time_main_corpus(args: argparse.Namespace, peers: Peers) -> list[Row]:
    """Targets 1 and 2: frontlint against the bare parse, check-jsonschema and remark on the main corpus."""
    n, rounds, jobs = args.files, args.repeat, args.jobs
    remark_n, remark_rounds = remark_plan(args, peers)
    base_cmd = bare_parse(jobs, ["."], corpus(n))
    lint_cmd = peers.frontlint.command(f"frontlint --jobs {jobs}", ["."], corpus(n), jobs)
    yaml_root = extracted_yaml(n)
    check_cmd = peers.checker.command("check-jsonschema", relative_files(yaml_root, ".yaml"), yaml_root)
    remark_cmd = peers.remark.command("remark-lint-frontmatter-schema", corpus(remark_n))
    remark_apart = (remark_n, remark_rounds) != (n, rounds)
    group = [base_cmd, lint_cmd, check_cmd] + ([] if remark_apart else [remark_cmd])
    log(f"main corpus: {n} files, {rounds} rounds of: " + ", ".join(c.label for c in group))
    interleave(group, rounds, f"main-{n}")
    reference = lint_cmd
    if remark_apart and not peers.remark.error:
        reference = peers.frontlint.command(f"frontlint --jobs {jobs}", ["."], corpus(remark_n), jobs)
        log(f"remark corpus: {remark_n} files, {remark_rounds} rounds of frontlint and remark")
        interleave([reference, remark_cmd], remark_rounds, f"remark-{remark_n}")
    rows = baseline_rows(n, base_cmd, lint_cmd)
    value, spread = seconds(check_cmd)
    ratio = ratio_of(check_cmd, lint_cmd)
    rows.append(
        Row(
            "2",
            check_cmd.label + " (extracted .yaml)",
            f"{n:,}",
            value,
            spread,
            f"frontlint {ratio:.1f}× faster" if ratio else "",
            f"frontlint ≥ {TARGET_VS_CHECK_JSONSCHEMA}× faster",
            verdict(None if ratio is None else ratio >= TARGET_VS_CHECK_JSONSCHEMA),
            problems_note(check_cmd, "one process"),
        )
    )
    if reference is not lint_cmd:
        value, spread = seconds(reference)
        rows.append(
            Row(
                "2",
                reference.label + " (reference for remark)",
                f"{remark_n:,}",
                value,
                spread,
                "1 (reference)",
                "",
                "",
                problems_note(reference),
            )
        )
    return rows + [remark_row(remark_cmd, reference, (remark_n, remark_rounds), (n, rounds))]


def baseline_rows(n: int, base_cmd: Command, lint_cmd: Command) -> list[Row]:
    """Target 1: the bare parse as the reference, and frontlint's ratio to it."""
    value, spread = seconds(base_cmd)
    unparsed = f"{base_cmd.problems} files without front matter or valid YAML" if base_cmd.problems is not None else ""
    rows = [Row("1", base_cmd.label, f"{n:,}", value, spread, "1 (reference)", "", "", unparsed)]
    value, spread = seconds(lint_cmd)
    ratio = ratio_of(lint_cmd, base_cmd)
    rows.append(
        Row(
            "1",
            lint_cmd.label + " (schema + default rules)",
            f"{n:,}",
            value,
            spread,
            f"{ratio:.2f}× baseline" if ratio else "",
            f"≤ {TARGET_VS_BASELINE}× baseline",
            verdict(None if ratio is None else ratio <= TARGET_VS_BASELINE),
            problems_note(lint_cmd),
        )
    )
    return rows


def remark_row(remark_cmd: Command, reference: Command, measured: tuple[int, int], asked: tuple[int, int]) -> Row:
    """Target 2 for remark, against frontlint on the same files in the same rounds."""
    (remark_n, remark_rounds), (n, rounds) = measured, asked
    value, spread = seconds(remark_cmd)
    ratio = ratio_of(remark_cmd, reference)
    where = (
        "one process"
        + (", measured at 1k (see notes)" if remark_n != n else "")
        + (f", {remark_rounds} rounds (see notes)" if remark_rounds != rounds else "")
    )
    return Row(
        "2",
        remark_cmd.label + " (.md)",
        f"{remark_n:,}",
        value,
        spread,
        f"frontlint {ratio:.1f}× faster" if ratio else "",
        f"frontlint ≥ {TARGET_VS_REMARK}× faster",
        verdict(None if ratio is None else ratio >= TARGET_VS_REMARK),
        problems_note(remark_cmd, where) if not remark_cmd.error else "",
    )


def time_one_file(args: argparse.Namespace, peers: Peers) -> list[Row]:
    """Target 3: one file, as pre-commit runs it, frontlint against check-jsonschema (whole processes)."""
    single_md = clean_article(args.files)
    single_rounds = max(SINGLE_FILE_ROUNDS, args.repeat)
    one_lint = peers.frontlint.command("frontlint FILE", [single_md], corpus(args.files), None)
    one_check = peers.checker.command(
        "check-jsonschema --schemafile … FILE.yaml",
        [str(Path(single_md).with_suffix(".yaml"))],
        extracted_yaml(args.files),
    )
    log(f"one file: {single_rounds} rounds")
    interleave([one_lint, one_check], single_rounds, "single")
    value, spread = seconds(one_lint)
    rows = [Row("3", one_lint.label, "1", value, spread, "1 (reference)", "", "", f"`{single_md}`, whole process")]
    value, spread = seconds(one_check)
    ratio = ratio_of(one_lint, one_check)
    rows.append(
        Row(
            "3",
            one_check.label,
            "1",
            value,
            spread,
            f"frontlint {ratio:.2f}× its time" if ratio else "",
            f"frontlint ≤ {TARGET_SINGLE_FILE}×",
            verdict(None if ratio is None else ratio <= TARGET_SINGLE_FILE),
            "whole process",
        )
    )
    return rows


@dataclass
class MemoryCase:
    """One process whose peak RSS is measured, with the peaks of its rounds (or why it failed)."""

    label: str
    files: str
    argv: list[str]
    cwd: Path
    peaks: list[int] = field(default_factory=list)
    error: str | None = None

    @property
    def median(self) -> float | None:
        """The median peak in KiB, or None when it was not measured."""
        return statistics.median(self.peaks) if self.peaks and not self.error else None


def measure_peaks(cases: list[MemoryCase], frontlint: Frontlint) -> None:
    """Measure each case's peak RSS ``MEMORY_ROUNDS`` times, in turn."""
    log(f"memory: peak RSS, {MEMORY_ROUNDS} rounds")
    for case in cases:
        case.error = frontlint.error
    for number in range(1, MEMORY_ROUNDS + 1):
        for case in cases:
            if case.error:
                continue
            kib, case.error = peak_rss_kib(case.argv, case.cwd, frontlint.env)
            if kib is not None:
                case.peaks.append(kib)
            log(
                f"memory round {number}/{MEMORY_ROUNDS}: {case.label}, {case.files} files: "
                f"{case.error or f'{kib / 1024 if kib else 0:.1f} MiB'}"
            )


def memory_rows(args: argparse.Namespace, frontlint: Frontlint) -> list[Row]:
    """Target 4: the peak RSS of a run against the import's, and its growth with the number of files."""
    n, small = args.files, max(10, args.files // 10)
    # Two references: the bare import (the target's), and the library ready to lint: the
    # contract loaded and compiled, which every run does first.
    imported = MemoryCase("python -c 'import frontlint'", "–", [sys.executable, "-c", "import frontlint"], corpus(n))
    ready = MemoryCase(
        "python -c 'import frontlint; frontlint.load_schema()'",
        "–",
        [sys.executable, "-c", "import frontlint; frontlint.load_schema()"],
        corpus(n),
    )
    # With duplicate-article off as well: its per-URL record is the one state a run keeps of
    # every file, so those two rows show what else grows with the number of files.
    runs = [
        MemoryCase(
            " ".join(["frontlint --jobs 1", *extra]),
            f"{size:,}",
            frontlint.argv + ["--isolated", "-q", "--jobs", "1", *extra, "."],
            corpus(size),
        )
        for extra in ([], ["--ignore", "duplicate-article"])
        for size in (small, n)
    ]
    measure_peaks([imported, ready, *runs], frontlint)
    rows = [
        memory_row(imported, None, "", "peak RSS, not wall time"),
        memory_row(
            ready, imported, "", "peak RSS: the library ready to lint (jsonschema-rs imported, the contract compiled)"
        ),
    ]
    for case in runs:
        ready_ratio = (
            f"; {case.median / ready.median:.2f}× the library ready to lint" if case.median and ready.median else ""
        )
        rows.append(memory_row(case, imported, f"≤ {TARGET_MEMORY}× import", "peak RSS" + ready_ratio))
    for (fewer, more), label, note in (
        ((runs[0], runs[1]), "peak RSS growth", "10× the files"),
        ((runs[2], runs[3]), "peak RSS growth, duplicate-article off", "10× the files; no per-URL record kept"),
    ):
        if fewer.median and more.median:
            flat = more.median / fewer.median
            rows.append(
                Row(
                    "4",
                    label,
                    f"{small:,} → {n:,}",
                    "",
                    "",
                    f"{flat:.2f}×",
                    f"≤ {TARGET_MEMORY_FLAT}× (flat)",
                    verdict(flat <= TARGET_MEMORY_FLAT),
                    note,
                )
            )
    return rows


def memory_row(case: MemoryCase, reference: MemoryCase | None, goal: str, notes: str) -> Row:
    """A case's row: its median peak, its ratio to the import's (or "1 (reference)"), and the target when there is one."""
    if case.median is None:
        return Row("4", case.label, case.files, case.error or "not run", "", "", "", "", "peak RSS")
    mib = f"{case.median / 1024:.1f} MiB"
    spread = f"{len(case.peaks)} ({min(case.peaks) / 1024:.1f}–{max(case.peaks) / 1024:.1f})"
    if reference is None:
        return Row("4", case.label, case.files, mib, spread, "1 (reference)", "", "", notes)
    ratio = case.median / reference.median if reference.median else None
    result = verdict(None if ratio is None else ratio <= TARGET_MEMORY) if goal else ""
    return Row("4", case.label, case.files, mib, spread, f"{ratio:.2f}× import" if ratio else "", goal, result, notes)


def time_scaling(args: argparse.Namespace, frontlint: Frontlint) -> list[Row]:
    """Target 5: frontlint's time per file at N/10, N (and 10 N) files, which must not grow."""
    n, jobs = args.files, args.jobs
    sizes = [max(10, n // 10), n] + ([n * 10] if args.scale else [])
    scaling = [frontlint.command(f"frontlint --jobs {jobs}", ["."], corpus(size), jobs) for size in sizes]
    log(f"scaling: {sizes}, {args.repeat} rounds")
    interleave(scaling, args.repeat, "scaling")
    rows: list[Row] = []
    previous: tuple[int, float] | None = None
    for size, command in zip(sizes, scaling):
        value, spread = seconds(command)
        if command.median is None:
            rows.append(Row("5", command.label, f"{size:,}", value, spread, "", "", "", ""))
            previous = None
            continue
        per_file = command.median / size * 1000
        if previous is None:
            ratio_text, goal, result = f"{per_file:.3f} ms/file", "", ""
        else:
            growth = per_file / previous[1]
            ratio_text = f"{per_file:.3f} ms/file = {growth:.2f}× per file at {previous[0]:,}"
            goal, result = f"≤ {TARGET_LINEAR}× (linear)", verdict(growth <= TARGET_LINEAR)
        rows.append(
            Row("5", command.label, f"{size:,}", value, spread, ratio_text, goal, result, problems_note(command))
        )
        previous = (size, per_file)
    return rows


def header(args: argparse.Namespace, peers: Peers, started: str, load_before: float) -> list[str]:
    """The lines above the table: the command, the machine, what was measured with which versions."""
    # The code measured is the checkout as it is now: name its commit, and say if it was edited.
    commit = (
        subprocess.run(
            ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
        ).stdout.strip()
        or "?"
    )
    dirty = subprocess.run(
        ["git", "-C", str(REPO), "status", "--porcelain", "--", "frontlint", "schemas"], capture_output=True, text=True
    ).stdout.strip()
    frontlint, checker, remark = peers.frontlint, peers.checker, peers.remark
    return [
        "# frontlint benchmark",
        "",
        "```",
        f"$ {shlex.join(getattr(sys, 'orig_argv', [sys.executable, *sys.argv]))}",
        "```",
        "",
        f"- started {started}, from `{Path.cwd()}`; {os.cpu_count()} CPUs, load average "
        f"{load_before:.2f} at the start, {os.getloadavg()[0]:.2f} at the end",
        f"- {frontlint.version if not frontlint.error else 'frontlint ' + frontlint.error} from the checkout `{REPO}` at {commit}"
        + (" with uncommitted changes" if dirty else "")
        + f" (`{Path(sys.executable).name} -m frontlint`, PYTHONPATH={REPO}, `--isolated`); "
        f"Python {platform.python_version()} ({sys.executable})",
        f"- check-jsonschema: {checker.version if not checker.error else checker.error}",
        f"- remark: {remark.version if not remark.error else remark.error}",
        f"- corpora: gen_corpus.py, seed {SEED}, in `{SCRATCH.relative_to(REPO)}/`; medians of {args.repeat} "
        f"interleaved runs ({max(SINGLE_FILE_ROUNDS, args.repeat)} for one file, {MEMORY_ROUNDS} for memory)",
        "",
    ]


def main(argv: Sequence[str] | None = None) -> int:
    """Install the tools, run every measurement, print the report."""
    args = parse_arguments(argv)
    if not GEN_CORPUS.is_file():
        print(f"run.py: the corpus generator is missing: {GEN_CORPUS}", file=sys.stderr)
        return 2
    SCRATCH.mkdir(parents=True, exist_ok=True)
    started, load_before = time.strftime("%Y-%m-%d %H:%M:%S %Z"), os.getloadavg()[0]
    remark = Remark(None, error="skipped (--quick or --no-remark)") if args.no_remark else Remark.install()
    peers = Peers(Frontlint.detect(), CheckJsonschema.install(), remark)
    if peers.frontlint.error:
        peers.notes.append(f"frontlint {peers.frontlint.error}")
    warm_up(peers, args.jobs, args.files)
    rows = time_main_corpus(args, peers) + time_one_file(args, peers)
    rows += memory_rows(args, peers.frontlint) + time_scaling(args, peers.frontlint)
    importtime = importtime_offenders(peers.frontlint.env) if not peers.frontlint.error else peers.frontlint.error
    out = header(args, peers, started, load_before) + [
        render(rows),
        "",
        '## `python -X importtime -c "import frontlint"`: the 8 largest cumulative imports',
        "",
        importtime,
        "",
    ]
    if peers.notes:
        out += ["## Notes", ""] + [f"- {note}" for note in peers.notes] + [""]
    out.append(f"Whole script: {time.perf_counter() - T0:.0f} s wall time.")
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        sys.exit(130)
