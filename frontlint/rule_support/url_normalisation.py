"""When two URLs name the same page: the one normalisation every duplicate check shares.

``related-duplicate``, ``related-self`` and ``duplicate-article`` compare URLs through
:func:`normalize_url`, so a page is the same page to all three.
"""

from __future__ import annotations

import re

# scheme, "://", authority, then the rest (path, query, fragment).
_SCHEME_AND_HOST = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*)://([^/?#]*)(.*)", re.DOTALL)
# Query parameters that say how a reader arrived, not which page: campaign trackers
# (Google Analytics utm_*, Eloqua elq*, internal itm_*, Adobe cid, Mailchimp _mc) and
# ``amp``, which asks for the AMP rendering of the same page.
_TRACKING = re.compile(r"(?:utm_|itm_|elq)[^=]*|_mc|cid|amp", re.IGNORECASE)
# An HTML reference to "&" left between parameters (url-syntax's fix writes "&" for it).
_AMPERSAND_REFERENCE = re.compile(r"&(?:#0*38|#[xX]0*26|amp|AMP);")


def normalize_url(url: str) -> str:
    """Return ``url`` in a form in which two URLs of the same page are equal.

    Surrounding whitespace is stripped; scheme and host are case-folded; a leading
    ``www.`` is dropped (from a host with a dot after it: not from ``www.com``); tracking
    parameters (``utm_*``, ``itm_*``, ``elq*``, ``_mc``, ``cid``, ``amp``) are removed
    from the query, with empty ones and the ``?`` when none is left (an HTML reference to
    ``&``, such as ``&amp;`` or ``&#038;``, is read as ``&``); one trailing ``/`` of the
    path is dropped. Path, other parameters, their order and the fragment are kept: they
    can tell pages apart. A URL already in normal form is returned itself, not as a copy.
    """
    stripped = url.strip()
    match = _SCHEME_AND_HOST.match(stripped)
    if match is None or not match.group(2):
        normal = stripped[:-1] if stripped.endswith("/") else stripped
        return url if normal == url else normal
    scheme, host, rest = match.groups()
    host = host.casefold()
    if host.startswith("www.") and "." in host[4:].strip("."):
        host = host[4:]
    if "?" in rest or "#" in rest:  # rare: most URLs are a path alone
        rest = _without_tracking(rest)
    elif rest.endswith("/"):
        rest = rest[:-1]
    normal = f"{scheme.casefold()}://{host}{rest}"
    return url if normal == url else normal


def _without_tracking(rest: str) -> str:
    """Drop tracking parameters, and one trailing ``/`` of the path, from ``path?query#fragment``."""
    if ";" in rest:  # before the fragment is found: "&#038;" holds a "#"
        rest = _AMPERSAND_REFERENCE.sub("&", rest)
    before_fragment, hash_sign, fragment = rest.partition("#")
    path, question, query = before_fragment.partition("?")
    if question:
        kept = [pair for pair in query.split("&") if pair and not _TRACKING.fullmatch(pair.partition("=")[0])]
        query = "&".join(kept)
        question = "?" if kept else ""
    if path.endswith("/"):
        path = path[:-1]
    return f"{path}{question}{query}{hash_sign}{fragment}"
