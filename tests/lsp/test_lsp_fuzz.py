"""Issue 21: a seeded fuzz of the real ``frontlint lsp`` over stdio, bounded by a count of cases (never by time).

Each category runs its cases against one server, in order, drawn from ``random.Random(SEED)``:

- framing: a request framed well, in a lowercase, uppercase or odd header, with LF-only lines, a
  Content-Length short or long, garbage before or after, a huge declared length, no length,
  trailing bytes, two messages in one body, invalid UTF-8, a BOM, written a few bytes at a time;
- requests: every request the server handles (and some it does not) with params of every JSON type
  (null, booleans, negative and huge numbers, infinities, strings, arrays, nested objects, missing
  fields), ids of every kind, envelopes that are not JSON-RPC 2.0;
- notifications: every notification, with the same params;
- documents: documents whose lines end in every line break (\\n, \\r\\n, \\r, U+2028, U+2029, U+0085,
  VT, FF, FS, GS, RS), edited incrementally as an editor does (positions by LSP's lines: only \\n,
  \\r\\n and \\r end one), hovered, completed and asked for code actions; their diagnostics must be the
  command's on the editor's text, within the editor's lines;
- recursive YAML (``a: &a [*a]``, ``a: &a {b: *a}``...) hovered and completed at every column;
- TOML documents (``+++``) edited with TOML's marks (brackets, quotes, ``=``, headers), and JSON
  documents (``{ … }``) with JSON's, completed at every position, hovered and asked for code
  actions; their diagnostics must be the command's;
- mixed: all of these interleaved.

What must hold: every request the server can know the id of gets exactly one response (result or
error, with a JSON-RPC error code) within a generous timeout, and no other; stdout holds nothing
but JSON-RPC; stderr holds only ``frontlint lsp: ...`` lines, never a traceback; the editor gets no
popup and no internal error; at the end the server answers a hover as at the start, and exits 0
after shutdown and exit. A failure names the seed, the category, the case and what it sent;
``FRONTLINT_LSP_FUZZ_SEED`` runs another seed.
"""

from __future__ import annotations

import collections
import json
import os
import random
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from lsp_client import LspClient

from helpers import run_cli

pytestmark = pytest.mark.slow  # thousands of messages and a command run per document

SEED = int(os.environ.get("FRONTLINT_LSP_FUZZ_SEED", "2121"))
ANSWER_TIMEOUT = 60.0  # per request: only there so that a lost answer fails the test, never hangs it
LIMIT = 64 * 1024 * 1024
CASES = {
    "framing": 1000,
    "requests": 2000,
    "notifications": 1000,
    "documents": 30,
    "recursive": 14,
    "toml": 30,
    "json": 30,
}
CASES["mixed"] = 400

LINE_BREAKS = ["\n", "\r\n", "\r", "\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e"]
LSP_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # what ends a line for an LSP client
OTHER_BREAKS = set(LINE_BREAKS[3:])
RECURSIVE = [
    "a: &a [*a]",
    "a: &a {b: *a}",
    "a: &a [1, [2, *a]]",
    "a: &a {b: {c: [*a]}}",
    "name: &n {x: *n}",
    "kind: &k [*k]",
    "a: &a\n  b: *a",
    "a: &a\n  - *a",
    "a: &a [*a, *a, {b: *a}]",
    "<<: &m {a: *m}",
]
SCHEMA = {
    "type": "object",
    "properties": {
        "name": {"type": "string", "description": "The event's name."},
        "kind": {"description": "What sort of event.", "enum": ["talk", "workshop", None, 3, True, "a: b", "#x"]},
        "tags": {"type": "array", "items": {"enum": ["a", "b", "c"]}},
        "where": {"type": "object", "properties": {"city": {"type": "string"}, "room": {"type": "integer"}}},
        "deep": {"enum": ["x", json.loads("[" * 60 + "1" + "]" * 60)]},
        "a": {"description": "Anything."},
    },
    "required": ["name"],
    "additionalProperties": False,
}
BASE_TEXT = "---\nname: Launch 😀\nkind: party\ntags: [a]\nwhere: {city: Paris}\n---\nBody\n"
FRAGMENTS = [
    *LINE_BREAKS,
    "x",
    "é",
    "😀",
    "𝒳",
    ": ",
    "- ",
    "---",
    "\t",
    "#",
    "kind: workshop",
    "tags: [",
    "]",
    "'",
    '"',
]
FRAGMENTS += ["name: ", "deep: ", "where:\n  city: ", "&a ", "*a", "\ufeff", "\x00", "  "]
TOML_LINES = [
    "+++",
    'name = "Launch 😀"',
    "kind = 'talk'",
    'tags = ["a", "b"]',
    'where = { city = "Paris" }',
    "",
    "[where2]",
    "room = 3",
    "+++",
    "Body",
]
TOML_FRAGMENTS = ["=", " = ", "[", "]", "[[", "]]", "{", "}", ",", ".", '"', "'", '"""', "'''", "#", "+++", "\\"]
TOML_FRAGMENTS += ["\n", "\r\n", "\r", "\u2028", " ", "\t", "é😀", "\x00", "kind = ", "tags = [", "where = { city = "]
TOML_FRAGMENTS += ["deep = ", "[where]\n", "[[where]]\n", "\ncity = ", "true", "1979-05-27T07:32:00Z", "x"]
JSON_LINES = [
    "{",
    '  "name": "Launch 😀",',
    '  "kind": "talk",',
    '  "tags": ["a", "b"],',
    '  "where": {"city": "Paris"}',
    "}",
    "Body",
]
JSON_FRAGMENTS = [":", ": ", ",", "[", "]", "{", "}", '"', '\\"', "\\", "\n", "\r\n", "\r", "\u2028", " ", "\t", "é😀"]
JSON_FRAGMENTS += ["\x00", '"kind": ', '"tags": [', '"where": {"city": ', '"deep": ', "true", "null", "-1.5e3", "x"]
ERROR_CODES = {-32700, -32600, -32601, -32602, -32002, -32800}
SCALARS: list[Any] = [None, True, False, 0, 1, -1, 2**31 - 1, 2**31, -(2**31), 2**63, 10**30, -(10**30), 0.5, -1.5]
SCALARS += [1e308, float("inf"), float("-inf"), float("nan"), "", "x", "é😀", "\x00", "\ud800", "a" * 10_000]
SCALARS += ["file:///nowhere.md", "untitled:x", "markdown", "ftp://x/y.md", "%zz", "file:///%00"]

REQUESTS = ["textDocument/hover", "textDocument/completion", "textDocument/codeAction"]
OTHER_REQUESTS = ["initialize", "workspace/executeCommand", "no/such/method", "$/fuzz", "textDocument/definition"]
NOTIFICATIONS = [
    "textDocument/didOpen",
    "textDocument/didChange",
    "textDocument/didSave",
    "textDocument/didClose",
    "textDocument/willSave",
    "workspace/didChangeWatchedFiles",
    "workspace/didChangeWorkspaceFolders",
    "workspace/didChangeConfiguration",
    "initialized",
    "$/cancelRequest",
    "$/setTrace",
    "$/progress",
    "window/workDoneProgress/cancel",
    "notebookDocument/didOpen",
    "notebookDocument/didChange",
    "notebookDocument/didClose",
    "no/such/notification",
]


class Counted(dict):
    """The client's answers by id, counting how often each id was answered."""

    def __init__(self) -> None:
        super().__init__()
        self.times: collections.Counter[Any] = collections.Counter()

    def __setitem__(self, key: Any, value: Any) -> None:
        self.times[key] += 1
        super().__setitem__(key, value)


def lsp_lines(text: str) -> list[str]:
    """``text``'s lines as an LSP client splits them (at \\n, \\r\\n, \\r only), without their ends."""
    return LSP_LINE_BREAK.split(text)


def utf16_length(text: str) -> int:
    """The length of ``text`` in UTF-16 code units."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def position_of(text: str, offset: int) -> dict[str, int]:
    """The LSP position (line, UTF-16 character) of a character offset of ``text``."""
    before = text[:offset]
    line = len(LSP_LINE_BREAK.findall(before))
    start = max((found.end() for found in LSP_LINE_BREAK.finditer(before)), default=0)
    return {"line": line, "character": utf16_length(before[start:])}


def is_position(text: str, offset: int) -> bool:
    """Whether an LSP position can name ``offset``: not between the \\r and \\n of a CRLF."""
    return not (0 < offset < len(text) and text[offset - 1] == "\r" and text[offset] == "\n")


class Fuzzer:
    """One server, one seeded random source, and what was sent and must be answered."""

    def __init__(self, workspace: Path, category: str) -> None:
        self.workspace = workspace
        self.category = category
        self.rng = random.Random(f"{SEED}/{category}")
        self.client = LspClient(workspace)
        self.client.answers = Counted()
        self.client.initialize(workspace, {"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": True}}})
        self.expected: set[Any] = set()
        self.numbers = 1000  # the client numbers its own requests (initialize, shutdown) from 1
        self.case = "start"
        self.index = -1  # the number of the case running
        self.seen = 0  # the client's notifications checked by check_said
        self.documents = 0
        self.base = self.client.open(workspace / "events" / "base.md", BASE_TEXT)
        self.first_hover = self.answered(self.send_request("textDocument/hover", self.at(self.base, 1, 2)))

    # -- sending and waiting

    def new_id(self) -> Any:
        """A request id never used before: a number (small, negative or huge) or a string."""
        self.numbers += 1
        kind = self.rng.random()
        if kind < 0.7:
            return self.numbers
        if kind < 0.8:
            return -self.numbers
        if kind < 0.9:
            return 10**20 + self.numbers
        return self.rng.choice(["s", "é😀", "id with spaces ", ""]) + str(self.numbers)

    def write(self, data: bytes, dribble: bool = False) -> None:
        """Bytes to the server, at once or a few at a time."""
        stdin = self.client.process.stdin
        assert stdin is not None
        if not dribble:
            stdin.write(data)
        else:
            position = 0
            while position < len(data):
                step = self.rng.randint(1, 40)
                stdin.write(data[position : position + step])
                stdin.flush()
                position += step
        stdin.flush()

    def send_request(self, method: str, params: Any) -> Any:
        """A well-framed request; its id, which must be answered."""
        number = self.new_id()
        self.write(frame({"jsonrpc": "2.0", "id": number, "method": method, "params": params}))
        self.expected.add(number)
        return number

    def answered(self, number: Any) -> dict[str, Any]:
        """The one answer to request ``number``, checked: a result or an error with a JSON-RPC code."""
        try:
            self.client._pump(lambda: number in self.client.answers, ANSWER_TIMEOUT, f"answer to request {number!r}")
        except (TimeoutError, EOFError) as error:
            self.fail(f"no answer to request {number!r} within {ANSWER_TIMEOUT} s ({type(error).__name__})")
        answer = self.client.answers[number]
        if ("result" in answer) == ("error" in answer):
            self.fail(f"the answer to request {number!r} has not exactly one of result and error: {answer}")
        if "error" in answer and answer["error"].get("code") not in ERROR_CODES:
            self.fail(f"the answer to request {number!r} is an unexpected error: {answer['error']}")
        return answer

    def check_said(self) -> None:
        """Since the last check: no popup, no internal error in the client's log, only one-line notes on stderr."""
        for notification in self.client.notifications[self.seen :]:
            said = json.dumps(notification["params"])[:3000]
            if notification["method"] == "window/showMessage":
                self.fail(f"a popup: {said}")
            if notification["method"] == "window/logMessage" and "internal error" in said:
                self.fail(f"an internal error in the client's log: {said}")
        self.seen = len(self.client.notifications)
        said = self.client.stderr.decode("utf-8", "replace")
        lines = said[: said.rfind("\n") + 1].splitlines()  # whole lines only
        wrong = [line for line in lines if not line.startswith("frontlint lsp: ")]
        if wrong:
            self.fail("stderr holds more than one-line notes: " + "\n".join(wrong[:40]))

    def settled(self) -> None:
        """Every message sent so far is handled: a well-framed hover on the base document is answered."""
        self.answered(self.send_request("textDocument/hover", self.at(self.base, 1, 2)))

    def fail(self, problem: str) -> None:
        """Fail, naming the seed, the case and, where it is the cause, the defect owned elsewhere."""
        stderr = self.client.stderr.decode("utf-8", "replace")[-2000:]
        pytest.fail(
            f"seed {SEED}, {self.category} case {self.index}: {self.case}: {problem}{known_cause(self.case)}\n"
            f"server's stderr (end): {stderr}",
            pytrace=False,
        )

    # -- what to send

    def at(self, uri: str, line: int, character: int) -> dict[str, Any]:
        """Params naming a position of a document."""
        return {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}

    def random_json(self, depth: int = 0) -> Any:
        """A JSON value of any type, objects with keys the protocol uses among others."""
        kind = self.rng.random()
        if depth > 3 or kind < 0.55:
            return self.rng.choice(SCALARS)
        if kind < 0.7:
            return [self.random_json(depth + 1) for _ in range(self.rng.randint(0, 3))]
        if kind < 0.97:
            keys = ["textDocument", "position", "uri", "line", "character", "range", "start", "end", "context"]
            keys += ["diagnostics", "only", "text", "version", "contentChanges", "languageId", "changes", "x"]
            return {self.rng.choice(keys): self.random_json(depth + 1) for _ in range(self.rng.randint(0, 4))}
        return f"<<deep {self.rng.choice([100, 900, 5000])}>>"  # written out nested by frame()

    def mutated(self, params: Any) -> Any:
        """``params`` with a few fields replaced by any JSON, or removed; or any JSON instead."""
        if self.rng.random() < 0.15:
            return self.random_json()
        params = json.loads(json.dumps(params))
        for _ in range(self.rng.randint(0, 3)):
            holder, key = self.some_field(params)
            if holder is None:
                break
            if self.rng.random() < 0.3 and isinstance(holder, dict):
                del holder[key]
            else:
                holder[key] = self.random_json()
        return params

    def some_field(self, value: Any) -> tuple[Any, Any]:
        """A random (container, key) inside ``value``; ``(None, None)`` if it has none."""
        found: list[tuple[Any, Any]] = []

        def walk(node: Any) -> None:
            if isinstance(node, dict):
                for key, child in node.items():
                    found.append((node, key))
                    walk(child)
            elif isinstance(node, list):
                for index, child in enumerate(node):
                    found.append((node, index))
                    walk(child)

        walk(value)
        return self.rng.choice(found) if found else (None, None)

    def valid_params(self, method: str) -> Any:
        """Params a client would send for ``method``, on the base document or a scratch one."""
        uri = self.base if method in REQUESTS else self.scratch_uri()
        line, character = self.rng.randint(0, 8), self.rng.randint(0, 30)
        span = {"start": {"line": line, "character": 0}, "end": {"line": line + 1, "character": character}}
        item = {"uri": uri, "languageId": self.rng.choice(["markdown", "yaml", "x"]), "version": 1, "text": BASE_TEXT}
        table: dict[str, Any] = {
            "textDocument/hover": self.at(uri, line, character),
            "textDocument/completion": {**self.at(uri, line, character), "context": {"triggerKind": 1}},
            "textDocument/codeAction": {
                "textDocument": {"uri": uri},
                "range": span,
                "context": {"diagnostics": [], "only": ["quickfix", "source.fixAll"]},
            },
            "initialize": {"processId": None, "rootUri": None, "capabilities": {}},
            "workspace/executeCommand": {"command": "frontlint.fuzz", "arguments": [1, "x"]},
            "textDocument/didOpen": {"textDocument": item},
            "textDocument/didChange": {
                "textDocument": {"uri": uri, "version": 2},
                "contentChanges": [{"range": span, "text": "x"}, {"text": BASE_TEXT}],
            },
            "textDocument/didSave": {"textDocument": {"uri": uri}, "text": BASE_TEXT},
            "textDocument/didClose": {"textDocument": {"uri": uri}},
            "textDocument/willSave": {"textDocument": {"uri": uri}, "reason": 1},
            "workspace/didChangeWatchedFiles": {"changes": [{"uri": uri, "type": 2}]},
            "workspace/didChangeWorkspaceFolders": {"event": {"added": [{"uri": uri, "name": "x"}], "removed": []}},
            "workspace/didChangeConfiguration": {"settings": {"frontlint": {}}},
            "$/cancelRequest": {"id": self.numbers},
            "$/setTrace": {"value": "verbose"},
            "$/progress": {"token": "t", "value": {"kind": "end"}},
            "window/workDoneProgress/cancel": {"token": "t"},
            "notebookDocument/didOpen": {
                "notebookDocument": {"uri": uri + ".ipynb", "notebookType": "x", "version": 1, "cells": []},
                "cellTextDocuments": [item],
            },
            "notebookDocument/didChange": {"notebookDocument": {"uri": uri + ".ipynb", "version": 2}, "change": {}},
            "notebookDocument/didClose": {"notebookDocument": {"uri": uri + ".ipynb"}, "cellTextDocuments": []},
        }
        return table.get(method, {})

    def scratch_uri(self) -> str:
        """One of a few documents the notifications may open, change and close (never the base one)."""
        return (self.workspace / "events" / f"scratch-{self.rng.randint(0, 4)}.md").as_uri()

    # -- the end

    def finish(self) -> None:
        """The server still answers a hover as at the start, exits 0, and has said nothing it should not."""
        self.case = "the end"
        self.index = CASES[self.category]
        final = self.answered(self.send_request("textDocument/hover", self.at(self.base, 1, 2)))
        assert final["result"] == self.first_hover["result"]
        assert self.client.close(timeout=ANSWER_TIMEOUT) == 0
        times = self.client.answers.times
        assert {number: count for number, count in times.items() if count != 1} == {}, "answered more than once"
        own = set(range(1, self.client._next_id + 1))  # the client's initialize and shutdown
        assert set(times) - self.expected - own == set(), "answers to requests that could not be known"
        assert self.client.stray == b"", "stdout held something that is not JSON-RPC"
        lines = self.client.stderr.decode("utf-8", "replace").splitlines()
        assert [line for line in lines if not line.startswith("frontlint lsp: ")] == []
        popups = [n for n in self.client.notifications if n["method"] == "window/showMessage"]
        assert popups == []
        logged = [n["params"]["message"] for n in self.client.notifications if n["method"] == "window/logMessage"]
        assert [message for message in logged if "internal error" in message] == []


def frame(message: Any) -> bytes:
    """A message framed as the protocol says."""
    body = body_of(message)
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


DEEP = re.compile(rb'"<<deep ([0-9]+)>>"')


def body_of(message: Any) -> bytes:
    """A message's JSON body; ``"<<deep N>>"`` stands for arrays nested N deep (too deep for ``json.dumps``)."""
    body = json.dumps(message).encode("utf-8", "surrogatepass")
    return DEEP.sub(lambda found: b"[" * int(found.group(1)) + b"0" + b"]" * int(found.group(1)), body)


def known_cause(case: str) -> str:
    """Where a failing case is known to fail because of a defect fixed on another branch, which one."""
    if "recursive" in case:
        return (
            " [a recursive YAML alias: issue 21 defect 3 (hover loops in lsp/yaml_cursor.py node_at), fixed elsewhere]"
        )
    if any(repr(character)[1:-1] in case for character in OTHER_BREAKS):
        return (
            " [the document has line breaks LSP clients do not split at (U+2028, U+2029, U+0085, VT, FF, FS, GS, RS):"
            " issue 21 defect 1, fixed elsewhere]"
        )
    return ""


# -- the cases: each sends, waits for what must be answered, and checks it


def framings(fz: Fuzzer, body: bytes, next_frame: bytes) -> list[tuple[str, bytes, bool]]:
    """(name, bytes, answered) for ``body`` framed in each way the case may take."""
    size = len(body)
    short = fz.rng.randint(1, size - 1)
    long = fz.rng.randint(1, len(next_frame))
    garbage = bytes(fz.rng.choice(b"ab:\r\n \x00\xff{}-") for _ in range(fz.rng.randint(1, 300)))
    huge = fz.rng.choice([b"100000000000", b"1" + b"0" * 30, b"%d" % (LIMIT + 1), b"9" * 5000])
    other = body_of({"jsonrpc": "2.0", "id": "never", "method": "textDocument/hover", "params": {}})
    bad_utf8 = body.replace(b"base", b"b\xffse")
    return [
        ("good", b"Content-Length: %d\r\n\r\n" % size + body, True),
        ("lowercase", b"content-length: %d\r\n\r\n" % size + body, True),
        ("uppercase", b"CONTENT-LENGTH: %d\r\n\r\n" % size + body, True),
        ("lf-only", b"Content-Length: %d\n\n" % size + body, True),
        ("mixed-ends", b"Content-Length: %d\n\r\n" % size + body, True),
        ("spaces", b"Content-Length :  %d \t\r\n\r\n" % size + body, True),
        (
            "content-type",
            b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\nContent-Length: %d\r\n\r\n" % size + body,
            True,
        ),
        ("odd-header", b"X-Fuzz: \xff:\r\nContent-Length: %d\r\nX-After: 1\r\n\r\n" % size + body, True),
        (f"short-by-{short}", b"Content-Length: %d\r\n\r\n" % (size - short) + body, False),
        (f"long-by-{long}", b"Content-Length: %d\r\n\r\n" % (size + long) + body, True),
        (f"garbage-before-{garbage!r}", garbage + b"Content-Length: %d\r\n\r\n" % size + body, True),
        (f"garbage-after-{garbage!r}", b"Content-Length: %d\r\n\r\n" % size + body + garbage, True),
        ("no-length", b"Content-Type: application/vscode-jsonrpc\r\n\r\n" + body, False),
        (
            "length-not-a-number",
            b"Content-Length: " + fz.rng.choice([b"abc", b"-5", b"", b"5.0", b"0x10"]) + b"\r\n\r\n" + body,
            False,
        ),
        (f"huge-{huge[:20]!r}", b"Content-Length: " + huge + b"\r\n\r\n" + body, False),
        ("trailing-bytes", b"Content-Length: %d\r\n\r\n" % (size + 3) + body + b"xyz", True),
        ("two-in-one", b"Content-Length: %d\r\n\r\n" % (size + len(other)) + body + other, True),
        ("not-json", b"Content-Length: %d\r\n\r\n" % size + body[:-1] + b",", False),
        ("invalid-utf8", b"Content-Length: %d\r\n\r\n" % len(bad_utf8) + bad_utf8, True),
        ("bom", b"Content-Length: %d\r\n\r\n\xef\xbb\xbf" % (size + 3) + body, True),
    ]


def framing_case(fz: Fuzzer) -> None:
    """A request framed some way, then a well-framed one: answered as its framing allows, the next always."""
    method = fz.rng.choice(REQUESTS)
    number = fz.new_id()
    body = body_of({"jsonrpc": "2.0", "id": number, "method": method, "params": fz.valid_params(method)})
    sentinel = fz.new_id()
    next_frame = frame(
        {"jsonrpc": "2.0", "id": sentinel, "method": "textDocument/hover", "params": fz.at(fz.base, 1, 2)}
    )
    name, data, answered = fz.rng.choice(framings(fz, body, next_frame))
    fz.case = f"framing {name} of {method} {number!r}"
    fz.write(data + next_frame, dribble=fz.rng.random() < 0.2)
    fz.expected.add(sentinel)
    if answered:
        fz.expected.add(number)
        fz.answered(number)
    fz.answered(sentinel)
    if not answered and number in fz.client.answers:
        fz.fail(f"request {number!r} was answered though its framing hid it: {fz.client.answers[number]}")


def request_case(fz: Fuzzer) -> None:
    """A request of any method, params mutated, id of any kind, envelope sometimes wrong: answered once if it can be."""
    method = fz.rng.choice(REQUESTS * 3 + OTHER_REQUESTS)
    params = fz.mutated(fz.valid_params(method))
    message: dict[str, Any] = {"jsonrpc": "2.0", "id": fz.new_id(), "method": method, "params": params}
    usable = True
    roll = fz.rng.random()
    if roll < 0.05:
        message["jsonrpc"] = fz.rng.choice(["1.0", None, 2])
    elif roll < 0.08:
        message["method"] = fz.rng.choice([None, 5, ["x"], {"a": 1}])
    elif roll < 0.12:
        message["id"] = fz.rng.choice([None, 1.5, True, {"a": 1}, [1]])
        usable = False
    elif roll < 0.14:
        del message["params"]
    fz.case = f"request {json.dumps(message)[:300]}"
    fz.write(frame(message))
    if usable:
        fz.expected.add(message["id"])
        fz.answered(message["id"])
    else:
        fz.settled()


def notification_case(fz: Fuzzer) -> None:
    """A notification of any method with params mutated; then the server still answers."""
    method = fz.rng.choice(NOTIFICATIONS)
    params = fz.mutated(fz.valid_params(method))
    fz.case = f"notification {method} {json.dumps(params)[:300]}"
    fz.write(frame({"jsonrpc": "2.0", "method": method, "params": params}))
    fz.settled()


def document_case(fz: Fuzzer) -> None:
    """A document with every kind of line break, edited incrementally; linted as the command lints the editor's text."""
    fz.documents += 1
    name = f"events/doc-{fz.documents}.md"
    lines = [
        "---",
        "name: Launch 😀",
        "kind: talk",
        "tags: [a, b]",
        "where:",
        "  city: Paris",
        "extra: 1",
        "---",
        "Body",
    ]
    text = "".join(line + fz.rng.choice(LINE_BREAKS + ["\n"] * 6) for line in lines)
    uri = fz.client.open(fz.workspace / name, text)
    version = 1
    fz.case = f"document {text!r}"
    for _ in range(fz.rng.randint(1, 6)):
        text, change = edited(fz, text)
        version += 1
        fz.case += f", edited {change!r}"
        fz.client.notify(
            "textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}
        )
        if fz.rng.random() < 0.5:
            ask_somewhere(fz, uri, text)
    fz.case += f" to {text!r}"
    ask_somewhere(fz, uri, text)
    check_diagnostics(fz, name, text, diagnostics_of(fz, uri, version))


def edited(fz: Fuzzer, text: str, fragments: list[str] = FRAGMENTS) -> tuple[str, dict[str, Any]]:
    """``text`` with an edit an editor could send (an incremental one, or sometimes the whole text), and that change."""
    new_text = "".join(fz.rng.choice(fragments) for _ in range(fz.rng.randint(0, 3)))
    if fz.rng.random() < 0.1:
        return new_text + text, {"text": new_text + text}
    offsets = [offset for offset in range(len(text) + 1) if is_position(text, offset)]
    start = fz.rng.choice(offsets)
    end = fz.rng.choice([offset for offset in offsets if start <= offset <= start + 12])
    change = {"range": {"start": position_of(text, start), "end": position_of(text, end)}, "text": new_text}
    return text[:start] + new_text + text[end:], change


def ask_somewhere(fz: Fuzzer, uri: str, text: str) -> None:
    """Hover, completion and code actions at a position of the editor's text (sometimes past its end): all answered."""
    lines = lsp_lines(text)
    line = fz.rng.randint(0, len(lines) + 1)
    character = fz.rng.randint(0, utf16_length(lines[line]) + 1 if line < len(lines) else 3)
    for method in REQUESTS:
        params = fz.at(uri, line, character)
        if method == "textDocument/codeAction":
            span = {"start": params.pop("position"), "end": {"line": line + 1, "character": 0}}
            params.update(range=span, context={"diagnostics": []})
        fz.answered(fz.send_request(method, params))


def diagnostics_of(fz: Fuzzer, uri: str, version: int) -> list[dict[str, Any]]:
    """The diagnostics published for ``version`` of a document (waited for)."""
    try:
        params = fz.client.wait_for(
            "textDocument/publishDiagnostics",
            lambda params: params["uri"] == uri and params.get("version") == version,
            timeout=ANSWER_TIMEOUT,
        )
    except (TimeoutError, EOFError) as error:
        fz.fail(f"no diagnostics for version {version} ({type(error).__name__})")
    return list(params["diagnostics"])


def check_diagnostics(fz: Fuzzer, name: str, text: str, found: list[dict[str, Any]]) -> None:
    """The command's problems on the editor's text (rule and message), each on one of the editor's lines."""
    command = run_cli(
        "-", "--stdin-filename", name, "--format", "json", cwd=fz.workspace, stdin=text.encode("utf-8", "surrogatepass")
    )
    if command.returncode not in (0, 1):
        fz.fail(f"the command failed on the text: {command.stderr.decode(errors='replace')}")
    expected = sorted((d["rule"], d["message"]) for d in json.loads(command.stdout)["diagnostics"])
    got = sorted((d["code"], d["message"]) for d in found)
    if got != expected:
        fz.fail(f"the server's diagnostics {got} are not the command's {expected} on the editor's text")
    lines = lsp_lines(text)  # a character past its line's end is the line's end (LSP says so): only lines are checked
    for diagnostic in found:
        for end in ("start", "end"):
            if diagnostic["range"][end]["line"] >= len(lines):
                fz.fail(f"a diagnostic's {end} is past the editor's {len(lines)} lines: {diagnostic}")


def recursive_case(fz: Fuzzer) -> None:
    """Recursive YAML hovered and completed at every column of its lines; code actions on them."""
    fz.documents += 1
    name = f"events/recursive-{fz.documents}.md"
    recursive = fz.rng.choice(RECURSIVE)
    text = f"---\nname: x\n{recursive}\n---\n"
    fz.case = f"recursive YAML {recursive!r}"
    uri = fz.client.open(fz.workspace / name, text)
    lines = lsp_lines(text)
    for line in range(2, len(lines) - 2):
        for character in range(len(lines[line]) + 1):
            fz.case = f"recursive YAML {recursive!r}, at line {line} character {character}"
            for method in ("textDocument/hover", "textDocument/completion"):
                fz.answered(fz.send_request(method, fz.at(uri, line, character)))
    fz.case = f"recursive YAML {recursive!r}, code actions"
    span = {"start": {"line": 0, "character": 0}, "end": {"line": len(lines) - 1, "character": 0}}
    params = {"textDocument": {"uri": uri}, "range": span, "context": {"diagnostics": []}}
    fz.answered(fz.send_request("textDocument/codeAction", params))
    check_diagnostics(fz, name, text, diagnostics_of(fz, uri, 1))


def toml_case(fz: Fuzzer) -> None:
    """A TOML document edited with TOML's marks, completed at every position; linted as the command lints it."""
    completed_document_case(fz, "TOML", TOML_LINES, TOML_FRAGMENTS)


def json_case(fz: Fuzzer) -> None:
    """A JSON document edited with JSON's marks, completed at every position; linted as the command lints it."""
    completed_document_case(fz, "JSON", JSON_LINES, JSON_FRAGMENTS)


def completed_document_case(fz: Fuzzer, dialect: str, lines: list[str], fragments: list[str]) -> None:
    """A document of ``lines`` edited with ``fragments``, completed at every position; linted as the command lints it."""
    fz.documents += 1
    name = f"events/{dialect.lower()}-{fz.documents}.md"
    text = "".join(line + fz.rng.choice(LINE_BREAKS[:3] + ["\n"] * 6) for line in lines)
    uri = fz.client.open(fz.workspace / name, text)
    version = 1
    fz.case = f"{dialect} document {text!r}"
    for _ in range(fz.rng.randint(1, 6)):
        text, change = edited(fz, text, fragments)
        version += 1
        fz.case += f", edited {change!r}"
        fz.client.notify(
            "textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}
        )
    fz.case += f" to {text!r}"
    ask_somewhere(fz, uri, text)
    for line, written in enumerate(lsp_lines(text)):
        for character in range(utf16_length(written) + 1):
            fz.answered(fz.send_request("textDocument/completion", fz.at(uri, line, character)))
    check_diagnostics(fz, name, text, diagnostics_of(fz, uri, version))


CATEGORIES: dict[str, list[tuple[Callable[[Fuzzer], None], int]]] = {
    "framing": [(framing_case, 1)],
    "requests": [(request_case, 1)],
    "notifications": [(notification_case, 1)],
    "documents": [(document_case, 1)],
    "recursive": [(recursive_case, 1)],
    "toml": [(toml_case, 1)],
    "json": [(json_case, 1)],
    "mixed": [
        (framing_case, 30),
        (request_case, 40),
        (notification_case, 25),
        (document_case, 3),
        (recursive_case, 2),
        (toml_case, 2),
        (json_case, 2),
    ],
}


@pytest.mark.parametrize("category", list(CATEGORIES))
def test_the_server_answers_every_request_once_whatever_it_is_sent(workspace, category):
    (workspace / "event.schema.json").write_text(json.dumps(SCHEMA), encoding="utf-8")
    fz = Fuzzer(workspace, category)
    try:
        cases, weights = zip(*CATEGORIES[category])
        for fz.index in range(CASES[category]):
            case = fz.rng.choices(cases, weights)[0]
            fz.case = case.__name__
            case(fz)
            fz.check_said()
        fz.finish()
    finally:
        fz.client.kill()
