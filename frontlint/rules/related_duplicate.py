"""Two related entries that link to the same page.

## What it does
Reads the value marked ``page-url`` of each entry of a list the schema marks ``related``.

Reports a related entry whose ``webUrl`` is the ``webUrl`` of an earlier entry in the same
``related`` list. URLs are compared normalised: scheme and host case-folded, a leading
``www.`` dropped, tracking parameters (``utm_*``, ``itm_*``, ``elq*``, ``_mc``, ``cid``,
``amp``) removed and one trailing ``/`` ignored. The later entry is reported, and the
message names the line of the earlier one. Its severity is that of its root cause,
``duplicate-article``: a warning.

## Why
The page shows the same story twice in its "related" box. Duplicates creep in when a feed
lists one story under two headlines, or when the same URL is scraped with and without a
trailing slash, a ``www.`` or a campaign's tracking parameters.

## Example that fails
```yaml
related:
  - title: "China's supreme court sets limits on facial recognition"
    webUrl: "https://technode.com/2021/07/29/chinas-supreme-court-sets-limits-on-facial-recognition/"
  - title: "China sets limits on facial recognition"
    webUrl: "https://TechNode.com/2021/07/29/chinas-supreme-court-sets-limits-on-facial-recognition"
```

## Example that passes
```yaml
related:
  - title: "China's supreme court sets limits on facial recognition"
    webUrl: "https://technode.com/2021/07/29/chinas-supreme-court-sets-limits-on-facial-recognition/"
  - title: "New law leaves facial recognition debate unsettled"
    webUrl: "https://www.wwlp.com/news/massachusetts/new-law-leaves-facial-recognition-debate-unsettled/"
```

## Options
None.

## Precision on real articles
Measured on the real sample (`_news` of `../shared/corpus/azure`, 1,982 articles) with the
default settings: 225 diagnostics in 157 files; 60 sampled at random (seed 1) and each opened
at its line: 60 true defects, so precision 100 %. Each repeated an earlier entry's URL
exactly, or with only a tracking parameter (`?_mc=rss_...`) added (12 of the 225).
"""

from __future__ import annotations

from collections.abc import Iterator

from frontlint.diagnostic import DataPath, Problem, Severity, json_path
from frontlint.rule_support.base import Option, RuleContext
from frontlint.rule_support.url_normalisation import normalize_url

ID = "related-duplicate"
SEVERITY = Severity.WARNING
FIXABLE = False
OPTIONS: dict[str, Option] = {}


def check(context: RuleContext) -> Iterator[Problem]:
    """Yield a problem at each related ``webUrl`` that repeats an earlier entry's, naming the first."""
    first_paths: dict[str, DataPath] = {}
    for path, url in context.view.related_web_urls:
        first = first_paths.setdefault(normalize_url(url), path)
        if first != path:
            yield Problem(
                ID, f"related entry repeats the {path[-1]} of {_where(context, first)}: remove one of them", path=path
            )


def _where(context: RuleContext, path: DataPath) -> str:
    """Name the entry at ``path`` by its line, or by its JSON path when the data has no text."""
    line = context.line_of(path)
    return f"the entry on line {line}" if line is not None else f"the entry at {json_path(path[:-1])}"
