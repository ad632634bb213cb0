"""Issue 21: the protocol itself attacked, over stdio: invalid params, mis-framed and oversized messages, early requests.

Whatever a client sends, every request it can be answered gets one answer, the server reads on
(it never goes deaf), stderr gets one line per thing skipped (never a traceback), the editor no
popup, and stdout nothing but JSON-RPC.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from lsp_client import TIMEOUT, LspClient
from test_lsp_server import EVENT

pytestmark = pytest.mark.slow  # each test starts a server process

LIMIT = 64 * 1024 * 1024
PREFIX = "frontlint lsp: "


def frame(message: dict[str, Any], name: bytes = b"Content-Length", end: bytes = b"\r\n", delta: int = 0) -> bytes:
    """``message`` framed with its header named ``name``, lines ended by ``end``, a length off by ``delta``."""
    body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8", "surrogatepass")
    return name + b": %d" % (len(body) + delta) + end + end + body


def write(client: LspClient, data: bytes) -> None:
    """Bytes to the server as they are."""
    assert client.process.stdin is not None
    client.process.stdin.write(data)
    client.process.stdin.flush()


def answer(client: LspClient, number: int, timeout: float = TIMEOUT) -> dict[str, Any]:
    """The whole answer to request ``number`` (waited for)."""
    client._pump(lambda: number in client.answers, timeout, f"an answer to request {number}")
    return client.answers.pop(number)


def hover(number: int, uri: str, line: int = 1, character: int = 1) -> dict[str, Any]:
    """A hover request."""
    position = {"line": line, "character": character}
    return {
        "id": number,
        "method": "textDocument/hover",
        "params": {"textDocument": {"uri": uri}, "position": position},
    }


def said(client: LspClient) -> list[str]:
    """What the server wrote on stderr, line by line (after it exited, all of it)."""
    return client.stderr.decode("utf-8", "replace").splitlines()


def closed_cleanly(client: LspClient) -> None:
    """shutdown then exit: status 0, nothing but JSON-RPC on stdout, no popup."""
    assert client.close() == 0
    assert client.stray == b""
    assert [n for n in client.notifications if n["method"] == "window/showMessage"] == []


@pytest.fixture
def opened(workspace: Path, client: LspClient) -> tuple[LspClient, str, dict[str, Any]]:
    """A server with an event open; its uri, and the answer to a well-framed hover on its name."""
    uri = client.open(workspace / "events" / "e.md", EVENT)
    client.diagnostics(uri)
    write(client, frame(hover(1, uri)))
    good = answer(client, 1)
    assert good["result"]["contents"]["value"].startswith("`$.name`: string")
    return client, uri, good["result"]


def invalid_params(number: int, message: str) -> dict[str, Any]:
    """An InvalidParams answer."""
    return {"jsonrpc": "2.0", "id": number, "error": {"code": -32602, "message": message}}


AT_MINUS_ONE = "params.position: Position.line should be in range [0:2147483647], but was -1."
CODE_ACTION_RANGE = {"start": {"line": 0, "character": 0}, "end": {"line": 1, "character": 0}}


@pytest.mark.parametrize(
    ("method", "params", "message"),
    [
        ("textDocument/hover", {"position": {"line": -1, "character": 0}}, AT_MINUS_ONE),
        (
            "textDocument/hover",
            {"position": {"line": 0, "character": 2**31}},
            "params.position: Position.character should be in range [0:2147483647], but was 2147483648.",
        ),
        ("textDocument/completion", {"position": {"line": 0, "character": -5}}, None),
        ("textDocument/hover", {}, "params.position: required field missing"),
        ("textDocument/hover", {"position": None}, "params.position: expected an object, not null"),
        (
            "textDocument/hover",
            {"position": {"line": "one", "character": 0}},
            "params.position.line: invalid value for type, expected int",
        ),
        (
            "textDocument/codeAction",
            {"range": CODE_ACTION_RANGE, "context": None},
            "params.context: expected an object, not null",
        ),
        (
            "textDocument/codeAction",
            {"range": CODE_ACTION_RANGE},
            "params.context: required field missing",
        ),
    ],
    ids=[
        "negative-line",
        "character-2-31",
        "negative-completion",
        "no-position",
        "null-position",
        "string-line",
        "null-context",
        "no-context",
    ],
)
def test_a_request_with_invalid_params_is_answered_invalid_params(opened, method, params, message):
    client, uri, good = opened
    if message is None:
        message = "params.position: Position.character should be in range [0:2147483647], but was -5."
    write(client, frame({"id": 7, "method": method, "params": {"textDocument": {"uri": uri}, **params}}))
    assert answer(client, 7) == invalid_params(7, f"invalid params for {method}: {message}")
    write(client, frame(hover(8, uri)))
    assert answer(client, 8) == {"jsonrpc": "2.0", "id": 8, "result": good}
    closed_cleanly(client)
    assert said(client) == []


def test_params_that_are_not_an_object_are_invalid_params(opened):
    client, uri, good = opened
    for number, (params, kind) in enumerate(
        [(None, "null"), (5, "a number"), ("x", "a string"), ([1, 2], "an array"), (True, "a boolean")], start=10
    ):
        write(client, frame({"id": number, "method": "textDocument/hover", "params": params}))
        expected = f"invalid params for textDocument/hover: params: expected an object, not {kind}"
        assert answer(client, number) == invalid_params(number, expected)
    write(client, frame({"id": 20, "method": "textDocument/hover"}))
    expected = "invalid params for textDocument/hover: params: required field missing"
    assert answer(client, 20) == invalid_params(20, expected)
    write(client, frame({"id": 21, "method": "textDocument/hover", "params": {"textDocument": 7, "position": []}}))
    expected = (
        "invalid params for textDocument/hover: params.textDocument: expected an object, not a number; "
        "params.position: expected an object, not an array"
    )
    assert answer(client, 21) == invalid_params(21, expected)
    write(client, frame(hover(22, uri)))
    assert answer(client, 22) == {"jsonrpc": "2.0", "id": 22, "result": good}
    closed_cleanly(client)
    assert said(client) == []


@pytest.mark.parametrize(
    "variant",
    [
        {"name": b"content-length"},
        {"name": b"CONTENT-LENGTH"},
        {"end": b"\n"},
        {"name": b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\nContent-Length"},
        {"name": b"X-Other: 1\nContent-length"},
    ],
    ids=["lowercase", "uppercase", "lf-only", "content-type-first", "odd-header-and-lf"],
)
def test_headers_in_any_case_and_lines_ended_by_lf_are_read(opened, variant):
    """The base protocol's headers are HTTP's: names in any case; a lone LF ends a line as leniently as HTTP readers take it."""
    client, uri, good = opened
    write(client, frame(hover(7, uri), **variant) + frame(hover(8, uri)))
    assert answer(client, 7) == {"jsonrpc": "2.0", "id": 7, "result": good}
    assert answer(client, 8) == {"jsonrpc": "2.0", "id": 8, "result": good}
    closed_cleanly(client)
    assert said(client) == []


def test_a_content_length_too_short_skips_that_message_and_the_next_is_answered(opened):
    client, uri, good = opened
    body = json.dumps({"jsonrpc": "2.0", **hover(7, uri)}).encode()
    write(client, frame(hover(7, uri), delta=-3) + frame(hover(8, uri)))
    assert answer(client, 8) == {"jsonrpc": "2.0", "id": 8, "result": good}
    closed_cleanly(client)
    with pytest.raises(json.JSONDecodeError) as cut:
        json.loads(body[:-3])
    assert said(client) == [
        f"{PREFIX}skipped a message that is not JSON: {cut.value}",
        f"{PREFIX}skipped 3 bytes that were not a message",
    ]
    assert 7 not in client.answers


def test_a_content_length_too_long_reads_the_message_and_the_next_from_its_end(opened):
    """The JSON value ends before the length said: it is the message, and what follows it is read again."""
    client, uri, good = opened
    write(client, frame(hover(7, uri), delta=+20) + frame(hover(8, uri)))
    assert answer(client, 7) == {"jsonrpc": "2.0", "id": 7, "result": good}
    assert answer(client, 8) == {"jsonrpc": "2.0", "id": 8, "result": good}
    closed_cleanly(client)
    assert said(client) == [f"{PREFIX}a message ended 20 bytes before its Content-Length: reading on from its end"]


@pytest.mark.parametrize(
    ("garbage", "lines"),
    [
        (b"hello\r\nworld\n\x00\xff\xfe no newline ", ["skipped 28 bytes that were not a message"]),
        (b"\r\n\r\n\n", ["skipped 5 bytes that were not a message"]),
        (
            b"Content-Type: text/plain\r\n\r\n{}",
            ["skipped a header block: it has no Content-Length", "skipped 2 bytes that were not a message"],
        ),
        (
            b"Content-Length: twelve\r\n\r\n{}",
            [
                "skipped a header block: its Content-Length is not a number: 'twelve'",
                "skipped 2 bytes that were not a message",
            ],
        ),
        (b"Content-Length: 2\r\n\r\n[]", ["skipped a message that is not a JSON object: an array"]),
        (
            b"Content-Length: 3\r\n\r\nnul",
            ["skipped a message that is not JSON: Expecting value: line 1 column 1 (char 0)"],
        ),
        (b"x" * 200_000, ["skipped 200000 bytes that were not a message"]),
    ],
    ids=["garbage", "blank-lines", "no-content-length", "length-not-a-number", "array", "not-json", "200-kb-line"],
)
def test_garbage_between_messages_is_skipped_with_one_line_and_the_next_is_answered(opened, garbage, lines):
    client, uri, good = opened
    write(client, garbage + frame(hover(8, uri)))
    assert answer(client, 8) == {"jsonrpc": "2.0", "id": 8, "result": good}
    closed_cleanly(client)
    assert said(client) == [PREFIX + line for line in lines]


@pytest.mark.parametrize(
    "declared", ["1" + "0" * 11, "1" + "0" * 30, "9" * 5000], ids=["10^11", "10^30", "5000-digits"]
)
def test_a_huge_content_length_is_refused_with_one_line_and_the_server_reads_on(opened, declared):
    client, uri, good = opened
    write(client, b"Content-Length: %s\r\n\r\n{}" % declared.encode() + frame(hover(8, uri)))
    assert answer(client, 8) == {"jsonrpc": "2.0", "id": 8, "result": good}
    closed_cleanly(client)
    shown = declared if len(declared) <= 40 else declared[:40] + "..."
    assert said(client) == [
        f"{PREFIX}skipped a message of {shown} bytes: over the limit of {LIMIT} bytes",
        f"{PREFIX}skipped 2 bytes that were not a message",
    ]


def peak_memory_kib(pid: int) -> int:
    """The process's peak resident memory (VmHWM), in KiB."""
    status = Path(f"/proc/{pid}/status").read_text()
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:")))


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads peak memory from /proc")
def test_a_message_over_the_limit_really_sent_is_skipped_in_bounded_memory(opened, workspace):
    """A 200 MiB didOpen (over the 64 MiB limit) is never held: the server's peak memory stays far below it."""
    client, uri, good = opened
    before = peak_memory_kib(client.process.pid)
    text = "---\nname: x\n---\n" + ("a" * 1023 + "\n") * (200 * 1024)
    item = {"uri": (workspace / "events" / "huge.md").as_uri(), "languageId": "markdown", "version": 1, "text": text}
    big = frame({"method": "textDocument/didOpen", "params": {"textDocument": item}})
    write(client, big + frame(hover(8, uri)))
    assert answer(client, 8, timeout=120) == {"jsonrpc": "2.0", "id": 8, "result": good}
    grown = peak_memory_kib(client.process.pid) - before
    closed_cleanly(client)
    size = len(big) - big.index(b"{")
    assert said(client) == [
        f"{PREFIX}skipped a message of {size} bytes: over the limit of {LIMIT} bytes",
        f"{PREFIX}skipped {size} bytes that were not a message",
    ]
    assert grown < 32 * 1024, f"the server's peak memory grew by {grown} KiB reading a skipped 200 MiB message"


def test_requests_before_initialize_get_server_not_initialized(workspace):
    client = LspClient(workspace)
    try:
        uri = (workspace / "events" / "early.md").as_uri()
        write(client, frame(hover(1, uri)))
        assert answer(client, 1) == {
            "jsonrpc": "2.0",
            "id": 1,
            "error": {
                "code": -32002,
                "message": "textDocument/hover: the server is not initialized (initialize comes first)",
            },
        }
        client.open(workspace / "events" / "early.md", EVENT)  # dropped: a notification before initialize
        client.initialize(workspace)
        write(client, frame(hover(2, uri)))
        assert answer(client, 2) == {"jsonrpc": "2.0", "id": 2, "result": None}  # the document was never opened
        write(client, frame({"id": 3, "method": "initialize", "params": {"processId": None, "capabilities": {}}}))
        assert answer(client, 3) == {
            "jsonrpc": "2.0",
            "id": 3,
            "error": {"code": -32600, "message": "initialize was already received"},
        }
        closed_cleanly(client)
        assert said(client) == [
            f"{PREFIX}skipped 'textDocument/didOpen': the server is not initialized (initialize comes first)"
        ]
    finally:
        client.kill()


def test_a_request_after_shutdown_is_an_invalid_request_and_exit_is_still_taken(client):
    client.request("shutdown", None)
    write(client, frame(hover(50, "file:///x.md")))
    assert answer(client, 50) == {
        "jsonrpc": "2.0",
        "id": 50,
        "error": {"code": -32600, "message": "textDocument/hover: the server is shut down (only exit is taken now)"},
    }
    client.notify("exit", None)
    assert client.process.wait(timeout=TIMEOUT) == 0


def test_malformed_messages_give_one_line_each_no_traceback_and_no_popup(opened):
    client, uri, good = opened
    write(client, frame({"id": 7, "method": 5}))
    assert answer(client, 7) == {
        "jsonrpc": "2.0",
        "id": 7,
        "error": {"code": -32600, "message": 'not a JSON-RPC 2.0 request: it needs "jsonrpc": "2.0" and a method name'},
    }
    write(client, frame({"id": None, "method": "textDocument/hover"}))
    write(client, frame({"id": {"a": 1}, "method": "textDocument/hover"}))
    write(client, frame({"method": "textDocument/didOpen", "params": {"textDocument": None}}))
    write(
        client,
        frame(
            {
                "method": "textDocument/didChange",
                "params": {
                    "textDocument": {"uri": "file:///nowhere.md", "version": 2},
                    "contentChanges": [{"text": "x"}],
                },
            }
        ),
    )
    write(client, frame({"method": "$/cancelRequest", "params": {"id": {}}}))
    write(client, frame({"id": 9, "method": "no/such/method", "params": {}}))
    assert answer(client, 9) == {
        "jsonrpc": "2.0",
        "id": 9,
        "error": {"code": -32601, "message": "Method Not Found: no/such/method"},
    }
    write(client, frame(hover(8, uri)))
    assert answer(client, 8) == {"jsonrpc": "2.0", "id": 8, "result": good}
    closed_cleanly(client)
    lines = said(client)
    assert not any("Traceback" in line for line in lines)
    assert lines[:4] == [
        f"{PREFIX}skipped a request whose id is neither a number nor a string: None",
        f"{PREFIX}skipped a request whose id is neither a number nor a string: {{'a': 1}}",
        f"{PREFIX}skipped a notification: invalid params for textDocument/didOpen: "
        "params.textDocument: expected an object, not null",
        f"{PREFIX}skipped $/cancelRequest: pygls failed on it: TypeError: unhashable type: 'dict'",
    ]
    assert all(line.startswith(PREFIX) for line in lines), lines
    logged = [n["params"]["message"] for n in client.notifications if n["method"] == "window/logMessage"]
    assert logged == ["frontlint: a message could not be handled: KeyError: 'file:///nowhere.md'"]


def test_a_request_nested_deeper_than_json_can_be_read_is_answered_invalid_request(opened):
    """JSON nested 100,000 deep is valid JSON but past Python's reader: the request is still answered, once."""
    client, uri, good = opened
    body = b'{"jsonrpc": "2.0", "id": 7, "method": "textDocument/hover", "params": %s}' % (
        b"[" * 100_000 + b"]" * 100_000
    )
    write(client, b"Content-Length: %d\r\n\r\n" % len(body) + body + frame(hover(8, uri)))
    assert answer(client, 7) == {
        "jsonrpc": "2.0",
        "id": 7,
        "error": {"code": -32600, "message": "the message is nested too deeply to be read"},
    }
    assert answer(client, 8) == {"jsonrpc": "2.0", "id": 8, "result": good}
    closed_cleanly(client)
    assert said(client) == []


def test_a_number_of_thousands_of_digits_is_read_as_infinite_and_is_invalid_params(opened):
    """Python refuses to read an integer of over 4,300 digits (it would take quadratic time): it is infinite."""
    client, uri, good = opened
    body = (
        b'{"jsonrpc": "2.0", "id": 7, "method": "textDocument/hover", "params": {"textDocument": {"uri": "%s"}, '
        b'"position": {"line": %s, "character": 0}}}' % (uri.encode(), b"9" * 5000)
    )
    write(client, b"Content-Length: %d\r\n\r\n" % len(body) + body + frame(hover(8, uri)))
    assert answer(client, 7) == invalid_params(
        7, "invalid params for textDocument/hover: params.position.line: invalid value for type, expected int"
    )
    assert answer(client, 8) == {"jsonrpc": "2.0", "id": 8, "result": good}
    closed_cleanly(client)
    assert said(client) == []


def test_a_code_action_kind_that_is_not_a_string_is_invalid_params(opened):
    """lsprotocol takes anything for a kind in ``context.only``: the server checks it (found by the fuzz)."""
    client, uri, _good = opened
    params = {"textDocument": {"uri": uri}, "range": CODE_ACTION_RANGE, "context": {"diagnostics": [], "only": [1]}}
    write(client, frame({"id": 7, "method": "textDocument/codeAction", "params": params}))
    expected = "invalid params for textDocument/codeAction: params.context.only: expected an array of strings"
    assert answer(client, 7) == invalid_params(7, expected)
    closed_cleanly(client)
    assert [n for n in client.notifications if "internal error" in json.dumps(n)] == []


def test_a_lone_surrogate_in_what_is_said_on_stderr_is_escaped_not_a_logging_traceback(opened):
    """A client's string with a lone surrogate, said on stderr, cannot be encoded: it is escaped (found by the fuzz)."""
    client, uri, good = opened
    write(client, frame({"method": "window/workDoneProgress/cancel", "params": {"token": "\ud800"}}))
    write(client, frame({"method": "\udfff", "params": {}}))
    write(client, frame(hover(8, uri)))
    assert answer(client, 8) == {"jsonrpc": "2.0", "id": 8, "result": good}
    closed_cleanly(client)
    assert said(client) == [
        f"{PREFIX}pygls: Ignoring work done progress cancel for unknown token \\ud800",
        f"{PREFIX}pygls: Ignoring notification for unknown method '\\udfff'",
    ]
