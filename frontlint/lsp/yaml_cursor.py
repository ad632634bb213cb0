"""What the cursor is on in a document's front matter: a key or value (for hover), or a place to complete (YAML's).

Positions are character offsets into the text frontlint lints. The front matter is found and
composed as the linter does, by the document's dialect (:func:`frontlint.dialects.find_block`,
:meth:`~frontlint.dialects.base.FrontMatterDialect.compose`): what the cursor is on
(:func:`node_at`, for hover) is found in every dialect. :func:`completion_spots` is YAML's
completion cursor (each dialect has its own, see :mod:`frontlint.lsp.cursor`): while a writer
types, the line being written is rarely valid YAML (``ti`` is not yet a key): to complete it, that
line is written again with a placeholder key or value where the cursor is, and the front matter
composed with it tells which mapping, or which value, the cursor is in.
"""

from __future__ import annotations

import re
from typing import Literal

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from frontlint.diagnostic import DataPath
from frontlint.dialects import find_block
from frontlint.dialects.base import FrontMatterDialect
from frontlint.dialects.yaml_dialect import YAML
from frontlint.lsp.cursor import PLACEHOLDER, Spot, composed, placeholder_in
from frontlint.reading.front_matter import FrontMatterBlock
from frontlint.reading.limits import Limits
from frontlint.reading.positions import LineIndex

_WORD = r"(?:[\w$][\w$.-]*)?"
# What precedes the cursor on its line: a key being written, a value after "key: ", an item after "- ".
_KEY_HEAD = re.compile(rf"(?P<lead> *(?:- +)*)(?P<word>{_WORD})")
_VALUE_HEAD = re.compile(r"(?P<lead> *(?:- +)*[\w$][\w$.-]*: +)(?P<word>[^\s#'\"]*)")
_ITEM_HEAD = re.compile(r"(?P<lead> *(?:- +)+)(?P<word>[^\s#:'\"]*)")


def front_matter_block(lines: LineIndex) -> tuple[FrontMatterDialect, FrontMatterBlock | None]:
    """The dialect of a text and its front matter, where it can be found (``None``: none, or not closed)."""
    dialect, block, _ = find_block(lines)
    return dialect, block


def node_at(lines: LineIndex, offset: int, limits: Limits = Limits()) -> tuple[DataPath, tuple[int, int]] | None:
    """The path of the innermost key or value at ``offset`` and the span of what is under it (a key's own span).

    ``None`` where the offset is not on a key or value of the front matter, or it cannot be read.
    Each node is entered once: an alias of a collection that holds it (``a: &a [*a]``) is that
    collection again, and with the collection's span, not the alias's; the walk does not go back
    into it, and stops at the collection where the cursor is on such an alias.
    """
    dialect, block = front_matter_block(lines)
    if block is None or not block.start <= offset <= block.end:
        return None
    node = composed(dialect, lines.text[block.start : block.end], limits)
    relative = offset - block.start
    path: list[str | int] = []
    entered: set[int] = set()
    while node is not None:
        entered.add(id(node))
        inner = _child_at(node, relative, entered)
        if inner is None:
            break
        step, child, is_key = inner
        path.append(step)
        if is_key:
            return tuple(path), (block.start + child.start_mark.index, block.start + child.end_mark.index)
        node = child
    if not path or node is None:
        return None
    return tuple(path), (block.start + node.start_mark.index, block.start + node.end_mark.index)


def _child_at(node: Node, offset: int, entered: set[int]) -> tuple[str | int, Node, bool] | None:
    """The member of ``node`` at ``offset``: its key or index, its node, and whether the offset is on the key itself.

    A member that is a node already ``entered`` (an alias of a collection around it) is passed over.
    """
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if not (isinstance(key, ScalarNode) and isinstance(key.value, str)):
                continue
            if _spans(key, offset):
                return key.value, key, True
            if id(value) not in entered and _spans(value, offset):
                return key.value, value, False
    elif isinstance(node, SequenceNode):
        for index, item in enumerate(node.value):
            if id(item) not in entered and _spans(item, offset):
                return index, item, False
    return None


def _spans(node: Node, offset: int) -> bool:
    return bool(node.start_mark.index <= offset <= node.end_mark.index)


def completion_spots(lines: LineIndex, offset: int, limits: Limits = Limits()) -> list[Spot]:
    """The places the cursor at ``offset`` may complete: a key, a value, or an item of a list (either).

    YAML front matter only (the placeholder is written as YAML): none in another dialect.
    """
    dialect, block = front_matter_block(lines)
    if dialect is not YAML or block is None or not block.start <= offset <= block.end:
        return []
    line = lines.position(offset).line
    line_start = lines.line_start(line)
    line_end = line_start + len(lines.line_text(line))
    head = lines.text[line_start:offset]
    text = lines.text

    def written_as(replacement: str) -> Node | None:
        return composed(YAML, text[block.start : line_start] + replacement + text[line_end : block.end], limits)

    spots: list[Spot] = []
    heads: tuple[tuple[re.Pattern[str], Literal["key", "value"], str], ...] = (
        (_KEY_HEAD, "key", ":"),
        (_VALUE_HEAD, "value", ""),
        (_ITEM_HEAD, "value", ""),
    )
    for pattern, kind, suffix in heads:
        match = pattern.fullmatch(head)
        if match is None:
            continue
        found = placeholder_in(written_as(match["lead"] + PLACEHOLDER + suffix), ())
        if found is not None and (found[0] == kind):
            spots.append(Spot(kind, found[1], offset - len(match["word"]), found[2]))
    return spots
