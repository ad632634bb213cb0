"""Completion inside front matter: the property names the schema allows at the cursor, and a value's choices.

Each dialect completes through its own :class:`~frontlint.lsp.cursor.DialectCursor` in
:data:`CURSORS`, keyed by the dialect's name: where the cursor may complete, and how a key and a
value are written there. What to offer comes from the schema, the same in every dialect.
"""

from __future__ import annotations

import json
from typing import Any

import yaml
from lsprotocol import types

from frontlint.dialects import dialect_for
from frontlint.lsp import json_cursor, toml_cursor, yaml_cursor
from frontlint.lsp.cursor import DialectCursor, Spot
from frontlint.lsp.positions import DocumentPositions
from frontlint.lsp.schema_lookup import choices_of, description_of, properties_of, subschemas_at, types_of
from frontlint.reading.limits import Limits, surely_shallow
from frontlint.schema.contract import Schema


def completions(schema: Schema, positions: DocumentPositions, line: int, character: int) -> list[types.CompletionItem]:
    """The completion items at an LSP position: keys not yet in the mapping there, or the value's choices."""
    offset = positions.offset(line, character)
    cursor = CURSORS.get(dialect_for(positions.lines.text).name)
    if cursor is None:
        return []
    items: list[types.CompletionItem] = []
    for spot in cursor.spots(positions.lines, offset, Limits()):
        start = positions.lines.position(spot.start)
        end = positions.lines.position(offset if spot.end is None else spot.end)
        where = types.Range(
            types.Position(*positions.to_lsp(start.line, start.column)),
            types.Position(*positions.to_lsp(end.line, end.column)),
        )
        if spot.kind == "key":
            items.extend(_key_items(schema, spot, where, cursor))
        else:
            items.extend(_value_items(schema, spot, where, cursor))
    return items


def _key_items(schema: Schema, spot: Spot, where: types.Range, cursor: DialectCursor) -> list[types.CompletionItem]:
    items = []
    for name, described in properties_of(subschemas_at(schema, spot.path)).items():
        if name in spot.present:
            continue
        subschemas = subschemas_at(schema, spot.path + (name,)) or described
        description = description_of(subschemas)
        written = cursor.key_text(name)
        items.append(
            types.CompletionItem(
                label=name,
                kind=types.CompletionItemKind.Property,
                detail=" | ".join(types_of(subschemas)) or None,
                documentation=types.MarkupContent(types.MarkupKind.Markdown, description) if description else None,
                text_edit=types.TextEdit(where, written),
                filter_text=None if written.startswith(name) else written.rstrip(" :="),
            )
        )
    return items


def _value_items(schema: Schema, spot: Spot, where: types.Range, cursor: DialectCursor) -> list[types.CompletionItem]:
    written_values = (cursor.value_text(value) for value in choices_of(subschemas_at(schema, spot.path)))
    return [
        types.CompletionItem(
            label=written,
            kind=types.CompletionItemKind.EnumMember,
            text_edit=types.TextEdit(where, written),
        )
        for written in written_values
        if written is not None
    ]


def yaml_scalar(value: Any) -> str:
    """``value`` written as a YAML scalar that reads back as it: plain where it can be, else JSON-quoted.

    A string that could be more than one level of YAML (``[[[…``, ``- - - …``) is not a plain
    scalar: it is quoted without being read, as reading thousands of levels exhausts the stack.
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, str) and value and surely_shallow(value, 1) and "#" not in value and ": " not in value:
        try:
            if yaml.safe_load(value) == value:
                return value
        except yaml.YAMLError:
            pass
    return json.dumps(value, ensure_ascii=False)


def _yaml_key(name: str) -> str:
    """What completing the key ``name`` inserts in YAML."""
    return f"{name}: "


# Each dialect's completion cursor, by the dialect's name; a dialect without one completes nothing.
CURSORS: dict[str, DialectCursor] = {
    "yaml": DialectCursor(yaml_cursor.completion_spots, _yaml_key, yaml_scalar),
    "toml": DialectCursor(toml_cursor.completion_spots, toml_cursor.toml_key, toml_cursor.toml_value),
    "json": DialectCursor(json_cursor.completion_spots, json_cursor.json_key, json_cursor.json_value),
}
