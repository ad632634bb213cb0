"""Where things are in an article: the fields that rules walk, read defensively.

Every function here accepts data of any shape and yields only what is there; nothing
raises on a wrong type (the schema reports those).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import urlsplit

from ..diagnostic import DataPath

URL_KEYS = ("webUrl", "originalUrl", "ampWebUrl", "cdnAmpWebUrl")
TEXT_KEYS = ("title", "excerpt")


def entries(data: Any) -> Iterator[tuple[DataPath, Mapping[str, Any]]]:
    """Yield the article itself (at path ``()``) and then each mapping in ``related``."""
    if not isinstance(data, Mapping):
        return
    yield (), data
    related = data.get("related")
    if isinstance(related, list):
        for index, entry in enumerate(related):
            if isinstance(entry, Mapping):
                yield ("related", index), entry


def image_lists(data: Any) -> Iterator[tuple[DataPath, list[Any]]]:
    """Yield every ``images`` list: of the article, its provider, and each related entry and its provider."""
    for path, entry in entries(data):
        images = entry.get("images")
        if isinstance(images, list):
            yield path + ("images",), images
        provider = entry.get("provider")
        if isinstance(provider, Mapping) and isinstance(provider.get("images"), list):
            yield path + ("provider", "images"), provider["images"]


def images(data: Any) -> Iterator[tuple[DataPath, Mapping[str, Any]]]:
    """Yield every image mapping in every ``images`` list."""
    for path, items in image_lists(data):
        for index, image in enumerate(items):
            if isinstance(image, Mapping):
                yield path + (index,), image


def url_fields(data: Any) -> Iterator[tuple[DataPath, Any]]:
    """Yield every URL field that is present, whatever its value's type.

    ``webUrl``, ``originalUrl``, ``ampWebUrl``, ``cdnAmpWebUrl`` of the article and each
    related entry, and ``url`` of every image (provider logos included).
    """
    for path, entry in entries(data):
        for key in URL_KEYS:
            if key in entry:
                yield path + (key,), entry[key]
    for path, image in images(data):
        if "url" in image:
            yield path + ("url",), image["url"]


def text_fields(data: Any) -> Iterator[tuple[DataPath, Any]]:
    """Yield ``title`` and ``excerpt`` of the article and each related entry, when present."""
    for path, entry in entries(data):
        for key in TEXT_KEYS:
            if key in entry:
                yield path + (key,), entry[key]


def url_host(url: str) -> str | None:
    """Return the lower-cased host of an absolute URL, or ``None`` when it has none."""
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    return host or None


def normalize_url(url: str) -> str:
    """Return ``url`` with scheme and host case-folded and one trailing ``/`` dropped.

    Two URLs that normalise alike name the same page (used to find duplicates).
    """
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url
    netloc = parts.netloc.casefold()
    rest = url.strip()[len(parts.scheme) + 3 + len(parts.netloc):] if parts.netloc else url.strip()
    normalized = f"{parts.scheme.casefold()}://{netloc}{rest}" if parts.netloc else rest
    return normalized[:-1] if normalized.endswith("/") else normalized
