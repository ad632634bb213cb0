"""The package is typed: mypy --strict accepts it as users' type checkers will read it, and the benchmarks too."""

import subprocess
import sys

import pytest

from helpers import REPO

pytestmark = pytest.mark.slow


def test_mypy_strict_accepts_the_package():
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-error-summary", "frontlint"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert (result.returncode, result.stdout) == (0, "")


def test_mypy_strict_accepts_the_benchmarks():
    """benchmarks/ is scripts importing each other by name (run as ``python benchmarks/run.py``): checked from there."""
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-error-summary", "--explicit-package-bases", "."],
        cwd=REPO / "benchmarks",
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert (result.returncode, result.stdout) == (0, "")
