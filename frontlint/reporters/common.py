"""Helpers the reporters share: safe JSON text, identities of problems, spans as lines."""

from __future__ import annotations

import json
import re

from frontlint.diagnostic import Diagnostic
from frontlint.text.fingerprints import fingerprint

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def dump_json(value: object, *, indent: int | None = 2) -> str:
    """Return JSON text of ``value`` that any UTF-8 writer can write, ending in a line break.

    Non-ASCII stays readable (``ensure_ascii=False``); a lone surrogate (a file name that
    is not UTF-8 reaches Python as one) becomes a ``\\udcxx`` escape, which JSON allows and
    which reads back as the same string.
    """
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    return _LONE_SURROGATE.sub(lambda match: f"\\u{ord(match.group()):04x}", text) + "\n"


def identity(diagnostic: Diagnostic) -> str:
    """The diagnostic's fingerprint; for one built by hand without it, one made the same way."""
    return diagnostic.fingerprint or fingerprint(diagnostic.rule, diagnostic.json_path, diagnostic.message)


def last_line(diagnostic: Diagnostic) -> int | None:
    """The last line the span covers, inclusive.

    A span ending at column 1 of a line (a whole mapping: its end is the start of the next
    line) does not cover that line.
    """
    if diagnostic.line is None or diagnostic.end_line is None:
        return diagnostic.line
    if diagnostic.end_line > diagnostic.line and diagnostic.end_column == 1:
        return diagnostic.end_line - 1
    return max(diagnostic.end_line, diagnostic.line)
