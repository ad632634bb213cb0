"""TOML front matter (``+++`` fences, as Hugo reads it).

The block is the lines between a first line ``+++`` and the next line ``+++`` (trailing blanks
allowed on both), as Hugo finds it: a ``+++`` line inside a multi-line string closes the block
too, and the string is then never closed (``toml-syntax``). Parsing is
:mod:`frontlint.reading.toml_nodes` (Python's TOML reader for validity and values, a scan for
the positions), rendering a fixed value :mod:`frontlint.editing.toml_text`; both are imported
only when a TOML file is met, so a run over YAML files never loads them. Comments are ``#``, so
suppressions are written as in YAML: ``title = "…"  # frontlint: ignore[text-whitespace]``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from frontlint.diagnostic import Problem
from frontlint.reading.front_matter import FrontMatterBlock
from frontlint.reading.limits import Limits
from frontlint.reading.positions import LineIndex

if TYPE_CHECKING:
    from yaml.nodes import Node, ScalarNode

    from frontlint.editing.scalar_text import TextEdit
    from frontlint.reading.yaml_nodes import ParsedFrontMatter

# A line that is "+++" (trailing blanks allowed), found with the line break before it.
_CLOSING_FENCE = re.compile(r"(\r\n|\r|\n)\+\+\+[ \t]*(?=\r|\n|\Z)")


class TomlDialect:
    """TOML between ``+++`` fences, with ``#`` comments."""

    name = "toml"
    fence = "+++"
    comment: str | None = "#"

    def opens(self, first_line: str) -> bool:
        """Whether ``first_line`` is ``+++`` (trailing blanks allowed)."""
        return first_line.rstrip(" \t") == "+++"

    def find_block(self, lines: LineIndex) -> tuple[FrontMatterBlock | None, Problem | None]:
        """The lines between the ``+++`` fences, or the problem that the file has none (or never closes it)."""
        if not self.opens(lines.line_text(1)):
            return None, Problem(
                "front-matter-missing", "no front matter: the file must start with a '+++' line", offset=0
            )
        text = lines.text
        start = lines.line_start(2) if lines.has_line(2) else len(text)
        closing = _CLOSING_FENCE.search(text, start - 1) if lines.has_line(2) else None
        if closing is None:
            return None, Problem(
                "front-matter-unclosed",
                "front matter is never closed: no '+++' line after the opening one",
                offset=0,
                end_offset=3,
            )
        end = closing.start() + len(closing.group(1))
        return FrontMatterBlock(start, end, 1, lines.line_number(end)), None

    def parse(self, text: str, base: int, lines: LineIndex, limits: Limits) -> ParsedFrontMatter:
        """The TOML's data and node tree (see :func:`~frontlint.reading.toml_nodes.parse_toml`)."""
        # deferred: only a TOML file needs the scan, never a YAML run: 5-7 ms
        from frontlint.reading.toml_nodes import parse_toml

        return parse_toml(text, base, lines, limits)

    def compose(self, text: str, limits: Limits) -> Node | None:
        """The TOML's node tree alone (see :func:`~frontlint.reading.toml_nodes.compose_toml`)."""
        # deferred: only a TOML file needs the scan, never a YAML run: 5-7 ms
        from frontlint.reading.toml_nodes import compose_toml

        return compose_toml(text, limits)

    def scalar_edits(
        self, text: str, start: int, end: int, node: ScalarNode, value: str, in_flow: bool
    ) -> tuple[TextEdit, ...]:
        """The string at ``start:end`` rewritten in its own kind of string where it can hold ``value`` (see :mod:`frontlint.editing.toml_text`)."""
        # deferred: only a TOML file is edited as TOML, never a YAML run: 0.5 ms
        from frontlint.editing.toml_text import toml_string_edits

        return toml_string_edits(start, end, node.style if node.tag.endswith(":str") else None, value)


TOML = TomlDialect()
