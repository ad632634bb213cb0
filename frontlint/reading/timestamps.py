"""RFC 3339 date-times read into aware moments: what ``date-future``, ``filename-date`` and ``--now`` share."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

# The same grammar the schema's date-time format accepts (RFC 3339, section 5.6, with a
# lower-case "t"/"z" allowed and no leap second), matched before parsing because
# ``datetime.fromisoformat`` accepts other ISO 8601 forms on Python 3.11 and fewer on 3.10.
_RFC3339 = re.compile(
    r"([0-9]{4}-[0-9]{2}-[0-9]{2})[Tt]((?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9])"
    r"(?:\.([0-9]+))?([Zz]|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])"
)


def parse_timestamp(value: Any) -> datetime | None:
    """Return the timezone-aware moment an RFC 3339 date-time string names, else ``None``.

    ``None`` for anything else: a non-string, another ISO 8601 form, a time without an
    offset, or an impossible date such as ``2021-02-30``. Fractional seconds of any length
    are accepted (cut to microseconds).
    """
    if not isinstance(value, str):
        return None
    match = _RFC3339.fullmatch(value)
    if match is None:
        return None
    day, clock, fraction, offset = match.groups()
    # Python 3.10's fromisoformat takes only 3 or 6 fraction digits and no "Z".
    microseconds = (fraction or "")[:6].ljust(6, "0")
    offset = "+00:00" if offset in ("Z", "z") else offset
    try:
        return datetime.fromisoformat(f"{day}T{clock}.{microseconds}{offset}")
    except ValueError:
        return None
