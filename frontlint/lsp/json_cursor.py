"""JSON's completion cursor (``{ … }`` front matter): where the cursor may complete, and keys and values written as JSON.

While a writer types, the front matter is rarely valid JSON (``"ti`` is not yet a key). A short
scan of the text from the opening ``{`` to the cursor (:func:`head`) tells what is being written
there: a key (after ``{`` or after ``,`` in an object, quoted or not yet) or a value (after ``:``,
after ``[`` or ``,`` in an array), where that word starts, and which arrays and objects are still
open. :func:`~frontlint.lsp.cursor.placeholder_spots` then reads the block again with a
placeholder key (``"__frontlint_cursor__": 0``) or value in place of the word: the placeholder's
place in the tree is the object, or the value, the cursor is in. A string begun and not yet
closed (``"ty``) hides the braces after it from the search for the block's end: where no block is
found, or the cursor is past it, the whole text is read, and the placeholder is found in what
precedes the cursor, its open brackets closed.
"""

from __future__ import annotations

import json
import re
from typing import Any, Literal

from frontlint.editing.json_text import json_string
from frontlint.lsp.cursor import PLACEHOLDER, Head, Spot, placeholder_spots
from frontlint.lsp.yaml_cursor import front_matter_block
from frontlint.reading.front_matter import FrontMatterBlock
from frontlint.reading.limits import Limits
from frontlint.reading.positions import LineIndex

_BLANKS = re.compile(r"[ \t\r\n]+")
# A string, closed on its line (JSON has no line break in a string: an unclosed one ends at its line's end).
_STRING = re.compile(r'"(?:[^"\\\r\n]|\\[^\r\n])*"')
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# A bare word: a number, true, false, null; or a key being written before its quote.
_WORD = re.compile(r"[A-Za-z0-9_$+.-]+")
_SURROGATE = re.compile("[\ud800-\udfff]")

_State = Literal["key", "after_key", "value", "after_value", "junk"]


def head(text: str) -> Head | None:
    """What ``text`` (the front matter from its ``{`` to the cursor) ends in the middle of writing, if a key or value.

    ``None`` after what cannot be a key or value there, or outside the front matter's object.
    """
    if not text.startswith("{"):
        return None
    stack: list[str] = []
    state: _State = "value"  # the front matter's object is the value that starts it
    at = 0
    while at < len(text) and state != "junk":
        char = text[at]
        if char in " \t\r\n":
            at = _BLANKS.match(text, at).end()  # type: ignore[union-attr]  # a blank matches
        elif char == '"':
            closed = _STRING.match(text, at)
            if closed is None and _LINE_BREAK.search(text, at) is None:
                return Head(state, at, "".join(reversed(stack)), '"') if state in ("key", "value") and stack else None
            state = {"key": "after_key", "value": "after_value"}.get(state, "junk")  # type: ignore[assignment]
            at = closed.end() if closed is not None else _LINE_BREAK.search(text, at).start()  # type: ignore[union-attr]
        elif (word := _WORD.match(text, at)) is not None:
            if word.end() == len(text):
                return Head(state, at, "".join(reversed(stack))) if state in ("key", "value") and stack else None
            state = "after_value" if state == "value" else "junk"
            at = word.end()
        else:
            state = _after_mark(char, state, stack)
            at += 1
    if state in ("key", "value") and stack:
        return Head(state, len(text), "".join(reversed(stack)))
    return None


def _after_mark(char: str, state: _State, stack: list[str]) -> _State:
    """The state after one of JSON's marks (``:``, ``,``, brackets), ``stack`` updated; ``junk`` after anything else."""
    if char == ":" and state == "after_key":
        return "value"
    if char in "{[" and state == "value":
        stack.append("}" if char == "{" else "]")
        return "key" if char == "{" else "value"
    empty = "key" if char == "}" else "value"  # "{}" and "[]" close where a key or an item could start
    if stack and char == stack[-1] and state in ("after_value", empty):
        stack.pop()
        return "after_value" if stack else "junk"  # nothing follows the front matter's object
    if char == "," and stack and state == "after_value":
        return "key" if stack[-1] == "}" else "value"
    return "junk"


def completion_spots(lines: LineIndex, offset: int, limits: Limits = Limits()) -> list[Spot]:
    """The place the cursor at ``offset`` may complete in JSON front matter: a key or a value (none elsewhere)."""
    dialect, block = front_matter_block(lines)
    if dialect.name != "json":
        return []
    if block is None or offset >= block.end:  # a string begun hides the braces after it from the block's search
        block = FrontMatterBlock(0, len(lines.text), 1, lines.line_number(len(lines.text)))
    if not block.start < offset < block.end:
        return []
    found = head(lines.text[block.start : offset])
    if found is None:
        return []
    return placeholder_spots(dialect, lines, block, offset, found, f'"{PLACEHOLDER}": 0', limits)


def json_key(name: str) -> str:
    """What completing the key ``name`` inserts: ``"name": ``."""
    return f"{json_string(name)}: "


def json_value(value: Any) -> str | None:
    """``value`` written as a JSON literal that reads back as it; ``None`` where JSON has none (an infinity, NaN).

    A string is written as ``--fix`` writes one (:func:`~frontlint.editing.json_text.json_string`);
    a list or mapping holding a lone surrogate is written with every non-ASCII character escaped.
    """
    if isinstance(value, str):
        return json_string(value)
    try:
        literal = json.dumps(value, ensure_ascii=False, allow_nan=False)
    except (ValueError, TypeError, RecursionError):  # NaN or an infinity, a key not a string, nesting past the stack
        return None
    return json.dumps(value, allow_nan=False) if _SURROGATE.search(literal) else literal
