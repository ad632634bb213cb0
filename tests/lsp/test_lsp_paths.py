"""Issue 21, paths, in the editor: a document a thousand folders deep, and patterns of any shape.

The real ``frontlint lsp`` over stdio: the document's diagnostics are the command's on the same
text, every field (see :func:`test_lsp_server.expected_diagnostics`).
"""

from __future__ import annotations

import pytest
from test_lsp_server import expected_diagnostics

from deep_paths import FORTY, PATHOLOGICAL, make_deep, remove_deep

pytestmark = pytest.mark.slow  # each test starts a server process

DEEP_ARTICLE = "---\ntitle: 1\n---\n"


def test_a_document_a_thousand_folders_deep_is_linted_as_the_command_lints_it(workspace, client):
    # Its configuration was looked up climbing the folders recursively: an internal error, nothing shown.
    name = make_deep(workspace, 1000, DEEP_ARTICLE)
    try:
        uri = client.open(workspace / name, DEEP_ARTICLE)
        found = client.diagnostics(uri)
        assert found == expected_diagnostics(workspace, name, DEEP_ARTICLE)
        assert [(d["code"], d["range"]["start"]) for d in found] == [
            ("schema/required", {"line": 1, "character": 0}),
        ] * 7 + [("schema/type", {"line": 1, "character": 7})]
        assert client.close() == 0
    finally:
        remove_deep(workspace, 1000)


def test_a_document_is_judged_by_a_pathological_exclude_at_once(workspace, client):
    # Whether an open document is excluded was matched by re against a/**/a/**/.../b: the server blocked over 40 s.
    (workspace / "frontlint.toml").write_text(f'extend-exclude = ["{PATHOLOGICAL}"]\n', encoding="utf-8")
    linted = client.open(workspace / FORTY / "x.md", DEEP_ARTICLE)
    assert client.diagnostics(linted) == expected_diagnostics(workspace, f"{FORTY}/x.md", DEEP_ARTICLE) != []
    excluded = client.open(workspace / FORTY / "b" / "x.md", DEEP_ARTICLE)
    assert client.diagnostics(excluded) == []
    assert client.close() == 0
