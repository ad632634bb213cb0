"""Bounds that keep a hostile file from hanging, crashing or exhausting the linter.

- ``max_front_matter_bytes``: front matter larger than this is reported
  (``front-matter-too-large``) without being parsed; no more than this is read of a file.
- ``max_nesting_depth``: nesting deeper than this is reported (``yaml-depth-limit``) before
  the YAML parser sees it. libyaml's composer recurses on the C stack and crashes the
  process at tens of thousands of levels; the pure-Python one raises ``RecursionError``.
- ``max_alias_nodes``: aliases may expand to at most this many nodes (``yaml-alias-limit``):
  a "billion laughs" file parses in microseconds, but walking its expansion would not end.

And one bound of Python's own: an integer of more than 4,300 decimal digits
(``sys.get_int_max_str_digits``) cannot be converted from text or to text, so it cannot be
read, shown in a message or checked (jsonschema-rs takes it as null). Wherever it is, it is
reported at its place (:func:`long_integer_message`) and its front matter or record is not checked.
"""

from __future__ import annotations

import functools
import math
import re
import sys
from typing import NamedTuple

DEFAULT_MAX_FRONT_MATTER_BYTES = 2 * 1024 * 1024
DEFAULT_MAX_NESTING_DEPTH = 64
DEFAULT_MAX_ALIAS_NODES = 100_000


class Limits(NamedTuple):
    """The bounds in force for one run."""

    max_front_matter_bytes: int = DEFAULT_MAX_FRONT_MATTER_BYTES
    max_nesting_depth: int = DEFAULT_MAX_NESTING_DEPTH
    max_alias_nodes: int = DEFAULT_MAX_ALIAS_NODES


# No integer of this many bits has more decimal digits than the lowest limit Python allows (640).
_FEW_BITS = 2_000


def digit_limit() -> int:
    """The most decimal digits Python converts between text and an integer (0: no limit)."""
    get_limit = getattr(sys, "get_int_max_str_digits", None)  # Python 3.10 before 3.10.7 has no limit
    return int(get_limit()) if get_limit is not None else 0


def digits_past_limit(number: int) -> int | None:
    """The number of decimal digits of ``number`` if Python cannot convert it to text (more than :func:`digit_limit`), else ``None``."""
    if number.bit_length() <= _FEW_BITS:
        return None
    limit = digit_limit()
    digits = decimal_digits(number)
    return digits if limit and digits > limit else None


def decimal_digits(number: int) -> int:
    """How many decimal digits ``number`` has (its sign aside), without converting it to text."""
    size = abs(number)
    if size == 0:
        return 1
    digits = int(math.log10(size)) + 1  # off by one at most, near a power of ten
    if size < 10 ** (digits - 1):
        return digits - 1
    return digits + 1 if size >= 10**digits else digits


def long_integer_message(digits: int, unchecked: str) -> str:
    """The message of an integer of ``digits`` digits, past :func:`digit_limit`: ``unchecked`` names what is not checked."""
    return f"integer of {digits:,} digits, longer than Python's limit of {digit_limit():,}: {unchecked} is not checked"


# A line's indentation and compact block indicators ("- - - x", "? ? x").
_BLOCK_LEAD = re.compile(r"[ ]*(?:[-?](?:[ ]+|\Z))*")
# What opens or closes a flow level, or changes how brackets are read: quotes and comments.
_FLOW_TOKEN = re.compile(r"""[\[\]{}"'#]""")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|\Z)")
# A quote starts a quoted scalar only where a scalar can start.
_SCALAR_STARTS = frozenset(":-[{,?")


def surely_shallow(text: str, limit: int) -> bool:
    """Whether ``text`` cannot nest deeper than ``limit``, by a test cheap enough for every file.

    Nesting needs a bracket or a column of line lead (indentation or a ``-``/``?``
    indicator) per level; so every bracket plus the longest line lead bounds it.
    """
    brackets = text.count("[") + text.count("{")
    if brackets > limit:
        return False
    at_start, after_lf, after_cr = _leads_longer_than(limit - brackets)
    if at_start.match(text) or after_lf.search(text):
        return False
    return "\r" not in text or after_cr.search(text) is None


@functools.lru_cache(maxsize=16)
def _leads_longer_than(columns: int) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    # Three patterns, each led by a literal, search far faster than one with an alternation.
    lead = f"[ ?-]{{{columns + 1}}}"
    return re.compile(lead), re.compile("\n" + lead), re.compile("\r" + lead)


def nesting_crossing(text: str, limit: int) -> int | None:
    """Return the offset in ``text`` where YAML nesting first goes deeper than ``limit``.

    A line's block level is the number of indentation steps open above it plus its compact
    ``-``/``?`` indicators; flow brackets outside quoted scalars and comments add to it.
    Returns ``None`` when the limit is never crossed.
    """
    flow_depth = 0
    quote = ""
    indents: list[int] = []
    for line_match in _LINE.finditer(text):
        line, start = line_match.group(), line_match.start()
        if not line:
            break
        block_level, column = 0, 0
        content = line.lstrip(" ").rstrip("\r\n")
        if not quote and flow_depth == 0 and content and not content.startswith("#"):
            indent = len(line) - len(line.lstrip(" "))
            while indents and indents[-1] > indent:
                indents.pop()
            if not indents or indents[-1] < indent:
                indents.append(indent)
            lead = _BLOCK_LEAD.match(line)
            column = lead.end() if lead else indent
            block_level, crossing = _lead_levels(line, indent, column, len(indents), limit)
            if crossing is not None:
                return start + crossing
        # '' inside a single-quoted scalar is an escaped quote: blank it out, columns kept.
        for token in _FLOW_TOKEN.finditer(line.replace("''", "  "), column):
            char, at = token.group(), token.start()
            if quote:
                if char == quote and not (quote == '"' and line[at - 1] == "\\"):
                    quote = ""
            elif char in "\"'":
                if _starts_scalar(line, at):
                    quote = char
            elif char == "#":
                if at == 0 or line[at - 1] in " \t":
                    break
            elif char in "[{":
                flow_depth += 1
                if block_level + flow_depth > limit:
                    return start + at
            else:
                flow_depth = max(0, flow_depth - 1)
    return None


def _lead_levels(line: str, indent: int, end: int, open_levels: int, limit: int) -> tuple[int, int | None]:
    """Levels of a line's lead, and the column where they pass ``limit`` (if they do)."""
    levels = open_levels
    for column in range(indent, end):
        if line[column] in "-?":
            levels += 1
            if levels > limit:
                return levels, column
    return levels, (indent if open_levels > limit else None)


def _starts_scalar(line: str, at: int) -> bool:
    before = at - 1
    while before >= 0 and line[before] in " \t":
        before -= 1
    return before < 0 or line[before] in _SCALAR_STARTS
