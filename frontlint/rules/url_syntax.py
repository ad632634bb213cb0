"""A URL that is empty, not absolute ``http``/``https``, without a valid host, or holding whitespace or control characters.

## What it does
Checks every URL field (``webUrl``, ``originalUrl``, ``ampWebUrl``, ``cdnAmpWebUrl`` and image
``url``s, provider logos included, in the article and in each related entry) and reports one
that is empty, lacks the ``http://`` or ``https://`` scheme, has no host or an invalid one
(host labels are letters, digits and hyphens, not starting or ending with ``-``; an optional
port is digits), or contains whitespace or control characters. The message says where the
defect is and what to write instead.

Non-ASCII letters are accepted, in the host and elsewhere: the fields hold IRIs, as feeds
write them. A value that is not a string is the schema's business and is skipped here.

## Why
Every one of these URLs is followed by a browser or fetched by a crawler. An unencoded
space, the most common defect, cuts a link short or breaks an image in some clients and is
a different URL in others; a relative or scheme-less URL resolves against the site itself
and points nowhere.

## Example that fails
```yaml
webUrl: "https://www.wwlp.com/news/new law leaves facial recognition debate unsettled/"
```

## Example that passes
```yaml
webUrl: "https://www.wwlp.com/news/new-law-leaves-facial-recognition-debate-unsettled/"
```

## Options
None.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

from ..diagnostic import Problem, Severity
from ..schema import short
from .base import RuleContext
from .fields import url_fields

ID = "url-syntax"
SEVERITY = Severity.ERROR
FIXABLE = True
OPTIONS: dict[str, Any] = {}

EXPECTED = "expected an absolute http:// or https:// URL"
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_PORT = re.compile(r"[0-9]+")


# URLs that are plainly fine: ASCII host labels, an optional port, then no whitespace or
# control character. Most URLs are; the character-by-character checks are for the rest.
# The rest of the URL is runs of printable ASCII between runs of other allowed characters:
# the same text as one class of every allowed character, matched twice as fast.
_PLAINLY_VALID = re.compile(
    r"https?://(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.?"
    r"(?::[0-9]+)?(?:[/?#][!-~]*(?:[^!-~\s\x00-\x1f\x7f-\x9f]+[!-~]*)*)?"
)


def check(context: RuleContext) -> Iterator[Problem]:
    """Yield one problem for each string URL field that is not a well-formed absolute URL."""
    for path, value in url_fields(context.data):
        if isinstance(value, str) and not _PLAINLY_VALID.fullmatch(value):
            message = url_defect(value)
            if message is not None:
                fixed = _whitespace_fix(value)
                yield Problem(
                    ID, message, path=path, replacement=fixed,
                    help="trim the URL and percent-encode the whitespace inside it" if fixed else None,
                )


def _whitespace_fix(url: str) -> str | None:
    """Whitespace is the one defect with a single fix: trim the ends, percent-encode the rest.

    Returns the fixed URL, only where that leaves a URL with no other defect.
    """
    fixed = "".join(quote(char) if _is_blank(char) else char for char in url.strip())
    if fixed == url or not fixed or url_defect(fixed) is not None:
        return None
    return fixed


def url_defect(url: str) -> str | None:
    """Return what is wrong with ``url``, the first defect found, or ``None`` when it is fine."""
    if not url.strip():
        return f"empty URL: {EXPECTED}"
    if url != url.strip():
        return _whitespace_defect(url)
    # A missing scheme or host says more than a space further on ("htps//broken url").
    return _structure_defect(url) or _whitespace_defect(url)


def _whitespace_defect(url: str) -> str | None:
    """Report the first whitespace or control character; at either end it is to be removed."""
    for index, char in enumerate(url):
        if not _is_blank(char):
            continue
        if not url[:index].strip():
            return f"URL starts with {_name(char)}: remove it"
        if not url[index:].strip():
            return f"URL ends with {_name(char)}: remove it"
        return f"URL contains {_name(char)} at character {index + 1}: percent-encode it as {quote(char)}"
    return None


def _is_blank(char: str) -> bool:
    return char.isspace() or unicodedata.category(char) == "Cc"


def _name(char: str) -> str:
    """Name a whitespace or control character: a plain space by name, others by code point."""
    if char == " ":
        return "a space"
    kind = "control character" if unicodedata.category(char) == "Cc" else "whitespace"
    return f"{kind} U+{ord(char):04X}"


def _structure_defect(url: str) -> str | None:
    """Check scheme, ``//`` and host of a URL free of whitespace."""
    match = _SCHEME.match(url)
    # "example.com:8080/a" parses with scheme "example.com": a dotted scheme is a host.
    if match is None or "." in match.group(1):
        return f"URL has no scheme: {EXPECTED}"
    scheme = match.group(1).lower()
    if scheme not in ("http", "https"):
        return f"URL scheme {short(match.group(1))} is not http or https: {EXPECTED}"
    rest = url[match.end():]
    if not rest.startswith("//"):
        return f"URL has no '//' after '{match.group(1)}:': expected '{scheme}://' and a host"
    authority = re.split(r"[/?#]", rest[2:], maxsplit=1)[0]
    return _authority_defect(authority.rpartition("@")[2], scheme)


def _authority_defect(host_port: str, scheme: str) -> str | None:
    """Check ``host[:port]`` (user information already removed)."""
    if host_port.startswith("["):
        host, _, tail = host_port[1:].partition("]")
        if not _is_ipv6(host) or (tail and not tail.startswith(":")):
            return f"URL host {short(host_port)} is not a valid IPv6 address: expected [hex:hex:...]"
        has_port, port = bool(tail), tail[1:]
    else:
        host, separator, port = host_port.partition(":")
        if not host:
            return f"URL has no host: expected '{scheme}://' followed by a host name"
        defect = _host_defect(host)
        if defect is not None:
            return defect
        has_port = bool(separator)
    if has_port and not _PORT.fullmatch(port):
        return f"URL port {short(port)} is not a number: expected digits after ':'"
    return None


def _is_ipv6(host: str) -> bool:
    try:
        ipaddress.IPv6Address(host)
    except ValueError:
        return False
    return True


def _host_defect(host: str) -> str | None:
    """Check a host name (or IPv4 address) label by label; one trailing dot is allowed."""
    for label in host.removesuffix(".").split("."):
        if not label:
            return f"URL host {short(host)} has an empty label: expected names separated by single dots"
        bad = next((char for char in label if not _is_label_char(char)), None)
        if bad is not None:
            return f"URL host {short(host)} contains {short(bad)}: expected letters, digits, '-' and '.'"
        if label.startswith("-") or label.endswith("-"):
            return f"URL host {short(host)} has a label starting or ending with '-': expected a letter or digit there"
    return None


def _is_label_char(char: str) -> bool:
    """Letters, digits and hyphens; any script's letters, marks and digits count (IDN)."""
    return char == "-" or unicodedata.category(char)[0] in "LMN"
