"""A file's front matter as ``frontlint init`` reads it: through the dialect seam, exactly as a run reads it.

The dialect is the one a run picks (:func:`frontlint.dialects.find_block`: ``---`` YAML, ``+++``
TOML, ``{`` JSON, by the first line), and the data its ``parse`` gives: TOML's date-times as the
RFC 3339 text written, JSON's last value of a key given twice, YAML's merges, just as the schema
sees them in a run, so that a schema inferred from them fits what a run checks. Data is kept
whenever a run would check it (a key given twice too); a file whose front matter a run cannot
check says why it is left out of the inference.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from frontlint.dialects import find_block
from frontlint.reading.files import read_start
from frontlint.reading.front_matter import decode
from frontlint.reading.limits import Limits
from frontlint.reading.positions import LineIndex

# Room beyond the block's limit for the fences, a byte order mark and blank lines: as much as a run reads.
_FENCE_ROOM = 4096


class FrontMatter(NamedTuple):
    """What ``init`` knows of one file: its dialect, its data, and why it has none.

    ``dialect`` is ``YAML``, ``TOML`` or ``JSON``, ``None`` when the file has no front matter (or
    cannot be read); ``data`` the front matter a run checks, ``None`` when a run cannot check
    any, and then ``not_read`` says why (``no front matter``, ``TOML front matter that cannot be
    read (toml-syntax, line 3)``...).
    """

    dialect: str | None
    data: dict[str, Any] | None
    not_read: str | None = None


def read_front_matter(path: str, limits: Limits) -> FrontMatter:
    """The dialect and data of the file at ``path``, read as a run reads it; never raises on what it holds."""
    size = limits.max_front_matter_bytes + _FENCE_ROOM
    try:
        raw = read_start(path, size + 1)
    except OSError as error:
        return FrontMatter(None, None, f"cannot be read ({error.strerror or error})")
    complete = len(raw) <= size
    text, problem = decode(raw[:size], complete=complete)
    if text is None:
        return FrontMatter(None, None, "not UTF-8")
    lines = LineIndex(text)
    dialect, block, problem = find_block(lines)
    if problem is not None and problem.rule == "front-matter-missing":
        return FrontMatter(None, None, "no front matter")
    name = dialect.name.upper()
    if block is None:
        why = "never closed" if complete else "larger than max-front-matter-bytes"
        return FrontMatter(name, None, f"{name} front matter {why}")
    if len(text[block.start : block.end].encode("utf-8", "surrogatepass")) > limits.max_front_matter_bytes:
        return FrontMatter(name, None, f"{name} front matter larger than max-front-matter-bytes")
    parsed = dialect.parse(text[block.start : block.end], block.start, lines, limits)
    if isinstance(parsed.data, dict):
        return FrontMatter(name, parsed.data)
    if parsed.data is None and parsed.problems:
        first = parsed.problems[0]
        line = lines.line_number(first.offset) if first.offset is not None else block.opening_line
        return FrontMatter(name, None, f"{name} front matter that cannot be read ({first.rule}, line {line})")
    return FrontMatter(name, None, f"{name} front matter that is not a mapping")
