"""The test tiers: ``pytest -m "not slow"`` is the inner loop while editing; CI and the README run everything."""

import re
import subprocess
import sys

import pytest

from helpers import REPO


def test_the_slow_marker_is_registered_and_a_misspelt_marker_is_an_error(pytestconfig):
    assert any(line.startswith("slow:") for line in pytestconfig.getini("markers"))
    assert "--strict-markers" in pytestconfig.getini("addopts")


@pytest.mark.slow
def test_the_fast_tier_holds_most_of_the_tests():
    def collected(*options: str) -> int:
        result = subprocess.run(
            [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", *options],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=600,
        )
        match = re.search(r"^(\d+)(?:/\d+)? tests? collected", result.stdout, re.MULTILINE)
        assert match, result.stdout[-2000:] + result.stderr[-2000:]
        return int(match.group(1))

    fast, every = collected("-m", "not slow"), collected()
    assert every > 1000 and 0.6 * every < fast < every
