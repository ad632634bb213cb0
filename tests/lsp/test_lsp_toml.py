"""The real ``frontlint lsp`` over stdio on a document with TOML front matter (``+++``), as an editor drives it."""

from __future__ import annotations

from typing import Any

import pytest
from test_lsp_server import actions, applied, expected_diagnostics, fixed_by_the_command

pytestmark = pytest.mark.slow  # each test starts a server process

# Problems after non-ASCII ("é", one UTF-16 unit) and astral ("😀": two units) characters on their lines.
ARTICLE = """\
+++
category = "news"
title = "Café 😀 news"
excerpt = '𝒳 naïve summary'
publishedDateTime = 2021-07-28T02:44:00Z
webUrl = "https://example.com/😀 page"
type = "article"
topics = ["é😀", 7]
secured = "x"
provider = { name = "Exemple é 😀", domain = 5 }

[[images]]
url = "http://example.com/é.jpg"
width = 0
height = 420

[[related]]
title = "😀 Related"
webUrl = "https://other.org/a&amp;b"
type = "vidio"
+++
Body
"""
NAME = "_news/2021-07-28-cafe.md"


def test_diagnostics_of_a_toml_document_are_the_commands_at_the_same_positions(workspace, client):
    uri = client.open(workspace / NAME, ARTICLE)
    found = client.diagnostics(uri, version=1)
    assert found == expected_diagnostics(workspace, NAME, ARTICLE)
    assert ("image-dimensions", 13, 8) in [
        (d["code"], d["range"]["start"]["line"], d["range"]["start"]["character"]) for d in found
    ]
    assert client.close() == 0


def test_a_quick_fix_and_fix_all_in_a_toml_document_are_what_fix_writes(workspace, client):
    text = ARTICLE.replace('"https://example.com/😀 page"', '"https://example.com/page"')  # one fixable problem left
    uri = client.open(workspace / NAME, text)
    client.diagnostics(uri)
    line = text.splitlines().index('webUrl = "https://other.org/a&amp;b"')
    quick_fixes = [a for a in actions(client, uri, line) if a["kind"] == "quickfix" and a.get("isPreferred")]
    assert len(quick_fixes) == 1
    assert applied(text, quick_fixes[0]["edit"]["changes"][uri]) == fixed_by_the_command(workspace, NAME, text)
    found = actions(client, uri, 0, 0, only=["source.fixAll"])
    assert applied(text, found[0]["edit"]["changes"][uri]) == fixed_by_the_command(workspace, NAME, text)


def test_ignoring_a_rule_on_a_toml_line_writes_the_comment_that_silences_it(workspace, client):
    uri = client.open(workspace / NAME, ARTICLE)
    before = client.diagnostics(uri, version=1)
    line = ARTICLE.splitlines().index("width = 0")
    ignore = [a for a in actions(client, uri, line) if a["title"] == "Ignore image-dimensions on this line"]
    assert len(ignore) == 1
    changed = applied(ARTICLE, ignore[0]["edit"]["changes"][uri])
    assert changed.splitlines()[line] == "width = 0  # frontlint: ignore[image-dimensions]"
    client.change(uri, changed, 2)
    after = client.diagnostics(uri, version=2)
    assert [d for d in before if d["code"] != "image-dimensions"] == after
    assert after == expected_diagnostics(workspace, NAME, changed)


def test_hover_on_a_key_of_a_toml_array_of_tables_shows_its_schema(workspace, client):
    uri = client.open(workspace / NAME, ARTICLE)
    line = ARTICLE.splitlines().index("width = 0")
    hover = client.request(
        "textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": line, "character": 2}}
    )
    assert hover["contents"]["value"].startswith("`$.images[0].width`: integer\n\n")
    assert hover["range"] == {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 5}}


def completion_at(client, uri: str, line: int, character: int) -> Any:
    """The server's answer to a completion request at a position."""
    position = {"line": line, "character": character}
    return client.request("textDocument/completion", {"textDocument": {"uri": uri}, "position": position})


def edit_range(line: int, start: int, end: int) -> dict[str, Any]:
    return {"start": {"line": line, "character": start}, "end": {"line": line, "character": end}}


def test_completion_in_toml_offers_the_keys_not_yet_written_and_values_as_toml_literals(workspace, client):
    text = '+++\nname = "Launch 😀"\nki\n+++\n'
    uri = client.open(workspace / "events" / "launch.md", text)
    assert completion_at(client, uri, 2, 2) == [
        {
            "label": "kind",
            "kind": 10,
            "documentation": {"kind": "markdown", "value": "What sort of event."},
            "textEdit": {"range": edit_range(2, 0, 2), "newText": "kind = "},
        }
    ]
    client.change(uri, '+++\nname = "Launch 😀"\nkind = "w"\n+++\n', 2)  # the editor closed the quote
    assert completion_at(client, uri, 2, 9) == [
        {"label": written, "kind": 20, "textEdit": {"range": edit_range(2, 7, 10), "newText": written}}
        for written in ['"talk"', '"workshop"']
    ]
    assert client.close() == 0


def test_completion_in_a_toml_array_of_tables_and_an_inline_table_follows_the_schema(workspace, client):
    text = ARTICLE.replace('type = "vidio"', "type = ")
    uri = client.open(workspace / NAME, text)
    line = text.splitlines().index("type = ")  # in the second [[related]] table
    assert [(item["label"], item["textEdit"]) for item in completion_at(client, uri, line, 7)] == [
        (written, {"range": edit_range(line, 7, 7), "newText": written}) for written in ['"article"', '"video"']
    ]
    text = text.replace('provider = { name = "Exemple é 😀", domain = 5 }', 'provider = { name = "Exemple é 😀", i }')
    client.change(uri, text, 2)
    line = next(number for number, written in enumerate(text.splitlines()) if written.startswith("provider = {"))
    character = len('provider = { name = "Exemple é 😀", i') + 1  # "😀" is two UTF-16 units
    assert [(item["label"], item["textEdit"]) for item in completion_at(client, uri, line, character)] == [
        (name, {"range": edit_range(line, character - 1, character), "newText": f"{name} = "})
        for name in ["domain", "images"]
    ]
    assert client.close() == 0
