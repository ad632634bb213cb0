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

The same check decides which fixes are offered at all (:func:`with_safe_fixes`): a diagnostic
keeps its fix (the ``fix`` of JSON and SARIF output, the summary's fixable count, an editor's
quick fix) only where that fix, made alone, passes it.
"""

from __future__ import annotations

import bisect
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from yaml.nodes import MappingNode, Node, ScalarNode

from frontlint.diagnostic import Diagnostic, Fix
from frontlint.editing.edits import apply_edits, non_overlapping
from frontlint.reading.limits import Limits
from frontlint.reading.positions import LineIndex
from frontlint.reading.yaml_nodes import UnreadableFrontMatter

if TYPE_CHECKING:
    from frontlint.dialects.base import FrontMatterDialect


class _ReadBack(NamedTuple):
    """A text's front matter as a node tree, where it starts, the text around it, and the dialect that read it."""

    before: str
    after: str
    root: Node | None
    base: int
    dialect: FrontMatterDialect


class _Promise(NamedTuple):
    """A fix's promise: the scalar written at ``offset`` of the old text reads ``value``."""

    offset: int
    value: str


# Where fixes checked together do not read back (a fix's text is wrong: it should not happen),
# how many are then checked one by one; and how many groups of fixes that overlap (fixes of
# one value by different rules) are checked. A fix not checked is not offered.
_MOST_CHECKED_ALONE = 16
_MOST_GROUPS = 8


def fixes_hold(old_text: str, new_text: str, fixes: Sequence[Fix], limits: Limits, dialect: FrontMatterDialect) -> bool:
    """Tell whether ``new_text`` is ``old_text`` with exactly ``fixes`` made, and nothing broken.

    Both texts are read as ``dialect``, the old text's: a fixed text its dialect no longer finds does not hold.
    """
    old = _read_back(old_text, limits, dialect)
    if old is None or old.root is None:
        return False
    return _holds(old, _key_spans(old.root, old.base), old_text, new_text, fixes, limits)


def with_safe_fixes(
    text: str, diagnostics: list[Diagnostic], limits: Limits, dialect: FrontMatterDialect, root: Node | None = None
) -> list[Diagnostic]:
    """``diagnostics`` of ``text``, each keeping its fix only where :func:`safe_fixes` finds it safe.

    ``dialect`` is the text's front-matter dialect; ``root`` is the node tree of the text's
    front matter, where the caller has composed it (with the limits): it is not composed again.
    Nothing is read back when no diagnostic has a fix, as in most files.
    """
    fixes = list(dict.fromkeys(diagnostic.fix for diagnostic in diagnostics if diagnostic.fix is not None))
    if not fixes:
        return diagnostics
    safe = safe_fixes(text, fixes, limits, dialect, root)
    return [d if d.fix is None or d.fix in safe else d._replace(fix=None) for d in diagnostics]


def safe_fixes(
    text: str, fixes: Sequence[Fix], limits: Limits, dialect: FrontMatterDialect, root: Node | None = None
) -> set[Fix]:
    """The fixes of ``fixes`` that, each made alone in ``text``, pass :func:`fixes_hold` (what ``--fix`` checks).

    Made cheap for a file with many fixes: the size limit is checked for each fix by adding up
    its edits, whether it changes a key by looking its scalar up among the keys, and the node
    tree once for all the fixes that do not overlap (each fix's edits replace one scalar's text
    only; a tree that reads back with all of them made reads back with each alone).
    ``root``: the front matter's node tree, if composed already.
    """
    old = _read_back(text, limits, dialect, root)
    if old is None or old.root is None:
        return set()
    lines = LineIndex(text)
    keys = _key_spans(old.root, old.base)
    room = limits.max_front_matter_bytes - _utf8_size(text[len(old.before) : len(text) - len(old.after)])
    alone = []
    for fix in fixes:
        promise = _promise(lines, fix)
        if promise is not None and _growth(text, lines, fix) <= room and not _in_spans(keys, promise.offset):
            alone.append(fix)
    return _holding(old, keys, text, alone, limits._replace(max_front_matter_bytes=sys.maxsize))


def _holding(old: _ReadBack, keys: list[tuple[int, int]], text: str, fixes: list[Fix], limits: Limits) -> set[Fix]:
    """The fixes whose node tree reads back as promised: checked together, a group of fixes that do not overlap at a time."""
    safe: set[Fix] = set()
    remaining = fixes
    for _ in range(_MOST_GROUPS):
        if not remaining:
            break
        group = non_overlapping(remaining)
        if _holds(old, keys, text, apply_edits(text, [edit for fix in group for edit in fix.edits]), group, limits):
            safe.update(group)
        else:
            safe.update(
                fix
                for fix in group[:_MOST_CHECKED_ALONE]
                if _holds(old, keys, text, apply_edits(text, fix.edits), [fix], limits)
            )
        checked = set(group)
        remaining = [fix for fix in remaining if fix not in checked]
    return safe


def _holds(
    old: _ReadBack, keys: list[tuple[int, int]], old_text: str, new_text: str, fixes: Sequence[Fix], limits: Limits
) -> bool:
    """:func:`fixes_hold`, the old text already read back (``old``, the spans of its ``keys``)."""
    promises = _promises(old_text, fixes)
    new = _read_back(new_text, limits, old.dialect)
    if promises is None or new is None or new.root is None:
        return False
    if (old.before, old.after) != (new.before, new.after):
        return False
    return _same_tree(old, new.root, promises) and not any(_in_spans(keys, promise.offset) for promise in promises)


def _promises(text: str, fixes: Sequence[Fix]) -> list[_Promise] | None:
    """Where each fix edits the old text, and the value it promises (``None``: a fix promises none)."""
    lines = LineIndex(text)
    promises = []
    for fix in fixes:
        promise = _promise(lines, fix)
        if promise is None:
            return None
        promises.append(promise)
    return promises


def _promise(lines: LineIndex, fix: Fix) -> _Promise | None:
    """Where ``fix`` edits the text, and the value it promises (``None``: it promises none)."""
    if fix.value is None or not fix.edits:
        return None
    return _Promise(lines.offset(fix.edits[0].line, fix.edits[0].column), str(fix.value))


def _growth(text: str, lines: LineIndex, fix: Fix) -> int:
    """How many bytes ``fix`` adds to the text (negative: removes)."""
    growth = 0
    for edit in fix.edits:
        start, end = lines.offset(edit.line, edit.column), lines.offset(edit.end_line, edit.end_column)
        growth += _utf8_size(edit.content) - _utf8_size(text[start:end])
    return growth


def _utf8_size(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


def _read_back(text: str, limits: Limits, dialect: FrontMatterDialect, root: Node | None = None) -> _ReadBack | None:
    """The front matter of ``text`` read back as ``dialect`` (``root``: its node tree, if composed already); ``None``: it does not."""
    block, _ = dialect.find_block(LineIndex(text))
    if block is None or _utf8_size(text[block.start : block.end]) > limits.max_front_matter_bytes:
        return None
    if root is None:
        try:
            root = dialect.compose(text[block.start : block.end], limits)
        except UnreadableFrontMatter:
            return None
    return _ReadBack(text[: block.start], text[block.end :], root, block.start, dialect)


def _same_tree(old: _ReadBack, new_root: Node, promises: list[_Promise]) -> bool:
    """Compare two node trees: same shape, tags, keys and sharing; each scalar holds its old
    value, or the value promised for it. Every promise must land on exactly one scalar."""
    assert old.root is not None
    ordered = sorted(promises)
    offsets = [promise.offset for promise in ordered]
    paired: dict[int, Node] = {}
    taken: set[int] = set()
    kept: set[int] = set()  # the promises (by index in ``ordered``) that landed on a scalar
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
            expected = _expected(old_node, old.base, ordered, offsets, kept)
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


def _key_spans(root: Node, base: int) -> list[tuple[int, int]]:
    """The spans of the scalars that are, or are inside, a mapping key (aliases followed), in order."""
    spans: set[tuple[int, int]] = set()
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
            if in_key:
                spans.add((base + node.start_mark.index, base + node.end_mark.index))
        else:
            stack.extend((item, in_key) for item in node.value)
    return sorted(spans)


def _in_spans(spans: list[tuple[int, int]], offset: int) -> bool:
    """Whether ``offset`` is inside one of ``spans`` (in order, not overlapping: no two scalars do)."""
    index = bisect.bisect_right(spans, (offset, sys.maxsize)) - 1
    return index >= 0 and spans[index][0] <= offset < spans[index][1]


def _expected(node: ScalarNode, base: int, ordered: list[_Promise], offsets: list[int], kept: set[int]) -> str | None:
    """The value a scalar must hold after the fixes (``None``: two fixes promise it different values).

    ``ordered``: the promises in the order of their ``offsets``, found by bisection (a file may have thousands).
    """
    start, end = base + node.start_mark.index, base + node.end_mark.index
    values = set()
    index = bisect.bisect_left(offsets, start)
    while index < len(offsets) and offsets[index] < end:
        kept.add(index)
        values.add(ordered[index].value)
        index += 1
    if len(values) > 1:
        return None
    return values.pop() if values else str(node.value)
