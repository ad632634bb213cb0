"""The base protocol's reader (frontlint.lsp.transport) on bytes given as a client's pipe gives them.

Each case: the stream, the JSON values read from it in order, and every line said about what was
skipped. The stream is given in pieces as small as one byte, as a pipe may give it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from frontlint.lsp.protocol import top_level
from frontlint.lsp.transport import LINE_LIMIT, MessageReader, TooDeep


def framed(value: Any, delta: int = 0, head: bytes = b"Content-Length", end: bytes = b"\r\n") -> bytes:
    """``value`` as a message, its Content-Length off by ``delta``."""
    body = json.dumps(value).encode("utf-8")
    return head + b": %d" % (len(body) + delta) + end + end + body


def pieces(data: bytes, size: int) -> Callable[[int], bytes]:
    """A ``read1`` giving ``data`` at most ``size`` bytes at a time, then ``b""``."""
    position = 0

    def read(wanted: int) -> bytes:
        nonlocal position
        taken = data[position : position + min(wanted, size)]
        position += len(taken)
        return taken

    return read


def read_all(data: bytes, size: int = 1 << 20, limit: int = 1 << 20) -> tuple[list[Any], list[str]]:
    """Every value read from ``data`` and every line said, reading ``size`` bytes at a time."""
    said: list[str] = []
    reader = MessageReader(pieces(data, size), said.append, limit)
    values = []
    while (message := reader.next()) is not None:
        values.append(message[0])
    return values, said


def not_json(body: bytes) -> str:
    """What the reader says of a body that is not JSON: Python's own words."""
    try:
        json.loads(body.decode("utf-8", "surrogateescape"))
    except ValueError as error:
        return f"skipped a message that is not JSON: {error}"
    raise AssertionError(f"{body!r} is JSON")


A = {"jsonrpc": "2.0", "id": 1, "method": "a"}
B = {"jsonrpc": "2.0", "id": 2, "method": "b", "params": {"text": "é\r\n😀 Content-Length: 5\r\n"}}


@pytest.mark.parametrize("size", [1, 7, 1 << 20])
@pytest.mark.parametrize(
    ("stream", "values", "said"),
    [
        (framed(A) + framed(B), [A, B], []),
        (framed(A, head=b"content-length") + framed(B, head=b"CoNtEnT-lEnGtH"), [A, B], []),
        (framed(A, end=b"\n") + framed(B, end=b"\n"), [A, B], []),
        (b"Content-Length:  %d \t\r\nContent-Type: x\r\n\r\n" % len(json.dumps(A)) + json.dumps(A).encode(), [A], []),
        (framed(None) + framed(0) + framed("s"), [None, 0, "s"], []),
        (
            framed(A, -1) + framed(B),
            [B],
            [
                not_json(json.dumps(A).encode()[:-1]),
                "skipped 1 byte that was not a message",
            ],
        ),
        (
            framed(A, +5) + framed(B),
            [A, B],
            ["a message ended 5 bytes before its Content-Length: reading on from its end"],
        ),
        (
            framed(A, +5) + b"xxxxx" + framed(B),
            [A, B],
            [
                "a message ended 5 bytes before its Content-Length: reading on from its end",
                "skipped 5 bytes that were not a message",
            ],
        ),
        (b"junk\r\n\r\nmore junk" + framed(A), [A], ["skipped 17 bytes that were not a message"]),
        (
            b"Content-Length: -2\r\n\r\n{}" + framed(A),
            [A],
            [
                "skipped a header block: its Content-Length is not a number: '-2'",
                "skipped 2 bytes that were not a message",
            ],
        ),
        (
            b"Content-Length: 2\r\nContent-Length: x\r\n\r\n{}" + framed(A),
            [A],
            [
                "skipped a header block: its Content-Length is not a number: 'x'",
                "skipped 2 bytes that were not a message",
            ],
        ),
        (
            b"Content-Length: 0\r\n\r\n" + framed(A),
            [A],
            [not_json(b"")],
        ),
        (
            b"Content-Length: 3\r\n\r\n\xff\xfe{" + framed(A),
            [A],
            [not_json(b"\xff\xfe{")],
        ),
        (
            b"Content-Length: 3001\r\n\r\n" + b"[" * 3001 + framed(A),
            [TooDeep("[" * 3001), A],
            [],
        ),
        (framed(A)[:-3], [], [f"the input ended inside a message of {len(json.dumps(A))} bytes"]),
        (
            b"Content-Length: 99999999999999999999\r\n\r\n" + framed(A),
            [A],
            ["skipped a message of 99999999999999999999 bytes: over the limit of 1048576 bytes"],
        ),
        (
            b"Content-Length: " + b"7" * 50 + b"\r\n\r\n" + framed(A),
            [A],
            ["skipped a message of " + "7" * 40 + "... bytes: over the limit of 1048576 bytes"],
        ),
        (b"Content-Length: " + b"0" * 40 + b"%d\r\n\r\n" % len(json.dumps(A)) + json.dumps(A).encode(), [A], []),
        (
            b"x" * (3 * LINE_LIMIT) + framed(A) + b"y" * 10,
            [A],
            [f"skipped {3 * LINE_LIMIT} bytes that were not a message", "skipped 10 bytes that were not a message"],
        ),
    ],
    ids=[
        "two",
        "any-case",
        "lf-only",
        "spaces-and-other-headers",
        "any-json-value",
        "too-short",
        "too-long",
        "too-long-then-garbage",
        "garbage",
        "negative",
        "one-length-wrong",
        "zero",
        "not-utf8",
        "deep",
        "cut-at-the-end",
        "huge",
        "50-digits",
        "leading-zeros",
        "overlong-line",
    ],
)
def test_the_reader_reads_messages_and_skips_the_rest_saying_so(stream, values, said, size):
    assert read_all(stream, size) == (values, said)


def test_a_body_over_the_limit_is_skipped_without_being_held():
    """The body is read as lines of at most LINE_LIMIT bytes: the largest piece held is bounded, not the body."""
    body = json.dumps({"text": "a" * (4 << 20)}).encode()
    stream = b"Content-Length: %d\r\n\r\n" % len(body) + body + framed(A)
    largest = 0
    position = 0

    def read(wanted: int) -> bytes:
        nonlocal position, largest
        largest = max(largest, wanted)
        taken = stream[position : position + min(wanted, 65536)]
        position += len(taken)
        return taken

    said: list[str] = []
    reader = MessageReader(read, said.append, limit=1 << 20)
    assert reader.next() == (A,)
    assert reader.next() is None
    assert said == [
        f"skipped a message of {len(body)} bytes: over the limit of {1 << 20} bytes",
        f"skipped {len(body)} bytes that were not a message",
    ]
    assert largest <= 65536


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        (
            '{"jsonrpc": "2.0", "id": 7, "method": "m", "params": ' + "[" * 5000 + "]" * 5000 + "}",
            {"jsonrpc": "2.0", "id": 7, "method": "m", "params": None},
        ),
        (
            '{"params": {"id": 1, "method": "no"}, "id": "x\\"y", "method": ' + "[" * 3000,
            {"params": None, "id": 'x"y', "method": None},
        ),
        ('{"a": "b:c", "d": -1.5e3, "\\u0069d": 3}', {"a": "b:c", "d": -1500.0, "id": 3}),
        ('{"id": 1, "id": 2}', {"id": 1}),
        ('[{"id": 1}]', {}),
        ('{"id": tru', {"id": None}),
    ],
    ids=["deep-params", "deep-method", "escapes", "first-of-twice", "not-an-object", "cut"],
)
def test_the_keys_of_a_message_too_deep_to_read_are_found_without_reading_it(text, keys):
    assert top_level(text) == keys
