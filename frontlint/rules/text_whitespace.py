"""A title or excerpt with stray whitespace: at its ends, a line break, or a run of spaces.

## What it does
Reports a ``title`` or ``excerpt`` (of the article or of a related entry) that has leading or
trailing whitespace (a non-breaking space included), a line break inside it, a tab, or a run of
two or more whitespace characters. One diagnostic per field lists every defect found.
Blank values are left to the checks for empty values.

## Why
Titles and excerpts are shown on one line in cards, feeds and ``<meta>`` tags, where stray
whitespace shows as ragged alignment or a gap. A YAML folded or quoted string can hide a
line break or a trailing newline (``excerpt: >`` keeps one), and scraped text often carries
doubled spaces and tabs. Trimming and collapsing the whitespace is safe, so the fix is
unambiguous.

## Example that fails
```yaml
title: " China's top court specifies  rules for facial recognition"
```

## Example that passes
```yaml
title: "China's top court specifies rules for facial recognition"
```

## Options
None.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..diagnostic import Problem, Severity
from .base import RuleContext
from .fields import text_fields

ID = "text-whitespace"
SEVERITY = Severity.WARNING
FIXABLE = True
OPTIONS: dict[str, Any] = {}

_LINE_BREAK = re.compile(r"[\r\n]")
# Whitespace between words other than line breaks. A single space, or a single
# non-breaking or thin space, is normal typography; a tab or a run of two is not.
_SPACE_RUN = re.compile(r"[^\S\r\n]+")
_EXPECTED = "expected one line with single spaces and no leading or trailing whitespace"


def check(context: RuleContext) -> Iterator[Problem]:
    """Yield one problem for each title or excerpt with whitespace defects, naming them all."""
    for path, value in text_fields(context.data):
        if not isinstance(value, str) or not value.strip() or value == " ".join(value.split()):
            continue  # (the last test: already one line of single spaces, the common case)
        found = defects(value)
        if found:
            yield Problem(
                ID, f"{path[-1]} has {_join(found)}: {_EXPECTED}", path=path,
                help="trim the ends and make every run of whitespace a single space",
                replacement=" ".join(value.split()),
            )


def defects(text: str) -> list[str]:
    """Describe the whitespace defects of ``text``: at its ends, then line breaks, then inner runs."""
    found = []
    if text[0].isspace():
        found.append("leading whitespace")
    if text[-1].isspace():
        found.append("trailing whitespace")
    inner = text.strip()
    if _LINE_BREAK.search(inner):
        found.append("a line break")
    run = _first_bad_run(inner)
    if run is not None:
        found.append(_describe_run(run))
    return found


def _first_bad_run(text: str) -> str | None:
    """Return the first tab or run of two or more spaces between words, if any."""
    for match in _SPACE_RUN.finditer(text):
        if len(match.group()) > 1 or match.group() == "\t":
            return match.group()
    return None


def _describe_run(run: str) -> str:
    if run == "\t":
        return "a tab"
    if set(run) == {" "}:
        return f"a run of {len(run)} spaces"
    return f"a run of {len(run)} whitespace characters"


def _join(parts: list[str]) -> str:
    """Join phrases as English prose: ``a``, ``a and b``, ``a, b and c``."""
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
