"""The safety net of ``--fix``: an edited text is kept only if it reads back as intended.

Every rule's fix is an edit of one scalar's text. Whatever a rule (or the code that turns
its replacement into text) gets wrong, the fixed file must not break: after the edits, the
front matter must still compose, the text around it must be unchanged, and its node tree
must equal the old one (every key, tag, structure and alias; so no duplicate key, tag or
limit problem can appear) except the fixed scalars, which must hold exactly the values the
rules asked for, and none of those may be part of a mapping key (an alias can make a
value a key too: changing it would rename the key, or make it equal another one and lose
a value). It must also stay within the size limit: a fix that grows the front matter
past it (percent-encoding, escapes) would leave a file that is no longer checked at all. A value shared through an alias is one node: fixing it changes every place
that refers to it, as it should.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from yaml.nodes import MappingNode, Node, ScalarNode

from frontlint.diagnostic import Fix
from frontlint.reading.front_matter import find_front_matter
from frontlint.reading.limits import Limits
from frontlint.reading.positions import LineIndex
from frontlint.reading.yaml_nodes import UnreadableFrontMatter, compose_front_matter


class _ReadBack(NamedTuple):
    """A text's front matter as a node tree, where it starts, and the text around it."""

    before: str
    after: str
    root: Node | None
    base: int


class _Promise(NamedTuple):
    """A fix's promise: the scalar written at ``offset`` of the old text reads ``value``."""

    offset: int
    value: str


def fixes_hold(old_text: str, new_text: str, fixes: Sequence[Fix], limits: Limits) -> bool:
    """Tell whether ``new_text`` is ``old_text`` with exactly ``fixes`` made, and nothing broken."""
    promises = _promises(old_text, fixes)
    old, new = _read_back(old_text, limits), _read_back(new_text, limits)
    if promises is None or old is None or new is None or old.root is None or new.root is None:
        return False
    if (old.before, old.after) != (new.before, new.after):
        return False
    return _same_tree(old, new.root, promises) and not _changes_a_key(old.root, promises, old.base)


def _promises(text: str, fixes: Sequence[Fix]) -> list[_Promise] | None:
    """Where each fix edits the old text, and the value it promises (``None``: a fix promises none)."""
    if any(fix.value is None or not fix.edits for fix in fixes):
        return None
    lines = LineIndex(text)
    return [_Promise(lines.offset(fix.edits[0].line, fix.edits[0].column), str(fix.value)) for fix in fixes]


def _read_back(text: str, limits: Limits) -> _ReadBack | None:
    block, _ = find_front_matter(LineIndex(text))
    if (
        block is None
        or len(text[block.start : block.end].encode("utf-8", "surrogatepass")) > limits.max_front_matter_bytes
    ):
        return None
    try:
        root = compose_front_matter(text[block.start : block.end], limits)
    except UnreadableFrontMatter:
        return None
    return _ReadBack(text[: block.start], text[block.end :], root, block.start)


def _same_tree(old: _ReadBack, new_root: Node, promises: list[_Promise]) -> bool:
    """Compare two node trees: same shape, tags, keys and sharing; each scalar holds its old
    value, or the value promised for it. Every promise must land on exactly one scalar."""
    assert old.root is not None
    paired: dict[int, Node] = {}
    taken: set[int] = set()
    kept: set[int] = set()  # the promises that landed on a scalar
    stack = [(old.root, new_root)]
    while stack:
        old_node, new_node = stack.pop()
        if id(old_node) in paired:
            if paired[id(old_node)] is not new_node:
                return False
            continue
        if id(new_node) in taken or old_node.__class__ is not new_node.__class__ or old_node.tag != new_node.tag:
            return False
        paired[id(old_node)] = new_node
        taken.add(id(new_node))
        if isinstance(old_node, ScalarNode):
            expected = _expected(old_node, old.base, promises, kept)
            if expected is None or new_node.value != expected:
                return False
        elif len(old_node.value) != len(new_node.value):
            return False
        elif isinstance(old_node, MappingNode):
            stack.extend(
                (old_part, new_part)
                for old_pair, new_pair in zip(old_node.value, new_node.value)
                for old_part, new_part in zip(old_pair, new_pair)
            )
        else:
            stack.extend(zip(old_node.value, new_node.value))
    return len(kept) == len(promises)


def _changes_a_key(root: Node, promises: list[_Promise], base: int) -> bool:
    """Tell whether a promise lands on a scalar that is, or is inside, a mapping key."""
    seen: set[tuple[int, bool]] = set()
    stack = [(root, False)]
    while stack:
        node, in_key = stack.pop()
        if (id(node), in_key) in seen:
            continue
        seen.add((id(node), in_key))
        if isinstance(node, MappingNode):
            stack.extend(item for key, value in node.value for item in ((key, True), (value, in_key)))
        elif isinstance(node, ScalarNode):
            start, end = base + node.start_mark.index, base + node.end_mark.index
            if in_key and any(start <= promise.offset < end for promise in promises):
                return True
        else:
            stack.extend((item, in_key) for item in node.value)
    return False


def _expected(node: ScalarNode, base: int, promises: list[_Promise], kept: set[int]) -> str | None:
    """The value a scalar must hold after the fixes (``None``: two fixes promise it different values)."""
    start, end = base + node.start_mark.index, base + node.end_mark.index
    values = set()
    for index, promise in enumerate(promises):
        if start <= promise.offset < end:
            kept.add(index)
            values.add(promise.value)
    if len(values) > 1:
        return None
    return values.pop() if values else str(node.value)
