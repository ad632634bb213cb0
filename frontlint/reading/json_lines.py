"""JSON Lines (one JSON value a line, ``.jsonl``) read as a stream of lines, each with its number.

A pipeline's articles as data: one record a line, read one line at a time so memory does not
grow with the stream. Each line's text is a record that the JSON dialect reads
(:data:`frontlint.dialects.json_dialect.JSON_RECORDS`, in :mod:`frontlint.checking.json_lines`).
What a line cannot give as text is a problem of that line, and the stream goes on with the next:

- a line that is not UTF-8: ``encoding``, at the column of the first bad byte;
- a line longer than the front matter size limit: ``front-matter-too-large`` (it is skipped
  without being held whole);
- a NUL byte in the first 8,000 bytes (a binary file, as git tells one): ``json-syntax``
  once, and the rest of the file is not read.

Blank lines are skipped; a UTF-8 byte order mark before the first line is ignored.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, NamedTuple

from frontlint.diagnostic import Problem
from frontlint.reading.limits import Limits

_CHUNK = 1 << 16
# A NUL byte in this many first bytes makes a file binary (git's test): it is not read further.
_BINARY_PREFIX = 8000


class JsonLine(NamedTuple):
    """One line of a JSON Lines stream: its 1-based number and its text (line break removed), or the problem that stopped it.

    A problem's ``offset`` is the 0-based column (in characters) it is found at.
    """

    line: int
    text: str = ""
    problem: Problem | None = None


def read_json_lines(stream: IO[bytes], limits: Limits = Limits()) -> Iterator[JsonLine]:
    """Yield each non-blank line of ``stream`` as a :class:`JsonLine`, in order, holding one line at a time."""
    limit = limits.max_front_matter_bytes
    number = read = 0
    while True:
        raw = stream.readline(limit + 1)
        if not raw:
            return
        number += 1
        if read < _BINARY_PREFIX and b"\0" in raw[: _BINARY_PREFIX - read]:
            yield JsonLine(number, problem=_binary(raw))
            return
        read += len(raw)
        if len(raw) > limit and not raw.endswith(b"\n"):
            _skip_rest_of_line(stream)
            yield JsonLine(number, problem=_too_large(limit))
            continue
        if number == 1:
            raw = raw.removeprefix(b"\xef\xbb\xbf")
        if raw.strip():
            yield _decoded(number, raw)


def _decoded(number: int, raw: bytes) -> JsonLine:
    """The text of one line's bytes (its line break removed: a parser's offset is then a column), or why it has none."""
    try:
        return JsonLine(number, raw.decode("utf-8").rstrip("\r\n"))
    except UnicodeDecodeError as error:
        column = len(raw[: error.start].decode("utf-8", "replace"))
        return JsonLine(number, problem=Problem("encoding", "invalid UTF-8 byte: the line is not UTF-8", offset=column))


def _skip_rest_of_line(stream: IO[bytes]) -> None:
    """Read past the end of the current line without holding it."""
    while True:
        chunk = stream.readline(_CHUNK)
        if not chunk or chunk.endswith(b"\n"):
            return


def _binary(raw: bytes) -> Problem:
    """A NUL byte, which JSON text never holds (not even in a string): a binary file, of which one diagnostic is enough."""
    column = len(raw[: raw.index(b"\0")].decode("utf-8", "replace"))
    return Problem(
        "json-syntax", "not JSON: a NUL byte, as in a binary file: the rest of the file is not read", offset=column
    )


def _too_large(limit: int) -> Problem:
    return Problem(
        "front-matter-too-large",
        f"record larger than {limit:,} bytes (max-front-matter-bytes): not read",
        offset=0,
    )
