"""Applying edits to a text (each replaces the span it names, everything else is kept), and picking fixes that do not overlap."""

from __future__ import annotations

from collections.abc import Sequence

from frontlint.diagnostic import Edit, Fix
from frontlint.reading.positions import LineIndex


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """Apply edits that do not overlap, each to the span it names; everything else is kept."""
    lines = LineIndex(text)
    spans = sorted(
        (lines.offset(edit.line, edit.column), lines.offset(edit.end_line, edit.end_column), edit.content)
        for edit in edits
    )
    pieces, cursor = [], 0
    for start, end, content in spans:
        pieces.append(text[cursor:start])
        pieces.append(content)
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)


def non_overlapping(fixes: list[Fix]) -> list[Fix]:
    """Pick fixes, first come first served, skipping any whose edits overlap one already picked."""
    chosen: list[Fix] = []
    taken: list[tuple[tuple[int, int], tuple[int, int]]] = []
    for fix in fixes:
        spans = [((e.line, e.column), (e.end_line, e.end_column)) for e in fix.edits]
        if any(start < other_end and other_start < end for start, end in spans for other_start, other_end in taken):
            continue
        taken.extend(spans)
        chosen.append(fix)
    return chosen
