"""The real ``frontlint lsp`` over stdio on a JSON front-matter document: what the command reports and fixes."""

from __future__ import annotations

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
