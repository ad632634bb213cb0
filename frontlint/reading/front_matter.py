"""Reading a Markdown file: decoding its bytes and finding the front matter fences."""

from __future__ import annotations

import codecs
import re
from typing import NamedTuple

from frontlint.diagnostic import Problem
from frontlint.reading.positions import LineIndex

_UTF8_BOM = codecs.BOM_UTF8
_FOREIGN_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)
_OPENING_FENCES = ("---",)
# A line that is "---" or "..." (trailing blanks allowed), found with the line break before it.
_CLOSING_FENCE = re.compile(r"(\r\n|\r|\n)(?:---|\.\.\.)[ \t]*(?=\r|\n|\Z)")


def lone_surrogate(text: str) -> Problem | None:
    """An ``encoding`` problem at the first lone surrogate of ``text`` (a character no UTF-8 bytes hold), else ``None``.

    A ``str`` may hold one (``"\\ud800"``, or a byte that is not UTF-8 decoded with
    ``surrogateescape``); the bytes of a file cannot. It is placed where :func:`decode` places
    the bad byte of the same text's bytes.
    """
    if text.isascii():
        return None
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        return Problem(
            "encoding",
            f"lone surrogate U+{ord(text[error.start]):04X}, which UTF-8 cannot encode; front matter must be UTF-8",
            offset=error.start,
            end_offset=error.start + 1,
        )
    return None


class FrontMatterBlock(NamedTuple):
    """Where the YAML between the fences lies in the file's text (character offsets)."""

    start: int
    end: int
    opening_line: int
    closing_line: int


def decode(raw: bytes, complete: bool = True) -> tuple[str | None, Problem | None]:
    """Decode a file's bytes as UTF-8, dropping a UTF-8 byte order mark.

    Returns the text, or ``None`` and an ``encoding`` problem placed at the first byte that
    is not UTF-8. When ``raw`` is only the start of a file (not ``complete``), a character
    cut off at its end is dropped rather than reported.
    """
    for bom, name in _FOREIGN_BOMS:
        if raw.startswith(bom):
            return None, Problem(
                "encoding",
                f"file is {name}-encoded (it starts with a {name} byte order mark); front matter must be UTF-8",
                offset=0,
            )
    skipped = len(_UTF8_BOM) if raw.startswith(_UTF8_BOM) else 0
    raw = raw[skipped:]
    try:
        return codecs.getincrementaldecoder("utf-8")().decode(raw, final=complete), None
    except UnicodeDecodeError as error:
        good = raw[: error.start].decode("utf-8")
        return None, Problem(
            "encoding",
            f"invalid UTF-8 byte 0x{raw[error.start]:02x} at byte offset {error.start + skipped}; "
            "front matter must be UTF-8",
            offset=len(good),
            end_offset=len(good) + 1,
        )


def find_front_matter(lines: LineIndex) -> tuple[FrontMatterBlock | None, Problem | None]:
    """Find the ``---`` fences at the top of the text, as Jekyll does.

    The first line must be ``---`` (trailing blanks allowed); the front matter ends at the
    next line that is ``---`` or ``...``.
    """
    if _fence(lines, 1) not in _OPENING_FENCES:
        return None, Problem(
            "front-matter-missing",
            "no front matter: the file must start with a '---' line",
            offset=0,
        )
    has_second_line = lines.has_line(2)
    start = lines.line_start(2) if has_second_line else len(lines.text)
    end = _closing_fence(lines.text, start - 1) if has_second_line else None
    if end is not None:
        return FrontMatterBlock(start, end, 1, lines.line_number(end)), None
    return None, Problem(
        "front-matter-unclosed",
        "front matter is never closed: no '---' line after the opening one",
        offset=0,
        end_offset=3,
    )


def _closing_fence(text: str, start: int) -> int | None:
    """Return where the closing fence's line starts, searching from the line break at ``start``."""
    if "\r" in text:  # CRLF or lone CR line breaks: the general pattern
        closing = _CLOSING_FENCE.search(text, start)
        return None if closing is None else closing.start() + len(closing.group(1))
    # Line feeds only (nearly every file): str.find skims the text far faster than a regex.
    position = start
    while True:
        dashes, dots = text.find("\n---", position), text.find("\n...", position)
        found = min(dashes, dots) if dashes >= 0 and dots >= 0 else max(dashes, dots)
        if found < 0:
            return None
        after = found + 4
        while after < len(text) and text[after] in " \t":
            after += 1
        if after == len(text) or text[after] == "\n":
            return found + 1
        position = found + 1


def _fence(lines: LineIndex, line: int) -> str:
    return lines.line_text(line).rstrip(" \t")
