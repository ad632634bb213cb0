"""JSON front matter (a ``{ … }`` object starting the file, as Hugo reads it), and JSON Lines records.

The block runs from the ``{`` at the file's start (after a byte order mark) to the ``}`` that
matches it, found as Hugo's lexer finds it: braces counted outside strings, a backslash escaping
the next character. The Markdown body follows it. A ``{`` never matched is
``front-matter-unclosed``.

The data is read by Python's C parser, exactly as :func:`json.loads` reads it; the node tree by
the positional parser of :mod:`frontlint.reading.json_nodes`, which places every diagnostic. What
cannot be read is ``json-syntax`` at its offset (``NaN``, ``Infinity``, an integer past Python's
digit limit included), nesting past the limit ``yaml-depth-limit``; a key twice in one object is
``json-duplicate-key`` at the later key, and the front matter is checked with the last value, as
JSON readers keep it.

JSON has no comments, so JSON front matter has no inline suppressions (``comment`` is ``None``):
``per-file-ignores`` and baselines cover it. ``--fix`` rewrites a string literal as
:func:`frontlint.editing.json_text.json_string` writes it.

:data:`JSON_RECORDS` reads one record of a JSON Lines file through the same code, as JSON Lines
always has: no node tree (a record's diagnostics are placed on its line), and a record that cannot
be read whole (a key twice included) is not checked, its problem where the C parser stops.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

from frontlint.diagnostic import Problem
from frontlint.editing.json_text import string_edits
from frontlint.reading.front_matter import FrontMatterBlock
from frontlint.reading.json_nodes import STR, JsonUnreadable, compose_json, duplicate_problem, load_json
from frontlint.reading.limits import Limits
from frontlint.reading.positions import LineIndex
from frontlint.reading.yaml_nodes import ParsedFrontMatter, UnreadableFrontMatter

if TYPE_CHECKING:
    from yaml.nodes import Node, ScalarNode

    from frontlint.editing.scalar_text import TextEdit

# A string (skipped whole, backslash escapes and all; an unclosed one runs to the end) or a brace.
_BLOCK_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?|[{}]', re.DOTALL)


# What opens a Liquid, Go-template or Jinja tag: a body, never a JSON object.
_TEMPLATE_TAGS = ("{{", "{%")


class JsonDialect:
    """JSON: a ``{ … }`` object (``checked`` names it in messages: ``the front matter``, ``the record``)."""

    name = "json"
    fence = "{"
    comment: str | None = None

    def __init__(self, checked: str, records: bool) -> None:
        self.checked = checked
        self.records = records

    def opens(self, first_line: str) -> bool:
        """Whether ``first_line`` starts with ``{`` and not with a template tag (``{{`` or ``{%``).

        A Jekyll or Hugo body may open with a Liquid tag or a shortcode; no JSON object does
        (a key's ``"`` or the closing ``}`` follows its ``{``), so such a file has no front matter.
        """
        return first_line.startswith("{") and not first_line.startswith(_TEMPLATE_TAGS)

    def find_block(self, lines: LineIndex) -> tuple[FrontMatterBlock | None, Problem | None]:
        """From the ``{`` at offset 0 to the end of the ``}`` that matches it (see the module's docstring)."""
        text = lines.text
        if not text.startswith("{"):
            return None, Problem("front-matter-missing", "no front matter: the file must start with '{'", offset=0)
        depth = 0
        for token in _BLOCK_TOKEN.finditer(text):
            brace = token.group()
            if brace == "{":
                depth += 1
            elif brace == "}":
                depth -= 1
                if depth == 0:
                    end = token.end()
                    return FrontMatterBlock(0, end, 1, lines.line_number(end - 1)), None
        message = "front matter is never closed: no '}' matches the opening '{'"
        return None, Problem("front-matter-unclosed", message, offset=0, end_offset=1)

    def parse(self, text: str, base: int, lines: LineIndex, limits: Limits) -> ParsedFrontMatter:
        """The block's data, node tree (none for a record) and problems, placed at ``base`` + their offset."""
        read = load_json(text, limits, self.checked)
        if read.problem is not None and (self.records or read.placed):
            return ParsedFrontMatter(None, [_shifted(read.problem, base)], base=base)
        if self.records:
            return ParsedFrontMatter(read.data, base=base)
        try:
            tree = compose_json(text, limits, self.checked)
        except JsonUnreadable as unreadable:  # NaN, an integer too long: the C parser could not place it
            return ParsedFrontMatter(None, [_shifted(unreadable.problem, base)], base=base)
        problems = [
            duplicate_problem(later.value, base + later.start_mark.index, base + later.end_mark.index)
            for later, _ in tree.duplicates
        ]
        data = read.data if read.problem is None else json.loads(text)  # a key twice: the last, as JSON readers keep
        return ParsedFrontMatter(data, problems, tree.root, base)

    def compose(self, text: str, limits: Limits) -> Node | None:
        """The block's node tree (:func:`~frontlint.reading.json_nodes.compose_json`; a key twice is in it twice, as in YAML's)."""
        try:
            return compose_json(text, limits, self.checked).root
        except JsonUnreadable as unreadable:
            raise UnreadableFrontMatter(unreadable.problem.message) from None

    def scalar_edits(
        self, text: str, start: int, end: int, node: ScalarNode, value: str, in_flow: bool
    ) -> tuple[TextEdit, ...]:
        """The string literal at ``start:end`` rewritten to hold ``value``; nothing for a number, ``true`` or ``null``."""
        return string_edits(start, end, node.tag == STR, value)


def _shifted(problem: Problem, base: int) -> Problem:
    """``problem`` at its offset in the file (its offset in the block plus ``base``), one character long at least."""
    offset = base + (problem.offset or 0)
    end = base + problem.end_offset if problem.end_offset is not None else offset + 1
    return problem._replace(offset=offset, end_offset=end)


JSON = JsonDialect("the front matter", records=False)
"""JSON front matter in a Markdown file."""

JSON_RECORDS = JsonDialect("the record", records=True)
"""One record (line) of a JSON Lines file, read as JSON Lines always has been (see the module's docstring)."""
