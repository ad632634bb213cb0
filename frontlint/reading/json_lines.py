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

import json
import re
from collections.abc import Iterator
from typing import IO, Any, NamedTuple

from frontlint.diagnostic import Problem
from frontlint.reading.limits import Limits, digit_limit, long_integer_message

# Strings (skipped whole: brackets inside them do not nest) and the brackets that nest.
_NESTING_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"?|[\[\]{}]', re.DOTALL)
# Strings (skipped whole: digits inside them are text) and numbers, each matched whole.
_NUMBER_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"?|-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?')
_OPENING = frozenset("[{")
_CLOSING = frozenset("]}")
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


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


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
    too_deep = _too_deep_at(text, limits.max_nesting_depth)
    if too_deep is not None:
        message = f"nesting deeper than {limits.max_nesting_depth} levels (max-nesting-depth)"
        return JsonLine(number, problem=Problem("yaml-depth-limit", message, offset=too_deep))
    try:
        return JsonLine(number, json.loads(text, object_pairs_hook=_object, parse_constant=_no_constant))
    except _DuplicateKey as error:
        shown = json.dumps(error.key, ensure_ascii=False)
        message = f"key {shown} appears twice in one object: JSON readers keep only the last"
        return JsonLine(number, problem=Problem("json-duplicate-key", message, offset=0))
    except json.JSONDecodeError as error:
        return JsonLine(number, problem=Problem("json-syntax", f"not JSON: {error.msg}", offset=error.pos))
    except RecursionError:  # max-nesting-depth raised past what the parser's recursion takes
        return JsonLine(number, problem=_too_deep_to_parse(text))
    except _NotJson as error:  # NaN, Infinity
        return JsonLine(number, problem=Problem("json-syntax", f"not JSON: {error}", offset=0))
    except ValueError as error:  # the parser's only other refusal: an integer too long to convert
        problem = _long_integer(text) or Problem("json-syntax", f"not JSON: {error}", offset=0)
        return JsonLine(number, problem=problem)


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return result


class _NotJson(ValueError):
    """A constant Python's parser reads but JSON does not have."""


def _no_constant(name: str) -> Any:
    raise _NotJson(f"{name} is not a JSON value")


def _long_integer(text: str) -> Problem | None:
    """The problem of the first integer of ``text`` past Python's digit limit, at its column (where the parser stopped)."""
    limit = digit_limit()
    for match in _NUMBER_TOKEN.finditer(text):
        digits = match.group().lstrip("-")
        if len(digits) > limit and digits.isdigit():  # not a string, a fraction or an exponent
            return Problem("json-syntax", long_integer_message(len(digits), "the record"), offset=match.start())
    return None


def _too_deep_to_parse(text: str) -> Problem:
    """The problem of a line nested deeper than Python's JSON parser goes: how deep, at its deepest point."""
    deepest = depth = column = 0
    for match in _NESTING_TOKEN.finditer(text):
        token = match.group()
        if token in _OPENING:
            depth += 1
            if depth > deepest:
                deepest, column = depth, match.start()
        elif token in _CLOSING:
            depth -= 1
    message = f"nesting {deepest:,} levels deep, deeper than Python's JSON parser goes: the record is not checked"
    return Problem("yaml-depth-limit", message, offset=column)


def _too_deep_at(text: str, limit: int) -> int | None:
    """The column where nesting first goes deeper than ``limit``, or ``None``."""
    if text.count("[") + text.count("{") <= limit:
        return None
    depth = 0
    for match in _NESTING_TOKEN.finditer(text):
        token = match.group()
        if token in _OPENING:
            depth += 1
            if depth > limit:
                return match.start()
        elif token in _CLOSING:
            depth -= 1
    return None


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
