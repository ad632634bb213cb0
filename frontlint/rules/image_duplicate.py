"""The same image URL twice in one ``images`` list.

## What it does
Reads the URL-format value of every object the schema marks ``image``; a list is the one the
images are items of.

Within each ``images`` list (of the article, of a provider, of a related entry or its
provider), reports every image whose ``url`` repeats the ``url`` of an earlier image of
the same list, naming the line of the first one. URLs are compared exactly, after leading
and trailing whitespace is stripped. The same URL in two different lists is not reported.

## Why
A gallery or a social card that shows one picture twice looks broken, and the repeat is
usually a copy-and-paste slip that stands where a different image was meant to go.

## Example that fails
```yaml
images:
  - url: "https://cdn.bignewsnetwork.com/cus1627364184066.jpg"
    width: 630
    height: 420
  - url: "https://cdn.bignewsnetwork.com/cus1627364184066.jpg"
    width: 630
    height: 420
```

## Example that passes
```yaml
images:
  - url: "https://cdn.bignewsnetwork.com/cus1627364184066.jpg"
    width: 630
    height: 420
  - url: "https://technode.com/wp-content/uploads/2018/10/court-sky-screengrab.jpg"
    width: 1920
    height: 1080
```

## Options
None.

## Precision on real articles
Measured on the real sample (`_news` of `../shared/corpus/azure`, 1,982 articles) with the
default settings: 0 diagnostics; precision not measured on this sample. It catches a gallery or logo
list that repeats one picture where a different one was meant.
"""

from __future__ import annotations

from collections.abc import Iterator

from frontlint.diagnostic import DataPath, Problem, Severity, json_path
from frontlint.rule_support.base import Option, RuleContext

ID = "image-duplicate"
SEVERITY = Severity.WARNING
FIXABLE = False
OPTIONS: dict[str, Option] = {}


def check(context: RuleContext) -> Iterator[Problem]:
    """Yield a problem at each image ``url`` that an earlier image of the same list already has."""
    first_seen: dict[tuple[DataPath, str], DataPath] = {}
    images = {path for path, _ in context.view.images}
    for url_path, url in context.view.url_fields:
        path = url_path[:-1]
        if path not in images or not isinstance(url, str) or not url.strip():
            continue  # not an image's URL, or no URL to compare: the schema reports a missing or empty one
        # path[:-1] is the list the image is in: repeats count only within one list.
        key = (path[:-1], url.strip())
        if key in first_seen:
            yield Problem(ID, f"image URL repeats the one {_where(context, first_seen[key])}", path=url_path)
        else:
            first_seen[key] = url_path


def _where(context: RuleContext, path: DataPath) -> str:
    """Name where a node is: its line, or its JSON path when the data has no source text."""
    line = context.line_of(path)
    return f"on line {line}" if line is not None else f"at {json_path(path)}"
