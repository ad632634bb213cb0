"""Checking a schema's ``x-frontlint-role`` marks: a value frontlint does not know is a mistake, not a silence.

A mark frontlint cannot read would leave its rules off that field without a word (a misspelt
``publised`` turns date-future off). The check walks the schema once, as it is read, and never
looks inside the keywords that hold data rather than schemas (``const``, ``enum``, ``default``,
``examples``); a mapping or boolean under the keyword is a property of that name's schema.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any

from frontlint.schema.field_plan import ROLE_KEYWORD, ROLES

_DATA_KEYWORDS = frozenset({"const", "enum", "default", "examples"})


def unknown_role_mark(document: Any) -> str | None:
    """A sentence naming the first ``x-frontlint-role`` value of ``document`` that is not a role, else ``None``.

    The sentence says where it is (a slash-separated path), what is written, and the nearest role.
    """
    stack: list[tuple[Any, tuple[str, ...]]] = [(document, ())]
    while stack:
        node, path = stack.pop()
        if isinstance(node, Mapping):
            mark = node.get(ROLE_KEYWORD)
            if ROLE_KEYWORD in node and not isinstance(mark, (Mapping, bool)) and mark not in ROLES:
                return _sentence(path, mark)
            stack.extend(
                (child, (*path, str(key)))
                for key, child in reversed(list(node.items()))
                if key not in _DATA_KEYWORDS and key != ROLE_KEYWORD
            )
        elif isinstance(node, list):
            stack.extend((child, (*path, str(index))) for index, child in reversed(list(enumerate(node))))
    return None


def _sentence(path: tuple[str, ...], mark: Any) -> str:
    where = "/".join((*path, ROLE_KEYWORD))
    written = repr(mark) if isinstance(mark, str) else f"{type(mark).__name__} {mark!r}"
    close = difflib.get_close_matches(mark, ROLES, n=1) if isinstance(mark, str) else []
    advice = f"did you mean '{close[0]}'?" if close else "the roles are " + ", ".join(ROLES)
    return f"{where}: {written} is not a role frontlint knows; {advice}"
