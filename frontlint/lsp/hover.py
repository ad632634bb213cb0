"""Hover on a front-matter key (or value): what the document's schema says of that property."""

from __future__ import annotations

import json
from typing import Any

from lsprotocol import types

from frontlint.diagnostic import DataPath, json_path
from frontlint.lsp.positions import DocumentPositions
from frontlint.lsp.schema_lookup import choices_of, description_of, subschemas_at, types_of
from frontlint.lsp.yaml_cursor import node_at
from frontlint.schema.contract import Schema


def hover(schema: Schema, positions: DocumentPositions, line: int, character: int) -> types.Hover | None:
    """The hover at an LSP position: the property's JSON path, type, choices and description (``None``: nothing known)."""
    lines = positions.lines
    found = node_at(lines, positions.offset(line, character))
    if found is None:
        return None
    path, (start, end) = found
    text = hover_text(schema, path)
    if text is None:
        return None
    first, last = lines.position(start), lines.position(end)
    where = types.Range(
        types.Position(*positions.to_lsp(first.line, first.column)),
        types.Position(*positions.to_lsp(last.line, last.column)),
    )
    return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, text), where)


def hover_text(schema: Schema, path: DataPath) -> str | None:
    """The Markdown shown for the property at ``path``: ``None`` when the schema describes nothing of it."""
    subschemas = subschemas_at(schema, path)
    description, kinds, choices = description_of(subschemas), types_of(subschemas), choices_of(subschemas)
    if description is None and not kinds and not choices:
        return None
    heading = f"`{json_path(path)}`"
    if kinds:
        heading += f": {' | '.join(kinds)}"
    parts = [heading]
    if choices:
        parts.append("one of " + ", ".join(f"`{_shown(value)}`" for value in choices))
    if description is not None:
        parts.append(description)
    return "\n\n".join(parts)


def _shown(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)
