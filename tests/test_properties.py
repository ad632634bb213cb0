"""Property tests: mutated articles never raise, and every position lies inside the file."""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frontlint import load_schema
from frontlint.checking.engine import Linter
from frontlint.settings.resolved import Settings
from helpers import FIXED_NOW, SEED, run_cli

pytestmark = pytest.mark.slow

SEED_BYTES = SEED.read_bytes()
LINTER = Linter(load_schema(), Settings(now=FIXED_NOW))
PUNCTUATION = [
    b":",
    b"-",
    b"[",
    b"]",
    b"{",
    b"}",
    b",",
    b"&a",
    b"*a",
    b"!",
    b"!!python/object",
    b"|",
    b">",
    b"'",
    b'"',
    b"%",
    b"@",
    b"`",
    b"#",
    b"?",
    b"\t",
    b"\r",
    b"\n",
    b"\x00",
    b"<<: ",
    b"\xff",
    b"---\n",
]


def mutate(raw: bytes, choices: list[tuple[int, int, int]]) -> bytes:
    """Apply (kind, position, value) mutations: flip, truncate, delete or duplicate a line, insert."""
    for kind, position, value in choices:
        if not raw:
            break
        at = position % len(raw)
        lines = raw.splitlines(keepends=True)
        line = position % len(lines)
        if kind == 0:
            raw = raw[:at] + bytes([value % 256]) + raw[at + 1 :]
        elif kind == 1:
            raw = raw[:at]
        elif kind == 2:
            raw = b"".join(lines[:line] + lines[line + 1 :])
        elif kind == 3:
            raw = b"".join(lines[: line + 1] + lines[line:])
        else:
            raw = raw[:at] + PUNCTUATION[value % len(PUNCTUATION)] + raw[at:]
    return raw


def lines_of(raw: bytes) -> list[str]:
    text = raw.decode("utf-8", "replace")
    if text.startswith("\ufeff"):
        text = text[1:]
    return re.split(r"\r\n|\r|\n", text)


mutations = st.lists(
    st.tuples(st.integers(0, 4), st.integers(0, 10**6), st.integers(0, 255)),
    min_size=1,
    max_size=6,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutations)
def test_mutated_articles_never_raise_and_positions_lie_inside_the_file(choices):
    raw = mutate(SEED_BYTES, choices)
    lines = lines_of(raw)
    for diagnostic in LINTER.check_bytes(raw, "a.md").diagnostics:
        assert 1 <= diagnostic.line <= len(lines), diagnostic
        assert 1 <= diagnostic.column <= len(lines[diagnostic.line - 1]) + 1, diagnostic
        assert (diagnostic.end_line, diagnostic.end_column) >= (diagnostic.line, diagnostic.column), diagnostic


def test_the_command_never_shows_a_traceback_on_mutated_files(tmp_path):
    generator = random.Random(2026)
    for index in range(150):
        choices = [(generator.randrange(5), generator.randrange(10**6), generator.randrange(256)) for _ in range(4)]
        (tmp_path / f"{index:03d}.md").write_bytes(mutate(SEED_BYTES, choices))
    result = run_cli("--isolated", "--now", "2024-01-01T00:00:00Z", ".", cwd=tmp_path)
    assert "Traceback" not in result.stderr.decode("utf-8", "replace")
    assert result.returncode in (0, 1)
    assert result.stderr.decode().splitlines()[-1].endswith("of 150 files")
