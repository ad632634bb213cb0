"""The real ``frontlint lsp`` over stdio on a JSON front-matter document: what the command reports and fixes."""

from __future__ import annotations

from typing import Any

import pytest
from test_lsp_server import actions, applied, expected_diagnostics, fixed_by_the_command

pytestmark = pytest.mark.slow  # each test starts a server process

# Problems after non-ASCII ("é", one UTF-16 unit) and astral ("😀", "𝒳": two units) characters on their lines.
JSON_ARTICLE = """\
{
  "category": "news",
  "title": "Café 😀 news",
  "excerpt": "𝒳 naïve summary",
  "publishedDateTime": "2021-07-28T02:44:00Z",
  "webUrl": "https://example.com/😀 page",
  "type": "article",
  "provider": {"name": "Exemple é 😀", "domain": 5},
  "topics": ["é😀", 7],
  "secured": "x",
  "images": [{"url": "http://example.com/é.jpg", "width": 0, "height": 420}],
  "related": [{"title": "😀 Related", "webUrl": "https://other.org/a&amp;b", "type": "vidio"}]
}
Body
"""
NAME = "_news/2021-07-28-cafe.md"


def test_diagnostics_of_a_json_document_are_the_commands_with_lsp_positions(workspace, client):
    uri = client.open(workspace / NAME, JSON_ARTICLE)
    found = client.diagnostics(uri, version=1)
    assert found == expected_diagnostics(workspace, NAME, JSON_ARTICLE)
    assert {d["code"] for d in found} >= {"url-syntax", "schema/type", "image-dimensions", "url-insecure"}
    assert client.close() == 0


def test_fix_all_of_a_json_document_is_what_fix_writes_and_no_comment_is_offered(workspace, client):
    uri = client.open(workspace / NAME, JSON_ARTICLE)
    client.diagnostics(uri)
    found = actions(client, uri, 0, 0, only=["source.fixAll"])
    assert [a["kind"] for a in found] == ["source.fixAll.frontlint"]
    after = applied(JSON_ARTICLE, found[0]["edit"]["changes"][uri])
    assert after != JSON_ARTICLE
    assert after == fixed_by_the_command(workspace, NAME, JSON_ARTICLE)
    assert [a["title"] for a in actions(client, uri, 10) if a["title"].startswith("Ignore")] == []
    assert client.close() == 0


def test_hover_on_a_nested_json_key_shows_its_schema_description_and_type(workspace, client):
    uri = client.open(workspace / NAME, JSON_ARTICLE)
    client.diagnostics(uri)
    line = JSON_ARTICLE.splitlines()[7]  # "provider": {"name": ..., "domain": 5}
    character = len(line[: line.index('"domain"')].encode("utf-16-le")) // 2 + 2
    hover = client.request(
        "textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 7, "character": character}}
    )
    assert hover["contents"]["value"] == (
        "`$.provider.domain`: string\n\nThe publisher's domain; article URLs are on it or on a subdomain of it."
    )
    assert client.close() == 0


def completion_at(client, uri: str, line: int, character: int) -> Any:
    """The server's answer to a completion request at a position."""
    position = {"line": line, "character": character}
    return client.request("textDocument/completion", {"textDocument": {"uri": uri}, "position": position})


def edit_range(line: int, start: int, end: int) -> dict[str, Any]:
    return {"start": {"line": line, "character": start}, "end": {"line": line, "character": end}}


def test_completion_in_json_offers_the_keys_not_yet_written_and_values_as_json_literals(workspace, client):
    text = '{\n  "name": "Launch 😀",\n  "ki"\n}\n'  # the editor closed the quote
    uri = client.open(workspace / "events" / "launch.md", text)
    assert completion_at(client, uri, 2, 5) == [
        {
            "label": "kind",
            "kind": 10,
            "documentation": {"kind": "markdown", "value": "What sort of event."},
            "filterText": '"kind"',
            "textEdit": {"range": edit_range(2, 2, 6), "newText": '"kind": '},
        }
    ]
    client.change(uri, '{\n  "name": "Launch 😀",\n  "kind": "w\n}\n', 2)  # a quote not closed yet
    assert completion_at(client, uri, 2, 12) == [
        {"label": written, "kind": 20, "textEdit": {"range": edit_range(2, 10, 12), "newText": written}}
        for written in ['"talk"', '"workshop"']
    ]
    assert client.close() == 0


def test_completion_in_a_json_array_of_objects_follows_the_schema(workspace, client):
    text = JSON_ARTICLE.replace('"type": "vidio"', '"type": ')
    uri = client.open(workspace / NAME, text)
    line = next(number for number, written in enumerate(text.splitlines()) if written.startswith('  "related"'))
    character = text.splitlines()[line].index('"type": ') + len('"type": ')
    assert [(item["label"], item["textEdit"]) for item in completion_at(client, uri, line, character)] == [
        (written, {"range": edit_range(line, character, character), "newText": written})
        for written in ['"article"', '"video"']
    ]
    assert client.close() == 0
