"""A Jekyll file name whose date differs from the article's ``publishedDateTime``.

## What it does
For a file named the Jekyll way, ``YYYY-MM-DD-slug.md`` (or ``.markdown``), compares the
date in the name with the day of the article's own ``publishedDateTime`` in the configured
time zone (UTC by default). Other file names, a name holding an impossible date, and a
``publishedDateTime`` that is not an RFC 3339 date-time with a time zone are not checked;
the ``publishedDateTime`` of related entries is not compared.

## Why
Jekyll takes a post's date from its file name, so the name decides the article's URL and
its place in the archive. When the name and ``publishedDateTime`` disagree, the site and
the feed show two different dates, and the article sits on the wrong day of the archive.
Which day a moment falls on depends on the time zone: set ``timezone`` to the one the site
is built in.

## Example that fails
```yaml
publishedDateTime: 2021-07-27T02:44:00Z
```

## Example that passes
```yaml
publishedDateTime: 2021-07-28T02:44:00Z
```

## Options
- `timezone` (default `"UTC"`): the IANA time zone (such as `"Asia/Shanghai"`) in which
  the day of `publishedDateTime` is read. Names other than `"UTC"` need the system's time
  zone database or the `tzdata` package.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from datetime import date, timezone, tzinfo
from typing import Any

from ..diagnostic import Problem, Severity
from .base import RuleContext
from .fields import parse_timestamp

ID = "filename-date"
SEVERITY = Severity.WARNING
FIXABLE = False
OPTIONS: dict[str, Any] = {"timezone": "UTC"}

_JEKYLL_NAME = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})-.+\.(?:md|markdown)")


def resolve_timezone(name: Any) -> tzinfo:
    """Return the time zone an IANA name such as ``"Asia/Shanghai"`` names; ``"UTC"`` always works.

    Raises :class:`ValueError` when ``name`` names no time zone known here.
    """
    if name == "UTC":
        # Needs no time zone database, so the default works everywhere.
        return timezone.utc
    if isinstance(name, str) and name:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError  # here: only a configured zone needs it

        try:
            return ZoneInfo(name)
        # ValueError: a key that is no relative path; OSError: a key that names a folder
        # of the database on some platforms.
        except (ZoneInfoNotFoundError, ValueError, OSError):
            pass
    raise ValueError(f"unknown time zone {name!r}: expected an IANA time zone name such as 'Asia/Shanghai', or 'UTC'")


def check(context: RuleContext) -> Iterator[Problem]:
    """Yield a problem when the date in a Jekyll file name is not the day of ``publishedDateTime``."""
    name_date = _name_date(context.file_path)
    if name_date is None or not isinstance(context.data, Mapping):
        return
    value = context.data.get("publishedDateTime")
    published = parse_timestamp(value)
    if published is None:
        return
    zone_name = context.options["timezone"]
    try:
        published_date = published.astimezone(resolve_timezone(zone_name)).date()
    except OverflowError:
        return  # the day in that zone is before year 1 or after year 9999: no file names it
    if published_date != name_date:
        message = (
            f"file name date {name_date.isoformat()} differs from publishedDateTime {value} "
            f"({published_date.isoformat()} in {zone_name}): rename the file or fix the date"
        )
        yield Problem(ID, message, path=("publishedDateTime",))


def _name_date(file_path: str) -> date | None:
    """Return the date a Jekyll post's file name starts with, or ``None`` for other names."""
    # os.path, not PurePath: a PurePath interns every part of the name, for every file.
    match = _JEKYLL_NAME.fullmatch(os.path.basename(file_path))
    if match is None:
        return None
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def validate_option(name: str, value: Any) -> None:
    """Check a configured option; raise ``ValueError`` saying what is expected."""
    if name == "timezone":
        resolve_timezone(value)
