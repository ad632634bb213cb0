"""Worker processes: a dead worker, Ctrl-C and SIGTERM end a run at once and leave no process behind.

Issue 11 ("Trust"), processes and signals: a SIGKILLed worker made the run wait forever;
Ctrl-C and SIGTERM printed tracebacks from every process; ``-j 3000`` forked 527
processes for 200 files; ``lint_paths(jobs=2)`` from two threads returned the other
thread's results.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from helpers import HOSTILE_SECONDS, REPO, SEED, limit_resources

pytestmark = pytest.mark.slow

if not hasattr(os, "fork") or not Path("/proc/self/stat").exists():
    pytest.skip("worker processes are forked, and watched here through /proc (Linux)", allow_module_level=True)

CPUS = sorted(os.sched_getaffinity(0))
needs_two_cpus = pytest.mark.skipif(len(CPUS) < 2, reason="--jobs is capped at the CPUs: one CPU runs no workers")

ARTICLE = '---\ntitle: "Article {0}"\nwebUrl: "https://example.com/{0}"\n---\n'

# Runs `frontlint ARGS` with frontlint.run.linting.check_source replaced, in every process, by one
# that SIGKILLs the process that is given VICTIM (as the OOM killer would), once FIXED of the
# folder's *.md files hold no escaped zero-width space (at once for 0).
KILLING_WORKER = """
import glob, os, signal, sys, time
import frontlint.run.linting
from frontlint.cli import main

victim, fixed, checking = sys.argv[1], int(sys.argv[2]), frontlint.run.linting.check_source

def done():
    count = 0
    for name in glob.glob("*.md"):
        with open(name, encoding="utf-8") as file:
            count += "\\\\u200b" not in file.read()
    return count

def check_source(linter, source, *rest):
    if source.name == victim:
        deadline = time.monotonic() + 60  # only a guard: a hang fails the test, never holds it
        while done() < fixed and time.monotonic() < deadline:
            time.sleep(0.005)
        os.kill(os.getpid(), signal.SIGKILL)
    return checking(linter, source, *rest)

frontlint.run.linting.check_source = check_source
sys.exit(main(sys.argv[3:]))
"""

# Runs `frontlint ARGS` with frontlint.run.linting.check_source replaced, in every process, by one
# that SIGKILLs the command when given VICTIM; once the command is gone (the process is a child
# of another), each file begun is noted in NOTES and waits until this worker has seen its parent go:
# its other threads (the one reading its tasks) have ended, or none ever ran.
KILLING_THE_COMMAND = """
import os, signal, sys, threading, time
import frontlint.run.linting
from frontlint.cli import main

victim, notes, checking, command = sys.argv[1], sys.argv[2], frontlint.run.linting.check_source, os.getpid()

def check_source(linter, source, *rest):
    if source.name == victim:
        os.kill(command, signal.SIGKILL)
        while os.getppid() == command:
            time.sleep(0.001)
    if os.getppid() != command:
        with open(notes, "a", encoding="utf-8") as file:
            file.write(source.name + "\\n")
        deadline = time.monotonic() + 60  # only a guard: a worker that never sees its parent go
        while threading.active_count() > 1 and time.monotonic() < deadline:
            time.sleep(0.001)
    return checking(linter, source, *rest)

frontlint.run.linting.check_source = check_source
sys.exit(main(sys.argv[3:]))
"""

# Runs `frontlint ARGS` and prints how many processes it forked.
COUNTING_FORKS = """
import os, sys
from frontlint.cli import main

forked, fork = [], os.fork

def counting_fork():
    pid = fork()
    if pid:
        forked.append(pid)
    return pid

os.fork = counting_fork
code = main(sys.argv[1:])
print(f"{len(forked)} processes forked")
sys.exit(code)
"""


def write_articles(folder: Path, count: int, text: str = ARTICLE) -> None:
    """``count`` articles 000.md, 001.md, ... each with its own webUrl."""
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        (folder / f"{number:03}.md").write_text(text.format(number), encoding="utf-8")


def environment() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO)}


GENEROUS = 60  # seconds: only so that a hang fails the test instead of holding the suite


def wait_until(condition: Callable[[], bool]) -> bool:
    """Whether ``condition`` came true, looked at every few milliseconds within :data:`GENEROUS` seconds."""
    deadline = time.monotonic() + GENEROUS
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.005)
    return True


def processes_working_in(directory: Path) -> list[int]:
    """Every process whose current directory is ``directory`` (a run's workers inherit it)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if os.readlink(f"/proc/{entry}/cwd") == str(directory):
                    found.append(int(entry))
            except OSError:  # gone, or not ours
                pass
    return found


def children_of(pid: int) -> list[int]:
    children = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                children.append(int(entry))
    return children


def has_open_file_below(pid: int, directory: Path) -> bool:
    try:
        descriptors = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        return False
    for descriptor in descriptors:
        try:
            if os.readlink(f"/proc/{pid}/fd/{descriptor}").startswith(f"{directory}{os.sep}"):
                return True
        except OSError:
            pass
    return False


def run_killing(victim: str, *args: str, cwd: Path, fixed: int = 0) -> subprocess.CompletedProcess[str]:
    """The CLI with a worker SIGKILLed at ``victim`` once ``fixed`` files are written fixed, under the hostile-input limits."""
    return subprocess.run(
        [sys.executable, "-c", KILLING_WORKER, victim, str(fixed), "--isolated", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=HOSTILE_SECONDS + GENEROUS,
        preexec_fn=limit_resources,
        env=environment(),
    )


def died_line(stderr_line: str, example: str) -> int:
    """The number of files a dead-worker line says were not checked (the line is otherwise exact)."""
    died = re.fullmatch(
        r"frontlint: error: a worker process died \(killed by SIGKILL\): ([0-9,]+) files were not checked, "
        rf"among them {re.escape(example)}",
        stderr_line,
    )
    assert died, stderr_line
    return int(died.group(1).replace(",", ""))


@needs_two_cpus
def test_a_worker_killed_on_the_first_file_ends_the_run_naming_the_files_not_checked(tmp_path):
    write_articles(tmp_path, 300)
    done = run_killing("000.md", "--select", "duplicate-article", "--jobs", "2", ".", cwd=tmp_path)
    error, summary = done.stderr.splitlines()
    # The dead worker held the first two chunks of 38 files; the other worker's, if it had
    # finished any, are reported.
    unchecked = died_line(error, "000.md")
    assert 300 >= unchecked >= 76
    assert summary == f"no problems found in {300 - unchecked} files"
    assert (done.returncode, done.stdout) == (2, "")
    assert processes_working_in(tmp_path) == []


@needs_two_cpus
def test_what_other_workers_fixed_before_one_died_is_reported_and_only_the_rest_counted(tmp_path):
    # The first worker holds chunks 0 and 1 (000.md-075.md) and dies in 000.md once the other
    # has fixed every other chunk (an event, not a delay). Those 224 files are written: they are reported
    # as fixed, not as "not checked" (they were, before: only an unbroken run from the start was).
    write_articles(tmp_path, 300, '---\ntitle: "\\u200b{0}"\n---\n')
    done = run_killing("000.md", "--select", "text-whitespace", "--fix", "--jobs", "2", ".", cwd=tmp_path, fixed=224)
    assert done.stderr.splitlines() == [
        "frontlint: error: a worker process died (killed by SIGKILL): 76 files were not checked, among them 000.md",
        "fixed 224 problems in 224 files; no problems found in 224 files",
    ]
    assert (done.returncode, done.stdout) == (2, "")
    fixed = sorted(
        path.name
        for path in tmp_path.glob("*.md")
        if path.read_text(encoding="utf-8") == f'---\ntitle: "{int(path.stem)}"\n---\n'
    )
    assert fixed == [f"{number:03}.md" for number in range(76, 300)]
    assert processes_working_in(tmp_path) == []


@needs_two_cpus
def test_the_library_reports_a_dead_worker_once_to_on_error(tmp_path, monkeypatch):
    import multiprocessing

    import frontlint.run.linting
    from frontlint import lint_paths
    from frontlint.run.parallel import WorkerDied

    write_articles(tmp_path, 100)
    checking = frontlint.run.linting.check_source

    def check_source(linter, source, *rest):
        if source.name.endswith("050.md"):
            os.kill(os.getpid(), signal.SIGKILL)
        return checking(linter, source, *rest)

    monkeypatch.setattr(frontlint.run.linting, "check_source", check_source)
    errors: list[tuple[Path, Exception]] = []
    lint_paths([tmp_path], jobs=2, on_error=lambda path, error: errors.append((path, error)))
    # 100 files in 2 processes: chunks of 13; 050.md is in the one that begins at 039.md.
    [(path, error)] = errors
    assert path == tmp_path / "039.md"
    assert isinstance(error, WorkerDied) and error.exitcode == -signal.SIGKILL
    assert str(error) == (
        f"a worker process died (killed by SIGKILL): {error.unchecked} files were not checked, among them {path}"
    )
    assert 100 >= error.unchecked >= 13  # at least the chunk it held; what others finished is reported
    assert multiprocessing.active_children() == []
    with pytest.raises(WorkerDied):
        lint_paths([tmp_path], jobs=2)
    assert multiprocessing.active_children() == []


@needs_two_cpus
@pytest.mark.parametrize("forks_allowed", [0, 1])
def test_when_the_system_refuses_more_processes_the_run_goes_on_with_those_it_has(tmp_path, monkeypatch, forks_allowed):
    import multiprocessing

    from frontlint import lint_paths

    # Root is not held to RLIMIT_NPROC: the refusal (EAGAIN) is made here.
    write_articles(tmp_path, 100)
    (tmp_path / "099.md").write_text(ARTICLE.format(0), encoding="utf-8")
    expected = lint_paths([tmp_path], jobs=1)
    fork, forked = os.fork, []

    def refusing_fork():
        if len(forked) == forks_allowed:
            raise BlockingIOError(11, "Resource temporarily unavailable")
        forked.append(fork())
        return forked[-1]

    monkeypatch.setattr(os, "fork", refusing_fork)
    assert lint_paths([tmp_path], jobs=2) == expected
    assert expected[-1].format() == (  # the run-wide check saw every file
        f"{tmp_path}/099.md:3:9: warning: another article has the same webUrl: {tmp_path}/000.md:3; "
        "keep one of the two files [duplicate-article]"
    )
    assert len(forked) == forks_allowed and multiprocessing.active_children() == []


def test_chunks_and_outcomes_larger_than_a_pipe_pass_both_ways_without_deadlock(tmp_path):
    # 1,100 files: chunks of 128 sources with 650-byte paths (80 KB a chunk) and their
    # outcomes (7 diagnostics a file) each fill more than a pipe (64 KiB): the parent must
    # never block sending a chunk while a worker blocks sending outcomes.
    deep = tmp_path / ("d" * 200) / ("e" * 200) / ("f" * 200)
    write_articles(deep, 1100)
    outputs = [
        subprocess.run(
            [sys.executable, "-m", "frontlint", "--isolated", "--jobs", jobs, "."],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
            env=environment(),
        )
        for jobs in ("1", "2")
    ]
    assert outputs[0].returncode == 1 and outputs[0].stdout.count("\n") == 7700
    assert (outputs[1].returncode, outputs[1].stdout, outputs[1].stderr) == (
        outputs[0].returncode,
        outputs[0].stdout,
        outputs[0].stderr,
    )


def start_long_run(folder: Path, jobs: str) -> subprocess.Popen[str]:
    """Start the CLI over ``folder``/corpus in its own process group; return once it is linting.

    With workers, that is when they have a file open; without, when it has drained most of
    256 KiB of stdin (its first source), which this function then closes.
    """
    alone = jobs == "1"
    process = subprocess.Popen(
        [sys.executable, "-m", "frontlint", "--isolated", "--jobs", jobs, *(["-"] if alone else []), "corpus"],
        cwd=folder,
        env=environment(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    assert process.stdin is not None
    if alone:
        process.stdin.write("x" * 256 * 1024)  # returns once the reader has taken all but a pipe's worth
    process.stdin.close()
    if alone:
        return process
    deadline = time.monotonic() + GENEROUS
    while time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.002)
        workers = children_of(process.pid)
        if len(workers) == int(jobs) and any(has_open_file_below(pid, folder / "corpus") for pid in workers):
            return process
    process.kill()
    ended(process)
    raise AssertionError("the run did not get to its files")


def ended(process: subprocess.Popen[str]) -> tuple[int, str, str]:
    """Wait (at most the hostile-input limit) for a run that prints nothing more than a line or two."""
    process.wait(timeout=HOSTILE_SECONDS)
    assert process.stdout is not None and process.stderr is not None
    with process.stdout, process.stderr:
        return process.returncode, process.stderr.read(), process.stdout.read()


@pytest.fixture(scope="module")
def long_run(tmp_path_factory):
    """A folder whose corpus/ holds 3,000 real articles: seconds of work in one process."""
    folder = tmp_path_factory.mktemp("long-run")
    seed = SEED.read_text(encoding="utf-8").replace("{", "{{").replace("}", "}}")  # as it is, every time
    write_articles(folder / "corpus", 3000, seed)
    return folder


@pytest.mark.parametrize(
    ("jobs", "signal_number", "whole_group", "status", "line"),
    [
        pytest.param(
            "2", signal.SIGINT, True, 130, "frontlint: interrupted", id="ctrl-c-2-processes", marks=needs_two_cpus
        ),
        pytest.param("1", signal.SIGINT, True, 130, "frontlint: interrupted", id="ctrl-c-1-process"),
        pytest.param(
            "2", signal.SIGINT, False, 130, "frontlint: interrupted", id="sigint-to-the-parent", marks=needs_two_cpus
        ),
        pytest.param(
            "2", signal.SIGTERM, False, 143, "frontlint: terminated", id="sigterm-to-the-parent", marks=needs_two_cpus
        ),
        pytest.param(
            "2", signal.SIGTERM, True, 143, "frontlint: terminated", id="sigterm-to-the-group", marks=needs_two_cpus
        ),
        pytest.param("1", signal.SIGTERM, False, 143, "frontlint: terminated", id="sigterm-1-process"),
    ],
)
def test_a_signal_ends_the_run_with_one_line_and_no_process_left(
    long_run, jobs, signal_number, whole_group, status, line
):
    process = start_long_run(long_run, jobs)
    if whole_group:  # as Ctrl-C in a terminal, or a CI runner's stop: every process of the group
        os.killpg(process.pid, signal_number)
    else:
        os.kill(process.pid, signal_number)
    assert ended(process) == (status, line + "\n", "")
    assert processes_working_in(long_run) == []


@pytest.mark.parametrize(("cpus", "forked"), [(1, 0), pytest.param(2, 2, marks=needs_two_cpus)])
def test_jobs_is_capped_at_the_cpus_this_process_may_use(tmp_path, cpus, forked):
    write_articles(tmp_path, 200)
    done = subprocess.run(
        [sys.executable, "-c", COUNTING_FORKS, "--isolated", "--select", "duplicate-article", "-q", "-j", "3000", "."],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        env=environment(),
        preexec_fn=lambda: os.sched_setaffinity(0, CPUS[:cpus]),
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, f"{forked} processes forked\n", "")


def test_the_help_says_jobs_is_capped():
    from frontlint.cli.main import build_parser

    [jobs] = [action for action in build_parser()._actions if "--jobs" in action.option_strings]
    assert jobs.help == (
        "processes to lint with, at most the number of CPUs this process may use "
        "(default: that number; runs of fewer than 64 files use one)"
    )


@needs_two_cpus
@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")
def test_two_threads_linting_in_processes_each_get_their_own_results(tmp_path):
    from frontlint import lint_paths, load_schema

    # Two trees, two schemas: each thread's workers must use its own.
    strict = tmp_path / "strict.json"
    strict.write_text('{"type": "object", "required": ["author"]}', encoding="utf-8")
    trees = {"default": (tmp_path / "a", None), "strict": (tmp_path / "b", load_schema(str(strict)))}
    for folder, _ in trees.values():
        write_articles(folder, 100)
    expected = {name: lint_paths([folder], schema, jobs=1) for name, (folder, schema) in trees.items()}
    assert expected["default"] != expected["strict"] and all(expected.values())
    for _ in range(4):
        results: dict[str, object] = {}

        def lint(name: str) -> None:
            folder, schema = trees[name]
            results[name] = lint_paths([folder], schema, jobs=2)  # noqa: B023 (used within this iteration)

        threads = [threading.Thread(target=lint, args=(name,)) for name in trees]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        assert results == expected


@needs_two_cpus  # on one CPU --jobs is capped: no worker, no parent to kill
def test_workers_check_no_file_after_their_parent_is_killed(tmp_path):
    # Found by attacking: a worker went on checking (and fixing) the chunks it had queued,
    # up to 256 files, after a SIGKILL ended the command that would report them.
    # Driven by events, not by time: the worker given news/0300.md kills the command; from then on each
    # worker, at each file it still begins, notes the file and waits until it has seen its parent
    # go. A worker may finish the file in hand and begin one more before it sees that; never more.
    before, after = b'---\ntitle: "\\u200bx"\n---\n', b'---\ntitle: "x"\n---\n'
    folder = tmp_path / "news"
    folder.mkdir()
    names = [f"{number:04}.md" for number in range(3000)]
    for name in names:
        (folder / name).write_bytes(before)
    begun_late = tmp_path / "begun-after-the-kill.txt"
    with subprocess.Popen(
        [sys.executable, "-c", KILLING_THE_COMMAND, "news/0300.md", str(begun_late), "--isolated"]
        + ["--select", "text-whitespace", "--fix", "--jobs", "2", "news"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=environment(),
    ) as command:
        assert command.wait(timeout=GENEROUS) == -signal.SIGKILL
    assert wait_until(lambda: processes_working_in(tmp_path) == [])
    late = begun_late.read_text(encoding="utf-8").split() if begun_late.exists() else []
    assert len(late) <= 2 * 2, late  # two workers, each with at most two files begun after the kill
    contents = {(folder / name).read_bytes() for name in names}
    assert contents == {before, after}  # each file wholly as it was or wholly fixed, none part-written
    assert sorted(path.name for path in folder.iterdir()) == names  # no temporary file left
