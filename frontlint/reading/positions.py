"""Turning character offsets in a file's text into 1-based lines and columns.

This is the only place positions are computed. Lines end at ``\\n``, ``\\r\\n`` or a lone
``\\r`` (as editors count them); columns count Unicode code points from 1.
"""

from __future__ import annotations

import bisect
import itertools
import re
from typing import NamedTuple

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class Position(NamedTuple):
    """A 1-based line and column in a file."""

    line: int
    column: int


class LineIndex:
    """Maps character offsets of one text to positions, in O(log lines) each.

    Lines are found as far into the text as positions are asked for, half a KiB at a time:
    a linter places only front matter, and an article's body is most of its text (what indexing
    every line would cost: benchmarks/README.md, "Fast paths and what they save"). Pinned to an index of the whole text by
    ``test_positions_found_lazily_are_those_of_the_whole_text`` (tests/test_positions.py).
    """

    _CHUNK = 512

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts = [0]
        self._scanned = 0  # every line start in text[: _scanned + 1] is in _starts
        self._cr: bool | None = None  # whether the text has a carriage return, once asked

    @property
    def line_starts(self) -> list[int]:
        """The offset where each line starts, for the whole text."""
        self._scan_past(len(self.text))
        return self._starts

    def _scan_past(self, offset: int) -> None:
        """Find the line starts up to ``offset`` at least, and a chunk beyond."""
        text = self.text
        if offset < self._scanned or self._scanned >= len(text):
            return
        # End just after a "\n", so that no "\r\n" is split between two scans.
        end = text.find("\n", max(offset, self._scanned + self._CHUNK))
        end = len(text) if end < 0 else end + 1
        if text.find("\r", self._scanned, end) < 0:  # line feeds only: split, far faster than a regex
            lengths = map(len, text[self._scanned : end].split("\n"))
            starts = list(
                itertools.accumulate(lengths, lambda start, length: start + length + 1, initial=self._scanned)
            )
            # The first is known already; the last lies one past the scanned text.
            self._starts.extend(starts[1:-1])
        else:
            self._starts.extend(match.end() for match in _LINE_BREAK.finditer(text, self._scanned, end))
        self._scanned = end

    def _scan_lines(self, line: int) -> None:
        """Find the start of 1-based ``line`` and of the line after it, where they exist."""
        while len(self._starts) <= line and self._scanned < len(self.text):
            self._scan_past(self._scanned)

    def position(self, offset: int) -> Position:
        """Return the position of the character at ``offset`` (clamped into the text)."""
        offset = max(0, min(offset, len(self.text)))
        self._scan_past(offset)
        line = bisect.bisect_right(self._starts, offset) - 1
        return Position(line + 1, offset - self._starts[line] + 1)

    def line_number(self, offset: int) -> int:
        """Return the 1-based line of the character at ``offset`` (clamped into the text).

        Where the text has line feeds only, they are counted: no line is indexed (a clean
        file's front matter is never placed line by line).
        """
        offset = max(0, min(offset, len(self.text)))
        if offset > self._scanned and not self._has_cr():
            return self.text.count("\n", 0, offset) + 1
        return self.position(offset).line

    def _has_cr(self) -> bool:
        if self._cr is None:
            self._cr = "\r" in self.text
        return self._cr

    def offset(self, line: int, column: int) -> int:
        """Return the offset of a 1-based position (the inverse of :meth:`position`)."""
        self._scan_lines(line)
        return min(self._starts[line - 1] + column - 1, len(self.text))

    def has_line(self, line: int) -> bool:
        """Whether the text has a 1-based ``line`` (a last line without a line break counts)."""
        self._scan_lines(line)
        return len(self._starts) >= line

    def line_count(self) -> int:
        """Return the number of lines, counting a last line without a line break."""
        return len(self.line_starts)

    def line_start(self, line: int) -> int:
        """Return the offset where 1-based ``line`` starts."""
        self._scan_lines(line)
        return self._starts[line - 1]

    def line_text(self, line: int) -> str:
        """Return the text of 1-based ``line`` without its line break."""
        self._scan_lines(line)
        start = self._starts[line - 1]
        end = self._starts[line] if line < len(self._starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")
