"""Where things are in an article: the fields that rules walk, read defensively.

Every function here accepts data of any shape and yields only what is there; nothing
raises on a wrong type (the schema reports those).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any, TypeGuard, TypeVar
from datetime import datetime
from urllib.parse import urlsplit

from ..diagnostic import DataPath

# A scheme, then an authority that is a bare host name: no user, port, brackets or escapes.
_PLAIN_HOST = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://([A-Za-z0-9.-]+)(?:[/?#]|\Z)")
_T = TypeVar("_T")
URL_KEYS = ("webUrl", "originalUrl", "ampWebUrl", "cdnAmpWebUrl")
TEXT_KEYS = ("title", "excerpt")
# The same grammar the schema's date-time format accepts (RFC 3339, section 5.6, with a
# lower-case "t"/"z" allowed and no leap second), matched before parsing because
# ``datetime.fromisoformat`` accepts other ISO 8601 forms on Python 3.11 and fewer on 3.10.
_RFC3339 = re.compile(
    r"([0-9]{4}-[0-9]{2}-[0-9]{2})[Tt]((?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9])"
    r"(?:\.([0-9]+))?([Zz]|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])"
)


def _remembered(walk: Callable[[Any], list[_T]]) -> Callable[[Any], Iterator[_T]]:
    """Remember a walker's result for the last data it saw.

    Every rule walks the same file's data in turn: each walk is done once per file, not
    once per rule. The data object itself is kept, so its identity cannot be reused.
    """
    last: list[Any] = [object(), []]

    @functools.wraps(walk)
    def remembered(data: Any) -> Iterator[_T]:
        if last[0] is not data:
            last[:] = [data, walk(data)]
        return iter(last[1])

    return remembered


def _is_mapping(value: Any) -> TypeGuard[Mapping[str, Any]]:
    return type(value) is dict or isinstance(value, Mapping)  # the cheap test first: it is a dict


@_remembered
def entries(data: Any) -> list[tuple[DataPath, Mapping[str, Any]]]:
    """Yield the article itself (at path ``()``) and then each mapping in ``related``."""
    if not _is_mapping(data):
        return []
    found: list[tuple[DataPath, Mapping[str, Any]]] = [((), data)]
    related = data.get("related")
    if isinstance(related, list):
        found.extend((("related", index), entry) for index, entry in enumerate(related) if _is_mapping(entry))
    return found


@_remembered
def image_lists(data: Any) -> list[tuple[DataPath, list[Any]]]:
    """Yield every ``images`` list: of the article, its provider, and each related entry and its provider."""
    found: list[tuple[DataPath, list[Any]]] = []
    for path, entry in entries(data):
        images = entry.get("images")
        if isinstance(images, list):
            found.append((path + ("images",), images))
        provider = entry.get("provider")
        logos = provider.get("images") if _is_mapping(provider) else None
        if isinstance(logos, list):
            found.append((path + ("provider", "images"), logos))
    return found


@_remembered
def images(data: Any) -> list[tuple[DataPath, Mapping[str, Any]]]:
    """Yield every image mapping in every ``images`` list."""
    return [
        (path + (index,), image)
        for path, items in image_lists(data)
        for index, image in enumerate(items)
        if _is_mapping(image)
    ]


@_remembered
def url_fields(data: Any) -> list[tuple[DataPath, Any]]:
    """Yield every URL field that is present, whatever its value's type.

    ``webUrl``, ``originalUrl``, ``ampWebUrl``, ``cdnAmpWebUrl`` of the article and each
    related entry, and ``url`` of every image (provider logos included).
    """
    found = [(path + (key,), entry[key]) for path, entry in entries(data) for key in URL_KEYS if key in entry]
    found.extend((path + ("url",), image["url"]) for path, image in images(data) if "url" in image)
    return found


@_remembered
def text_fields(data: Any) -> list[tuple[DataPath, Any]]:
    """Yield ``title`` and ``excerpt`` of the article and each related entry, when present."""
    return [(path + (key,), entry[key]) for path, entry in entries(data) for key in TEXT_KEYS if key in entry]


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
