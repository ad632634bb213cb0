"""A related entry that links to the article itself.

## What it does
Reads the value marked ``page-url`` of each related entry (of a list marked ``related``) and the
article's own values marked ``page-url`` and ``source-url``.

Reports a related entry whose ``webUrl`` is the article's own ``webUrl`` or ``originalUrl``.
URLs are compared normalised: scheme and host case-folded, a leading ``www.`` dropped,
tracking parameters (``utm_*``, ``itm_*``, ``elq*``, ``_mc``, ``cid``, ``amp``) removed and
one trailing ``/`` ignored.

## Why
A "related" link should lead somewhere else: a link back to the page the reader is on is a
dead end. It happens when the feed lists the story among its own related stories.

## Example that fails
```yaml
webUrl: "https://www.bignewsnetwork.com/news/270478203/chinas-top-court-specifies-rules-for-facial-recognition"
related:
  - title: "China's top court specifies rules for facial recognition"
    webUrl: "https://www.bignewsnetwork.com/news/270478203/chinas-top-court-specifies-rules-for-facial-recognition/"
```

## Example that passes
```yaml
webUrl: "https://www.bignewsnetwork.com/news/270478203/chinas-top-court-specifies-rules-for-facial-recognition"
related:
  - title: "China's supreme court sets limits on facial recognition"
    webUrl: "https://technode.com/2021/07/29/chinas-supreme-court-sets-limits-on-facial-recognition/"
```

## Options
None.

## Precision on real articles
Measured on the real sample (`_news` of `../shared/corpus/azure`, 1,982 articles) with the
default settings: 6 diagnostics in 6 files; all 6 opened at their line: 6 true defects, so
precision 100 %. One of them differs from the article's `webUrl` only by a tracking
parameter (`?_mc=rss_...`).
"""

from __future__ import annotations

from collections.abc import Iterator

from frontlint.diagnostic import Problem, Severity
from frontlint.rule_support.article_view import Entry
from frontlint.rule_support.base import Option, RuleContext
from frontlint.rule_support.url_normalisation import normalize_url

ID = "related-self"
SEVERITY = Severity.ERROR
FIXABLE = False
OPTIONS: dict[str, Option] = {}

# The article's own URLs, in the order a match is named.
_OWN_ROLES = ("page-url", "source-url")


def check(context: RuleContext) -> Iterator[Problem]:
    """Yield a problem at each related ``webUrl`` that is the article's ``webUrl`` or ``originalUrl``."""
    related = context.view.related_web_urls
    if not related:
        return
    own = _own_urls(context.view.entries[0])
    for path, url in related:
        key = own.get(normalize_url(url))
        if key is not None:
            message = f"related entry links to the article itself (its {path[-1]} is the article's {key})"
            yield Problem(ID, message, path=path)


def _own_urls(article: Entry) -> dict[str, str]:
    """Map the article's normalised page and source URLs to their key names."""
    own: dict[str, str] = {}
    for role in _OWN_ROLES:
        field = article.role(role)
        if field is not None and isinstance(field[1], str) and field[1].strip():
            own.setdefault(normalize_url(field[1]), str(field[0][-1]))
    return own
