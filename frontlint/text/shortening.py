"""Values and texts shortened to fit on one message line: the one home of every such cut.

- :func:`bounded` cuts a text at its end (``abc...``): error wording, a file's content as written.
- :func:`short` is the ``repr`` of a value from an article or a configuration, about 60
  characters, cut in the middle of a long string (``reprlib``) and to 4 items of a list or dict.
- :func:`shown` is the ``repr`` of a value from a schema, about 200 characters.

A schema's messages show a value as JSON writes ``true``, ``false`` and ``null`` (front matter
and schemas say so, not Python's ``True``, ``False``, ``None``): :func:`short_json` and
:func:`shown_json`, :func:`whole_json` (nothing cut), and :func:`json_literals_first` and
:func:`json_literals_last` for a validator's message that begins or ends with a value.
"""

from __future__ import annotations

import reprlib
from typing import Any

_JSON_WORDS = {True: "true", False: "false", None: "null"}


class _JsonLiterals(reprlib.Repr):
    """``reprlib.Repr`` writing ``True``, ``False`` and ``None`` as JSON's ``true``, ``false``, ``null``, at any depth."""

    def repr1(self, x: Any, level: int) -> str:
        if x is None or x is True or x is False:
            return _JSON_WORDS[x]
        return super().repr1(x, level)


def _repr(limit: int, items: int | None = None, json_literals: bool = False) -> reprlib.Repr:
    """A ``Repr`` cutting strings and other values at ``limit`` characters, lists and dicts at ``items``."""
    written = _JsonLiterals() if json_literals else reprlib.Repr()
    written.maxstring = written.maxother = limit
    if items is not None:
        written.maxlist = written.maxdict = items
    return written


_SHORT = _repr(60, 4)
_SHOWN = _repr(200)
_SHORT_JSON = _repr(60, 4, json_literals=True)
_SHOWN_JSON = _repr(200, json_literals=True)


def bounded(text: str, limit: int = 200) -> str:
    """``text`` as it is, or cut to ``limit`` characters ending in ``...``, for an error line."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


def short(value: Any) -> str:
    """Return a ``repr`` of ``value`` cut to a length that fits in one diagnostic line."""
    return _SHORT.repr(value)


def shown(value: Any) -> str:
    """The ``repr`` of a value from a schema, cut to about 200 characters for an error line."""
    return _SHOWN.repr(value)


def short_json(value: Any) -> str:
    """:func:`short`, with ``true``, ``false`` and ``null`` as JSON writes them: a value from an article in a schema message."""
    return _SHORT_JSON.repr(value)


def shown_json(value: Any) -> str:
    """:func:`shown`, with ``true``, ``false`` and ``null`` as JSON writes them: a value from a schema in a schema message."""
    return _SHOWN_JSON.repr(value)


def json_literals_first(message: str, value: Any) -> str:
    """``message``, which may begin with the ``repr`` of ``value`` (a validator's wording), with it written as JSON's."""
    try:
        written = repr(value)
        return whole_json(value) + message[len(written) :] if message.startswith(written) else message
    except RecursionError:  # a value nested deeper than Python's stack: left as the validator wrote it
        return message


def json_literals_last(message: str, value: Any) -> str:
    """``message``, which may end with the ``repr`` of ``value``, with it written as JSON's."""
    try:
        written = repr(value)
        return message[: len(message) - len(written)] + whole_json(value) if message.endswith(written) else message
    except RecursionError:
        return message


def whole_json(value: Any) -> str:
    """``repr(value)``, nothing cut, keys in their order, but ``true``, ``false`` and ``null`` as JSON writes them."""
    if value is None or value is True or value is False:
        return _JSON_WORDS[value]
    if type(value) is dict:
        return "{" + ", ".join(f"{whole_json(key)}: {whole_json(item)}" for key, item in value.items()) + "}"
    if type(value) is list:
        return "[" + ", ".join(whole_json(item) for item in value) + "]"
    return repr(value)


def json_type(value: Any, array: str = "an array") -> str:
    """What a parsed JSON value is, for a message: ``null``, a boolean, a number, a string, ``array``, an object."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    return "a string" if isinstance(value, str) else array if isinstance(value, list) else "an object"
