"""Writing a string back into YAML source in place of one scalar, keeping everything around it.

A fix replaces the text of one scalar and nothing else: the anchor and tag written before
it, a comment after it, the line breaks, blank lines and comments that follow a block
scalar all stay byte for byte. The new text keeps the original quoting where that style
can hold the new value in its place (re-escaped as that style needs), and otherwise falls
back to a double-quoted scalar, which can hold any string on one line in any context.

A block scalar (``|``, ``>``, with any indicators) is rewritten as a double-quoted scalar
where its indicator was, and its content lines are removed: the fixed values (a trimmed
title, a decoded excerpt) are one line with no final line break, which ``|`` and ``>``
with clipping cannot hold, and one quoted line is valid at any indentation.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# Plain scalars that YAML 1.1 reads as something other than a string, or that would not
# parse back as the same string: these must be quoted.
_NOT_PLAIN = re.compile(
    r"""^(?:[-?:,\[\]{}#&*!|>'"%@`\s]|---|\.\.\.)|[\s]$|:\s|\s#|:$|[\x00-\x1f\x7f\u0085\u2028\u2029\ufeff]"""
)
# Inside a flow collection ([...] or {...}) these end a plain scalar.
_FLOW_INDICATORS = re.compile(r"[,\[\]{}]")
_NON_STRING = re.compile(
    r"""^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N"""
    r"""|[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9_]+|0b[01_]+|0x[0-9a-fA-F_]+|0o?[0-7_]+"""
    r"""|[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?|\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))"""
    r"""|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+|$).*|=|<<)$"""
)
_DOUBLE_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0"}
# The properties a node may carry before its scalar (an anchor, a tag), each followed by
# whitespace, line breaks or comments.
_PROPERTY = re.compile(r"(?:&[^\s,\[\]{}]*|!<[^>\s]*>|![^\s,\[\]{}]*)(?:[ \t]*(?:#[^\r\n]*)?(?:\r\n|\r|\n)?)*[ \t]*")
# A block scalar's header: the indicator, then indentation and chomping indicators.
_BLOCK_INDICATOR = re.compile(r"[|>][0-9+-]*")
_LINE_END = re.compile(r"[^\r\n]*")


class TextEdit(NamedTuple):
    """Replace ``text[start:end]`` with ``content`` (character offsets into the file's text)."""

    start: int
    end: int
    content: str


def scalar_edits(text: str, start: int, end: int, style: str | None, value: str, in_flow: bool) -> tuple[TextEdit, ...]:
    """Return the edits that make the scalar written at ``text[start:end]`` hold ``value``.

    ``start``/``end`` are the node's span as the YAML composer marks it (anchor and tag
    included, a block scalar's trailing line breaks too); ``style`` is its scalar style and
    ``in_flow`` tells whether it sits inside a flow collection. An anchored node may be
    reached through an alias from another context than its own, so one with properties
    is written as if in a flow collection (the stricter context: valid in both).
    """
    content_start = _after_properties(text, start, end)
    if style in ("|", ">"):
        return _block_edits(text, content_start, end, value)
    in_flow = in_flow or content_start > start
    return (TextEdit(content_start, end, render_scalar(value, style, in_flow=in_flow)),)


def _after_properties(text: str, start: int, end: int) -> int:
    """Skip the anchor and tag (and the whitespace or comments after them) before a scalar."""
    position = start
    while position < end and text[position] in "&!":
        match = _PROPERTY.match(text, position, end)
        assert match is not None  # the pattern matches any "&" or "!"
        position = match.end()
    return position


def _block_edits(text: str, indicator: int, end: int, value: str) -> tuple[TextEdit, ...]:
    """Put ``value`` double-quoted where the block indicator was; drop the content lines only.

    The header's comment stays on its line; the line breaks, blank lines and comments that
    follow the last content line stay where they are.
    """
    header = _BLOCK_INDICATOR.match(text, indicator, end)
    assert header is not None  # a block scalar starts with its indicator
    edits = [TextEdit(indicator, header.end(), double_quoted(value))]
    header_line_end = _line_end(text, header.end())
    content_end = _last_content_end(text, header_line_end, end)
    if content_end > header_line_end:
        edits.append(TextEdit(header_line_end, content_end, ""))
    return tuple(edits)


def _last_content_end(text: str, begin: int, end: int) -> int:
    """The end of the last line between ``begin`` and ``end`` that holds more than spaces."""
    last = begin + len(text[begin:end].rstrip(" \r\n"))
    return _line_end(text, last) if last > begin else begin


def _line_end(text: str, position: int) -> int:
    """The offset of the line break (or the end of the text) at or after ``position``."""
    match = _LINE_END.match(text, position)
    assert match is not None  # the pattern matches the empty string
    return match.end()


def render_scalar(value: str, style: str | None, *, in_flow: bool = False) -> str:
    """Return YAML source for the string ``value``, in ``style`` where that can hold it.

    ``style`` is PyYAML's scalar style: ``None`` or ``""`` (plain, as the pure-Python and the
    libyaml composers write it), ``"'"``, ``'"'``, ``"|"`` or ``">"``. ``in_flow`` says the
    scalar is inside a flow collection, where ``,[]{}`` end a plain scalar. Block scalars,
    and values a style cannot hold, are written double-quoted.
    """
    if not style and _can_be_plain(value, in_flow):
        return value
    if style == "'" and not any(char in value for char in "\n\r\t") and value.isprintable():
        return "'" + value.replace("'", "''") + "'"
    return double_quoted(value)


def _can_be_plain(value: str, in_flow: bool) -> bool:
    return (
        bool(value)
        and not _NOT_PLAIN.search(value)
        and not _NON_STRING.match(value)
        and not (in_flow and _FLOW_INDICATORS.search(value))
    )


def double_quoted(value: str) -> str:
    """Return ``value`` as a double-quoted YAML scalar on one line."""
    parts = []
    for char in value:
        if char in _DOUBLE_ESCAPES:
            parts.append(_DOUBLE_ESCAPES[char])
        elif not char.isprintable() and char != " ":
            code = ord(char)
            parts.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
        else:
            parts.append(char)
    return '"' + "".join(parts) + '"'
