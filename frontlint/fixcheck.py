"""The safety net of ``--fix``: an edited text is kept only if it reads back as intended.

Every rule's fix is an edit of one scalar's text. Whatever a rule (or the code that turns
its replacement into text) gets wrong, the fixed file must not break: after the edits, the
front matter must parse with no new problems, and its node tree must equal the old one
(every key, tag, structure and alias) except the fixed scalars, which must hold exactly the
values the rules asked for. A value shared through an alias is one node: fixing it changes
every place that refers to it, as it should.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

from yaml.nodes import MappingNode, Node, ScalarNode

from .diagnostic import Fix
from .limits import Limits
from .positions import LineIndex
from .source import find_front_matter
from .yamlread import ParsedFrontMatter, parse_front_matter


class _ReadBack(NamedTuple):
    """A text's front matter as parsed, and the text around it."""

    before: str
    after: str
    parsed: ParsedFrontMatter
    lines: LineIndex


def fixes_hold(old_text: str, new_text: str, fixes: Sequence[Fix], limits: Limits) -> bool:
    """Tell whether ``new_text`` is ``old_text`` with exactly ``fixes`` made, and nothing broken."""
    old, new = _read_back(old_text, limits), _read_back(new_text, limits)
    if old is None or new is None or old.parsed.root is None or new.parsed.data is None:
        return False
    if (old.before, old.after) != (new.before, new.after) or _new_problems(old.parsed, new.parsed):
        return False
    expected = _expected_values(old, fixes)
    return expected is not None and new.parsed.root is not None and _same_tree(old.parsed.root, new.parsed.root, expected)


def _read_back(text: str, limits: Limits) -> _ReadBack | None:
    lines = LineIndex(text)
    block, _ = find_front_matter(lines)
    if block is None:
        return None
    parsed = parse_front_matter(text[block.start : block.end], block.start, lines, limits)
    return _ReadBack(text[: block.start], text[block.end :], parsed, lines)


def _new_problems(old: ParsedFrontMatter, new: ParsedFrontMatter) -> bool:
    """Whether the new text has a reading problem the old one did not (compared by rule:
    messages name lines, which a fix may shift)."""
    return bool(Counter(problem.rule for problem in new.problems) - Counter(problem.rule for problem in old.problems))


def _expected_values(old: _ReadBack, fixes: Sequence[Fix]) -> dict[int, str] | None:
    """Map the id of each fixed scalar node to the value its fix promises (``None``: unknown)."""
    assert old.parsed.root is not None
    scalars = _scalars(old.parsed.root)
    expected: dict[int, str] = {}
    for fix in fixes:
        if fix.value is None or not fix.edits:
            return None
        offset = old.lines.offset(fix.edits[0].line, fix.edits[0].column)
        node = next((node for node in scalars if _starts_within(old.parsed, node, offset)), None)
        if node is None or expected.get(id(node), fix.value) != fix.value:
            return None
        expected[id(node)] = fix.value
    return expected


def _starts_within(parsed: ParsedFrontMatter, node: ScalarNode, offset: int) -> bool:
    start, end = parsed.span(node)
    return start <= offset < end


def _scalars(root: Node) -> list[ScalarNode]:
    """Every scalar node of a tree, each once (aliases share nodes)."""
    found, seen, stack = [], set(), [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, ScalarNode):
            found.append(node)
        elif isinstance(node, MappingNode):
            stack.extend(part for pair in node.value for part in pair)
        else:
            stack.extend(node.value)
    return found


def _same_tree(old: Node, new: Node, expected: dict[int, str]) -> bool:
    """Compare two node trees: same shape, tags, keys and sharing; scalars equal or as expected."""
    paired: dict[int, Node] = {}
    taken: set[int] = set()
    stack = [(old, new)]
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
            if new_node.value != expected.get(id(old_node), old_node.value):
                return False
        elif len(old_node.value) != len(new_node.value):
            return False
        elif isinstance(old_node, MappingNode):
            stack.extend((old_part, new_part) for old_pair, new_pair in zip(old_node.value, new_node.value) for old_part, new_part in zip(old_pair, new_pair))
        else:
            stack.extend(zip(old_node.value, new_node.value))
    return True
