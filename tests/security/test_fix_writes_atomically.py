"""How --fix writes a file (issue 11): what it keeps, what it refuses, what a kill leaves behind.

Each defect the attack review found is reproduced here through the real command where it can be:
owner and group, read-only files, hard links, the temporary file's mode, an edit made during the
run (lost update), temporary files after SIGKILL / Ctrl-C, and links found by walking a directory.
"""

from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from frontlint.fix.atomic_write import write_atomically
from helpers import REPO, WITHOUT_ROOT_OVERRIDES, limit_resources, run_limited

BEFORE = b'---\ntitle: "\\u200bx"\n---\n'
AFTER = b'---\ntitle: "x"\n---\n'
FIX = ("--select", "text-whitespace", "--fix")
WHITESPACE = (
    "{}:2:8: warning: title has a zero-width space: expected one line with single spaces and no leading or "
    "trailing whitespace [text-whitespace]\n"
)
NOT_FIXED_SUMMARY = "fixed 0 problems; 0 errors, 1 warning in 1 of 1 file\n"
FIXED_SUMMARY = "fixed 1 problem in 1 file; no problems found in 1 file\n"

as_root = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root (chown, capabilities)")
# Root without a capability, as util-linux's setpriv takes it away for the command it runs.
WITHOUT_CHOWN = ("setpriv", "--bounding-set", "-chown")


def article(folder: Path, name: str = "a.md", data: bytes = BEFORE) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def run_driver(script: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run a Python ``script`` (which patches something, then runs frontlint) in a child process."""
    return subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=limit_resources,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


# --- 1. owner and group --------------------------------------------------------------------


@pytest.mark.slow
@as_root
def test_a_root_run_keeps_the_owner_group_and_mode_of_a_users_file(tmp_path):
    path = article(tmp_path)
    os.chown(path, 1234, 5678)
    path.chmod(0o640)
    result = run_limited(*FIX, "a.md", cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", FIXED_SUMMARY)
    assert path.read_bytes() == AFTER
    status = path.stat()
    assert (status.st_uid, status.st_gid, stat.S_IMODE(status.st_mode)) == (1234, 5678, 0o640)
    assert os.listdir(tmp_path) == ["a.md"]


@pytest.mark.slow
@as_root
def test_a_file_whose_owner_cannot_be_kept_is_not_written_and_its_problems_are_still_reported(tmp_path):
    path = article(tmp_path)
    kept = article(tmp_path, "b.md")
    os.chown(path, 1234, 5678)
    path.chmod(0o666)  # anyone may write it: only the owner stands in the way
    result = run_limited(*FIX, "a.md", "b.md", cwd=tmp_path, prefix=WITHOUT_CHOWN)
    assert result.stderr == (
        "frontlint: error: a.md: not fixed: its owner and group (uid 1234, gid 5678) could not be kept\n"
        "fixed 1 problem in 1 file; 0 errors, 1 warning in 1 of 2 files\n"
    )
    assert result.stdout == WHITESPACE.format("a.md")
    assert result.returncode == 2
    assert path.read_bytes() == BEFORE
    assert (path.stat().st_uid, path.stat().st_gid) == (1234, 5678)
    assert kept.read_bytes() == AFTER  # the run went on with the next file
    assert sorted(os.listdir(tmp_path)) == ["a.md", "b.md"]


# --- 2. read-only files -------------------------------------------------------------------


@pytest.mark.slow
def test_a_read_only_file_is_not_fixed_even_by_root(tmp_path):
    path = article(tmp_path)
    path.chmod(0o444)
    result = run_limited(*FIX, "a.md", cwd=tmp_path)
    assert result.stderr == "frontlint: error: a.md: not fixed: the file is read-only\n" + NOT_FIXED_SUMMARY
    assert result.stdout == WHITESPACE.format("a.md")
    assert result.returncode == 2
    assert path.read_bytes() == BEFORE
    assert stat.S_IMODE(path.stat().st_mode) == 0o444


@pytest.mark.slow
@as_root
def test_a_file_the_user_may_not_write_is_not_fixed(tmp_path):
    path = article(tmp_path)
    os.chown(path, 1234, 5678)
    path.chmod(0o644)  # its owner may write it; this user (root without DAC override) may not
    result = run_limited(*FIX, "a.md", cwd=tmp_path, prefix=WITHOUT_ROOT_OVERRIDES)
    assert result.stderr == "frontlint: error: a.md: not fixed: Permission denied\n" + NOT_FIXED_SUMMARY
    assert result.stdout == WHITESPACE.format("a.md")
    assert result.returncode == 2
    assert path.read_bytes() == BEFORE


@pytest.mark.slow
def test_a_file_without_fixes_is_not_reported_for_being_read_only(tmp_path):
    path = article(tmp_path, data=AFTER)
    path.chmod(0o444)
    result = run_limited(*FIX, "a.md", cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        "",
        "fixed 0 problems; no problems found in 1 file\n",
    )


# --- 3. hard links ------------------------------------------------------------------------


@pytest.mark.slow
def test_a_file_with_hard_links_is_not_fixed_so_the_links_are_not_split(tmp_path):
    path = article(tmp_path)
    os.link(path, tmp_path / "other-name.txt")
    result = run_limited(*FIX, "a.md", cwd=tmp_path)
    assert result.stderr == (
        "frontlint: error: a.md: not fixed: it has 2 hard links (replacing it would split them)\n" + NOT_FIXED_SUMMARY
    )
    assert result.stdout == WHITESPACE.format("a.md")
    assert result.returncode == 2
    assert path.read_bytes() == (tmp_path / "other-name.txt").read_bytes() == BEFORE
    assert path.stat().st_nlink == 2
    assert path.stat().st_ino == (tmp_path / "other-name.txt").stat().st_ino


# --- 4. the temporary file's permissions --------------------------------------------------


def _spy_on_fsync(monkeypatch: pytest.MonkeyPatch, folder: Path) -> list[tuple[int, list[str]]]:
    """Record the temporary file's mode and the folder's names when the data is flushed."""
    seen: list[tuple[int, list[str]]] = []
    fsync = os.fsync

    def spy(descriptor: int) -> None:
        seen.append((stat.S_IMODE(os.fstat(descriptor).st_mode), sorted(os.listdir(folder))))
        fsync(descriptor)

    monkeypatch.setattr(os, "fsync", spy)
    return seen


def _without_o_tmpfile(monkeypatch: pytest.MonkeyPatch, code: int) -> None:
    """Make ``os.open`` fail with ``code`` for O_TMPFILE, as a kernel or file system without it does."""
    open_ = os.open

    def refuse(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if flags & getattr(os, "O_TMPFILE", 0) == getattr(os, "O_TMPFILE", -1):
            raise OSError(code, os.strerror(code))
        return open_(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refuse)


@pytest.mark.skipif(not hasattr(os, "O_TMPFILE"), reason="O_TMPFILE is Linux's")
def test_the_data_is_written_to_an_unnamed_private_file(tmp_path, monkeypatch):
    path = article(tmp_path)
    path.chmod(0o600)  # a private file: no copy of it may be readable by others, even for a moment
    previous = os.umask(0o022)
    try:
        seen = _spy_on_fsync(monkeypatch, tmp_path)
        write_atomically(path, AFTER)
    finally:
        os.umask(previous)
    assert seen == [(0o600, ["a.md"])]  # no name in the folder while it is written
    assert path.read_bytes() == AFTER
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.parametrize("code", [errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL])
def test_without_o_tmpfile_the_named_temporary_file_is_private_from_the_start(tmp_path, monkeypatch, code):
    path = article(tmp_path)
    path.chmod(0o644)
    _without_o_tmpfile(monkeypatch, code)
    modes: list[int] = []
    open_ = os.open

    def record(name: object, flags: int, mode: int = 0o777, *args: object, **kwargs: object) -> int:
        descriptor = open_(name, flags, mode, *args, **kwargs)  # type: ignore[arg-type]
        if str(name).endswith(".tmp"):
            modes.append(stat.S_IMODE(os.fstat(descriptor).st_mode))
        return descriptor

    monkeypatch.setattr(os, "open", record)
    previous = os.umask(0)  # even with no umask at all
    try:
        seen = _spy_on_fsync(monkeypatch, tmp_path)
        write_atomically(path, AFTER)
    finally:
        os.umask(previous)
    assert modes == [0o600]
    assert len(seen) == 1 and seen[0][0] == 0o644  # the target's mode, set before the data is flushed
    [temporary] = set(seen[0][1]) - {"a.md"}
    assert temporary.startswith(".a.md.") and temporary.endswith(".tmp")
    assert path.read_bytes() == AFTER
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert os.listdir(tmp_path) == ["a.md"]


def test_a_new_file_gets_the_mode_any_file_the_user_creates_gets(tmp_path):
    previous = os.umask(0o027)
    try:
        write_atomically(tmp_path / "new.json", b"{}")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o640
    assert os.listdir(tmp_path) == ["new.json"]


# --- 5. lost update: an edit made while the file was being fixed --------------------------

EDIT_DURING_THE_RUN = """
import os, sys
import frontlint.fix.fixer
from frontlint.cli import main

fix_file = frontlint.fix.fixer.fix_file
edited = bytes.fromhex(sys.argv[1])


def fix_then_let_the_user_save(linter, raw, path):
    outcome = fix_file(linter, raw, path)
    times = os.stat(path)
    with open(path, "wb") as handle:  # the writer saves their edit while frontlint works
        handle.write(edited)
    os.utime(path, ns=(times.st_atime_ns, times.st_mtime_ns))  # even with the old modification time
    return outcome


frontlint.fix.fixer.fix_file = fix_then_let_the_user_save
sys.exit(main(["--isolated", *sys.argv[2:]]))
"""


@pytest.mark.slow
@pytest.mark.parametrize(
    "edited",
    [
        BEFORE + b"A paragraph the writer added.\n",
        BEFORE.replace(b"bx", b"by"),  # the same size, the same modification time: only the bytes differ
    ],
    ids=["longer", "same-size"],
)
def test_an_edit_made_while_the_file_was_being_fixed_is_kept(tmp_path, edited):
    path = article(tmp_path)
    result = run_driver(EDIT_DURING_THE_RUN, edited.hex(), *FIX, "a.md", cwd=tmp_path)
    assert result.stderr == (
        "frontlint: error: a.md: not fixed: the file changed while it was being fixed\n" + NOT_FIXED_SUMMARY
    )
    assert result.stdout == WHITESPACE.format("a.md")  # the problems of the text that was read
    assert result.returncode == 2
    assert path.read_bytes() == edited
    assert os.listdir(tmp_path) == ["a.md"]


@pytest.mark.slow
def test_a_write_that_fails_is_reported_in_one_line_with_the_problems_still_reported(tmp_path):
    script = """
import errno, os, sys
from frontlint.cli import main

def full(source, target):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

os.replace = full
sys.exit(main(["--isolated", *sys.argv[1:]]))
"""
    path = article(tmp_path)
    result = run_driver(script, *FIX, "a.md", cwd=tmp_path)
    assert result.stderr == "frontlint: error: a.md: not fixed: No space left on device\n" + NOT_FIXED_SUMMARY
    assert result.stdout == WHITESPACE.format("a.md")
    assert result.returncode == 2
    assert path.read_bytes() == BEFORE
    assert os.listdir(tmp_path) == ["a.md"]


# --- 6. temporary files after SIGKILL, Ctrl-C, SIGTERM ------------------------------------

# Stops the write where the data is being flushed (the longest step on a real disk), says so, and
# waits to be killed. ``named`` makes the system refuse O_TMPFILE, as one without it does.
HANG_IN_FSYNC = """
import errno, os, sys, time

if "named" in sys.argv[1:2]:
    open_ = os.open

    def without_o_tmpfile(path, flags, *args, **kwargs):
        if flags & os.O_TMPFILE == os.O_TMPFILE:
            raise OSError(errno.EOPNOTSUPP, os.strerror(errno.EOPNOTSUPP))
        return open_(path, flags, *args, **kwargs)

    os.open = without_o_tmpfile


def hang(descriptor):
    print("flushing", flush=True)
    time.sleep(60)


os.fsync = hang
"""
RUN_THE_COMMAND = (
    HANG_IN_FSYNC
    + """
from frontlint.cli import main
sys.exit(main(["--isolated", *sys.argv[2:]]))
"""
)
RUN_THE_WRITER = (
    HANG_IN_FSYNC
    + """
import signal
from frontlint.fix.atomic_write import write_atomically


def terminate(number, frame):
    sys.exit(128 + number)  # what a command that handles SIGTERM does


signal.signal(signal.SIGTERM, terminate)
try:
    write_atomically(sys.argv[2], b"fixed\\n")
except KeyboardInterrupt:
    print("interrupted", flush=True)
    sys.exit(130)
"""
)


def _kill_while_flushing(script: str, how: str, sig: int, *args: str, cwd: Path) -> tuple[int, str]:
    """Run ``script`` until it says it is flushing, send it ``sig``; return its status and stdout."""
    with subprocess.Popen(
        [sys.executable, "-c", script, how, *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        preexec_fn=limit_resources,
    ) as child:
        assert child.stdout is not None
        try:
            first = child.stdout.readline()
            child.send_signal(sig)
            return child.wait(timeout=60), first + child.stdout.read()
        finally:
            if child.poll() is None:
                child.kill()


linux_only = pytest.mark.skipif(not hasattr(os, "O_TMPFILE"), reason="O_TMPFILE is Linux's")


@pytest.mark.slow
@linux_only
@pytest.mark.parametrize(
    ("sig", "status"),
    [(signal.SIGKILL, -signal.SIGKILL), (signal.SIGTERM, 128 + signal.SIGTERM)],
    ids=["SIGKILL", "SIGTERM"],
)
def test_a_fix_killed_while_writing_leaves_no_temporary_file(tmp_path, sig, status):
    path = article(tmp_path)
    assert _kill_while_flushing(RUN_THE_COMMAND, "unnamed", sig, *FIX, "a.md", cwd=tmp_path) == (status, "flushing\n")
    assert os.listdir(tmp_path) == ["a.md"]
    assert path.read_bytes() == BEFORE


@pytest.mark.slow
@pytest.mark.parametrize("how", [pytest.param("unnamed", marks=linux_only), "named"])
@pytest.mark.parametrize(
    ("sig", "status", "said"),
    [(signal.SIGINT, 130, "flushing\ninterrupted\n"), (signal.SIGTERM, 128 + signal.SIGTERM, "flushing\n")],
    ids=["Ctrl-C", "SIGTERM-handled"],
)
def test_an_interrupted_write_removes_its_temporary_file(tmp_path, how, sig, status, said):
    path = article(tmp_path)
    assert _kill_while_flushing(RUN_THE_WRITER, how, sig, "a.md", cwd=tmp_path) == (status, said)
    assert os.listdir(tmp_path) == ["a.md"]
    assert path.read_bytes() == BEFORE


# --- 7. links -----------------------------------------------------------------------------

LINK_NOT_FIXED = "it is a symbolic link (name it explicitly to fix the file it points to)"


@pytest.mark.slow
def test_a_link_found_by_walking_is_reported_but_not_written_through(tmp_path):
    target = article(tmp_path / "_news", "z.md")
    (tmp_path / "_news" / "a.md").symlink_to("z.md")  # walked first: its fix is not written
    result = run_limited(*FIX, "_news", cwd=tmp_path)
    assert result.stderr == (
        f"frontlint: warning: _news/a.md: not fixed: {LINK_NOT_FIXED}\n"
        "fixed 1 problem in 1 file; 0 errors, 1 warning in 1 of 2 files\n"
    )
    assert result.stdout == WHITESPACE.format("_news/a.md")
    assert result.returncode == 0  # a warning: the problems left decide the exit status
    assert (tmp_path / "_news" / "a.md").is_symlink()
    assert target.read_bytes() == AFTER  # fixed under its own name


@pytest.mark.slow
def test_a_link_found_by_walking_fails_a_strict_run_only_through_its_problems(tmp_path):
    article(tmp_path / "_news", "z.md", AFTER)
    (tmp_path / "_news" / "a.md").symlink_to("z.md")
    result = run_limited(*FIX, "--strict", "_news", cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        "",
        "fixed 0 problems; no problems found in 2 files\n",
    )


@pytest.mark.slow
def test_fix_never_rewrites_a_file_outside_the_tree_through_a_link(tmp_path):
    outside = article(tmp_path / "outside", "file.md")
    tree = tmp_path / "site"
    (tree / "_news").mkdir(parents=True)
    (tree / "_news" / "x.md").symlink_to(Path("..", "..", "outside", "file.md"))
    result = run_limited(*FIX, "_news", cwd=tree)
    assert outside.read_bytes() == BEFORE
    assert (tree / "_news" / "x.md").is_symlink()
    assert result.returncode == 0
    # Discovery skips a link that leaves the tree it walks, so nothing is read or written.
    assert (result.stdout, result.stderr) == (
        "",
        "fixed 0 problems; no problems found in 0 files; skipped 1 link leading outside the linted directory\n",
    )


@pytest.mark.slow
def test_a_link_named_on_the_command_line_is_written_through(tmp_path):
    target = article(tmp_path / "outside", "file.md")
    target.chmod(0o640)
    (tmp_path / "a.md").symlink_to(Path("outside", "file.md"))
    result = run_limited(*FIX, "a.md", cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", FIXED_SUMMARY)
    assert (tmp_path / "a.md").is_symlink()
    assert target.read_bytes() == AFTER
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(os.listdir(tmp_path / "outside")) == ["file.md"]


# --- in worker processes -------------------------------------------------------------------


@pytest.mark.slow
def test_files_not_fixed_are_reported_alike_from_worker_processes(tmp_path):
    for number in range(80):  # enough for worker processes (64 files at least)
        article(tmp_path / "_news", f"{number:02}.md")
    (tmp_path / "_news" / "05.md").chmod(0o444)
    (tmp_path / "_news" / "07.md").unlink()
    draft = article(tmp_path / "_news" / ".drafts", "07.md")  # in the tree, in a folder not walked
    (tmp_path / "_news" / "07.md").symlink_to(Path(".drafts", "07.md"))
    result = run_limited("--jobs", "2", *FIX, "_news", cwd=tmp_path, seconds=60)
    assert result.stderr == (
        "frontlint: error: _news/05.md: not fixed: the file is read-only\n"
        f"frontlint: warning: _news/07.md: not fixed: {LINK_NOT_FIXED}\n"
        "fixed 78 problems in 78 files; 0 errors, 2 warnings in 2 of 80 files\n"
    )
    assert result.stdout == WHITESPACE.format("_news/05.md") + WHITESPACE.format("_news/07.md")
    assert result.returncode == 2
    assert (tmp_path / "_news" / "05.md").read_bytes() == BEFORE
    assert draft.read_bytes() == BEFORE
    assert (tmp_path / "_news" / "08.md").read_bytes() == AFTER
    assert sorted(os.listdir(tmp_path / "_news")) == [".drafts", *(f"{number:02}.md" for number in range(80))]


@pytest.mark.slow
def test_diff_shows_only_what_fix_would_write_so_not_a_link_found_by_walking(tmp_path):
    # Found in review: --diff showed the fix of a walked link that --fix then refused.
    article(tmp_path / "_news", "real.md")
    (tmp_path / "_news" / "link.md").symlink_to("real.md")
    result = run_limited("--select", "text-whitespace", "--diff", "_news", cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (
        1,
        '--- a/_news/real.md\n+++ b/_news/real.md\n@@ -1,3 +1,3 @@\n ---\n-title: "\\u200bx"\n+title: "x"\n ---\n',
        f"frontlint: warning: _news/link.md: not fixed: {LINK_NOT_FIXED}\n1 problem would be fixed in 1 file (of 2 checked)\n",
    )
