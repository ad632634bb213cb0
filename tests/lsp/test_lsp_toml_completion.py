"""Completion in TOML front matter (``+++``), without a server: where the cursor completes, and what it offers.

The server itself completes TOML over stdio in test_lsp_toml.py.
"""

from __future__ import annotations

import random
import sys
from typing import Any

import pytest
from completion_at_mark import completion_items
from lsprotocol import types

from frontlint.lsp.completion import CURSORS, completions
from frontlint.lsp.cursor import Head, Spot
from frontlint.lsp.positions import DocumentPositions
from frontlint.lsp.toml_cursor import completion_spots, head, toml_key, toml_value
from frontlint.reading.positions import LineIndex
from frontlint.schema.contract import schema_from_document

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

SCHEMA = schema_from_document(
    {
        "type": "object",
        "properties": {
            "title": {"type": "string", "description": "The title."},
            "kind": {"enum": ["talk", 'say "hi"', None, 3, 2**70, 1.5, [1, "x"], {"a b": True}]},
            "draft": {"type": "boolean"},
            "version": {"const": 2},
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
ARTICLE = '+++\ntitle = "x"\n{}\n[provider]\nname = "N"\n\n[[images]]\nurl = "a"\n\n[[images]]\nurl = "b"\n+++\nbody\n'


def spots(marked: str) -> list[Spot]:
    """The completion spots where ``|`` marks the cursor in ``marked`` (the ``|`` taken out)."""
    return completion_spots(LineIndex(marked.replace("|", "")), marked.index("|"))


@pytest.mark.parametrize(
    ("marked", "expected"),
    [
        (ARTICLE.format("ki|"), [Spot("key", (), 16, frozenset({"title", "provider", "images"}))]),
        (ARTICLE.format("|"), [Spot("key", (), 16, frozenset({"title", "provider", "images"}))]),
        (ARTICLE.format("kind = |"), [Spot("value", ("kind",), 23)]),
        (ARTICLE.format("kind = ta|"), [Spot("value", ("kind",), 23)]),
        (ARTICLE.format('kind = "ta|'), [Spot("value", ("kind",), 23)]),
        (ARTICLE.format('kind = "ta|"'), [Spot("value", ("kind",), 23, end=27)]),  # the editor's closing quote
        (ARTICLE.format("topics = [|"), [Spot("value", ("topics", 0), 26)]),
        (ARTICLE.format('topics = ["AI", |]'), [Spot("value", ("topics", 1), 32)]),
        (ARTICLE.format('topics = [|, "AI"]'), [Spot("value", ("topics", 0), 26)]),
        (ARTICLE.format('other = { name = "x", do|'), [Spot("key", ("other",), 38, frozenset({"name"}))]),
        (ARTICLE.format('other = { do| , name = "x" }'), [Spot("key", ("other",), 26, frozenset({"name"}))]),
        (ARTICLE.format('other = { do| name = "x" }'), [Spot("key", ("other",), 26, frozenset({"name"}))]),
        (ARTICLE.format('other = { "do|", name = "x" }'), [Spot("key", ("other",), 26, frozenset({"name"}), 30)]),
        (
            ARTICLE.format('other = { name = "x", deep = { a = [1, {b = |'),
            [Spot("value", ("other", "deep", "a", 1, "b"), 60)],
        ),
        (
            ARTICLE.replace('name = "N"\n', 'name = "N"\ndo|\n').format(""),
            [Spot("key", ("provider",), 39, frozenset({"name"}))],
        ),
        (
            ARTICLE.replace('url = "b"\n', 'url = "b"\nwi|\n').format(""),
            [Spot("key", ("images", 1), 83, frozenset({"url"}))],
        ),
        (
            ARTICLE.replace('url = "a"\n', 'url = "a"\nwidth = |\n').format(""),
            [Spot("value", ("images", 0, "width"), 69)],
        ),
        (ARTICLE.format("other.do|"), [Spot("key", ("other",), 22, frozenset())]),
        (ARTICLE.format("draft = tr|  # a comment"), [Spot("value", ("draft",), 24)]),
        ('+++\ntopics = [\n  "AI",\n  |\n  "Cloud",\n]\n+++\n', [Spot("value", ("topics", 1), 25)]),
        ('+++\ntopics = [\n  "AI",\n  "|\n]\n+++\n', [Spot("value", ("topics", 1), 25)]),
        ("+++\n|\n+++\n", [Spot("key", (), 4)]),
        # Nothing to complete: a comment, a table header, a multi-line string, after a value, the body, the fences.
        (ARTICLE.format("# ki|"), []),
        (ARTICLE.format("[pro|"), []),
        (ARTICLE.format('kind = "talk" |'), []),
        ('+++\ntext = """\nki|\n"""\n+++\n', []),
        (ARTICLE.format("") + "ki|", []),
        ("+++|\nkind = 1\n+++\n", []),
        ("+++\nkind = 1\n|+++\n", []),
        ("---\nki|\n---\n".replace("ki|", "|"), []),  # YAML is not TOML's to complete
    ],
)
def test_completion_spots_in_toml(marked, expected):
    assert spots(marked) == expected


@pytest.mark.parametrize(
    ("before", "expected"),
    [
        ("ti", Head("key", 0, "")),
        ('a = { b = [1, "x', Head("value", 14, "]}", '"')),
        ("a.'b'.c", Head("key", 6, "")),
        ("a = 1979-05-27 07:32:00Z, ", None),
        ("a = '''x", None),
        ("a = x y", None),
        ("a ] b", None),
    ],
)
def test_the_head_says_what_is_being_written_and_what_stays_open(before, expected):
    assert head(before) == expected


def items(marked: str) -> list[tuple[str, str, str | None]]:
    """Each completion item at the ``|`` of ``marked``: its label, the text it inserts and its filter text."""
    return completion_items(SCHEMA, marked)


def test_keys_are_offered_as_toml_keys_quoted_where_they_are_not_bare():
    assert items('+++\n[provider]\nname = "N"\n|\n+++\n') == [
        ("@id", '"@id" = ', '"@id"'),
        ("domain", "domain = ", None),
    ]
    assert items("+++\ntitle = 'x'\n|\n+++\n") == [
        ("kind", "kind = ", None),
        ("draft", "draft = ", None),
        ("version", "version = ", None),
        ("provider", "provider = ", None),
        ("topics", "topics = ", None),
        ("images", "images = ", None),
    ]
    assert items("+++\n[[images]]\nurl = 'x'\nw|\n+++\n") == [("width", "width = ", None)]


def test_values_are_offered_as_toml_literals_that_read_back_as_them():
    """A value TOML cannot write (null, an integer past 64 bits) is not offered."""
    written = ['"talk"', '"say \\"hi\\""', "3", "1.5", '[1, "x"]', '{ "a b" = true }']
    assert [label for label, _, _ in items("+++\nkind = |\n+++\n")] == written
    assert [label for label, _, _ in items("+++\ndraft = |\n+++\n")] == ["true", "false"]
    assert [label for label, _, _ in items("+++\nversion = |\n+++\n")] == ["2"]
    assert [label for label, _, _ in items('+++\ntopics = ["AI", "C|"]\n+++\n')] == ['"AI"', '"Cloud"']


def test_a_value_replaces_the_word_begun_and_the_closing_quote_the_editor_typed():
    positions = DocumentPositions(LineIndex('+++\ntopics = ["C"]\n+++\n'))
    found = completions(SCHEMA, positions, 1, 12)
    assert [(item.label, item.text_edit) for item in found] == [
        (label, types.TextEdit(types.Range(types.Position(1, 10), types.Position(1, 13)), label))
        for label in ['"AI"', '"Cloud"']
    ]


@pytest.mark.parametrize(
    "value",
    ["x", "", 'a "quoted" \\ back', "line\nbreak\ttab\x00\x7f", "é😀", True, False, 0, -(2**63), 2**63 - 1, 0.5, -1e300,
     [], [1, [2, ["x"]]], {}, {"a": 1, "b c": [True], "": {"d": "e"}}],
)  # fmt: skip
def test_every_value_toml_can_write_reads_back_as_itself(value):
    written = toml_value(value)
    assert written is not None
    assert tomllib.loads(f"v = {written}")["v"] == value


def test_what_toml_cannot_write_is_not_offered():
    deep: list[Any] = [1]
    for _ in range(70):
        deep = [deep]
    assert [toml_value(value) for value in [None, 2**63, -(2**63) - 1, [1, None], {"a": None}, deep]] == [None] * 6
    assert [toml_value(value) for value in [float("inf"), float("-inf")]] == ["inf", "-inf"]
    assert toml_value(float("nan")) == "nan"


def test_keys_are_bare_where_toml_allows_it():
    assert [toml_key(name) for name in ["title", "a-b_1", "a.b", "@id", "", "é"]] == [
        "title = ",
        "a-b_1 = ",
        '"a.b" = ',
        '"@id" = ',
        '"" = ',
        '"é" = ',
    ]


def test_every_registered_dialect_has_a_completion_cursor():
    from frontlint.dialects import DIALECTS

    missing = [dialect.name for dialect in DIALECTS if dialect.name not in CURSORS]
    assert not missing, f"no completion cursor in CURSORS (frontlint/lsp/completion.py) for {missing}"


FRAGMENTS = ["\n", "\r\n", "\r", " ", "\t", "=", ".", ",", "[", "]", "[[", "]]", "{", "}", '"', "'", '"""', "'''"]
FRAGMENTS += ["#", "\\", "a", "kind", "1", "true", "1979-05-27T07:32:00Z", "+++", "é😀", "\u2028", "\x00", "="]


def test_any_toml_text_completes_without_raising_at_every_offset():
    """Seeded: 300 texts of TOML's marks in any order, each completed at every offset (never raises)."""
    rng = random.Random(23)
    for _ in range(300):
        body = "".join(rng.choice(FRAGMENTS) for _ in range(rng.randint(0, 30)))
        text = f"+++\n{body}\n+++\nbody\n"
        lines = LineIndex(text)
        positions = DocumentPositions(lines)
        for offset in range(len(text) + 1):
            position = lines.position(offset)
            found = completions(SCHEMA, positions, *positions.to_lsp(position.line, position.column))
            assert isinstance(found, list), (text, offset)
