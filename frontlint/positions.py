"""Turning character offsets in a file's text into 1-based lines and columns.

This is the only place positions are computed. Lines end at ``\\n``, ``\\r\\n`` or a lone
``\\r`` (as editors count them); columns count Unicode code points from 1.
"""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class Position(NamedTuple):
    """A 1-based line and column in a file."""

    line: int
    column: int


class LineIndex:
    """Maps character offsets of one text to positions, in O(log lines) each."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.line_starts = [0] + [match.end() for match in _LINE_BREAK.finditer(text)]

    def position(self, offset: int) -> Position:
        """Return the position of the character at ``offset`` (clamped into the text)."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return Position(line + 1, offset - self.line_starts[line] + 1)

    def offset(self, line: int, column: int) -> int:
        """Return the offset of a 1-based position (the inverse of :meth:`position`)."""
        return min(self.line_starts[line - 1] + column - 1, len(self.text))

    def line_count(self) -> int:
        """Return the number of lines, counting a last line without a line break."""
        return len(self.line_starts)

    def line_start(self, line: int) -> int:
        """Return the offset where 1-based ``line`` starts."""
        return self.line_starts[line - 1]

    def line_text(self, line: int) -> str:
        """Return the text of 1-based ``line`` without its line break."""
        start = self.line_starts[line - 1]
        end = self.line_starts[line] if line < len(self.line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")
