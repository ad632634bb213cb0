"""Completion in JSON front matter (``{ … }``), without a server: where the cursor completes, and what it offers.

The server itself completes JSON over stdio in test_lsp_json.py.
"""

from __future__ import annotations

import json
import random

import pytest
from completion_at_mark import completion_items
from lsprotocol import types

from frontlint.lsp.completion import completions
from frontlint.lsp.cursor import Head, Spot
from frontlint.lsp.json_cursor import completion_spots, head, json_key, json_value
from frontlint.lsp.positions import DocumentPositions
from frontlint.reading.positions import LineIndex
from frontlint.schema.contract import schema_from_document

SCHEMA = schema_from_document(
    {
        "type": "object",
        "properties": {
            "title": {"type": "string", "description": "The title."},
            "kind": {"enum": ["talk", 'say "hi"', None, 3, 1.5, [1, "x"], {"a b": True}, "\u2028"]},
            "draft": {"type": "boolean"},
            "provider": {
                "type": "object",
                "properties": {"name": {"type": "string"}, "@id": {"type": "string"}, "domain": {"type": "string"}},
            },
            "topics": {"type": "array", "items": {"enum": ["AI", "Cloud"]}},
            "images": {
                "type": "array",
                "items": {"type": "object", "properties": {"url": {"type": "string"}, "width": {"type": "integer"}}},
            },
        },
    }
)
ARTICLE = '{{\n  "title": "x",\n  {}\n  "provider": {{"name": "N"}},\n  "images": [{{"url": "a"}}]\n}}\nbody\n'
PRESENT = frozenset({"title", "provider", "images"})


def spots(marked: str) -> list[Spot]:
    """The completion spots where ``|`` marks the cursor in ``marked`` (the ``|`` taken out)."""
    return completion_spots(LineIndex(marked.replace("|", "")), marked.index("|"))


@pytest.mark.parametrize(
    ("marked", "expected"),
    [
        (ARTICLE.format('"ki|"'), [Spot("key", (), 20, PRESENT, 24)]),  # the editor closed the quote
        (ARTICLE.format('"ki|'), [Spot("key", (), 20, frozenset({"title"}))]),  # the quote hides the braces after it
        (ARTICLE.format("ki|"), [Spot("key", (), 20, PRESENT)]),  # not quoted yet
        (ARTICLE.format("|"), [Spot("key", (), 20, PRESENT)]),
        (ARTICLE.format('"kind": |'), [Spot("value", ("kind",), 28)]),
        (ARTICLE.format('"kind": "ta|",'), [Spot("value", ("kind",), 28, end=32)]),
        (ARTICLE.format('"kind": "ta|'), [Spot("value", ("kind",), 28)]),
        (ARTICLE.format('"draft": tr|,'), [Spot("value", ("draft",), 29)]),
        (ARTICLE.format('"topics": [|],'), [Spot("value", ("topics", 0), 31)]),
        (ARTICLE.format('"topics": ["AI", |],'), [Spot("value", ("topics", 1), 37)]),
        (ARTICLE.format('"o": {"name": "x", "do|"},'), [Spot("key", ("o",), 39, frozenset({"name"}), 43)]),
        (ARTICLE.format('"o": {"do|", "name": "x"},'), [Spot("key", ("o",), 26, frozenset({"name"}), 30)]),
        (ARTICLE.format('"o": {"a": [1, {"b": |}]},'), [Spot("value", ("o", "a", 1, "b"), 41)]),
        ('{\n  "images": [{"url": "a"}, {|}]\n}\n', [Spot("key", ("images", 1), 30)]),
        ('{\n  "provider": {"name": "N", |}\n}\n', [Spot("key", ("provider",), 30, frozenset({"name"}))]),
        ("{|}\n", [Spot("key", (), 1)]),
        # Nothing to complete: after a value with no comma, outside the object, in the body.
        ('{\n  "title": "x"\n  ki|\n}\n', []),
        ('{\n  "title": "x" |\n}\n', []),
        ("|{}\n", []),
        ("{}|\n", []),
        ("{}\nbody ki|\n", []),
        ("{}\n{|\n", []),
        ("---\n|\n---\n", []),  # YAML is not JSON's to complete
    ],
)
def test_completion_spots_in_json(marked, expected):
    assert spots(marked) == expected


@pytest.mark.parametrize(
    ("before", "expected"),
    [
        ("{", Head("key", 1, "}")),
        ('{"a": [1, {"b": "x', Head("value", 16, "}]}", '"')),
        ('{"a": [1, {"b": tr', Head("value", 16, "}]}")),
        ('{"a": {}, "b": [], ', Head("key", 19, "}")),
        ('{"a" 1', None),
        ('{"a": 1]', None),
        ("[", None),
        ("{}", None),
    ],
)
def test_the_head_says_what_is_being_written_and_what_stays_open(before, expected):
    assert head(before) == expected


def items(marked: str) -> list[tuple[str, str, str | None]]:
    """Each completion item at the ``|`` of ``marked``: its label, the text it inserts and its filter text."""
    return completion_items(SCHEMA, marked)


def test_keys_are_offered_quoted_with_their_colon():
    assert items('{\n  "provider": {"name": "N", "|"}\n}\n') == [
        ("@id", '"@id": ', '"@id"'),
        ("domain", '"domain": ', '"domain"'),
    ]
    assert items('{\n  "title": "x",\n  "images": [{"url": "a", |}]\n}\n') == [("width", '"width": ', '"width"')]


def test_values_are_offered_as_json_literals_that_read_back_as_them():
    """A string is written as ``--fix`` writes one: readable, with a lone surrogate as its escape."""
    written = ['"talk"', '"say \\"hi\\""', "null", "3", "1.5", '[1, "x"]', '{"a b": true}', '"\u2028"']
    assert [label for label, _, _ in items('{"kind": |}\n')] == written
    assert [label for label, _, _ in items('{"draft": |}\n')] == ["true", "false"]
    assert [label for label, _, _ in items('{"topics": ["AI", "C|"]}\n')] == ['"AI"', '"Cloud"']


def test_a_value_replaces_the_word_begun_and_the_closing_quote_the_editor_typed():
    positions = DocumentPositions(LineIndex('{"topics": ["C"]}\n'))
    found = completions(SCHEMA, positions, 0, 14)
    assert [(item.label, item.text_edit) for item in found] == [
        (label, types.TextEdit(types.Range(types.Position(0, 12), types.Position(0, 15)), label))
        for label in ['"AI"', '"Cloud"']
    ]


@pytest.mark.parametrize(
    "value",
    ["x", "", 'a "quoted" \\ back', "line\nbreak\ttab\x00\x7f\u2028", "é😀", True, False, None, 0, -(2**63), 10**30,
     0.5, -1e300, [], [1, [2, ["x"]]], {}, {"a": 1, "b c": [True], "": {"d": "e"}}],
)  # fmt: skip
def test_every_value_json_can_write_reads_back_as_itself(value):
    written = json_value(value)
    assert written is not None
    assert json.loads(written) == value


def test_what_json_cannot_write_is_not_offered_and_a_lone_surrogate_is_escaped():
    deep: list[object] = []
    for _ in range(100_000):
        deep = [deep]
    assert [json_value(value) for value in [float("inf"), float("-inf"), float("nan"), deep]] == [None] * 4
    assert json_value(["\ud800é"]) == '["\\ud800\\u00e9"]'
    assert [json_key(name) for name in ["title", "@id", 'a"b', ""]] == ['"title": ', '"@id": ', '"a\\"b": ', '"": ']


FRAGMENTS = ["\n", "\r\n", "\r", " ", "\t", ":", ",", "[", "]", "{", "}", '"', "\\", '\\"', "a", "kind", "1", "-1.5e3"]
FRAGMENTS += ["true", "null", '"kind": ', '"topics": [', "é😀", "\u2028", "\x00", "+++", "---"]


def test_any_json_text_completes_without_raising_at_every_offset():
    """Seeded: 300 texts of JSON's marks in any order, each completed at every offset (never raises)."""
    rng = random.Random(23)
    for _ in range(300):
        body = "".join(rng.choice(FRAGMENTS) for _ in range(rng.randint(0, 30)))
        text = f"{{{body}}}\nbody\n" if rng.random() < 0.8 else "{" + body
        lines = LineIndex(text)
        positions = DocumentPositions(lines)
        for offset in range(len(text) + 1):
            position = lines.position(offset)
            found = completions(SCHEMA, positions, *positions.to_lsp(position.line, position.column))
            assert isinstance(found, list), (text, offset)
