"""Hostile and broken JSON Lines input on the command line: never a traceback, never a hang, memory bounded.

A line over the size limit, bytes that are not UTF-8, a binary file, an empty file, CRLF,
no final line break, a hundred thousand lines, Ctrl-C and SIGTERM in the middle of a file,
a FIFO and ``/dev/stdin``.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from test_json_lines_cli import FEED, FEED_LINES, FEED_SUMMARY, NOW

from helpers import HOSTILE_SECONDS, REPO, run_cli, run_limited
from seed_records import json_lines, seed_record

TOO_LARGE = "error: record larger than 2,097,152 bytes (max-front-matter-bytes): not read [front-matter-too-large]"


def lint(tmp_path: Path, *args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = run_cli(*NOW, *args, cwd=tmp_path, stdin=stdin)
    assert "Traceback" not in result.stderr.decode(errors="replace")
    return result.returncode, result.stdout.decode(errors="replace"), result.stderr.decode(errors="replace")


def write_small_records(path: Path, count: int) -> None:
    """Write ``count`` valid records of about 1.5 kB, each with its own webUrl, one at a time."""
    record = seed_record(related=[])
    with path.open("wb") as feed:
        for index in range(count):
            feed.write(json.dumps({**record, "webUrl": f"{record['webUrl']}-{index}"}).encode() + b"\n")


# Runs the command in this process, then prints its peak resident memory (VmHWM, in kB: the
# peak of this program alone, not of the test process it was forked from) and the CPU seconds
# it used (its work, whatever else the machine is doing) on stderr.
_MEASURED = (
    "import resource, sys\n"
    "from frontlint.cli.main import main\n"
    "status = main(sys.argv[1:])\n"
    "peak = [line for line in open('/proc/self/status') if line.startswith('VmHWM:')][0]\n"
    "used = resource.getrusage(resource.RUSAGE_SELF)\n"
    "print(peak.split()[1], used.ru_utime + used.ru_stime, file=sys.stderr)\n"
    "sys.exit(status)\n"
)


def run_measured(*args: str, cwd: Path) -> tuple[int, float, int]:
    """Run frontlint; its exit status, CPU seconds and peak resident memory in kB."""
    result = subprocess.run(
        [sys.executable, "-c", _MEASURED, *NOW, "-q", *args],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    *_, peak, cpu = result.stderr.split()
    return result.returncode, float(cpu), int(peak)


@pytest.mark.slow
def test_a_200_mb_line_is_reported_and_skipped_in_bounded_memory(tmp_path):
    with (tmp_path / "big.jsonl").open("wb") as big:
        big.write(b'{"title": "')
        chunk = b"x" * (1 << 20)
        for _ in range(200):
            big.write(chunk)
        big.write(b'"}\n{"title": 1}\n')
    # The file is 200 MB; the process may map 200 MB in all, the interpreter included.
    result = subprocess.run(
        [sys.executable, "-m", "frontlint", *NOW, "--select", "schema/type,front-matter-too-large", "big.jsonl"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=lambda: _limit_memory(200 * 1024 * 1024),
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert (result.returncode, result.stdout, result.stderr) == (
        1,
        f"big.jsonl:1:1: {TOO_LARGE}\nbig.jsonl:2:1: error: $.title: expected string, got integer 1 [schema/type]\n",
        "2 errors, 0 warnings in 1 of 1 file; 2 records checked\n",
    )


def _limit_memory(size: int) -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (size, size))


def test_bytes_that_are_not_utf8_are_a_problem_of_their_line_and_the_next_lines_are_checked(tmp_path):
    (tmp_path / "feed.jsonl").write_bytes(b'{"title": "caf\xe9"}\n{"title": 1}\n')
    status, out, _ = lint(tmp_path, "--select", "encoding,schema/type", "feed.jsonl")
    assert (status, out) == (
        1,
        "feed.jsonl:1:15: error: invalid UTF-8 byte: the line is not UTF-8 [encoding]\n"
        "feed.jsonl:2:1: error: $.title: expected string, got integer 1 [schema/type]\n",
    )


def test_a_binary_file_named_jsonl_is_not_read_past_its_first_nul_byte(tmp_path):
    (tmp_path / "image.jsonl").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(range(256)) * 8 + b"\n" * 10_000)
    assert (
        lint(tmp_path, "image.jsonl")
        == (
            1,
            "image.jsonl:1:1: error: invalid UTF-8 byte: the line is not UTF-8 [encoding]\n"  # the PNG signature's first line
            "image.jsonl:2:1: error: not JSON: Expecting value [json-syntax]\n"
            "image.jsonl:3:1: error: not JSON: a NUL byte, as in a binary file: the rest of the file is not read [json-syntax]\n",
            "3 errors, 0 warnings in 1 of 1 file; 3 records checked\n",
        )
    )


def test_a_nul_byte_after_the_first_8000_bytes_is_a_problem_of_its_line_only(tmp_path):
    (tmp_path / "feed.jsonl").write_bytes(b"[1]\n" * 2000 + b'{"a": "\0"}\n[2]\n')
    status, out, _ = lint(tmp_path, "--select", "json-syntax", "feed.jsonl")
    assert (status, out) == (1, "feed.jsonl:2001:8: error: not JSON: Invalid control character at [json-syntax]\n")


def test_an_empty_file_has_no_records_and_no_problems(tmp_path):
    (tmp_path / "empty.jsonl").write_bytes(b"")
    assert lint(tmp_path, "empty.jsonl") == (0, "", "no problems found in 1 file\n")


@pytest.mark.parametrize("change", ["crlf", "no final line break"])
def test_crlf_lines_and_a_missing_final_line_break_change_nothing(tmp_path, change):
    feed = FEED.read_bytes()
    feed = feed.replace(b"\n", b"\r\n") if change == "crlf" else feed.removesuffix(b"\n")
    (tmp_path / "jsonl").mkdir()
    (tmp_path / "jsonl" / "feed.jsonl").write_bytes(feed)
    assert lint(tmp_path, "jsonl/feed.jsonl") == (1, "\n".join(FEED_LINES) + "\n", FEED_SUMMARY)


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="peak memory is read from /proc (Linux)")
def test_many_lines_take_flat_memory_but_for_duplicate_article_and_linear_time(tmp_path):
    write_small_records(tmp_path / "small.jsonl", 10_000)
    write_small_records(tmp_path / "large.jsonl", 60_000)
    runs = {
        (name, options): run_measured(*options, f"{name}.jsonl", cwd=tmp_path)
        for name in ("small", "large")
        for options in ((), ("--ignore", "duplicate-article"))
    }
    assert {status for status, _, _ in runs.values()} == {0}
    memory = {key: peak for key, (_, _, peak) in runs.items()}
    without = ("--ignore", "duplicate-article")
    # One line at a time: 50,000 more lines, no more memory (beyond noise)...
    assert memory["large", without] - memory["small", without] < 8 * 1024, memory
    # ...but for what duplicate-article keeps of each record: its webUrl until the file is done,
    # then a digest and a name in the run's index (measured: about 0.65 kB a record).
    assert memory["large", ()] - memory["small", ()] < 50_000, memory  # under 1 kB a record
    # Six times the lines: about six times the CPU time (not 36 times). CPU seconds, not the
    # wall clock: the work done, the same on a loaded machine as on an idle one.
    seconds = {key: cpu for key, (_, cpu, _) in runs.items()}
    assert seconds["large", ()] < 15 * seconds["small", ()], seconds


@pytest.mark.slow
@pytest.mark.parametrize(
    ("signal_number", "status", "said"), [(signal.SIGINT, 130, "interrupted"), (signal.SIGTERM, 143, "terminated")]
)
def test_a_signal_in_the_middle_of_a_file_exits_quietly_with_its_status(tmp_path, signal_number, status, said):
    write_small_records(tmp_path / "feed.jsonl", 100_000)
    process = subprocess.Popen(
        [sys.executable, "-m", "frontlint", *NOW, "feed.jsonl"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    # Into the file (an event: its descriptor's offset has moved), 100,000 records from the end.
    assert wait_until(lambda: offset_in(process.pid, tmp_path / "feed.jsonl") > 0)
    assert process.poll() is None
    process.send_signal(signal_number)
    out, err = process.communicate(timeout=HOSTILE_SECONDS)
    assert (process.returncode, out, err) == (status, b"", f"frontlint: {said}\n".encode())


def offset_in(pid: int, path: Path) -> int:
    """Where process ``pid`` is in its open ``path`` (``/proc``), or -1 while it has not opened it."""
    for descriptor in os.listdir(f"/proc/{pid}/fd"):
        try:
            if os.readlink(f"/proc/{pid}/fd/{descriptor}") == str(path):
                with open(f"/proc/{pid}/fdinfo/{descriptor}", encoding="ascii") as info:
                    return int(info.readline().split()[1])  # "pos:\t<offset>"
        except OSError:  # closed meanwhile
            pass
    return -1


def wait_until(condition: Callable[[], bool]) -> bool:
    """Whether ``condition`` came true within 60 s (only a guard against a hang), looked at every millisecond."""
    deadline = time.monotonic() + 60
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.001)
    return True


def test_a_fifo_named_jsonl_is_refused_at_once_not_waited_on(tmp_path):
    os.mkfifo(tmp_path / "feed.jsonl")
    result = run_limited("feed.jsonl", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.splitlines()[0] == "frontlint: error: feed.jsonl: not a regular file"


def test_dev_stdin_is_read_when_it_is_a_file_and_a_pipe_is_read_as_stdin(tmp_path):
    shutil.copy(FEED, tmp_path / "feed.jsonl")
    with (tmp_path / "feed.jsonl").open("rb") as feed:
        result = subprocess.run(
            [sys.executable, "-m", "frontlint", *NOW, "--input-format", "jsonl", "/dev/stdin"],
            stdin=feed,
            capture_output=True,
            timeout=60,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )
    assert result.stdout.decode().splitlines() == [
        line.replace("jsonl/feed.jsonl", "/dev/stdin") for line in FEED_LINES
    ]
    # From a pipe, /dev/stdin is no regular file (refused, as for Markdown): '-' reads the pipe.
    status, out, _ = lint(tmp_path, "--input-format", "jsonl", "-", stdin=json_lines(seed_record(title=1)))
    assert (status, out) == (1, "-:1:1: error: $.title: expected string, got integer 1 [schema/type]\n")


def test_an_integer_past_pythons_digit_limit_is_a_problem_of_its_record_at_its_column(tmp_path):
    """Python's JSON parser refuses more than 4,300 digits; the record is reported there, the next ones checked."""
    digits = "7" * 5000
    (tmp_path / "feed.jsonl").write_text(
        f'{{"title": "777", "quality": {digits}}}\n{{"title": 1, "quality": {digits}.5}}\n{{"title": 2}}\n',
        encoding="utf-8",
    )
    status, out, _ = lint(tmp_path, "--select", "json-syntax,schema/type", "feed.jsonl")
    assert (status, out) == (
        1,
        "feed.jsonl:1:29: error: integer of 5,000 digits, longer than Python's limit of 4,300: "
        "the record is not checked [json-syntax]\n"
        "feed.jsonl:2:1: error: $.quality: expected integer, got number inf [schema/type]\n"  # a float: no limit
        "feed.jsonl:2:1: error: $.title: expected string, got integer 1 [schema/type]\n"
        "feed.jsonl:3:1: error: $.title: expected string, got integer 2 [schema/type]\n",
    )


def test_a_record_nested_deeper_than_pythons_parser_goes_is_a_problem_of_its_line_only(tmp_path):
    """With max-nesting-depth raised, 3,000 levels reach the parser, whose recursion stops first: that record's problem."""
    (tmp_path / "frontlint.toml").write_text("max-nesting-depth = 100000\n", encoding="utf-8")
    deep = '{"title": "x", "tags": ' + "[" * 3000 + "]" * 3000 + "}"
    (tmp_path / "feed.jsonl").write_text(f'{{"title": 1}}\n{deep}\n{{"title": 2}}\n', encoding="utf-8")
    status, out, _ = lint(tmp_path, "--config", "frontlint.toml", "--select", "schema/type", "feed.jsonl")
    assert (status, out) == (
        1,
        "feed.jsonl:1:1: error: $.title: expected string, got integer 1 [schema/type]\n"
        "feed.jsonl:2:3023: error: nesting 3,001 levels deep, deeper than Python's JSON parser goes: "
        "the record is not checked [yaml-depth-limit]\n"
        "feed.jsonl:3:1: error: $.title: expected string, got integer 2 [schema/type]\n",
    )
