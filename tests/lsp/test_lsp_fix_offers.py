"""Issue 21: the editor is offered a quick fix only where ``--fix`` would make it (the real server over stdio).

A fix that ``--fix`` refuses (it would rename a mapping key through an alias, or grow the front
matter past ``max-front-matter-bytes``) is no quick fix; "ignore on this line" is still offered
for its diagnostic, and "fix all" still writes exactly what ``--fix`` writes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from lsp_client import LspClient
from test_lsp_server import actions, applied

from helpers import run_cli

pytestmark = pytest.mark.slow  # each test starts a server process

STRICT_CONFIG = (
    "now = '2024-01-01T00:00:00Z'\nselect = ['text-whitespace', 'url-syntax']\nmax-front-matter-bytes = {limit}\n"
    "[rules.text-whitespace]\ncheck-ends-and-double-spaces = true\n"
)
# The anchored title is also a key of ``m``: fixing it would make that key a duplicate of "Foo".
# The excerpt's double space has a safe fix.
KEY_AND_EXCERPT = '---\ntitle: &t "Foo "\nexcerpt: "Bar  baz"\nm:\n  *t : x\n  Foo: y\n---\n'
EXCERPT_FIXED = '---\ntitle: &t "Foo "\nexcerpt: "Bar baz"\nm:\n  *t : x\n  Foo: y\n---\n'
# 66 bytes of front matter: percent-encoding the URL's 20 spaces makes it 106, an ignore comment 99.
URL = "https://a.com/a b c d e f g h i j k l m n o p q r s t u"
URL_TEXT = f"---\nwebUrl: '{URL}'\n---\nbody\n"
URL_FIXED = "'" + URL.replace(" ", "%20") + "'"


def site(workspace: Path, limit: int = 65536) -> Path:
    """A folder of the workspace with its own configuration: text-whitespace (ends too) and url-syntax."""
    folder = workspace / "strict"
    folder.mkdir()
    (folder / "frontlint.toml").write_text(STRICT_CONFIG.format(limit=limit), encoding="utf-8")
    return folder


def fixed_by_the_command(folder: Path, text: str) -> str:
    """What ``frontlint --fix`` writes into ``a.md`` of ``folder`` holding ``text``."""
    path = folder / "a.md"
    path.write_text(text, encoding="utf-8")
    run_cli("--fix", "-q", "a.md", cwd=folder)
    return path.read_text(encoding="utf-8")


def ignore_action(uri: str, diagnostic: dict[str, Any], line: int, start: int, end: int) -> dict[str, Any]:
    """The "ignore <rule> on this line" action of ``diagnostic``: a comment from ``start`` to ``end`` of ``line``."""
    rule = diagnostic["code"]
    edit = {
        "range": {"start": {"line": line, "character": start}, "end": {"line": line, "character": end}},
        "newText": f"  # frontlint: ignore[{rule}]",
    }
    return {
        "title": f"Ignore {rule} on this line",
        "kind": "quickfix",
        "diagnostics": [diagnostic],
        "edit": {"changes": {uri: [edit]}},
    }


def quick_fix_action(uri: str, diagnostic: dict[str, Any], title: str, edit: dict[str, Any]) -> dict[str, Any]:
    """The preferred quick fix of ``diagnostic``: one edit."""
    return {
        "title": title,
        "kind": "quickfix",
        "diagnostics": [diagnostic],
        "isPreferred": True,
        "edit": {"changes": {uri: [edit]}},
    }


def test_no_quick_fix_renames_a_key_and_fix_all_is_still_what_fix_writes(workspace, client: LspClient):
    folder = site(workspace)
    uri = client.open(folder / "a.md", KEY_AND_EXCERPT)
    title, excerpt = client.diagnostics(uri, version=1)
    assert (title["code"], title["range"]["start"], excerpt["code"], excerpt["range"]["start"]) == (
        "text-whitespace",
        {"line": 1, "character": 7},
        "text-whitespace",
        {"line": 2, "character": 9},
    )
    assert actions(client, uri, 1, only=["quickfix"]) == [ignore_action(uri, title, 1, 16, 16)]
    fix = {"range": {"start": {"line": 2, "character": 9}, "end": {"line": 2, "character": 19}}, "newText": '"Bar baz"'}
    trim = "trim the ends and make every run of whitespace a single space (text-whitespace)"
    assert actions(client, uri, 2, only=["quickfix"]) == [
        quick_fix_action(uri, excerpt, trim, fix),
        ignore_action(uri, excerpt, 2, 19, 19),
    ]
    (fix_all,) = actions(client, uri, 0, 0, only=["source.fixAll"])
    assert fix_all["title"] == "Fix all frontlint problems in this file (1)"
    after = applied(KEY_AND_EXCERPT, fix_all["edit"]["changes"][uri])
    assert (after, fixed_by_the_command(folder, KEY_AND_EXCERPT)) == (EXCERPT_FIXED, EXCERPT_FIXED)
    assert client.close() == 0


def test_no_quick_fix_grows_the_front_matter_past_the_limit(workspace, client: LspClient):
    folder = site(workspace, limit=105)
    uri = client.open(folder / "a.md", URL_TEXT)
    (url,) = client.diagnostics(uri, version=1)
    assert (url["code"], url["range"]["start"]) == ("url-syntax", {"line": 1, "character": 8})
    assert actions(client, uri, 1, only=["quickfix"]) == [ignore_action(uri, url, 1, 65, 65)]
    assert actions(client, uri, 0, 0, only=["source.fixAll"]) == []  # --fix fixes nothing either
    assert fixed_by_the_command(folder, URL_TEXT) == URL_TEXT
    assert client.close() == 0


def test_the_same_fix_within_the_limit_is_a_quick_fix(workspace, client: LspClient):
    folder = site(workspace, limit=106)
    uri = client.open(folder / "a.md", URL_TEXT)
    (url,) = client.diagnostics(uri, version=1)
    title = (
        "the fix trims the URL, deletes invisible characters, percent-encodes spaces and control characters, "
        "and writes '&' for an HTML reference to it (url-syntax)"
    )
    fix = {
        "range": {"start": {"line": 1, "character": 8}, "end": {"line": 1, "character": 65}},
        "newText": URL_FIXED,
    }
    assert actions(client, uri, 1, only=["quickfix"]) == [
        quick_fix_action(uri, url, title, fix),
        ignore_action(uri, url, 1, 65, 65),
    ]
    assert applied(URL_TEXT, [fix]) == fixed_by_the_command(folder, URL_TEXT)
    assert client.close() == 0
