"""The package is typed: mypy --strict accepts it as users' type checkers will read it."""

import subprocess
import sys

from helpers import REPO


def test_mypy_strict_accepts_the_package():
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-error-summary", "frontlint"],
        cwd=REPO, capture_output=True, text=True, timeout=600,
    )
    assert (result.returncode, result.stdout) == (0, "")
