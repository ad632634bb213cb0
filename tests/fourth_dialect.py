"""A made-up fourth front-matter dialect, to prove that frontlint reaches dialects only through their interface.

``%%%`` fences; a line ``key = value`` (the value is the rest of the line, to a ``;`` comment);
``;`` starts a comment. Values are strings. It rewrites a value only where the new one is printable
ASCII without ``;`` and without blanks at its ends; for any other it has no edit, so its fix is a
suggestion. Nothing in frontlint knows it: :func:`registered` puts it in
:data:`frontlint.dialects.DIALECTS`, and ``python fourth_dialect.py ARGS`` runs the real command with it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

from yaml.error import Mark
from yaml.nodes import MappingNode, Node, ScalarNode

import frontlint.dialects
from frontlint.diagnostic import Problem
from frontlint.editing.scalar_text import TextEdit
from frontlint.reading.front_matter import FrontMatterBlock
from frontlint.reading.limits import Limits
from frontlint.reading.positions import LineIndex
from frontlint.reading.yaml_nodes import ParsedFrontMatter, UnreadableFrontMatter

_STR = "tag:yaml.org,2002:str"


class FourthDialect:
    """``%%%``-fenced ``key = value`` lines with ``;`` comments."""

    name = "fourth"
    fence = "%%%"
    comment: str | None = ";"

    def opens(self, first_line: str) -> bool:
        return first_line == "%%%"

    def find_block(self, lines: LineIndex) -> tuple[FrontMatterBlock | None, Problem | None]:
        if lines.line_text(1) != "%%%":
            return None, Problem("front-matter-missing", "no %%% line", offset=0)
        line = 2
        while lines.has_line(line):
            if lines.line_text(line) == "%%%":
                return FrontMatterBlock(lines.line_start(2), lines.line_start(line), 1, line), None
            line += 1
        return None, Problem("front-matter-unclosed", "no closing %%% line", offset=0, end_offset=3)

    def parse(self, text: str, base: int, lines: LineIndex, limits: Limits) -> ParsedFrontMatter:
        try:
            root = self.compose(text, limits)
        except UnreadableFrontMatter as error:
            offset = base + int(str(error))
            return ParsedFrontMatter(None, [Problem("yaml-syntax", "no '=' on this line", offset=offset)])
        assert root is not None
        data = {key.value: value.value for key, value in root.value}
        return ParsedFrontMatter(data, [], root, base)

    def compose(self, text: str, limits: Limits) -> Node | None:
        pairs = []
        start = 0
        for line in text.splitlines(keepends=True):
            body = line.rstrip("\n")
            if body.strip() and not body.lstrip().startswith(";"):
                key, equals, rest = body.partition(" = ")
                if not equals:
                    raise UnreadableFrontMatter(str(start))
                value = rest.split(" ;", 1)[0].rstrip()
                value_start = start + len(key) + 3
                pairs.append(
                    (_scalar(key, start, start + len(key)), _scalar(value, value_start, value_start + len(value)))
                )
            start += len(line)
        return MappingNode("tag:yaml.org,2002:map", pairs, _mark(0), _mark(len(text)))

    def scalar_edits(
        self, text: str, start: int, end: int, node: ScalarNode, value: str, in_flow: bool
    ) -> tuple[TextEdit, ...]:
        writable = value.isascii() and value.isprintable() and ";" not in value and value == value.strip()
        return (TextEdit(start, end, value),) if writable and value else ()


def _mark(index: int) -> Mark:
    return Mark("<fourth>", index, 0, 0, None, None)


def _scalar(value: str, start: int, end: int) -> ScalarNode:
    return ScalarNode(_STR, value, _mark(start), _mark(end))


FOURTH = FourthDialect()


@contextmanager
def registered() -> Iterator[FourthDialect]:
    """The fourth dialect in the registry, after the others, for as long as the block runs."""
    with mock.patch.object(frontlint.dialects, "DIALECTS", (*frontlint.dialects.DIALECTS, FOURTH)):
        yield FOURTH


if __name__ == "__main__":  # the real command, with the fourth dialect registered
    from frontlint.launch import main

    with registered():
        sys.exit(main())
