"""TOML's completion cursor (``+++`` front matter): where the cursor may complete, and keys and values written as TOML.

While a writer types, the front matter is rarely valid TOML (``ti`` is not yet a key, ``kind = "wo``
not yet a string). A short scan of the text from the block's start to the cursor (:func:`head`)
tells what is being written there: a key (at the start of a line, after ``{`` or ``,`` in an inline
table, after a dotted key's ``.``) or a value (after ``=``, after ``[`` or ``,`` in an array), where
that word starts, and which arrays and inline tables are still open. The text is then written
again with a placeholder key (``__frontlint_cursor__ = 0``) or value (``"__frontlint_cursor__"``)
in place of the word, and read by the TOML dialect: the placeholder's place in the tree is the
mapping, or the value, the cursor is in, whatever ``[table]`` or ``[[array of tables]]`` header
is above it. The text after the cursor is kept where it still reads, else the rest of the line
is dropped (the open brackets closed), else everything after the cursor.
"""

from __future__ import annotations

import math
import re
from typing import Any, Literal

from frontlint.dialects.toml_dialect import TOML
from frontlint.editing.toml_text import render_toml_string
from frontlint.lsp.cursor import PLACEHOLDER, Head, Spot, placeholder_spots
from frontlint.lsp.yaml_cursor import front_matter_block
from frontlint.reading.limits import Limits
from frontlint.reading.positions import LineIndex

_BLANKS = re.compile(r"[ \t]+")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
# A bare word: a key (its dotted parts too), or a bare value (a number, a boolean, a date-time).
_WORD = re.compile(r"[A-Za-z0-9_+:-][A-Za-z0-9_+.:-]*")
_DOTTED_KEY = re.compile(r"[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]*)*")
# Each kind of string, closed (a one-line string ends at its line's end at the latest).
_STRINGS = (
    ('"""', re.compile(r'"""(?:[^"\\]|\\[\s\S]|"(?!""))*"{3,5}')),
    ("'''", re.compile(r"'''(?:[^']|'(?!''))*'{3,5}")),
    ('"', re.compile(r'"(?:[^"\\\r\n]|\\[^\r\n])*"')),
    ("'", re.compile(r"'[^'\r\n]*'")),
)
_INT64 = range(-(2**63), 2**63)
_MAX_DEPTH = 64  # the deepest array or inline table offered as a value (the reader's default limit)

_State = Literal["key", "after_key", "value", "after_value", "junk"]


def head(text: str) -> Head | None:
    """What ``text`` (the front matter from its start to the cursor) ends in the middle of writing, if a key or value.

    ``None`` in a comment, a multi-line string, a table header, or after what cannot be a key or value.
    """
    stack: list[str] = []
    state: _State = "key"
    at = 0
    while at < len(text):
        char = text[at]
        if char in " \t":
            at = _BLANKS.match(text, at).end()  # type: ignore[union-attr]  # a blank matches
        elif char in "\r\n":
            state = "key" if not stack else state
            at += 1
        elif char == "#" or (char == "[" and state == "key" and not stack):  # a comment, a table header: the line
            found = _LINE_BREAK.search(text, at)
            if found is None:
                return None
            at = found.start()
        elif char in "\"'":
            quote, closed = _string(text, at)
            if closed is None and len(quote) == 1 and state in ("key", "value"):
                return Head(state, at, "".join(reversed(stack)), quote)
            if closed is None:
                return None
            state = _after_word(state)
            at = closed
        elif (word := _WORD.match(text, at)) is not None:
            if word.end() == len(text):
                return _word_head(state, word.group(), at, stack)
            state = "key" if state == "key" and word.group().endswith(".") else _after_word(state)
            at = word.end()
        else:
            state = _after_mark(char, state, stack)
            at += 1
    return Head(state, len(text), "".join(reversed(stack))) if state in ("key", "value") else None


def _string(text: str, at: int) -> tuple[str, int | None]:
    """The quote of the string that opens at ``at`` and where it ends (``None``: not closed before the text ends).

    A one-line string not closed on its line ends there (the reader reports it).
    """
    for quote, pattern in _STRINGS:
        if text.startswith(quote, at):
            found = pattern.match(text, at)
            if found is not None:
                return quote, found.end()
            if len(quote) == 1 and (line_break := _LINE_BREAK.search(text, at)) is not None:
                return quote, line_break.start()
            return quote, None
    raise AssertionError("a string opens with a quote")  # pragma: no cover


def _word_head(state: _State, word: str, at: int, stack: list[str]) -> Head | None:
    """The head where the cursor ends a bare ``word`` at ``at``: a key's last dotted part, or a value."""
    closers = "".join(reversed(stack))
    if state == "key" and _DOTTED_KEY.fullmatch(word):
        return Head("key", at + word.rfind(".") + 1, closers)
    if state == "value":
        return Head("value", at, closers)
    return None


def _after_word(state: _State) -> _State:
    """The state after a key's part or a value: what may follow it."""
    if state == "key":
        return "after_key"
    if state in ("value", "after_value"):  # a date-time's time after its date ("1979-05-27 07:32:00Z")
        return "after_value"
    return "junk"


def _after_mark(char: str, state: _State, stack: list[str]) -> _State:
    """The state after one mark of TOML's (``=``, ``.``, ``,``, brackets), ``stack`` updated; ``junk`` after anything else."""
    if char == "=" and state == "after_key":
        return "value"
    if char == "." and state == "after_key":  # a dotted key after a quoted part
        return "key"
    if char in "[{" and state == "value":
        stack.append("]" if char == "[" else "}")
        return "value" if char == "[" else "key"
    if char in "]}" and stack and stack[-1] == char and state in ("value", "after_value", "key"):
        stack.pop()
        return "after_value"
    if char == "," and stack and state == "after_value":
        return "value" if stack[-1] == "]" else "key"
    return "junk"


def completion_spots(lines: LineIndex, offset: int, limits: Limits = Limits()) -> list[Spot]:
    """The place the cursor at ``offset`` may complete in TOML front matter: a key or a value (none elsewhere)."""
    dialect, block = front_matter_block(lines)
    if dialect is not TOML or block is None or not block.start <= offset < block.end:
        return []
    found = head(lines.text[block.start : offset])
    return [] if found is None else placeholder_spots(TOML, lines, block, offset, found, f"{PLACEHOLDER} = 0", limits)


def toml_key(name: str) -> str:
    """What completing the key ``name`` inserts: ``name = ``, the name quoted where it is not a bare key."""
    return f"{_key(name)} = "


def _key(name: str) -> str:
    return name if _BARE_KEY.fullmatch(name) else render_toml_string(name, '"')


def toml_value(value: Any, depth: int = 0) -> str | None:
    """``value`` written as a TOML literal that reads back as it; ``None`` where TOML has none (null, an integer past 64 bits).

    Strings are basic strings (``"…"``, escaped as TOML requires); a list is an array, a mapping
    an inline table, to 64 levels.
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value) if value in _INT64 else None
    if isinstance(value, float):
        return _float(value)
    if isinstance(value, str):
        return render_toml_string(value, '"')
    if depth >= _MAX_DEPTH or not isinstance(value, (list, dict)):
        return None
    if isinstance(value, list):
        items = [toml_value(item, depth + 1) for item in value]
        return None if None in items else "[" + ", ".join(items) + "]"  # type: ignore[arg-type]  # None is out
    entries = [(name, toml_value(item, depth + 1)) for name, item in value.items()]
    if any(written is None or not isinstance(name, str) for name, written in entries):
        return None
    return "{ " + ", ".join(f"{_key(name)} = {written}" for name, written in entries) + " }" if entries else "{}"


def _float(value: float) -> str:
    """A float as TOML writes it: ``inf``, ``-inf``, ``nan``, else Python's shortest form (``0.5``, ``1e+300``)."""
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return repr(value)
