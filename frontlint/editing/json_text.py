"""Writing a string back into JSON source in place of one string literal, keeping everything around it."""

from __future__ import annotations

import json
import re

from frontlint.editing.scalar_text import TextEdit

# A lone surrogate (a \ud800 escape read into a string): written raw, no UTF-8 file could hold it.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def json_string(value: str) -> str:
    """``value`` as a JSON string literal: :func:`json.dumps` without ``ensure_ascii`` (the text stays readable),
    a quote, backslash and control character escaped as JSON requires, and a lone surrogate as its ``\\u`` escape."""
    literal = json.dumps(value, ensure_ascii=False)
    return _LONE_SURROGATE.sub(lambda match: f"\\u{ord(match.group()):04x}", literal)


def string_edits(start: int, end: int, is_string: bool, value: str) -> tuple[TextEdit, ...]:
    """The edit that makes the string literal at ``start:end`` (its quotes included) hold ``value``.

    None for a value that is not a string (a number, ``true``, ``null``): writing a string there
    would change its type, which no fix promises.
    """
    return (TextEdit(start, end, json_string(value)),) if is_string else ()
