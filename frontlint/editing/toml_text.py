"""Writing a string back into TOML source in place of one string value, keeping everything around it.

A fix replaces the text of one value (its quotes included) and nothing else. The new text keeps
the value's own kind of string where that kind can hold the new value:

- a basic string ``"…"`` stays basic, with TOML's escapes (``\\"``, ``\\\\``, ``\\n``, ``\\uXXXX``
  for a control character);
- a literal string ``'…'`` stays literal where the value has no ``'``, no line break and no
  control character (a literal string has no escapes), and becomes basic otherwise;
- a multi-line basic string ``\"\"\"…\"\"\"`` stays multi-line basic, written on one line with every
  quote, backslash and line break escaped (so no closing delimiter, line-ending backslash or
  trimmed first line break can change it);
- a multi-line literal string ``'''…'''`` stays so where the value is one line with no ``'`` and
  no control character, and becomes basic otherwise.

A value that is not a string (a number, a date-time written bare) is not rewritten: no edit, and
the fix is shown as a suggestion.
"""

from __future__ import annotations

from frontlint.editing.scalar_text import TextEdit

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\b": "\\b", "\f": "\\f"}


def toml_string_edits(start: int, end: int, style: str | None, value: str) -> tuple[TextEdit, ...]:
    """The edit that makes the TOML string written at ``start:end`` (quotes included) hold ``value``.

    ``style`` is the string's opening quotes (``"``, ``'``, ``\"\"\"``, ``'''``); empty for a value that
    is not a string, which is not rewritten.
    """
    if style not in ('"', "'", '"""', "'''"):
        return ()
    return (TextEdit(start, end, render_toml_string(value, style)),)


def render_toml_string(value: str, style: str) -> str:
    """TOML source for the string ``value``, in ``style`` where that kind of string can hold it, else basic."""
    if style in ("'", "'''") and _fits_literal(value):
        return style + value + style
    if style == '"""':
        return '"""' + _escaped(value) + '"""'
    return '"' + _escaped(value) + '"'


def _fits_literal(value: str) -> bool:
    """Whether a literal string holds ``value`` as it is: no quote that would end it, no line break or control character."""
    return "'" not in value and all(char == "\t" or _allowed(char) for char in value)


def _allowed(char: str) -> bool:
    """Whether TOML allows ``char`` unescaped in a string (no control character but tab, no DEL)."""
    code = ord(char)
    return code >= 0x20 and code != 0x7F and not 0xD800 <= code <= 0xDFFF


def _escaped(value: str) -> str:
    """``value`` with what a basic string cannot hold as it is escaped."""
    parts = []
    for char in value:
        if char in _ESCAPES:
            parts.append(_ESCAPES[char])
        elif not _allowed(char):
            parts.append(f"\\u{ord(char):04X}")
        else:
            parts.append(char)
    return "".join(parts)
