"""The progress bar of long runs: on a terminal only, after a second, gone before the summary and after Ctrl-C."""

import io
import os
import select
import signal
import struct
import subprocess
import sys
import time

import pytest

pty = pytest.importorskip("pty", reason="pseudo-terminals are POSIX only")
fcntl = pytest.importorskip("fcntl")
termios = pytest.importorskip("termios")

from frontlint.cli.progress import REFRESH_SECONDS, Progress, count, wanted  # noqa: E402 (after the skips above)
from helpers import REPO, SEED  # noqa: E402

# Copies of the seed article in the long run: the bar appears at about the 20th (see CLOCKED_RUN).
LONG_RUN_FILES = 1500
COLUMNS = 100
LONG_SUMMARY = f"0 errors, {LONG_RUN_FILES:,} warnings in {LONG_RUN_FILES:,} of {LONG_RUN_FILES:,} files"
ARGS = ("--isolated", "--select=url-insecure", "--jobs=1")


@pytest.fixture(scope="module")
def many(tmp_path_factory):
    folder = tmp_path_factory.mktemp("many")
    text = SEED.read_bytes()
    for index in range(LONG_RUN_FILES):
        (folder / f"2021-07-28-a{index:04}.md").write_bytes(text)
    return folder


# The command with the bar's clock moving 1/20 s at each look, whatever the machine's speed: a run
# lasts the bar's 1 s delay at about its 20th file, its count of the files (a look every 256)
# ends well within its 0.5 s, and a one-file run ends before it. With a file number after the
# script, the run waits at that file until Ctrl-C, so the bar is surely on the screen when it comes.
CLOCKED_RUN = """
import itertools, sys, time
from frontlint.cli import main, progress

hold_at = int(sys.argv.pop(1))


class ClockedProgress(progress.Progress):
    def __init__(self, *args, **kwargs):
        ticks = itertools.count()
        super().__init__(*args, clock=lambda: next(ticks) / 20, **kwargs)

    def advance(self):
        super().advance()
        if self._done == hold_at:
            time.sleep(3600)  # until Ctrl-C


progress.Progress = ClockedProgress
status = main(sys.argv[1:])
print("tqdm" in sys.modules)
sys.exit(status)
"""


def clocked(*args, hold_at=0):
    """The command line of a run with the clock of CLOCKED_RUN (it prints whether tqdm was imported last)."""
    return [sys.executable, "-c", CLOCKED_RUN, str(hold_at), *args]


def terminal_environment(**extra):
    env = {name: value for name, value in os.environ.items() if name not in ("CI", "GITHUB_ACTIONS", "NO_COLOR")}
    env.update({"PYTHONPATH": str(REPO), "TERM": "xterm", **extra})
    return env


def on_terminal(*args, cwd, env=None, interrupt_after_bar=False, command=None):
    """Run frontlint with stderr on a pseudo-terminal and stdout on a pipe; return (screen, raw stderr, status, stdout).

    With ``interrupt_after_bar``, SIGINT goes to the whole process group (as Ctrl-C sends
    it) as soon as the bar has been drawn.
    """
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, COLUMNS, 0, 0))
    process = subprocess.Popen(
        command or [sys.executable, "-m", "frontlint", *args],
        cwd=cwd,
        env=env or terminal_environment(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=slave,
        start_new_session=True,
    )
    os.close(slave)
    raw, interrupted, deadline = b"", False, time.monotonic() + 120
    stdout = io.BytesIO()
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master, process.stdout], [], [], 0.2)
        if process.stdout in ready:
            stdout.write(os.read(process.stdout.fileno(), 1 << 16))
        if master in ready:
            try:
                data = os.read(master, 1 << 16)
            except OSError:  # the terminal's other end is closed: the process has ended
                data = b""
            raw += data
            if not data and process.poll() is not None:
                break
        elif process.poll() is not None and not ready:
            break
        if interrupt_after_bar and not interrupted and b" files" in raw:
            os.killpg(process.pid, signal.SIGINT)
            interrupted = True
    process.wait(timeout=60)
    stdout.write(process.stdout.read())
    process.stdout.close()
    os.close(master)
    return screen(raw.decode()), raw.decode(), process.returncode, stdout.getvalue().decode()


ERASE_TO_END = "\x1b[K"


def screen(text):
    """The lines a terminal shows after ``text``: a carriage return goes back to the start of the line, ESC [ K erases to its end."""
    lines, line, column = [], [], 0
    for char in text.replace("\r\n", "\n").replace(ERASE_TO_END, "\0"):
        if char == "\0":
            del line[column:]
        elif char == "\n":
            lines.append("".join(line).rstrip())
            line, column = [], 0
        elif char == "\r":
            column = 0
        else:
            line[column : column + 1] = [char]
            column += 1
    if line:
        lines.append("".join(line).rstrip())
    return lines


@pytest.mark.slow
def test_a_long_run_on_a_terminal_shows_the_bar_and_takes_it_off_before_the_summary(many):
    shown, raw, status, stdout = on_terminal(cwd=many, command=clocked(*ARGS, "."))
    assert f"/{LONG_RUN_FILES} [" in raw and "frontlint:" in raw and " files/s]" in raw  # counted against the total
    assert shown == [LONG_SUMMARY]
    assert (status, stdout.count("\n"), stdout.splitlines()[-1]) == (0, LONG_RUN_FILES + 1, "True")


@pytest.mark.slow
def test_ctrl_c_during_the_bar_leaves_a_clean_line_and_status_130(many):
    shown, raw, status, _ = on_terminal(cwd=many, command=clocked(*ARGS, ".", hold_at=100), interrupt_after_bar=True)
    assert " files" in raw
    assert (shown, status) == (["frontlint: interrupted"], 130)


@pytest.mark.slow
def test_a_line_on_stderr_during_the_run_clears_the_bar_first(many):
    broken = many / "2021-07-28-a1000-broken.md"  # two thirds into the run
    broken.symlink_to("nowhere.md")
    try:
        shown, raw, status, _ = on_terminal(cwd=many, command=clocked(*ARGS, "."))
    finally:
        broken.unlink()
    assert " files" in raw
    assert len(shown) == 2 and shown[0].startswith(f"frontlint: error: {broken.name}: ")
    assert shown[1] == f"0 errors, {LONG_RUN_FILES:,} warnings in {LONG_RUN_FILES:,} of {LONG_RUN_FILES:,} files"
    assert status == 2


@pytest.mark.slow
@pytest.mark.parametrize(
    "extra, env",
    [(("--quiet",), {}), ((), {"CI": "true"}), ((), {"TERM": "dumb"})],
    ids=["quiet", "CI", "dumb terminal"],
)
def test_no_bar_when_quiet_in_ci_or_on_a_dumb_terminal(many, extra, env):
    shown, raw, _, _ = on_terminal(*ARGS, *extra, ".", cwd=many, env=terminal_environment(**env))
    assert "\r" not in raw.replace("\r\n", "\n")
    assert shown == ([] if extra else [LONG_SUMMARY])


@pytest.mark.slow
def test_no_bar_when_stderr_is_a_pipe(many):
    result = subprocess.run(
        [sys.executable, "-m", "frontlint", *ARGS, "."],
        cwd=many,
        env=terminal_environment(),
        capture_output=True,
        timeout=120,
    )
    assert result.stderr.decode() == LONG_SUMMARY + "\n"


@pytest.mark.slow
def test_a_short_run_on_a_terminal_draws_nothing_and_never_imports_tqdm(tmp_path, many):
    (tmp_path / "a.md").write_bytes(SEED.read_bytes())
    shown, raw, status, stdout = on_terminal(cwd=tmp_path, command=clocked(*ARGS, "a.md"))
    assert (shown, raw, status) == (["0 errors, 1 warning in 1 of 1 file"], "0 errors, 1 warning in 1 of 1 file\r\n", 0)
    assert stdout.splitlines()[-1] == "False"
    long = on_terminal(cwd=many, command=clocked(*ARGS, "."))
    assert long[3].splitlines()[-1] == "True"


# --- the bar itself, with a clock the test moves


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def progress(clock, sources=range(10)):
    out = io.StringIO()
    return Progress(out, sys.__stderr__.fileno(), "utf-8", lambda: iter(sources), clock=clock), out


def test_the_bar_appears_after_the_delay_and_is_redrawn_at_most_ten_times_a_second():
    clock = Clock()
    bar, out = progress(clock)
    for _ in range(3):
        bar.advance()
    clock.now += 0.99
    bar.advance()
    assert out.getvalue() == ""  # within the first second: nothing drawn
    clock.now += 0.01
    bar.advance()
    assert "| 5/10 [" in out.getvalue()
    drawn = out.getvalue()
    clock.now += REFRESH_SECONDS / 2
    bar.advance()
    assert out.getvalue() == drawn  # too soon to draw again
    clock.now += REFRESH_SECONDS
    bar.advance()
    assert "| 7/10 [" in out.getvalue()[len(drawn) :]
    bar.close()
    assert out.getvalue().endswith("\r")
    assert screen(out.getvalue()) == [""]


def test_clearing_takes_the_bar_off_and_the_next_file_draws_it_again():
    clock = Clock()
    bar, out = progress(clock)
    clock.now += 1
    bar.advance()
    bar.clear()
    assert screen(out.getvalue()) == [""]
    clock.now += REFRESH_SECONDS
    bar.advance()
    assert "| 2/10 [" in screen(out.getvalue())[0]
    bar.close()


def test_the_total_is_given_up_when_counting_takes_too_long():
    clock = Clock()

    def slow():
        for index in range(10_000):
            clock.now += 0.001
            yield index

    assert count(iter(range(1000)), 0.5, clock) == 1000
    assert count(slow(), 0.5, clock) is None


@pytest.mark.parametrize(
    "terminal, quiet, environ, expected",
    [
        (2, False, {}, True),
        (None, False, {}, False),
        (2, True, {}, False),
        (2, False, {"CI": "true"}, False),
        (2, False, {"CI": "1"}, False),
        (2, False, {"CI": "false"}, True),
        (2, False, {"CI": ""}, True),
        (2, False, {"TERM": "dumb"}, False),
    ],
)
def test_when_the_bar_is_wanted(terminal, quiet, environ, expected):
    assert wanted(terminal, quiet, environ) is expected


def test_a_bar_stopped_while_it_is_first_drawn_is_erased_by_hand():
    clock = Clock()
    out = io.StringIO()

    def interrupted_while_counting():
        out.write("frontlint:  10%|#")  # what tqdm might have written when Ctrl-C came
        raise KeyboardInterrupt
        yield

    bar = Progress(out, sys.__stderr__.fileno(), "utf-8", interrupted_while_counting, clock=clock)
    clock.now += 1
    with pytest.raises(KeyboardInterrupt):
        bar.advance()
    bar.close()
    assert out.getvalue().endswith("\r\x1b[K") and screen(out.getvalue()) == []
