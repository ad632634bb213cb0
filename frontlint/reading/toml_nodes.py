"""Parsing TOML front matter into plain data and a node tree that knows where every key and value is.

Two readers of the same text, each doing what it does best:

- Python's TOML reader (:mod:`tomllib`; tomli, the same code, before Python 3.11) decides what
  is valid TOML 1.0 and gives every value: strings decoded, numbers, booleans.
- :mod:`frontlint.reading.toml_scan` finds where every key and value is written and builds the
  node tree (PyYAML's node classes, as for every dialect).

The data is built from the tree, each value taken from the reader; a date-time, a local date or
a local time is kept as the text written (RFC 3339), as YAML keeps a timestamp, so the schema's
``date-time`` format sees the same value in either dialect. What is not TOML is a ``toml-syntax``
problem at its place (the reader's message, or frontlint's own for a key defined twice); an
integer outside TOML's 64-bit range, or past Python's digit limit, is one too, and nesting past
``max-nesting-depth`` is ``toml-depth-limit``. The front matter's data is then ``None``: nothing
else is checked, as for YAML that cannot be read.
"""

from __future__ import annotations

import re
import sys
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from frontlint.diagnostic import Problem
from frontlint.reading.limits import Limits
from frontlint.reading.positions import LineIndex
from frontlint.reading.toml_scan import BOOL, FLOAT, INT, STR, TIMESTAMP, Scan, ScanError, ScanStop
from frontlint.reading.yaml_nodes import ParsedFrontMatter, UnreadableFrontMatter

if sys.version_info >= (3, 11):
    import tomllib
else:  # the same reader, before it joined the standard library
    import tomli as tomllib

# Where Python's TOML reader says its error is: "... (at line 3, column 7)" or "(at end of document)".
_AT = re.compile(r" \(at (?:line (?P<line>[0-9]+), column (?P<column>[0-9]+)|end of document)\)$")
_INT64 = range(-(2**63), 2**63)
_KINDS = {STR: str, BOOL: bool, INT: int, FLOAT: float}


class _Unreadable(Exception):
    """A value the reader gives that cannot be used (out of TOML's range), or that the scan's tree does not hold (a bug of the scan): ``node`` is where."""

    def __init__(self, node: Node, message: str) -> None:
        super().__init__(message)
        self.node = node
        self.message = message


def parse_toml(text: str, base: int, lines: LineIndex, limits: Limits = Limits()) -> ParsedFrontMatter:
    """Parse the TOML ``text`` that starts at character ``base`` of the file (indexed by ``lines``).

    Never raises on bad input: what cannot be read is a problem placed in the file, and the data
    is then ``None``.
    """
    read, problem = _read(text, limits, lines.line_number(base))
    if problem is not None:
        assert problem.offset is not None and problem.end_offset is not None
        return ParsedFrontMatter(
            None, problems=[problem._replace(offset=base + problem.offset, end_offset=base + problem.end_offset)]
        )
    assert read is not None
    return ParsedFrontMatter(read[1], [], read[0], base)


def compose_toml(text: str, limits: Limits = Limits()) -> Node | None:
    """The node tree of the TOML ``text`` (with the values the reader gives), for reading a fixed file back.

    Raises :class:`~frontlint.reading.yaml_nodes.UnreadableFrontMatter` where :func:`parse_toml`
    would report a problem.
    """
    read, problem = _read(text, limits, 1)
    if problem is not None:
        raise UnreadableFrontMatter(problem.message)
    assert read is not None
    return read[0]


def _read(text: str, limits: Limits, first_line: int) -> tuple[tuple[Node, Any] | None, Problem | None]:
    """The node tree and data of ``text``, or the first problem (offsets into ``text``)."""
    scan_problem: Problem | None = None
    sure = False  # whether the scan's problem stands even where the reader reads the text
    root: MappingNode | None = None
    try:
        root = Scan(text, limits.max_nesting_depth, tomllib.loads, first_line).run()
    except ScanStop as stop:
        scan_problem, sure = Problem(stop.rule, stop.message, offset=stop.offset, end_offset=stop.end), True
        if stop.rule == "toml-depth-limit":  # before the reader, which recurses past any limit
            return None, scan_problem
    except ScanError as error:
        scan_problem = _problem(error.message if error.plain else _unfollowed(error.message), error.offset)
    except RecursionError:  # a max-nesting-depth raised past Python's recursion limit
        return None, _too_deep(0, limits)
    reader_problem, data = _reader(text, limits)
    problem = _first(scan_problem, sure, reader_problem)
    if problem is not None:
        return None, problem
    assert root is not None
    try:
        return (root, _data(root, data)), None
    except _Unreadable as unreadable:
        start, end = unreadable.node.start_mark.index, unreadable.node.end_mark.index
        return None, Problem("toml-syntax", unreadable.message, offset=start, end_offset=max(end, start + 1))


def _reader(text: str, limits: Limits) -> tuple[Problem | None, Any]:
    """What Python's TOML reader makes of ``text``: its problem, or its data."""
    try:
        return None, tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return _decode_problem(str(error), text), None
    except RecursionError:  # a max-nesting-depth raised past the reader's own recursion
        return _too_deep(0, limits), None
    except ValueError:  # an integer of more digits than Python converts: the scan says where, before this
        return _problem("an integer is longer than Python's digit limit", len(text)), None


def _decode_problem(message: str, text: str) -> Problem:
    """A ``toml-syntax`` problem from the reader's message, at the line and column it names (else the end)."""
    match = _AT.search(message)
    said = message[: match.start()] if match else message
    said = said[:1].lower() + said[1:]
    if match is None or match.group("line") is None:
        return _problem(said, len(text))
    line, column = int(match.group("line")), int(match.group("column"))
    index = LineIndex(text)
    return _problem(said, index.offset(line, column) if index.has_line(line) else len(text))


def _problem(message: str, offset: int) -> Problem:
    return Problem("toml-syntax", message, offset=offset, end_offset=offset + 1)


def _first(scan: Problem | None, sure: bool, reader: Problem | None) -> Problem | None:
    """The problem to report, of the scan's (``sure``: one frontlint finds itself) and the reader's.

    The reader's where the scan only lost its way, or where it comes first; the scan's where it is
    sure, or says more where both refuse the text. Where the reader reads what the scan could
    not follow, the scan's problem stands, said to be frontlint's own failure.
    """
    if scan is None:
        return reader
    if reader is None:
        if sure or scan.message.startswith(_UNFOLLOWED):
            return scan
        return scan._replace(message=_unfollowed(scan.message))
    if scan.message.startswith(_UNFOLLOWED):
        return reader
    return reader if (reader.offset or 0) < (scan.offset or 0) else scan


_UNFOLLOWED = "frontlint could not follow this TOML"


def _unfollowed(message: str) -> str:
    """The message where the scan stops but the reader reads on: a bug of the scan, said as such."""
    return f"{_UNFOLLOWED} ({message}); please report it"


def _too_deep(offset: int, limits: Limits) -> Problem:
    limit = limits.max_nesting_depth
    message = f"nesting deeper than {limit} levels (max-nesting-depth): the front matter is not checked"
    return Problem("toml-depth-limit", message, offset=offset, end_offset=offset + 1)


def _data(node: Node, value: Any) -> Any:
    """The data of ``node``, each value taken from the reader's ``value`` (a date-time: its text as written)."""
    if isinstance(node, ScalarNode):
        return _scalar(node, value)
    if isinstance(node, MappingNode):
        if not isinstance(value, dict) or len(value) != len(node.value):
            raise _Unreadable(node, _unfollowed("a table"))
        result = {}
        for key, item in node.value:
            if key.value not in value:
                raise _Unreadable(key, _unfollowed("a key"))
            result[key.value] = _data(item, value[key.value])
        return result
    if not isinstance(value, list) or len(value) != len(node.value):
        raise _Unreadable(node, _unfollowed("an array"))
    assert isinstance(node, SequenceNode)
    return [_data(item, element) for item, element in zip(node.value, value)]


def _scalar(node: ScalarNode, value: Any) -> Any:
    if node.tag == TIMESTAMP:
        if isinstance(value, (str, int, float, bool, dict, list)):
            raise _Unreadable(node, _unfollowed("a date-time"))
        return node.value  # the text written
    kind = _KINDS[node.tag]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise _Unreadable(node, _unfollowed("a value"))
    if kind is str:
        node.value = value
    elif kind is int and value not in _INT64:
        raise _Unreadable(node, "integer outside TOML's 64-bit range (-2^63 to 2^63-1), which TOML readers refuse")
    return value
