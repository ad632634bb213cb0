"""Issue 15: the real ``frontlint lsp`` driven over stdio by a JSON-RPC client, as an editor drives it.

Each document's diagnostics are compared with the real command's on the same text (``frontlint -
--stdin-filename PATH --format json``), every field, positions converted to LSP's (0-based lines,
UTF-16 columns); code actions are applied and compared with what ``--fix`` writes.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from lsp_client import TIMEOUT, LspClient, editor_line_starts, editor_lines

from frontlint.cli.lsp_command import NEEDS_EXTRA
from frontlint.reporters.doc_links import doc_url
from helpers import REPO, run_cli

pytestmark = pytest.mark.slow  # each test starts a server process

CONFIG = """\
now = "2024-01-01T00:00:00Z"
ignore = ["provider-domain"]

[per-file-schemas]
"events/" = "event.schema.json"
"""
EVENT_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "properties": {
        "name": {"type": "string", "description": "The event's name."},
        "kind": {"description": "What sort of event.", "enum": ["talk", "workshop"]},
    },
    "required": ["name"],
    "additionalProperties": False,
}
# Problems after non-ASCII ("é", one UTF-16 unit) and astral ("😀", "𝒳": two units) characters on their lines.
ARTICLE = """\
---
category: news
title: "Café 😀 news"
excerpt: "𝒳 naïve summary"
publishedDateTime: 2021-07-28T02:44:00Z
webUrl: "https://example.com/😀 page"
type: article
provider: {name: "Exemple é 😀", domain: 5}
topics: ["é😀", 7]
secured: "x"
images:
  - url: "http://example.com/é.jpg"
    width: 0
    height: 420
related:
  - {title: "😀 Related", webUrl: "https://other.org/a&amp;b", type: vidio}
---
Body
"""
EVENT = "---\nname: Launch 😀\nkind: party\nextra: 1\n---\n"
UNPARSABLE = "---\ntitle: [unclosed 😀\n---\n"


def utf16(line_text: str, column: int) -> int:
    """The UTF-16 offset of a 1-based code point column."""
    return len(line_text[: column - 1].encode("utf-16-le")) // 2


def expected_diagnostics(workspace: Path, name: str, text: str) -> list[dict[str, Any]]:
    """The real command's diagnostics of ``text`` as the file ``name``, as an editor should get them."""
    result = run_cli("-", "--stdin-filename", name, "--format", "json", cwd=workspace, stdin=text.encode("utf-8"))
    assert result.returncode in (0, 1), result.stderr
    lines = editor_lines(text)
    expected = []
    for found in json.loads(result.stdout)["diagnostics"]:
        start_line, end_line = found["line"] - 1, found["end_line"] - 1
        start = utf16(lines[start_line], found["column"]) if start_line < len(lines) else 0
        end = utf16(lines[end_line], found["end_column"]) if end_line < len(lines) else 0
        expected.append(
            {
                "range": {
                    "start": {"line": start_line, "character": start},
                    "end": {"line": end_line, "character": end},
                },
                "message": found["message"],
                "severity": 1 if found["severity"] == "error" else 2,
                "code": found["rule"],
                "codeDescription": {"href": doc_url(found["rule"])},
                "source": "frontlint",
            }
        )
    return expected


def offset_of(text: str, line: int, character: int) -> int:
    """The character offset of an LSP position (UTF-16 columns) in ``text``."""
    lines, starts = editor_lines(text), editor_line_starts(text)
    start = starts[line] if line < len(starts) else len(text)
    units = 0
    column = 0
    current = lines[line] if line < len(lines) else ""
    while units < character:
        units += 2 if ord(current[column]) > 0xFFFF else 1
        column += 1
    return start + column


def applied(text: str, edits: list[dict[str, Any]]) -> str:
    """``text`` with LSP text edits applied (they do not overlap)."""
    spans = sorted(
        (
            offset_of(text, edit["range"]["start"]["line"], edit["range"]["start"]["character"]),
            offset_of(text, edit["range"]["end"]["line"], edit["range"]["end"]["character"]),
            edit["newText"],
        )
        for edit in edits
    )
    for start, end, new_text in reversed(spans):
        text = text[:start] + new_text + text[end:]
    return text


def fixed_by_the_command(workspace: Path, name: str, text: str) -> str:
    """What ``frontlint --fix`` writes into a file holding ``text``."""
    path = workspace / name
    path.write_text(text, encoding="utf-8")
    run_cli("--fix", "-q", name, cwd=workspace)
    return path.read_text(encoding="utf-8")


def actions(client: LspClient, uri: str, line: int, end_line: int | None = None, only: list[str] | None = None):
    context: dict[str, Any] = {"diagnostics": []}
    if only is not None:
        context["only"] = only
    return client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": uri},
            "range": {"start": {"line": line, "character": 0}, "end": {"line": end_line or line, "character": 0}},
            "context": context,
        },
    )


@pytest.mark.parametrize(
    ("name", "text"),
    [("_news/2021-07-28-cafe.md", ARTICLE), ("events/launch.md", EVENT), ("_news/2021-07-29-broken.md", UNPARSABLE)],
)
def test_diagnostics_on_open_are_the_commands_with_lsp_positions(workspace, client, name, text):
    uri = client.open(workspace / name, text)
    assert client.diagnostics(uri, version=1) == expected_diagnostics(workspace, name, text)
    assert client.close() == 0


def test_a_change_is_linted_again_after_the_typing_stops(workspace, client):
    uri = client.open(workspace / "events/launch.md", EVENT)
    assert [d["code"] for d in client.diagnostics(uri, version=1)] == ["schema/enum", "schema/additionalProperties"]
    changed = EVENT.replace("party", "talk")
    for version in (2, 3, 4):  # three quick changes: one lint, of the last
        client.change(uri, changed if version == 4 else EVENT.replace("party", "part" + "y" * version), version)
    assert client.diagnostics(uri, version=4) == expected_diagnostics(workspace, "events/launch.md", changed)
    published = [n for n in client.notifications if n["method"] == "textDocument/publishDiagnostics"]
    assert [n["params"]["version"] for n in published] == [1, 4]


def test_the_quick_fix_of_a_diagnostic_is_the_edit_fix_makes(workspace, client):
    text = ARTICLE.replace('"https://example.com/😀 page"', '"https://example.com/page"')  # one fixable problem left
    name = "_news/2021-07-28-cafe.md"
    uri = client.open(workspace / name, text)
    client.diagnostics(uri)
    quick_fixes = [a for a in actions(client, uri, 15) if a["kind"] == "quickfix" and a.get("isPreferred")]
    assert [a["title"] for a in quick_fixes] == [
        "the fix trims the URL, deletes invisible characters, percent-encodes spaces and control characters, "
        "and writes '&' for an HTML reference to it (url-syntax)"
    ]
    assert applied(text, quick_fixes[0]["edit"]["changes"][uri]) == fixed_by_the_command(workspace, name, text)


def test_fix_all_is_what_fix_writes(workspace, client):
    name = "_news/2021-07-28-cafe.md"
    uri = client.open(workspace / name, ARTICLE)
    client.diagnostics(uri)
    found = actions(client, uri, 0, 0, only=["source.fixAll"])
    assert [a["kind"] for a in found] == ["source.fixAll.frontlint"]
    after = applied(ARTICLE, found[0]["edit"]["changes"][uri])
    assert after != ARTICLE
    assert after == fixed_by_the_command(workspace, name, ARTICLE)


def test_ignoring_a_rule_on_a_line_writes_the_comment_that_silences_it(workspace, client):
    name = "_news/2021-07-28-cafe.md"
    uri = client.open(workspace / name, ARTICLE)
    before = client.diagnostics(uri, version=1)
    ignore = [a for a in actions(client, uri, 12) if a["title"] == "Ignore image-dimensions on this line"]
    assert len(ignore) == 1
    changed = applied(ARTICLE, ignore[0]["edit"]["changes"][uri])
    assert changed.splitlines()[12] == "    width: 0  # frontlint: ignore[image-dimensions]"
    client.change(uri, changed, 2)
    after = client.diagnostics(uri, version=2)
    assert [d for d in before if d["code"] != "image-dimensions"] == after
    assert after == expected_diagnostics(workspace, name, changed)


def test_hover_on_a_nested_key_shows_its_schema_description_and_type(workspace, client):
    uri = client.open(workspace / "_news/2021-07-28-cafe.md", ARTICLE)
    line = ARTICLE.splitlines().index("    width: 0")
    hover = client.request(
        "textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": line, "character": 6}}
    )
    assert hover["contents"]["value"].startswith("`$.images[0].width`: integer\n\n")
    assert hover["range"] == {"start": {"line": line, "character": 4}, "end": {"line": line, "character": 9}}
    event = client.open(workspace / "events/launch.md", EVENT)  # its own schema (per-file-schemas)
    hover = client.request(
        "textDocument/hover", {"textDocument": {"uri": event}, "position": {"line": 2, "character": 1}}
    )
    assert hover["contents"] == {
        "kind": "markdown",
        "value": "`$.kind`\n\none of `talk`, `workshop`\n\nWhat sort of event.",
    }


def test_completion_offers_the_keys_not_yet_written_and_a_values_choices(workspace, client):
    text = "---\nname: Launch\nki\n---\n"
    uri = client.open(workspace / "events/launch.md", text)
    keys = client.request(
        "textDocument/completion", {"textDocument": {"uri": uri}, "position": {"line": 2, "character": 2}}
    )
    assert [(item["label"], item["textEdit"]["newText"]) for item in keys] == [("kind", "kind: ")]
    client.change(uri, "---\nname: Launch\nkind: w\n---\n", 2)
    values = client.request(
        "textDocument/completion", {"textDocument": {"uri": uri}, "position": {"line": 2, "character": 7}}
    )
    assert [item["label"] for item in values] == ["talk", "workshop"]
    assert values[0]["textEdit"]["range"] == {"start": {"line": 2, "character": 6}, "end": {"line": 2, "character": 7}}


def test_editing_the_configuration_or_a_schema_lints_the_open_documents_again(workspace, client):
    article = client.open(workspace / "_news/2021-07-28-cafe.md", ARTICLE)
    event = client.open(workspace / "events/launch.md", EVENT)
    assert "url-insecure" in [d["code"] for d in client.diagnostics(article)]
    assert "schema/enum" in [d["code"] for d in client.diagnostics(event)]
    # The client watches the files the server asked for.
    registration = client.wait_for("client/registerCapability")
    globs = [w["globPattern"] for w in registration["registrations"][0]["registerOptions"]["watchers"]]
    assert "**/frontlint.toml" in globs and "**/*.json" in globs

    mark = len(client.notifications)
    (workspace / "frontlint.toml").write_text(CONFIG.replace('ignore = ["', 'ignore = ["url-insecure", "'))
    config_uri = (workspace / "frontlint.toml").as_uri()
    client.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": config_uri, "type": 2}]})
    assert "url-insecure" not in [d["code"] for d in client.diagnostics(article, after=mark)]
    client.diagnostics(event, after=mark)  # every open document is linted again

    mark = len(client.notifications)
    widened = json.loads(json.dumps(EVENT_SCHEMA))
    widened["properties"]["kind"]["enum"].append("party")
    (workspace / "event.schema.json").write_text(json.dumps(widened))
    schema_uri = (workspace / "event.schema.json").as_uri()
    client.notify("textDocument/didSave", {"textDocument": {"uri": schema_uri}})
    assert [d["code"] for d in client.diagnostics(event, after=mark)] == ["schema/additionalProperties"]
    client.diagnostics(article, after=mark)

    mark = len(client.notifications)
    (workspace / "frontlint.toml").write_text("selekt = 1\n")  # broken: said at the top of each document
    client.notify("textDocument/didSave", {"textDocument": {"uri": config_uri}})
    broken = client.diagnostics(article, after=mark)
    assert [d["message"] for d in broken] == [
        f"cannot lint this file: {workspace / 'frontlint.toml'}:1: unknown key 'selekt' in the top level (did you mean 'select'?)"
    ]
    assert client.close() == 0


def server_with_broken(workspace: Path, function: str, error: str) -> LspClient:
    """A server whose ``function`` (``module.name``) raises ``error``, defined on line 2 of its ``-c`` script."""
    module, name = function.rsplit(".", 1)
    breaking = (
        f"import sys, {module} as patched\n"
        f"def broken(*args): raise {error}\n"
        f"patched.{name} = broken\n"
        "from frontlint.cli import main\n"
        "sys.exit(main(['lsp']))\n"
    )
    return LspClient(workspace, [sys.executable, "-c", breaking])


def test_an_internal_error_is_logged_to_the_client_and_the_server_keeps_serving(workspace):
    client = server_with_broken(workspace, "frontlint.lsp.hover.hover_text", "RuntimeError('forced by the test')")
    try:
        client.initialize(workspace)
        uri = client.open(workspace / "events/launch.md", EVENT)
        position = {"textDocument": {"uri": uri}, "position": {"line": 2, "character": 1}}
        assert client.request("textDocument/hover", position) is None
        logged = client.wait_for("window/logMessage", lambda params: "forced by the test" in params["message"])
        assert logged["type"] == 1 and "internal error in hover" in logged["message"]
        assert [d["code"] for d in client.diagnostics(uri)] == ["schema/enum", "schema/additionalProperties"]
        assert client.request("textDocument/completion", position) is not None
        assert client.close() == 0
    finally:
        client.kill()


def test_a_rule_that_raises_is_named_with_its_traceback_and_the_server_keeps_serving(workspace):
    """A rule's failure on a document: one diagnostic naming the rule, its traceback in the client's log."""
    client = server_with_broken(workspace, "frontlint.rules.url_insecure.check", "KeyError('forced by the test')")
    try:
        client.initialize(workspace)
        uri = client.open(workspace / "events/launch.md", EVENT)
        assert client.diagnostics(uri) == [
            {
                "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
                "message": "internal error in rule url-insecure, please report it: KeyError: 'forced by the test'",
                "severity": 1,
                "source": "frontlint",
            }
        ]
        logged = client.wait_for("window/logMessage", lambda params: "forced by the test" in params["message"])
        lines = logged["message"].splitlines()
        assert lines[0] == (
            f"frontlint: internal error in rule url-insecure on {uri}, please report it with this traceback:"
            " KeyError: 'forced by the test'"
        )
        assert lines[1] == "Traceback (most recent call last):"
        assert lines[-2:] == [
            '  File "<string>", line 2, in broken',
            "KeyError: 'forced by the test'",
        ]
        assert client.request(
            "textDocument/completion", {"textDocument": {"uri": uri}, "position": {"line": 2, "character": 1}}
        )
        assert client.close() == 0
    finally:
        client.kill()


def test_exit_without_shutdown_is_status_1(workspace, client):
    client.notify("exit", None)
    assert client.process.wait(timeout=TIMEOUT) == 1


def test_without_the_extra_the_command_says_how_to_install_it():
    hidden = "import sys; sys.modules['pygls'] = None; from frontlint.cli import main; sys.exit(main(['lsp']))"
    result = subprocess.run(
        [sys.executable, "-c", hidden], capture_output=True, timeout=60, cwd=REPO, env={"PYTHONPATH": str(REPO)}
    )
    assert (result.returncode, result.stdout, result.stderr.decode()) == (2, b"", NEEDS_EXTRA + "\n")


def related_entries(count: int, complete: bool = True) -> str:
    """An article with ``count`` related entries, every tenth with an ``http://`` URL (a warning).

    ``complete``: each entry has every key the contract requires of it; else each lacks three
    (three more errors an entry).
    """
    required = (
        '    excerpt: "Coverage of the story."\n    publishedDateTime: 2021-07-28T03:00:00Z\n'
        "    provider:\n      name: Other\n      domain: other.example\n"
    )
    entries = "".join(
        f'  - title: "Related {n}"\n    webUrl: "{"http" if n % 10 == 0 else "https"}://other.example/{n}"\n'
        f"    type: article\n{required if complete else ''}"
        for n in range(count)
    )
    return ARTICLE.split("related:\n")[0] + "related:\n" + entries + "---\nBody\n"


def test_a_document_of_1000_related_entries_is_linted_again_on_save_as_the_command_lints_it(workspace, client):
    """Saving lints at once (no debounce), each time with the command's diagnostics. How long it takes beside a
    command run is measured by ``benchmarks/lsp_relint.py``, not here: a timed test passes or fails with the machine."""
    name = "_news/2021-07-28-big.md"
    text = related_entries(1000)
    (workspace / name).write_text(text, encoding="utf-8")
    uri = client.open(workspace / name, text)
    expected = expected_diagnostics(workspace, name, text)
    assert client.diagnostics(uri) == expected
    for _ in range(3):
        mark = len(client.notifications)
        client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
        assert client.diagnostics(uri, after=mark) == expected


def test_the_installed_command_starts_the_server(workspace):
    command = shutil.which("frontlint", path=str(Path(sys.executable).parent))
    if command is None:
        pytest.skip(f"no frontlint command beside {sys.executable}")
    client = LspClient(workspace, [command, "lsp"])
    try:
        assert client.initialize(workspace)["serverInfo"]["name"] == "frontlint"
        assert client.close() == 0
    finally:
        client.kill()


def test_columns_are_in_utf8_bytes_when_the_client_asks_for_them(workspace):
    client = LspClient(workspace, [sys.executable, "-m", "frontlint", "lsp", "--stdio"])
    try:
        answer = client.initialize(workspace, {"general": {"positionEncodings": ["utf-8"]}})
        assert answer["capabilities"]["positionEncoding"] == "utf-8"
        uri = client.open(workspace / "events/launch.md", "---\nname: [😀, é]\n---\n")
        (found,) = client.diagnostics(uri)
        assert (found["code"], found["range"]["start"]) == ("schema/type", {"line": 1, "character": 6})
        assert found["range"]["end"] == {"line": 1, "character": 6 + len("[😀, é]".encode())}
        assert client.close() == 0
    finally:
        client.kill()


def test_a_stray_argument_is_a_usage_error():
    result = run_cli("lsp", "--tcp")
    assert (result.returncode, result.stderr.decode()) == (
        2,
        "usage: frontlint lsp [--stdio] (a language server over stdin and stdout)\n",
    )


NEWS = REPO.parent / "shared" / "corpus" / "azure" / "_news"


@pytest.mark.skipif(not NEWS.is_dir(), reason=f"the real sample is absent: {NEWS}")
def test_real_articles_get_the_commands_diagnostics(tmp_path):
    """The first 25 articles of a real site, opened where they are (read only), against the command on them."""
    names = sorted(path.name for path in NEWS.glob("*.md"))[:25]
    result = run_cli("--format", "json", *names, cwd=NEWS)
    by_file: dict[str, list[dict[str, Any]]] = {name: [] for name in names}
    for found in json.loads(result.stdout)["diagnostics"]:
        by_file[found["path"]].append(found)
    client = LspClient(NEWS)
    try:
        client.initialize(NEWS)
        for name in names:
            text = (NEWS / name).read_text(encoding="utf-8")
            lines = editor_lines(text)
            uri = client.open(NEWS / name, text)
            got = [(d["code"], d["message"], d["range"]["start"]) for d in client.diagnostics(uri)]
            want = [
                (
                    f["rule"],
                    f["message"],
                    {"line": f["line"] - 1, "character": utf16(lines[f["line"] - 1], f["column"])},
                )
                for f in by_file[name]
            ]
            assert got == want, name
        assert client.close() == 0
    finally:
        client.kill()


def test_the_configurations_baseline_hides_what_it_records_as_on_the_command_line(workspace, client):
    name = "_news/2021-07-28-cafe.md"
    (workspace / name).write_text(ARTICLE, encoding="utf-8")
    assert run_cli("--write-baseline", "baseline.json", name, cwd=workspace).returncode == 0
    (workspace / "frontlint.toml").write_text('baseline = "baseline.json"\n' + CONFIG, encoding="utf-8")
    uri = client.open(workspace / name, ARTICLE)
    assert client.diagnostics(uri, version=1) == [] == expected_diagnostics(workspace, name, ARTICLE)
    changed = ARTICLE.replace("    height: 420\n", "    height: -420\n")
    client.change(uri, changed, 2)
    (new,) = client.diagnostics(uri, version=2)
    assert [new] == expected_diagnostics(workspace, name, changed)
    line = new["range"]["start"]["line"]
    titles = [a["title"] for a in actions(client, uri, line)]
    assert titles == [f"Ignore {new['code']} on this line"]
