"""A file's front matter as ``frontlint init`` reads it: its dialect, from the first line, and its data.

The dialect is told by the first line alone (``---`` YAML, ``+++`` TOML, ``{`` JSON), in
:func:`dialect_of`: the one place to switch to the dialects' own ``dialect_for`` once
every dialect is read. Only YAML front matter is parsed here for now; the files of another
dialect count towards their collection's dialect but not towards its inferred schema.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from frontlint.reading.files import read_start
from frontlint.reading.front_matter import decode, find_front_matter
from frontlint.reading.limits import Limits
from frontlint.reading.positions import LineIndex
from frontlint.reading.yaml_nodes import parse_front_matter

# The first line of a block of each dialect (a JSON block is an object: its first line opens it).
_OPENING = (("---", "yaml"), ("+++", "toml"), ("{", "json"))


class FrontMatter(NamedTuple):
    """What ``init`` knows of one file: its dialect (``None``: no front matter) and its data (``None``: not read)."""

    dialect: str | None
    data: dict[str, Any] | None


def dialect_of(first_line: str) -> str | None:
    """The front-matter dialect a file whose first line is ``first_line`` is written in, or ``None`` for none."""
    line = first_line.rstrip()
    for opening, dialect in _OPENING:
        if line == opening or (opening == "{" and line.startswith("{")):
            return dialect
    return None


def read_front_matter(path: str, limits: Limits) -> FrontMatter:
    """The dialect and (for YAML) the data of the file at ``path``; a file that cannot be read has neither.

    Never raises on what a file holds: unreadable bytes, bad YAML or a block that is not a
    mapping leave ``data`` as ``None``.
    """
    try:
        raw = read_start(path, limits.max_front_matter_bytes + 8)  # the block and its fences
    except OSError:
        return FrontMatter(None, None)
    text, problem = decode(raw, complete=False)
    if text is None or problem is not None:
        return FrontMatter(None, None)
    dialect = dialect_of(text.split("\n", 1)[0])
    if dialect != "yaml":
        return FrontMatter(dialect, None)
    lines = LineIndex(text)
    block, _ = find_front_matter(lines)
    if block is None:
        return FrontMatter(dialect, None)
    parsed = parse_front_matter(text[block.start : block.end], block.start, lines, limits)
    data = parsed.data if not parsed.problems and isinstance(parsed.data, dict) else None
    return FrontMatter(dialect, data)
