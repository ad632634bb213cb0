"""JSON text read two ways: its data by Python's C parser, and, when a position is needed, its node tree.

Python's ``json`` gives data fast but no position except a syntax error's. :func:`load_json`
reads the data with it, as :func:`json.loads` does, and reports what cannot be read as a
problem (``offset`` relative to the text): a syntax error at the parser's column; nesting
deeper than the limit (``yaml-depth-limit``, found before the parser recurses); ``NaN`` and
``Infinity``, which JSON does not have; an integer past Python's digit limit; a key twice in
one object (``json-duplicate-key``). The last three the C parser cannot place: they are at
offset 0 until :func:`compose_json` places them.

:func:`compose_json` is a small, strict parser of its own that builds the node tree with the
exact span of every key and value (PyYAML's node classes, as every front-matter dialect gives
them: see :mod:`frontlint.dialects.base`). It reads strings with :func:`json.decoder.scanstring`
and numbers by the stdlib's number grammar, so that its scalars hold exactly what
:func:`json.loads` reads (pinned by ``tests/test_json_nodes.py``). It never recurses: nesting
costs no stack, and is bounded by the limit.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any, NamedTuple

from yaml import Mark
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from frontlint.diagnostic import Problem
from frontlint.reading.limits import Limits, digit_limit, long_integer_message
from frontlint.reading.positions import LineIndex

# The stdlib's string reader (C where built), which its stubs do not declare: (text, after the quote, strict) -> (value, end).
_scanstring: Callable[[str, int, bool], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]

_TAG = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL = (_TAG + name for name in ("str", "int", "float", "bool", "null"))
MAP, SEQ = _TAG + "map", _TAG + "seq"

# The stdlib's number grammar (json.scanner.NUMBER_RE), with ASCII digits as its C scanner reads them.
_NUMBER = re.compile(r"(-?(?:0|[1-9][0-9]*))(\.[0-9]+)?([eE][-+]?[0-9]+)?")
_WHITESPACE = re.compile(r"[ \t\n\r]*")
_LITERALS = (("null", NULL), ("true", BOOL), ("false", BOOL))
_CONSTANTS = ("NaN", "Infinity", "-Infinity")
# Strings (skipped whole: brackets and digits inside them are text), the brackets that nest, and numbers.
_NESTING_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?|[\[\]{}]', re.DOTALL)
_NUMBER_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?|-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?')
_OPENING = frozenset("[{")
_CLOSING = frozenset("]}")


class JsonRead(NamedTuple):
    """What :func:`load_json` read: the data (``None`` with a problem), the problem that stopped it,
    and whether that problem is where the text has it (``False``: a key twice, a ``NaN`` or a long
    integer, which the C parser does not place; :func:`compose_json` does)."""

    data: Any
    problem: Problem | None = None
    placed: bool = True


def load_json(text: str, limits: Limits, checked: str) -> JsonRead:
    """Read ``text`` as :func:`json.loads` does (the C parser), or the problem that stops it.

    ``checked`` names what a problem leaves unchecked in its message (``the record``). A
    problem's ``offset`` is where the C parser or a scan of the text finds it: a key twice or a
    ``NaN`` at 0 (see the module's docstring).
    """
    too_deep = _too_deep_at(text, limits.max_nesting_depth)
    if too_deep is not None:
        return JsonRead(None, depth_problem(too_deep, limits.max_nesting_depth, checked))
    try:
        return JsonRead(json.loads(text, object_pairs_hook=_object, parse_constant=_no_constant))
    except _DuplicateKey as error:
        return JsonRead(None, duplicate_problem(error.key, 0, 0), placed=False)
    except json.JSONDecodeError as error:
        return JsonRead(None, Problem("json-syntax", f"not JSON: {error.msg}", offset=error.pos))
    except RecursionError:  # max-nesting-depth raised past what the parser's recursion takes
        return JsonRead(None, _too_deep_to_parse(text, checked))
    except _NotJson as error:  # NaN, Infinity
        return JsonRead(None, Problem("json-syntax", f"not JSON: {error}", offset=0), placed=False)
    except ValueError as error:  # the parser's only other refusal: an integer too long to convert
        problem = _long_integer(text, checked) or Problem("json-syntax", f"not JSON: {error}", offset=0)
        return JsonRead(None, problem, placed=False)


def depth_problem(offset: int, limit: int, checked: str) -> Problem:
    """Nesting deeper than ``limit`` at ``offset``: ``yaml-depth-limit``, the id every dialect and JSON Lines use."""
    suffix = "" if checked == "the record" else f": {checked} is not checked"
    message = f"nesting deeper than {limit} levels (max-nesting-depth){suffix}"
    return Problem("yaml-depth-limit", message, offset=offset, end_offset=offset + 1)


def duplicate_problem(key: str, offset: int, end: int) -> Problem:
    """A key twice in one object, at the later key's span (``offset:end``)."""
    shown = json.dumps(key, ensure_ascii=False)
    message = f"key {shown} appears twice in one object: JSON readers keep only the last"
    return Problem("json-duplicate-key", message, offset=offset, end_offset=end if end > offset else None)


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


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


def _long_integer(text: str, checked: str) -> Problem | None:
    """The problem of the first integer of ``text`` past Python's digit limit, at its column (where the parser stopped)."""
    limit = digit_limit()
    for match in _NUMBER_TOKEN.finditer(text):
        digits = match.group().lstrip("-")
        if len(digits) > limit and digits.isdigit():  # not a string, a fraction or an exponent
            return Problem("json-syntax", long_integer_message(len(digits), checked), offset=match.start())
    return None


def _too_deep_to_parse(text: str, checked: str) -> Problem:
    """The problem of text nested deeper than Python's JSON parser goes: how deep, at its deepest point."""
    deepest = depth = column = 0
    for match in _NESTING_TOKEN.finditer(text):
        token = match.group()
        if token in _OPENING:
            depth += 1
            if depth > deepest:
                deepest, column = depth, match.start()
        elif token in _CLOSING:
            depth -= 1
    message = f"nesting {deepest:,} levels deep, deeper than Python's JSON parser goes: {checked} is not checked"
    return Problem("yaml-depth-limit", message, offset=column)


def _too_deep_at(text: str, limit: int) -> int | None:
    """The offset where nesting first goes deeper than ``limit``, or ``None``."""
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


class JsonTree(NamedTuple):
    """The node tree of a JSON text, and each key written twice in one object: ``(later, first)`` key nodes."""

    root: Node
    duplicates: list[tuple[ScalarNode, ScalarNode]]


class JsonUnreadable(Exception):
    """What stops :func:`compose_json`: ``problem`` (offsets relative to the text) says what, and where."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def compose_json(text: str, limits: Limits, checked: str = "the front matter") -> JsonTree:
    """The node tree of the JSON ``text``, every mark's ``index`` relative to its start.

    Raises :class:`JsonUnreadable` where :func:`json.loads` refuses the text, at nesting deeper
    than ``limits.max_nesting_depth`` and at an integer past Python's digit limit (at its span);
    a ``NaN`` or ``Infinity`` is a ``json-syntax`` problem at its span. A key twice is no error
    here: both pairs are in the tree (the data keeps the last) and :attr:`JsonTree.duplicates` names them.
    """
    return _Composer(text, limits, checked).compose()


class _Frame:
    """An object or array being read: its node, (an object's) the key nodes read so far by key, and the key of the value being read."""

    __slots__ = ("key", "node", "seen")

    def __init__(self, node: MappingNode | SequenceNode) -> None:
        self.node = node
        self.seen: dict[str, ScalarNode] = {}
        self.key: ScalarNode | None = None


class _Composer:
    """The iterative reader behind :func:`compose_json`: one value at a time, the open collections on a stack."""

    def __init__(self, text: str, limits: Limits, checked: str) -> None:
        self.text = text
        self.limits = limits
        self.checked = checked
        self.lines = LineIndex(text)
        self.duplicates: list[tuple[ScalarNode, ScalarNode]] = []
        self.stack: list[_Frame] = []

    def compose(self) -> JsonTree:
        """Read the one value the text holds, and nothing but whitespace after it."""
        position = self.skip(0)
        while True:
            read = self.value(position)
            if isinstance(read, int):  # a collection opened: its first value starts there
                position = read
                continue
            node, position = read
            while self.stack:  # add the value to the collections open, closing those it ends
                added = self.add(node, self.skip(position))
                if isinstance(added, int):
                    position = added
                    break
                node, position = added
            else:
                end = self.skip(position)
                if end != len(self.text):
                    raise self.error("Extra data", end)
                return JsonTree(node, self.duplicates)

    def value(self, position: int) -> int | tuple[Node, int]:
        """Read what starts at ``position``: a value and its end, or (a collection opened) where its first value starts."""
        character = self.text[position : position + 1]
        if character not in ("{", "["):
            return self.scalar(position)
        if len(self.stack) >= self.limits.max_nesting_depth:
            raise JsonUnreadable(depth_problem(position, self.limits.max_nesting_depth, self.checked))
        mark = self.mark(position)
        node: MappingNode | SequenceNode
        if character == "{":
            node = MappingNode(MAP, [], mark, mark, flow_style=True)
        else:
            node = SequenceNode(SEQ, [], mark, mark, flow_style=True)
        after = self.skip(position + 1)
        if self.text.startswith("}" if character == "{" else "]", after):  # empty
            node.end_mark = self.mark(after + 1)
            return node, after + 1
        self.stack.append(_Frame(node))
        return self.read_key(after) if character == "{" else after

    def add(self, node: Node, position: int) -> int | tuple[Node, int]:
        """Add ``node`` to the innermost open collection; then where the next value starts, or the collection closed and its end."""
        frame = self.stack[-1]
        collection = frame.node
        if isinstance(collection, MappingNode):
            assert frame.key is not None
            collection.value.append((frame.key, node))
            self.note_key(frame, frame.key)
        else:
            collection.value.append(node)
        character = self.text[position : position + 1]
        if character == ",":
            after = self.skip(position + 1)
            return self.read_key(after) if isinstance(collection, MappingNode) else after
        if character == ("}" if isinstance(collection, MappingNode) else "]"):
            self.stack.pop()
            collection.end_mark = self.mark(position + 1)
            return collection, position + 1
        raise self.error("Expecting ',' delimiter", position)

    def note_key(self, frame: _Frame, key: ScalarNode) -> None:
        """Remember ``key`` in its object; name it with the first of its kind when it is there twice."""
        first = frame.seen.setdefault(key.value, key)
        if first is not key:
            self.duplicates.append((key, first))

    def read_key(self, position: int) -> int:
        """Read an object's key and its colon at ``position``: where its value starts."""
        if not self.text.startswith('"', position):
            raise self.error("Expecting property name enclosed in double quotes", position)
        self.stack[-1].key, end = self.string(position)
        colon = self.skip(end)
        if not self.text.startswith(":", colon):
            raise self.error("Expecting ':' delimiter", colon)
        return self.skip(colon + 1)

    def scalar(self, position: int) -> tuple[ScalarNode, int]:
        """The scalar that starts at ``position`` and where it ends."""
        text = self.text
        if text.startswith('"', position):
            return self.string(position)
        for constant in _CONSTANTS:
            if text.startswith(constant, position):
                end = position + len(constant)
                problem = Problem(
                    "json-syntax", f"not JSON: {constant} is not a JSON value", offset=position, end_offset=end
                )
                raise JsonUnreadable(problem)
        number = _NUMBER.match(text, position)
        if number is not None:
            return self.number(number), number.end()
        for literal, tag in _LITERALS:
            if text.startswith(literal, position):
                end = position + len(literal)
                return ScalarNode(tag, literal, self.mark(position), self.mark(end)), end
        raise self.error("Expecting value", position)

    def string(self, position: int) -> tuple[ScalarNode, int]:
        """The string literal at ``position`` (its quote) and where it ends, decoded as :func:`json.loads` decodes it."""
        try:
            value, end = _scanstring(self.text, position + 1, True)
        except json.JSONDecodeError as error:
            raise self.error(error.msg, error.pos) from None
        return ScalarNode(STR, value, self.mark(position), self.mark(end), style='"'), end

    def number(self, match: re.Match[str]) -> ScalarNode:
        """The number ``match`` holds: an integer past Python's digit limit cannot be read."""
        integer, fraction, exponent = match.groups()
        start, end = match.span()
        if fraction is None and exponent is None:
            digits = len(integer.lstrip("-"))
            limit = digit_limit()
            if limit and digits > limit:
                message = long_integer_message(digits, self.checked)
                raise JsonUnreadable(Problem("json-syntax", message, offset=start, end_offset=end))
            return ScalarNode(INT, match.group(), self.mark(start), self.mark(end))
        return ScalarNode(FLOAT, match.group(), self.mark(start), self.mark(end))

    def skip(self, position: int) -> int:
        """Where the whitespace at ``position`` ends."""
        match = _WHITESPACE.match(self.text, position)
        assert match is not None  # the pattern matches the empty string
        return match.end()

    def mark(self, index: int) -> Mark:
        """The mark of ``index``: PyYAML's, with a 0-based line and column."""
        place = self.lines.position(index)
        return Mark("<json>", index, place.line - 1, place.column - 1, None, index)

    def error(self, message: str, position: int) -> JsonUnreadable:
        """A ``json-syntax`` problem at ``position``."""
        return JsonUnreadable(Problem("json-syntax", f"not JSON: {message}", offset=position, end_offset=position + 1))
