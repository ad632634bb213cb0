"""Dates as a site's generator reads them: RFC 3339, and the Jekyll and Hugo forms, unless the schema asks for RFC 3339.

A value whose schema says ``"format": "date-time"`` (and not ``"date"``) is read as RFC 3339
only: any other form is the schema's error to report, and the date rules say nothing of it. Any
other date value (``"format": "date"``, or a string with no format, marked ``published``) is read
as Jekyll and Hugo read front matter: an RFC 3339 date-time, a date and time with a space
(``2020-10-02 11:00:00 +0000``, the offset optional, with or without a colon), or a date alone
(``2020-10-02``). A value without an offset is a moment in UTC to ``date-future``, and its day
is the day written to ``filename-date``.
"""

from __future__ import annotations

import re
from collections.abc import Set
from datetime import date, datetime, timedelta, timezone
from typing import Any, NamedTuple

from frontlint.reading.timestamps import parse_timestamp

_GENERATOR_FORM = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})"
    r"(?:[Tt ]([01][0-9]|2[0-3]):([0-5][0-9])(?::([0-5][0-9])(?:\.[0-9]+)?)?"
    r"(?: ?(?:([Zz])|([+-])([01][0-9]|2[0-3]):?([0-5][0-9])))?)?"
)


class ReadDate(NamedTuple):
    """A date value as read: the moment it names, and the day it names where it has no offset (else ``None``)."""

    moment: datetime
    written_day: date | None


def read_date(value: Any, formats: Set[str]) -> ReadDate | None:
    """Read a date value as the site's generator does (see the module's docstring); ``None`` when it is not one."""
    if "date-time" in formats and "date" not in formats:
        moment = parse_timestamp(value)
        return ReadDate(moment, None) if moment is not None else None
    if not isinstance(value, str):
        return None
    match = _GENERATOR_FORM.fullmatch(value.strip())
    if match is None:
        return None
    year, month, day, hour, minute, second, utc, sign, zone_hours, zone_minutes = match.groups()
    try:
        moment = datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0))
    except ValueError:
        return None  # no such day ("2021-02-30")
    if sign is None:
        return ReadDate(moment.replace(tzinfo=timezone.utc), None if utc else moment.date())
    offset = timedelta(hours=int(zone_hours), minutes=int(zone_minutes))
    return ReadDate(moment.replace(tzinfo=timezone(offset if sign == "+" else -offset)), None)
