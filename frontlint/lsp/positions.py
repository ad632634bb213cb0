"""frontlint's positions (1-based lines, columns in code points) as LSP's, and back.

LSP counts lines from 0 and columns in the code units of the negotiated position encoding:
UTF-16 by default (an astral character such as an emoji is two), or UTF-8 or UTF-32. Lines end
at ``\\n``, ``\\r\\n`` or a lone ``\\r`` for both. An editor's text may keep a byte order mark
that frontlint leaves out: it is one more character at the start of the first line.
"""

from __future__ import annotations

from frontlint.reading.positions import LineIndex

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"


def units(text: str, encoding: str) -> int:
    """The length of ``text`` in the code units of ``encoding`` (an LSP position encoding)."""
    if encoding == UTF32:
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(1 for character in text if character > "\uffff")


class DocumentPositions:
    """Converts positions in one document's text between frontlint's and LSP's counting.

    ``lines`` indexes the text frontlint lints (without a byte order mark); ``bom`` says whether
    the editor's text starts with one.
    """

    def __init__(self, lines: LineIndex, encoding: str = UTF16, bom: bool = False) -> None:
        self.lines = lines
        self.encoding = encoding
        self.bom = bom

    def to_lsp(self, line: int, column: int) -> tuple[int, int]:
        """The 0-based LSP (line, character) of frontlint's 1-based ``line`` and ``column``."""
        if not self.lines.has_line(line):
            return line - 1, 0
        before = self.lines.line_text(line)[: column - 1]
        if column - 1 > len(before):  # the end of a line, past its text (at its line break)
            return line - 1, units(before, self.encoding) + column - 1 - len(before) + self._shift(line)
        return line - 1, units(before, self.encoding) + self._shift(line)

    def from_lsp(self, line: int, character: int) -> tuple[int, int]:
        """frontlint's 1-based (line, column) of an LSP position (clamped into its line)."""
        if line < 0:
            return 1, 1
        if not self.lines.has_line(line + 1):
            last = self.lines.line_count()
            return last, len(self.lines.line_text(last)) + 1
        text = self.lines.line_text(line + 1)
        remaining = character - self._shift(line + 1)
        column = 0
        while column < len(text) and remaining > 0:
            remaining -= units(text[column], self.encoding)
            column += 1
        return line + 1, column + 1

    def offset(self, line: int, character: int) -> int:
        """The character offset, in the text frontlint lints, of an LSP position."""
        return self.lines.offset(*self.from_lsp(line, character))

    def _shift(self, line: int) -> int:
        return 1 if self.bom and line == 1 else 0
