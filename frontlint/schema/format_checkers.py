"""The format checker: every format the bundled contract uses is really checked.

jsonschema checks a format only when an optional package for it is importable, and passes
unknown formats silently. frontlint depends on the packages for ``date-time`` and ``uri``
and adds ``iri`` / ``iri-reference`` itself: an IRI is checked as the URI it maps to
(RFC 3987, section 3.1: non-ASCII characters percent-encoded as UTF-8), so unencoded
non-ASCII letters pass while spaces and control characters do not; nor do the non-ASCII
ones that encoding would let through: whitespace (a no-break space, U+2028), C1 controls,
format characters (a zero-width space, a bidirectional mark) and lone surrogates.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from rfc3339_validator import validate_rfc3339  # type: ignore[import-untyped]

if TYPE_CHECKING:
    from jsonschema import FormatChecker

# A strict subset of RFC 3986 absolute URIs: http(s), a host of letters, digits, '-' and
# '.', an optional port, then only unreserved, sub-delim, ':', '@', '/', '?' characters and
# well-formed percent-escapes. Nearly every URL in an article is one; the full grammar (a
# large set of regular expressions that is slow to import) judges the rest.
# Each part is written as runs of allowed characters between percent-escapes ("unrolled"):
# the same text as one alternation per character, matched six times as fast.
_PCHARS = r"A-Za-z0-9\-._~!$&'()*+,;=:@"
_PATH = rf"[{_PCHARS}/]*(?:%[0-9A-Fa-f]{{2}}[{_PCHARS}/]*)*"
_QUERY = rf"[{_PCHARS}/?]*(?:%[0-9A-Fa-f]{{2}}[{_PCHARS}/?]*)*"
_PLAIN_URI = re.compile(rf"https?://[A-Za-z0-9.\-]+(?::[0-9]*)?(?:/{_PATH})?(?:\?{_QUERY})?(?:#{_QUERY})?")


# Every character of Unicode's categories Cf (format), Zl and Zp (line and paragraph
# separators), for a regular expression class: invisible, never meant in a URL. Unicode 15's
# (a superset of the older versions' that Python 3.10 and 3.11 carry).
INVISIBLE = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u2028-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
# What no IRI holds although percent-encoding would hide it: non-ASCII whitespace, C1
# controls, invisible characters and surrogates (RFC 3987's ucschar excludes them, or
# section 6.1 forbids them as invisible).
_NOT_IN_IRI = re.compile(f"[\\s\\x80-\\x9f{INVISIBLE}\\ud800-\\udfff]")


@functools.lru_cache(maxsize=1)
def _rfc3986() -> Callable[..., object]:
    # deferred: rfc3986_validator costs 6.8 ms, needed only by python-jsonschema's uri check
    from rfc3986_validator import validate_rfc3986  # type: ignore[import-untyped]

    return validate_rfc3986  # type: ignore[no-any-return]


def iri_to_uri(iri: str) -> str:
    """Percent-encode the non-ASCII characters of an IRI as UTF-8 (RFC 3987, 3.1)."""
    if iri.isascii():
        return iri
    return "".join(
        char if char.isascii() else "".join(f"%{byte:02X}" for byte in char.encode("utf-8", "surrogatepass"))
        for char in iri
    )


def _is_rfc3339(instance: object) -> bool:
    return not isinstance(instance, str) or bool(validate_rfc3339(instance.upper()))


def _is_uri(instance: object) -> bool:
    if not isinstance(instance, str) or _PLAIN_URI.fullmatch(instance):
        return True
    return bool(_rfc3986()(instance, rule="URI"))


def _is_uri_reference(instance: object) -> bool:
    if not isinstance(instance, str) or _PLAIN_URI.fullmatch(instance):
        return True
    return bool(_rfc3986()(instance, rule="URI_reference"))


def _is_iri(instance: object) -> bool:
    if isinstance(instance, str) and _PLAIN_URI.fullmatch(instance):
        return True  # nearly every URL, in one call: ASCII, so the IRI is its own URI
    return not isinstance(instance, str) or (_NOT_IN_IRI.search(instance) is None and _is_uri(iri_to_uri(instance)))


def _is_iri_reference(instance: object) -> bool:
    if not isinstance(instance, str):
        return True
    return _NOT_IN_IRI.search(instance) is None and _is_uri_reference(iri_to_uri(instance))


# The formats frontlint checks with its own functions, in python-jsonschema and in the
# compiled fast path alike, so that both judge every value the same way.
FORMAT_FUNCTIONS: dict[str, Callable[[object], bool]] = {
    "date-time": _is_rfc3339,
    "uri": _is_uri,
    "uri-reference": _is_uri_reference,
    "iri": _is_iri,
    "iri-reference": _is_iri_reference,
}


def format_checker() -> FormatChecker:
    """Return a checker with every available jsonschema format plus strict date and URL formats."""
    # deferred: python-jsonschema costs 59 ms; a run imports it only when a file or a schema needs it (the compiled check does the rest)
    from jsonschema import FormatChecker

    checker = FormatChecker()
    for name, function in FORMAT_FUNCTIONS.items():
        checker.checks(name)(function)
    return checker
