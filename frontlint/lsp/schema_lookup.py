"""What a schema says of the value at a data path: its subschemas, properties, description, type and choices.

A path (``("related", 3, "webUrl")``) is followed through ``properties``, ``patternProperties``,
``additionalProperties``, ``prefixItems`` and ``items``; every subschema that may apply is kept:
those ``$ref`` (local, or into the files the schema references), ``allOf``, ``anyOf``, ``oneOf``
and ``if``/``then``/``else`` lead to. Hover and completion read them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple
from urllib.parse import urldefrag, urljoin

from frontlint.diagnostic import DataPath
from frontlint.schema.contract import Schema
from frontlint.schema.fast_validator import pattern_matcher, pointer_steps

# Subschemas visited for one path at most: a schema whose references loop stops here.
_MAX_VISITS = 256
_IN_PLACE_LISTS = ("allOf", "anyOf", "oneOf")
_IN_PLACE = ("if", "then", "else")


class _Located(NamedTuple):
    base: str  # the URI its references are resolved against
    node: Mapping[str, Any]


def subschemas_at(schema: Schema, path: DataPath) -> list[Mapping[str, Any]]:
    """Every subschema that may apply to the value at ``path``, outermost first (none: the schema says nothing)."""
    root_id = schema.document.get("$id")
    found = _expanded(schema, [_Located(root_id if isinstance(root_id, str) else "", schema.document)])
    for step in path:
        found = _expanded(schema, list(_step(found, step)))
    return [located.node for located in found]


def _step(found: list[_Located], step: str | int) -> Iterator[_Located]:
    for base, node in found:
        for child in _children(node, step):
            if isinstance(child, Mapping):
                yield _Located(base, child)


def _children(node: Mapping[str, Any], step: str | int) -> Iterator[Any]:
    """The subschemas of ``node`` for the member ``step`` (a key of an object, an index of an array)."""
    if isinstance(step, str):
        properties = node.get("properties")
        named = isinstance(properties, Mapping) and step in properties
        if named and isinstance(properties, Mapping):
            yield properties[step]
        patterns = node.get("patternProperties")
        matched = False
        if isinstance(patterns, Mapping):
            for pattern, child in patterns.items():
                if isinstance(pattern, str) and pattern_matcher(pattern)(step):
                    matched = True
                    yield child
        if not named and not matched and "additionalProperties" in node:
            yield node["additionalProperties"]
        return
    prefix = node.get("prefixItems")
    items = node.get("items")
    if isinstance(prefix, list) and step < len(prefix):
        yield prefix[step]
    elif isinstance(items, list):  # the tuple form of older drafts
        if step < len(items):
            yield items[step]
    elif items is not None:
        yield items


def _expanded(schema: Schema, found: list[_Located]) -> list[_Located]:
    """``found`` and every subschema their references and combinators lead to (each once)."""
    result: list[_Located] = []
    seen: set[int] = set()
    pending = list(reversed(found))
    while pending and len(result) < _MAX_VISITS:
        located = pending.pop()
        if id(located.node) in seen:
            continue
        seen.add(id(located.node))
        result.append(located)
        more: list[_Located] = []
        reference = located.node.get("$ref")
        if isinstance(reference, str):
            target = _resolve(schema, located.base, reference)
            if target is not None:
                more.append(target)
        for keyword in _IN_PLACE_LISTS:
            alternatives = located.node.get(keyword)
            if isinstance(alternatives, list):
                more.extend(_Located(located.base, item) for item in alternatives if isinstance(item, Mapping))
        more.extend(
            _Located(located.base, located.node[keyword])
            for keyword in _IN_PLACE
            if isinstance(located.node.get(keyword), Mapping)
        )
        pending.extend(reversed(more))
    return result


def _resolve(schema: Schema, base: str, reference: str) -> _Located | None:
    """The subschema a ``$ref`` names, in the schema or a file it references (``None``: not found)."""
    uri, fragment = urldefrag(urljoin(base, reference) if base else reference)
    root_id = schema.document.get("$id")
    if not uri or uri == root_id or (not base and reference.startswith("#")):
        document: Any = schema.document
    else:
        document = (schema.resources or {}).get(uri)
    node = document
    for step in pointer_steps(fragment) if fragment.startswith("/") else []:
        if isinstance(node, Mapping) and step in node:
            node = node[step]
        elif isinstance(node, list) and step.isdigit() and int(step) < len(node):
            node = node[int(step)]
        else:
            return None
    return _Located(uri or base, node) if isinstance(node, Mapping) else None


def properties_of(subschemas: list[Mapping[str, Any]]) -> dict[str, list[Mapping[str, Any]]]:
    """The property names the subschemas describe, in order, each with the subschemas that describe it."""
    found: dict[str, list[Mapping[str, Any]]] = {}
    for node in subschemas:
        properties = node.get("properties")
        if isinstance(properties, Mapping):
            for name, child in properties.items():
                if isinstance(child, Mapping):
                    found.setdefault(name, []).append(child)
    return found


def description_of(subschemas: list[Mapping[str, Any]]) -> str | None:
    """The first ``description`` (or else ``title``) of the subschemas."""
    for keyword in ("description", "title"):
        for node in subschemas:
            text = node.get(keyword)
            if isinstance(text, str) and text.strip():
                return text.strip()
    return None


def types_of(subschemas: list[Mapping[str, Any]]) -> list[str]:
    """The JSON types the subschemas allow (``type``, in order, each once)."""
    found: list[str] = []
    for node in subschemas:
        declared = node.get("type")
        for name in declared if isinstance(declared, list) else [declared]:
            if isinstance(name, str) and name not in found:
                found.append(name)
    return found


def choices_of(subschemas: list[Mapping[str, Any]]) -> list[Any]:
    """The values the subschemas allow when they list them (``enum``, ``const``), each once; ``true``/``false`` for a boolean.

    None where a subschema also allows values it does not list (a ``webUrl`` that is a URL or ``""``).
    """
    if any(_open(node) for node in subschemas):
        return []
    found: list[Any] = []
    seen: set[tuple[type, Any]] = set()
    for node in subschemas:
        listed = node.get("enum")
        values = list(listed) if isinstance(listed, list) else []
        if "const" in node:
            values.append(node["const"])
        for value in values:
            identity = _identity(value)
            if identity not in seen:
                seen.add(identity)
                found.append(value)
    if not found and types_of(subschemas) == ["boolean"]:
        found = [True, False]
    return found


def _open(node: Mapping[str, Any]) -> bool:
    """Whether ``node`` lets through values it does not list: a typed leaf without ``enum`` or ``const``."""
    combines = any(keyword in node for keyword in ("$ref", *_IN_PLACE_LISTS))
    return not combines and "type" in node and "enum" not in node and "const" not in node and node["type"] != "boolean"


def _identity(value: Any) -> tuple[type, Any]:
    """What tells one listed value from another, hashed (a list of them is compared in linear time).

    A value and its type (``1`` is not ``true``); a list or mapping by its JSON text, keys sorted.
    """
    try:
        if isinstance(value, (list, Mapping)):
            return type(value), json.dumps(value, sort_keys=True)
        hash(value)
        return type(value), value
    except (TypeError, ValueError):
        return type(value), repr(value)
