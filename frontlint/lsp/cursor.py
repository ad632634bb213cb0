"""What every dialect's completion cursor shares: a place to complete (:class:`Spot`), the interface, the placeholder's search.

Completion works alike in every dialect: while a writer types, the text is rarely valid (``ti``
is not yet a key), so the dialect's cursor writes the text again with a placeholder key or value
where the cursor is, composes it with the dialect's own reader, and finds the placeholder in the
node tree (:func:`placeholder_in`): which mapping, or which value, the cursor is in. The dialect's
cursor is a :class:`DialectCursor`, registered by the dialect's name in
:data:`frontlint.lsp.completion.CURSORS`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, Literal, NamedTuple

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from frontlint.diagnostic import DataPath
from frontlint.dialects.base import FrontMatterDialect
from frontlint.reading.front_matter import FrontMatterBlock
from frontlint.reading.limits import Limits
from frontlint.reading.positions import LineIndex
from frontlint.reading.yaml_nodes import UnreadableFrontMatter

PLACEHOLDER = "__frontlint_cursor__"


class Spot(NamedTuple):
    """A place to complete: a key of the mapping at ``path`` (``present`` keys it has), or the value at ``path``.

    ``start`` is the offset where the word being written begins; the cursor ends it, or ``end``
    where the word goes on past the cursor (the closing quote an editor typed for the writer).
    """

    kind: Literal["key", "value"]
    path: DataPath
    start: int
    present: frozenset[str] = frozenset()
    end: int | None = None


class DialectCursor(NamedTuple):
    """How one dialect completes: where the cursor may complete, and how a key and a value are written there.

    - ``spots(lines, offset, limits)``: the :class:`Spot` s at ``offset`` of the text ``lines``
      indexes; none where the text is not this dialect's, or the cursor is not in its front matter.
    - ``key_text(name)``: what completing the key ``name`` inserts (``name: `` in YAML).
    - ``value_text(value)``: the JSON-like ``value`` written as the dialect's literal, which reads
      back as it; ``None`` where the dialect cannot write it (TOML has no null): no item is offered.
    """

    spots: Callable[[LineIndex, int, Limits], list[Spot]]
    key_text: Callable[[str], str]
    value_text: Callable[[Any], str | None]


class Head(NamedTuple):
    """What the cursor is writing: a ``kind`` of word that starts at ``start``, inside brackets that ``closers`` close.

    ``start`` is relative to the block; ``closers`` close the arrays and objects open at the
    cursor, innermost first; ``quote`` is the quote the word opens with (``""`` for a bare word).
    """

    kind: Literal["key", "value"]
    start: int
    closers: str
    quote: str = ""


def placeholder_spots(
    dialect: FrontMatterDialect,
    lines: LineIndex,
    block: FrontMatterBlock,
    offset: int,
    found: Head,
    key_form: str,
    limits: Limits,
) -> list[Spot]:
    """The spot where the cursor at ``offset`` writes what ``found`` says, found by reading the block with a placeholder.

    The word being written (with the closing quote an editor typed after the cursor) is replaced
    by ``key_form`` (a placeholder key and a value, in the dialect's syntax) or by the placeholder
    as a quoted string, and the block is read by ``dialect`` with the text after the word kept,
    else with a comma before it (inside brackets),
    else with the rest of the line dropped and the open brackets closed, else with everything
    after the cursor dropped: the first that reads places the cursor.
    """
    text = lines.text
    start = block.start + found.start
    end = _word_end(text, offset, found.quote)
    after = text[offset if end is None else end : block.end]
    line = lines.position(offset).line
    line_end = min(lines.line_start(line) + len(lines.line_text(line)), block.end)
    before = text[block.start : start] + (key_form if found.kind == "key" else f'"{PLACEHOLDER}"')
    candidates = [before + after]
    if found.closers:  # inside an array or object, with more of it after the cursor
        candidates.append(before + "," + after)
    candidates += [before + found.closers + text[line_end : block.end], before + found.closers]
    for candidate in dict.fromkeys(candidates):
        where = placeholder_in(composed(dialect, candidate, limits), ())
        if where is not None and where[0] == found.kind:
            return [Spot(found.kind, where[1], start, where[2], end)]
    return []


def _word_end(text: str, offset: int, quote: str) -> int | None:
    """Past the closing quote an editor typed after the cursor, where the word is a string begun: ``None`` elsewhere."""
    return offset + 1 if quote and text.startswith(quote, offset) else None


def composed(dialect: FrontMatterDialect, block_text: str, limits: Limits) -> Node | None:
    """The node tree of ``block_text`` read by ``dialect``; ``None`` where it cannot be read."""
    try:
        return dialect.compose(block_text, limits)
    except UnreadableFrontMatter:
        return None


def placeholder_in(
    node: Node | None, path: DataPath, seen: set[int] | None = None
) -> tuple[str, DataPath, frozenset[str]] | None:
    """Where the placeholder is in a composed tree: as a key (the mapping's path and its other keys) or a value (its path).

    Each node is visited once: aliases make the tree a graph, which a walk of every path would
    take exponential time to cover (``a: &a [x, x]``, ``b: &b [*a, *a]``, ...).
    """
    seen = set() if seen is None else seen
    if node is None or id(node) in seen:
        return None
    seen.add(id(node))
    for step, child, is_key, siblings in _members(node):
        if isinstance(child, ScalarNode) and child.value == PLACEHOLDER:
            if is_key:
                return "key", path, frozenset(siblings - {PLACEHOLDER})
            return "value", path + (step,), frozenset()
        if not is_key:
            found = placeholder_in(child, path + (step,), seen)
            if found is not None:
                return found
    return None


def _members(node: Node | None) -> Iterator[tuple[str | int, Node, bool, frozenset[str]]]:
    """Each key and value of a mapping (with its keys), each item of a list."""
    if isinstance(node, MappingNode):
        keys = frozenset(
            key.value for key, _ in node.value if isinstance(key, ScalarNode) and isinstance(key.value, str)
        )
        for key, value in node.value:
            if isinstance(key, ScalarNode) and isinstance(key.value, str):
                yield key.value, key, True, keys
                yield key.value, value, False, keys
    elif isinstance(node, SequenceNode):
        for index, item in enumerate(node.value):
            yield index, item, False, frozenset()
