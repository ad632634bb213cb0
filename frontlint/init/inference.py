"""A JSON Schema (Draft 2020-12) inferred from the front matter of a collection's files.

What every file of the collection holds becomes the contract, and nothing more, so that the
files it was inferred from pass it and a new file is held to their shape:

- a key every object at a place has is ``required``; keys are left open (no ``additionalProperties``);
- each value's ``type``, with ``null`` where a file leaves it empty (``integer`` and ``number`` merge into ``number``);
- a ``format`` (``date-time``, ``date``, ``email``, ``uri``, ``uri-reference``) where every string at
  that place has it, judged by the same format functions a run checks with;
- a small closed set of short single words, repeated across the files, as an ``enum``; never free text;
- the items of lists and the keys of nested objects, the same way;
- a top-level date whose name says it is the publication date (``date``, ``pubDate``, ...) is marked
  ``"x-frontlint-role": "published"``, the mark the date rules read.

Why not genson (a well-kept schema generator): it infers the same types, ``required`` and nested
items, but formats, enums and the role mark would each be a custom strategy class of its own, and
its formats could never be frontlint's own format functions; the whole inference here is shorter
than those strategies would be, and needs no dependency.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from frontlint.schema.format_checkers import FORMAT_FUNCTIONS

DIALECT = "https://json-schema.org/draft/2020-12/schema"
# An enum is inferred from at least this many values, with at most this many distinct ones,
# each repeated (distinct values at most a third of the values) and none longer than ENUM_LONGEST.
ENUM_FEWEST_VALUES = 20
ENUM_MOST_DISTINCT = 8
ENUM_LONGEST = 40
# Top-level keys that name the publication date, as site generators spell it.
PUBLISHED_NAMES = frozenset(
    {"date", "pubDate", "pubdate", "publishDate", "publishdate", "published", "publishedDate", "publishedDateTime"}
)
# An enum's values are single words (a kind, a tag, a level): words with spaces between them are free text.
_WORD = re.compile(r"[\w.+#/-]+")
_TYPE_ORDER = ("object", "array", "string", "number", "integer", "boolean", "null")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_EMAIL = re.compile(r"[^@\s/:]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")
# A link to a page of the site or elsewhere: what uri-reference is inferred for (any word is a relative reference).
_LINK = re.compile(r"(?:[a-z][a-z0-9+.-]*:|/|\.\.?/|#)", re.IGNORECASE)


def infer_schema(documents: Sequence[dict[str, Any]], title: str, description: str) -> dict[str, Any]:
    """The schema of ``documents`` (each file's front matter), with ``title`` and ``description``."""
    inferred = _infer(list(documents))
    properties = inferred.get("properties", {})
    for name, schema in properties.items():
        if name in PUBLISHED_NAMES and _types_of(schema) <= {"string", "null"} and "enum" not in schema:
            schema["x-frontlint-role"] = "published"
    return {"$schema": DIALECT, "title": title, "description": description, **inferred}


def _infer(values: list[Any]) -> dict[str, Any]:
    """The schema of the values seen at one place (every value present there)."""
    types = {_type_of(value) for value in values}
    if "number" in types:
        types.discard("integer")
    schema: dict[str, Any] = {}
    if types:
        ordered = [name for name in _TYPE_ORDER if name in types]
        schema["type"] = ordered[0] if len(ordered) == 1 else ordered
    objects = [value for value in values if isinstance(value, dict)]
    if objects:
        schema.update(_object_schema(objects))
    items = [item for value in values if isinstance(value, list) for item in value]
    if items:
        schema["items"] = _infer(items)
    strings = [value for value in values if isinstance(value, str)]
    if strings:
        schema.update(_string_schema(values, strings))
    return schema


def _object_schema(objects: list[dict[str, Any]]) -> dict[str, Any]:
    """``properties`` in the order first seen, and ``required`` for the keys every object has."""
    seen: dict[str, list[Any]] = {}
    for each in objects:
        for key, value in each.items():
            seen.setdefault(key, []).append(value)
    schema: dict[str, Any] = {"properties": {key: _infer(found) for key, found in seen.items()}}
    required = [key for key, found in seen.items() if len(found) == len(objects)]
    if required:
        schema["required"] = required
    return schema


def _string_schema(values: list[Any], strings: list[str]) -> dict[str, Any]:
    """The ``format`` every string has, or an ``enum`` of a small repeated set where every other value is null."""
    for name, fits in _FORMATS:
        if all(fits(value) for value in strings):
            return {"format": name}
    distinct = sorted(set(strings))
    nulls = len(values) - len(strings)
    if (
        all(value is None for value in values if not isinstance(value, str))
        and len(strings) >= ENUM_FEWEST_VALUES
        and len(distinct) <= min(ENUM_MOST_DISTINCT, len(strings) // 3)
        and all(len(value) <= ENUM_LONGEST and _WORD.fullmatch(value) for value in distinct)
    ):
        return {"enum": [*distinct, *([None] if nulls else [])]}
    return {}


def _type_of(value: Any) -> str:
    """The JSON type of a front-matter value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def _types_of(schema: dict[str, Any]) -> set[str]:
    found = schema.get("type", ())
    return {found} if isinstance(found, str) else set(found)


def _is_date(value: str) -> bool:
    return _DATE.fullmatch(value) is not None and FORMAT_FUNCTIONS["date-time"](f"{value}T00:00:00Z")


def _is_uri(value: str) -> bool:
    return ":" in value and _LINK.match(value) is not None and FORMAT_FUNCTIONS["uri"](value)


def _is_link(value: str) -> bool:
    return _LINK.match(value) is not None and FORMAT_FUNCTIONS["uri-reference"](value)


def _is_date_time(value: str) -> bool:
    return "T" in value.upper() and FORMAT_FUNCTIONS["date-time"](value)


_FORMATS: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("date-time", _is_date_time),
    ("date", _is_date),
    ("email", lambda value: _EMAIL.fullmatch(value) is not None),
    ("uri", _is_uri),
    ("uri-reference", _is_link),
)
