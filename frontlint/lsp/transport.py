"""The LSP base protocol on a byte stream: header blocks and JSON bodies, read leniently and within bounds.

A message is a block of header lines (``Name: value``, ended by an empty line) then a body of
``Content-Length`` bytes holding one JSON value. It is read as HTTP readers read headers: names
in any case, lines ended by CRLF or a lone LF, headers other than ``Content-Length`` ignored (the
last ``Content-Length`` counts). Whatever is not a message is skipped, with one line said about
it, up to the next line that ends in a ``Content-Length`` header, whatever comes before it on the
line (a JSON body never holds such a line: its line breaks are only between tokens, and a key
ends with a quote):

- garbage between messages, or a header block without a valid ``Content-Length``;
- a body cut short by a ``Content-Length`` too small (it is not JSON), and the rest of it;
- a body over :data:`MAX_MESSAGE_BYTES`, which is never read into memory.

A body longer than its JSON value (a ``Content-Length`` too large, or trailing bytes) gives its
value, and the bytes after the value are read again as what follows. A body is UTF-8 (a byte
that is not stays in the strings read, escaped as a lone surrogate), may start with a byte order
mark, and may hold an integer of any length (one of over 4,300 digits is read as infinite, as
``int()`` would take quadratic time); JSON nested deeper than Python's reader goes is given as
:class:`TooDeep`. Memory stays within the message limit: a line is looked at
:data:`LINE_LIMIT` bytes at a time. Nothing here waits but for bytes to come.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TextIO, TypeVar

MAX_MESSAGE_BYTES = 64 * 1024 * 1024
LINE_LIMIT = 64 * 1024
CHUNK = 64 * 1024
# Kept of an overlong line when its start is skipped, so that a header at its end is still found whole.
OVERLAP = 256
PREFIX = "frontlint lsp: "

_TOKEN = rb"[A-Za-z0-9!#$%&'*+.^_`|~-]+"  # a header name (RFC 9110)
HEADER_LINE = re.compile(rb"(" + _TOKEN + rb")[ \t]*:[ \t]*(.*?)[ \t]*\r?\n")
CONTENT_LENGTH_AT_END = re.compile(rb"content-length[ \t]*:[ \t]*[0-9]+[ \t]*\r?\n\Z", re.IGNORECASE)


def _number(digits: str) -> int | float:
    """A JSON integer; one of more than 4,300 digits (which ``int()`` refuses, it would take quadratic time) is infinite."""
    if len(digits) <= 4300:
        return int(digits)
    return float("-inf") if digits.startswith("-") else float("inf")


_JSON = json.JSONDecoder(parse_int=_number)
Result = TypeVar("Result")
_SPACE = re.compile(r"[ \t\r\n]*")  # JSON's white space


@dataclass(frozen=True)
class TooDeep:
    """A body whose JSON nests deeper than Python's reader goes (about 1,000 levels): its text, to find its id in."""

    text: str


@dataclass
class _Block:
    """The header block being read: its ``Content-Length`` (``None``: none yet) and what is wrong with it."""

    length: int | None = None
    wrong: str | None = None
    declared: str = ""  # the Content-Length as written, shortened


class MessageReader:
    """The JSON values of the messages on a stream, each found as :mod:`this module <frontlint.lsp.transport>` says.

    ``read(n)`` gives from 1 to ``n`` bytes, waiting for at least one, or ``b""`` at the end
    (as ``BufferedReader.read1`` does); ``say`` takes one line about what was skipped.
    """

    def __init__(self, read: Callable[[int], bytes], say: Callable[[str], None], limit: int = MAX_MESSAGE_BYTES):
        """A reader of ``read``'s bytes that says what it skips to ``say``; bodies over ``limit`` bytes are skipped."""
        self._read = read
        self._say = say
        self.limit = limit
        self._buffer = bytearray()
        self._skipped = 0

    def next(self) -> tuple[Any] | None:
        """The next message's JSON value (in a 1-tuple: ``null`` is a value), or ``None`` at the end of the stream."""
        while True:
            block = self._header_block()
            if block is None or block.length is None:
                return None
            length = block.length
            if length > self.limit:
                self._say(f"skipped a message of {block.declared} bytes: over the limit of {self.limit} bytes")
                continue
            body = self._exactly(length)
            if body is None:
                self._say(f"the input ended inside a message of {length} bytes")
                return None
            value = self._decode(body)
            if value is not None:
                return value

    def _decode(self, body: bytes) -> tuple[Any] | None:
        """The JSON value at the start of ``body``; bytes after it are read again; ``None`` if there is none."""
        text = body.decode("utf-8", "surrogateescape")
        try:
            value, end = _JSON.raw_decode(text, _after_space(text, 1 if text.startswith("\ufeff") else 0))
        except RecursionError:
            return (TooDeep(text),)
        except ValueError as error:
            self._say(f"skipped a message that is not JSON: {str(error).splitlines()[0][:200]}")
            return None
        rest = text[_after_space(text, end) :]
        if rest:
            again = rest.encode("utf-8", "surrogateescape")
            self._say(f"a message ended {len(again)} bytes before its Content-Length: reading on from its end")
            self._buffer[:0] = again
        return (value,)

    def _header_block(self) -> _Block | None:
        """The next header block with a valid ``Content-Length``, skipping anything else; ``None`` at the end."""
        block: _Block | None = None
        while True:
            line = self._line()
            if line is None:
                self._said_skipped()
                return None
            if block is not None:
                if line.rstrip(b"\r\n") == b"":
                    if block.length is not None:
                        self._said_skipped()
                        return block
                    self._say(f"skipped a header block: {block.wrong or 'it has no Content-Length'}")
                    block = None
                    continue
                if self._header(block, line):
                    continue
                block = None  # not a header: what came before was no message either
            block = _Block()
            if not self._header(block, line):
                self._skipped += len(line)
                block = None

    def _header(self, block: _Block, line: bytes) -> bool:
        """Take ``line`` into ``block`` if it is a header or ends in a ``Content-Length`` one; whether it did.

        A ``Content-Length`` header at the end of a line counts whatever comes before it on the
        line (the rest of a cut body, garbage): those bytes are skipped.
        """
        found = CONTENT_LENGTH_AT_END.search(line)
        if found is None and not HEADER_LINE.fullmatch(line):
            return False
        start = 0 if found is None else found.start()
        self._skipped += start
        _take_header(block, line[start:])
        return True

    def _said_skipped(self) -> None:
        """Say how many bytes were skipped since the last message, if any were."""
        if self._skipped:
            bytes_were = "byte that was" if self._skipped == 1 else "bytes that were"
            self._say(f"skipped {self._skipped} {bytes_were} not a message")
            self._skipped = 0

    def _line(self) -> bytes | None:
        """The next line with its end, or a piece of an overlong one; ``None`` at the end of the stream."""
        while True:
            newline = self._buffer.find(b"\n")
            if newline >= 0:
                return self._take(newline + 1)
            if len(self._buffer) >= LINE_LIMIT:
                return self._take(len(self._buffer) - OVERLAP)
            if not self._fill(CHUNK):
                return self._take(len(self._buffer)) if self._buffer else None

    def _exactly(self, size: int) -> bytes | None:
        """The next ``size`` bytes; ``None`` if the stream ends before."""
        while len(self._buffer) < size:
            if not self._fill(max(CHUNK, size - len(self._buffer))):
                return None
        return self._take(size)

    def _fill(self, size: int) -> bool:
        """Read up to ``size`` more bytes into the buffer; ``False`` at the end of the stream."""
        data = self._read(size)
        self._buffer += data
        return bool(data)

    def _take(self, size: int) -> bytes:
        """The first ``size`` bytes of the buffer, taken out of it."""
        taken = bytes(self._buffer[:size])
        del self._buffer[:size]
        return taken


def _take_header(block: _Block, line: bytes) -> None:
    """Note a header line in ``block``: a ``Content-Length`` is kept (or noted wrong), other headers are ignored."""
    found = HEADER_LINE.fullmatch(line)
    assert found is not None
    if found.group(1).lower() != b"content-length":
        return
    value = found.group(2)
    shown = value[:40].decode("ascii", "replace") + ("..." if len(value) > 40 else "")
    if not value.isdigit():  # the last Content-Length counts
        block.length, block.wrong = None, f"its Content-Length is not a number: {shown!r}"
        return
    # int() refuses a string of more than 4,300 digits; past 30 (leading zeros aside), it is over any limit all the same.
    significant = value.lstrip(b"0")
    block.length, block.wrong = int(significant or b"0") if len(significant) <= 30 else 10**30, None
    block.declared = shown


def _after_space(text: str, start: int) -> int:
    """Where the JSON white space from ``start`` ends."""
    found = _SPACE.match(text, start)
    return found.end() if found else start


def _writable(line: str) -> str:
    """``line`` with what UTF-8 cannot encode (a lone surrogate the client sent) as a backslash escape."""
    return line.encode("utf-8", "backslashreplace").decode("utf-8")


def say_on(stream: TextIO) -> Callable[[str], None]:
    """A function writing one line (``frontlint lsp: ...``) to ``stream`` for each thing it is told."""

    def say(line: str) -> None:
        print(_writable(PREFIX + line), file=stream, flush=True)

    return say


class OneLine(logging.Formatter):
    """A log record as one line: its message's first line, without a traceback."""

    def format(self, record: logging.LogRecord) -> str:
        """``frontlint lsp: pygls: <the first line of the message>``."""
        message = record.getMessage().strip().splitlines()
        return _writable(f"{PREFIX}{record.name.split('.')[0]}: {message[0][:300] if message else ''}")


def one_line_logging(stream: TextIO = sys.stderr) -> None:
    """Warnings and errors logged (by pygls, asyncio) or warned as one line each on ``stream``, never a traceback."""
    handler = logging.StreamHandler(stream)
    handler.setFormatter(OneLine())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.WARNING)
    logging.captureWarnings(True)


async def serve(messages: MessageReader, receive: Callable[[Any], None], say: Callable[[str], None]) -> None:
    """Give each message's value to ``receive``, in this event loop, until the stream ends.

    Each read waits in a daemon thread, so that a client that neither writes nor closes never
    keeps the process from exiting. Should ``receive`` fail, one line is said and the next
    message read: no message stops the server.
    """
    loop = asyncio.get_running_loop()
    while True:
        message = await _in_thread(loop, messages.next)
        if message is None:
            return
        try:
            receive(message[0])
        except Exception as error:
            say(f"internal error on a message, please report it: {type(error).__name__}: {error}".splitlines()[0])


def _in_thread(loop: asyncio.AbstractEventLoop, work: Callable[[], Result]) -> asyncio.Future[Result]:
    """``work()`` run in a new daemon thread, as a future of ``loop``."""
    future: asyncio.Future[Result] = loop.create_future()

    def run() -> None:
        try:
            result = work()
        except BaseException as error:  # given to the loop, which raises it
            loop.call_soon_threadsafe(_settle_error, future, error)
        else:
            loop.call_soon_threadsafe(_settle, future, result)

    threading.Thread(target=run, name="frontlint-lsp-reader", daemon=True).start()
    return future


def _settle(future: asyncio.Future[Result], result: Result) -> None:
    if not future.done():
        future.set_result(result)


def _settle_error(future: asyncio.Future[Any], error: BaseException) -> None:
    if not future.done():
        future.set_exception(error)
