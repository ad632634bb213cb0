"""Two files of one run have the same page URL (``webUrl``, the value marked ``page-url``).

## What it does
Reads the top-level value the schema marks ``page-url`` (``webUrl`` in the bundled contract).

Compares the ``webUrl`` of every file linted in one run (and of every record: of a JSON
Lines file, of :func:`frontlint.validate_records`). URLs are compared normalised:
scheme and host case-folded, a leading ``www.`` dropped, tracking parameters (``utm_*``,
``itm_*``, ``elq*``, ``_mc``, ``cid``, ``amp``) removed and one trailing ``/`` ignored. Each
later file whose ``webUrl`` an earlier file already has is reported at its ``webUrl``,
naming the earlier file and line. Files are taken in the order they are linted: the paths
given, in their order, each directory walked in sorted order (a folder's files before its
subfolders), whatever the number of processes.

## Why
A feed that imports the same story twice creates two pages with one canonical URL: search
engines pick one at random, and readers see the story twice in lists.

## Example that fails
```yaml
webUrl: "https://example.com/news/a"
```
```yaml
webUrl: "https://www.EXAMPLE.com/news/a/?utm_source=rss"
```
(two files of one run: the second is reported)

## Example that passes
```yaml
webUrl: "https://example.com/news/a"
```
```yaml
webUrl: "https://example.com/news/b"
```

## Options
None.

## Precision on real articles
Measured on the real sample (`_news` of `../shared/corpus/azure`, 1,982 articles) with the
default settings: 2 diagnostics in 2 files; both opened at their line: 2 true defects, so
precision 100 %. One is a story imported twice under two file names, the other two
different headlines given the same `fcw.com` URL.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

from frontlint.diagnostic import Diagnostic, Severity, json_path
from frontlint.rule_support.article_view import article_plan
from frontlint.rule_support.base import Option
from frontlint.rule_support.url_normalisation import normalize_url
from frontlint.text.fingerprints import fingerprint, short_digest

if TYPE_CHECKING:
    from frontlint.reading.positions import LineIndex
    from frontlint.reading.yaml_nodes import ParsedFrontMatter
    from frontlint.schema.field_plan import FieldPlan

ID = "duplicate-article"
SEVERITY = Severity.WARNING
FIXABLE = False
OPTIONS: dict[str, Option] = {}


# What holds a webUrl: a file (its record has a column) or a record given as data.
_WHAT = {False: "files", True: "records"}


class WebUrl(NamedTuple):
    """An article's ``webUrl``, normalised, and where it is written: the record of one file.

    Of a record given as data there is no column: ``line`` is its line in a JSON Lines file,
    or ``None`` (:func:`frontlint.validate_records`).
    """

    key: str
    value: str
    line: int | None
    column: int | None
    end_line: int | None
    end_column: int | None
    suppressed: bool = False
    name: str = "webUrl"  # the key it is written under


def collect(
    parsed: ParsedFrontMatter, lines: LineIndex, silenced: Callable[[int], bool], plan: FieldPlan | None = None
) -> WebUrl | None:
    """The file's page URL (the key ``plan`` marks ``page-url``) and its place, or ``None`` when it has none (or an empty one)."""
    data, name = parsed.data, page_key(plan)
    value = data.get(name) if isinstance(data, dict) and name is not None else None
    if not isinstance(value, str) or not value.strip() or name is None:
        return None
    node = parsed.node_at((name,))
    assert node is not None
    start, end = parsed.span(node)
    begin, finish = lines.position(start), lines.position(end)
    return WebUrl(
        normalize_url(value), value, begin.line, begin.column, finish.line, finish.column, silenced(begin.line), name
    )


def collect_data(data: Any, line: int | None, plan: FieldPlan | None = None) -> WebUrl | None:
    """The page URL of a record given as data (at ``line`` of a JSON Lines file, if it is one), or ``None``."""
    name = page_key(plan)
    value = data.get(name) if isinstance(data, dict) and name is not None else None
    if not isinstance(value, str) or not value.strip() or name is None:
        return None
    return WebUrl(normalize_url(value), value, line, None, line, None, name=name)


def page_key(plan: FieldPlan | None) -> str | None:
    """The top-level key the schema marks ``page-url`` (the bundled contract's when ``plan`` is ``None``), or ``None``."""
    properties = (plan if plan is not None else article_plan()).properties
    return next((key for key, child in properties.items() if "page-url" in child.roles), None)


def index() -> WebUrlIndex:
    """A new index for one run."""
    return WebUrlIndex()


class WebUrlIndex:
    """The ``webUrl`` of every file of a run so far, to tell each later file its duplicate.

    Only a 16-byte digest of the normalised URL (:func:`~frontlint.text.fingerprints.short_digest`),
    and the name and line of the first file to hold it, are kept: a run over a hundred
    thousand files keeps no more than that of each, however long its URLs.
    """

    def __init__(self) -> None:
        # Digest of the normalised webUrl -> "path:line" of the first file holding it (one
        # string, not a tuple of two: this is the one record a run keeps of every file).
        self._first: dict[bytes, str] = {}

    def add(self, path: str, web_url: WebUrl) -> Iterator[Diagnostic]:
        """Record the next file's :class:`WebUrl`; yield a diagnostic if an earlier file holds it."""
        key = short_digest(web_url.key)
        first = self._first.get(key)
        if first is None:
            self._first[key] = path if web_url.line is None else f"{path}:{web_url.line}"
            return
        if web_url.suppressed:  # silenced by an inline suppression on its line
            return
        yield Diagnostic(
            path=path,
            line=web_url.line,
            column=web_url.column,
            end_line=web_url.end_line,
            end_column=web_url.end_column,
            severity=SEVERITY,
            rule=ID,
            message=f"another article has the same {web_url.name}: {first}; "
            f"keep one of the two {_WHAT[web_url.column is None]}",
            json_path=json_path((web_url.name,)),
            fingerprint=fingerprint(ID, json_path((web_url.name,)), web_url.value),
        )
