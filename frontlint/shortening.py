"""Values and texts shortened to fit on one message line: the one home of every such cut.

- :func:`bounded` cuts a text at its end (``abc...``): error wording, a file's content as written.
- :func:`short` is the ``repr`` of a value from an article or a configuration, about 60
  characters, cut in the middle of a long string (``reprlib``) and to 4 items of a list or dict.
- :func:`shown` is the ``repr`` of a value from a schema, about 200 characters.
"""

from __future__ import annotations

import reprlib
from typing import Any

_SHORT = reprlib.Repr()
_SHORT.maxstring = 60
_SHORT.maxother = 60
_SHORT.maxlist = 4
_SHORT.maxdict = 4

_SHOWN = reprlib.Repr()
_SHOWN.maxstring = 200
_SHOWN.maxother = 200


def bounded(text: str, limit: int = 200) -> str:
    """``text`` as it is, or cut to ``limit`` characters ending in ``...``, for an error line."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


def short(value: Any) -> str:
    """Return a ``repr`` of ``value`` cut to a length that fits in one diagnostic line."""
    return _SHORT.repr(value)


def shown(value: Any) -> str:
    """The ``repr`` of a value from a schema, cut to about 200 characters for an error line."""
    return _SHOWN.repr(value)
