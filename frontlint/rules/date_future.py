"""A publication date (``publishedDateTime``, the value marked ``published``) later than now.

## What it does
Reads each value the schema marks ``published`` (``publishedDateTime`` of the article and of
each related entry in the bundled contract), as the site's generator reads dates (see the
README's "How rules find their fields").

Reports every ``publishedDateTime`` (of the article and of each related entry) that lies
later than now plus a tolerance (one day by default). "Now" is the time of the run, or the
time given by ``--now`` or the configuration's ``now`` for reproducible runs. A value that
is not an RFC 3339 date-time with a time zone is left to the schema.

## Why
An article cannot have been published in the future. A date ahead of now is usually a
mistyped year or month, or a local time written with ``Z``; Jekyll hides posts dated in the
future by default, so the article silently drops off the site. The tolerance leaves room
for clocks and time zones that differ by a few hours.

## Example that fails
```yaml
publishedDateTime: 2031-07-28T02:44:00Z
```

## Example that passes
```yaml
publishedDateTime: 2021-07-28T02:44:00Z
```

## Options
- `tolerance` (default `"1d"`): how far past now a date may lie before it is reported: a
  duration of whole numbers with units `d`, `h`, `m` and `s` (`"36h"`, `"1d12h"`,
  `"90m"`, `"0s"`), or a non-negative integer read as seconds.

## Precision on real articles
Measured on the real sample (`_news` of `../shared/corpus/azure`, 1,982 articles) with the
default settings: 0 diagnostics; precision not measured on this sample. It catches a `publishedDateTime` later
than the run's time plus the tolerance (a mistyped year, or a local time written with `Z`),
which Jekyll hides from the site; no article of the sample is dated after the run.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from typing import Any

from frontlint.diagnostic import DataPath, Problem, Severity
from frontlint.rule_support.article_view import ArticleView
from frontlint.rule_support.base import Option, RuleContext
from frontlint.rule_support.generator_dates import read_date

ID = "date-future"
SEVERITY = Severity.ERROR
FIXABLE = False

_DURATION = re.compile(r"(?:[0-9]+[dhms])+")
_DURATION_PART = re.compile(r"([0-9]+)([dhms])")
_UNIT_SECONDS = {"d": 86400, "h": 3600, "m": 60, "s": 1}


@functools.lru_cache(maxsize=8)
def _cached_duration(value: int | str) -> timedelta:
    """:func:`parse_duration`, read once per option value rather than once per file."""
    return parse_duration(value)


def parse_duration(value: Any) -> timedelta:
    """Read a duration: a string such as ``"1d"``, ``"36h"``, ``"1h30m"`` or ``"0s"``, or whole seconds.

    Raises :class:`ValueError` saying what is expected when ``value`` is neither.
    """
    expected = (
        "expected a duration such as '1d', '36h', '90m' or '0s' "
        "(whole numbers with units d, h, m, s) or a non-negative integer of seconds"
    )
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        seconds = value
    elif isinstance(value, str) and _DURATION.fullmatch(value.strip()):
        seconds = sum(int(number) * _UNIT_SECONDS[unit] for number, unit in _DURATION_PART.findall(value))
    else:
        raise ValueError(f"invalid duration {value!r}: {expected}")
    try:
        return timedelta(seconds=seconds)
    except OverflowError:
        raise ValueError(f"duration {value!r} is too long: {expected}") from None


OPTIONS: dict[str, Option] = {"tolerance": Option("1d", ("string", "integer"), parse_duration, {"minimum": 0})}


def check(context: RuleContext) -> Iterator[Problem]:
    """Yield a problem for each ``publishedDateTime`` later than now plus the tolerance."""
    tolerance = context.options["tolerance"]
    try:
        duration = _cached_duration(tolerance) if isinstance(tolerance, (int, str)) else parse_duration(tolerance)
        latest = context.now + duration
    except OverflowError:
        return  # the tolerance reaches past the last representable date: nothing is later
    for path, value, formats in _published_dates(context.view):
        published = read_date(value, formats)
        if published is not None and published.moment > latest:
            tolerance_text = tolerance.strip() if isinstance(tolerance, str) else f"{tolerance}s"
            message = (
                f"{path[-1]} {value} is in the future: later than now ({_utc_text(context.now)}) plus {tolerance_text}"
            )
            yield Problem(ID, message, path=path)


def _published_dates(view: ArticleView) -> Iterator[tuple[DataPath, Any, frozenset[str]]]:
    """Yield each value marked ``published`` (of the file and of each related entry) with its formats."""
    for field in view.fields:
        if "published" in field.plan.roles:
            yield field.path, field.value, field.plan.formats


def _utc_text(moment: datetime) -> str:
    """Write a moment as an RFC 3339 UTC timestamp to the second: ``2024-01-01T00:00:00Z``."""
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")
