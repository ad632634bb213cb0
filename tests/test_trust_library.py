"""The library on hostile input: every input gives diagnostics, never an exception, in time and memory linear in its size.

``validate_data`` nested hundreds of thousands of levels deep, integers past Python's digit
limit, text holding a lone surrogate, a naive ``now``.
"""

from __future__ import annotations

import tracemalloc
from typing import Any

from frontlint import Config, validate_data


def nested(depth: int) -> dict[str, Any]:
    """A record nested ``depth`` mappings deep below ``tags``, each level with a sibling scalar beside the next one."""
    root: dict[str, Any] = {}
    level = root
    for _ in range(depth):
        inner: dict[str, Any] = {}
        level["a"] = inner
        level["b"] = 1
        level = inner
    return {"tags": root}


def peak_bytes(depth: int) -> int:
    """The most memory ``validate_data`` holds at once, in bytes, on a record nested ``depth`` levels deep."""
    data = nested(depth)
    config = Config(select=["schema"], max_nesting_depth=10 * depth)
    validate_data(data, config=config)  # caches filled: only the check itself is measured below
    tracemalloc.start()
    try:
        validate_data(data, config=config)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_validate_data_takes_memory_linear_in_the_nesting_depth() -> None:
    """Twice as deep takes twice the memory, not four times: no level holds a copy of the path above it.

    Memory, as ``tracemalloc`` counts it, rather than time: the same count on any machine. With
    a copy of the path per level (the quadratic step this pins), 4,000 levels took 15 times
    the memory of 1,000.
    """
    small, large = peak_bytes(1_000), peak_bytes(4_000)
    assert large < 5 * small, (small, large)
