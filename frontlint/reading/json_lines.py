"""JSON Lines (one JSON value a line, ``.jsonl``) read as a stream of records, each with its line.

A pipeline's articles as data: one record a line, read one line at a time so memory does not
grow with the stream. What a line cannot give is a problem of that line, and the stream goes
on with the next:

- a line that is not UTF-8: ``encoding``, at the column of the first bad byte;
- a line longer than the front matter size limit: ``front-matter-too-large`` (it is skipped
  without being held whole);
- a line that is not JSON (NaN and Infinity included, which JSON does not have):
  ``json-syntax`` at the parser's column;
- an integer of more than 4,300 digits, which Python's parser refuses (its digit limit):
  ``json-syntax`` at the integer's column;
- nesting deeper than the limit: ``yaml-depth-limit``, before the JSON parser recurses; with
  the limit raised past what the parser's recursion takes (about a thousand levels), that
  line's ``yaml-depth-limit`` at its deepest point;
- a key twice in one object: ``json-duplicate-key`` (JSON readers keep the last one silently).

- a NUL byte in the first 8,000 bytes (a binary file, as git tells one): ``json-syntax``
  once, and the rest of the file is not read.

Blank lines are skipped; a UTF-8 byte order mark before the first line is ignored.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any, NamedTuple

from frontlint.diagnostic import Problem
from frontlint.reading.json_nodes import load_json
from frontlint.reading.limits import Limits

_CHUNK = 1 << 16
# A NUL byte in this many first bytes makes a file binary (git's test): it is not read further.
_BINARY_PREFIX = 8000


class JsonLine(NamedTuple):
    """One line of a JSON Lines stream: its 1-based number and its value, or the problem that stopped it.

    A problem's ``offset`` is the 0-based column (in characters) it is found at, where known.
    """

    line: int
    data: Any = None
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
            yield parse_json_line(number, raw, limits)


def parse_json_line(number: int, raw: bytes, limits: Limits = Limits()) -> JsonLine:
    """The record of one line's bytes (without or with its line break), or the problem that stops it."""
    try:
        text = raw.decode("utf-8").rstrip("\r\n")  # the parser's error position is then a column of the line
    except UnicodeDecodeError as error:
        column = len(raw[: error.start].decode("utf-8", "replace"))
        return JsonLine(number, problem=Problem("encoding", "invalid UTF-8 byte: the line is not UTF-8", offset=column))
    read = load_json(text, limits, "the record")
    return JsonLine(number, read.data, read.problem)


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
