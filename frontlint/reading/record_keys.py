"""Records handed to :func:`frontlint.validate_data` whose mappings have keys that are not strings.

JSON and YAML front matter have string keys only; a record built in Python may not (``{1: "x"}``,
``{None: ...}``, ``{(1, 2): ...}``). Such a key is reported as ``yaml-key-type`` at the mapping
that holds it, as the reader does for front matter, and the record is checked without it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from frontlint.diagnostic import DataPath, Problem
from frontlint.shortening import bounded

RULE = "yaml-key-type"
_SHOWN_CHARACTERS = 40


def without_non_string_keys(data: Any) -> tuple[Any, list[Problem]]:
    """Return ``data`` without its non-string keys, and a problem for each key left out.

    ``data`` itself is returned when every key is a string; otherwise a copy, in which the
    mappings and lists that hold such a key (at any depth) are new dicts and lists and
    everything else is shared. Cycles and shared parts are walked once; nothing recurses,
    so nesting of any depth is safe.
    """
    problems: list[Problem] = []
    parents: dict[int, list[int]] = {}
    containers: dict[int, Any] = {}
    with_bad_keys: list[int] = []
    stack: list[tuple[DataPath, Any, int | None]] = [((), data, None)]
    while stack:
        path, value, parent = stack.pop()
        if not isinstance(value, (Mapping, list, tuple)):
            continue
        identity = id(value)
        if parent is not None:
            parents.setdefault(identity, []).append(parent)
        if identity in containers:
            continue
        containers[identity] = value
        if isinstance(value, Mapping):
            bad = [key for key in value if not isinstance(key, str)]
            if bad:
                with_bad_keys.append(identity)
                problems.extend(Problem(RULE, _message(key), path=path) for key in bad)
            children = [(path + (key,), item, identity) for key, item in value.items() if isinstance(key, str)]
        else:
            children = [(path + (index,), item, identity) for index, item in enumerate(value)]
        stack.extend(reversed(children))  # walked in order: a shared part is reported where it first is
    if not problems:
        return data, []
    return _copy_without(data, _holding(with_bad_keys, parents), containers), problems


def _holding(with_bad_keys: list[int], parents: dict[int, list[int]]) -> set[int]:
    """The containers with a bad key and every container that holds one of them, at any depth."""
    holding: set[int] = set()
    pending = list(with_bad_keys)
    while pending:
        identity = pending.pop()
        if identity not in holding:
            holding.add(identity)
            pending.extend(parents.get(identity, ()))
    return holding


def _copy_without(data: Any, holding: set[int], containers: dict[int, Any]) -> Any:
    """Copy the containers in ``holding`` (by id), leaving out non-string keys; share the rest."""
    copies: dict[int, Any] = {}
    pending: list[int] = []

    def copy_of(value: Any) -> Any:
        identity = id(value)
        if identity not in holding:
            return value
        if identity not in copies:
            copies[identity] = {} if isinstance(value, Mapping) else []
            pending.append(identity)
        return copies[identity]

    result = copy_of(data)
    while pending:
        identity = pending.pop()
        original, copy = containers[identity], copies[identity]
        if isinstance(original, Mapping):
            copy.update((key, copy_of(item)) for key, item in original.items() if isinstance(key, str))
        else:
            copy.extend(copy_of(item) for item in original)
    return result


def _message(key: Any) -> str:
    try:
        shown = repr(key)
    except Exception:  # a key object whose repr fails still gets its diagnostic
        shown = f"<{type(key).__name__} object>"
    return f"key {bounded(shown, _SHOWN_CHARACTERS)} is {type(key).__name__}, not a string: keys must be strings, as in JSON and YAML front matter"
