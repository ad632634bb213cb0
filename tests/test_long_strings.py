"""A long string in TOML or JSON front matter is read in memory of the order of its own size.

The front matter may be as large as ``max-front-matter-bytes`` (2 MiB): a pattern that matched a
string one character per repetition of a group made Python's regex engine keep ~150 bytes of
backtracking state per character (300 MB for one 2 MB value); the patterns now repeat a group
once per escape or quote inside the string, not once per character. The peak is measured with
:mod:`tracemalloc`, which sees the regex engine's allocations; it depends on no clock.
"""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable

import pytest

from frontlint.dialects.json_dialect import JSON
from frontlint.dialects.toml_dialect import TOML
from frontlint.reading.limits import Limits
from frontlint.reading.positions import LineIndex

LENGTH = 1_000_000
# The text itself (1 MB), the string read from it, and a few copies: never a hundred of them.
PEAK_LIMIT = 30 * LENGTH


def peak_bytes(work: Callable[[], object]) -> int:
    """The most memory ``work`` held at once, as :mod:`tracemalloc` counts it."""
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def read_whole(text: str) -> object:
    """Find the block of ``text`` in its dialect and parse it, as the engine does."""
    dialect = JSON if text.startswith("{") else TOML
    lines = LineIndex(text)
    block, problem = dialect.find_block(lines)
    assert problem is None and block is not None
    parsed = dialect.parse(text[block.start : block.end], block.start, lines, Limits())
    assert parsed.problems == [] and parsed.data is not None
    return parsed


@pytest.mark.parametrize(
    "text",
    [
        '{"title": "' + "a" * LENGTH + '"}\n',
        '{"title": "' + "a" * LENGTH + '\\n", "quality": 1}\n',
        '+++\ntitle = "' + "a" * LENGTH + '"\n+++\n',
        '+++\ntitle = """\n' + "a" * LENGTH + '\\n"""\n+++\n',
        "+++\ntitle = '''\n" + "a" * LENGTH + "'''\n+++\n",
    ],
    ids=["json", "json-then-escape", "toml-basic", "toml-multi-line-basic", "toml-multi-line-literal"],
)
def test_a_long_string_is_read_in_memory_of_its_own_order(text: str) -> None:
    assert peak_bytes(lambda: read_whole(text)) < PEAK_LIMIT
