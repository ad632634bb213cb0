"""Completion inside front matter: the property names the schema allows at the cursor, and a value's choices."""

from __future__ import annotations

import json
from typing import Any

import yaml
from lsprotocol import types

from frontlint.lsp.positions import DocumentPositions
from frontlint.lsp.schema_lookup import choices_of, description_of, properties_of, subschemas_at, types_of
from frontlint.lsp.yaml_cursor import Spot, completion_spots
from frontlint.reading.limits import surely_shallow
from frontlint.schema.contract import Schema


def completions(schema: Schema, positions: DocumentPositions, line: int, character: int) -> list[types.CompletionItem]:
    """The completion items at an LSP position: keys not yet in the mapping there, or the value's choices."""
    offset = positions.offset(line, character)
    items: list[types.CompletionItem] = []
    for spot in completion_spots(positions.lines, offset):
        start = positions.lines.position(spot.start)
        cursor = positions.lines.position(offset)
        where = types.Range(
            types.Position(*positions.to_lsp(start.line, start.column)),
            types.Position(*positions.to_lsp(cursor.line, cursor.column)),
        )
        items.extend(_key_items(schema, spot, where) if spot.kind == "key" else _value_items(schema, spot, where))
    return items


def _key_items(schema: Schema, spot: Spot, where: types.Range) -> list[types.CompletionItem]:
    items = []
    for name, described in properties_of(subschemas_at(schema, spot.path)).items():
        if name in spot.present:
            continue
        subschemas = subschemas_at(schema, spot.path + (name,)) or described
        description = description_of(subschemas)
        items.append(
            types.CompletionItem(
                label=name,
                kind=types.CompletionItemKind.Property,
                detail=" | ".join(types_of(subschemas)) or None,
                documentation=types.MarkupContent(types.MarkupKind.Markdown, description) if description else None,
                text_edit=types.TextEdit(where, f"{name}: "),
            )
        )
    return items


def _value_items(schema: Schema, spot: Spot, where: types.Range) -> list[types.CompletionItem]:
    return [
        types.CompletionItem(
            label=written,
            kind=types.CompletionItemKind.EnumMember,
            text_edit=types.TextEdit(where, written),
        )
        for written in (yaml_scalar(value) for value in choices_of(subschemas_at(schema, spot.path)))
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
