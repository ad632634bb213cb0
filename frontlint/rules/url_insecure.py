"""An ``http://`` URL where ``https://`` is expected.

## What it does
Reads every value whose schema ``format`` is ``uri``, ``iri``, ``uri-reference`` or
``iri-reference``.

Reports every URL field (``webUrl``, ``originalUrl``, ``ampWebUrl``, ``cdnAmpWebUrl`` and image
``url``s, in the article and in each related entry) that uses plain ``http``.

## Why
Browsers block or flag insecure content on an ``https`` site: an ``http`` image shows as
broken or marks the page "not secure", and an ``http`` link leaks the reader's visit. Most
publishers serve ``https`` today; the ``http`` URL is usually a stale copy from the feed.

## Example that fails
```yaml
images:
  - url: "http://img2.chinadaily.com.cn/images/202107/28/6100c8c1a310efa1e3b20c6d.jpeg"
    width: 720
    height: 480
```

## Example that passes
```yaml
images:
  - url: "https://img2.chinadaily.com.cn/images/202107/28/6100c8c1a310efa1e3b20c6d.jpeg"
    width: 720
    height: 480
```

## Options
None.

## Precision on real articles
Measured on the real sample (`_news` of `../shared/corpus/azure`, 1,982 articles) with the
default settings: 320 diagnostics in 188 files; 60 sampled at random (seed 1) and each opened
at its line: 60 true defects, so precision 100 %. All were `http://` image URLs (press-wire
logos, stock photos, one ad-server pixel) that an `https` page shows as mixed content.
"""

from __future__ import annotations

from collections.abc import Iterator

from frontlint.diagnostic import Problem, Severity
from frontlint.rule_support.base import Option, RuleContext

ID = "url-insecure"
SEVERITY = Severity.WARNING
FIXABLE = False
OPTIONS: dict[str, Option] = {}


def check(context: RuleContext) -> Iterator[Problem]:
    """Yield a problem for each URL field whose scheme is ``http``."""
    for path, value in context.view.url_fields:
        if isinstance(value, str) and value.startswith("https://"):
            continue  # most URLs, settled without copying them
        if isinstance(value, str) and value.strip()[:7].lower() == "http://":
            yield Problem(ID, "insecure http:// URL: use https:// if the site serves it", path=path)
