"""A ``cdnAmpWebUrl`` that is not the Google AMP Cache URL of ``ampWebUrl``, or half of the pair missing.

## What it does
Reads, in each entry, the values the schema marks ``amp-url`` and ``amp-cache-url``
(``ampWebUrl`` and ``cdnAmpWebUrl`` in the bundled contract).

For the article and each related entry, derives the Google AMP Cache URL of ``ampWebUrl``
and compares it with ``cdnAmpWebUrl``; it also reports either of the two written without
the other. The message shows the expected URL.

The cache URL is ``https://<prefix>.cdn.ampproject.org/c/s/<the AMP URL without https://>``,
or ``/c/<...>`` for an ``http`` AMP URL; query and fragment are kept as written. The
prefix follows the AMP Cache's basic algorithm: the AMP URL's host, in Unicode (punycode
labels decoded), has each ``-`` doubled and then each ``.`` turned into ``-``; a result
with ``--`` at positions 3 and 4 is wrapped as ``0-…-0``; a non-ASCII result is written in
punycode. So ``www.wwlp.com`` becomes ``www-wwlp-com``, ``en-us.example.com`` becomes
``0-en--us-example-com-0`` and ``bücher.example`` becomes ``xn--bcher-example-wob``.

Where the cache uses a hash of the host instead, the expected URL is not derivable from the
rule's inputs alone, so the pair is not compared: when the prefix would not be a valid DNS
label (longer than 63 characters, or starting or ending with ``-``), when the host has no
dot, or when it mixes left-to-right and right-to-left letters. An ``ampWebUrl`` that is
not an absolute ``http``/``https`` URL with a host is left to ``url-syntax``, a blank value
counts as missing, and a value that is not a string is left to the schema.

## Why
``cdnAmpWebUrl`` is derived from ``ampWebUrl``; when the two disagree, one of them was
copied from another story or the derivation was done by hand and went wrong, and readers
land on a different page, or on an error, in the cache.

## Example that fails
```yaml
ampWebUrl: "https://www.wwlp.com/news/massachusetts/new-law-leaves-facial-recognition-debate-unsettled/amp/"
cdnAmpWebUrl: "https://www.wwlp.com.cdn.ampproject.org/c/s/www.wwlp.com/news/massachusetts/new-law-leaves-facial-recognition-debate-unsettled/amp/"
```

## Example that passes
```yaml
ampWebUrl: "https://www.wwlp.com/news/massachusetts/new-law-leaves-facial-recognition-debate-unsettled/amp/"
cdnAmpWebUrl: "https://www-wwlp-com.cdn.ampproject.org/c/s/www.wwlp.com/news/massachusetts/new-law-leaves-facial-recognition-debate-unsettled/amp/"
```

## Options
None.

## Precision on real articles
Measured on the real sample (`_news` of `../shared/corpus/azure`, 1,982 articles) with the
default settings: 0 diagnostics; precision not measured on this sample (every AMP pair in the
1,036 files that carry one matches). It catches a `cdnAmpWebUrl` derived by hand or copied
from another story.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from frontlint.diagnostic import DataPath, Problem, Severity
from frontlint.rule_support.article_view import Entry
from frontlint.rule_support.base import Option, RuleContext
from frontlint.rule_support.url_host import url_host

ID = "amp-cache-url"
SEVERITY = Severity.ERROR
FIXABLE = True
OPTIONS: dict[str, Option] = {}

CACHE_DOMAIN = "cdn.ampproject.org"
MAX_LABEL_LENGTH = 63
_HTTP_PREFIX = re.compile(r"(https?)://", re.IGNORECASE)
# Scheme and host of a URL: the part compared without regard to case.
_ORIGIN = re.compile(r"[^/]*//[^/?#]*")
_RIGHT_TO_LEFT = {"R", "AL"}


def check(context: RuleContext) -> Iterator[Problem]:
    """Yield a problem for each entry whose ``cdnAmpWebUrl`` does not match its ``ampWebUrl``."""
    for entry in context.view.entries:
        yield from _check_entry(entry)


def _check_entry(entry: Entry) -> Iterator[Problem]:
    amp_field, cdn_field = entry.role("amp-url"), entry.role("amp-cache-url")
    if amp_field is None and cdn_field is None:
        return
    amp, cdn = (field[1] if field is not None else None for field in (amp_field, cdn_field))
    if not all(value is None or isinstance(value, str) for value in (amp, cdn)):
        return  # A wrong type is the schema's business.
    # A blank value counts as missing (empty-value reports it).
    amp_text, cdn_text = (amp or "").strip(), (cdn or "").strip()
    expected = cache_url(amp_text) if amp_text else None
    amp_key, cdn_key = _key(amp_field, entry, "amp-url"), _key(cdn_field, entry, "amp-cache-url")
    if amp_text and not cdn_text and amp_field is not None:
        wanted = f"{cdn_key}: '{expected}'" if expected else "both or neither"
        yield Problem(ID, f"{amp_key} has no {cdn_key} beside it: expected {wanted}", path=amp_field[0])
    elif cdn_text and not amp_text and cdn_field is not None:
        yield Problem(ID, f"{cdn_key} has no {amp_key} beside it: expected both or neither", path=cdn_field[0])
    elif expected is not None and cdn_field is not None and _fold_origin(cdn_text) != _fold_origin(expected):
        yield Problem(
            ID,
            f"{cdn_key} is not the AMP Cache URL of {amp_key}: expected '{expected}'",
            path=cdn_field[0],
            help=f"write the AMP Cache URL derived from {amp_key}",
            replacement=expected,
        )


def _key(field: tuple[DataPath, Any] | None, entry: Entry, role: str) -> str:
    """Name a field by its key; one the entry lacks by the key the schema gives its role there."""
    if field is not None:
        return str(field[0][-1])
    return entry.key_for(role) or role


def cache_url(amp_url: str) -> str | None:
    """Return the Google AMP Cache URL of ``amp_url``, or ``None`` when it cannot be derived.

    ``None`` for a URL that is not absolute ``http``/``https`` with a host, and for a host
    whose cache prefix would be a hash (see :func:`domain_prefix`).
    """
    match = _HTTP_PREFIX.match(amp_url)
    host = url_host(amp_url) if match else None
    prefix = domain_prefix(host) if host else None
    if match is None or prefix is None:
        return None
    secure = "s/" if match.group(1).lower() == "https" else ""
    return f"https://{prefix}.{CACHE_DOMAIN}/c/{secure}{amp_url[match.end() :]}"


def domain_prefix(host: str) -> str | None:
    """Return the AMP Cache's human-readable domain prefix for ``host``.

    ``None`` where the cache falls back to a hash of the host, or where the host does not
    decode: the rule then has nothing certain to compare.
    """
    try:
        unicode_host = ".".join(_decode_label(label) for label in host.lower().removesuffix(".").split("."))
    except UnicodeError:
        return None
    if "." not in unicode_host or _mixes_directions(unicode_host):
        return None
    prefix = unicode_host.replace("-", "--").replace(".", "-")
    if prefix[2:4] == "--":
        # Such a label would read as an IDNA A-label ("xn--"); the cache wraps it.
        prefix = f"0-{prefix}-0"
    if not prefix.isascii():
        prefix = "xn--" + prefix.encode("punycode").decode("ascii")
    return prefix if _is_dns_label(prefix) else None


def _decode_label(label: str) -> str:
    """Turn a punycode label (``xn--…``) into Unicode; leave others as they are."""
    if label.startswith("xn--"):
        return label[4:].encode("ascii").decode("punycode")
    return label


def _is_dns_label(label: str) -> bool:
    return 0 < len(label) <= MAX_LABEL_LENGTH and not label.startswith("-") and not label.endswith("-")


def _mixes_directions(host: str) -> bool:
    if host.isascii():
        return False  # no ASCII character is written right to left
    directions = {unicodedata.bidirectional(char) for char in host}
    return "L" in directions and bool(directions & _RIGHT_TO_LEFT)


def _fold_origin(url: str) -> str:
    """Lower-case scheme and host, which are case-insensitive; keep the rest as written."""
    match = _ORIGIN.match(url)
    return url[: match.end()].lower() + url[match.end() :] if match else url
