"""Issue 21, paths: a file a thousand folders deep, and path patterns of any shape.

A file named on the command line however deep its folder is linted as any other (the lookup of
its configuration climbs the folders without recursion); where the system's limit on a name's
length is hit, that file is one line and the others are still reported. Every case runs the real
command in a subprocess, its timeout there only so that a hang cannot hold the suite.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers import REPO, limit_resources

ALWAYS = "--select=yaml,front-matter,encoding,schema/type"
ONE_ERROR = "---\ntitle: 1\n---\n"
TYPE_ERROR = "2:8: error: expected string, got integer 1 [schema/type]"
GENEROUS = 60  # seconds: only so that a hang fails the test instead of holding the suite


# --- deep trees, made and removed without recursion (os.makedirs and shutil.rmtree recurse) -------


def make_deep(root: Path, depth: int, text: str = ONE_ERROR) -> str:
    """``d/d/.../d/x.md``, ``depth`` folders below ``root``, made through folder descriptors (any depth); its name from ``root``."""
    folder = os.open(root, os.O_RDONLY)
    try:
        for _ in range(depth):
            os.mkdir("d", dir_fd=folder)
            below = os.open("d", os.O_RDONLY, dir_fd=folder)
            os.close(folder)
            folder = below
        file = os.open("x.md", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=folder)
        os.write(file, text.encode("utf-8"))
        os.close(file)
    finally:
        os.close(folder)
    return "d/" * depth + "x.md"


def remove_deep(root: Path, depth: int) -> None:
    """Remove what :func:`make_deep` made, deepest first, each name relative to ``root``."""
    top = os.open(root, os.O_RDONLY)
    try:
        os.unlink("d/" * depth + "x.md", dir_fd=top)
        for level in range(depth, 0, -1):
            os.rmdir("/".join(["d"] * level), dir_fd=top)
    finally:
        os.close(top)


@pytest.fixture
def deep(tmp_path: Path) -> Iterator[tuple[Path, list[int]]]:
    """``tmp_path`` and a list where a test notes the depth it made: removed afterwards (pytest's clean-up recurses)."""
    made: list[int] = []
    yield tmp_path, made
    for depth in made:
        remove_deep(tmp_path, depth)


def run(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """The real command (configurations looked up, not ``--isolated``) under the memory limit, with a generous timeout."""
    return subprocess.run(
        [sys.executable, "-m", "frontlint", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=GENEROUS,
        preexec_fn=limit_resources,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        errors="surrogateescape",
    )


def article(path: Path, text: str = ONE_ERROR) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


# --- a file a thousand folders deep -----------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("how", ["named", "forced", "walked"])
def test_a_file_a_thousand_folders_deep_is_linted_as_any_other(deep, how):
    # Its configuration was looked up climbing the folders recursively: a RecursionError traceback, every result lost.
    root, made = deep
    name = make_deep(root, 1000)
    made.append(1000)
    article(root / "ok.md")
    arguments = {"named": [name, "ok.md"], "forced": ["--force-exclude", name, "ok.md"], "walked": ["."]}[how]
    result = run(ALWAYS, *arguments, cwd=root)
    assert (result.returncode, result.stderr) == (1, "2 errors, 0 warnings in 2 of 2 files\n")
    assert result.stdout == f"{name}:{TYPE_ERROR}\nok.md:{TYPE_ERROR}\n"


@pytest.mark.slow
def test_a_file_a_thousand_folders_deep_from_stdin_and_its_settings(deep):
    root, made = deep
    name = make_deep(root, 1000)
    made.append(1000)
    read = run(ALWAYS, "-", "--stdin-filename", name, cwd=root, stdin=ONE_ERROR)
    assert (read.returncode, read.stdout, read.stderr) == (
        1,
        f"{name}:{TYPE_ERROR}\n",
        "1 error, 0 warnings in 1 of 1 file\n",
    )
    shown = run("--show-settings", name, cwd=root)
    assert (shown.returncode, shown.stderr, shown.stdout.splitlines()[:4]) == (
        0,
        "",
        [
            f'file                   = "{name}"',
            "config                 = null",
            f'folder                 = "{root}"',
            f'path-in-folder         = "{name}"',
        ],
    )


def _path_max() -> int:
    try:
        return os.pathconf("/", "PC_PATH_MAX")
    except (OSError, ValueError):  # pragma: no cover - a system without a limit to hit
        return 0


@pytest.mark.slow
@pytest.mark.skipif(not 0 < _path_max() <= 8192, reason="a system whose names have no small limit")
def test_a_file_whose_folder_is_too_long_to_name_is_one_line_and_the_others_are_reported(deep):
    # Named from the working directory its name fits, but not its folder's whole name, where its
    # configuration would be: that lookup failed as a broken configuration, and the run stopped there.
    root, made = deep
    depth = (_path_max() - 16) // 2  # "d/" * depth + "x.md" fits; with the root in front it does not
    name = make_deep(root, depth)
    made.append(depth)
    assert len(str(root)) + 1 + len(name) > _path_max()
    article(root / "ok.md")
    result = run(ALWAYS, name, "ok.md", cwd=root)
    assert result.stdout == f"ok.md:{TYPE_ERROR}\n"
    assert result.stderr.splitlines() == [
        f"frontlint: error: {name}: {os.strerror(errno.ENAMETOOLONG)}",
        "1 error, 0 warnings in 1 of 1 file",
    ]
    assert result.returncode == 2
