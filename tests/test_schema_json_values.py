"""Issue 21: schema messages show values as JSON writes them: ``true``, ``false``, ``null``.

They said ``got boolean True`` (Python's words); front matter and schemas say ``true``. Only
those three words change: strings keep their quotes, as every other message writes them.
Each message is checked on both validators: jsonschema-rs, and python-jsonschema alone.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from frontlint import validate_data
from frontlint.checking.engine import Linter
from frontlint.schema.contract import Schema, SchemaError, load_schema, schema_from_document
from frontlint.settings.resolved import Settings


def lines_of(schema: Schema, text: str) -> list[str]:
    linter = Linter(schema, Settings(select=("schema",)))
    return [diagnostic.format() for diagnostic in linter.lint_text(text, "a.md")]


def python_only(schema: Schema) -> Schema:
    return Schema(schema.document, schema.source, lambda: schema.validator)


def both(tmp_path: Path, document: dict[str, Any], text: str) -> tuple[list[str], list[str]]:
    """The lines for ``text`` from each validator, for a schema file holding ``document``."""
    path = tmp_path / "news.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    schema = load_schema(path)
    return lines_of(schema, text), lines_of(python_only(schema), text)


def properties(**each: Any) -> dict[str, Any]:
    return {"type": "object", "properties": each}


@pytest.mark.parametrize(
    ("document", "text", "expected"),
    [
        (
            properties(draft={"type": "string"}),
            "---\ndraft: true\n---\n",
            "a.md:2:8: error: expected string, got boolean true [schema/type]",
        ),
        (
            properties(tags={"type": "string"}),
            "---\ntags: [true, null, 'x']\n---\n",
            "a.md:2:7: error: expected string, got array [true, null, 'x'] [schema/type]",
        ),
        (
            properties(meta={"type": "array"}),
            "---\nmeta: {a: false, b: null}\n---\n",
            "a.md:2:7: error: expected array, got object {'a': false, 'b': null} [schema/type]",
        ),
        (
            properties(draft={"const": True}),
            "---\ndraft: false\n---\n",
            "a.md:2:8: error: expected true, got false [schema/const]",
        ),
        (
            properties(note={"const": None}),
            "---\nnote: [null]\n---\n",
            "a.md:2:7: error: expected null, got [null] [schema/const]",
        ),
        (
            properties(state={"enum": [True, None, "x"]}),
            "---\nstate: false\n---\n",
            "a.md:2:8: error: false is not one of true, null, 'x' [schema/enum]",
        ),
        (
            {
                "type": "object",
                "if": {"properties": {"draft": {"const": True}}, "required": ["draft"]},
                "then": {"required": ["reviewer"]},
            },
            "---\ndraft: true\n---\n",
            "a.md:2:1: error: missing required key 'reviewer' (required when draft is true) [schema/required]",
        ),
        (
            properties(flags={"uniqueItems": True}),
            "---\nflags: [true, true]\n---\n",
            "a.md:2:8: error: [true, true] has non-unique elements [schema/uniqueItems]",
        ),
        (
            properties(draft={"not": {"const": True}}),
            "---\ndraft: true\n---\n",
            "a.md:2:8: error: true should not be valid under {'const': true} [schema/not]",
        ),
        (
            properties(draft={"oneOf": [{"type": "boolean"}, {"const": True}]}),
            "---\ndraft: true\n---\n",
            "a.md:2:8: error: true is valid under each of {'const': true}, {'type': 'boolean'} [schema/oneOf]",
        ),
    ],
    ids=[
        "type",
        "type-list",
        "type-mapping",
        "const",
        "const-null",
        "enum",
        "condition",
        "unique-items",
        "not",
        "one-of",
    ],
)
def test_a_message_writes_true_false_and_null_as_json_does(tmp_path, document, text, expected):
    assert both(tmp_path, document, text) == ([expected], [expected])


def test_validate_data_writes_them_so_too():
    schema = schema_from_document(properties(draft={"type": "string"}))
    assert [diagnostic.format() for diagnostic in validate_data({"draft": [True, False]}, schema)] == [
        "<data>:$.draft: error: expected string, got array [true, false] [schema/type]"
    ]
    assert [diagnostic.format() for diagnostic in validate_data({"draft": False}, schema)] == [
        "<data>:$.draft: error: expected string, got boolean false [schema/type]"
    ]


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        ({"$schema": True}, "<schema>: not a valid JSON Schema at $schema: true is not of type 'string'"),
        (
            {"type": "object", "minProperties": None},
            "<schema>: not a valid JSON Schema at minProperties: null is not of type 'integer'",
        ),
    ],
)
def test_a_schema_error_writes_them_so_too(document, expected):
    with pytest.raises(SchemaError) as raised:
        schema_from_document(document)
    assert str(raised.value) == expected
