"""Issue 21: the server's copy of a document is the editor's, line for line, and hover and completion always answer.

An editor (LSP) ends lines at ``\\n``, ``\\r\\n`` and ``\\r`` only; Python's ``str.splitlines`` also
at U+2028, U+2029, U+0085, VT, FF and FS/GS/RS. Documents holding each of those are edited
incrementally below it, then fixed with "fix all": the text the client ends with is checked
against its own copy, edited here with the LSP line model (``applied``, ``editor_lines``).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from lsp_client import LspClient, editor_lines
from test_lsp_hostile_clients import at
from test_lsp_server import ARTICLE, actions, applied, expected_diagnostics, fixed_by_the_command

pytestmark = pytest.mark.slow  # each test starts a server process

NAME = "_news/2021-07-28-cafe.md"
# Not line breaks for an editor, each one for Python's str.splitlines.
NOT_LINE_BREAKS = ["\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e"]
# Of those, the ones YAML readers accept in a document (PyYAML takes them for line breaks).
READ_BY_YAML = ["\u2028", "\u2029", "\x85"]


def type_into(client: LspClient, uri: str, text: str, version: int, line: int, character: int, typed: str) -> str:
    """Send the incremental change that types ``typed`` at an LSP position; the client's text after it."""
    where = {"start": {"line": line, "character": character}, "end": {"line": line, "character": character}}
    client.notify(
        "textDocument/didChange",
        {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"range": where, "text": typed}]},
    )
    return applied(text, [{"range": where, "newText": typed}])


def fixed_all(client: LspClient, uri: str, text: str) -> str:
    """The client's text after it applies the server's "fix all" action."""
    (fixing,) = actions(client, uri, 0, 0, only=["source.fixAll"])
    return applied(text, fixing["edit"]["changes"][uri])


@pytest.mark.parametrize("character", NOT_LINE_BREAKS, ids=lambda c: f"U+{ord(c):04X}")
def test_typing_below_a_character_python_takes_for_a_line_break_stays_where_it_was_typed(workspace, client, character):
    text = ARTICLE.replace("Body\n", f"Intro{character}more\nsecond line\nthird line\n")
    uri = client.open(workspace / NAME, text)
    client.diagnostics(uri, version=1)
    third = editor_lines(text).index("third line")
    text = type_into(client, uri, text, 2, third, 0, "TYPED ")
    assert client.diagnostics(uri, version=2) == expected_diagnostics(workspace, NAME, text)
    after = fixed_all(client, uri, text)
    assert editor_lines(after)[third - 2 :] == [f"Intro{character}more", "second line", "TYPED third line", ""]
    assert after == fixed_by_the_command(workspace, NAME, text)


@pytest.mark.parametrize("character", READ_BY_YAML, ids=lambda c: f"U+{ord(c):04X}")
def test_in_front_matter_diagnostics_after_an_edit_below_such_a_character_point_at_their_node(
    workspace, client, character
):
    text = ARTICLE.replace('title: "Café 😀 news"', f'title: "Café{character}😀 news"')
    text = text.replace('name: "Exemple é 😀"', f'name: "Exemple{character}é 😀"')  # before a problem on its line
    uri = client.open(workspace / NAME, text)
    assert client.diagnostics(uri, version=1) == expected_diagnostics(workspace, NAME, text)
    height = editor_lines(text).index("    height: 420")
    text = type_into(client, uri, text, 2, height, len("    height: "), "-")
    found = client.diagnostics(uri, version=2)
    assert found == expected_diagnostics(workspace, NAME, text)
    (negative,) = [d for d in found if d["code"] == "image-dimensions" and d["range"]["start"]["line"] == height]
    assert negative["range"] == {
        "start": {"line": height, "character": len("    height: ")},
        "end": {"line": height, "character": len("    height: -420")},
    }
    related = editor_lines(text).index('  - {title: "😀 Related", webUrl: "https://other.org/a&amp;b", type: vidio}')
    (quick,) = [a for a in actions(client, uri, related) if a["kind"] == "quickfix" and a.get("isPreferred")]
    assert applied(text, quick["edit"]["changes"][uri]) == text.replace("a&amp;b", "a&b")
    after = fixed_all(client, uri, text)
    assert editor_lines(after)[height] == "    height: -420"
    assert after == fixed_by_the_command(workspace, NAME, text)


TALKS_SCHEMA = {
    "type": "object",
    "properties": {
        "name": {"type": "string", "description": "The event's name."},
        "talks": {
            "type": "array",
            "description": "The talks.",
            "items": {"type": "object", "properties": {"title": {"type": "string", "description": "A title."}}},
        },
    },
}


def hover_at(client: LspClient, uri: str, text: str, before: str, shift: int = 0) -> Any:
    """The server's hover at the first ``before`` in ``text`` (``shift`` characters on), as an editor asks for it."""
    offset = text.index(before) + shift
    line = text.count("\n", 0, offset)
    character = offset - (text.rfind("\n", 0, offset) + 1)
    return client.request("textDocument/hover", at(uri, line, character))


def hover_of(value: str, line: int, start: int, end_line: int, end: int) -> dict[str, Any]:
    """A hover's whole answer: its Markdown and the range it covers."""
    return {
        "contents": {"kind": "markdown", "value": value},
        "range": {"start": {"line": line, "character": start}, "end": {"line": end_line, "character": end}},
    }


TALKS = "`$.talks`: array\n\nThe talks."


@pytest.mark.parametrize(
    ("text", "hovers"),
    [
        pytest.param(  # a list that holds itself
            "---\nname: x\ntalks: &t [*t, {title: x}]\n---\n",
            [
                ("*t", 1, hover_of(TALKS, 2, 7, 2, 26)),
                ("title", 1, hover_of("`$.talks[1].title`: string\n\nA title.", 2, 16, 2, 21)),
            ],
            id="list",
        ),
        pytest.param(  # a mapping that holds itself
            "---\ntalks: &t {b: *t}\nname: x\n---\n",
            [
                ("*t", 1, hover_of(TALKS, 1, 7, 1, 17)),
                ("name", 1, hover_of("`$.name`: string\n\nThe event's name.", 2, 0, 2, 4)),
            ],
            id="mapping",
        ),
        pytest.param(  # nested two levels down, the alias of the outer one
            "---\ntalks: &t\n  - title: x\n    more: [{a: *t}]\n---\n",
            [("*t", 1, None), ("title", 0, hover_of("`$.talks[0].title`: string\n\nA title.", 2, 4, 2, 9))],
            id="nested",
        ),
        pytest.param(  # in a list of mappings, one holding itself
            "---\ntalks:\n  - &m {title: x, again: *m}\n  - title: y\n---\n",
            [
                ("*m", 1, hover_of("`$.talks[0]`: object", 2, 4, 2, 28)),
                ("title: y", 0, hover_of("`$.talks[1].title`: string\n\nA title.", 3, 4, 3, 9)),
            ],
            id="list-of-mappings",
        ),
    ],
)
def test_hover_on_a_recursive_alias_answers_and_the_server_goes_on(workspace, client, text, hovers):
    (workspace / "event.schema.json").write_text(json.dumps(TALKS_SCHEMA), encoding="utf-8")
    uri = client.open(workspace / "events" / "loop.md", text)
    assert client.diagnostics(uri) == expected_diagnostics(workspace, "events/loop.md", text)
    assert [hover_at(client, uri, text, before, shift) for before, shift, _ in hovers] == [
        expected for _, _, expected in hovers
    ]
    offset = text.index("*") + 1
    line = text.count("\n", 0, offset)
    assert client.request("textDocument/completion", at(uri, line, offset - text.rfind("\n", 0, offset) - 1)) == []
    assert client.close() == 0


def test_completion_offers_an_enums_values_however_deeply_they_would_nest_as_yaml(workspace, client):
    """Values that YAML would read as thousands of nested levels are offered quoted, as JSON (a string YAML reads back)."""
    deep = ["[" * 5000, "- " * 3000 + "x", "{a: " * 2000 + "b" + "}" * 2000]
    schema = {"type": "object", "properties": {"kind": {"enum": ["talk", *deep]}}}
    (workspace / "event.schema.json").write_text(json.dumps(schema), encoding="utf-8")
    uri = client.open(workspace / "events" / "deep.md", "---\nkind: \n---\n")
    where = {"start": {"line": 1, "character": 6}, "end": {"line": 1, "character": 6}}
    assert client.request("textDocument/completion", at(uri, 1, 6)) == [
        {"label": written, "kind": 20, "textEdit": {"range": where, "newText": written}}
        for written in ["talk", *(json.dumps(value) for value in deep)]
    ]
    assert not [n for n in client.notifications if "internal error" in json.dumps(n)]
    assert client.close() == 0


@pytest.mark.parametrize("character", READ_BY_YAML, ids=lambda c: f"U+{ord(c):04X}")
def test_hover_and_completion_below_such_a_character_are_at_the_editors_cursor(workspace, client, character):
    text = f'---\nname: "Launch{character}day"\n\n---\n'
    uri = client.open(workspace / "events" / "launch.md", text)
    text = type_into(client, uri, text, 2, 2, 0, "ki")
    assert client.request("textDocument/completion", at(uri, 2, 2)) == [
        {
            "label": "kind",
            "kind": 10,
            "documentation": {"kind": "markdown", "value": "What sort of event."},
            "textEdit": {
                "range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 2}},
                "newText": "kind: ",
            },
        }
    ]
    text = type_into(client, uri, text, 3, 2, 2, "nd: talk")
    assert editor_lines(text)[2] == "kind: talk"
    assert client.request("textDocument/hover", at(uri, 2, 1)) == hover_of(
        "`$.kind`\n\none of `talk`, `workshop`\n\nWhat sort of event.", 2, 0, 2, 4
    )
    assert client.diagnostics(uri, version=3) == expected_diagnostics(workspace, "events/launch.md", text) == []
