"""YAML front matter (``---`` fences, as Jekyll and Hugo read it): the first dialect behind the seam.

Each method hands over to the module that has done the work since before the seam
(:mod:`frontlint.reading.front_matter`, :mod:`frontlint.reading.yaml_nodes`,
:mod:`frontlint.editing.scalar_text`), so YAML's behaviour is theirs, byte for byte.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from frontlint.editing.scalar_text import TextEdit, scalar_edits
from frontlint.reading.front_matter import FrontMatterBlock, find_front_matter
from frontlint.reading.limits import Limits
from frontlint.reading.positions import LineIndex
from frontlint.reading.yaml_nodes import ParsedFrontMatter, compose_front_matter, parse_front_matter

if TYPE_CHECKING:
    from yaml.nodes import Node, ScalarNode

    from frontlint.diagnostic import Problem


class YamlDialect:
    """YAML between ``---`` fences (the closing fence may be ``...``), with ``#`` comments."""

    name = "yaml"
    fence = "---"
    comment: str | None = "#"

    def opens(self, first_line: str) -> bool:
        """Whether ``first_line`` is ``---`` (trailing blanks allowed)."""
        return first_line.rstrip(" \t") == "---"

    def find_block(self, lines: LineIndex) -> tuple[FrontMatterBlock | None, Problem | None]:
        """The lines between the ``---`` fences (see :func:`~frontlint.reading.front_matter.find_front_matter`)."""
        return find_front_matter(lines)

    def parse(self, text: str, base: int, lines: LineIndex, limits: Limits) -> ParsedFrontMatter:
        """The YAML's data and node tree (see :func:`~frontlint.reading.yaml_nodes.parse_front_matter`)."""
        return parse_front_matter(text, base, lines, limits)

    def compose(self, text: str, limits: Limits) -> Node | None:
        """The YAML's node tree alone (see :func:`~frontlint.reading.yaml_nodes.compose_front_matter`)."""
        return compose_front_matter(text, limits)

    def scalar_edits(
        self, text: str, start: int, end: int, node: ScalarNode, value: str, in_flow: bool
    ) -> tuple[TextEdit, ...]:
        """The scalar rewritten in its own style where it can hold ``value`` (see :func:`~frontlint.editing.scalar_text.scalar_edits`)."""
        return scalar_edits(text, start, end, node.style, value, in_flow)


YAML = YamlDialect()
