"""A Jekyll file name whose date differs from the publication date (``publishedDateTime``, the value marked ``published``).

## What it does
Reads the file's own value the schema marks ``published`` (``publishedDateTime`` in the bundled
contract); a date without an offset (``2020-10-02``, ``2020-10-02 11:00:00``) is compared as
written.

For a file named the Jekyll way, ``YYYY-MM-DD-slug.md`` (or ``.markdown``), compares the
date in the name with the day of the article's own ``publishedDateTime``. Other file names,
a name holding an impossible date, and a ``publishedDateTime`` that is not an RFC 3339
date-time with a time zone are not checked; the ``publishedDateTime`` of related entries is
not compared.

Which day a moment falls on depends on the time zone, and feeds are often imported in
another zone than the site is built in, which puts every late-evening article one day off.
So by default the day is read in UTC and a name one day off either way is accepted. The
comparison is strict, in one zone, when that zone is known: set with the ``timezone``
option, or else the ``timezone:`` of the site's Jekyll ``_config.yml`` (the nearest one in
the folders above the file, read once per folder; one larger than 1 MiB, or naming no zone
known here, is not used).

## Why
Jekyll takes a post's date from its file name, so the name decides the article's URL and
its place in the archive. When the name and ``publishedDateTime`` disagree, the site and
the feed show two different dates, and the article sits on the wrong day of the archive.
Renaming the file changes the page's URL (and breaks links to it), so the message offers
fixing the date first.

## Example that fails
```yaml
publishedDateTime: 2021-07-26T02:44:00Z
```

## Example that passes
```yaml
publishedDateTime: 2021-07-28T02:44:00Z
```

## Options
- `timezone` (default: not set): the IANA time zone (such as `"Asia/Shanghai"`, or
  `"UTC"`) in which the day of `publishedDateTime` is read, strictly. Not set, the site's
  `_config.yml` `timezone:` is used, or else UTC with one day of tolerance. Names other
  than `"UTC"` need the system's time zone database or the `tzdata` package.

## Precision on real articles
Measured on the real sample (`_news` of `../shared/corpus/azure`, 1,982 articles) with the
default settings: 0 diagnostics; precision not measured on this sample. Before the one day of tolerance
it reported 190, every one a name exactly one day after the UTC day (an importer's time-zone
artefact, not worth renaming live URLs for); it now catches a name two or more days off,
and, with a known time zone, any day off.
"""

from __future__ import annotations

import functools
import os
import re
import stat
from collections.abc import Iterator
from datetime import date, timezone, tzinfo
from typing import Any

from frontlint.diagnostic import DataPath, Problem, Severity
from frontlint.rule_support.base import Option, RuleContext
from frontlint.rule_support.generator_dates import read_date

ID = "filename-date"
SEVERITY = Severity.WARNING
FIXABLE = False

# A Jekyll config larger than this is not read (real ones are a few kilobytes).
CONFIG_SIZE_LIMIT = 1 << 20
# A top-level "timezone:" line of a Jekyll config: the value up to a comment.
_TIMEZONE_LINE = re.compile(r"^timezone[ \t]*:[ \t]*([^#\r\n]*)", re.MULTILINE)
_JEKYLL_NAME = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})-.+\.(?:md|markdown)")


def resolve_timezone(name: Any) -> tzinfo:
    """Return the time zone an IANA name such as ``"Asia/Shanghai"`` names; ``"UTC"`` always works.

    Raises :class:`ValueError` when ``name`` names no time zone known here.
    """
    if name == "UTC":
        # Needs no time zone database, so the default works everywhere.
        return timezone.utc
    if isinstance(name, str) and name:
        # deferred: zoneinfo costs 3.0 ms, needed only for a configured zone
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            return ZoneInfo(name)
        # ValueError: a key that is no relative path; OSError: a key that names a folder
        # of the database on some platforms.
        except (ZoneInfoNotFoundError, ValueError, OSError):
            pass
    raise ValueError(f"unknown time zone {name!r}: expected an IANA time zone name such as 'Asia/Shanghai', or 'UTC'")


OPTIONS: dict[str, Option] = {"timezone": Option(None, "string", resolve_timezone)}


def check(context: RuleContext) -> Iterator[Problem]:
    """Yield a problem when the date in a Jekyll file name is not the day of ``publishedDateTime``."""
    name_date = _name_date(context.file_path)
    published_field = _published(context) if name_date is not None else None
    if name_date is None or published_field is None:
        return
    path, value, formats = published_field
    published = read_date(value, formats)
    if published is None:
        return
    if published.written_day is not None:  # no offset: the day as written is the post's day
        if published.written_day != name_date:
            yield Problem(ID, _message(name_date, path, value, published.written_day, "the date as written"), path=path)
        return
    zone_name = context.options["timezone"]
    if zone_name is not None:
        zone, label, strict = resolve_timezone(zone_name), zone_name, True
    else:
        site = site_timezone(os.path.dirname(os.path.abspath(context.file_path)))
        zone, label, strict = (
            (site[1], f"{site[0]}, the timezone of _config.yml", True) if site else (timezone.utc, "UTC", False)
        )
    try:
        published_date = published.moment.astimezone(zone).date()
    except OverflowError:
        return  # the day in that zone is before year 1 or after year 9999: no file names it
    if published_date == name_date or (not strict and abs(published_date.toordinal() - name_date.toordinal()) == 1):
        return
    yield Problem(ID, _message(name_date, path, value, published_date, f"in {label}"), path=path)


def _published(context: RuleContext) -> tuple[DataPath, Any, frozenset[str]] | None:
    """The file's own value marked ``published``, with its formats, or ``None`` when it has none."""
    for field in context.view.fields:
        if field.entry:
            break  # the related entries' fields come after the file's own
        if "published" in field.plan.roles:
            return field.path, field.value, field.plan.formats
    return None


def _message(name_date: date, path: DataPath, value: Any, published: date, where: str) -> str:
    return (
        f"file name date {name_date.isoformat()} differs from {path[-1]} {value} "
        f"({published.isoformat()} {where}): fix the date, or rename the file (renaming changes the page's URL)"
    )


@functools.lru_cache(maxsize=4096)
def site_timezone(folder: str) -> tuple[str, tzinfo] | None:
    """Return the ``timezone:`` of the nearest Jekyll ``_config.yml`` in ``folder`` or above it.

    ``None`` when there is none, or the nearest one names no zone known here. Each folder is
    looked at once per process, whatever the number of files in it.
    """
    config = os.path.join(folder, "_config.yml")
    try:
        is_file = stat.S_ISREG(os.stat(config).st_mode)
    except (OSError, ValueError):
        is_file = False
    if is_file:
        return _config_timezone(config)
    parent = os.path.dirname(folder)
    return None if parent == folder else site_timezone(parent)


def _config_timezone(config: str) -> tuple[str, tzinfo] | None:
    """Read the top-level ``timezone:`` of a Jekyll config; ``None`` if unreadable, too large or unknown.

    The one key is found by its line, not by parsing the YAML: nothing in the file can make
    that slow, deep or wrong-typed. A byte order mark before the first line is skipped, as Jekyll does.
    """
    try:
        with open(config, "rb") as stream:
            text = stream.read(CONFIG_SIZE_LIMIT + 1)
    except OSError:
        return None
    match = _TIMEZONE_LINE.search(text.decode("utf-8-sig", "replace")) if len(text) <= CONFIG_SIZE_LIMIT else None
    if match is None:
        return None
    name = match.group(1).strip()
    if len(name) >= 2 and name[0] == name[-1] and name[0] in "'\"":
        name = name[1:-1]
    try:
        return name, resolve_timezone(name)
    except ValueError:
        return None


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
