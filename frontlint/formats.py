"""The format checker: every format the bundled contract uses is really checked.

jsonschema checks a format only when an optional package for it is importable, and passes
unknown formats silently. frontlint depends on the packages for ``date-time`` and ``uri``
and adds ``iri`` / ``iri-reference`` itself: an IRI is checked as the URI it maps to
(RFC 3987, section 3.1: non-ASCII characters percent-encoded as UTF-8), so unencoded
non-ASCII letters pass while spaces and control characters do not.
"""

from __future__ import annotations

from collections.abc import Callable

from jsonschema import FormatChecker
from rfc3339_validator import validate_rfc3339  # type: ignore[import-untyped]
from rfc3986_validator import validate_rfc3986  # type: ignore[import-untyped]


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
    return not isinstance(instance, str) or bool(validate_rfc3986(instance, rule="URI"))


def _is_uri_reference(instance: object) -> bool:
    return not isinstance(instance, str) or bool(validate_rfc3986(instance, rule="URI_reference"))


def _is_iri(instance: object) -> bool:
    return not isinstance(instance, str) or _is_uri(iri_to_uri(instance))


def _is_iri_reference(instance: object) -> bool:
    return not isinstance(instance, str) or _is_uri_reference(iri_to_uri(instance))


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
    checker = FormatChecker()
    for name, function in FORMAT_FUNCTIONS.items():
        checker.checks(name)(function)
    return checker
