"""Writing a string back into YAML source in the style its scalar was written in.

A fix replaces exactly the text of one scalar. The new text keeps the original quoting
where that style can hold the new value (re-escaped as that style needs), and otherwise
falls back to a double-quoted scalar, which can hold any string on one line.
"""

from __future__ import annotations

import re

# Plain scalars that YAML 1.1 reads as something other than a string, or that would not
# parse back as the same string: these must be quoted.
_NOT_PLAIN = re.compile(
    r"""^(?:[-?:,\[\]{}#&*!|>'"%@`\s]|---|\.\.\.)|[\s]$|:\s|\s#|:$|[\x00-\x1f\x7f\u0085\u2028\u2029\ufeff]"""
)
_NON_STRING = re.compile(
    r"""^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N"""
    r"""|[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9_]+|0b[01_]+|0x[0-9a-fA-F_]+|0o?[0-7_]+"""
    r"""|[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?|\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))"""
    r"""|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+|$).*|=|<<)$"""
)
_DOUBLE_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0"}


def render_scalar(value: str, style: str | None) -> str:
    """Return YAML source for the string ``value``, in ``style`` where that can hold it.

    ``style`` is PyYAML's scalar style: ``None`` (plain), ``"'"``, ``'"'``, ``"|"`` or ``">"``.
    Block scalars, and values a style cannot hold, are written double-quoted.
    """
    if style is None and value and not _NOT_PLAIN.search(value) and not _NON_STRING.match(value):
        return value
    if style == "'" and not any(char in value for char in "\n\r\t") and value.isprintable():
        return "'" + value.replace("'", "''") + "'"
    return double_quoted(value)


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
