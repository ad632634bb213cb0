"""The completion items the language server offers at a ``|`` mark in a document, for the per-dialect tests."""

from __future__ import annotations

from frontlint.lsp.completion import completions
from frontlint.lsp.positions import DocumentPositions
from frontlint.reading.positions import LineIndex
from frontlint.schema.contract import Schema


def completion_items(schema: Schema, marked: str) -> list[tuple[str, str, str | None]]:
    """Each completion item at the ``|`` of ``marked``: its label, the text it inserts and its filter text."""
    text = marked.replace("|", "")
    lines = LineIndex(text)
    cursor = lines.position(marked.index("|"))
    positions = DocumentPositions(lines)
    found = completions(schema, positions, *positions.to_lsp(cursor.line, cursor.column))
    return [(item.label, item.text_edit.new_text, item.filter_text) for item in found]  # type: ignore[union-attr]
