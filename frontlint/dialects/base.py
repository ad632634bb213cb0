"""The interface a front-matter dialect implements (YAML ``---``, TOML ``+++``, JSON ``{ … }``).

Every dialect gives the same thing to the rest of frontlint: the front matter's plain data
(JSON-like: dicts with string keys, lists, strings, numbers, booleans, ``None``; date-times as the
RFC 3339 text written) and a node tree with the exact span of every key and value. The node tree
is made of PyYAML's node classes (``yaml.nodes.MappingNode``/``SequenceNode``/``ScalarNode``, each
with ``start_mark.index``/``end_mark.index`` relative to the block's start, and on a scalar a
``tag`` of ``tag:yaml.org,2002:{str,int,float,bool,null,timestamp}``): a plain tree that the
finaliser, the read-back of ``--fix`` and the language server already walk, whatever the dialect.
A scalar's ``style`` is the dialect's own (YAML's ``None``/``'``/``"``/``|``/``>``; TOML's and
JSON's quote character, ``None`` for a bare value); only the dialect that made it reads it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from yaml.nodes import Node, ScalarNode

    from frontlint.diagnostic import Problem
    from frontlint.editing.scalar_text import TextEdit
    from frontlint.reading.front_matter import FrontMatterBlock
    from frontlint.reading.limits import Limits
    from frontlint.reading.positions import LineIndex
    from frontlint.reading.yaml_nodes import ParsedFrontMatter


class FrontMatterDialect(Protocol):
    """One front-matter dialect: how to find, parse, suppress in, and edit its block."""

    name: str
    """Its short name, as rule ids and messages use it: ``yaml``, ``toml``, ``json``."""

    fence: str
    """The text that opens its block (``---``, ``+++``, ``{``): ``front-matter-too-large`` spans it, ``front-matter-missing`` names it."""

    comment: str | None
    """The comment marker a suppression directive follows (``#``), ``None`` where the dialect has no comments."""

    def opens(self, first_line: str) -> bool:
        """Whether a file whose first line is ``first_line`` (line break removed) starts a block of this dialect."""

    def find_block(self, lines: LineIndex) -> tuple[FrontMatterBlock | None, Problem | None]:
        """The block's place in the file (the text the parser reads), or the problem that no block can be found."""

    def parse(self, text: str, base: int, lines: LineIndex, limits: Limits) -> ParsedFrontMatter:
        """Parse the block's ``text`` (found at offset ``base`` of the file) into data, node tree and problems.

        Never raises on bad input: what cannot be read is a problem (``<name>-syntax`` and the
        other always-on reader ids), placed at its offset in the file.
        """

    def compose(self, text: str, limits: Limits) -> Node | None:
        """The node tree of the block's ``text`` alone (for reading a fixed file back).

        Raises :class:`frontlint.reading.yaml_nodes.UnreadableFrontMatter` when it cannot be read.
        """

    def scalar_edits(
        self, text: str, start: int, end: int, node: ScalarNode, value: str, in_flow: bool
    ) -> tuple[TextEdit, ...]:
        """The edits of the file's ``text`` that make the scalar at ``start:end`` hold the string ``value``.

        Empty when this dialect cannot rewrite that scalar safely: the fix is then offered as a
        suggestion and ``--fix`` never applies it.
        """
