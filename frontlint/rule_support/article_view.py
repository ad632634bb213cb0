"""One file's data as the rules read it: the article's fields, walked once per file, read defensively.

The engine builds one :class:`ArticleView` per file and hands it to every rule in its
:class:`~frontlint.rule_support.base.RuleContext`; each walk is done on first use and shared by the
rules that follow. Every walk accepts data of any shape and holds only what is there;
nothing raises on a wrong type (the schema reports those).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypeGuard

from frontlint.diagnostic import DataPath

URL_KEYS = ("webUrl", "originalUrl", "ampWebUrl", "cdnAmpWebUrl")
TEXT_KEYS = ("title", "excerpt")

Entries = Sequence[tuple[DataPath, Mapping[str, Any]]]
Values = Sequence[tuple[DataPath, Any]]


class ArticleView:
    """The walks over one file's data that several rules share, each computed once, when first read.

    Each walk is a tuple of ``(data path, node)`` pairs in document order; the view never
    changes ``data``, and a rule must not either.
    """

    __slots__ = ("_entries", "_image_lists", "_images", "_related_web_urls", "_text_fields", "_url_fields", "data")

    def __init__(self, data: Any) -> None:
        self.data = data
        self._entries: Entries | None = None
        self._image_lists: Sequence[tuple[DataPath, list[Any]]] | None = None
        self._images: Entries | None = None
        self._url_fields: Values | None = None
        self._text_fields: Values | None = None
        self._related_web_urls: Sequence[tuple[DataPath, str]] | None = None

    @property
    def entries(self) -> Entries:
        """The article itself (at path ``()``) and then each mapping in ``related``."""
        if self._entries is None:
            self._entries = _entries(self.data)
        return self._entries

    @property
    def image_lists(self) -> Sequence[tuple[DataPath, list[Any]]]:
        """Every ``images`` list: of the article, its provider, and each related entry and its provider."""
        if self._image_lists is None:
            self._image_lists = _image_lists(self.entries)
        return self._image_lists

    @property
    def images(self) -> Entries:
        """Every image mapping in every ``images`` list."""
        if self._images is None:
            self._images = tuple(
                (path + (index,), image)
                for path, items in self.image_lists
                for index, image in enumerate(items)
                if _is_mapping(image)
            )
        return self._images

    @property
    def url_fields(self) -> Values:
        """Every URL field that is present, whatever its value's type.

        ``webUrl``, ``originalUrl``, ``ampWebUrl``, ``cdnAmpWebUrl`` of the article and each
        related entry, and ``url`` of every image (provider logos included).
        """
        if self._url_fields is None:
            found = [(path + (key,), entry[key]) for path, entry in self.entries for key in URL_KEYS if key in entry]
            found.extend((path + ("url",), image["url"]) for path, image in self.images if "url" in image)
            self._url_fields = tuple(found)
        return self._url_fields

    @property
    def text_fields(self) -> Values:
        """``title`` and ``excerpt`` of the article and each related entry, when present."""
        if self._text_fields is None:
            self._text_fields = tuple(
                (path + (key,), entry[key]) for path, entry in self.entries for key in TEXT_KEYS if key in entry
            )
        return self._text_fields

    @property
    def related_web_urls(self) -> Sequence[tuple[DataPath, str]]:
        """The ``webUrl`` of each related entry that has one: a string, not blank (empty ones are the schema's business)."""
        if self._related_web_urls is None:
            self._related_web_urls = tuple(
                (path + ("webUrl",), url)
                for path, entry in self.entries
                if path and isinstance(url := entry.get("webUrl"), str) and url.strip()
            )
        return self._related_web_urls


def _is_mapping(value: Any) -> TypeGuard[Mapping[str, Any]]:
    return type(value) is dict or isinstance(value, Mapping)  # the cheap test first: it is a dict


def _entries(data: Any) -> Entries:
    if not _is_mapping(data):
        return ()
    found: list[tuple[DataPath, Mapping[str, Any]]] = [((), data)]
    related = data.get("related")
    if isinstance(related, list):
        found.extend((("related", index), entry) for index, entry in enumerate(related) if _is_mapping(entry))
    return tuple(found)


def _image_lists(entries: Entries) -> Sequence[tuple[DataPath, list[Any]]]:
    found: list[tuple[DataPath, list[Any]]] = []
    for path, entry in entries:
        images = entry.get("images")
        if isinstance(images, list):
            found.append((path + ("images",), images))
        provider = entry.get("provider")
        logos = provider.get("images") if _is_mapping(provider) else None
        if isinstance(logos, list):
            found.append((path + ("provider", "images"), logos))
    return tuple(found)
