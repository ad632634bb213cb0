"""Issue 15, attacked: hostile documents, URIs, edits and clients against the real ``frontlint lsp`` over stdio.

Whatever is sent, the server answers, keeps serving, writes nothing but JSON-RPC on stdout and
exits when its client is gone.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
from lsp_client import TIMEOUT, LspClient
from test_lsp_server import CONFIG, EVENT, expected_diagnostics

from helpers import run_cli

pytestmark = pytest.mark.slow  # each test starts a server process

DIAGNOSTICS = "textDocument/publishDiagnostics"


def at(uri: str, line: int, character: int) -> dict[str, Any]:
    """The params of a request at a position of a document."""
    return {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}


def still_serving(client: LspClient, workspace: Path) -> None:
    """The server lints a plain document as the command does, then shuts down with status 0, stdout clean."""
    uri = client.open(workspace / "events" / "still.md", EVENT)
    assert client.diagnostics(uri) == expected_diagnostics(workspace, "events/still.md", EVENT)
    assert client.close() == 0
    assert client.stray == b""


def published(client: LspClient, uri: str) -> list[dict[str, Any]]:
    """Every diagnostics notification received so far for ``uri``."""
    return [n["params"] for n in client.notifications if n["method"] == DIAGNOSTICS and n["params"]["uri"] == uri]


def test_lone_surrogates_in_the_text_are_linted_and_the_server_goes_on(workspace, client):
    text = '---\nname: "bad \ud800 here"\nkind: \udfff\n---\n'  # lone surrogates (JSON escapes them)
    uri = client.open(workspace / "events" / "s.md", text)
    found = client.diagnostics(uri)
    assert found and all(d["source"] == "frontlint" for d in found)
    client.request("textDocument/hover", at(uri, 2, 1))
    client.request("textDocument/completion", at(uri, 2, 7))
    client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": uri},
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 3, "character": 0}},
            "context": {"diagnostics": []},
        },
    )
    still_serving(client, workspace)


def test_a_5_mb_front_matter_is_read_up_to_the_limit_as_by_the_command(workspace, client):
    text = "---\nname: x\nkind: talk\nnotes: |\n" + "  " + "a" * 100 + "\n" * 0
    text += ("  " + "a" * 100 + "\n") * 50_000 + "---\n"
    uri = client.open(workspace / "events" / "big.md", text)
    assert client.diagnostics(uri, version=1) == expected_diagnostics(workspace, "events/big.md", text)
    client.request("textDocument/hover", at(uri, 1, 1))
    client.request("textDocument/completion", at(uri, 40_000, 3))
    still_serving(client, workspace)


ALIAS_BOMB = (
    "---\n"
    + 'a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]\n'
    + "".join(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]\n" for i in range(1, 10))
    + "---\n"
)


def test_an_alias_bomb_is_refused_and_hover_and_completion_answer(workspace, client):
    uri = client.open(workspace / "events" / "bomb.md", ALIAS_BOMB)
    assert client.diagnostics(uri) == expected_diagnostics(workspace, "events/bomb.md", ALIAS_BOMB)
    client.request("textDocument/hover", at(uri, 10, 2))
    client.request("textDocument/completion", at(uri, 10, 0))
    still_serving(client, workspace)


def test_deep_nesting_is_a_diagnostic_and_hover_and_completion_answer(workspace, client):
    text = "---\nname: " + "[" * 50_000 + "]" * 50_000 + "\nki\n---\n"
    uri = client.open(workspace / "events" / "deep.md", text)
    assert client.diagnostics(uri) == expected_diagnostics(workspace, "events/deep.md", text)
    client.request("textDocument/hover", at(uri, 1, 1))
    client.request("textDocument/completion", at(uri, 2, 2))
    assert not [n for n in client.notifications if "internal error" in json.dumps(n)]
    still_serving(client, workspace)


@pytest.mark.parametrize(
    "uri",
    [
        "untitled:Untitled-1",
        "vscode-notebook-cell:/home/me/notes.ipynb#W0sZmlsZQ%3D%3D",
        "untitled:",
        "file:",
        "x",
    ],
)
def test_a_document_that_is_not_a_file_is_linted_with_the_working_directorys_configuration(workspace, client, uri):
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": EVENT}},
    )
    found = client.diagnostics(uri)
    assert [d["code"] for d in found] == [d["code"] for d in expected_diagnostics(workspace, "x.md", EVENT)]
    client.request("textDocument/hover", at(uri, 2, 1))
    still_serving(client, workspace)


def test_a_path_with_spaces_and_unicode_gets_its_folders_configuration(workspace, client):
    folder = workspace / "events" / "été 2024 ☀"
    folder.mkdir()
    uri = client.open(folder / "launch café.md", EVENT)
    assert "%20" in uri
    assert client.diagnostics(uri) == expected_diagnostics(workspace, "events/été 2024 ☀/launch café.md", EVENT)
    still_serving(client, workspace)


def test_incremental_edits_out_of_range_never_break_the_server(workspace, client):
    uri = client.open(workspace / "events" / "edit.md", EVENT)
    client.diagnostics(uri, version=1)
    for version, where in enumerate(
        [
            {"start": {"line": 99, "character": 0}, "end": {"line": 120, "character": 5}},
            {"start": {"line": 1, "character": 999}, "end": {"line": 1, "character": 1000}},
            {"start": {"line": 3, "character": 0}, "end": {"line": 1, "character": 0}},
        ],
        start=2,
    ):
        client.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"range": where, "text": "zz"}]},
        )
    client.diagnostics(uri, version=4)
    client.request("textDocument/hover", at(uri, 1, 2))
    still_serving(client, workspace)


def test_requests_for_a_document_never_opened_answer_nothing(workspace, client):
    uri = (workspace / "events" / "never.md").as_uri()
    assert client.request("textDocument/hover", at(uri, 0, 0)) is None
    assert client.request("textDocument/completion", at(uri, 0, 0)) is None
    client.notify(
        "textDocument/didChange", {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": "x"}]}
    )
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    still_serving(client, workspace)


def test_hover_and_completion_past_the_end_answer(workspace, client):
    uri = client.open(workspace / "events" / "end.md", EVENT)
    end_of_name = client.request("textDocument/hover", at(uri, 1, len("name: Launch 😀") + 1))
    assert end_of_name["contents"]["value"].startswith("`$.name`: string")
    assert client.request("textDocument/hover", at(uri, 1, 10_000)) == end_of_name  # clamped to the line's end
    for line, character in [(500, 0), (2**31 - 1, 2**31 - 1)]:
        assert client.request("textDocument/hover", at(uri, line, character)) is None
        assert client.request("textDocument/completion", at(uri, line, character)) == []
    still_serving(client, workspace)


# A lint delay no pause between two messages sent back to back comes near, however loaded the
# machine: a burst is one burst, and the test waits for the one lint after it, not for a time.
BURST_DELAY = 5


def patient_client(workspace: Path) -> LspClient:
    """A server started in the workspace that lints a document :data:`BURST_DELAY` seconds after the last change."""
    started = LspClient(workspace)
    capabilities = {"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": True}}}
    started.initialize(workspace, capabilities, {"lintDelay": BURST_DELAY})
    return started


def test_a_burst_of_200_changes_is_linted_once(workspace):
    client = patient_client(workspace)
    try:
        uri = client.open(workspace / "events" / "burst.md", EVENT)
        client.diagnostics(uri, version=1)
        for version in range(2, 202):
            client.change(uri, EVENT.replace("party", "p" * version), version)  # back to back: one burst
        client.diagnostics(uri, version=201)
        client.request("textDocument/hover", at(uri, 0, 0))  # every notification before its answer is in
        assert [p["version"] for p in published(client, uri)] == [1, 201]
        still_serving(client, workspace)
    finally:
        client.kill()


def test_the_lint_delay_is_the_client_s_or_the_default_when_it_gives_none_that_can_be_used(workspace):
    said = []
    for options in ({"lintDelay": -1}, {"lintDelay": "soon"}, {"lintDelay": True}, {"lintDelay": 1e9}, ["x"]):
        client = LspClient(workspace)
        try:
            client.initialize(workspace, {}, options)
            uri = client.open(workspace / "events" / "delay.md", EVENT)
            client.diagnostics(uri, version=1)
            client.change(uri, EVENT.replace("party", "talk"), 2)
            client.diagnostics(uri, version=2)  # linted after the default delay, not never
            said.append(
                client.wait_for("window/logMessage", lambda params: "lintDelay" in params["message"])["message"]
            )
            assert client.close() == 0
        finally:
            client.kill()
    default = "using 0.3 s"
    assert said == [
        f"frontlint: initializationOptions.lintDelay must be a number of seconds from 0 to 3600, not -1: {default}",
        f"frontlint: initializationOptions.lintDelay must be a number of seconds from 0 to 3600, not 'soon': {default}",
        f"frontlint: initializationOptions.lintDelay must be a number of seconds from 0 to 3600, not true: {default}",
        f"frontlint: initializationOptions.lintDelay must be a number of seconds from 0 to 3600, not 1000000000.0: {default}",
        f"frontlint: initializationOptions must be an object, not an array: {default} for lintDelay",
    ]


def test_an_invalid_configuration_is_said_at_the_top_of_the_document(workspace, client):
    (workspace / "events" / "frontlint.toml").write_text('select = ["x"\n', encoding="utf-8")
    uri = client.open(workspace / "events" / "conf.md", EVENT)
    found = client.diagnostics(uri)
    assert len(found) == 1 and found[0]["message"].startswith("cannot lint this file: ")
    assert found[0]["range"] == {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}
    assert client.request("textDocument/hover", at(uri, 2, 1)) is None
    assert client.request("textDocument/completion", at(uri, 2, 1)) is None
    (workspace / "events" / "frontlint.toml").unlink()
    still_serving(client, workspace)


def test_a_schema_that_references_the_network_stays_offline(workspace, client):
    remote = {"type": "object", "properties": {"name": {"$ref": "https://example.invalid/name.json"}}}
    (workspace / "event.schema.json").write_text(json.dumps(remote), encoding="utf-8")
    uri = client.open(workspace / "events" / "remote.md", EVENT)
    found = client.wait_for(DIAGNOSTICS, lambda params: params["uri"] == uri)["diagnostics"]
    command = run_cli("-", "--stdin-filename", "events/remote.md", cwd=workspace, stdin=EVENT.encode())
    assert command.returncode == 2
    said = command.stderr.decode().removeprefix("frontlint: error: ").strip()
    assert "$ref 'https://example.invalid/name.json' is not allowed" in said
    assert [d["message"] for d in found] == [f"cannot lint this file: {said}"]
    client.request("textDocument/hover", at(uri, 1, 1))
    client.request("textDocument/completion", at(uri, 1, 1))
    assert client.close() == 0


def test_closing_a_document_while_its_lint_waits_publishes_nothing_after(workspace, client):
    uri = client.open(workspace / "events" / "closing.md", EVENT)
    client.diagnostics(uri, version=1)
    client.change(uri, EVENT.replace("party", "talk"), 2)
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    time.sleep(0.8)
    client.request("textDocument/hover", at(uri, 0, 0))
    assert [(p.get("version"), p["diagnostics"]) for p in published(client, uri)][1:] == [(None, [])]
    still_serving(client, workspace)


def test_shutdown_while_a_lint_waits_exits_with_status_0_and_lints_no_more(workspace, client):
    uri = client.open(workspace / "events" / "late.md", EVENT)
    client.diagnostics(uri, version=1)
    client.change(uri, EVENT.replace("party", "talk"), 2)
    client.request("shutdown", None)
    time.sleep(0.6)
    client.notify("exit", None)
    assert client.process.wait(timeout=TIMEOUT) == 0
    assert [p["version"] for p in published(client, uri)] == [1]


def test_the_client_dying_ends_the_server(workspace, client):
    uri = client.open(workspace / "events" / "dying.md", EVENT)
    client.diagnostics(uri)
    client.change(uri, EVENT.replace("party", "talk"), 2)  # a lint pending when the client goes
    assert client.process.stdin is not None
    client.process.stdin.close()
    assert client.process.wait(timeout=TIMEOUT) == 1
    assert client.stray == b""


def test_a_file_the_configuration_excludes_gets_no_diagnostics_as_with_the_pre_commit_hook(workspace, client):
    """The editor lints as the pre-commit hook (``--force-exclude``) and a run of the folder do: what
    ``exclude``, ``extend-exclude`` or a ``.gitignore`` leaves out is not linted, whatever ``force-exclude`` says."""
    (workspace / "frontlint.toml").write_text('extend-exclude = ["events/drafts/"]\n' + CONFIG, encoding="utf-8")
    (workspace / ".git").mkdir()  # a repository (as git knows one) whose .gitignore leaves out a folder
    (workspace / ".gitignore").write_text("events/ignored/\n", encoding="utf-8")
    for folder in ("events/drafts", "_site", "events/ignored"):  # extend-exclude, a default exclude, .gitignore
        (workspace / folder).mkdir(parents=True)
        name = f"{folder}/left-out.md"
        command = run_cli("--force-exclude", "-", "--stdin-filename", name, cwd=workspace, stdin=EVENT.encode())
        assert (command.returncode, command.stdout) == (0, b"")
        uri = client.open(workspace / name, EVENT)
        assert client.diagnostics(uri) == []
        found = client.request(
            "textDocument/codeAction",
            {
                "textDocument": {"uri": uri},
                "range": {"start": {"line": 0, "character": 0}, "end": {"line": 4, "character": 0}},
                "context": {"diagnostics": []},
            },
        )
        assert found == []
    still_serving(client, workspace)  # a file the configuration takes is linted


def test_per_file_ignores_and_inline_suppressions_apply_as_on_the_command_line(workspace, client):
    ignores = '\n[per-file-ignores]\n"events/" = ["schema/additionalProperties"]\n'
    (workspace / "frontlint.toml").write_text(CONFIG + ignores, encoding="utf-8")
    text = "---\nkind: party  # frontlint: ignore[schema/enum]\nextra: 1\n---\n"
    uri = client.open(workspace / "events" / "quiet.md", text)
    found = client.diagnostics(uri)
    assert [d["code"] for d in found] == ["schema/required"]
    assert found == expected_diagnostics(workspace, "events/quiet.md", text)
    assert client.close() == 0


def test_a_burst_of_changed_configuration_files_lints_the_open_documents_once(workspace):
    """A build writing JSON files (every ``*.json`` may be a schema) reports each: the documents are linted once after."""
    client = patient_client(workspace)
    try:
        uri = client.open(workspace / "events" / "watched.md", EVENT)
        client.diagnostics(uri, version=1)
        mark = len(client.notifications)
        changed = {"uri": (workspace / "event.schema.json").as_uri(), "type": 2}
        for _ in range(50):
            client.notify("workspace/didChangeWatchedFiles", {"changes": [changed]})  # back to back: one burst
        client.diagnostics(uri, after=mark)
        client.request("textDocument/hover", at(uri, 0, 0))  # every notification before its answer is in
        assert len(published(client, uri)) == 2
        still_serving(client, workspace)
    finally:
        client.kill()
