"""Where every key and value of a TOML text is written: a scan that builds PyYAML nodes with exact spans.

Python's TOML reader (:mod:`tomllib`, tomli before Python 3.11) decides what is valid TOML and
gives the values, but keeps no positions. This scan follows the same grammar (TOML 1.0: tables
``[a.b]``, arrays of tables ``[[a]]``, dotted keys, inline tables and arrays, the four kinds of
string, bare numbers, booleans and date-times) far enough to know the structure and the span of
every key and value; :mod:`frontlint.reading.toml_nodes` then takes the values from the reader.

The tree is made of PyYAML's node classes, as every dialect's is (see
:mod:`frontlint.dialects.base`): a table is a ``MappingNode``, an array (or an array of tables)
a ``SequenceNode``, a value a ``ScalarNode`` whose ``style`` is its quote (``"``, ``'``,
``\"\"\"``, ``'''``; ``None`` for a bare value) and whose ``value`` is its text as written (the
reader's string value replaces it for a string). Marks' ``index`` are offsets into the scanned text.

A table's span runs from its first entry (or any entry of a table inside it) to its last, and is
its header where it has none; an inline table's or array's is its brackets. The scan stops at
the first thing that is not TOML (:class:`ScanError`), and at what frontlint reports itself
(:class:`ScanStop`): a key or table defined twice, nesting past the limit, an integer past
Python's digit limit.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, NamedTuple

from yaml.error import Mark
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from frontlint.reading.limits import digit_limit, long_integer_message
from frontlint.reading.positions import LineIndex

TAG = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, TIMESTAMP = (TAG + name for name in ("str", "int", "float", "bool", "timestamp"))
MAP, SEQ = TAG + "map", TAG + "seq"

# Blanks, line breaks and comments between the entries of a table or an array.
_SKIP = re.compile(r"(?:[ \t]+|\r?\n|#[^\r\n]*)*")
_BLANKS = re.compile(r"[ \t]*")
_LINE_END = re.compile(r"[ \t]*(?:#[^\r\n]*)?(?:\r?\n|\Z)")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_DATE_TIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]+)?(?:[Zz]|[+-][0-9]{2}:[0-9]{2})?)?"
    r"|[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]+)?"
)
_BARE_VALUE = re.compile(r"[A-Za-z0-9_+.-]+")
_SPECIAL_FLOAT = re.compile(r"[+-]?(?:inf|nan)")
# The bodies of the four kinds of string, up to their closing quote.
_BASIC = re.compile(r'"[^"\\\r\n]*(?:\\.[^"\\\r\n]*)*"')
_LITERAL = re.compile(r"'[^'\r\n]*'")
_ML_BASIC = re.compile(r'"""[^"\\]*(?:(?:\\.|"(?!""))[^"\\]*)*"""', re.DOTALL)
_ML_LITERAL = re.compile(r"'''[^']*(?:'(?!'')[^']*)*'''", re.DOTALL)


class ScanError(Exception):
    """The text is not TOML at ``offset`` (as far as the scan can tell: the reader has the last word).

    ``plain`` where the message says more than the reader's would (a string never closed, at its
    start rather than at the end of the text), and is shown when the reader refuses the text too.
    """

    def __init__(self, offset: int, message: str, plain: bool = False) -> None:
        super().__init__(message)
        self.offset = offset
        self.message = message
        self.plain = plain


_NEVER_CLOSED = (
    "string never closed on its line",
    "multi-line string never closed (a '+++' line ends the front matter, even inside a string)",
)


class ScanStop(Exception):
    """What frontlint reports itself, at ``offset:end``: ``rule`` and ``message``."""

    def __init__(self, rule: str, message: str, offset: int, end: int) -> None:
        super().__init__(message)
        self.rule = rule
        self.message = message
        self.offset = offset
        self.end = end


class _Span:
    """A table's or an array of tables' span, growing as entries are found; ``fallback``: its header."""

    __slots__ = ("end", "fallback", "parent", "start")

    def __init__(self, fallback: tuple[int, int], parent: Node | None) -> None:
        self.start: int | None = None
        self.end: int | None = None
        self.fallback = fallback
        self.parent = parent


class _Entry(NamedTuple):
    key: ScalarNode
    value: Node


class Scan:
    """One scan of a TOML text: :meth:`run` gives the root table's node."""

    def __init__(
        self, text: str, depth_limit: int, loads: Callable[[str], dict[str, Any]], first_line: int = 1
    ) -> None:
        """``loads`` is the TOML reader's (it decodes a quoted key); ``first_line``: the file's line the text starts on."""
        self.text = text
        self.limit = depth_limit
        self.loads = loads
        self.first_line = first_line
        self.pos = 0
        self.root = MappingNode(MAP, [])
        self.entries: dict[int, dict[str, _Entry]] = {id(self.root): {}}
        self.depths: dict[int, int] = {id(self.root): 0}
        self.spans: dict[int, _Span] = {id(self.root): _Span((0, 0), None)}
        self.explicit: set[int] = set()  # tables that a [header] defined
        self.closed: set[int] = set()  # inline tables and arrays: nothing may be added to them
        self.table_arrays: set[int] = set()
        self.current: MappingNode = self.root

    def run(self) -> MappingNode:
        """Scan the whole text; raise :class:`ScanError` or :class:`ScanStop` where it must stop."""
        text = self.text
        while True:
            self.pos = _SKIP.match(text, self.pos).end()  # type: ignore[union-attr]
            if self.pos >= len(text):
                break
            if text.startswith("[[", self.pos):
                self.table_header(array=True)
            elif text[self.pos] == "[":
                self.table_header(array=False)
            else:
                self.key_value(self.current)
            line_end = _LINE_END.match(text, self.pos)
            if line_end is None:
                raise ScanError(self.pos, "expected the end of the line")
            self.pos = line_end.end()
        self._set_marks()
        return self.root

    # --- keys and tables ---

    def key(self) -> list[ScalarNode]:
        """A dotted key's parts, each a string node at its own span."""
        parts = []
        while True:
            self.blanks()
            parts.append(self.simple_key())
            self.blanks()
            if self.text.startswith(".", self.pos):
                self.pos += 1
                continue
            return parts

    def simple_key(self) -> ScalarNode:
        """One part of a key: bare, or quoted (its value decoded)."""
        text, start = self.text, self.pos
        quote = text[start : start + 1]
        if quote in ('"', "'"):
            match = (_BASIC if quote == '"' else _LITERAL).match(text, start)
            if match is None:
                raise ScanError(start, "a quoted key is never closed on its line")
            raw = match.group()
            value = raw[1:-1] if quote == "'" or "\\" not in raw else self._decoded(raw, start)
            return self._scalar(STR, value, quote, start, match.end())
        match = _BARE_KEY.match(text, start)
        if match is None:
            raise ScanError(start, "expected a key")
        return self._scalar(STR, match.group(), None, start, match.end())

    def _decoded(self, raw: str, start: int) -> str:
        try:
            value = self.loads(f"k = {raw}")["k"]
        except Exception:  # the reader refuses the escape; it will say so
            raise ScanError(start, "a key with an invalid escape") from None
        return str(value)

    def table_header(self, array: bool) -> None:
        """``[a.b]`` or ``[[a.b]]``: make the table (or the array's next table) the current one."""
        header_start = self.pos
        self.pos += 2 if array else 1
        parts = self.key()
        closing = "]]" if array else "]"
        if not self.text.startswith(closing, self.pos):
            raise ScanError(self.pos, f"expected '{closing}' to end the table header")
        self.pos += len(closing)
        header = (header_start, self.pos)
        parent = self.root
        for part in parts[:-1]:
            parent = self.child_table(parent, part, header)
        last = parts[-1]
        found = self.entries[id(parent)].get(last.value)
        if array:
            self.current = self.next_table_of_array(parent, last, found, header)
        elif found is not None and isinstance(found.value, MappingNode) and not self._is_fixed(found.value):
            self.explicit.add(id(found.value))
            self.current = found.value
        elif found is not None:
            raise self.defined_twice(last, found)
        else:
            self.current = self.new_table(parent, last, header)
            self.explicit.add(id(self.current))

    def _is_fixed(self, node: Node) -> bool:
        return id(node) in self.explicit or id(node) in self.closed

    def next_table_of_array(
        self, parent: MappingNode, key: ScalarNode, found: _Entry | None, header: tuple[int, int]
    ) -> MappingNode:
        """``[[key]]``: a new table at the end of the array of tables ``key`` names (made where it is missing)."""
        if found is None:
            array = SequenceNode(SEQ, [])
            self.add(parent, key, array, flexible=header)
            self.table_arrays.add(id(array))
        elif id(found.value) in self.table_arrays:
            array = found.value  # type: ignore[assignment]
        else:
            raise self.defined_twice(key, found)
        table = MappingNode(MAP, [])
        self.register(table, array, self.depths[id(array)] + 1, header, key.start_mark.index)
        array.value.append(table)
        return table

    def new_table(self, parent: MappingNode, key: ScalarNode, header: tuple[int, int]) -> MappingNode:
        """A new table under ``key`` in ``parent``, spanning its ``header`` until it has entries."""
        table = MappingNode(MAP, [], flow_style=parent.flow_style)
        self.add(parent, key, table, flexible=header)
        return table

    def child_table(self, parent: MappingNode, key: ScalarNode, header: tuple[int, int] | None) -> MappingNode:
        """The table ``key`` names in ``parent`` (the last table of an array of tables), made where it is missing."""
        found = self.entries[id(parent)].get(key.value)
        if found is None:
            return self.new_table(parent, key, header or (key.start_mark.index, key.end_mark.index))
        value = found.value
        if header is not None and id(value) in self.table_arrays:
            return value.value[-1]  # type: ignore[no-any-return]
        if isinstance(value, MappingNode) and id(value) not in self.closed:
            return value
        raise ScanError(key.start_mark.index, f"key {key.value!r} is not a table that can be extended")

    def defined_twice(self, key: ScalarNode, first: _Entry) -> ScanStop:
        """The problem of ``key`` defined again, naming the file's line where it was ``first``."""
        line = self.first_line + self.text.count("\n", 0, first.key.start_mark.index)
        message = (
            f"duplicate key {key.value!r}: first defined on line {line}; "
            "TOML does not allow a key or table to be defined twice"
        )
        return ScanStop("toml-syntax", message, key.start_mark.index, key.end_mark.index)

    def key_value(self, table: MappingNode) -> None:
        """``a.b = value``, added to ``table``."""
        parts = self.key()
        if not self.text.startswith("=", self.pos):
            raise ScanError(self.pos, "expected '=' after a key")
        self.pos += 1
        self.blanks()
        chain = [table]
        for part in parts[:-1]:
            chain.append(self.child_table(chain[-1], part, None))
        last = parts[-1]
        found = self.entries[id(chain[-1])].get(last.value)
        if found is not None:
            raise self.defined_twice(last, found)
        value = self.value(self.depths[id(chain[-1])] + 1)
        self.add(chain[-1], last, value)
        end = value.end_mark.index
        for dotted, first_key in zip(chain, parts):  # each table starts at its first key
            self._grow(dotted, first_key.start_mark.index, end)

    def add(self, parent: MappingNode, key: ScalarNode, value: Node, flexible: tuple[int, int] | None = None) -> None:
        """Add the entry ``key = value`` to ``parent``; a ``flexible`` node's span grows with its entries."""
        depth = self.depths[id(parent)] + 1
        if flexible is not None:
            self.register(value, parent, depth, flexible, key.start_mark.index)
        else:
            self.depths[id(value)] = depth
        parent.value.append((key, value))
        self.entries[id(parent)][key.value] = _Entry(key, value)

    def register(self, node: Node, parent: Node, depth: int, fallback: tuple[int, int], at: int) -> None:
        """Note a table (or array of tables) whose span grows with its entries; stop past the nesting limit."""
        if depth > self.limit:
            raise self.too_deep(at)
        self.depths[id(node)] = depth
        self.spans[id(node)] = _Span(fallback, parent)
        if isinstance(node, MappingNode):
            self.entries[id(node)] = {}

    def _grow(self, node: Node | None, start: int, end: int) -> None:
        """Widen the span of ``node`` and of the tables above it to hold ``start:end``."""
        while node is not None and id(node) in self.spans:
            span = self.spans[id(node)]
            span.start = start if span.start is None else min(span.start, start)
            span.end = end if span.end is None else max(span.end, end)
            node = span.parent

    def too_deep(self, offset: int) -> ScanStop:
        """The ``toml-depth-limit`` problem at ``offset``."""
        message = f"nesting deeper than {self.limit} levels (max-nesting-depth): the front matter is not checked"
        return ScanStop("toml-depth-limit", message, offset, offset + 1)

    # --- values ---

    def value(self, depth: int) -> Node:
        """The value at the scan's position, ``depth`` levels down from the root."""
        if depth > self.limit:
            raise self.too_deep(self.pos)
        first = self.text[self.pos : self.pos + 1]
        if first in ('"', "'"):
            return self.string()
        if first == "[":
            return self.array(depth)
        if first == "{":
            return self.inline_table(depth)
        return self.bare()

    def string(self) -> ScalarNode:
        """A string of any of the four kinds: its text, quotes included (the reader decodes it)."""
        text, start = self.text, self.pos
        for pattern, style in ((_ML_BASIC, '"""'), (_ML_LITERAL, "'''"), (_BASIC, '"'), (_LITERAL, "'")):
            if not text.startswith(style, start):
                continue
            match = pattern.match(text, start)
            if match is None:
                raise ScanError(start, _NEVER_CLOSED[len(style) == 3], plain=True)
            end = match.end()
            if len(style) == 3:  # up to two quotes right before the closing ones belong to the string
                while end < len(text) and text[end] == style[0] and end - match.end() < 2:
                    end += 1
            return self._scalar(STR, text[start:end], style, start, end)
        raise ScanError(start, "expected a string")  # not reached: the caller saw a quote

    def bare(self) -> ScalarNode:
        """A number, boolean or date-time: its text as written, and its tag."""
        text, start = self.text, self.pos
        match = _DATE_TIME.match(text, start)
        if match is not None and not _BARE_VALUE.match(text, match.end()):
            return self._scalar(TIMESTAMP, match.group(), None, start, match.end())
        match = _BARE_VALUE.match(text, start)
        if match is None:
            raise ScanError(start, "expected a value")
        word = match.group()
        if word in ("true", "false"):
            tag = BOOL
        elif _SPECIAL_FLOAT.fullmatch(word) or (word[:2] not in ("0x", "0o", "0b") and any(c in word for c in ".eE")):
            tag = FLOAT
        else:
            tag = INT
            self._check_integer(word, start, match.end())
        return self._scalar(tag, word, None, start, match.end())

    def _check_integer(self, word: str, start: int, end: int) -> None:
        """Stop at a decimal integer of more digits than Python converts (the reader would raise, not say where)."""
        if word[:2] in ("0x", "0o", "0b"):
            return
        digits = sum(character.isdigit() for character in word)
        limit = digit_limit()
        if limit and digits > limit:
            message = long_integer_message(digits, "the front matter") + " (quote it if it is text)"
            raise ScanStop("toml-syntax", message, start, end)

    def array(self, depth: int) -> SequenceNode:
        """An array ``[…]``, its items ``depth + 1`` levels down."""
        text, start = self.text, self.pos
        self.pos += 1
        items: list[Node] = []
        while True:
            self.pos = _SKIP.match(text, self.pos).end()  # type: ignore[union-attr]
            if text.startswith("]", self.pos):
                break
            items.append(self.value(depth + 1))
            self.pos = _SKIP.match(text, self.pos).end()  # type: ignore[union-attr]
            if text.startswith(",", self.pos):
                self.pos += 1
            elif not text.startswith("]", self.pos):
                raise ScanError(self.pos, "expected ',' or ']' in an array")
        self.pos += 1
        node = SequenceNode(SEQ, items, flow_style=True)
        self._marks(node, start, self.pos)
        return node

    def inline_table(self, depth: int) -> MappingNode:
        """An inline table ``{…}``: closed once written, so no later key may add to it."""
        text, start = self.text, self.pos
        self.pos += 1
        table = MappingNode(MAP, [], flow_style=True)
        self.depths[id(table)] = depth
        self.entries[id(table)] = {}
        self.blanks()
        while not text.startswith("}", self.pos):
            self.key_value(table)
            self.blanks()
            if text.startswith(",", self.pos):
                self.pos += 1
                self.blanks()
            elif not text.startswith("}", self.pos):
                raise ScanError(self.pos, "expected ',' or '}' in an inline table")
        self.pos += 1
        self.closed.add(id(table))
        self._marks(table, start, self.pos)
        return table

    def blanks(self) -> None:
        """Skip spaces and tabs."""
        self.pos = _BLANKS.match(self.text, self.pos).end()  # type: ignore[union-attr]

    # --- marks ---

    def _scalar(self, tag: str, value: str, style: str | None, start: int, end: int) -> ScalarNode:
        self.pos = end
        node = ScalarNode(tag, value, style=style)
        self._marks(node, start, end)
        return node

    @staticmethod
    def _marks(node: Node, start: int, end: int) -> None:
        node.start_mark = Mark("<toml>", start, 0, 0, None, 0)
        node.end_mark = Mark("<toml>", end, 0, 0, None, 0)

    def _set_marks(self) -> None:
        """Give the tables and arrays of tables their spans, and every mark its line and column."""
        stack: list[Node] = [self.root]
        lines = LineIndex(self.text)
        while stack:
            node = stack.pop()
            span = self.spans.get(id(node))
            if span is not None:
                start, end = (span.start, span.end) if span.start is not None else span.fallback
                self._marks(node, start, end or start)
            for mark in (node.start_mark, node.end_mark):
                line, column = lines.position(mark.index)
                mark.line, mark.column = line - 1, column - 1
            if isinstance(node, MappingNode):
                for key, value in node.value:
                    stack.extend((key, value))
            elif isinstance(node, SequenceNode):
                stack.extend(node.value)
