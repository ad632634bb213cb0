"""Two files of one run have the same ``webUrl``.

## What it does
Compares the ``webUrl`` of every file linted in one run, with scheme and host case-folded and
a trailing ``/`` ignored. Each later file whose ``webUrl`` an earlier file already has is
reported at its ``webUrl``, naming the earlier file and line. Files are taken in the order
they are reported (sorted by path).

## Why
A feed that imports the same story twice creates two pages with one canonical URL: search
engines pick one at random, and readers see the story twice in lists.

## Example that fails
```yaml
webUrl: "https://example.com/news/a"
```
(with another file of the run also holding ``webUrl: "https://EXAMPLE.com/news/a/"``)

## Example that passes
```yaml
webUrl: "https://example.com/news/b"
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ..diagnostic import Diagnostic, Severity
from ..fingerprints import fingerprint

ID = "duplicate-article"
SEVERITY = Severity.WARNING
FIXABLE = False
OPTIONS: dict[str, Any] = {}
RUN_WIDE = True


def find_duplicates(web_urls: Iterable[tuple[str, Any]]) -> Iterator[Diagnostic]:
    """Yield a diagnostic for each file whose ``webUrl`` an earlier file already holds.

    ``web_urls`` are (path, :class:`frontlint.engine.WebUrl`) pairs in report order.
    """
    first: dict[str, tuple[str, int]] = {}
    for path, web_url in web_urls:
        if web_url.key not in first:
            first[web_url.key] = (path, web_url.line)
            continue
        if web_url.suppressed:  # silenced by an inline suppression on its line
            continue
        other_path, other_line = first[web_url.key]
        yield Diagnostic(
            path=path, line=web_url.line, column=web_url.column,
            end_line=web_url.end_line, end_column=web_url.end_column, severity=SEVERITY, rule=ID,
            message=f"another article has the same webUrl: {other_path}:{other_line}; keep one of the two files",
            json_path="$.webUrl", fingerprint=fingerprint(ID, "$.webUrl", web_url.value),
        )
